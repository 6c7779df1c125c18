"""A letter to the council when it has missed an EHC time limit (DOMAIN.md 1.2, 1.3, 2(e)).

The family says which time limit has passed: the decision on whether to assess (6 weeks),
the decision on whether to issue a plan (16 weeks) or the final plan (20 weeks). The letter
works out the day the council received the request from how it was sent, gives the date the
limit ended with its regulation, deals with any reason the council has given, asks for action
within 5 working days (a reasonable request, not the law) and says that a complaint, and then
the Ombudsman, come next. The step that asks about the request will not let anyone write the
letter before the time limit has actually passed. Every legal reference comes from
`service.law`.
"""

import datetime

from wtforms.validators import ValidationError

from forms.formatting import (
    contact_sentence,
    is_blank,
    long_date,
    paragraphs,
    prompt,
    text,
)
from service import law
from service.catalogue import DocumentType, StepForm
from service.fields import (
    ChoiceField,
    DateField,
    EmailField,
    LongTextField,
    PhoneField,
    TextField,
)

DEFAULT_TEAM = "SEN Team"
DATE = prompt("date")
MONITORING_OFFICER = "Monitoring Officer"

# How the request was sent -> (law.request_received method, sent after 5pm).
SENT_BY = {
    "email": ("email", False),
    "email-after-5pm": ("email", True),
    "hand": ("hand", False),
    "hand-after-5pm": ("hand", True),
    "signed-post": ("signed-post", False),
    "first-class-post": ("first-class-post", False),
}

# What each time limit is about: (the letter's heading, what has not happened).
LIMITS = {
    "decide-to-assess": (
        "decision on an EHC needs assessment",
        "I have not had your decision on whether to carry out the assessment",
    ),
    "decide-to-issue": (
        "decision on an EHC plan",
        "I have not been told whether you will issue an EHC plan",
    ),
    "final-plan": ("final EHC plan", "I have not received the final EHC plan"),
}


class WriterStep(StepForm):
    slug = "writer"
    title = "Who is writing the letter?"
    writer = ChoiceField(
        "Who is writing the letter?",
        choices=[
            ("parent", "I am the child's parent or carer"),
            ("young_person", "I am the young person, writing about my own request"),
        ],
        required="Select who is writing the letter",
        hint=(
            "A young person is someone who is over compulsory school age (they have finished "
            "Year 11) and under 25. A young person can ask for an assessment in their own name."
        ),
    )


class CouncilStep(StepForm):
    slug = "council"
    title = "About the council"
    hint = (
        "The council (your local authority) decides on requests for an education, health and "
        "care (EHC) needs assessment. Its letters and emails about the request usually give "
        "the team, the person dealing with it and a reference number."
    )
    la_name = TextField(
        "Name of the council",
        "Enter the name of the council",
        hint="For example, Kingsmead Borough Council.",
        prompt="name of the council",
    )
    team_name = TextField(
        "Name of the team dealing with the request (optional)",
        hint="For example, SEND Assessment Team. If you leave this blank, the letter is "
        "addressed to the SEN Team.",
        error_name="Name of the team",
        prompt="team",
    )
    officer_name = TextField(
        "Name of the person dealing with the request (optional)",
        hint="For example, Ms Turner.",
        error_name="Name of the person dealing with the request",
        prompt="name",
    )
    la_address = LongTextField(
        "The council's address (optional)",
        hint="Put each line of the address on a new line.",
        error_name="The council's address",
        prompt="council's address",
        max_length=500,
    )
    la_reference = TextField(
        "The council's reference number (optional)",
        hint="For example, EHC/2026/0412.",
        error_name="The council's reference number",
        prompt="council's reference",
        max_length=60,
    )


