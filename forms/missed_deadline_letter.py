"""A letter to the council when it has missed an EHC time limit, by a parent or a young person.

The letter works out the day the council received the request from how and when it was sent,
gives the day the 6, 16 or 20-week limit ended with its regulation, deals with any reason the
council has given, asks for action within 5 working days (a reasonable request, not the law)
and says that a complaint, then the Ombudsman, come next. It cannot be written before the limit
has passed. Every legal reference comes from the law register (forms/law.py).
"""

import datetime
from typing import NamedTuple

from wtforms.validators import ValidationError

from forms import deadlines, law
from forms import vocabulary as v
from forms.common import (
    child_step,
    council_step,
    dated_example,
    ehc_exception_reasons,
    when,
    writer_step,
)
from forms.formatting import (
    addressed,
    capital,
    child_names,
    contact_sentence,
    file_name,
    is_blank,
    letter,
    long_date,
    paragraphs,
    possessive,
    prompt,
    text,
    writer_lines,
)
from forms.vocabulary import BY_WRITER
from service import dates
from service.catalogue import DocumentType
from service.fields import After, ChoiceField, DateField, LongTextField, TextField
from service.steps import StepForm, make_step

DEFAULT_TEAM = "SEN Team"
MONITORING_OFFICER = "Monitoring Officer"
NO_REASON = {
    "no": "You have not given me any reason for the delay.",
    "not_told": "I have not heard from you about the delay.",
}


class Limit(NamedTuple):
    """What the letter says about one time limit: {cited} is its regulation, {within} the
    limit, {whom} the child (or "me") and {whose} "Amara's" (or "my")."""

    subject: str  # for the heading
    missing: str  # what has not happened
    rule: str
    asks: tuple[str, ...]


LIMITS = {
    "decide-to-assess": Limit(
        "decision on an EHC needs assessment",
        "I have not had your decision on whether to carry out the assessment",
        "{cited} say you must decide whether to carry out an EHC needs assessment, and tell "
        "me, {within}.",
        (
            "Tell me in writing whether you will carry out an EHC needs assessment for {whom}. "
            "If you will not, please give your reasons and tell me about my right to appeal.",
        ),
    ),
    "decide-to-issue": Limit(
        "decision on an EHC plan",
        "I have not been told whether you will issue an EHC plan",
        "{cited} says that if you decide, after an assessment, not to issue an EHC plan, you "
        "must tell me {within}.",
        (
            "Tell me in writing whether you will issue an EHC plan for {whom}. If you will not, "
            "please give your reasons and tell me about my right to appeal.",
            "If you will issue a plan, send me the draft plan, or tell me the date by which you "
            "will send it.",
        ),
    ),
    "final-plan": Limit(
        "final EHC plan",
        "I have not received the final EHC plan",
        "{cited} says you must issue the final EHC plan {within}.",
        (
            "Send me {whose} final EHC plan, or tell me in writing the date by which you will "
            "send it.",
        ),
    ),
}


class DeadlineStep(StepForm):
    """Which time limit was missed, asked after how the request was sent, so that the letter
    can be refused until that limit has passed."""

    slug = "deadline"
    title = "The missed time limit"
    hint = (
        "The law gives the council time limits after a request for an EHC needs assessment. "
        "They all count from the day the council received the request. The 16-week limit "
        "only applies once the council has agreed to carry out the assessment."
    )
    deadline = ChoiceField(
        "Which time limit has the council missed?",
        [
            ("decide-to-assess", "6 weeks: deciding whether to carry out an EHC needs assessment"),
            ("decide-to-issue", "16 weeks: deciding whether to issue an EHC plan"),
            ("final-plan", "20 weeks: sending the final EHC plan"),
        ],
        "Select which time limit the council has missed",
    )

    def validate_deadline(self, field):
        """The letter must not go before the time limit has ended: stop it here, saying when."""
        received = deadlines.received_on(self.earlier)
        if received is None:
            return  # the sending questions give their own errors
        ends = deadlines.ehc_deadlines(received)[field.data]
        if dates.today() <= ends:
            weeks = law.TIME_LIMITS[field.data].amount
            raise ValidationError(
                f"The {weeks}-week time limit ends on {long_date(ends)}. You can send this "
                f"letter from {long_date(ends + datetime.timedelta(days=1))}"
            )


