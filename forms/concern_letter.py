"""A parent's letter to school about their child's needs.

The letter sets out the parent's concerns with examples, says what has been tried and who
else is involved, and asks for specific things: a meeting, an assessment, written word on
SEN support, the SEN policy and information report and the child's records. When it asks for
help (a meeting, an assessment or SEN support), it says that no diagnosis is needed for SEN
support (section 20) and that the school must use its best endeavours (section 66); a letter
asking only for information leaves both out. The records request depends on the type of
school, which is asked only when records are: a maintained school's educational record, or a
subject access request to an academy, each with its own time limit, which the reply date the
letter asks for leaves aside. Every legal reference comes from the law register
(forms/law.py).
"""

from forms import deadlines, law, reminders, worked_out
from forms import vocabulary as v
from forms.common import (
    child_step,
    dated_example,
    educational_record_copy_right,
    educational_record_right,
    includes,
    school_step,
    subject_access_request,
    when,
    writer_step,
)
from forms.follow_ons import follow_ons
from forms.formatting import (
    addressed,
    child_names,
    cites,
    contact_sentence,
    file_name,
    is_blank,
    letter,
    long_date,
    one_line,
    paragraphs,
    possessive,
    prompt,
    text,
    writer_lines,
    year_group_text,
)
from service import dates
from service.catalogue import DocumentType, is_prompt
from service.fields import (
    ChoiceField,
    ListField,
    LongTextField,
    MultiChoiceField,
    TextField,
    Varies,
    YesNoField,
)
from service.steps import make_step

SENCO_TITLE = "SENCO"
HEAD_TITLE = "Head Teacher"

REQUESTS = [
    ("meeting", "A meeting to talk about my concerns"),
    ("assessment", "An assessment of whether my child has special educational needs"),
    ("sen_support", "To be told in writing whether my child is getting SEN support"),
    ("information_report", "A copy of the school's SEN policy and SEN information report"),
    ("records", "A copy of my child's school records"),
]
# The requests about help for the child, which sections 20 and 66 back up; the other two ask
# for information, for which neither section is the reason.
HELP_REQUESTS = {"meeting", "assessment", "sen_support"}

