"""A request for a pupil's school records (DOMAIN.md 1.7).

Two rights can apply, and the letter picks by who is asking, the type of school and what the
person wants:
- a parent at a maintained school can ask to see, or have a copy of, the child's educational
  record under regulation 5 of the Pupil Information Regulations 2005 (15 school days);
- anyone can make a subject access request under UK GDPR for all the personal information a
  school holds (one month). That is the only route at academies and independent schools, and
  the only one for young people asking for their own records, since the 2005 regulations give
  their right to parents.
The subject access due date is counted from when the school receives the letter, which
depends on how and when it is sent. Every legal reference comes from `service.law`.
"""

import datetime
from dataclasses import dataclass

from wtforms.validators import ValidationError

from forms.formatting import (
    cites,
    contact_ways,
    is_blank,
    join_list,
    long_date,
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
    LongTextField,
    MultiChoiceField,
    PhoneField,
    TextField,
    YesNoField,
)

# "From about age 12 the child's own right or consent matters" (DOMAIN.md 1.7, [S]): a guide
# for when to raise the child's views, not a legal threshold.
CHILD_VIEWS_AGE = 12

HEAD_TITLE = "Head Teacher"
DPO_TITLE = "Data Protection Officer"


class WhoStep(StepForm):
    slug = "who"
    title = "Who is asking for the records?"
    requester = ChoiceField(
        "Whose records are you asking for?",
        choices=[
            ("parent", "My child's records (I am their parent or carer)"),
            ("young_person", "My own records (I am, or was, the pupil)"),
        ],
        required="Select whose records you are asking for",
        hint=(
            "A young person can ask a school for their own records. The letter is worded for "
            "whoever is asking."
        ),
    )


class SchoolStep(StepForm):
    slug = "school"
    title = "About the school"
    school_name = TextField(
        "Name of the school", "Enter the name of the school", prompt="name of the school"
    )
    school_address = LongTextField(
        "School address (optional)",
        hint="Put each line of the address on a new line.",
        error_name="School address",
        prompt="school address",
        max_length=500,
    )
    recipient = ChoiceField(
        "Who should the letter go to?",
        choices=[
            ("head", "The head teacher"),
            ("dpo", "The school's data protection officer"),
        ],
        required="Select who the letter should go to",
        hint=(
            "Many schools name a data protection officer in the privacy notice on their "
            "website. If you cannot find one, write to the head teacher."
        ),
    )
    recipient_name = TextField(
        "Their name (optional)",
        hint="For example, Ms Clarke. Leave this blank if you do not know it.",
        error_name="Their name",
        prompt="name",
    )


