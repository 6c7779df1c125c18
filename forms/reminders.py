"""The dates a document gives, as reminders: what is due on each day and what to do then.

Worked out only by the rules the documents print their dates with (forms/deadlines.py, the
law register's time limits, each document's own date logic), so a calendar made from them
cannot disagree with the letter. Titles and actions name no child: calendar entries sync to
phones and clouds. A date the answers do not give, or the document does not work out, has no
reminder.

Keys, for linking the letter that follows a date:
- concern letter: reply-by, and records-due where it makes a subject access request;
- EHC needs assessment request: ehc-decide-to-assess, ehc-decide-plan, ehc-final-plan;
- records request: records-due, where it makes a subject access request;
- missed-deadline letter: action-by, and ehc-decide-plan or ehc-final-plan while still to come;
- SEN support plan: review-1, review-2, review-3;
- SEN support plan review: next-review.
"""

import datetime
from dataclasses import dataclass

import forms
from forms import deadlines, law
from forms import vocabulary as v
from forms.records_rights import routes
from forms.worked_out import MISSED_LETTER_LIMITS
from service import dates


@dataclass(frozen=True)
class Reminder:
    """One date to remember. `key` is stable, for linking the letter that follows it."""

    key: str
    day: datetime.date
    title: str  # short, for a calendar entry and a list
    action: str  # what to do on the day, in plain English
    cites: str  # the law behind the date, as the register cites it; "" where no law sets it


def reminders(document_slug: str, answers: dict) -> list[Reminder]:
    """The reminders of the document `document_slug` for its validated answers, as its
    DocumentType declares them (none if it declares none)."""
    document = next((d for d in forms.CATALOGUE if d.slug == document_slug), None)
    if document is None:
        raise KeyError(f"no document {document_slug!r}")
    return document.reminders(answers) if document.reminders else []


ASKED_FOR = "This is the date your letter asked for, not a legal time limit."


def concern_letter(answers):
    """The reply the letter asks for, 10 working days from its date (today); and, where it
    makes a subject access request (an academy), the month the law gives, as the letter
    works it out: from the school getting the letter today."""
    today = dates.today()
    found = [
        Reminder(
            key="reply-by",
            day=deadlines.reply_by(today),
            title="Reply due from the school",
            action=f"If the school has not replied to your letter, contact it to ask when it "
            f"will. {ASKED_FOR}",
            cites="",
        )
    ]
    if "records" in (answers.get("requests") or []) and answers.get("school_type") == "academy":
        found.append(_subject_access(deadlines.subject_access_due(today), received=today))
    return found


def records_request(answers):
    """The month for a subject access reply, from the day the letter arrives as the ICO
    counts it; none for the educational record alone, whose school days the service cannot
    count. Where post can only be assumed to arrive on a day, the reminder says which."""
    route = routes(answers)
    received = deadlines.subject_access_received_on(answers)
    if route.subject_access is None or received is None:
        return []
    assumed = None if answers.get("sent_by") in ("email", "hand") else received
    return [
        _subject_access(
            deadlines.subject_access_due(received),
            received=assumed,
            only_if_not_maintained=route.subject_access == "if_not_maintained",
        )
    ]


def _subject_access(due, *, received=None, only_if_not_maintained=False):
    extension = law.TIME_LIMITS["subject-access-extension"].amount
    action = (
        "If the school has not sent the information, or told you it needs up to "
        f"{extension} more months, write to remind it. If it still does not reply, you can "
        "complain to the Information Commissioner's Office (ICO)."
    )
    if received is not None:
        getting = f"the school getting your letter on {dates.long_date(received)}"
        action += f" This date counts from {getting}."
    if only_if_not_maintained:
        action += " It applies if the school is not maintained."
    return Reminder(
        key="records-due",
        day=due,
        title="Reply due to your request for records",
        action=action,
        cites=law.cite(law.TIME_LIMITS["subject-access"].citation),
    )