STEPS = (
    make_step(
        "recipient",
        "Who is the letter to?",
        hint="The SENCO (special educational needs co-ordinator) is the teacher in charge of "
        "support for children with special educational needs. Many parents write to the "
        "SENCO and send a copy to the head teacher.",
        recipient=ChoiceField(
            "Who do you want to send the letter to?",
            [
                ("senco", "The SENCO"),
                ("head", "The head teacher"),
                ("both", "The SENCO, with a copy to the head teacher"),
            ],
            "Select who the letter is to",
        ),
    ),
    # Only the names the letter will use: the SENCO's, the head teacher's, or both.
    make_step(
        "names",
        "Their names",
        senco_name=v.senco_name(
            label="SENCO's name (optional)",
            required=None,
            hint="For example, Mrs Patel. Leave this blank if you do not know it.",
            asked=Varies(when("recipient", "senco", "both")),
        ),
        head_name=TextField(
            "Head teacher's name (optional)",
            hint="For example, Mr Hughes. Leave this blank if you do not know it.",
            asked=Varies(when("recipient", "head", "both")),
        ),
    ),
    school_step(),
    child_step(),
    make_step(
        "concerns",
        "What are you worried about?",
        concerns=ListField(
            LongTextField("Concern", prompt="a concern", max_length=2000),
            "What are you worried about?",
            "Enter at least one concern",
            hint="Write each worry in its own box, in a sentence or two. For example, "
            "'Reading: she is still on the same reading books as last year.'",
            item_name="concern",
        ),
    ),
    make_step(
        "examples",
        "Examples",
        examples=LongTextField(
            "Can you give some examples? (optional)",
            hint="Specific things that happened, with dates if you have them, help the school "
            "understand. Put each example on a new line. For example, '15 September: came "
            "home in tears because she could not read the task on the board.'",
            error_name="Examples",
            prompt="examples, with dates",
        ),
    ),
    make_step(
        "tried",
        "What has been tried",
        tried=LongTextField(
            "What has been tried already? (optional)",
            hint="For example, things you do at home, things the class teacher has tried, or "
            "help the school already gives. Put each one on a new line.",
            error_name="What has been tried",
            prompt="what has been tried so far",
        ),
    ),
    make_step(
        "professionals",
        "Professionals",
        professionals_involved=YesNoField(
            "Is a professional outside school involved, or is your child waiting to see one?",
            "Select yes if a professional is involved or your child is waiting to see one",
            hint="For example, a GP, paediatrician, speech and language therapist, educational "
            "psychologist or CAMHS. Your child does not need a diagnosis to get help at school.",
        ),
    ),
    make_step(
        "professionals-details",
        "Professionals involved",
        show_if=when("professionals_involved", True),
        professionals=LongTextField(
            "Who is involved, or who is your child waiting to see?",
            "Enter who is involved or who your child is waiting to see",
            hint="Put each one on a new line. Say when they saw your child or how long the wait "
            "is, and whether you have a report you can share.",
            error_name="Professionals involved",
            prompt="professional, when they saw your child or how long the wait is",
        ),
    ),
    make_step(
        "requests",
        "What do you want to ask for?",
        requests=MultiChoiceField(
            "What do you want to ask the school for?",
            REQUESTS,
            "Select what you want to ask the school for",
            hint="Select all that apply. The letter explains each one and, where the law or "
            "official guidance backs it up, says which part.",
        ),
    ),
    make_step(
        "school-type",
        "What type of school is it?",
        show_if=includes("requests", "records"),
        school_type=v.school_type(
            hint="This changes how the letter asks for your child's records. The school's "
            "website usually says if it is an academy. You can also search for the school on "
            "the Get Information about Schools service on GOV.UK. If you are not sure, the "
            "letter will use wording that works for both."
        ),
    ),
    make_step(
        "meeting",
        "About the meeting",
        show_if=includes("requests", "meeting"),
        availability=TextField(
            "When can you usually meet? (optional)",
            hint="For example, any weekday after 2pm.",
            error_name="When you can meet",
            prompt="days and times that suit you",
        ),
        companion=TextField(
            "Is someone coming to the meeting with you? (optional)",
            hint="Their name and who they are. For example, 'Grace Mensah, a family friend' or "
            "'an adviser from our local SENDIASS'.",
            error_name="Who is coming with you",
            prompt="name, and who they are",
        ),
        questions=ListField(
            TextField("Question", prompt="a question", max_length=500),
            "Questions you want to talk about (optional)",
            item_name="question",
            hint="One question in each box.",
        ),
    ),
    writer_step(relationship="letter"),
)


