"""One vocabulary: the name of every fact more than one document asks, and the question that
asks it, declared once.

A fact has one field name in every document, so that answers can pass from one document to
the next, come in from a school's register, and fill organisations' packs. Labels may differ
from one document to another; names do not. docs/glossary.md lists the names and what each
means, and a test holds the documents to it.

Questions speak to whoever is writing: a parent ("your child"), a young person writing for
themselves ("you") or a school ("the pupil"). A document written by one kind of writer fixes
the voice; one that any of them may write (`BY_WRITER`) follows the answer to `writer`.
"""

import datetime
import re

from wtforms.validators import ValidationError

from service import dates
from service.catalogue import is_prompt
from service.fields import (
    ChoiceField,
    DateField,
    EmailField,
    LongTextField,
    PhoneField,
    TextField,
    Varies,
    YesNoField,
)

PARENT, YOUNG_PERSON, SCHOOL = "parent", "young_person", "school"
BY_WRITER = "by-writer"  # the voice follows the answer to `writer`
LATEST_SENDING_DAYS = 90  # further ahead than this, a date to send on is a typing slip


class By(dict):
    """Wording for each voice, such as By(parent="Your child's full name", school=...); a
    voice missing falls back to the parent's."""


def voiced(voice, value):
    """The wording for a fixed voice, or a Varies that follows the answer to `writer`."""
    if not isinstance(value, By):
        return value
    if voice == BY_WRITER:
        return Varies(lambda answers: value.get(answers.get("writer"), value[PARENT]))
    return value.get(voice, value[PARENT])


def question(kind, voice, wording, overrides):
    """A question of `kind` with the shared wording, as a document changes it."""
    return kind(**{key: voiced(voice, value) for key, value in {**wording, **overrides}.items()})


# --- The child -----------------------------------------------------------------------------

NOT_FOR_YOUNG_PERSON = By(parent=True, young_person=False, school=True)


def child_name(voice=PARENT, **overrides):
    return question(TextField, voice, {
        "label": By(parent="Your child's full name", young_person="Your full name",
                    school="Pupil's full name"),
        "required": By(parent="Enter your child's full name", young_person="Enter your full name",
                       school="Enter the pupil's full name"),
        "prompt": By(parent="child's full name", young_person="your full name",
                     school="pupil's full name"),
        # A young person's own name; a browser must not offer a parent's for their child's.
        "autocomplete": By(parent=None, young_person="name", school=None),
    }, overrides)  # fmt: skip


def child_known_as(voice=PARENT, **overrides):
    return question(TextField, voice, {
        "label": By(parent="What name does your child usually go by? (optional)",
                    school="What name does the pupil usually go by? (optional)"),
        "hint": "For example, Sam. Leave this blank to use their first name.",
        "error_name": By(parent="The name your child goes by", school="The name the pupil goes by"),
        "prompt": By(parent="child's name", school="pupil's name"),
        "asked": NOT_FOR_YOUNG_PERSON,  # a young person writing for themselves is "I"
    }, overrides)  # fmt: skip


def child_dob(voice=PARENT, **overrides):
    return question(DateField, voice, {
        "label": By(parent="Date of birth", young_person="Your date of birth"),
        "required": By(parent="Enter your child's date of birth",
                       young_person="Enter your date of birth",
                       school="Enter the pupil's date of birth"),
        "error_name": "Date of birth",
        "prompt": "date of birth",
        "not_after_today": True,
        "checks": (fits_year_group,),
        # A young person's own date of birth, which a browser can fill in (WCAG 1.3.5).
        "autocomplete": By(parent=None, young_person="bday", school=None),
    }, overrides)  # fmt: skip


def year_group(voice=PARENT, *, required=True, **overrides):
    return question(TextField, voice, {
        "label": "Year group" if required else By(parent="Year group (optional)",
                                                   young_person="Your year group (optional)"),
        "required": required and By(parent="Enter your child's year group",
                                    school="Enter the pupil's year group"),
        "hint": By(parent="For example, Reception or Year 4", school="For example, Year 5"),
        "error_name": "Year group",
        "prompt": "year group",
        "max_length": 40,
    }, overrides)  # fmt: skip


_YEAR = re.compile(r"(?:year|yr|y)?\s*(\d{1,2})|(reception|rec|r)", re.IGNORECASE)


def school_year(text):
    """'Year 4', 'Y4' or '4' -> 4; 'Reception' -> 0; anything else (an explanation, a key
    stage, 'left in 2024') -> None."""
    match = _YEAR.fullmatch((text or "").strip())
    if not match:
        return None
    return 0 if match.group(2) else int(match.group(1))


def usual_school_year(born, on):
    """The year group a child born on `born` is usually in on `on`, in England: Reception in
    the school year (1 September to 31 August) in which they turn 5."""

    def start(day):
        return day.year if day.month >= 9 else day.year - 1

    return start(on) - (start(born) + 5)


