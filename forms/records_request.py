"""A request for a pupil's school records, by a parent or by the young person themselves.

A parent at a maintained school can see, or have a copy of, the child's educational record;
anyone can make a subject access request for all the personal information a school holds. That
is the only route at academies and independent schools, and for young people asking for their
own records, since the educational record right is the parent's. The subject access reply is
due a month after the school receives the letter, counted as the ICO counts it: from the day it
arrives, working day or not, whatever the time (so the "after 5pm" question of the SEND time
limits is not asked). Every legal reference comes from the law register (forms/law.py).
"""

from forms import deadlines, law, reminders, worked_out
from forms import vocabulary as v
from forms.common import (
    child_step,
    dated_example,
    educational_record_copy_right,
    educational_record_right,
    school_step,
    sending_steps,
    subject_access_request,
    when,
    writer_step,
)
from forms.follow_ons import follow_ons
from forms.formatting import (
    addressed,
    capital,
    child_names,
    cites,
    contact_ways,
    file_name,
    is_blank,
    join_list,
    letter,
    long_date,
    paragraphs,
    possessive,
    prompt,
    text,
    writer_lines,
    year_group_text,
)
from forms.records_rights import (
    CHILD_CONSENT_AGE,
    age_on,
    asks_child_consent,
    routes,
)
from forms.vocabulary import BY_WRITER, By
from service.catalogue import DocumentType, is_prompt
from service.fields import After, ChoiceField, DateField, LongTextField, MultiChoiceField, TextField
from service.steps import make_step

TITLES = {"head": "Head Teacher", "dpo": "Data Protection Officer"}

WANTS = [
    ("see", "To look at my child's records at the school"),
    ("copy", "A copy of my child's records"),
    ("all", "A copy of all the information the school holds about my child"),
]

# (value, label on the form, how the letter lists it: {about} is the pupil). The letter's
# list is of fragments, GOV.UK style: lower case, no full stops.
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

CHILD_CONSENT = [
    ("agrees", "My child knows about the request and agrees: add a short note for them to sign"),
    ("not_asked", "I have not asked my child, or I would rather not say"),
    ("cannot", "My child cannot understand the request or decide about it"),
]


# --- The questions --------------------------------------------------------------------------