# --- The letter ---------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    today = dates.today()
    child_name, child = child_names(answers)
    requested = answers.get("requests") or []
    meeting = "meeting" in requested
    asks_for_help = bool(HELP_REQUESTS & set(requested))
    has_professionals = answers.get("professionals_involved") is True
    questions = [text(question) for question in answers.get("questions") or []]
    if blank:
        letter_date, reply_by = prompt("date"), prompt("date, two weeks from today")
    else:
        letter_date, reply_by = long_date(today), long_date(deadlines.reply_by(today))
    relationship = text(answers.get("writer_relationship"), default="parent")
    return {
        **letter(
            sender=writer_lines(answers),
            date=letter_date,
            to=_addressing(answers),
            signer=text(answers.get("writer_name")),
        ),
        "blank": blank,
        "heading": f"Concerns about {child_name}, {year_group_text(answers.get('year_group'))} "
        f"(date of birth {long_date(answers.get('child_dob'))})",
        "opening": f"I am {possessive(child)} {relationship}. I am writing because I am worried "
        f"about how {child} is getting on at school, and I think my child may have special "
        "educational needs (SEN). I would like us to work together to agree how the school can "
        "help.",
        "concerns": [one_line(concern) for concern in answers.get("concerns") or []],
        "examples": paragraphs(answers.get("examples")),
        "tried": paragraphs(answers.get("tried")),
        "professionals": paragraphs(answers.get("professionals")) if has_professionals else [],
        "professionals_intro": f"{child} has seen, or is waiting to see:",
        "no_diagnosis_needed": _no_diagnosis_needed(child, has_professionals, blank)
        if asks_for_help
        else "",
        "asking": f"{cites('cfa-s66')} the school must use its best endeavours to secure the "
        "special educational provision that a pupil's needs call for. With this in mind, I am "
        "asking for the following."
        if asks_for_help
        else "",
        "requests": [
            _request(kind, answers, child, today, blank)
            for kind, _ in REQUESTS
            if kind in requested
        ],
        "companion": f"I would like to bring someone with me: {text(answers.get('companion'))}."
        if meeting and text(answers.get("companion"))
        else "",
        "questions_intro": "I would like to talk about these questions:",
        "questions": [question for question in questions if question] if meeting else [],
        "reply": _reply(reply_by, "records" in requested, blank)
        + contact_sentence(text(answers.get("writer_email")), text(answers.get("writer_phone"))),
        "closing": f"I hope we can work together so that {child} gets the right help. Thank you "
        "for your time.",
        "copy_to": _copy_to(answers),
    }


def _reply(reply_by, records, blank):
    """The reply the letter asks for by a date of its own choosing (not a legal limit). A
    request for records has its own time limit in law, said with it, so the date is for the
    rest of the letter."""
    if not records:
        return f"I would be grateful for a reply by {reply_by}. "
    reply = (
        "Apart from my request for records, which has its own time limit, I would be grateful "
        f"for a reply by {reply_by}. "
    )
    if blank:
        reply += f"{prompt(RECORDS_DELETED)} "
    return reply


RECORDS_DELETED = "If you do not ask for records, start this sentence at 'I would be grateful'."


def _addressing(answers):
    """The letter goes to the SENCO or to the head teacher, by name if the parent gave one."""
    recipient = answers.get("recipient")
    school = [text(answers.get("school_name")), *paragraphs(answers.get("school_address"))]
    if is_prompt(recipient):
        return (
            [prompt("name"), prompt("SENCO or Head Teacher"), *school],
            "Dear [name]",
            ("Yours sincerely"),
        )
    if recipient == "head":
        return addressed(text(answers.get("head_name")), HEAD_TITLE, school)
    return addressed(text(answers.get("senco_name")), SENCO_TITLE, school)


def _copy_to(answers):
    recipient = answers.get("recipient")
    if is_prompt(recipient):
        return "Copy to: " + prompt("name, Head Teacher, or delete this line")
    if recipient != "both":
        return ""
    head = text(answers.get("head_name"))
    return f"Copy to: {head}, {HEAD_TITLE}" if head else f"Copy to: {HEAD_TITLE}"


def _no_diagnosis_needed(child, has_professionals, blank):
    """Whatever the letter asks for, it asks for help: the test for SEN is about need, so a
    diagnosis is not needed, and help should not wait for appointments the letter lists."""
    wait = ""
    if has_professionals:
        wait = " Please do not wait for the appointments above before putting help in place."
    if blank:
        wait += " [Delete this sentence if you list no professionals.]"
    return (
        f"{cites('cfa-s20')} a child has special educational needs if they have a learning "
        "difficulty or disability that calls for special educational provision. The test is "
        f"about need, so {child} does not need a diagnosis to get SEN support.{wait}"
    )