# A pupil in Year 12 or above is over compulsory school age: a young person in law, who may
# ask for an EHC needs assessment (CFA s36(1)), is told of SEN provision (s68) and agrees for
# themselves. (Strictly it ends on the last Friday in June of Year 11; schools count by year.)
FIRST_YOUNG_PERSON_YEAR = 12
# Sixth-form names, as the whole of a year group, and the year each means: "Sixth form" and
# "Year 12/13" could be either year, and both are over compulsory school age.
_SIXTH_FORM_NAMES = (
    (re.compile(r"l(?:ower)?\s*(?:6|6th|sixth)(?:\s*form)?"), 12),
    (re.compile(r"u(?:pper)?\s*(?:6|6th|sixth)(?:\s*form)?"), 13),
    (re.compile(r"(?:the\s*)?(?:sixth(?:\s*form)?|6th\s*form)"), 12),
)
# A year at the start of a longer answer: "Year 12, taught with Year 11", "Y12-13", "Year 12/13".
_YEAR_AT_START = re.compile(r"(?:year|yr|y)\s*(\d{1,2})\b")


def year_group_number(year_group):
    """The school year a year group names: as school_year reads it ('Year 4', '12',
    'Reception'); a sixth-form name ('Lower sixth', 'L6': 12; 'Upper sixth', 'U6': 13; 'Sixth
    form': 12); or a year that starts a longer answer ('Year 12, taught with Year 11'). None
    for anything else ('Post-16', 'Willow class')."""
    if not isinstance(year_group, str) or is_prompt(year_group):
        return None
    typed = " ".join(year_group.casefold().split())
    year = school_year(typed)
    if year is not None:
        return year
    for pattern, year in _SIXTH_FORM_NAMES:
        if pattern.fullmatch(typed):
            return year
    match = _YEAR_AT_START.match(typed)
    return int(match.group(1)) if match else None


def pupil_school_year(answers, on=None):
    """The pupil's school year: the year group's, or else the usual one for their date of
    birth on `on` (the day the document is about; today by default). None with neither."""
    year = year_group_number(answers.get("year_group"))
    born = answers.get("child_dob")
    if year is not None or not isinstance(born, str) or not born[:1].isdigit():
        return year
    on = datetime.date.fromisoformat(on) if isinstance(on, str) and on[:1].isdigit() else None
    return usual_school_year(datetime.date.fromisoformat(born), on or dates.today())


def is_young_person(answers, on=None):
    """Whether the pupil is over compulsory school age (Year 12 or above), by
    pupil_school_year."""
    year = pupil_school_year(answers, on)
    return year is not None and year >= FIRST_YOUNG_PERSON_YEAR


# Children with SEN are often taught a year or two away from their age group (a summer-born
# child who started school a year late, one kept back a year); a date of birth further from
# the year group than this is most likely a slip in one of the two answers.
YEARS_FROM_YEAR_GROUP = 2
LAST_SCHOOL_YEAR = 14  # some special schools have a Year 14, for 18 to 19 year olds


def born_for_year_group(year, on, spread=0):
    """(first, last) dates of birth of children usually `spread` school years either side
    of school year `year` (0 for Reception) on the day `on`: in England a school year runs
    from 1 September to 31 August."""
    started = (on.year if on.month >= 9 else on.year - 1) - 5 - year  # the usual birth year
    return datetime.date(started - spread, 9, 1), datetime.date(started + spread + 1, 8, 31)


def fits_year_group(form, field):
    """A date of birth must be within YEARS_FROM_YEAR_GROUP school years of the year group
    given with it (or earlier). Only a plain year group is checked: 'Nursery', 'Post-16' or
    'Year 5, taught with Year 3' is taken as written."""
    year = school_year(_year_group_given(form, field))
    if field.data is None or field.errors or year is None or year > LAST_SCHOOL_YEAR:
        return  # no date, or one already wrong (in the future, say): one message is enough
    first, last = born_for_year_group(year, dates.today(), YEARS_FROM_YEAR_GROUP)
    if first <= field.data <= last:
        return
    year_text = "Reception" if year == 0 else f"Year {year}"
    who = "a young person" if year >= FIRST_YOUNG_PERSON_YEAR else "a child"
    raise ValidationError(
        f"{field.error_name} must be between {dates.long_date(first)} and "
        f"{dates.long_date(last)} for {who} in {year_text}. Check the date of birth and the "
        f"year group. If both are right, say so after the year group, like '{year_text}, "
        "taught out of year group'"
    )


def _year_group_given(form, field):
    if "year_group" in form:
        asked = form["year_group"]
        return asked.data if asked.asked else None
    return field.earlier.get("year_group")


# --- The writer ----------------------------------------------------------------------------