STEPS = (
    make_step(
        "writer",
        "Who is asking for the records?",
        writer=ChoiceField(
            "Whose records are you asking for?",
            [
                ("parent", "My child's records (I am their parent or carer)"),
                ("young_person", "My own records (I am, or was, the pupil)"),
            ],
            "Select whose records you are asking for",
            hint="A young person can ask a school for their own records. The letter is worded "
            "for whoever is asking.",
        ),
    ),
    school_step(
        recipient=ChoiceField(
            "Who should the letter go to?",
            [("head", "The head teacher"), ("dpo", "The school's data protection officer")],
            "Select who the letter should go to",
            hint="Many schools name a data protection officer in the privacy notice on their "
            "website. If you cannot find one, write to the head teacher.",
        ),
        recipient_name=TextField(
            "Their name (optional)",
            hint="For example, Ms Clarke. Leave this blank if you do not know it.",
            prompt="name",
        ),
    ),
    make_step(
        "school-type",
        "What type of school is it?",
        hint="The rules are different for each type of school. The school's website usually "
        "says what type it is. You can also search for the school on the Get Information about "
        "Schools service on GOV.UK, which shows its type. Community, foundation and voluntary "
        "schools are all maintained schools.",
        show_if=when("writer", "parent"),
        school_type=v.school_type(
            independent=True,
            hint="If you are not sure, the letter will use wording that works for any school.",
        ),
    ),
    make_step(
        "wants",
        "What do you want?",
        hint="At a maintained school, you have a right to see your child's educational record, "
        f"or to have a copy of it, {law.educational_record_limit_text()}. This is the main "
        "file the school keeps about your child. Asking for all the information the school "
        "holds is called a subject access request. It can cover more, such as emails, but the "
        f"school has {law.limit_text('subject-access').removeprefix('within ')} to reply. If "
        "you choose this, the letter asks for both.",
        show_if=lambda answers: (
            answers.get("writer") == "parent"
            and answers.get("school_type") in ("maintained", "not_sure")
        ),
        wants=ChoiceField(
            "What do you want from the school?", WANTS, "Select what you want from the school"
        ),
    ),
    child_step(
        BY_WRITER,
        dob={"hint": By(parent=None, young_person="This helps the school find your records.")},
        year_group={
            "required": False,
            "max_length": 60,
            "hint": By(
                parent="For example, Year 8. If your child has left the school, say when.",
                young_person="For example, Year 12, or 'left in July 2024'.",
            ),
        },
        title=By(parent="About your child", young_person="About you at school"),
    ),
    make_step(
        "records",
        "Which records do you most want?",
        records_wanted=MultiChoiceField(
            "Which records do you most want? (optional)",
            [(value, label) for value, label, _ in RECORDS],
            error_name="The records you want",
            hint="Select all that apply. The letter still asks for everything, but the list "
            "helps the school find what matters most to you. SEN means special educational "
            "needs.",
        ),
        records_other=LongTextField(
            "Anything else you want? (optional)",
            hint="Put each one on a new line. For example, 'the notes from the meeting with the "
            "educational psychologist last term'.",
            error_name="Anything else you want",
            prompt="anything else you want",
        ),
    ),
    make_step(
        "record-dates",
        "Which dates should the records cover?",
        hint="Leave the dates blank to ask for records from any time.",
        records_from=DateField(
            "Records from (optional)",
            error_name="The start date",
            prompt="date",
            not_after_today=True,
        ),
        records_to=DateField(
            "Records up to (optional)",
            hint="Leave this blank to ask for records up to now.",
            error_name="The end date",
            prompt="date",
            not_after_today=True,
            checks=(
                After(
                    "records_from",
                    "The end date must be the same as or after the start date",
                    or_same_day=True,
                ),
            ),
        ),
    ),
    # Only the sending step: a subject access request counts from the day it arrives,
    # whatever the time, so the "after 5pm" step (for the SEND time limits) is not asked.
    sending_steps(
        "letter",
        hint="The time limit starts on the day the school gets your letter. The letter works "
        "out the date for you.",
    )[0],
    make_step(
        "child-consent",
        "Your child's views",
        hint=f"Your child will be about {CHILD_CONSENT_AGE} or older when you send the letter. "
        "The information is about your child, so from around this age the school may think "
        "your child understands their own rights over it. It may then want to know that your "
        "child agrees before it gives you the information. This is a guide, not a fixed age. "
        "Talking to your child first can avoid delay.",
        show_if=asks_child_consent,
        child_consent=ChoiceField(
            "What does your child think about the request?",
            CHILD_CONSENT,
            "Select what your child thinks about the request",
        ),
    ),
    writer_step(
        BY_WRITER,
        relationship="letter",
        identity=TextField(
            "What proof of identity could you send? (optional)",
            hint="The school may ask you to prove who you are before it replies. For example, "
            "'a copy of my passport and my child's birth certificate'. Do not send copies until "
            "the school asks.",
            error_name="Proof of identity",
            prompt="proof of identity you can send",
            max_length=500,
        ),
    ),
)


