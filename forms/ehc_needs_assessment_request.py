"""A request to the local council for an EHC needs assessment (DOMAIN.md 2(c)).

A parent, a young person aged 16 to 25 (in their own name) or a school can make the request
under section 36(1) of the Children and Families Act 2014, so the journey asks who is writing
first and the letter speaks in that voice: "my son", "I", or "our pupil". The letter sets out
the legal test in section 36(8) with the writer's reasons for each part, the support so far,
who to ask for advice and what is enclosed. From the date and way it is sent, it works out
the day the council receives it and the 6-, 16- and 20-week dates the council must meet, each
printed with its regulation. Every legal reference and date rule comes from `service.law`.
"""

import datetime

from wtforms import Form
from wtforms.validators import ValidationError

from forms.formatting import (
    cites,
    contact_sentence,
    is_blank,
    long_date,
    one_line,
    paragraphs,
    possessive,
    prompt,
    text,
)
from service import law
from service.catalogue import DocumentType, StepForm, is_prompt
from service.fields import (
    ChoiceField,
    DateField,
    EmailField,
    GroupField,
    ListField,
    LongTextField,
    PhoneField,
    TextField,
    YesNoField,
)

PARENT, YOUNG_PERSON, SCHOOL = "parent", "young_person", "school"
# How far ahead a sending date may be: further than this is almost always a typing slip.
LATEST_SENDING_DAYS = 90
RECEIVED_PROMPT = "date they should receive it"


def _requester(answers):
    """Who is writing. A blank template (or an unanswered question) gets the parent's letter,
    the one most people print."""
    requester = answers.get("requester")
    return requester if requester in (YOUNG_PERSON, SCHOOL) else PARENT