def ehc_request(answers):
    """The 6, 16 and 20 weeks from the day the council should count the request received.
    A school's request is followed up by the family, or by the pupil once a young person:
    the council tells them, and the missed time limit letter is theirs."""
    received = deadlines.received_on(answers)
    if received is None:
        return []
    whom = "you"
    if answers.get("writer") == v.SCHOOL:
        young = v.is_young_person(answers, on=answers.get("sent_on"))
        whom = "the young person" if young else "the family"
    return [_ehc(limit, day, whom) for limit, day in deadlines.ehc_deadlines(received).items()]


# What must have happened by the end of the day each EHC time limit ends, by the deadlines'
# keys ({whom}: who the council tells), with the reminder's key and what the letter after it
# is about. A council that will issue a plan has not missed the 16 weeks by not saying so:
# that limit is for telling the family it will not (as the missed time limit letter says).
_EHC = {
    "decide-to-assess": (
        "ehc-decide-to-assess",
        "If the council has not told {whom} by the end of today whether it will carry out "
        "the assessment",
        "the missed time limit",
    ),
    "decide-to-issue": (
        "ehc-decide-plan",
        "If the council is assessing and has not told {whom} by the end of today whether it "
        "will issue an EHC plan",
        f"the {law.TIME_LIMITS['decide-to-issue'].amount}-week time limit",
    ),
    "final-plan": (
        "ehc-final-plan",
        "If the council is issuing an EHC plan and the final plan has not reached {whom} by "
        "the end of today",
        "the missed time limit",
    ),
}


def _ehc(limit, day, whom="you"):
    """A time limit ends on `day`: it has passed only from the next day, which is when the
    missed time limit letter can be written."""
    key, unless, about = _EHC[limit]
    who_can = "you can" if whom == "you" else f"{whom} can"
    return Reminder(
        key=key,
        day=day,
        title=f"EHC needs assessment: {law.TIME_LIMITS[limit].amount}-week time limit ends",
        action=f"{unless.format(whom=whom)}, {who_can} write to it about {about} from tomorrow.",
        cites=law.cite(law.TIME_LIMITS[limit].citation),
    )


def missed_deadline_letter(answers):
    """The date the letter asks the council to act by (5 working days from its date, today),
    and the later time limits it gives that are still to come."""
    received = deadlines.received_on(answers)
    limits = MISSED_LETTER_LIMITS.get(answers.get("ehc_stage"))
    if received is None or limits is None:
        return []
    today = dates.today()
    if answers.get("formal_complaint") is True:
        then = (
            "ask it when it will answer your complaint. When its complaints procedure is "
            "finished, you can complain to the Local Government and Social Care Ombudsman."
        )
    else:
        then = "you can make a formal complaint through its complaints procedure."
    action_by = Reminder(
        key="action-by",
        day=deadlines.missed_deadline_action_by(today),
        title="Council's reply due to your letter about the time limit",
        action=f"If the council has not done what your letter asked, {then} {ASKED_FOR}",
        cites="",
    )
    due = deadlines.ehc_deadlines(received)
    later = [_ehc(limit, due[limit]) for limit in limits if due[limit] >= today]
    return sorted([action_by, *later], key=lambda reminder: reminder.day)


def plan_reviews(reviews):
    """An SEN support plan's reviews, from its [(day, whether suggested)]: the plan's own
    dates, none of them set by law."""
    found = []
    for number, (day, suggested) in enumerate(reviews, start=1):
        chosen = (
            "This is the date the plan suggests, not a legal time limit: the school's term "
            "dates decide the real one."
            if suggested
            else "This is the date in the plan, not a legal time limit."
        )
        found.append(
            Reminder(
                key=f"review-{number}",
                day=day,
                title="SEN support plan review" + (" (suggested date)" if suggested else ""),
                action="Review the plan with the pupil and their family: how far the pupil has "
                f"got towards each outcome, and what happens next. {chosen}",
                cites="",
            )
        )
    return found


def sen_support_review(answers):
    """The next review the record gives."""
    day = answers.get("next_review")
    if not day:
        return []
    return [
        Reminder(
            key="next-review",
            day=datetime.date.fromisoformat(day),
            title="Next SEN support plan review",
            action="Review the plan again with the pupil and their family, and record how far "
            "the pupil has got. This is the date the last review set, not a legal time limit.",
            cites="",
        )
    ]