# --- The letter -----------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    own = answers.get("writer") == "young_person"
    route = routes(answers)
    child_name, child = child_names(answers)
    child = "me" if own else child
    of_child = possessive(child)
    relationship = text(answers.get("writer_relationship"), default="parent")
    consent = "agrees" if blank else answers.get("child_consent")
    recipient = answers.get("recipient")
    role = (
        prompt(" or ".join(TITLES.values()))
        if is_prompt(recipient)
        else TITLES.get(recipient, TITLES["head"])
    )
    school = [text(answers.get("school_name")), *paragraphs(answers.get("school_address"))]
    if own:
        heading = f"Request for my records: {child_name}"
        opening = (
            "I am writing to ask for a copy of the information the school holds about me. My "
            "details are above, to help you find my records."
        )
    else:
        heading = f"Request for the records of {child_name}"
        opening = (
            f"I am {of_child} {relationship}. I am writing to ask for {of_child} school records."
        )
    year_group = year_group_text(answers.get("year_group"))
    born = f"date of birth {long_date(answers.get('child_dob'))}"
    start, end = long_date(answers.get("records_from")), long_date(answers.get("records_to"))
    span = f"from {start} to {end or 'now'}" if start else f"up to {end}"
    who = "who I am" if own else f"who I am, or that I am {of_child} {relationship}"
    proof = text(answers.get("identity"))
    if proof:
        full_stop = "" if proof.endswith((".", "!", "?")) else "."
        identity = f"If you need to check {who}, I can send you this: {proof}{full_stop}"
    else:
        identity = f"If you need proof of {who}, please tell me what you need."
    age = age_on(answers.get("child_dob"), answers.get("sent_on"))
    # The child is named once in each, with the age in passing.
    aged, at_age = ("", "") if age is None else (f" is {age},", f", at {age},")
    views = {
        "agrees": f"{child}{aged} knows about this request and agrees to it, as the signed "
        "note at the end of this letter shows.",
        "not_asked": f"If the school thinks that {child}{at_age} needs to agree before it "
        "shares the information, please tell me straight away.",
        "cannot": f"Because of {of_child} special educational needs, I do not think that"
        f"{at_age or ''} they can understand this request or decide about it.",
    }
    ways = contact_ways(text(answers.get("writer_email")), text(answers.get("writer_phone")))
    return {
        **letter(
            sender=writer_lines(answers, name=child_name if own else None),
            date=prompt("date") if blank else long_date(answers.get("sent_on")),
            to=addressed(text(answers.get("recipient_name")), role, school),
            signer=child_name if own else text(answers.get("writer_name")),
        ),
        "blank": blank,
        "heading": ", ".join(part for part in (heading, year_group, born) if part),
        "opening": opening,
        "requests": _requests(route, child, own),
        "records_intro": "Please make sure you include:",
        "records": [
            wording.format(about=child)
            for value, _, wording in RECORDS
            if value in (answers.get("records_wanted") or [])
        ]
        + paragraphs(answers.get("records_other")),
        "date_range": f"I am asking for records {span}." if start or end else "",
        "timing": _timing(answers, route, child, blank) if route.subject_access else [],
        "identity": identity,
        "child_consent": {}
        if own or consent is None
        else {
            "heading": f"{of_child} views",
            "text": views[consent],
        },
        "consent_note": {
            "heading": f"Note from {child}",
            "text": f"I know that my {relationship} is asking the school for my records, and I "
            "agree.",
            "signed": "Signed",
            "name": child_name,
            "date": "Date: " + "_" * 24,
        }
        if not own and consent == "agrees"
        else {},
        "contact": "Please reply to me at the address above"
        + (f", or contact me {join_list(ways, 'or')}." if ways else ".")
        + " Thank you for your help.",
    }


def _requests(route, child, own):
    """What the letter asks for, each with a short bold lead naming it: the educational
    record (maintained schools only), then a subject access request. The text after a lead
    asks without naming it again."""
    requests = []
    of_child = possessive(child)
    if route.record:
        lead = f"{capital(of_child)} educational record"
        if route.record == "see":
            ask, extra = "please let me see the record, and tell me when I can come in.", ""
        else:
            ask = "please let me see the record and send me a copy of it."
            # The copy, as the register's summary of regulation 5 gives it (secondary).
            extra = (
                f" {educational_record_copy_right()} If there is a charge for the copy, please "
                "tell me how much it is before you send it."
            )
        if route.unsure:  # the condition is said once, in the lead
            lead = f"{lead}, if the school is maintained"
        requests.append(
            {"lead": f"{lead}.", "text": f"{capital(ask)} {educational_record_right()}{extra}"}
        )
    if not route.subject_access:
        return requests
    lead = f"All the information the school holds about {child}"
    copy = "send me a copy of all this information"
    on_behalf = subject_access_request(of_child)
    if own:
        text_ = f"Please {copy}. This is a subject access request under {law.cite('gdpr-art15')}."
    elif route.subject_access == "if_not_maintained":
        lead = f"{lead}, if the school is not maintained"
        text_ = f"Please treat this letter as {on_behalf}, and {copy}."
    elif route.record:
        text_ = (
            f"Please also treat this letter as {on_behalf}, and {copy}. This covers more than "
            "the educational record, such as emails."
        )
    else:
        text_ = f"Please {copy}. This is {on_behalf}."
    return [*requests, {"lead": f"{lead}.", "text": text_}]