class RequesterStep(StepForm):
    slug = "requester"
    title = "Who is asking for the assessment?"
    hint = (
        "An education, health and care (EHC) needs assessment is when the local council looks "
        "closely at the help a child or young person with special educational needs (SEN) "
        "needs. It is the first step towards an EHC plan. The law lets a parent, a young "
        "person or a school ask for one."
    )
    requester = ChoiceField(
        "Who is making the request?",
        choices=[
            (PARENT, "A parent or carer, for their child"),
            (YOUNG_PERSON, "A young person aged 16 to 25, for themselves"),
            (SCHOOL, "A school, for one of its pupils"),
        ],
        required="Select who is making the request",
        hint=(
            "You count as a young person from the end of Year 11 (the last Friday in June) "
            "until you turn 25. The letter's wording changes to suit who is writing."
        ),
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
    child_relation = ChoiceField(
        "How should the letter describe your child?",
        choices=[("son", "My son"), ("daughter", "My daughter"), ("child", "My child")],
        required="Select how the letter should describe your child",
    )
    child_dob = DateField(
        "Your child's date of birth",
        "Enter your child's date of birth",
        hint="For example, 27 3 2017",
        error_name="Date of birth",
        prompt="date of birth",
        not_after_today=True,
    )
    child_setting = TextField(
        "Which school, nursery or college does your child go to? (optional)",
        hint="Leave this blank if your child is not at a school, nursery or college.",
        error_name="School, nursery or college",
        prompt="school, nursery or college",
    )
    year_group = TextField(
        "Year group (optional)",
        hint="For example, Reception or Year 4",
        error_name="Year group",
        prompt="year group",
        max_length=40,
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == PARENT


class YoungPersonStep(StepForm):
    slug = "young-person"
    title = "About you"
    yp_name = TextField("Your full name", "Enter your full name", prompt="your full name")
    yp_dob = DateField(
        "Your date of birth",
        "Enter your date of birth",
        hint="For example, 27 3 2008",
        error_name="Date of birth",
        prompt="date of birth",
        not_after_today=True,
    )
    yp_setting = TextField(
        "Which school or college do you go to? (optional)",
        hint="Leave this blank if you are not at a school or college.",
        error_name="School or college",
        prompt="school or college",
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == YOUNG_PERSON


class PupilStep(StepForm):
    slug = "pupil"
    title = "About the pupil"
    pupil_name = TextField(
        "The pupil's full name", "Enter the pupil's full name", prompt="pupil's full name"
    )
    pupil_known_as = TextField(
        "What name does the pupil usually go by? (optional)",
        hint="Leave this blank to use their full name.",
        error_name="The name the pupil goes by",
        prompt="pupil's name",
    )
    pupil_dob = DateField(
        "The pupil's date of birth",
        "Enter the pupil's date of birth",
        hint="For example, 27 3 2017",
        error_name="Date of birth",
        prompt="date of birth",
        not_after_today=True,
    )
    pupil_year = TextField(
        "Year group (optional)",
        hint="For example, Year 4",
        error_name="Year group",
        prompt="year group",
        max_length=40,
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == SCHOOL


class FamilyAgreementStep(StepForm):
    slug = "family-agreement"
    title = "The family's agreement"
    family_agrees = YesNoField(
        "Does the pupil's family agree to the school making this request?",
        "Select yes if the family agrees to the school making this request",
        hint=(
            "The SEND Code of Practice says a school should ideally make the request with the "
            "agreement of the parents, or of the pupil if they are past the end of Year 11. "
            "The letter says whether you have it."
        ),
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == SCHOOL


class CouncilStep(StepForm):
    slug = "council"
    title = "The local council"
    hint = (
        "The local council (also called the local authority) decides whether to carry out the "
        "assessment. The letter goes to its special educational needs (SEN) team, which may "
        "be called the SEND team or the EHC team. It is usually the council for the area "
        "where the child or young person lives."
    )
    la_name = TextField(
        "Name of the council",
        "Enter the name of the council",
        hint="For example, Leeds City Council",
        prompt="name of the council",
    )
    la_contact = TextField(
        "Name of the person to write to (optional)",
        hint="Leave this blank to write to the SEN team.",
        error_name="Name of the person to write to",
        prompt="name, or SEN Team",
    )
    la_address = LongTextField(
        "The council's address (optional)",
        hint="Put each line of the address on a new line. Leave it blank if you are emailing.",
        error_name="The council's address",
        prompt="council's address",
        max_length=500,
    )


class SpecialNeedsStep(StepForm):
    slug = "special-educational-needs"
    title = "Part 1 of the test: special educational needs"
    hint = (
        "The council must carry out an assessment if two things are true. The first is that "
        "the child or young person has, or may have, special educational needs. You do not "
        "have to prove it, and no diagnosis is needed."
    )
    reasons_sen = LongTextField(
        "What are the difficulties, and why might they be special educational needs?",
        "Enter why there are, or may be, special educational needs",
        hint=(
            "Describe the difficulties with learning, communication, behaviour, feelings, or "
            "physical and sensory needs, and how they compare with others of the same age. "
            "Give examples and test results if you have them. Put each point on a new line."
        ),
        error_name="Why there may be special educational needs",
        prompt="why there are, or may be, special educational needs",
    )


class PlanNecessaryStep(StepForm):
    slug = "plan-necessary"
    title = "Part 2 of the test: an EHC plan may be necessary"
    hint = (
        "The second part is that it may be necessary for the help to be set out in an EHC "
        "plan. You only need to show that it may be necessary, not that it certainly is."
    )
    reasons_plan = LongTextField(
        "Why might an EHC plan be necessary?",
        "Enter why an EHC plan may be necessary",
        hint=(
            "For example: support has been tried but progress is still slow; progress only "
            "comes with a lot of extra help; the help needed is more than the school can "
            "usually give; there are health or care needs too; or the help needs to be "
            "guaranteed. Put each point on a new line."
        ),
        error_name="Why an EHC plan may be necessary",
        prompt="why an EHC plan may be necessary",
    )


class SupportStep(StepForm):
    slug = "support-so-far"
    title = "Support so far and progress"
    hint = (
        "The council should look at the help already given and the progress made. If the "
        "child or young person is not at a school, nursery or college, you can leave these "
        "blank."
    )
    school_action = LongTextField(
        "What has been done to help? (optional)",
        hint=(
            "For example, extra teaching, therapy, changes in class, a support plan or advice "
            "from specialists. Say how often and since when, if you know. Put each one on a "
            "new line."
        ),
        error_name="What has been done to help",
        prompt="what has been done to help, how often and since when",
    )
    progress = LongTextField(
        "What progress has been made? (optional)",
        hint="For example, test results or reading ages over time, or what has not changed.",
        error_name="What progress has been made",
        prompt="progress so far, with test results if you have them",
    )


class ProfessionalForm(Form):
    """One person or service the council should ask for advice."""

    name = TextField(
        "Name or service",
        "Enter the name of the professional or service",
        prompt="name or service",
    )
    role = TextField(
        "Their job (optional)",
        hint="For example, speech and language therapist",
        error_name="Their job",
        prompt="their job",
    )
    details = TextField(
        "Other details (optional)",
        hint="For example, where they work, or when they last saw the child or young person.",
        error_name="Other details",
        prompt="where they work",
        max_length=300,
    )


class ProfessionalsStep(StepForm):
    slug = "professionals"
    title = "Who the council should ask for advice"
    professionals = ListField(
        GroupField(ProfessionalForm),
        "Who should the council ask for advice? (optional)",
        hint=(
            "The council asks for advice as part of the assessment. Name anyone who knows the "
            "child or young person well, such as a paediatrician, therapist, educational "
            "psychologist or CAMHS worker, so that it asks them too."
        ),
        item_name="professional",
    )


class EvidenceStep(StepForm):
    slug = "evidence"
    title = "Documents to send"
    evidence = ListField(
        TextField("Document", prompt="document, with its date", max_length=300),
        "Which documents will you send with the request? (optional)",
        hint=(
            "One document in each box, with its date. For example, reports from "
            "professionals, support plans, test results, school reports, attendance records "
            "or letters. Send copies and keep the originals."
        ),
        item_name="document",
    )


SEND_METHODS = [
    ("email", "By email"),
    ("hand", "By hand"),
    ("signed-post", "By signed-for post"),
    ("first-class-post", "By first-class post"),
]


class SendingStep(StepForm):
    slug = "sending"
    title = "Sending the request"
    hint = (
        "The council's time limits start on the day it receives the request. The letter works "
        "out those dates from when and how you send it."
    )
    date_sent = DateField(
        "When will you send the request?",
        "Enter the date you will send the request",
        hint="The letter will have this date on it. For example, 27 11 2026",
        error_name="Date you will send the request",
        prompt="date",
    )
    send_method = ChoiceField(
        "How will you send it?",
        choices=SEND_METHODS,
        required="Select how you will send the request",
        hint="Email and signed-for post give you proof that you sent it.",
    )

    def validate_date_sent(self, field):
        latest = law.today() + datetime.timedelta(days=LATEST_SENDING_DAYS)
        if field.data and field.data > latest:
            raise ValidationError(
                f"Date you will send the request must be the same as or before {long_date(latest)}"
            )


class AfterFivePmStep(StepForm):
    slug = "after-5pm"
    title = "The time you send it"
    after_5pm = YesNoField(
        "Will you send it or hand it in after 5pm?",
        "Select yes if you will send it or hand it in after 5pm",
        hint=(
            "A request that arrives after 5pm, or on a weekend or bank holiday, usually counts "
            "as received on the next working day."
        ),
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("send_method") in ("email", "hand")


class ParentDetailsStep(StepForm):
    slug = "your-details"
    title = "Your details"
    parent_name = TextField("Your full name", "Enter your full name", prompt="your name")
    parent_address = LongTextField(
        "Your address",
        "Enter your address",
        hint="Put each line of the address on a new line.",
        prompt="your address",
        max_length=500,
    )
    parent_email = EmailField()
    parent_phone = PhoneField()

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == PARENT


class YoungPersonContactStep(StepForm):
    slug = "contact-details"
    title = "How the council can contact you"
    yp_address = LongTextField(
        "Your address",
        "Enter your address",
        hint="Put each line of the address on a new line.",
        prompt="your address",
        max_length=500,
    )
    yp_email = EmailField()
    yp_phone = PhoneField()

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == YOUNG_PERSON


class SchoolDetailsStep(StepForm):
    slug = "school-details"
    title = "Your details and the school's"
    staff_name = TextField("Your full name", "Enter your full name", prompt="your name")
    staff_role = TextField(
        "Your job title",
        "Enter your job title",
        hint="For example, SENCO (special educational needs co-ordinator) or Head Teacher",
        prompt="job title",
        max_length=100,
    )
    school_name = TextField(
        "Name of the school", "Enter the name of the school", prompt="name of the school"
    )
    school_address = LongTextField(
        "School address",
        "Enter the school's address",
        hint="Put each line of the address on a new line.",
        prompt="school address",
        max_length=500,
    )
    staff_email = EmailField()
    staff_phone = PhoneField()

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == SCHOOL


STEPS = (
    RequesterStep,
    ChildStep,
    YoungPersonStep,
    PupilStep,
    FamilyAgreementStep,
    CouncilStep,
    SpecialNeedsStep,
    PlanNecessaryStep,
    SupportStep,
    ProfessionalsStep,
    EvidenceStep,
    SendingStep,
    AfterFivePmStep,
    ParentDetailsStep,
    YoungPersonContactStep,
    SchoolDetailsStep,
)


# --- The letter ---------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    requester = _requester(answers)
    person = _person(answers, requester)
    we = "We" if requester == SCHOOL else "I"
    us = "us" if requester == SCHOOL else "me"
    sender_lines, email, phone, signer, signer_role = _sender(answers, requester)
    addressee, salutation, named = _addressing(answers)
    received, sending = _sending(answers, we, blank)
    received_on = prompt(RECEIVED_PROMPT) if blank else long_date(received)
    about = "me" if requester == YOUNG_PERSON else person["short"]
    return {
        "blank": blank,
        "sender_lines": sender_lines,
        "sender_email": email,
        "sender_phone": phone,
        "letter_date": prompt("date") if blank else long_date(answers.get("date_sent")),
        "addressee": addressee,
        "salutation": salutation,
        "heading": (
            f"Request for an education, health and care (EHC) needs assessment for {person['name']}"
        ),
        "opening": _opening(answers, requester, person),
        "test_intro": (
            f"{cites('cfa-s36-8')} you must carry out an EHC needs assessment if both of "
            "these are true:"
        ),
        "test_parts": [
            f"{_has(requester, person)} or may have special educational needs (SEN)",
            "it may be necessary for special educational provision to be made for "
            f"{about} through an EHC plan",
        ],
        "test_meaning": (
            "This is the only test the law sets for an assessment. The law does not ask for a "
            "diagnosis, for a set number of rounds of extra support, or for a set amount "
            "of money to have been spent first. It is also a lower bar than the test for "
            "deciding whether to issue an EHC plan. "
            f"{we} explain below why both parts of the test are met."
        ),
        "sen_heading": f"1. {_has(requester, person)} or may have special educational needs",
        "reasons_sen": paragraphs(answers.get("reasons_sen")),
        "reasons_plan": paragraphs(answers.get("reasons_plan")),
        "support_intro": (
            f"{cites('code-9.14')} that, in deciding whether to assess, you should look at "
            "the action already taken and the progress made."
        ),
        "school_action": paragraphs(answers.get("school_action")),
        "progress": paragraphs(answers.get("progress")),
        "professionals_intro": (
            f"When you assess {about}, please ask these people for advice as well as anyone "
            "you would usually ask:"
        ),
        "professionals": [_professional(item) for item in answers.get("professionals") or []],
        "evidence_intro": (
            f"{we} {'are' if we == 'We' else 'am'} sending copies of these documents with this "
            "letter:"
        ),
        "evidence": [one_line(item) for item in answers.get("evidence") or [] if text(item)],
        "sending": sending,
        "limits_intro": (
            "The law sets the time limits below. They count from the day you receive the "
            f"request, so these dates assume you receive it on {received_on}. If you receive it "
            f"on a different day, please tell {us}."
        ),
        "deadlines": _deadlines(requester, person, received, blank),
        "exceptions": (
            f"{_capital(law.cite('send-regs-exceptions'))} say these limits do not apply in a "
            "few cases where meeting them is impractical. For example, a school you need "
            "advice from may be closed for 4 weeks or more, or there may be exceptional "
            f"personal circumstances. If you think one of these applies, please tell {us} "
            "which one and why."
        ),
        "acknowledge": _acknowledge(requester, person, us),
        "contact": contact_sentence(email, phone, who=us),
        "sign_off": "Yours sincerely" if named else "Yours faithfully",
        "signer": signer,
        "signer_role": signer_role,
    }


def _person(answers, requester):
    """The child or young person the request is about: names, date of birth, school, year."""
    if requester == YOUNG_PERSON:
        name = text(answers.get("yp_name"))
        return {
            "name": name,
            "short": name,
            "dob": long_date(answers.get("yp_dob")),
            "setting": text(answers.get("yp_setting")),
            "year": "",
        }
    if requester == SCHOOL:
        name = text(answers.get("pupil_name"))
        return {
            "name": name,
            "short": text(answers.get("pupil_known_as"), default=name),
            "dob": long_date(answers.get("pupil_dob")),
            "setting": text(answers.get("school_name")),
            "year": _year_group(answers.get("pupil_year")),
        }
    name = text(answers.get("child_name"))
    return {
        "name": name,
        "short": text(answers.get("child_known_as"), default=name),
        "dob": long_date(answers.get("child_dob")),
        "setting": text(answers.get("child_setting")),
        "year": _year_group(answers.get("year_group")),
    }


def _year_group(value):
    """'4' -> 'Year 4'; anything else as it was written."""
    value = text(value)
    if not is_prompt(value) and value.isdigit():
        return f"Year {value}"
    return value


def _has(requester, person):
    """The subject of the test's first part: "I have" or "Leo has"."""
    return "I have" if requester == YOUNG_PERSON else f"{person['short']} has"


def _capital(phrase):
    return f"{phrase[0].upper()}{phrase[1:]}"


RELATIONS = {"son": "my son", "daughter": "my daughter", "child": "my child"}


def _opening(answers, requester, person):
    """The first paragraphs: who is asking, for whom, and under which section."""
    name, short, dob = person["name"], person["short"], person["dob"]
    setting, year = person["setting"], person["year"]
    as_a_request = "Please treat this letter as {} request, even if you also have a form for it."
    under = law.cite("cfa-s36-1")
    if requester == YOUNG_PERSON:
        where = f" and I am at {setting}" if setting else ""
        return [
            "I am writing to ask you to carry out an education, health and care (EHC) needs "
            f"assessment for me. I was born on {dob}{where}.",
            "I am making this request in my own name, as a young person, under "
            f"{under}. {as_a_request.format('my')}",
        ]
    if requester == SCHOOL:
        in_year = f" and is in {year}" if year else ""
        return [
            f"I am writing on behalf of {setting} to ask you to carry out an education, health "
            f"and care (EHC) needs assessment for our pupil {name}, who was born on "
            f"{dob}{in_year}.",
            f"We make this request as {possessive(short)} school, under {under}. "
            f"{as_a_request.format('our')}",
            _agreement(answers, short),
        ]
    relation = answers.get("child_relation")
    relation = (
        prompt("my son / my daughter / my child")
        if is_prompt(relation)
        else RELATIONS.get(relation, "my child")
    )
    return [
        "I am writing to ask you to carry out an education, health and care (EHC) needs "
        f"assessment for {relation}, {name}, who was born on {dob}."
        + _school_of(short, setting, year),
        f"I make this request as {possessive(short)} parent, under {under}. "
        f"{as_a_request.format('my')}",
    ]


def _school_of(short, setting, year):
    if setting and year:
        return f" {short} is in {year} at {setting}."
    if setting:
        return f" {short} goes to {setting}."
    if year:
        return f" {short} is in {year}."
    return ""


def _agreement(answers, short):
    """A school's request says whether the family agrees (SEND Code 9.8: ideally it does)."""
    if answers.get("family_agrees") is False:
        return (
            f"We have not yet got the agreement of {possessive(short)} family to this request. "
            f"{cites('code-9.8')} that a school should ideally have it, but we are making the "
            f"request now because we believe {short} needs an assessment."
        )
    return (
        f"{possessive(short)} family agree to us making this request. {cites('code-9.8')} "
        "that a school should ideally have the family's agreement."
    )


def _sender(answers, requester):
    """(address block lines, email, phone, name to sign with, role line under the name)."""
    if requester == SCHOOL:
        name, role = text(answers.get("staff_name")), text(answers.get("staff_role"))
        school = text(answers.get("school_name"))
        lines = [name, role, school, *paragraphs(answers.get("school_address"))]
        role_line = f"{role}, {school}"
        return (
            lines,
            text(answers.get("staff_email")),
            text(answers.get("staff_phone")),
            name,
            role_line,
        )
    prefix = "yp" if requester == YOUNG_PERSON else "parent"
    name = text(answers.get(f"{prefix}_name"))
    lines = [name, *paragraphs(answers.get(f"{prefix}_address"))]
    return (
        lines,
        text(answers.get(f"{prefix}_email")),
        text(answers.get(f"{prefix}_phone")),
        name,
        "",
    )


def _addressing(answers):
    """(addressee lines, salutation, whether a person is named)."""
    council = [text(answers.get("la_name")), *paragraphs(answers.get("la_address"))]
    contact = text(answers.get("la_contact"))
    if contact:
        return [contact, *council], f"Dear {contact}", True
    return ["SEN Team", *council], "Dear SEN Team", False


SENDING_VERBS = {
    "email": "sending this request by email",
    "hand": "delivering this request by hand",
    "signed-post": "sending this request by signed-for post",
    "first-class-post": "sending this request by first-class post",
}


def _sending(answers, we, blank):
    """(the day the council should receive the request, the sentence that says so); the
    day is None in a blank template.

    The receipt rules are law.request_received's. Signed-for post counts as received on the
    day it is signed for, which the letter cannot know: it assumes the next working day after
    posting, says so, and asks the council to say if it was different.
    """
    am = "am" if we == "I" else "are"
    if blank:
        return None, (
            f"{we} {am} sending this request by {prompt('email / hand / post')} on "
            f"{prompt('date')}, so you should receive it on {prompt(RECEIVED_PROMPT)}."
        )
    method = answers.get("send_method")
    sent = datetime.date.fromisoformat(answers.get("date_sent"))
    after_5pm = answers.get("after_5pm") is True
    on = f"{we} {am} {SENDING_VERBS[method]}"
    if method == "signed-post":
        received = law.request_received(law.next_working_day(sent), method)
        return received, (
            f"{on} on {long_date(sent)}. It should count as received on the day it is signed "
            f"for, which is likely to be the next working day, {long_date(received)}."
        )
    received = law.request_received(sent, method, after_5pm)
    if method == "first-class-post":
        return received, (
            f"{on} on {long_date(sent)}, so you should receive it on the next working day, "
            f"{long_date(received)}."
        )
    if received == sent:
        return received, (
            f"{on} on {long_date(sent)}, before 5pm, so you should receive it that day."
        )
    if after_5pm:
        return received, (
            f"{on} after 5pm on {long_date(sent)}, so it should count as received on the next "
            f"working day, {long_date(received)}."
        )
    return received, (
        f"{on} on {long_date(sent)}, which is not a working day, so it should count as "
        f"received on the next working day, {long_date(received)}."
    )


def _deadlines(requester, person, received, blank):
    """The three rows of the time-limits table: what the council must do, by when, and the
    time limit with its regulation, all from law.TIME_LIMITS."""
    tell = f"{possessive(person['short'])} family" if requester == SCHOOL else "me"
    tasks = {
        "decide-to-assess": f"Decide whether to carry out an assessment, and tell {tell}",
        "decide-to-issue": f"If you decide after assessing not to issue an EHC plan, tell {tell}",
        "final-plan": "If you decide to issue an EHC plan, issue the final plan",
    }
    if blank:
        dates = {
            key: prompt(f"date {law.TIME_LIMITS[key].amount} weeks after they receive it")
            for key in law.EHC_STEPS
        }
    else:
        dates = {key: long_date(due) for key, due in law.ehc_deadlines(received).items()}
    return [
        {
            "task": tasks[key],
            "date": dates[key],
            "law": (
                f"{_capital(law.limit_text(key))} of receiving the request, under "
                f"{law.cite(law.TIME_LIMITS[key].citation)}"
            ),
        }
        for key in law.EHC_STEPS
    ]


def _professional(item):
    """'Dr Rachel Evans, community paediatrician (Westbridge Children's Centre)'."""
    name, role, details = (text(item.get(key)) for key in ("name", "role", "details"))
    line = f"{name}, {role}" if role else name
    return f"{line} ({details})" if details else line


def _acknowledge(requester, person, us):
    """The closing asks: confirm receipt and its date, and who will deal with the request."""
    asks = (
        "Please confirm in writing that you have received this request. Please tell "
        f"{us} the date you received it, and who will deal with it."
    )
    if requester == SCHOOL:
        asks += (
            f" Please also send us a copy of what you send to {possessive(person['short'])} "
            "family about it."
        )
    return asks


def filename(answers):
    name = _person(answers, _requester(answers))["name"] or "a child or young person"
    when = long_date(answers.get("date_sent")) or long_date(law.today())
    return f"EHC needs assessment request for {name}, {when}"


EXAMPLE = {
    "requester": PARENT,
    "child_name": "Leo Brennan",
    "child_known_as": "Leo",
    "child_relation": "son",
    "child_dob": "2016-06-09",
    "child_setting": "St Anne's Church of England Primary School",
    "year_group": "Year 5",
    "la_name": "Westbridge Borough Council",
    "la_contact": "",
    "la_address": "Civic Centre\nHigh Street\nWestbridge\nWB1 2AA",
    "reasons_sen": (
        "Leo's reading and spelling are far behind most children his age. In October 2026 "
        "the school's tests put his reading age at 6 years 4 months; he is 10.\n"
        "He finds it very hard to follow spoken instructions or to remember more than one "
        "step at a time.\n"
        "He comes home exhausted and upset most days, and says he feels 'stupid' in class.\n"
        "Dr Rachel Evans, community paediatrician, thinks he may have a language disorder "
        "and has referred him for a full assessment."
    ),
    "reasons_plan": (
        "Leo has had extra help at school for two years, but the gap between him and his "
        "classmates keeps growing.\n"
        "The help he now needs, including daily one-to-one support and speech and language "
        "therapy, is more than the school says it can give from its own budget.\n"
        "He needs help with learning, communication and his emotional health, and these need "
        "to be planned together.\n"
        "He moves to secondary school in September 2028, and his support needs to be secure "
        "before then."
    ),
    "school_action": (
        "Small-group phonics sessions three times a week since September 2024.\n"
        "A SEN support plan, reviewed each term since January 2025.\n"
        "A visit and advice from the council's specialist teacher in March 2026."
    ),
    "progress": (
        "Leo's reading age rose by only 4 months between September 2025 and September 2026.\n"
        "His class teacher says he still cannot work on his own for more than a few minutes."
    ),
    "professionals": [
        {
            "name": "Dr Rachel Evans",
            "role": "community paediatrician",
            "details": "Westbridge Children's Centre; saw Leo on 10 September 2026",
        },
        {
            "name": "Westbridge Speech and Language Therapy Service",
            "role": "",
            "details": "Leo has been on the waiting list since May 2026",
        },
    ],
    "evidence": [
        "Letter from Dr Rachel Evans, community paediatrician, 10 September 2026",
        "Leo's SEN support plans, January 2025 to October 2026",
        "School reading test results, September 2025 and September 2026",
        "Leo's school report, July 2026",
        "Our home diary of after-school meltdowns, September to November 2026",
    ],
    "date_sent": "2026-11-24",
    "send_method": "email",
    "after_5pm": False,
    "parent_name": "Siobhan Brennan",
    "parent_address": "27 Orchard Way\nWestbridge\nWB4 7JD",
    "parent_email": "siobhan.brennan@example.com",
    "parent_phone": "07700 900456",
}


DOCUMENT = DocumentType(
    slug="ehc-needs-assessment-request",
    title="Ask the council for an EHC needs assessment",
    reader_title="Request for an EHC needs assessment",
    summary=(
        "Ask the local council to assess a child or young person for an education, health "
        "and care (EHC) plan, with the dates by which it must reply."
    ),
    needs=(
        "The council's name, the child or young person's date of birth, why you think they "
        "have or may have special educational needs, and a list of any reports you will send."
    ),
    audience=("parent", "young-person", "school"),
    steps=STEPS,
    template="ehc-needs-assessment-request.docx",
    build_context=build_context,
    filename=filename,
    example=EXAMPLE,
    next_steps=(
        "Send the request with copies of the documents it lists. Keep proof of when you sent "
        "it: the sent email, the signed-for receipt, or a note of when and to whom you handed "
        "it in. The council's time limits count from the day it receives the request.",
        "If the council has not told you its decision by the 6-week date in your letter, use "
        "this service's 'Letter to the council about a missed EHC time limit'.",
        "If the council decides not to assess, the parent or young person can appeal to the "
        f"SEND Tribunal ({law.cite('cfa-s51')}), even if a school made the request. First they "
        "must contact a mediation adviser and get a certificate "
        f"({law.cite('cfa-s55')}). The council's decision letter should say how and by when.",
        "IPSEA (ipsea.org.uk) and your local SENDIASS give free advice on assessments and appeals.",
    ),
)
