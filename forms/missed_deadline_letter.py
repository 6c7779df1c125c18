"""A letter to the council when it has missed an EHC time limit, by a parent or a young person.

The writer says how far the council has got: no decision on the assessment; assessing, with no
news since; a plan promised but no draft; a draft but no final plan; or a decision not to
issue a plan, told late. The letter works out all three time limits from the day the council
received the request and states, with its regulation and its date, each one that bears on that
stage, and every one of those that has passed. It deals with any reason the council has given
(a late adviser's report is not one the law accepts), citing the exceptions to the time limits
it complains of and no others, asks for action within 5 working days (a reasonable request,
not the law) and, if the writer wants, is itself a formal complaint. It cannot be written
before a time limit that bears on the stage has passed. Every legal reference comes from the
law register (forms/law.py).
"""

import datetime
from typing import NamedTuple

from wtforms.validators import ValidationError

from forms import deadlines, law, reminders, worked_out
from forms import vocabulary as v
from forms.common import (
    EARLY_YEARS_ONLY_LATER,
    child_step,
    council_step,
    dated_example,
    ehc_exception_reasons,
    when,
    writer_step,
)
from forms.follow_ons import follow_ons
from forms.formatting import (
    addressed,
    capital,
    child_names,
    cites,
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
from service.fields import (
    After,
    ChoiceField,
    DateField,
    LongTextField,
    TextField,
    YesNoField,
)
from service.steps import StepForm, make_step

DEFAULT_TEAM = "SEN Team"
MONITORING_OFFICER = "Monitoring Officer"
DIRECTOR = "Director of Children's Services"
NO_REASON = {
    "no": "You have not given me any reason for the delay.",
    "not_told": "I have not heard from you about the delay.",
}
ASSESS, ISSUE, FINAL = deadlines.EHC_STEPS  # the 6, 16 and 20-week time limits


class Stage(NamedTuple):
    """How far the council has got, as the writer knows it."""

    choice: str  # the answer, in the writer's words
    subject: str  # for the heading
    first: str  # the time limit that must have passed before the letter can be written
    limits: tuple  # the time limits whose exceptions the letter cites, once each has passed
    advice: bool  # whether what is late is the assessment or a decision that rests on advice


STAGES = {
    "no-decision": Stage(
        "It has not told me whether it will carry out an EHC needs assessment",
        "decision on an EHC needs assessment",
        ASSESS,
        (ASSESS,),  # the later limits are only dates that a late decision does not move
        False,
    ),
    "assessing": Stage(
        "It agreed to carry out the assessment, but has not told me the outcome",
        "EHC needs assessment",
        ISSUE,
        (ISSUE, FINAL),  # the decision to assess is made
        True,
    ),
    "issuing": Stage(
        "It has told me it will issue an EHC plan, but I have not had the draft plan",
        "final EHC plan",
        FINAL,
        (FINAL,),
        False,  # the decision to issue is made: the plan is late, not the advice it rests on
    ),
    "draft": Stage(
        "I have had the draft EHC plan, but not the final plan",
        "final EHC plan",
        FINAL,
        (FINAL,),
        False,
    ),
    "no-plan": Stage(
        "It has told me it will not issue an EHC plan, but it told me more than 16 weeks after "
        "it received the request",
        "decision not to issue an EHC plan",
        ISSUE,
        (ISSUE,),
        True,
    ),
}
# The law register's key for the exceptions to each set of time limits that has passed.
EXCEPTIONS = {
    **{(limit,): key for limit, key in deadlines.EHC_EXCEPTIONS.items()},
    (ISSUE, FINAL): "send-regs-10-4-13-3",
    (ASSESS, ISSUE, FINAL): "send-regs-exceptions",
}

# What each regulation says must be done; {cited} is the regulation, {within} the time limit.
RULES = {
    ASSESS: "{cited} say you must decide whether to carry out an EHC needs assessment, and tell "
    "me, {within}.",
    ISSUE: "{cited} says that if you decide, after an assessment, not to issue an EHC plan, you "
    "must tell me {within}.",
    FINAL: "{cited} says you must issue the final EHC plan {within}.",
}

# What the letter asks for at each stage; {whom} is the child (or "me"), {whose} "Amara's".
ASKS = {
    "no-decision": (
        "Tell me in writing whether you will carry out an EHC needs assessment for {whom}. If "
        "you will not, please give your reasons and tell me about my right to appeal.",
    ),
    "assessing": (
        "Tell me in writing whether you will issue an EHC plan for {whom}. If you will not, "
        "please give your reasons and tell me about my right to appeal.",
        "If you will issue a plan, send me the draft plan, or tell me the date by which you "
        "will send it.",
    ),
    "issuing": (
        "Send me the draft EHC plan, or tell me the date by which you will send it.",
        "Tell me the date by which you will issue the final EHC plan.",
    ),
    "draft": (
        "Send me {whose} final EHC plan, or tell me in writing the date by which you will send it.",
    ),
    "no-plan": (
        "Tell me what you will do to put right the effect the late decision has had on {whom}.",
    ),
}
# A blank template offers every ask, for the reader to keep those that apply.
BLANK_ASKS = (*ASKS["no-decision"], *ASKS["assessing"][:1], *ASKS["issuing"][:1], *ASKS["draft"])


def weeks(limit):
    """'16-week'."""
    return f"{law.TIME_LIMITS[limit].amount}-week"


def _ends(limit, received):
    return deadlines.ehc_deadlines(received)[limit]


class StageStep(StepForm):
    """How far the council has got, asked after how the request was sent, so that the letter
    can be refused until a time limit that bears on that stage has passed."""

    slug = "stage"
    title = "What the council has told you"
    hint = (
        "The law gives the council time limits after a request for an EHC needs assessment. "
        "They all count from the day the council received the request. Which ones the council "
        "has missed depends on how far it has got."
    )
    ehc_stage = ChoiceField(
        "What has the council told you since it received the request?",
        [(key, stage.choice) for key, stage in STAGES.items()],
        "Select what the council has told you",
    )

    def validate_ehc_stage(self, field):
        """The letter must not go before the time limit has ended: stop it here, saying when."""
        received = deadlines.received_on(self.earlier)
        if received is None or field.data not in STAGES:
            return  # the sending questions give their own errors
        limit = STAGES[field.data].first
        ends = _ends(limit, received)
        if dates.today() <= ends:
            raise ValidationError(
                f"The {weeks(limit)} time limit ends on {long_date(ends)}. You can send this "
                f"letter from {long_date(ends + datetime.timedelta(days=1))}"
            )


def _told_late(_form, field):
    """A decision not to issue a plan, told on or before the 16-week date, was on time."""
    received = deadlines.received_on(field.earlier)
    if field.data is None or received is None:
        return
    ends = _ends(ISSUE, received)
    if field.data <= ends:
        raise ValidationError(
            f"The date the council told you must be after {long_date(ends)}, when the "
            f"{weeks(ISSUE)} time limit ended. If it told you by then, it met that time limit"
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
            "hint": "For example, Ms Turner. The letter is addressed to them.",
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
            hint="If it went by post, enter the day it was posted.",
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
    StageStep,
    make_step(
        "no-plan",
        "When the council told you",
        show_if=when("ehc_stage", "no-plan"),
        no_plan_on=DateField(
            "When did the council tell you it would not issue an EHC plan?",
            "Enter the date the council told you it would not issue an EHC plan",
            hint="The date of its letter or email.",
            error_name="The date the council told you",
            prompt="date",
            not_after_today=True,
            checks=(_told_late,),
        ),
    ),
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
            "being closed for the summer holidays. A late report from an adviser, such as an "
            "educational psychologist, is not one of them.",
        ),
    ),
    make_step(
        "reason-details",
        "What the council said",
        show_if=when("exception", "yes"),
        exception_details=LongTextField(
            "What reason did the council give?",
            "Enter the reason the council gave",
            hint="Say when and how the council told you. The letter speaks to the council, so "
            "you can call it 'you'. For example, 'In an email on 19 October 2026, you said the "
            "educational psychologist's report had not arrived.'",
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
        "complaint",
        "Making a formal complaint",
        hint="Advisers often suggest making the letter a formal complaint straight away, so the "
        "council's complaints procedure starts now rather than after another wait. The letter "
        f"then says it is a formal complaint and sends a copy to the {DIRECTOR}, the senior "
        "officer in charge of the council's services for children. Once the complaints "
        "procedure is finished, you can go to the Local Government and Social Care Ombudsman.",
        formal_complaint=YesNoField(
            "Do you want this letter to be a formal complaint?",
            "Select yes if you want this letter to be a formal complaint",
            hint="If you choose no, the letter says you will make a formal complaint if the "
            f"council does not reply {law.limit_text('missed-deadline-action')}.",
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
    formal = answers.get("formal_complaint") is True  # a blank template offers it
    whom, whose = ("me", "my") if young else (child, possessive(child))
    if blank:
        letter_date, action_by = prompt("date"), prompt("date, 5 working days from today")
        subject = prompt(" / ".join(dict.fromkeys(s.subject for s in STAGES.values())))
        heading_start, missed = "Missed time limit", True
        status = (
            f"{prompt('what the council has told you since it received the request')}. The "
            f"{prompt('6, 16 or 20')}-week time limit has passed."
        )
        time_limits = _blank_time_limits()
        limits, advice = (ASSESS, ISSUE, FINAL), True
        asks = BLANK_ASKS
    else:
        today = dates.today()
        letter_date = long_date(today)
        action_by = long_date(deadlines.missed_deadline_action_by(today))
        stage = answers["ehc_stage"]
        due = deadlines.ehc_deadlines(deadlines.received_on(answers))
        passed = {limit for limit, day in due.items() if day < today}
        told_on = long_date(answers.get("no_plan_on"))
        subject = STAGES[stage].subject
        # Assessing, with only the 16 weeks passed, a council that will issue a plan is late
        # with nothing yet: the letter says the time limit has passed, not that it was missed.
        missed = stage != "assessing" or FINAL in passed
        heading_start = "Missed time limit" if missed else "Time limit passed"
        status = _status(stage, passed, told_on)
        time_limits = _time_limits(stage, due, today, told_on)
        # The exceptions to the time limits the letter says have passed, and no others.
        limits = tuple(limit for limit in STAGES[stage].limits if limit in passed)
        advice = STAGES[stage].advice
        asks = ASKS[stage]
    affected, away = ("me", "I have") if young else (f"{child} or me", f"{child} or I have")
    exceptions_key = EXCEPTIONS[limits]
    about = "my request" if young else "the request"
    for_whom = "" if young else f" for my child, {child}"
    one_limit = len(limits) == 1
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
        "heading": f"{heading_start}: {subject} for {full_name} "
        f"(date of birth {long_date(answers.get('child_dob'))})",
        "reference": f"Your reference: {reference}" if reference else "",
        "intro": f"I am writing about {about} for an education, health and care (EHC) needs "
        f"assessment{for_whom}. {status}",
        "formal_complaint": "This letter is a formal complaint under the council's complaints "
        f"procedure about the delay. I am sending a copy to the {DIRECTOR}."
        if formal
        else "",
        "request": _request(answers, blank),
        "time_limits": time_limits,
        "reason_intro": "You have given this reason for the delay:",
        "reason_given": paragraphs(answers.get("exception_details"))
        if blank or exception == "yes"
        else [],
        "no_reason": NO_REASON.get("no" if blank else exception, ""),
        "exception_rule": f"{capital(law.cite(exceptions_key))} "
        f"allow{'s' if one_limit else ''} more time only if it is impractical to meet "
        f"{'the' if one_limit else 'a'} time limit because:",
        "exceptions": [
            f"{reason}{end}"
            for reason, end in zip(
                ehc_exception_reasons(affected, away, early_years=limits != (ASSESS,)),
                (";", "; or", "."),
                strict=True,
            )
        ],
        "as_soon_as_practicable": (f"{EARLY_YEARS_ONLY_LATER} " if len(limits) == 3 else "")
        + "These reasons lift only the time limit in weeks, not the duty to act as soon as "
        f"practicable. {capital(law.cite('code-9.42-9.43'))} say that, when one of them "
        "applies, you should tell me, keep the delay to a minimum and finish as soon as you "
        "can once the reason has passed.",
        "advice": _advice() if advice else "",
        "impact": paragraphs(answers.get("impact")),
        "asks_intro": "Please do the following "
        f"{law.limit_text('missed-deadline-action')} of the date of this letter, by {action_by}:",
        "asks": [ask.format(whom=whom, whose=whose) for ask in asks] + [_why(exception, missed)],
        "complaint": ""
        if formal and not blank
        else f"If I do not have a reply by {action_by}, I will make a formal complaint under "
        "the council's complaints procedure.",
        "ombudsman": f"{cites('lgo-remedies')} that, where a council's delay is at fault, the "
        "Ombudsman can recommend that the council apologise and pay a sum for the distress and "
        "uncertainty caused. I can go to the Ombudsman after the council's complaints "
        "procedure.",
        "contact": contact_sentence(
            text(answers.get("writer_email")), text(answers.get("writer_phone"))
        ),
        "copy_to": _copy_to(text(answers.get("monitoring_officer")), formal, la_name, blank),
    }


def _why(exception, missed):
    """The last ask: the council's reason for the delay, and whether the law allows it."""
    if exception == "yes":
        return (
            "Tell me which of the reasons above you say applies, and why it made the time "
            "limit impractical to meet."
        )
    which = " If you say one of the reasons above applies, tell me which one and why."
    if not missed:
        return (
            "If you have decided not to issue a plan, tell me why you did not tell me within "
            f"the time limit.{which}"
        )
    return f"Tell me why the time limit was missed.{which}"


def _rule(limit, lead=""):
    """What the regulation behind `limit` says must be done, and by when; after `lead`."""
    said = RULES[limit].format(
        cited=law.cite(law.TIME_LIMITS[limit].citation),
        within="as soon as practicable, and at the latest "
        f"{law.limit_text(limit)} of receiving the request",
    )
    return f"{lead}{said}" if lead else capital(said)


def _ended(day, today):
    return f"That time limit {'ended' if day < today else 'ends'} on {long_date(day)}"


def _time_limits(stage, due, today, told_on):
    """A paragraph for each time limit that bears on the stage, with its date: every one
    that has passed, and those still to come that the council must now keep in mind."""
    ended = {limit: _ended(day, today) for limit, day in due.items()}
    if stage == "no-decision":
        return [
            f"{_rule(ASSESS)} {ended[ASSESS]}, and I have not had your decision.",
            f"{_rule(ISSUE)} {ended[ISSUE]}.",
            f"{_rule(FINAL)} {ended[FINAL]}. A late decision on the assessment does not move "
            "these dates.",
        ]
    if stage == "assessing":
        return [
            f"{_rule(ISSUE)} {ended[ISSUE]}, and you have not told me whether you will issue a "
            "plan.",
            f"{_rule(FINAL, 'If you are issuing a plan, ')} {ended[FINAL]}.",
            _draft_in_time(due[FINAL] < today),
        ]
    if stage == "issuing":
        return [
            f"{_rule(FINAL)} {ended[FINAL]}, and I have not yet had the draft plan.",
            _draft_in_time(due[FINAL] < today),
        ]
    if stage == "draft":
        return [f"{_rule(FINAL)} {ended[FINAL]}, and I have not received the final plan."]
    return [  # no-plan: a council issuing no plan is held to the 16 weeks, not the 20
        f"{_rule(ISSUE)} {ended[ISSUE]}, but you did not tell me your decision until {told_on}."
    ]


def _blank_time_limits():
    """Every time limit, for the reader to keep those that apply."""
    ended = f"That time limit ended on {prompt('date')}."
    return [f"{_rule(limit)} {ended}" for limit in (ASSESS, ISSUE, FINAL)] + [_draft_in_time(False)]


def _draft_in_time(final_passed):
    """The family's 15 days on the draft plan come before the final plan, within its limit."""
    days = law.TIME_LIMITS["draft-plan-comments"].amount
    has, ends = ("had", "ended") if final_passed else ("has", "ends")
    return (
        f"{cites('send-regs-13-1')} that when you send me the draft plan, you must give me at "
        f"least {days} days to comment on it, to ask for a particular school to be named and "
        f"to ask for a meeting. So the draft plan {has} to reach me early enough to leave me "
        f"those {days} days before the {weeks(FINAL)} time limit {ends}."
    )


def _advice():
    """The advice the assessment needs has its own time limit, and is no excuse."""
    return (
        f"{cites('send-regs-6-1')} that, in an EHC needs assessment, you must ask for advice, "
        "for example from the school, a health professional, an educational psychologist and "
        f"social care. {cites('send-regs-8')} that a body you ask for help, such as a health "
        f"service, must give it {law.limit_text('assessment-advice')} of your request, except "
        "in a few narrow cases. A late report from an adviser is not itself one of the reasons "
        "above, so it does not give you more time."
    )


def _status(stage, passed, told_on):
    """What the writer knows, and which time limits have passed, for the opening."""
    if stage == "no-decision":
        later = {
            frozenset(): "",
            frozenset({ISSUE}): f", and the date of the later {weeks(ISSUE)} time limit has "
            "passed too",
            frozenset({ISSUE, FINAL}): f", and the dates of the later {weeks(ISSUE)} and "
            f"{weeks(FINAL)} time limits have passed too",
        }[frozenset(passed & {ISSUE, FINAL})]
        return (
            "I have not had your decision on whether to carry out the assessment. The "
            f"{weeks(ASSESS)} time limit for that decision has passed{later}."
        )
    if stage == "assessing":
        also = f", and so has the {weeks(FINAL)} time limit" if FINAL in passed else ""
        return (
            "You agreed to carry out the assessment, but you have not told me its outcome. "
            f"The {weeks(ISSUE)} time limit has passed{also}."
        )
    if stage == "issuing":
        return (
            "You have told me you will issue an EHC plan, but I have not had the draft plan. "
            f"The {weeks(FINAL)} time limit for the final plan has passed."
        )
    if stage == "draft":
        return (
            "I have had the draft plan, but not the final EHC plan. The "
            f"{weeks(FINAL)} time limit for the final plan has passed."
        )
    return (
        f"On {told_on}, after the {weeks(ISSUE)} time limit had passed, you told me that you "
        "will not issue an EHC plan."
    )


def _copy_to(officer, formal, la_name, blank):
    """Who gets a copy: the monitoring officer, and the director too for a formal complaint."""
    if formal:
        monitoring = f"{officer}, {MONITORING_OFFICER}," if officer else f"the {MONITORING_OFFICER}"
        only_if = f" {prompt('if this letter is a formal complaint')}" if blank else ""
        copied = [f"{monitoring} and the {DIRECTOR}{only_if}"]
    else:
        copied = [officer, MONITORING_OFFICER]
    return f"Copy to: {', '.join(filter(None, (*copied, la_name)))}"


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
        return (
            f"The request was sent to you by {how} on {prompt('date sent')}, so it counts as "
            f"received on {prompt('date received')}."
        )
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
    "name, and what the council has told you since, including any reason for the delay.",
    audience=("parent", "young-person"),
    steps=STEPS,
    build_context=build_context,
    worked_out=worked_out.missed_deadline_letter,
    reminders=reminders.missed_deadline_letter,
    filename=file_name(
        "Missed time limit letter about {child_name} to {la_name}, {date}",
        child_name="your child",
        la_name="the council",
    ),
    example_source=dated_example("missed-deadline-letter"),
    follow_ons=follow_ons("missed-deadline-letter"),
    next_steps=(
        "Send the letter by email if you can, so you have proof of the date. Send the copies "
        "it lists: to the council's monitoring officer, and to the Director of Children's "
        "Services if the letter is a formal complaint.",
        "Keep proof of when the request for an assessment was sent, such as the sent email or "
        "the signed-for receipt. The dates in the letter depend on it.",
        "Put the date the letter asks the council to act by in your diary. The letter asks "
        f"for action {law.limit_text('missed-deadline-action')}.",
        "If the letter is not a formal complaint and the council does not reply or put things "
        "right, make a formal complaint through its complaints procedure.",
        "If the complaint does not put things right, you can complain to the Local Government "
        "and Social Care Ombudsman. It can recommend that the council apologise and pay a sum "
        "for the distress and uncertainty the delay caused. It normally only looks at "
        f"complaints made {law.limit_text('ombudsman-complaint')}.",
        "If the council decides not to carry out an assessment, or not to issue an EHC plan, "
        f"you can appeal to the SEND Tribunal ({law.cite('cfa-s51')}). First you must contact "
        f"a mediation adviser and get a certificate ({law.cite('cfa-s55')}). The council's "
        "decision letter should say how and by when.",
    ),
    advice="For free advice, contact your local SEND Information, Advice and Support Service "
    "(SENDIASS) or IPSEA, a charity that gives free advice based on the law.",
)