def _timing(answers, route, child, blank):
    """When the school must reply under UK GDPR, with the due date worked out from how and
    when the letter is sent."""
    extension = law.TIME_LIMITS["subject-access-extension"].amount
    must_reply = (
        f"must reply to a subject access request {law.limit_text('subject-access')} of "
        "getting it. School holidays do not pause this. If the request is complex, the school "
        f"can take up to {extension} more months, but it must tell me within the first month."
    )
    # Where the school may be maintained, the subject access request is made only if it is
    # not, so the due date carries that condition too.
    unsure = route.subject_access == "if_not_maintained"
    if unsure:
        first = f"If the school is not maintained, {law.cite('gdpr-art12-3')} says it {must_reply}"
    else:
        first = f"{cites('gdpr-art12-3')} a school {must_reply}"
    method, sent = answers.get("sent_by"), answers.get("sent_on")
    if blank:
        sending = (
            f"I am sending this letter on {prompt('date')} by {prompt('email, hand or post')}. "
            f"The reply is due by {prompt('date, one month after the school gets this letter')}."
        )
    else:
        # As the ICO counts it: from the day the request arrives, working day or not and
        # whatever the time. Email and hand delivery arrive that day; post on the day the
        # letter can only assume (the first working day after posting), so it says so.
        received = deadlines.subject_access_received_on(answers)
        due = long_date(deadlines.subject_access_due(received))
        how = {
            "email": "sending this letter by email",
            "hand": "handing this letter in at the school",
            "first-class-post": "posting this letter first class",
            "signed-post": "sending this letter by signed-for post",
        }[method]
        sending = f"I am {how} on {long_date(sent)}"
        if method in ("email", "hand"):
            if unsure:
                sending += f". If the school is not maintained, the reply is due by {due}."
            else:
                sending += f", so the reply is due by {due}."
        else:
            arrives = "it is signed for" if method == "signed-post" else "it arrives"
            received_on = long_date(received)
            if unsure:
                received_on += " and the school is not maintained"
            sending += (
                f". The month starts on the day {arrives}. If that is {received_on}, the reply "
                f"is due by {due}."
            )
    return [first, sending, _pauses(child)]


def _pauses(child):
    """What Article 12A does to the month, no more than the sources allow: it starts when
    the school gets the proof of identity it asked for, and the days spent waiting for
    clarification do not count where the school reasonably needs it, a large amount of
    information about the person being the example given (not a condition)."""
    return (
        f"{cites('gdpr-art12a')} that if the school asks me for proof of who I am, the month "
        "starts when it gets it. If the school reasonably needs me to say more about which "
        "information I am asking for, for example because it holds a large amount of "
        f"information about {child}, the days it waits for my answer do not count. If you "
        "need either, please ask me straight away."
    )


DOCUMENT = DocumentType(
    slug="records-request",
    title="Ask a school for a child's records",
    reader_title="Request for a child's educational records",
    summary="Ask to see or have a copy of a child's school records, such as SEN files, support "
    "plans and emails, with the date the school must reply by worked out for you.",
    needs="The school's name and type, the child's date of birth, which records you want, and "
    "how and when you will send the letter.",
    audience=("parent", "young-person"),
    steps=STEPS,
    build_context=build_context,
    worked_out=worked_out.records_request,
    reminders=reminders.records_request,
    filename=file_name(
        "Records request for {child_name} to {school_name}, {date}",
        dated="sent_on",
        child_name="your child",
        school_name="school",
    ),
    example_source=dated_example("records-request"),
    follow_ons=follow_ons("records-request"),
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