class SchoolTypeStep(StepForm):
    slug = "school-type"
    title = "What type of school is it?"
    hint = (
        "The rules are different for each type of school. The school's website usually says "
        "what type it is. You can also search for the school on the Get Information about "
        "Schools service on GOV.UK, which shows its type. Community, foundation and voluntary "
        "schools are all maintained schools."
    )
    school_type = ChoiceField(
        "What type of school is it?",
        choices=[
            ("maintained", "A maintained school (run by the local council)"),
            ("academy", "An academy or free school"),
            ("independent", "An independent (private) school"),
            ("not_sure", "I'm not sure"),
        ],
        required="Select what type of school it is",
        hint="If you are not sure, the letter will use wording that works for any school.",
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == "parent"


WANTS = [
    ("see", "To look at my child's records at the school"),
    ("copy", "A copy of my child's records"),
    ("all", "A copy of all the information the school holds about my child"),
]


class WantsStep(StepForm):
    slug = "wants"
    title = "What do you want?"
    hint = (
        "At a maintained school, you have a right to see your child's educational record "
        f"{law.educational_record_limit_text()}. This is the main file the school keeps about "
        "your child. Asking for all the information the school holds is called a subject "
        "access request. It can cover more, such as emails, but the school has "
        f"{law.limit_text('subject-access').removeprefix('within ')} to reply. If you choose "
        "this, the letter asks for both."
    )
    wants = ChoiceField(
        "What do you want from the school?",
        choices=WANTS,
        required="Select what you want from the school",
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == "parent" and answers.get("school_type") in (
            "maintained",
            "not_sure",
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
        hint="For example, 27 3 2013",
        error_name="Date of birth",
        prompt="day month year",
        not_after_today=True,
    )
    year_group = TextField(
        "Year group (optional)",
        hint="For example, Year 8. If your child has left the school, say when.",
        error_name="Year group",
        prompt="year group",
        max_length=60,
    )
    relationship = TextField(
        "Your relationship to the child (optional)",
        hint="For example, mother, father, carer or grandparent. If you leave this blank, "
        "the letter says 'parent'.",
        error_name="Your relationship to the child",
        prompt="mother, father or carer",
        max_length=60,
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == "parent"


class PupilStep(StepForm):
    slug = "pupil"
    title = "About you at school"
    own_dob = DateField(
        "Your date of birth",
        "Enter your date of birth",
        hint="For example, 27 3 2008. This helps the school find your records.",
        error_name="Your date of birth",
        not_after_today=True,
    )
    own_year_group = TextField(
        "Your year group, or when you left (optional)",
        hint="For example, Year 12, or 'left in July 2024'.",
        error_name="Your year group",
        prompt="year group",
        max_length=60,
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("requester") == "young_person"


# (value, label on the form, how the letter lists it: {about} is the pupil)
RECORDS = [
    ("sen_file", "SEN file and support plans", "the SEN file and any support plans"),
    (
        "interventions",
        "Intervention and provision records (the extra help given)",
        "records of interventions and other extra help, such as provision maps",
    ),
    ("assessments", "Assessments and reports", "assessments and reports, including test results"),
    ("behaviour", "Behaviour and incident records", "behaviour and incident records"),
    (
        "attendance",
        "Attendance and exclusion records",
        "attendance records, and records of any suspensions or exclusions",
    ),
    ("emails", "Emails and notes by staff", "emails and notes by staff that mention {about}"),
    ("meetings", "Meeting notes", "notes of meetings about {about}"),
]


class RecordsStep(StepForm):
    slug = "records"
    title = "Which records do you most want?"
    records_wanted = MultiChoiceField(
        "Which records do you most want? (optional)",
        choices=[(value, label) for value, label, _ in RECORDS],
        error_name="The records you want",
        hint=(
            "Select all that apply. The letter still asks for everything, but the list helps "
            "the school find what matters most to you. SEN means special educational needs."
        ),
    )
    records_other = LongTextField(
        "Anything else you want? (optional)",
        hint=(
            "Put each one on a new line. For example, 'the notes from the meeting with the "
            "educational psychologist on 12 January'."
        ),
        error_name="Anything else you want",
        prompt="anything else you want",
    )


class RecordDatesStep(StepForm):
    slug = "record-dates"
    title = "Which dates should the records cover?"
    hint = "Leave the dates blank to ask for records from any time."
    records_from = DateField(
        "Records from (optional)",
        hint="For example, 1 9 2024",
        error_name="The start date",
        prompt="date",
        not_after_today=True,
    )
    records_to = DateField(
        "Records up to (optional)",
        hint="Leave this blank to ask for records up to now.",
        error_name="The end date",
        prompt="date",
        not_after_today=True,
    )

    def validate_records_to(self, field):
        start = self.records_from.data
        if start and field.data and field.data < start:
            raise ValidationError("The end date must be the same as or after the start date")


SEND_METHODS = [
    ("email", "By email"),
    ("hand", "By hand, at the school office"),
    ("signed-post", "By signed-for post"),
    ("first-class-post", "By first class post"),
]


class SendingStep(StepForm):
    slug = "sending"
    title = "Sending the letter"
    hint = (
        "The time limit starts on the day the school gets your letter. The letter works out "
        "the date for you."
    )
    send_method = ChoiceField(
        "How will you send the letter?",
        choices=SEND_METHODS,
        required="Select how you will send the letter",
        hint="Email or signed-for post give you proof that you sent it.",
    )
    send_date = DateField(
        "When will you send it?",
        "Enter the date you will send the letter",
        hint="For example, 4 3 2026. The letter is dated this day.",
        error_name="The date you will send it",
        prompt="date",
    )


class SendingTimeStep(StepForm):
    slug = "sending-time"
    title = "Time of sending"
    after_five = YesNoField(
        "Will you send it after 5pm?",
        "Select yes if you will send the letter after 5pm",
        hint="A letter sent after 5pm counts as received on the next working day.",
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("send_method") in ("email", "hand")


CHILD_VIEWS = [
    ("agrees", "My child knows about the request and agrees: add a short note for them to sign"),
    ("not_asked", "I have not asked my child, or I would rather not say"),
    ("cannot", "My child cannot understand the request or decide about it"),
]


class ChildViewsStep(StepForm):
    slug = "child-views"
    title = "Your child's views"
    hint = (
        f"Your child will be about {CHILD_VIEWS_AGE} or older when you send the letter. The "
        "information is about your child, so from around this age the school may think your "
        "child understands their own rights over it. It may then want to know that your child "
        "agrees before it gives you the information. This is a guide, not a fixed age. "
        "Talking to your child first can avoid delay."
    )
    child_views = ChoiceField(
        "What does your child think about the request?",
        choices=CHILD_VIEWS,
        required="Select what your child thinks about the request",
    )

    @classmethod
    def should_show(cls, answers):
        if answers.get("requester") != "parent" or _routes(answers).subject_access is None:
            return False
        age = _age_on(answers.get("child_dob"), answers.get("send_date"))
        return age is not None and age >= CHILD_VIEWS_AGE


class YouStep(StepForm):
    slug = "you"
    title = "Your details"
    sender_name = TextField("Your full name", "Enter your full name", prompt="your name")
    sender_address = LongTextField(
        "Your address",
        "Enter your address",
        hint="Put each line of the address on a new line.",
        prompt="your address",
        max_length=500,
    )
    sender_email = EmailField()
    sender_phone = PhoneField()
    identity = TextField(
        "What proof of identity could you send? (optional)",
        hint=(
            "The school may ask you to prove who you are before it replies. For example, 'a "
            "copy of my passport and my child's birth certificate'. Do not send copies until "
            "the school asks."
        ),
        error_name="Proof of identity",
        prompt="proof of identity you can send",
        max_length=500,
    )


STEPS = (
    WhoStep,
    SchoolStep,
    SchoolTypeStep,
    WantsStep,
    ChildStep,
    PupilStep,
    RecordsStep,
    RecordDatesStep,
    SendingStep,
    SendingTimeStep,
    ChildViewsStep,
    YouStep,
)


# --- Which rights the letter uses -----------------------------------------------------------


@dataclass(frozen=True)
class Routes:
    """Which rights the letter uses.

    record: None, "see" or "copy" (the educational record, maintained schools only);
    subject_access: None, "always" or "if_not_maintained";
    unsure: the type of school is not known (or this is a blank template), so each request
    says which kind of school it is for.
    """

    record: str | None
    subject_access: str | None
    unsure: bool = False


def _routes(answers):
    if answers.get("requester") == "young_person":
        return Routes(None, "always")
    school_type = answers.get("school_type")
    if school_type in ("academy", "independent"):
        return Routes(None, "always")
    wants = answers.get("wants")
    if wants not in ("see", "copy"):
        wants = "all"  # also a blank template's prompt: ask for everything, in both ways
    record = "see" if wants == "see" else "copy"
    if school_type == "maintained":
        return Routes(record, "always" if wants == "all" else None)
    return Routes(record, "always" if wants == "all" else "if_not_maintained", unsure=True)


def _age_on(birth, on):
    """Whole years from an ISO date of birth to an ISO date, or None if either is missing."""
    if not birth or not on or is_prompt(birth) or is_prompt(on):
        return None
    birth, on = datetime.date.fromisoformat(birth), datetime.date.fromisoformat(on)
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# --- The letter -----------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    own = answers.get("requester") == "young_person"
    routes = _routes(answers)
    if own:
        child_name = text(answers.get("sender_name"))
        child = about = "me"
    else:
        child_name = text(answers.get("child_name"))
        child = about = text(answers.get("child_known_as"), default=child_name)
    relationship = text(answers.get("relationship"), default="parent")
    views = "agrees" if blank else answers.get("child_views")
    addressee, salutation, named = _addressing(answers)
    email = text(answers.get("sender_email"))
    phone = text(answers.get("sender_phone"))
    requests = []
    if routes.record:
        requests.append(_record_request(routes, child))
    if routes.subject_access:
        requests.append(_subject_access_request(routes, child, own))
    return {
        "blank": blank,
        "sender_name": text(answers.get("sender_name")),
        "sender_address": paragraphs(answers.get("sender_address")),
        "sender_email": email,
        "sender_phone": phone,
        "letter_date": prompt("date") if blank else long_date(answers.get("send_date")),
        "addressee": addressee,
        "salutation": salutation,
        "heading": _heading(answers, own, child_name),
        "opening": _opening(own, child, relationship),
        "requests": requests,
        "records": _records(answers, about),
        "date_range": _date_range(answers),
        "timing": _timing(answers, routes, blank) if routes.subject_access else [],
        "identity": _identity(answers, own, child, relationship),
        "child": "" if own else child,
        "child_views": "" if own or views is None else _child_views(views, child, answers),
        "consent_note": _consent_note(relationship) if not own and views == "agrees" else "",
        "child_name": child_name,
        "contact": _contact(email, phone),
        "sign_off": "Yours sincerely" if named else "Yours faithfully",
    }


def _addressing(answers):
    """(addressee lines, salutation, whether a name is used)."""
    school = [text(answers.get("school_name")), *paragraphs(answers.get("school_address"))]
    recipient = answers.get("recipient")
    name = text(answers.get("recipient_name"))
    if is_prompt(recipient):
        return (
            [name, prompt("Head Teacher or Data Protection Officer"), *school],
            (f"Dear {name}"),
            True,
        )
    title = DPO_TITLE if recipient == "dpo" else HEAD_TITLE
    if name:
        return [name, title, *school], f"Dear {name}", True
    return [f"The {title}", *school], f"Dear {title}", False


def _heading(answers, own, child_name):
    if own:
        born = long_date(answers.get("own_dob"))
        year = text(answers.get("own_year_group"))
        start = f"Request for my records: {child_name}"
    else:
        born = long_date(answers.get("child_dob"))
        year = _year_group(answers.get("year_group"))
        start = f"Request for the records of {child_name}"
    return ", ".join(part for part in (start, year, f"date of birth {born}") if part)


def _year_group(value):
    """'8' -> 'Year 8'; anything else as the parent wrote it."""
    value = text(value)
    if not is_prompt(value) and value.isdigit():
        return f"Year {value}"
    return value


def _opening(own, child, relationship):
    if own:
        return (
            "I am writing to ask for a copy of the information the school holds about me. "
            "My details are above, to help you find my records."
        )
    return (
        f"I am {possessive(child)} {relationship}. I am writing to ask for {possessive(child)} "
        "school records."
    )


def _record_request(routes, child):
    """The educational record: maintained schools only, under the 2005 regulations."""
    of_child = possessive(child)
    right = (
        f"{cites('pupil-info-reg5')} a maintained school must let a parent see their child's "
        f"educational record free of charge {law.educational_record_limit_text()} of a written "
        "request."
    )
    if routes.record == "see":
        ask = f"please let me see {of_child} educational record, and tell me when I can come in."
        lead = f"To see {of_child} educational record."
        extra = ""
    else:
        ask = f"please let me see {of_child} educational record and send me a copy of it."
        lead = f"{of_child} educational record."
        # A fee for the copy is not verified (DOMAIN.md 1.7 [U]), so the letter only asks.
        extra = " If there is a charge for the copy, please tell me how much it is first."
    if routes.unsure:
        return {
            "lead": f"{lead[:-1]}, if the school is maintained.",
            "text": f"If this is a maintained school, {ask} {right}{extra}",
        }
    return {"lead": lead, "text": f"{ask[0].upper()}{ask[1:]} {right}{extra}"}


def _subject_access_request(routes, child, own):
    article = law.cite("gdpr-art15")
    if own:
        return {
            "lead": "All the information the school holds about me.",
            "text": (
                "Please send me a copy of all the personal information the school holds about "
                f"me. This is a subject access request under {article}."
            ),
        }
    of_child = possessive(child)
    ask = f"Please send me a copy of all the personal information the school holds about {child}."
    on_behalf = f"a subject access request under {article}, made on {of_child} behalf"
    if routes.subject_access == "if_not_maintained":
        return {
            "lead": f"All the information the school holds about {child}, if it is not maintained.",
            "text": (
                "If this is an academy, free school or independent school, please treat this "
                f"letter as {on_behalf}. {ask}"
            ),
        }
    if routes.record:
        return {
            "lead": f"All the information the school holds about {child}.",
            "text": (
                f"Please also treat this letter as {on_behalf}. {ask} This covers more than the "
                "educational record, such as emails."
            ),
        }
    return {
        "lead": f"All the information the school holds about {child}.",
        "text": f"{ask} This is {on_behalf}.",
    }


def _records(answers, about):
    chosen = answers.get("records_wanted") or []
    listed = [wording.format(about=about) for value, _, wording in RECORDS if value in chosen]
    return [f"{item[0].upper()}{item[1:]}" for item in listed] + paragraphs(
        answers.get("records_other")
    )


def _date_range(answers):
    start = long_date(answers.get("records_from"))
    end = long_date(answers.get("records_to"))
    if start and end:
        return f"I am asking for records from {start} to {end}."
    if start:
        return f"I am asking for records from {start} to now."
    if end:
        return f"I am asking for records up to {end}."
    return ""


def _sending(answers, blank):
    """How and when the letter is sent, and so when the subject access reply is due."""
    if blank:
        return (
            f"I am sending this letter on {prompt('date')} by {prompt('email, hand or post')}. "
            f"The reply is due by {prompt('date, one month after the school gets this letter')}."
        )
    method = answers.get("send_method")
    sent = datetime.date.fromisoformat(answers["send_date"])
    on = long_date(sent)
    if method == "signed-post":
        # The clock starts when the letter is signed for, which nobody knows yet: the letter
        # assumes the first working day after posting, and says so.
        signed = law.next_working_day(sent)
        due = law.subject_access_due(law.request_received(signed, method))
        return (
            f"I am sending this letter by signed-for post on {on}. The month starts on the day "
            f"it is signed for. If that is {long_date(signed)}, the reply is due by "
            f"{long_date(due)}."
        )
    after_five = answers.get("after_five") is True
    late = " after 5pm" if after_five else ""
    how = {
        "email": f"I am sending this letter by email{late} on {on}",
        "hand": f"I am handing this letter in at the school{late} on {on}",
        "first-class-post": f"I am posting this letter first class on {on}",
    }[method]
    received = law.request_received(sent, method, after_five)
    due = f"the reply is due by {long_date(law.subject_access_due(received))}."
    if received == sent:
        return f"{how}, so {due}"
    return f"{how}. It counts as received on {long_date(received)}, so {due}"


def _timing(answers, routes, blank):
    """When the school must reply under UK GDPR, with the due date worked out."""
    must_reply = (
        f"must reply to a subject access request {law.limit_text('subject-access')} of "
        "getting it. School holidays do not pause this."
    )
    if routes.subject_access == "if_not_maintained":
        first = f"If the school is not maintained, {law.cite('gdpr-art12-3')} says it {must_reply}"
    else:
        first = f"{cites('gdpr-art12-3')} a school {must_reply}"
    extension = law.TIME_LIMITS["subject-access-extension"].amount
    return [
        first,
        _sending(answers, blank),
        f"If the request is complex, the school can take up to {extension} more months. If "
        "it needs more time, it must tell me within the first month.",
        f"{cites('gdpr-art12a')} the time limit pauses while the school waits for anything "
        "it needs to check who I am or what I am asking for. If you need either, please ask "
        "me straight away.",
        f"{cites('gdpr-art15-1a')} the school must search in a way that is reasonable and "
        "proportionate. I hope the list above helps you find what I need.",
    ]


def _identity(answers, own, child, relationship):
    proof = text(answers.get("identity"))
    who = "who I am" if own else f"who I am, or that I am {possessive(child)} {relationship}"
    if proof:
        end = "" if proof.endswith((".", "!", "?")) else "."
        return f"If you need to check {who}, I can send you this: {proof}{end}"
    return f"If you need proof of {who}, please tell me what you need."


def _child_views(views, child, answers):
    age = _age_on(answers.get("child_dob"), answers.get("send_date"))
    is_age = f"{child} is {age}." if age is not None else ""
    wording = {
        "agrees": (
            f"{is_age} {child} knows about this request and agrees to it, and has signed the "
            "note at the end of this letter."
        ),
        "not_asked": (
            f"{is_age} If the school thinks it needs {possessive(child)} agreement before it "
            "shares the information, please tell me straight away."
        ),
        "cannot": (
            f"{is_age} Because of {possessive(child)} needs, I do not think {child} can "
            f"understand this request or decide about it, so I am making it on {possessive(child)} "
            "behalf."
        ),
    }
    return wording.get(views, "").strip()


def _consent_note(relationship):
    return f"I know that my {relationship} is asking the school for my records, and I agree."


def _contact(email, phone):
    ways = contact_ways(email, phone)
    if not ways:
        return "Please reply to me at the address above."
    return f"Please reply to me at the address above, or contact me {join_list(ways, 'or')}."


def filename(answers):
    own = answers.get("requester") == "young_person"
    name = text(answers.get("sender_name" if own else "child_name")) or "your child"
    school = text(answers.get("school_name")) or "school"
    return f"Records request for {name} to {school}, {long_date(answers.get('send_date'))}"


EXAMPLE = {
    "requester": "parent",
    "school_name": "Riverside High School",
    "school_address": "Station Road\nLeeds\nLS12 3AB",
    "recipient": "head",
    "recipient_name": "Ms Clarke",
    "school_type": "maintained",
    "wants": "all",
    "child_name": "Amara Okafor",
    "child_known_as": "Amara",
    "child_dob": "2013-01-20",
    "year_group": "Year 8",
    "relationship": "father",
    "records_wanted": ["sen_file", "interventions", "assessments", "emails", "meetings"],
    "records_other": (
        "The notes from the meeting with the educational psychologist on 12 January 2026.\n"
        "The reading test results from the autumn term."
    ),
    "records_from": "2024-09-01",
    "send_method": "email",
    "send_date": "2026-03-04",
    "after_five": False,
    "child_views": "agrees",
    "sender_name": "Chidi Okafor",
    "sender_address": "14 Elm Road\nLeeds\nLS6 2QT",
    "sender_email": "chidi.okafor@example.com",
    "sender_phone": "07700 900123",
    "identity": "a copy of my passport and Amara's birth certificate",
}


DOCUMENT = DocumentType(
    slug="records-request",
    title="Ask a school for a child's records",
    reader_title="Request for a child's educational records",
    summary=(
        "Ask to see or have a copy of a child's school records, such as SEN files, support "
        "plans and emails, with the date the school must reply by worked out for you."
    ),
    needs=(
        "The school's name and type, the child's date of birth, which records you want, and "
        "how and when you will send the letter."
    ),
    audience=("parent", "young-person"),
    steps=STEPS,
    template="records-request.docx",
    build_context=build_context,
    filename=filename,
    example=EXAMPLE,
    next_steps=(
        "Read the letter through and change anything that does not sound like you.",
        "If the letter has a note for your child to sign, ask them to sign it first.",
        "Send the letter on the date it shows, in the way you chose, because the reply date "
        "counts from then.",
        "Keep proof that you sent it: the sent email, the Post Office receipt or certificate "
        "of posting, or a note of who took the letter at the school office.",
        "Put the reply date in your diary.",
        "If the school misses the deadline, write to remind it, then use the school's "
        "complaints procedure.",
        "If a subject access request is still not answered, you can complain to the "
        "Information Commissioner's Office (ICO), which deals with data protection.",
    ),
)