STEPS = (
    make_step(
        "writer",
        "Who is writing the letter?",
        writer=ChoiceField(
            "Who is writing the letter?",
            [
                ("parent", "I am the child's parent or carer"),
                ("young_person", "I am the young person, writing about my own request"),
            ],
            "Select who is writing the letter",
            hint="A young person is someone who is over compulsory school age (they have "
            "finished Year 11) and under 25. A young person can ask for an assessment in their "
            "own name.",
        ),
    ),
    council_step(
        hint="The council (your local authority) decides on requests for an education, health "
        "and care (EHC) needs assessment. Its letters and emails about the request usually give "
        "the team, the person dealing with it and a reference number.",
        team={
            "label": "Name of the team dealing with the request (optional)",
            "hint": "For example, SEND Assessment Team. If you leave this blank, the letter is "
            f"addressed to the {DEFAULT_TEAM}.",
            "error_name": "Name of the team",
        },
        officer={
            "label": "Name of the person dealing with the request (optional)",
            "hint": "For example, Ms Turner.",
            "error_name": "Name of the person dealing with the request",
        },
        la_reference=TextField(
            "The council's reference number (optional)",
            hint="For example, EHC/2026/0412.",
            prompt="council's reference",
            max_length=60,
        ),
    ),
    child_step(BY_WRITER, year_group=False),
    # SHARED: a past-tense twin of common.sending_steps (sent, not after today, with the
    # signed-for date) would serve any document about a request already sent.
    make_step(
        "sending",
        "Sending the request",
        hint="The time limits count from the day the council received the request, which "
        "depends on how and when it was sent.",
        sent_on=DateField(
            "When was the request sent?",
            "Enter the date the request was sent",
            hint="For example, 8 6 2026. If it went by post, enter the day it was posted.",
            error_name="The date the request was sent",
            prompt="date",
            not_after_today=True,
        ),
        sent_by=v.sent_by(
            "request",
            label="How was the request sent?",
            required="Select how the request was sent",
            hint="This decides the day the request counts as received.",
        ),
    ),
    make_step(
        "after-5pm",
        "The time it was sent",
        show_if=when("sent_by", "email", "hand"),
        sent_after_5pm=v.sent_after_5pm(
            label="Was it sent or handed in after 5pm?",
            required="Select yes if it was sent or handed in after 5pm",
        ),
    ),
    make_step(
        "signed-for",
        "When it was signed for",
        hint="A request sent by signed-for post counts as received on the day it was signed "
        "for. The Royal Mail tracking page shows the date.",
        show_if=when("sent_by", "signed-post"),
        signed_for_on=DateField(
            "When was the request signed for?",
            "Enter the date the request was signed for",
            hint="For example, 9 6 2026",
            error_name="The date the request was signed for",
            prompt="date",
            not_after_today=True,
            checks=(
                After(
                    "sent_on",
                    "The date the request was signed for must be the same as or after the date "
                    "it was posted, {date}",
                    or_same_day=True,
                ),
            ),
        ),
    ),
    DeadlineStep,
    make_step(
        "reason",
        "The council's reason for the delay",
        exception=ChoiceField(
            "Has the council given a reason for the delay?",
            [
                ("yes", "Yes, it has given a reason"),
                ("no", "No, it has been in touch but has not given a reason"),
                ("not_told", "No, I have not heard from the council about the delay"),
            ],
            "Select whether the council has given a reason for the delay",
            hint="The law allows the council more time only for a few reasons, such as a school "
            "being closed for the summer holidays. The letter asks which reason it relies on.",
        ),
    ),
    make_step(
        "reason-details",
        "What the council said",
        show_if=when("exception", "yes"),
        exception_details=LongTextField(
            "What reason did the council give?",
            "Enter the reason the council gave",
            hint="Say when and how it told you. For example, 'In an email on 19 October 2026, "
            "the SEN team said the educational psychologist's report had not arrived.'",
            error_name="The reason the council gave",
            prompt="the reason the council gave, and when",
        ),
    ),
    make_step(
        "effect",
        "The effect of the delay",
        impact=LongTextField(
            "How is the delay affecting you and your family? (optional)",
            hint="For example, no extra help at school, missed lessons, or worry. Put each point "
            "on a new line. This can help if you need to complain later.",
            error_name="How the delay is affecting you",
            prompt="how the delay is affecting you",
        ),
    ),
    make_step(
        "copy",
        "Sending a copy to the monitoring officer",
        hint="The letter says a copy is going to the council's monitoring officer, a senior "
        "officer at the council. This shows you are taking the delay seriously. You can "
        "usually find their name on the council's website.",
        monitoring_officer=TextField(
            "Monitoring officer's name (optional)",
            hint="For example, Ms Helen Marsh.",
            prompt="name",
        ),
    ),
    writer_step(BY_WRITER),
)


