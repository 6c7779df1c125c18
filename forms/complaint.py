"""A parent's formal complaint to a school about SEN support, at stage 1 or 2 of its procedure.

Labelled with its stage and the school's policy, it sets out a dated, numbered chronology,
names each duty the school has not met with the law behind it (forms/law.py), and asks for a
reply within the policy's timescale. Events the parent says were about the child's disability
bring in the Equality Act's reasonable adjustments duty and say that a claim to the SEND
Tribunal may follow. The complaint gives no date for such a claim: the school is the likely
respondent, and a date worked out from one event can be wrong (conduct over a period counts
from its end), so the time limit is told to the parent alone, on the done page. What a school
procedure cannot deal with is said before the parent starts; where to go after it, on the done
page, by type of school.
"""

from wtforms import Form

from forms import law
from forms.common import (
    child_step,
    dated_example,
    enclosures_step,
    includes,
    school_step,
    when,
    writer_step,
)
from forms.duties import CODE_DUTIES, CODE_NOTE, DUTIES, duty_wording
from forms.follow_ons import follow_ons
from forms.formatting import (
    addressed,
    child_names,
    cites,
    contact_sentence,
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
    After,
    ChoiceField,
    DateField,
    GroupField,
    ListField,
    LongTextField,
    MultiChoiceField,
    TextField,
    YesNoField,
)
from service.steps import make_step

HEAD_TITLE = "Head Teacher"
CHAIR_TITLE = "Chair of Governors"
STAGE_1, STAGE_2 = "stage_1", "stage_2"

DISCRIMINATION_CLAIM = law.limit_text("discrimination-claim")  # "within 6 months"
CLAIM_PERIOD = DISCRIMINATION_CLAIM.removeprefix("within ")
# What the journey tells the parent about the time limit for a claim (paragraph 4 of
# Schedule 17 to the Equality Act 2010, in the law register). The complaint itself never gives
# it: the school would be the respondent to the claim.
CLAIM_TIME = (
    f"The claim must be made {DISCRIMINATION_CLAIM}, starting with the date of the event it is "
    f"about. If the school's conduct went on over a period, the {CLAIM_PERIOD} start at the end "
    "of that period. The Tribunal can consider a late claim, but do not count on it: do not "
    "wait for the school's complaints procedure to finish."
)

STAGE_REQUESTS = {
    STAGE_1: "Please deal with it at stage 1 of your complaints procedure.",
    STAGE_2: "My complaint at stage 1 has not resolved things, so please now deal with it at "
    "stage 2 of your complaints procedure.",
    "blank": f"Please deal with it at stage {prompt('1 or 2')} of your complaints procedure.",
}

# At stage 2. Only an academy's panel is set by law (see the law register); a maintained
# school's governors' panel is usual practice, so it is not cited.
PANEL_REQUESTS = {
    "maintained": "Please ask the governors to consider my complaint, as your procedure sets out.",
    "academy": "Please arrange for a panel to hear my complaint. "
    f"{cites('iss-part7')} an academy's procedure must allow for a hearing before a panel of "
    "at least three people, one of whom is independent of the school.",
    "not_sure": "Please ask the governors, or the academy trust's complaints panel, to consider "
    "my complaint, as your procedure sets out.",
}
# Asked only when the parent did not name the policy: a copy, and why the school must have one.
ASK_POLICY = "Please send me a copy of your complaints procedure."
POLICY_REQUESTS = {
    "maintained": f"{ASK_POLICY} {cites('ea2002-s29')} the governing body of a maintained school "
    "must have a procedure for dealing with complaints, and must publicise it.",
    "academy": f"{ASK_POLICY} {cites('iss-part7')} an academy must have a complaints procedure.",
    "not_sure": ASK_POLICY,
}


# The bold lead of each thing the parent adds themselves, like the leads of the duties.
OTHER_LEAD = "Another concern."


