"""Which rights a request for school records uses, and when the child's own say matters.

A parent at a maintained school may see, or have a copy of, the child's educational record;
anyone may make a subject access request for all the personal information a school holds,
which is the only route at academies and independent schools and for young people asking
for their own records.
"""

import datetime
from typing import NamedTuple

from service.catalogue import is_prompt

# From about 12 a child's own right over their information matters: a guide for when to raise
# their consent (secondary sources only), not a legal threshold.
CHILD_CONSENT_AGE = 12


class Routes(NamedTuple):
    """Which rights the letter uses. `unsure`: the type of school is not known (or this is a
    blank template), so each request says which kind of school it is for."""

    record: str | None  # "see" or "copy" the educational record (maintained schools only)
    subject_access: str | None  # "always" or "if_not_maintained"
    unsure: bool = False


def routes(answers):
    school_type = answers.get("school_type")
    if answers.get("writer") == "young_person" or school_type in ("academy", "independent"):
        return Routes(None, "always")
    wants = answers.get("wants")
    if wants not in ("see", "copy"):
        wants = "all"  # also a blank template's prompt: ask for everything, in both ways
    record = "see" if wants == "see" else "copy"
    if school_type == "maintained":
        return Routes(record, "always" if wants == "all" else None)
    return Routes(record, "always" if wants == "all" else "if_not_maintained", unsure=True)


def age_on(birth, on):
    """Whole years from an ISO date of birth to an ISO date, or None if either is missing."""
    if not birth or not on or is_prompt(birth) or is_prompt(on):
        return None
    birth, on = datetime.date.fromisoformat(birth), datetime.date.fromisoformat(on)
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def asks_child_consent(answers):
    """A parent's subject access request for a child about 12 or older on the sending day."""
    if answers.get("writer") != "parent" or routes(answers).subject_access is None:
        return False
    age = age_on(answers.get("child_dob"), answers.get("sent_on"))
    return age is not None and age >= CHILD_CONSENT_AGE