# --- The letter ---------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    young = answers.get("writer") == "young_person"
    full_name, child = child_names(answers)
    la_name = text(answers.get("la_name"))
    la_lines = [la_name, *paragraphs(answers.get("la_address"))]
    reference = text(answers.get("la_reference"))
    exception = answers.get("exception")
    officer = text(answers.get("monitoring_officer"))
    if blank:  # every time limit, for the reader to keep the one that has passed
        letter_date, action_by = prompt("date"), prompt("date, 5 working days from today")
        limits, weeks, ends = deadlines.EHC_STEPS, prompt("6, 16 or 20"), prompt("date")
        exception_rule = "The law"
        affected = "the child, the parent or the young person"
        away = f"{affected} had"
    else:
        limit = answers["deadline"]
        letter_date = long_date(dates.today())
        action_by = long_date(deadlines.missed_deadline_action_by(dates.today()))
        limits, weeks = (limit,), law.TIME_LIMITS[limit].amount
        ends = long_date(deadlines.ehc_deadlines(deadlines.received_on(answers))[limit])
        exception_rule = capital(law.cite(deadlines.EHC_EXCEPTIONS[limit]))
        affected, away = ("me", "I had") if young else (f"{child} or me", f"{child} or I had")
    whom, whose = ("me", "my") if young else (child, possessive(child))
    about, whose_request = ("my", "") if young else ("the", f" for my child, {full_name}")
    return {
        **letter(
            sender=writer_lines(answers, name=full_name if young else None),
            date=letter_date,
            to=addressed(
                text(answers.get("la_officer")),
                text(answers.get("la_team"), default=DEFAULT_TEAM),
                la_lines,
                the=False,
            ),
            signer=full_name if young else text(answers.get("writer_name")),
        ),
        "blank": blank,
        "heading": f"Missed time limit: {keep_one(limits, 'subject')} for {full_name} "
        f"(date of birth {long_date(answers.get('child_dob'))})",
        "reference": f"Your reference: {reference}" if reference else "",
        "intro": f"I am writing about {about} request for an education, health and care (EHC) "
        f"needs assessment{whose_request}. The {weeks}-week time limit has passed, and "
        f"{keep_one(limits, 'missing')}.",
        "request": _request(answers, blank),
        "time_limits": [
            LIMITS[limit].rule.format(
                cited=capital(law.cite(law.TIME_LIMITS[limit].citation)),
                within=f"{law.limit_text(limit)} of receiving the request",
            )
            + f" That time limit ended on {ends}."
            for limit in limits
        ],
        "reason_intro": "You have given this reason for the delay:",
        "reason_given": paragraphs(answers.get("exception_details"))
        if blank or exception == "yes"
        else [],
        "no_reason": NO_REASON.get("no" if blank else exception, ""),
        "exception_rule": f"{exception_rule} allows more time only if it is impractical to meet "
        "the time limit because:",
        "exceptions": [
            f"{reason}{end}"
            for reason, end in zip(
                ehc_exception_reasons(affected, away), (";", "; or", "."), strict=True
            )
        ],
        "as_soon_as_practicable": f"{capital(law.cite('code-9.42-9.43'))} say that, even when "
        "one of these applies, you must still act as soon as practicable and keep the delay to "
        "a minimum.",
        "impact": paragraphs(answers.get("impact")),
        "asks_intro": "Please do the following "
        f"{law.limit_text('missed-deadline-action')} of the date of this letter, by {action_by}:",
        "asks": [
            ask.format(whom=whom, whose=whose) for limit in limits for ask in LIMITS[limit].asks
        ]
        + [
            "Tell me which of the reasons above you say applies, and why it made the time "
            "limit impractical to meet."
            if exception == "yes"
            else "Tell me why the time limit was missed. If you say one of the reasons above "
            "applies, tell me which one and why."
        ],
        "complaint": f"If I have not heard from you by {action_by}, I will make a formal "
        "complaint under the council's complaints procedure. If that does not put things "
        "right, I may then complain to the Local Government and Social Care Ombudsman.",
        "contact": contact_sentence(
            text(answers.get("writer_email")), text(answers.get("writer_phone"))
        ),
        "copy_to": f"Copy to: {', '.join(filter(None, (officer, MONITORING_OFFICER, la_name)))}",
    }