class ChildStep(StepForm):
    slug = "child"
    title = "About your child"
    child_name = TextField(
        "Your child's full name", "Enter your child's full name", prompt="child's full name"
    )
    child_known_as = TextField(
        "What name does your child usually go by? (optional)",
        hint="For example, Sam. Leave this blank to use their full name.",
        error_name="The name your child goes by",
        prompt="child's name",
    )
    child_dob = DateField(
        "Date of birth",
        "Enter your child's date of birth",
        hint="For example, 27 3 2017",
        error_name="Date of birth",
        prompt="date of birth",
        not_after_today=True,
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("writer") != "young_person"


class YoungPersonStep(StepForm):
    slug = "date-of-birth"
    title = "Your date of birth"
    yp_dob = DateField(
        "What is your date of birth?",
        "Enter your date of birth",
        hint="For example, 27 3 2007",
        error_name="Your date of birth",
        prompt="date of birth",
        not_after_today=True,
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("writer") == "young_person"


class DeadlineStep(StepForm):
    slug = "deadline"
    title = "The request and the missed time limit"
    hint = (
        "The law gives the council time limits after a request for an EHC needs assessment. "
        "They all count from the day the council received the request. The 16-week limit "
        "only applies once the council has agreed to carry out the assessment."
    )
    deadline = ChoiceField(
        "Which time limit has the council missed?",
        choices=[
            ("decide-to-assess", "6 weeks: deciding whether to carry out an EHC needs assessment"),
            ("decide-to-issue", "16 weeks: deciding whether to issue an EHC plan"),
            ("final-plan", "20 weeks: sending the final EHC plan"),
        ],
        required="Select which time limit the council has missed",
    )
    sent_by = ChoiceField(
        "How was the request sent?",
        choices=[
            ("email", "By email, before 5pm"),
            ("email-after-5pm", "By email, after 5pm"),
            ("hand", "By hand, before 5pm"),
            ("hand-after-5pm", "By hand, after 5pm"),
            ("signed-post", "By signed-for post"),
            ("first-class-post", "By first-class post"),
        ],
        required="Select how the request was sent",
        hint="This decides the day the request counts as received.",
    )
    request_sent = DateField(
        "What date was the request sent?",
        "Enter the date the request was sent",
        hint=(
            "For example, 8 6 2026. For signed-for post, enter the date it was signed for: "
            "the Royal Mail tracking page shows it."
        ),
        error_name="The date the request was sent",
        prompt="date",
        not_after_today=True,
    )

    def validate_request_sent(self, field):
        """The letter must not go before the time limit has ended: stop it here, saying when."""
        if field.errors or field.data is None:
            return
        if self.deadline.data not in law.EHC_STEPS or self.sent_by.data not in SENT_BY:
            return  # those questions give their own errors
        ends = limit_ends(self.deadline.data, field.data, self.sent_by.data)
        if law.today() <= ends:
            weeks = law.TIME_LIMITS[self.deadline.data].amount
            raise ValidationError(
                f"The {weeks}-week time limit ends on {long_date(ends)}. You can send this "
                f"letter from {long_date(ends + datetime.timedelta(days=1))}"
            )


class ExceptionStep(StepForm):
    slug = "reason"
    title = "The council's reason for the delay"
    exception = ChoiceField(
        "Has the council given a reason for the delay?",
        choices=[
            ("yes", "Yes, it has given a reason"),
            ("no", "No, it has been in touch but has not given a reason"),
            ("not_told", "No, I have not heard from the council about the delay"),
        ],
        required="Select whether the council has given a reason for the delay",
        hint=(
            "The law allows the council more time only for a few reasons, such as a school "
            "being closed for the summer holidays. The letter asks which reason it relies on."
        ),
    )


class ExceptionDetailsStep(StepForm):
    slug = "reason-details"
    title = "What the council said"
    exception_details = LongTextField(
        "What reason did the council give?",
        "Enter the reason the council gave",
        hint=(
            "Say when and how it told you. For example, 'In an email on 19 October 2026, the "
            "SEN team said the educational psychologist's report had not arrived.'"
        ),
        error_name="The reason the council gave",
        prompt="the reason the council gave, and when",
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("exception") == "yes"


class ImpactStep(StepForm):
    slug = "effect"
    title = "The effect of the delay"
    impact = LongTextField(
        "How is the delay affecting you and your family? (optional)",
        hint=(
            "For example, no extra help at school, missed lessons, or worry. Put each point "
            "on a new line. This can help if you need to complain later."
        ),
        error_name="How the delay is affecting you",
        prompt="how the delay is affecting you",
    )


class CopyStep(StepForm):
    slug = "copy"
    title = "Sending a copy to the monitoring officer"
    hint = (
        "The letter says a copy is going to the council's monitoring officer, a senior "
        "officer at the council. This shows you are taking the delay seriously. You can "
        "usually find their name on the council's website."
    )
    monitoring_officer = TextField(
        "Monitoring officer's name (optional)",
        hint="For example, Ms Helen Marsh.",
        error_name="Monitoring officer's name",
        prompt="name",
    )


class YouStep(StepForm):
    slug = "you"
    title = "Your details"
    your_name = TextField("Your full name", "Enter your full name", prompt="your name")
    your_address = LongTextField(
        "Your address",
        "Enter your address",
        hint="Put each line of the address on a new line.",
        prompt="your address",
        max_length=500,
    )
    your_email = EmailField()
    your_phone = PhoneField()


STEPS = (
    WriterStep,
    CouncilStep,
    ChildStep,
    YoungPersonStep,
    DeadlineStep,
    ExceptionStep,
    ExceptionDetailsStep,
    ImpactStep,
    CopyStep,
    YouStep,
)


# --- Dates -------------------------------------------------------------------------------


def received_on(sent, sent_by):
    """The day the council received the request, from how it was sent (DOMAIN.md 1.3)."""
    method, after_5pm = SENT_BY[sent_by]
    return law.request_received(sent, method, after_5pm)


def limit_ends(step, sent, sent_by):
    """The last day of the time limit `step` for a request sent on `sent`."""
    return law.ehc_deadlines(received_on(sent, sent_by))[step]


# --- The letter ---------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    young = answers.get("writer") == "young_person"
    name = text(answers.get("your_name"))
    full_name = name if young else text(answers.get("child_name"))
    child = text(answers.get("child_known_as"), default=full_name)
    dob = answers.get("yp_dob") if young else answers.get("child_dob")
    addressee, salutation, named = _addressing(answers)
    email = text(answers.get("your_email"))
    phone = text(answers.get("your_phone"))
    la_name = text(answers.get("la_name"))
    officer = text(answers.get("monitoring_officer"))
    reference = text(answers.get("la_reference"))
    if blank:
        letter_date, action_by = prompt("date"), prompt("date, 5 working days from today")
        limit = None
    else:
        today = law.today()
        letter_date, action_by = long_date(today), long_date(law.missed_deadline_action_by(today))
        limit = answers.get("deadline")
    return {
        "blank": blank,
        "sender_name": name,
        "sender_address": paragraphs(answers.get("your_address")),
        "sender_email": email,
        "sender_phone": phone,
        "letter_date": letter_date,
        "addressee": addressee,
        "salutation": salutation,
        "subject": _subject(limit, full_name),
        "child_dob": long_date(dob),
        "reference": f"Your reference: {reference}" if reference else "",
        "intro": _intro(limit, full_name, young),
        "request": _request(answers, blank),
        "time_limits": _time_limits(answers, limit),
        "reason_given": paragraphs(answers.get("exception_details"))
        if blank or answers.get("exception") == "yes"
        else [],
        "no_reason": _no_reason(answers.get("exception"), blank),
        "exception_rule": _exception_rule(limit),
        "exceptions": _exceptions(child, young, blank),
        "as_soon_as_practicable": (
            f"{_capital(law.cite('code-9.42-9.43'))} say that, even when one of these "
            "applies, you must still act as soon as practicable and keep the delay to a minimum."
        ),
        "impact": paragraphs(answers.get("impact")),
        "action_by": action_by,
        "action_days": law.limit_text("missed-deadline-action"),
        "asks": _asks(limit, answers.get("exception"), child, young),
        "contact": contact_sentence(email, phone),
        "sign_off": "Yours sincerely" if named else "Yours faithfully",
        "copy_to": ", ".join(part for part in (officer, MONITORING_OFFICER, la_name) if part),
    }


def _capital(phrase):
    return f"{phrase[0].upper()}{phrase[1:]}"


def _addressing(answers):
    """(addressee lines, salutation, whether a person is named)."""
    la = [text(answers.get("la_name")), *paragraphs(answers.get("la_address"))]
    team = text(answers.get("team_name"), default=DEFAULT_TEAM)
    officer = text(answers.get("officer_name"))
    if officer:
        return [officer, team, *la], f"Dear {officer}", True
    return [team, *la], f"Dear {team}", False


def _subject(limit, child):
    if limit is None:
        what = prompt(" / ".join(subject for subject, _ in LIMITS.values()))
    else:
        what = LIMITS[limit][0]
    return f"Missed time limit: {what} for {child}"


def _intro(limit, child, young):
    about = "my request" if young else "the request"
    whose = "" if young else f" for my child, {child}"
    opening = (
        f"I am writing about {about} for an education, health and care (EHC) needs "
        f"assessment{whose}."
    )
    if limit is None:
        weeks = prompt("6, 16 or 20")
        missing = prompt(" / ".join(reason for _, reason in LIMITS.values()))
    else:
        weeks = law.TIME_LIMITS[limit].amount
        missing = LIMITS[limit][1]
    return f"{opening} The {weeks}-week time limit has passed, and {missing}."


_HOW = {
    "email": "sent to you by email",
    "hand": "delivered to you by hand",
    "signed-post": "sent to you by signed-for post",
    "first-class-post": "sent to you by first-class post",
}


def _request(answers, blank):
    """When and how the request was sent, and the day it counts as received."""
    if blank:
        how = prompt("email, hand, signed-for post or first-class post")
        return f"The request was sent to you by {how} on {DATE}, so you received it on {DATE}."
    sent = datetime.date.fromisoformat(answers["request_sent"])
    method, after_5pm = SENT_BY[answers["sent_by"]]
    received = received_on(sent, answers["sent_by"])
    sent_text = f"The request was {_HOW[method]}"
    if method == "signed-post":
        return f"{sent_text} and signed for on {long_date(sent)}, so you received it that day."
    if received == sent:
        return f"{sent_text} on {long_date(sent)}, so you received it that day."
    if method == "first-class-post":
        when = f"on {long_date(sent)}"
    elif after_5pm:
        when = f"after 5pm on {long_date(sent)}"
    else:
        when = f"on {long_date(sent)}, which was not a working day"
    return (
        f"{sent_text} {when}, so I have counted it as received on the next working day, "
        f"{long_date(received)}."
    )


def _time_limit(limit, ends):
    """The rule that sets the time limit, and the day it ended."""
    within = f"{law.limit_text(limit)} of receiving the request"
    cited = _capital(law.cite(law.TIME_LIMITS[limit].citation))
    if limit == "decide-to-assess":
        rule = (
            f"{cited} say you must decide whether to carry out an EHC needs assessment, and "
            f"tell me, {within}."
        )
    elif limit == "decide-to-issue":
        rule = (
            f"{cited} says that if you decide, after an assessment, not to issue an EHC plan, "
            f"you must tell me {within}."
        )
    else:
        rule = f"{cited} says you must issue the final EHC plan {within}."
    return f"{rule} That time limit ended on {ends}."


def _time_limits(answers, limit):
    """One paragraph; in a blank template, one for each time limit, to keep the right one."""
    if limit is None:
        return [_time_limit(step, prompt("date")) for step in law.EHC_STEPS]
    sent = datetime.date.fromisoformat(answers["request_sent"])
    return [_time_limit(limit, long_date(limit_ends(limit, sent, answers["sent_by"])))]


def _no_reason(exception, blank):
    if blank or exception == "no":
        return "You have not given me any reason for the delay."
    if exception == "not_told":
        return "I have not heard from you about the delay."
    return ""


def _exception_rule(limit):
    because = "allows more time only if it is impractical to meet the time limit because:"
    if limit is None:
        return f"The law {because}"
    return f"{_capital(law.cite(law.EHC_EXCEPTIONS[limit]))} {because}"


def _exceptions(child, young, blank):
    """The exceptions in regulations 5(4), 10(4) and 13(3), in the family's own terms."""
    if blank:
        affected = "the child, the parent or the young person"
        away = "the child, the parent or the young person had"
    elif young:
        affected, away = "me", "I had"
    else:
        affected, away = f"{child} or me", f"{child} or I had"
    return [
        "you asked a school, college or early years setting for advice at any time from one "
        "week before it closed for 4 weeks or more (such as for the summer holidays) until one "
        "week before it reopened;",
        f"exceptional personal circumstances affected {affected}; or",
        f"{away} been away from the area for 4 weeks or more.",
    ]


def _asks(limit, exception, child, young):
    """What the letter asks the council to do, numbered."""
    for_whom = "me" if young else child
    of_whom = "my" if young else f"{child}'s"
    decision = {
        "decide-to-assess": [
            f"Tell me in writing whether you will carry out an EHC needs assessment for "
            f"{for_whom}. If you will not, please give your reasons and tell me about my right "
            "to appeal."
        ],
        "decide-to-issue": [
            f"Tell me in writing whether you will issue an EHC plan for {for_whom}. If you "
            "will not, please give your reasons and tell me about my right to appeal.",
            "If you will issue a plan, send me the draft plan, or tell me the date by which "
            "you will send it.",
        ],
        "final-plan": [
            f"Send me {of_whom} final EHC plan, or tell me in writing the date by which you "
            "will send it."
        ],
    }
    # A blank template offers what to ask for under each time limit, to keep the right ones.
    asks = [ask for step in law.EHC_STEPS for ask in decision[step]] if limit is None else []
    asks += decision.get(limit, [])
    if exception == "yes":
        asks.append(
            "Tell me which of the reasons above you say applies, and why it made the time "
            "limit impractical to meet."
        )
    else:
        asks.append(
            "Tell me why the time limit was missed. If you say one of the reasons above "
            "applies, tell me which one and why."
        )
    return asks


def filename(answers):
    young = answers.get("writer") == "young_person"
    name = text(answers.get("your_name" if young else "child_name")) or "your child"
    council = text(answers.get("la_name")) or "the council"
    return f"Missed time limit letter about {name} to {council}, {long_date(law.today())}"


EXAMPLE = {
    "writer": "parent",
    "la_name": "Kingsmead Borough Council",
    "team_name": "SEND Assessment Team",
    "officer_name": "Ms Turner",
    "la_address": "Civic Centre\nHigh Street\nKingsmead\nKM1 1AA",
    "la_reference": "EHC/2026/0412",
    "child_name": "Amara Okafor",
    "child_known_as": "Amara",
    "child_dob": "2018-02-14",
    "deadline": "final-plan",
    "sent_by": "email",
    "request_sent": "2026-06-08",
    "exception": "yes",
    "exception_details": (
        "In an email on 19 October 2026, Ms Turner said the plan was late because the "
        "educational psychologist's report had not arrived."
    ),
    "impact": (
        "Amara has had no extra help with reading since September.\n"
        "She has missed 9 days of school this term because of anxiety."
    ),
    "monitoring_officer": "Ms Helen Marsh",
    "your_name": "Chidi Okafor",
    "your_address": "14 Elm Road\nKingsmead\nKM6 2QT",
    "your_email": "chidi.okafor@example.com",
    "your_phone": "07700 900123",
}


DOCUMENT = DocumentType(
    slug="missed-deadline-letter",
    title="Letter to the council about a missed EHC time limit",
    reader_title="Letter about a missed EHC time limit",
    summary=(
        "Write to the council when it has missed the 6, 16 or 20-week time limit for an "
        "education, health and care (EHC) needs assessment or plan."
    ),
    needs=(
        "The date the request for an assessment was sent and how it was sent, the council's "
        "name, and anything the council has told you about the delay."
    ),
    audience=("parent", "young-person"),
    steps=STEPS,
    template="missed-deadline-letter.docx",
    build_context=build_context,
    filename=filename,
    example=EXAMPLE,
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
