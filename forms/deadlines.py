"""The deadlines the documents work out, from the law register's time limits and the engine's
calendar. Each says whether it is the law or the service's own reasonable request.
"""

import datetime

from forms.law import TIME_LIMITS
from service.dates import (
    add_months,
    add_weeks,
    add_working_days,
    is_working_day,
    next_working_day,
    require_date,
    working_day_on_or_after,
)


def reply_by(letter_date: datetime.date) -> datetime.date:
    """The date the service asks a school to reply by: 10 working days after the letter.

    This is the service's own reasonable request (TIME_LIMITS["school-reply"]), not a
    statutory time limit, and letters must not present it as one.
    """
    return add_working_days(letter_date, TIME_LIMITS["school-reply"].amount)


def suggested_reviews(start: datetime.date, count: int = 3) -> list[datetime.date]:
    """Review dates for an SEN support plan: `count` dates about a term apart from `start`.

    Each is 12 weeks (TIME_LIMITS["support-plan-review"]) after the one before, moved to the
    next working day if it falls on a weekend or bank holiday. A suggestion, not a legal
    limit: the school's own term dates decide the real ones.
    """
    require_date(start)
    weeks = TIME_LIMITS["support-plan-review"].amount
    dates = []
    for _ in range(count):
        start = working_day_on_or_after(add_weeks(start, weeks))
        dates.append(start)
    return dates


def subject_access_due(received: datetime.date) -> datetime.date:
    """When a subject access response is due under UK GDPR Article 12(3).

    One calendar month from the day the request is received (see add_months). Following ICO
    guidance, if that day is a weekend or bank holiday the organisation has until the next
    working day. School holidays do not pause the clock. Extensions for complex requests and
    the "stop the clock" pause while identity or scope is clarified are not included.
    """
    due = add_months(received, TIME_LIMITS["subject-access"].amount)
    return working_day_on_or_after(due)


RECEIPT_METHODS: tuple[str, ...] = ("email", "hand", "signed-post", "first-class-post")


def request_received(sent_on: datetime.date, method: str, after_5pm: bool = False) -> datetime.date:
    """The date a request counts as received, which starts the statutory clocks.

    This is advice-sector practice (IPSEA), not statute (docs/law.md):
    - email or by hand: that day, or the next working day if sent after 5pm or on a day that
      is not a working day;
    - signed-for post: the date it was signed for (`sent_on` is taken to be that date);
    - first-class post: the next working day after posting.
    `after_5pm` only matters for email and hand delivery.
    """
    require_date(sent_on)
    if method in ("email", "hand"):
        if after_5pm or not is_working_day(sent_on):
            return next_working_day(sent_on)
        return sent_on
    if method == "signed-post":
        return sent_on
    if method == "first-class-post":
        return next_working_day(sent_on)
    raise ValueError(f"unknown delivery method {method!r}; expected one of {RECEIPT_METHODS}")


def received_on(answers) -> datetime.date | None:
    """The day a request counts as received, from the answers about sending it (`sent_on`,
    `sent_by`, `sent_after_5pm`). Signed-for post counts from the day it is signed for:
    `signed_for_on` where the writer knows it, else the likeliest day, the next working day
    after posting (letters that assume it say so). None while an answer is missing."""
    method, sent = answers.get("sent_by"), answers.get("sent_on")
    if method not in RECEIPT_METHODS or not isinstance(sent, str) or not sent[:1].isdigit():
        return None
    sent = datetime.date.fromisoformat(sent)
    if method == "signed-post":
        signed = answers.get("signed_for_on")
        return datetime.date.fromisoformat(signed) if signed else next_working_day(sent)
    return request_received(sent, method, answers.get("sent_after_5pm") is True)


def subject_access_received_on(answers) -> datetime.date | None:
    """The day a subject access request is received, as the ICO counts it: the day it
    arrives, whether or not that is a working day and whatever the time. The "after 5pm or
    not a working day counts as the next working day" convention of received_on belongs to
    the SEND time limits, not to the UK GDPR. Post is taken to arrive as received_on says.
    None while an answer is missing."""
    method, sent = answers.get("sent_by"), answers.get("sent_on")
    if method in ("email", "hand") and isinstance(sent, str) and sent[:1].isdigit():
        return datetime.date.fromisoformat(sent)
    return received_on(answers)


EHC_STEPS: tuple[str, ...] = ("decide-to-assess", "decide-to-issue", "final-plan")


def ehc_deadlines(received: datetime.date) -> dict[str, datetime.date]:
    """The EHC needs assessment deadlines under the SEND Regulations 2014.

    Regulations 4(1) and 5(1) (6 weeks), 10(1) (16 weeks) and 13(2) (20 weeks) all count from
    the day the local authority receives the request, in calendar weeks, with no adjustment
    for weekends, bank holidays or school holidays. The exceptions in regulations 5(4), 10(4)
    and 13(3) can extend them; that is for the letter to flag, not for this arithmetic.
    """
    return {step: add_weeks(received, TIME_LIMITS[step].amount) for step in EHC_STEPS}


# The exception to each EHC time limit: where meeting it is impractical.
EHC_EXCEPTIONS: dict[str, str] = {
    "decide-to-assess": "send-regs-5-4",
    "decide-to-issue": "send-regs-10-4",
    "final-plan": "send-regs-13-3",
}


def missed_deadline_action_by(letter_date: datetime.date) -> datetime.date:
    """The date a missed-deadline letter asks the council to act by: 5 working days after it.

    Surrey's model, not a statutory limit (TIME_LIMITS["missed-deadline-action"]); letters must
    present it as a reasonable request, never as the law.
    """
    return add_working_days(letter_date, TIME_LIMITS["missed-deadline-action"].amount)