class EventForm(Form):
    """One event in the chronology: when it happened, what happened, and whether it was about
    the child's disability (which brings in the Equality Act and the time for a claim)."""

    date = DateField(
        "Date",
        "Enter the date of the event",
        error_name="The date of the event",
        not_after_today=True,
    )
    what = LongTextField(
        "What happened", "Enter what happened", prompt="what happened", max_length=5000
    )
    disability = YesNoField(
        "Was this about your child's disability? (optional)",
        hint="For example, your child was kept off a trip because no one could support them, "
        "or was not given help or equipment they need because of a disability. If you answer "
        "yes, the complaint says the school has not made reasonable adjustments, and that you "
        "may make a disability discrimination claim. When the complaint is ready, we tell you "
        "how long you have to claim.",
        error_name="Whether this was about your child's disability",
    )


STEPS = (
    make_step(
        "before-you-start",
        "Before you start",
        hint="A school's complaints procedure is for things the school has done or not done. "
        "It cannot change a local authority decision about an education, health and care (EHC) "
        "needs assessment or plan: take that up with the local authority, then the SEND "
        "Tribunal. Exclusions and admissions have their own processes. If the school has "
        "discriminated against your child because of a disability, for example by not making "
        f"reasonable adjustments, you can also make a claim to the SEND Tribunal. {CLAIM_TIME}",
        stage=ChoiceField(
            "Which stage of the school's complaints procedure is this?",
            [
                (STAGE_1, "Stage 1: a formal complaint to the head teacher"),
                (
                    STAGE_2,
                    "Stage 2: asking the governors or the academy trust to look at a "
                    "complaint the head teacher has already dealt with",
                ),
            ],
            "Select which stage of the complaints procedure this is",
            hint="Most schools ask you to raise a worry informally first, for example with the "
            "class teacher or the SENCO (special educational needs co-ordinator). If that has "
            "not worked, start at stage 1.",
        ),
    ),
    school_step(
        school_type={
            "hint": "This changes what you can do if you are still unhappy at the end of the "
            "school's procedure. The school's website usually says if it is an academy. You can "
            "also search for the school on the Get Information about Schools service on GOV.UK.",
        }
    ),
    make_step(
        "policy",
        "The school's complaints policy",
        hint="The complaints policy is usually on the school's website. It says who to send a "
        "complaint to and how long the school has to reply. Many policies ask you to complain "
        "within 3 months of the problem.",
        policy_name=TextField(
            "What is the policy called? (optional)",
            hint="For example, Complaints Procedure. If you leave this blank, the complaint "
            "asks the school to send you a copy.",
            error_name="The name of the policy",
            prompt="name of the school's complaints policy",
        ),
        response_time=TextField(
            "How long does the policy give the school to reply? (optional)",
            hint="For example, 15 school days. If you do not know, the complaint asks for a "
            "reply within the time the policy sets.",
            error_name="How long the school has to reply",
            prompt="time the policy gives, for example 15 school days",
            max_length=60,
        ),
    ),
    make_step(
        "recipient",
        "Who is the complaint to?",
        hint="The complaints policy says who to send it to. At stage 1 this is usually the head "
        "teacher. At stage 2 it is usually the chair of governors, or the clerk to the "
        "governors or trustees.",
        recipient_name=TextField(
            "Their name (optional)",
            prompt="name",
            hint="For example, Mrs Hughes. Leave this blank if you do not know it.",
        ),
        recipient_role=TextField(
            "Their role (optional)",
            prompt="Head Teacher or Chair of Governors",
            max_length=100,
            hint="For example, Head Teacher, Chair of Governors or Clerk to the Trustees. If "
            "you leave this blank, the complaint goes to the head teacher at stage 1 and to the "
            "chair of governors at stage 2.",
        ),
    ),
    child_step(dob=False),
    make_step(
        "stage-1",
        "Your stage 1 complaint",
        show_if=when("stage", STAGE_2),
        stage1_sent=DateField(
            "When did you send your stage 1 complaint? (optional)",
            error_name="The date you sent your stage 1 complaint",
            not_after_today=True,
        ),
        stage1_reply=DateField(
            "When did the head teacher reply? (optional)",
            hint="Leave this blank if you have not had a reply.",
            error_name="The date of the reply",
            not_after_today=True,
            checks=(
                After(
                    "stage1_sent",
                    "The date of the reply must be the same as or after "
                    "the date you sent your stage 1 complaint, {date}",
                    or_same_day=True,
                ),
            ),
        ),
        unresolved=LongTextField(
            "What is still not resolved?",
            "Enter what is still not resolved",
            hint="Say which parts of the reply you disagree with, and why, or what the school "
            "has still not done. Put each point on a new line.",
            error_name="What is still not resolved",
            prompt="what is still not resolved, and why",
        ),
    ),
    make_step(
        "events",
        "What happened",
        events=ListField(
            GroupField(EventForm),
            "What happened, and when?",
            "Enter at least one thing that happened",
            item_name="event",
            hint="Add each event on its own: meetings, emails, phone calls, and what was said "
            "or agreed. The complaint puts them in date order and numbers them. If you are not "
            "sure of the exact day, give your best guess and say so. Say if an event was about "
            "your child's disability.",
        ),
    ),
    make_step(
        "duties",
        "What the school has not done",
        duties=MultiChoiceField(
            "What has the school not done?",
            DUTIES,
            "Select what the school has not done",
            hint="Select all that apply. The complaint explains each one and says which law or "
            "official guidance says the school should do it. If you said an event was about "
            "your child's disability, the complaint includes reasonable adjustments.",
        ),
    ),
    make_step(
        "other-issues",
        "Something else",
        show_if=includes("duties", "other"),
        other_issues=ListField(
            LongTextField(
                "Issue", prompt="something else the school has not done", max_length=2000
            ),
            "What else has the school not done?",
            "Enter what else the school has not done",
            hint="Write each one in its own box, in a sentence or two.",
            item_name="issue",
        ),
    ),
    make_step(
        "impact",
        "How this has affected your child",
        impact=LongTextField(
            "How has this affected your child?",
            "Enter how this has affected your child",
            hint="For example, their learning, progress, wellbeing, attendance or friendships. "
            "Put each point on a new line.",
            error_name="How this has affected your child",
            prompt="how this has affected your child",
        ),
    ),
    make_step(
        "remedies",
        "What you want the school to do",
        remedies=ListField(
            LongTextField("Remedy", prompt="something you want the school to do", max_length=2000),
            "What do you want the school to do to put things right?",
            "Enter at least one thing you want the school to do",
            item_name="remedy",
            hint="Write each one in its own box. Be specific, and say by when if you can. For "
            "example, 'Meet me within 2 weeks to agree a written plan for my child's support.'",
        ),
    ),
    enclosures_step(
        "complaint",
        hint="For example, emails, reports, your child's SEN support plan or your notes of a "
        "meeting, with their dates. One in each box. Send copies, not originals.",
    ),
    writer_step(relationship="complaint"),
)