def writer_name(voice=PARENT, **overrides):
    return question(TextField, voice, {
        "label": "Your full name", "required": "Enter your full name", "prompt": "your name",
        "asked": NOT_FOR_YOUNG_PERSON,  # their name is the child's name
        "autocomplete": "name",
    }, overrides)  # fmt: skip


def writer_relationship(voice=PARENT, document_noun="letter", **overrides):
    return question(TextField, voice, {
        "label": "Your relationship to the child (optional)",
        "hint": "For example, mother, father, carer or grandparent. If you leave this blank, "
                f"the {document_noun} says 'parent'.",
        "prompt": "mother, father or carer",
        "max_length": 60,
        "asked": NOT_FOR_YOUNG_PERSON,
    }, overrides)  # fmt: skip


def writer_address(voice=PARENT, **overrides):
    return question(LongTextField, voice, {
        "label": "Your address", "required": "Enter your address",
        "hint": "Put each line of the address on a new line.", "prompt": "your address",
        "max_length": 500, "asked": By(parent=True, school=False),  # a school's is school_address
        "autocomplete": "street-address",
    }, overrides)  # fmt: skip


def writer_email(**overrides):
    return EmailField(**overrides)


def writer_phone(**overrides):
    return PhoneField(**overrides)


# --- The school and the council ------------------------------------------------------------

SCHOOL_TYPES = (
    ("maintained", "A maintained school (run by the local council)"),
    ("academy", "An academy or free school"),
    ("independent", "An independent (private) school"),
    ("not_sure", "I'm not sure"),
)


def school_name(voice=PARENT, **overrides):
    return question(TextField, voice, {
        "label": "Name of the school", "required": "Enter the name of the school",
        "prompt": "name of the school",
    }, overrides)  # fmt: skip


def school_address(voice=PARENT, **overrides):
    return question(LongTextField, voice, {
        "label": "School address (optional)", "hint": "Put each line of the address on a new line.",
        "prompt": "school address", "max_length": 500,
    }, overrides)  # fmt: skip


def school_type(*, independent=False, hint=None):
    choices = [choice for choice in SCHOOL_TYPES if independent or choice[0] != "independent"]
    return ChoiceField(
        "What type of school is it?", choices, "Select what type of school it is", hint=hint
    )


def senco_name(voice=SCHOOL, **overrides):
    return question(TextField, voice, {
        "label": "SENCO's name", "required": "Enter the SENCO's name", "prompt": "SENCO's name",
        "hint": "The SENCO is the special educational needs co-ordinator. For example, Mrs Patel.",
    }, overrides)  # fmt: skip


def la_name(**overrides):
    return TextField(**{
        "label": "Name of the council", "required": "Enter the name of the council",
        "hint": "For example, Leeds City Council", "prompt": "name of the council", **overrides,
    })  # fmt: skip


def la_address(**overrides):
    return LongTextField(**{
        "label": "The council's address (optional)",
        "hint": "Put each line of the address on a new line.", "prompt": "council's address",
        "max_length": 500, **overrides,
    })  # fmt: skip


# --- Sending -------------------------------------------------------------------------------

SENT_BY = (
    ("email", "By email"),
    ("hand", "By hand"),
    ("signed-post", "By signed-for post"),
    ("first-class-post", "By first-class post"),
)


def sent_on_future(thing, **overrides):
    """When a letter the service writes will be sent: it is dated that day."""
    return DateField(**{
        "label": f"When will you send the {thing}?",
        "required": f"Enter the date you will send the {thing}",
        "hint": "The letter will have this date on it.",
        "error_name": f"The date you will send the {thing}",
        "prompt": "date",
        "checks": (_not_far_ahead,),
        **overrides,
    })  # fmt: skip


def _not_far_ahead(_form, field):
    # Not in the past either: the letter is dated that day, and the time limits it gives
    # count from it; a letter already sent is not one the service writes.
    if field.data and field.data < dates.today():
        raise ValidationError(f"{field.error_name} must be today or in the future")
    latest = dates.today() + datetime.timedelta(days=LATEST_SENDING_DAYS)
    if field.data and field.data > latest:
        raise ValidationError(
            f"{field.error_name} must be the same as or before {dates.long_date(latest)}"
        )


def sent_by(thing, **overrides):
    return ChoiceField(**{
        "label": f"How will you send the {thing}?", "choices": SENT_BY,
        "required": f"Select how you will send the {thing}",
        "hint": "Email and signed-for post give you proof that you sent it.", **overrides,
    })  # fmt: skip


def sent_after_5pm(**overrides):
    return YesNoField(**{
        "label": "Will you send it or hand it in after 5pm?",
        "required": "Select yes if you will send it or hand it in after 5pm",
        "hint": "Anything that arrives after 5pm, or on a weekend or bank holiday, usually "
                "counts as received on the next working day.",
        **overrides,
    })  # fmt: skip