def _request(kind, answers, child, today, blank):
    """One numbered request: a short bold lead and the sentences that explain it."""
    of_child = possessive(child)
    if kind == "meeting":
        when_free = text(answers.get("availability"))
        body = "Please could we meet to talk about my concerns and agree what happens next?"
        if when_free:
            body += f" Times that suit me: {when_free}."
        return {"lead": "A meeting.", "text": body}
    if kind == "assessment":
        return {
            "lead": f"An assessment of {of_child} needs.",
            "text": f"Please assess whether {child} has special educational needs, and tell me "
            f"what you find. {cites('code-6.45')} schools should take any concern a parent "
            "raises seriously.",
        }
    if kind == "sen_support":
        return {
            "lead": "Whether there is SEN support in place.",
            "text": f"Please tell me in writing whether the school is giving {child} SEN "
            "support. If it is, please tell me what the support is and how you check that it "
            f"is working. {cites('cfa-s68')} that when a school makes special educational "
            "provision for a pupil who has no education, health and care (EHC) plan, it must "
            "tell the parent.",
        }
    if kind == "information_report":
        return {
            "lead": "The school's SEN policy and SEN information report.",
            "text": "Please send me a copy of each, or tell me where to find them on the "
            f"school's website. {cites('cfa-s69')} the school must prepare an SEN information "
            "report, with information about how it carries out its policy for pupils with "
            "special educational needs.",
        }
    return _records_request(answers.get("school_type"), child, today, blank)


def _records_request(school_type, child, today, blank):
    """Maintained: the educational record. Academy: a subject access request. Not sure
    (or a blank template): one request that works whichever kind of school it is."""
    of_child = possessive(child)
    what = "including SEN records, assessments and notes of meetings"
    see_record = educational_record_right()
    if school_type == "maintained":
        return {
            "lead": f"{of_child} educational record.",
            "text": f"Please let me see {of_child} educational record and send me a copy, "
            f"{what}. {see_record} {educational_record_copy_right()} If there is a charge for "
            "the copy, please tell me how much it is before you send it.",
        }
    subject_access = subject_access_request(of_child)
    reply_limit = law.limit_text("subject-access")
    if school_type == "academy":
        if blank:
            due, sent = prompt("date"), prompt("date")
        else:
            due, sent = long_date(deadlines.subject_access_due(today)), long_date(today)
        return {
            "lead": f"A copy of {of_child} records.",
            "text": f"Please send me a copy of the information the school holds about {child}, "
            f"{what}. This is {subject_access}. {cites('gdpr-art12-3')} the school must reply "
            f"{reply_limit} of receiving it (by {due} if you receive it on {sent}).",
        }
    return {
        "lead": f"A copy of {of_child} records.",
        "text": f"Please send me a copy of {of_child} school records, {what}. If the school is "
        f"maintained, please treat this as a request to see and copy {of_child} educational "
        f"record. {see_record} {educational_record_copy_right()} If the school is an academy or "
        f"free school, please treat this as {subject_access}. {cites('gdpr-art12-3')} the "
        f"school must reply {reply_limit} of receiving it.",
    }


DOCUMENT = DocumentType(
    slug="concern-letter",
    title="Letter to school about your child's needs",
    reader_title="Letter about a child's special educational needs",
    summary="Tell your child's school what you are worried about and ask for a meeting, an "
    "assessment, and information about the support your child gets.",
    needs="The school's name, your child's date of birth and year group, and notes about what "
    "worries you, with examples and dates if you have them.",
    audience=("parent",),
    steps=STEPS,
    build_context=build_context,
    worked_out=worked_out.concern_letter,
    reminders=reminders.concern_letter,
    filename=file_name(
        "Letter about {child_name} to {school_name}, {date}",
        child_name="your child",
        school_name="school",
    ),
    example_source=dated_example("concern-letter"),
    follow_ons=follow_ons("concern-letter"),
    next_steps=(
        "Read the letter through and change anything that does not sound like you.",
        "Send it to the school by email or hand it in. Keep a copy, and a note of the date "
        "you sent it.",
        "Take a copy to the meeting to remind you of your concerns and questions.",
    ),
)