# --- The complaint ------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    stage = answers.get("stage")
    stage_two = blank or stage == STAGE_2
    school_type = answers.get("school_type")
    if is_prompt(school_type):
        school_type = "not_sure"  # a blank template uses the wording that suits either kind
    child_name, child = child_names(answers)
    year_group = year_group_text(answers.get("year_group"))
    chosen = answers.get("duties") or []
    others = (answers.get("other_issues") or []) if "other" in chosen else []
    policy = text(answers.get("policy_name"))
    school = [text(answers.get("school_name")), *paragraphs(answers.get("school_address"))]
    role = text(answers.get("recipient_role"), default=CHAIR_TITLE if stage_two else HEAD_TITLE)
    relationship = text(answers.get("writer_relationship"), default="parent")
    contact = contact_sentence(text(answers.get("writer_email")), text(answers.get("writer_phone")))
    events = _in_order(answers.get("events") or [], blank)
    # The events the parent said were about the child's disability: each one brings in the
    # reasonable adjustments duty, and the complaint says a Tribunal claim may follow.
    about_disability = [(number, event) for number, event in events if event.get("disability")]
    adjustments = "adjustments" in chosen or bool(about_disability)
    if adjustments:
        chosen = [*chosen, "adjustments"]
    shown_by = [prompt("numbers")] if blank else [number for number, _ in about_disability]
    return {
        **letter(
            sender=writer_lines(answers),
            date=prompt("date") if blank else long_date(dates.today()),
            to=addressed(text(answers.get("recipient_name")), role, school),
            signer=text(answers.get("writer_name")),
        ),
        "blank": blank,
        "heading": _heading(stage, policy, blank),
        "pupil": {"lead": "Pupil:", "text": f"{child_name}, {year_group}"},
        "opening": f"I am {possessive(child)} {relationship}. I am making a formal complaint "
        f"about how the school has met {possessive(child)} special educational needs (SEN). "
        + STAGE_REQUESTS.get(stage, STAGE_REQUESTS["blank"]),
        "child": child,
        "stage_two": stage_two,
        "stage_one_history": _stage_one_history(answers, blank) if stage_two else "",
        "unresolved_intro": "These things are still not resolved:",
        "unresolved": paragraphs(answers.get("unresolved")) if stage_two else [],
        "panel_request": PANEL_REQUESTS[school_type] if stage_two else "",
        "events_intro": "These are the events that led to my complaint, in date order. Each one "
        "has a number, so that we can both refer to it.",
        "events": [_event_row(number, event) for number, event in events],
        "issues_intro": "I believe the school has not done what the law or official guidance "
        "says it should, in these ways:",
        # One numbered issue per duty chosen, in the order of DUTIES, then the parent's own.
        "issues": [
            {"lead": lead, "text": wording}
            for kind, (lead, wording) in duty_wording(child, shown_by).items()
            if kind in chosen
        ]
        + [{"lead": OTHER_LEAD, "text": one_line(item)} for item in others],
        "code_note": CODE_NOTE if CODE_DUTIES & set(chosen) else "",
        "claim": _claim(blank) if adjustments else [],
        "impact": paragraphs(answers.get("impact")),
        "remedies_intro": "To put things right, I am asking the school to:",
        "remedies": [one_line(item) for item in answers.get("remedies") or []],
        "enclosures_intro": "I have included copies of:",
        "enclosures": [text(item) for item in answers.get("enclosures") or [] if text(item)],
        "reply_request": _reply_request(answers.get("response_time")),
        "policy_request": "" if policy else POLICY_REQUESTS[school_type],
        "contact": "I am happy to meet to talk about my complaint, if that would help to resolve "
        f"it. {contact}",
        "closing": "Thank you for your time.",
    }