def keep_one(limits, part):
    """What the letter says of the time limit that has passed; in a blank template, a prompt
    to keep one of all of them: "[a / b / c]"."""
    said = [getattr(LIMITS[limit], part) for limit in limits]
    return said[0] if len(said) == 1 else prompt(" / ".join(said))


_HOW = {
    "email": "sent to you by email",
    "hand": "delivered to you by hand",
    "signed-post": "sent to you by signed-for post",
    "first-class-post": "sent to you by first-class post",
}


def _request(answers, blank):
    """When and how the request was sent, and the day it counts as received."""
    if blank:
        how, day = prompt("email, hand, signed-for post or first-class post"), prompt("date")
        return f"The request was sent to you by {how} on {day}, so you received it on {day}."
    method, received = answers["sent_by"], deadlines.received_on(answers)
    late = answers.get("sent_after_5pm") is True  # asked for email and hand only
    when = f"{'after 5pm ' if late else ''}on {long_date(answers['sent_on'])}"
    sent = f"The request was {_HOW[method]} {when}"
    if method == "signed-post":
        return f"{sent} and signed for on {long_date(received)}, so you received it that day."
    if received.isoformat() == answers["sent_on"]:
        return f"{sent}, so you received it that day."
    if not late and method != "first-class-post":
        sent += ", which was not a working day"
    return (
        f"{sent}, so I have counted it as received on the next working day, {long_date(received)}."
    )


DOCUMENT = DocumentType(
    slug="missed-deadline-letter",
    title="Letter to the council about a missed EHC time limit",
    reader_title="Letter about a missed EHC time limit",
    summary="Write to the council when it has missed the 6, 16 or 20-week time limit for an "
    "education, health and care (EHC) needs assessment or plan.",
    needs="The date the request for an assessment was sent and how it was sent, the council's "
    "name, and anything the council has told you about the delay.",
    audience=("parent", "young-person"),
    steps=STEPS,
    build_context=build_context,
    filename=file_name(
        "Missed time limit letter about {child_name} to {la_name}, {date}",
        child_name="your child",
        la_name="the council",
    ),
    example_source=dated_example("missed-deadline-letter"),
    next_steps=(
        "Send the letter by email if you can, so you have proof of the date. Send a copy to "
        "the council's monitoring officer too.",
        "Keep proof of when the request for an assessment was sent, such as the sent email or "
        "the signed-for receipt. The dates in the letter depend on it.",
        "Put the date the letter asks the council to act by in your diary. The letter asks "
        f"for action {law.limit_text('missed-deadline-action')}.",
        "If the council does not reply or put things right, make a formal complaint through "
        "its complaints procedure.",
        "If the complaint does not put things right, you can complain to the Local Government "
        "and Social Care Ombudsman. It normally only looks at complaints made "
        f"{law.limit_text('ombudsman-complaint')}.",
        "For free advice, contact your local SEND Information, Advice and Support Service "
        "(SENDIASS) or IPSEA, a charity that gives free advice based on the law.",
    ),
)
