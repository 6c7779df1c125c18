"""A parent's letter to school about their child's needs (DOMAIN.md 2(a)).

The letter sets out the parent's concerns with examples, says what has been tried and who
else is involved, and asks for specific things: a meeting, an assessment, written word on
SEN support, the SEN information report and the child's records. The records request
depends on the type of school: a maintained school's educational record, or a subject
access request to an academy. Every legal reference comes from `service.law`.
"""

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
    ListField,
    LongTextField,
    MultiChoiceField,
    PhoneField,
    TextField,
    YesNoField,
)

SENCO_TITLE = "SENCO"
HEAD_TITLE = "Head Teacher"


class RecipientStep(StepForm):
    slug = "recipient"
    title = "Who is the letter to?"
    hint = (
        "The SENCO (special educational needs co-ordinator) is the teacher in charge of "
        "support for children with special educational needs. Many parents write to the "
        "SENCO and send a copy to the head teacher."
    )
    recipient = ChoiceField(
        "Who do you want to send the letter to?",
        choices=[
            ("senco", "The SENCO"),
            ("head", "The head teacher"),
            ("both", "The SENCO, with a copy to the head teacher"),
        ],
        required="Select who the letter is to",
    )
    senco_name = TextField(
        "SENCO's name (optional)",
        hint="For example, Mrs Patel. Leave this blank if you do not know it.",
        error_name="SENCO's name",
    )
    head_name = TextField(
        "Head teacher's name (optional)",
        hint="For example, Mr Hughes.",
        error_name="Head teacher's name",
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
    school_type = ChoiceField(
        "What type of school is it?",
        choices=[
            ("maintained", "A maintained school (run by the local council)"),
            ("academy", "An academy or free school"),
            ("not_sure", "I'm not sure"),
        ],
        required="Select what type of school it is",
        hint=(
            "This changes how the letter asks for your child's records. The school's website "
            "usually says if it is an academy. You can also search for the school on the "
            "Get Information about Schools service on GOV.UK. If you are not sure, the "
            "letter will use wording that works for both."
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
    child_dob = DateField(
        "Date of birth",
        "Enter your child's date of birth",
        hint="For example, 27 3 2017",
        error_name="Date of birth",
        prompt="day month year",
        not_after_today=True,
    )
    year_group = TextField(
        "Year group",
        "Enter your child's year group",
        hint="For example, Reception or Year 4",
        prompt="year group",
        max_length=40,
    )


class ConcernsStep(StepForm):
    slug = "concerns"
    title = "What are you worried about?"
    concerns = ListField(
        LongTextField("Concern", prompt="a concern", max_length=2000),
        "What are you worried about?",
        "Enter at least one concern",
        hint=(
            "Write each worry in its own box, in a sentence or two. For example, "
            "'Reading: she is still on the same reading books as last year.'"
        ),
        item_name="concern",
    )


class ExamplesStep(StepForm):
    slug = "examples"
    title = "Examples"
    examples = LongTextField(
        "Can you give some examples? (optional)",
        hint=(
            "Specific things that happened, with dates if you have them, help the school "
            "understand. Put each example on a new line. For example, '15 September: came "
            "home in tears because she could not read the task on the board.'"
        ),
        error_name="Examples",
        prompt="examples, with dates",
    )


class TriedStep(StepForm):
    slug = "tried"
    title = "What has been tried"
    tried = LongTextField(
        "What has been tried already? (optional)",
        hint=(
            "For example, things you do at home, things the class teacher has tried, or help "
            "the school already gives. Put each one on a new line."
        ),
        error_name="What has been tried",
        prompt="what has been tried so far",
    )


class ProfessionalsStep(StepForm):
    slug = "professionals"
    title = "Professionals"
    professionals_involved = YesNoField(
        "Is a professional outside school involved, or is your child waiting to see one?",
        "Select yes if a professional is involved or your child is waiting to see one",
        hint=(
            "For example, a GP, paediatrician, speech and language therapist, educational "
            "psychologist or CAMHS. Your child does not need a diagnosis to get help at school."
        ),
    )


class ProfessionalsDetailsStep(StepForm):
    slug = "professionals-details"
    title = "Professionals involved"
    professionals = LongTextField(
        "Who is involved, or who is your child waiting to see?",
        "Enter who is involved or who your child is waiting to see",
        hint=(
            "Put each one on a new line. Say when they saw your child or how long the wait is, "
            "and whether you have a report you can share."
        ),
        error_name="Professionals involved",
        prompt="professional, when they saw your child or how long the wait is",
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("professionals_involved") is True


REQUESTS = [
    ("meeting", "A meeting to talk about my concerns"),
    ("assessment", "An assessment of whether my child has special educational needs"),
    ("sen_support", "To be told in writing whether my child is getting SEN support"),
    ("information_report", "A copy of the school's SEN information report"),
    ("records", "A copy of my child's school records"),
]


class RequestsStep(StepForm):
    slug = "requests"
    title = "What do you want to ask for?"
    requests = MultiChoiceField(
        "What do you want to ask the school for?",
        choices=REQUESTS,
        required="Select what you want to ask the school for",
        hint=(
            "Select all that apply. The letter explains each one and, where the law or "
            "official guidance backs it up, says which part."
        ),
    )


class MeetingStep(StepForm):
    slug = "meeting"
    title = "About the meeting"
    availability = TextField(
        "When can you usually meet? (optional)",
        hint="For example, any weekday after 2pm.",
        error_name="When you can meet",
        prompt="days and times that suit you",
    )
    companion = TextField(
        "Is someone coming to the meeting with you? (optional)",
        hint=(
            "Their name and who they are. For example, 'Grace Mensah, a family friend' or "
            "'an adviser from our local SENDIASS'."
        ),
        error_name="Who is coming with you",
        prompt="name, and who they are",
    )
    questions = ListField(
        TextField("Question", prompt="a question", max_length=500),
        "Questions you want to talk about (optional)",
        item_name="question",
        hint="One question in each box.",
    )

    @classmethod
    def should_show(cls, answers):
        return "meeting" in (answers.get("requests") or [])


class YouStep(StepForm):
    slug = "you"
    title = "Your details"
    parent_name = TextField("Your full name", "Enter your full name", prompt="your name")
    relationship = TextField(
        "Your relationship to the child (optional)",
        hint="For example, mother, father, carer or grandparent. If you leave this blank, "
        "the letter says 'parent'.",
        error_name="Your relationship to the child",
        prompt="mother, father or carer",
        max_length=60,
    )
    parent_address = LongTextField(
        "Your address",
        "Enter your address",
        hint="Put each line of the address on a new line.",
        prompt="your address",
        max_length=500,
    )
    parent_email = EmailField()
    parent_phone = PhoneField()


STEPS = (
    RecipientStep,
    SchoolStep,
    ChildStep,
    ConcernsStep,
    ExamplesStep,
    TriedStep,
    ProfessionalsStep,
    ProfessionalsDetailsStep,
    RequestsStep,
    MeetingStep,
    YouStep,
)


# --- The letter ---------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    today = law.today()
    child_name = text(answers.get("child_name"))
    child = text(answers.get("child_known_as"), default=child_name)
    requested = answers.get("requests") or []
    meeting = "meeting" in requested
    has_professionals = answers.get("professionals_involved") is True
    addressee, salutation, named, copy_to = _addressing(answers)
    email = text(answers.get("parent_email"))
    phone = text(answers.get("parent_phone"))
    questions = [text(question) for question in answers.get("questions") or []]
    if blank:
        letter_date, reply_by = prompt("date"), prompt("date, two weeks from today")
    else:
        letter_date, reply_by = long_date(today), long_date(law.reply_by(today))
    return {
        "blank": blank,
        "sender_name": text(answers.get("parent_name")),
        "sender_address": paragraphs(answers.get("parent_address")),
        "sender_email": email,
        "sender_phone": phone,
        "letter_date": letter_date,
        "addressee": addressee,
        "salutation": salutation,
        "child_name": child_name,
        "child": child,
        "child_dob": long_date(answers.get("child_dob")),
        "year_group": _year_group(answers.get("year_group")),
        "relationship": text(answers.get("relationship"), default="parent"),
        "concerns": [one_line(concern) for concern in answers.get("concerns") or []],
        "examples": paragraphs(answers.get("examples")),
        "tried": paragraphs(answers.get("tried")),
        "professionals": paragraphs(answers.get("professionals")) if has_professionals else [],
        "no_diagnosis_needed": _no_diagnosis_needed() if has_professionals else "",
        "best_endeavours": _best_endeavours(),
        "requests": [
            _request(kind, answers, child, today, blank)
            for kind, _ in REQUESTS
            if kind in requested
        ],
        "companion": text(answers.get("companion")) if meeting else "",
        "questions": [question for question in questions if question] if meeting else [],
        "reply_by": reply_by,
        "contact": contact_sentence(email, phone),
        "sign_off": "Yours sincerely" if named else "Yours faithfully",
        "copy_to": copy_to,
    }


def _addressing(answers):
    """(addressee lines, salutation, whether a name is used, copy-to line)."""
    recipient = answers.get("recipient")
    school = [text(answers.get("school_name")), *paragraphs(answers.get("school_address"))]
    if is_prompt(recipient):
        return (
            [prompt("name"), prompt("SENCO or Head Teacher"), *school],
            "Dear " + prompt("name"),
            True,
            prompt("name, Head Teacher, or delete this line"),
        )
    senco = text(answers.get("senco_name"))
    head = text(answers.get("head_name"))
    if recipient == "head":
        name, title = head, HEAD_TITLE
    else:
        name, title = senco, SENCO_TITLE
    copy_to = ""
    if recipient == "both":
        copy_to = f"{head}, {HEAD_TITLE}" if head else HEAD_TITLE
    if name:
        return [name, title, *school], f"Dear {name}", True, copy_to
    return [f"The {title}", *school], f"Dear {title}", False, copy_to


def _year_group(value):
    """'4' -> 'Year 4'; anything else as the parent wrote it."""
    value = text(value)
    if not is_prompt(value) and value.isdigit():
        return f"Year {value}"
    return value


def _no_diagnosis_needed():
    return (
        f"{cites('cfa-s20')} a child has special educational needs if they have a learning "
        "difficulty or disability that calls for special educational provision. A diagnosis "
        "is not needed, so please do not wait for these appointments before putting help "
        "in place."
    )


def _best_endeavours():
    return (
        f"{cites('cfa-s66')} the school must use its best endeavours to secure the special "
        "educational provision that a pupil's needs call for."
    )


def _request(kind, answers, child, today, blank):
    """One numbered request: a short bold lead and the sentences that explain it."""
    of_child = possessive(child)
    if kind == "meeting":
        when = text(answers.get("availability"))
        body = "Please could we meet to talk about my concerns and agree what happens next?"
        if when:
            body += f" Times that suit me: {when}."
        return {"lead": "A meeting.", "text": body}
    if kind == "assessment":
        return {
            "lead": f"An assessment of {of_child} needs.",
            "text": (
                f"Please assess whether {child} has special educational needs, and tell me "
                f"what you find. {cites('code-6.45')} schools should take any concern a "
                "parent raises seriously."
            ),
        }
    if kind == "sen_support":
        return {
            "lead": "Whether there is SEN support in place.",
            "text": (
                f"Please tell me in writing whether the school is giving {child} SEN support. "
                "If it is, please tell me what the support is and how you check that it is "
                f"working. {cites('cfa-s68')} that when a school makes special educational "
                "provision for a pupil who has no education, health and care (EHC) plan, it "
                "must tell the parent."
            ),
        }
    if kind == "information_report":
        return {
            "lead": "The school's SEN information report.",
            "text": (
                f"Please send me a copy, or tell me where to find it. {cites('cfa-s69')} "
                "schools must publish this report."
            ),
        }
    return _records_request(answers.get("school_type"), child, today, blank)


def _records_request(school_type, child, today, blank):
    """Maintained: the educational record. Academy: a subject access request. Not sure
    (or a blank template): one request that works whichever kind of school it is."""
    of_child = possessive(child)
    what = "including SEN records, assessments and notes of meetings"
    see_record = (
        f"{cites('pupil-info-reg5')} a maintained school must let a parent see their "
        f"child's educational record free of charge {law.educational_record_limit_text()} of "
        "a written request."
    )
    if school_type == "maintained":
        return {
            "lead": f"{of_child} educational record.",
            "text": (
                f"Please let me see {of_child} educational record and send me a copy, {what}. "
                f"{see_record} Please tell me if there is a charge for the copy."
            ),
        }
    subject_access = (
        f"a subject access request under {law.cite('gdpr-art15')}, made on {of_child} behalf"
    )
    reply_limit = law.limit_text("subject-access")
    if school_type == "academy":
        due = prompt("date") if blank else long_date(law.subject_access_due(today))
        return {
            "lead": f"A copy of {of_child} records.",
            "text": (
                f"Please send me a copy of the information the school holds about {child}, "
                f"{what}. This is {subject_access}. {cites('gdpr-art12-3')} the school must "
                f"reply {reply_limit} of receiving it: by {due} if it arrives today."
            ),
        }
    return {
        "lead": f"A copy of {of_child} records.",
        "text": (
            f"Please send me a copy of {of_child} school records, {what}. If the school is "
            f"maintained, please treat this as a request to see and copy {of_child} "
            f"educational record. {see_record} If the school is an academy or free school, "
            f"please treat this as {subject_access}. {cites('gdpr-art12-3')} the school "
            f"must reply {reply_limit} of receiving it."
        ),
    }


def filename(answers):
    child = text(answers.get("child_name")) or "your child"
    school = text(answers.get("school_name")) or "school"
    return f"Letter about {child} to {school}, {long_date(law.today())}"


EXAMPLE = {
    "recipient": "both",
    "senco_name": "Mrs Patel",
    "head_name": "Mr Hughes",
    "school_name": "Elmbrook Primary School",
    "school_address": "Mill Lane\nLeeds\nLS6 4QT",
    "school_type": "maintained",
    "child_name": "Amara Okafor",
    "child_known_as": "Amara",
    "child_dob": "2018-02-14",
    "year_group": "Year 4",
    "concerns": [
        "Reading: Amara is still reading books meant for children two years younger, and "
        "she gets very upset when she is asked to read aloud.",
        "Anxiety: she has stomach aches most school mornings and has missed 6 days this term.",
        "Writing: she avoids writing tasks and often brings home unfinished work.",
    ],
    "examples": (
        "15 September: Amara came home in tears because she could not read the task on the "
        "board.\n"
        "2 October: her class teacher told me she had hidden in the toilets during a "
        "spelling test."
    ),
    "tried": (
        "We read together for 15 minutes every evening, using books her class teacher "
        "suggested.\n"
        "Her class teacher has moved her to sit near the front."
    ),
    "professionals_involved": True,
    "professionals": (
        "Dr Rachel Evans, community paediatrician: saw Amara on 10 September and has referred "
        "her for a further assessment.\n"
        "CAMHS: Amara has been on the waiting list since June; we were told the wait is about "
        "12 months."
    ),
    "requests": ["meeting", "assessment", "sen_support", "information_report", "records"],
    "availability": "any weekday after 2pm",
    "companion": "Grace Mensah, a family friend",
    "questions": [
        "What does the school think is behind Amara's difficulties with reading?",
        "What extra help can Amara have, and how will we know if it is working?",
    ],
    "parent_name": "Chidi Okafor",
    "relationship": "father",
    "parent_address": "14 Elm Road\nLeeds\nLS6 2QT",
    "parent_email": "chidi.okafor@example.com",
    "parent_phone": "07700 900123",
}


DOCUMENT = DocumentType(
    slug="concern-letter",
    title="Letter to school about your child's needs",
    reader_title="Letter about a child's special educational needs",
    summary=(
        "Tell your child's school what you are worried about and ask for a meeting, an "
        "assessment, and information about the support your child gets."
    ),
    needs=(
        "The school's name, your child's date of birth and year group, and notes about what "
        "worries you, with examples and dates if you have them."
    ),
    audience=("parent",),
    steps=STEPS,
    template="concern-letter.docx",
    build_context=build_context,
    filename=filename,
    example=EXAMPLE,
    next_steps=(
        "Read the letter through and change anything that does not sound like you.",
        "Send it to the school by email or hand it in. Keep a copy, and a note of the date "
        "you sent it.",
        "Take a copy to the meeting to remind you of your concerns and questions.",
    ),
)