def _heading(stage, policy, blank):
    """'Formal complaint, Stage 1, under the Complaints Procedure'."""
    if blank:
        return f"Formal complaint, Stage {prompt('1 or 2')}, under {policy}"
    if not policy.lower().startswith("the "):
        policy = f"the {policy}" if policy else "the school's complaints procedure"
    return f"Formal complaint, Stage {2 if stage == STAGE_2 else 1}, under {policy}"


def _stage_one_history(answers, blank):
    """What happened at stage 1: when the parent complained and whether the head replied."""
    sent = long_date(answers.get("stage1_sent"))
    reply = long_date(answers.get("stage1_reply"))
    if blank:
        reply = prompt("date, or say that you have had no reply")
    return (
        "I made a formal complaint to the head teacher"
        + (f" on {sent}." if sent else " at stage 1.")
        + (f" The head teacher replied on {reply}." if reply else " I have not had a reply.")
    )


def _in_order(events, blank):
    """(number, event) for the chronology in date order (as typed, for events on the same
    day), numbered so that the school and the parent can refer to each one."""
    if not blank:
        events = sorted(events, key=lambda event: event.get("date") or "")
    return [(str(number), event) for number, event in enumerate(events, start=1)]


def _event_row(number, event):
    return {
        "number": number,
        "date": long_date(event.get("date")),
        "lines": paragraphs(event.get("what")),
    }


