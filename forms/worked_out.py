"""The dates a document works out from the answers, for check your answers to show.

A letter that prints a deadline the user never typed should show it before it is sent, not
only in the document. Each function gives (label, value) rows from the same rules the
document uses (forms/deadlines.py, with the time limits of forms/law.py), or no rows while an
answer they need is missing.
"""

from forms import deadlines, law
from forms.formatting import long_date
from forms.records_rights import routes
from service import dates


def _limit(key, day):
    limit = law.TIME_LIMITS[key]
    return (limit.description, f"{long_date(day)} ({law.limit_text(key)} of receiving it)")


def _ehc_limits(received, keys=deadlines.EHC_STEPS):
    due = deadlines.ehc_deadlines(received)
    return [_limit(key, due[key]) for key in keys]


# The time limits the missed-deadline letter gives for each stage the council has reached (its
# `_time_limits`), here and in its reminders; tests/forms/test_worked_out.py checks each
# date shown is one it prints.
MISSED_LETTER_LIMITS = {
    "no-decision": ("decide-to-assess", "decide-to-issue", "final-plan"),
    "assessing": ("decide-to-issue", "final-plan"),
    "issuing": ("final-plan",),
    "draft": ("final-plan",),
    "no-plan": ("decide-to-issue",),
}


def concern_letter(_answers):
    today = dates.today()
    return [
        ("Date of the letter", f"{long_date(today)} (today)"),
        ("Reply asked for by", long_date(deadlines.reply_by(today))),
    ]


def ehc_request(answers):
    received = deadlines.received_on(answers)
    if received is None:
        return []
    counted = ("The council should count it as received on", long_date(received))
    return [counted, *_ehc_limits(received)]


def records_request(answers):
    """Only where the letter makes a subject access request, whose month it works out; and,
    as the letter does, on the condition that the school is not maintained where that is
    what decides whether the request is made."""
    route = routes(answers)
    received = deadlines.subject_access_received_on(answers)
    if route.subject_access is None or received is None:
        return []
    due = long_date(deadlines.subject_access_due(received))
    condition = f"if the school gets the letter on {long_date(received)}"
    if route.subject_access == "if_not_maintained":
        condition += " and is not maintained"
    return [("Reply to the subject access request due by", f"{due}, {condition}")]


def missed_deadline_letter(answers):
    received = deadlines.received_on(answers)
    limits = MISSED_LETTER_LIMITS.get(answers.get("ehc_stage"))
    if received is None or limits is None:
        return []
    today = dates.today()
    return [
        ("The council received the request on", long_date(received)),
        *_ehc_limits(received, limits),
        ("Date of the letter", f"{long_date(today)} (today)"),
        ("Action asked for by", long_date(deadlines.missed_deadline_action_by(today))),
    ]