def _claim(blank):
    """Why not making reasonable adjustments can go to the SEND Tribunal: no time limit and no
    dates. The school is the likely respondent, so the complaint must not tell it that a claim
    may be late; the parent is told the time limit on the done page (next_steps)."""
    why = (
        f"{cites('eqa-s21')} failing to make reasonable adjustments for a disabled person is "
        "discrimination. So I may also make a disability discrimination claim to the SEND "
        "Tribunal."
    )
    return [f"{DELETE_CLAIM} {why}" if blank else why]


DELETE_CLAIM = prompt("Delete this paragraph if nothing that happened was about a disability.")


def _reply_request(response_time):
    """An acknowledgement, then a reply within the policy's own timescale. No date is worked
    out: the timescale is the school's, often in school days, which the service cannot count."""
    response_time = text(response_time)
    if not is_prompt(response_time) and response_time.lower().startswith("within "):
        response_time = response_time[len("within ") :]
    within = "within the time your complaints policy sets"
    if response_time:
        within = f"within {response_time}, as your complaints policy sets out"
    return (
        "Please confirm that you have received this complaint, and tell me who will deal "
        f"with it. Please send me a full reply {within}."
    )


def filename(answers):
    child = text(answers.get("child_name")) or "your child"
    school = text(answers.get("school_name")) or "school"
    number = "2" if answers.get("stage") == STAGE_2 else "1"
    return f"Stage {number} complaint about {child} to {school}, {long_date(dates.today())}"


DOCUMENT = DocumentType(
    slug="complaint",
    title="Formal complaint to your child's school",
    reader_title="Formal complaint about a school",
    summary="Make a formal complaint to your child's school about the support they get for "
    "their special educational needs, at stage 1 or stage 2 of the school's complaints "
    "procedure.",
    needs="The school's complaints policy if you can find it, the dates of what happened, and "
    "what you want the school to do. At stage 2, the head teacher's reply.",
    audience=("parent",),
    steps=STEPS,
    build_context=build_context,
    filename=filename,
    example_source=dated_example("complaint"),
    follow_ons=follow_ons("complaint"),
    next_steps=(
        "Open the complaint and read it through. Check the dates, and change anything that "
        "does not sound like you.",
        "Send it to the person the complaints policy names, by email or by hand, with copies "
        "(not originals) of any documents. Keep a copy, and a note of the date you sent it.",
        "If the head teacher's reply does not resolve things, you can use this service again "
        "to ask for stage 2: the governors, or the academy trust's complaints panel.",
        "Maintained school: if you are still unhappy after the governors have considered "
        "your complaint, you can ask the Department for Education to look at it.",
        "Academy or free school: if you are still unhappy after the trust's complaints panel, "
        "you can ask the Department for Education to look at it. It checks whether the "
        "academy followed its complaints procedure properly. It cannot change the school's "
        "decision or award compensation.",
        "A school's complaints procedure cannot deal with a local authority decision about an "
        "EHC needs assessment or plan. Take that up with the local authority, and then the "
        "SEND Tribunal.",
        "A claim that the school discriminated against your child because of a disability, "
        "including by not making reasonable adjustments, goes to the SEND Tribunal. The "
        "complaint does not say how long you have, because the school would be the one you "
        f"claim against. {CLAIM_TIME} If you are not sure when your {CLAIM_PERIOD} started, "
        "get advice straight away, for example from your local SENDIASS.",
    ),
)
