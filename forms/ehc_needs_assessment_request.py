"""A request to the local council for an EHC needs assessment.

A parent, a young person aged 16 to 25 (in their own name) or a school can make the request
under section 36(1) of the Children and Families Act 2014, so the journey asks who is writing
first and every question and sentence after it speaks in that voice: "my son" and "I", "I"
about myself, or "our pupil" and "we". A school's pupil in Year 12 or above is a young person,
so the agreement, the notices and the right to appeal the letter speaks of are the pupil's
own. The letter sets out the legal test in section 36(8) with the writer's reasons for each
part (the needs under the SEND Code's four broad areas, each answered area under its own
heading), the support so far, the views of the child and parent or of the young person (section
19), who to ask for advice and what is enclosed. From the date and way it is sent, it works out
the day the council receives it and the 6-, 16- and 20-week dates the council must meet, each
printed with its regulation, then the only reasons the regulations allow for more time and
what a decision not to assess must come with (regulation 5(3)). Every legal reference comes
from the law register (forms/law.py) and every date rule from forms/deadlines.py.
"""

import datetime

from wtforms import Form

from forms import deadlines, law, reminders, worked_out
from forms import vocabulary as v
from forms.common import (
    EARLY_YEARS_ONLY_LATER,
    child_step,
    council_step,
    dated_example,
    ehc_exception_reasons,
    enclosures_step,
    sending_steps,
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
    one_line,
    paragraphs,
    possessive,
    prompt,
    text,
    writer_lines,
    year_group_text,
)
from forms.plan_parts import AREA_NAMES, AREAS
from forms.vocabulary import BY_WRITER, PARENT, SCHOOL, YOUNG_PERSON, By, question, voiced
from service.catalogue import DocumentType, is_prompt
from service.fields import (
    ChoiceField,
    GroupField,
    ListField,
    LongTextField,
    TextField,
    Varies,
    YesNoField,
    resolve,
)
from service.steps import make_step

RECEIVED_PROMPT = "date they should receive it"


class Adviser(Form):
    """One person or service the council should ask for advice."""

    name = TextField(
        "Name or service", "Enter the name of the professional or service", prompt="name or service"
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


# Where the child goes to school: a school writes from its own name and address, so must give it.
SCHOOL_NAME = {
    "label": By(parent="Which school, nursery or college does your child go to? (optional)",
                young_person="Which school or college do you go to? (optional)",
                school="Name of your school"),
    "required": By(parent=None, young_person=None, school="Enter the name of your school"),
    "hint": By(parent="Leave this blank if your child is not at a school, nursery or college.",
               young_person="Leave this blank if you are not at a school or college.", school=None),
    "error_name": By(parent="School, nursery or college", young_person="School or college",
                     school="Name of your school"),
    "prompt": By(parent="school, nursery or college", young_person="school or college",
                 school="name of your school"),
}  # fmt: skip

# The views of the child and parent, or of the young person: section 19 of the Act says the
# council must have regard to them. A young person gives their own; a school gives the
# pupil's and the family's as they gave them to it.
VIEWS_TITLE = By(parent="Your child's views and yours", young_person="Your views",
                 school="The views of the pupil and their family")  # fmt: skip
VIEWS_HINT = By(
    parent="The council must take into account the views, wishes and feelings of the child and "
    "their parents. The letter gives yours and your child's under their own headings.",
    young_person="The council must take into account your views, wishes and feelings. The "
    "letter gives them under their own heading.",
    school="The council must take into account the views, wishes and feelings of the pupil and "
    "their parents. Write them as the pupil and the family gave them to you, and the letter "
    "will say so.",
)
CHILD_VIEWS = {
    "label": By(parent="What are your child's views, wishes and feelings? (optional)",
                young_person="What are your views, wishes and feelings? (optional)",
                school="What are the pupil's views, wishes and feelings? (optional)"),
    "hint": By(
        parent="For example, what they enjoy, what they find hard, what they hope for and what "
        "help they would like. Use their own words if you can. Put each point on a new line.",
        young_person="For example, what you enjoy, what you find hard, what you hope for in "
        "the future and what help you would like. Put each point on a new line.",
        school="For example, what they enjoy, what they find hard, what they hope for and what "
        "help they would like, in their own words if you can. Put each point on a new line.",
    ),
    "error_name": By(parent="Your child's views", young_person="Your views",
                     school="The pupil's views"),
    "prompt": By(parent="your child's views, in their own words if you can",
                 young_person="your views, wishes and feelings",
                 school="the pupil's views, in their own words if you can"),
}  # fmt: skip
PARENT_VIEWS = {
    "label": By(parent="What are your own views, wishes and feelings? (optional)",
                school="What are the family's views, wishes and feelings? (optional)"),
    "hint": By(
        parent="For example, what you hope for your child, what worries you most and what help "
        "you think they need. Put each point on a new line.",
        school="Give them as the family gave them to you, in their words if you can. Put each "
        "point on a new line.",
    ),
    "error_name": By(parent="Your views", school="The family's views"),
    "prompt": By(parent="your views as a parent", school="the family's views, as they gave them"),
    "asked": v.NOT_FOR_YOUNG_PERSON,  # a young person gives their own views only
}  # fmt: skip


def over_school_age(answers):
    """Whether a school's pupil is a young person on the day the letter is sent: the right to
    appeal, the council's notices and its duty under section 19 are then theirs, and the
    parents come in only as the young person wishes."""
    return v.is_young_person(answers, on=answers.get("sent_on"))


def _for_young_person(young, child):
    """Wording for the family-agreement step: a pupil over compulsory school age agrees, or
    not, for themselves."""
    return Varies(lambda answers: young if over_school_age(answers) else child)


# --- Part 1 of the test: the special educational needs, by the Code's four broad areas -----

# What each area covers, in plain words: "{they}" is "you" for a young person writing for
# themselves. The wording is ours; the areas are paragraphs 6.28 to 6.35 of the SEND Code.
AREA_HINTS = {
    "communication": "For example, finding it hard to say what {they} mean, to understand what "
    "others say, or to get on with other people. Needs linked to autism often go here.",
    "cognition": "For example, learning more slowly than others of {their} age, or finding "
    "reading, spelling, maths or remembering things very hard, as with dyslexia.",
    "semh": "For example, anxiety, low mood, being withdrawn, or behaviour that others find "
    "hard to manage. Needs linked to ADHD often go here.",
    "sensory": "For example, difficulty hearing or seeing, or a physical disability, that "
    "means {they} need extra help or equipment to do what others of {their} age do.",
}
# The council decides on evidence (Code 9.14), so each area asks for it, and for what the
# help so far has achieved.
EVIDENCE = (
    "Say what reports, assessments or school records show, what has been tried and what "
    "difference it made. Put each point on a new line."
)
_PRONOUNS = By(parent={"they": "they", "their": "their"},
               young_person={"they": "you", "their": "your"},
               school={"they": "they", "their": "their"})  # fmt: skip


def _area_field(area, name):
    hint = By({voice: f"{AREA_HINTS[area].format(**words)} {EVIDENCE}"
               for voice, words in _PRONOUNS.items()})  # fmt: skip
    return LongTextField(
        f"{name} (optional)",
        hint=voiced(BY_WRITER, hint),
        error_name=name,
        prompt="needs in this area, the evidence, what has been tried and what difference it made",
    )


NEED_FIELDS = {f"need_{area}": _area_field(area, name) for area, name in AREAS}
AT_LEAST_ONE_AREA = By(
    parent="Describe at least one area of your child's special educational needs",
    young_person="Describe at least one area of your special educational needs",
    school="Describe at least one area of the pupil's special educational needs",
)
# The one box the step had before the areas: kept, so that what a draft or a client already
# holds in it is still shown and printed, but not enough on its own (AT_LEAST_ONE_AREA).
OTHER_NEEDS = {
    "label": By(parent="Anything else about your child's needs (optional)",
                young_person="Anything else about your needs (optional)",
                school="Anything else about the pupil's needs (optional)"),
    "hint": By(
        parent="For example, a diagnosis or a referral for one, or how your child's needs "
        "affect each other. Put each point on a new line.",
        young_person="For example, a diagnosis or a referral for one, or how your needs "
        "affect each other. Put each point on a new line.",
        school="For example, a diagnosis or a referral for one, or how the pupil's needs "
        "affect each other. Put each point on a new line.",
    ),
    "prompt": By(parent="anything else about your child's needs"),
}  # fmt: skip
_NEEDS_HINT = (
    "The council must carry out an assessment if two things are true. The first is that {who} "
    "or may have, special educational needs. You do not have to prove it, and no diagnosis is "
    "needed. The SEND Code of Practice groups needs into four broad areas. Fill in every area "
    "that applies, and at least one."
)
NEEDS_HINT = By(parent=_NEEDS_HINT.format(who="your child has,"),
                young_person=_NEEDS_HINT.format(who="you have,"),
                school=_NEEDS_HINT.format(who="the pupil has,"))  # fmt: skip


class SpecialEducationalNeedsStep(
    make_step(
        "special-educational-needs",
        "Part 1 of the test: special educational needs",
        hint=voiced(BY_WRITER, NEEDS_HINT),
        **NEED_FIELDS,
        reasons_sen=question(LongTextField, BY_WRITER, OTHER_NEEDS, {}),
    )
):
    """Each area is optional, but one must be described: the error is given on the first
    area's box, where the error summary takes the user."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        areas = [self[name] for name in NEED_FIELDS]
        if any(field.has_value() for field in areas):
            return valid
        message = resolve(voiced(BY_WRITER, AT_LEAST_ONE_AREA), self.earlier)
        areas[0].errors = [*areas[0].errors, message]
        return False


STEPS = (
    make_step(
        "writer",
        "Who is asking for the assessment?",
        hint="An education, health and care (EHC) needs assessment is when the local council "
        "looks closely at the help a child or young person with special educational needs (SEN) "
        "needs. It is the first step towards an EHC plan. The law lets a parent, a young person "
        "or a school ask for one.",
        writer=ChoiceField(
            "Who is making the request?",
            [
                (PARENT, "A parent or carer, for their child"),
                (YOUNG_PERSON, "A young person aged 16 to 25, for themselves"),
                (SCHOOL, "A school, for one of its pupils"),
            ],
            "Select who is making the request",
            hint="You count as a young person from the end of Year 11 (the last Friday in June) "
            "until you turn 25. The letter's wording changes to suit who is writing.",
        ),
    ),
    child_step(
        BY_WRITER,
        year_group={"required": False, "asked": v.NOT_FOR_YOUNG_PERSON},
        school_name=v.school_name(BY_WRITER, **SCHOOL_NAME),
        child_relation=ChoiceField(
            "How should the letter describe your child?",
            [("son", "My son"), ("daughter", "My daughter"), ("child", "My child")],
            "Select how the letter should describe your child",
            asked=voiced(BY_WRITER, By(parent=True, young_person=False, school=False)),
        ),
    ),
    make_step(
        "family-agreement",
        _for_young_person("The pupil's agreement", "The family's agreement"),
        show_if=when("writer", SCHOOL),
        family_agrees=YesNoField(
            _for_young_person(
                "Does the pupil agree to the school making this request?",
                "Does the pupil's family agree to the school making this request?",
            ),
            _for_young_person(
                "Select yes if the pupil agrees to the school making this request",
                "Select yes if the family agrees to the school making this request",
            ),
            hint=_for_young_person(
                "The pupil is in Year 12 or above, so is a young person. The SEND Code of "
                "Practice says a school should ideally make the request with the young "
                "person's agreement. The letter says whether you have it.",
                "The SEND Code of Practice says a school should ideally make the request with "
                "the agreement of the parents, or of the pupil if they are past the end of Year "
                "11. The letter says whether you have it.",
            ),
        ),
    ),
    council_step(
        hint="The local council (also called the local authority) decides whether to carry out "
        "the assessment. The letter goes to its special educational needs (SEN) team, which may "
        "be called the SEND team or the EHC team. It is usually the council for the area where "
        "the child or young person lives.",
        officer={
            "label": "Name of the person to write to (optional)",
            "hint": "Leave this blank to write to the SEN team.",
        },
        address={
            "hint": "Put each line of the address on a new line. Leave it blank if you are "
            "emailing."
        },
    ),
    SpecialEducationalNeedsStep,
    make_step(
        "plan-necessary",
        "Part 2 of the test: an EHC plan may be necessary",
        hint="The second part is that it may be necessary for the help to be set out in an EHC "
        "plan. You only need to show that it may be necessary, not that it certainly is.",
        reasons_plan=LongTextField(
            "Why might an EHC plan be necessary?",
            "Enter why an EHC plan may be necessary",
            hint="For example: support has been tried but progress is still slow; progress only "
            "comes with a lot of extra help; the help needed is more than the school can "
            "usually give; there are health or care needs too; or the help needs to be "
            "guaranteed. Put each point on a new line.",
            error_name="Why an EHC plan may be necessary",
            prompt="why an EHC plan may be necessary",
        ),
    ),
    make_step(
        "support-so-far",
        "Support so far and progress",
        hint="The council should look at the help already given and the progress made. If the "
        "child or young person is not at a school, nursery or college, you can leave these "
        "blank.",
        school_action=LongTextField(
            "What has been done to help? (optional)",
            hint="For example, extra teaching, therapy, changes in class, a support plan or "
            "advice from specialists. Say how often and since when, if you know. Put each one "
            "on a new line.",
            error_name="What has been done to help",
            prompt="what has been done to help, how often and since when",
        ),
        progress=LongTextField(
            "What progress has been made? (optional)",
            hint="For example, test results or reading ages over time, or what has not changed.",
            error_name="What progress has been made",
            prompt="progress so far, with test results if you have them",
        ),
    ),
    make_step(
        "views",
        voiced(BY_WRITER, VIEWS_TITLE),
        hint=voiced(BY_WRITER, VIEWS_HINT),
        child_views=question(LongTextField, BY_WRITER, CHILD_VIEWS, {}),
        parent_views=question(LongTextField, BY_WRITER, PARENT_VIEWS, {}),
    ),
    make_step(
        "advice",
        "Who the council should ask for advice",
        advice_from=ListField(
            GroupField(Adviser),
            "Who should the council ask for advice? (optional)",
            hint="The council asks for advice as part of the assessment. Name anyone who knows "
            "the child or young person well, such as a paediatrician, therapist, educational "
            "psychologist or CAMHS worker, so that it asks them too.",
            item_name="professional",
        ),
    ),
    enclosures_step(
        "request",
        hint="One document in each box, with its date. For example, reports from "
        "professionals, support plans, test results, school reports, attendance records or "
        "letters. Send copies and keep the originals.",
    ),
    *sending_steps(
        "request",
        hint="The council's time limits start on the day it receives the request. The letter "
        "works out those dates from when and how you send it.",
    ),
    writer_step(BY_WRITER, school_writes=True),
)


# --- The letter ---------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    # A blank template (or an unanswered question) gets the parent's letter, which most print.
    writer = answers.get("writer") if answers.get("writer") in (YOUNG_PERSON, SCHOOL) else PARENT
    name, short = child_names(answers)
    we, us, we_are = ("We", "us", "We are") if writer == SCHOOL else ("I", "me", "I am")
    about, has = ("me", "I have") if writer == YOUNG_PERSON else (short, f"{short} has")
    received, sending = _sending(answers, we_are, blank)
    council = [text(answers.get("la_name")), *paragraphs(answers.get("la_address"))]
    email, phone = text(answers.get("writer_email")), text(answers.get("writer_phone"))
    sender, signer, signer_role = _sender(answers, writer)
    # A school writing for a pupil over compulsory school age: the notices are the pupil's own.
    young = writer == SCHOOL and not blank and over_school_age(answers)
    return {
        **letter(
            sender=sender,
            date=prompt("date") if blank else long_date(answers.get("sent_on")),
            to=addressed(text(answers.get("la_officer")), "SEN Team", council, the=False),
            signer=signer,
        ),
        "signer_role": signer_role,
        "blank": blank,
        "heading": f"Request for an education, health and care (EHC) needs assessment for {name}",
        "opening": _opening(answers, writer, short, young),
        "test_intro": f"{cites('cfa-s36-8')} you must carry out an EHC needs assessment if "
        "both of these are true:",
        "test_parts": [
            f"{has} or may have special educational needs (SEN)",
            "it may be necessary for special educational provision to be made for "
            f"{about} through an EHC plan",
        ],
        "test_meaning": "This is the only test the law sets for an assessment. The law does not "
        "ask for a diagnosis, for a set number of rounds of extra support, or for a set amount "
        "of money to have been spent first. It is also a lower bar than the test for deciding "
        f"whether to issue an EHC plan. {we} explain below why both parts of the test are met.",
        "sen_heading": f"1. {has} or may have special educational needs",
        **_needs(answers, writer, short),
        "reasons_plan": paragraphs(answers.get("reasons_plan")),
        "support_intro": f"{cites('code-9.14')} that, in deciding whether to assess, you should "
        "look at the action already taken and the progress made.",
        "school_action_intro": "What has been done to help:",
        "school_action": paragraphs(answers.get("school_action")),
        "progress_intro": "Progress so far:",
        "progress": paragraphs(answers.get("progress")),
        **_views(answers, writer, short, young),
        "advice_intro": f"When you assess {about}, please ask these people for advice as well "
        "as anyone you would usually ask:",
        "advice_from": [_adviser(item) for item in answers.get("advice_from") or []],
        "enclosures_intro": f"{we_are} sending copies of these documents with this letter:",
        "enclosures": [one_line(item) for item in answers.get("enclosures") or [] if text(item)],
        "sending": sending,
        "limits_intro": "The law sets the time limits below. They count from the day you "
        "receive the request, so these dates assume you receive it on "
        f"{prompt(RECEIVED_PROMPT) if blank else long_date(received)}. If you receive it on a "
        f"different day, please tell {us}.",
        "deadlines": _deadlines(writer, short, received, blank, young),
        "exceptions_intro": f"{capital(law.cite('send-regs-exceptions'))} allow more time "
        "only if it is impractical to meet a time limit because:",
        "exceptions": _exceptions(writer, short, young),
        "exceptions_ask": f"{EARLY_YEARS_ONLY_LATER} If you think one of these reasons "
        f"applies, please tell {us} which one and why.",
        "appeal": _appeal(writer, short, young),
        "acknowledge": _acknowledge(writer, short, us, young),
        "contact": contact_sentence(email, phone, who=us),
        "thanks": "Thank you for your help.",
    }


def _needs(answers, writer, short):
    """The needs described, each area under its own heading in the Code's order, then
    anything else; an area left blank has no heading. A blank template has every one."""
    whose = "my" if writer == YOUNG_PERSON else possessive(short)
    we = "We" if writer == SCHOOL else "I"
    areas = [(AREA_NAMES[area], answers.get(f"need_{area}")) for area, _ in AREAS]
    areas.append((f"More about {whose} needs", answers.get("reasons_sen")))
    return {
        "sen_intro": f"{capital(law.cite('code-6.28-6.35'))} describe four broad areas of "
        f"special educational needs. {we} set out {whose} needs below under each area that "
        "applies.",
        "sen_areas": [
            {"heading": heading, "paragraphs": paragraphs(answer)}
            for heading, answer in areas
            if paragraphs(answer)
        ],
    }


def _views(answers, writer, short, young):
    """The views of the child and parent, or of the young person, under their own headings,
    with the duty to have regard to them (section 19). A school gives them as it was told;
    for a pupil who is a young person the duty is to the pupil, and the family's views, if
    given, are the family's alone."""
    of_child = possessive(short)
    if writer == YOUNG_PERSON:
        intro = f"{cites('cfa-s19')} that you must have regard to my views, wishes and feelings."
        child_heading, parent_heading = "", ""  # the section's heading is enough
    elif young:
        given = [f"We give {of_child} views below as {short} gave them to us."]
        if answers.get("parent_views"):
            given = given if answers.get("child_views") else []
            also, where = ("also ", "") if given else ("", " below")
            given.append(f"We {also}give the family's views{where} as they gave them to us.")
        intro = " ".join(
            [
                f"{cites('cfa-s19')} that you must have regard to {of_child} views, wishes and "
                "feelings.",
                *given,
            ]
        )
        child_heading, parent_heading = f"{of_child} views", "The family's views"
    elif writer == SCHOOL:
        intro = (
            f"{cites('cfa-s19')} that you must have regard to the views, wishes and feelings of "
            f"{short} and {of_child} parents. We give their views below as they gave them to us."
        )
        child_heading, parent_heading = f"{of_child} views", "The family's views"
    else:
        intro = (
            f"{cites('cfa-s19')} that you must have regard to the views, wishes and feelings of "
            f"{short} and of me, as {of_child} parent."
        )
        child_heading, parent_heading = f"{of_child} views", f"My views as {of_child} parent"
    return {
        "views_intro": intro,
        "child_views_heading": child_heading,
        "child_views": paragraphs(answers.get("child_views")),
        "parent_views_heading": parent_heading,
        "parent_views": [] if writer == YOUNG_PERSON else paragraphs(answers.get("parent_views")),
    }


def _exceptions(writer, short, young):
    """The reasons the regulations give for more time, worded as the missed-deadline letter
    words them (forms.common), in the writer's voice, as one list. For a young person, the
    circumstances and the absence that count are the young person's own."""
    if writer == YOUNG_PERSON:
        affected, away = "me", "I have"
    elif young:
        affected, away = short, f"{short} has"
    elif writer == SCHOOL:
        affected = f"{short} or {possessive(short)} parents"
        away = f"{affected} have"
    else:
        affected, away = f"{short} or me", f"{short} or I have"
    reasons = ehc_exception_reasons(affected, away)
    return [f"{reason}{end}" for reason, end in zip(reasons, (";", "; or", "."), strict=True)]


def _appeal(writer, short, young):
    """What a decision not to assess must come with (regulation 5(3)), asked for up front. A
    young person's right to appeal is their own; the parents are told only if they wish it."""
    if young:
        whom, their = short, "the"
    elif writer == SCHOOL:
        whom, their = f"{possessive(short)} parents", "their"
    else:
        whom, their = "me", "my"
    appeal = (
        f"If you decide not to carry out an assessment, please tell {whom} of {their} right to "
        "appeal against the decision, the time limits for appealing and the information about "
        f"mediation. {cites('send-regs-5-3')} that you must do this, and must also say what "
        "disagreement resolution services and information and advice are available."
    )
    if young:
        of = possessive(short)
        appeal += (
            f" As {short} is a young person, the right to appeal is {of} own. Please send a copy "
            f"to {of} parents only if {short} wishes."
        )
    return appeal


def _sender(answers, writer):
    """(the sender's lines, the name to sign with, the role line under it). A young person
    signs with their own name; a school writes from the school, with the writer's job."""
    if writer == YOUNG_PERSON:
        name = text(answers.get("child_name"))
        return writer_lines(answers, name=name), name, ""
    name = text(answers.get("writer_name"))
    if writer != SCHOOL:
        return writer_lines(answers), name, ""
    role, school = text(answers.get("writer_role")), text(answers.get("school_name"))
    lines = [name, role, school, *paragraphs(answers.get("school_address"))]
    lines += writer_lines(answers, name="")  # email and phone: a school has no writer_address
    return [line for line in lines if line], name, f"{role}, {school}"


ASK = "to ask you to carry out an EHC needs assessment for"  # the heading spells EHC out
AS_A_REQUEST = "Please treat this letter as {} request, even if you also have a form for it."


def _opening(answers, writer, short, young):
    """The first paragraphs: who is asking, for whom, and under which section. The heading
    gives the full name, so these use the short one. A young person is not asked the name
    they go by or their year group, so has neither. A school speaks as "we" throughout."""
    dob, under = long_date(answers.get("child_dob")), law.cite("cfa-s36-1")
    setting, year = text(answers.get("school_name")), year_group_text(answers.get("year_group"))
    if writer == YOUNG_PERSON:
        where = f" and I am at {setting}" if setting else ""
        return [
            f"I am writing {ASK} me. I was born on {dob}{where}.",
            "I am making this request in my own name, as a young person, under "
            f"{under}. {AS_A_REQUEST.format('my')}",
        ]
    if writer == SCHOOL:
        in_year = f" and is in {year}" if year else ""
        return [
            f"We are writing from {setting} {ASK} our pupil {short}, who was born on "
            f"{dob}{in_year}.",
            f"We make this request as {possessive(short)} school, under {under}. "
            f"{AS_A_REQUEST.format('our')}",
            _agreement(answers, short, young),
        ]
    relation = answers.get("child_relation") or "child"
    relation = (
        prompt("my son / my daughter / my child") if is_prompt(relation) else f"my {relation}"
    )
    if setting:
        school = f" {short} is in {year} at {setting}." if year else f" {short} goes to {setting}."
    else:
        school = f" {short} is in {year}." if year else ""
    return [
        f"I am writing {ASK} {relation}, {short}, who was born on {dob}.{school}",
        f"I make this request as {possessive(short)} parent, under {under}. "
        f"{AS_A_REQUEST.format('my')}",
    ]


def _agreement(answers, short, young):
    """A school's request says whether the family agrees (the SEND Code: ideally it does), or
    for a pupil over compulsory school age, whether the pupil does."""
    if young:
        code = (
            f"{cites('code-9.8')} that a school should ideally have the young person's agreement."
        )
        if answers.get("family_agrees") is False:
            return (
                f"{short} is over compulsory school age, so is a young person. {short} has not "
                f"yet agreed to this request. {code} We are making the request now because we "
                f"believe {short} needs an assessment."
            )
        return (
            f"{short} is over compulsory school age, so is a young person, and agrees to us "
            f"making this request. {code}"
        )
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


SENDING_VERBS = {
    "email": "sending this request by email",
    "hand": "delivering this request by hand",
    "signed-post": "sending this request by signed-for post",
    "first-class-post": "sending this request by first-class post",
}


def _sending(answers, we_are, blank):
    """(the day the council should receive the request, the sentence that says so); the
    day is None in a blank template.

    The receipt rules are deadlines.received_on's. Signed-for post counts as received on the
    day it is signed for, which the letter cannot know: it assumes the next working day after
    posting, says so, and asks the council to say if it was different.
    """
    if blank:
        return None, (
            f"{we_are} sending this request by {prompt('email / hand / post')} on "
            f"{prompt('date')}, so you should receive it on {prompt(RECEIVED_PROMPT)}."
        )
    method, after_5pm = answers.get("sent_by"), answers.get("sent_after_5pm") is True
    sent = datetime.date.fromisoformat(answers.get("sent_on"))
    received = deadlines.received_on(answers)
    day, next_day = long_date(sent), f"the next working day, {long_date(received)}"
    counts = "so it should count as received on"
    if method == "signed-post":
        said = (
            f"on {day}. It should count as received on the day it is signed for, which is likely "
            f"to be {next_day}."
        )
    elif method == "first-class-post":
        said = f"on {day}, so you should receive it on {next_day}."
    elif received == sent:
        said = f"on {day}, before 5pm, so you should receive it that day."
    elif after_5pm:
        said = f"after 5pm on {day}, {counts} {next_day}."
    else:
        said = f"on {day}, which is not a working day, {counts} {next_day}."
    return received, f"{we_are} {SENDING_VERBS[method]} {said}"


def _deadlines(writer, short, received, blank, young):
    """The three rows of the time-limits table: what the council must do, by when, and the
    time limit with its regulation, all from law.TIME_LIMITS."""
    tell = f"{possessive(short)} family" if writer == SCHOOL else "me"
    if young:
        tell = short
    tasks = {
        "decide-to-assess": f"Decide whether to carry out an assessment, and tell {tell}",
        "decide-to-issue": f"If you decide after assessing not to issue an EHC plan, tell {tell}",
        "final-plan": "If you decide to issue an EHC plan, issue the final plan",
    }
    if blank:
        due = {
            key: prompt(f"date {law.TIME_LIMITS[key].amount} weeks after they receive it")
            for key in deadlines.EHC_STEPS
        }
    else:
        due = {key: long_date(day) for key, day in deadlines.ehc_deadlines(received).items()}
    return [
        {
            "task": tasks[key],
            "date": due[key],
            "law": f"{capital(law.limit_text(key))} of receiving the request, under "
            f"{law.cite(law.TIME_LIMITS[key].citation)}",
        }
        for key in deadlines.EHC_STEPS
    ]


def _adviser(item):
    """'Dr Rachel Evans, community paediatrician (Westbridge Children's Centre)'."""
    name, role, details = (text(item.get(key)) for key in ("name", "role", "details"))
    line = f"{name}, {role}" if role else name
    return f"{line} ({details})" if details else line


def _acknowledge(writer, short, us, young):
    """The closing asks: confirm receipt and its date, and who will deal with the request."""
    asks = (
        "Please confirm in writing that you have received this request. Please tell "
        f"{us} the date you received it, and who will deal with it."
    )
    if writer == SCHOOL:
        family = short if young else f"{possessive(short)} family"
        asks += f" Please also send us a copy of what you send to {family} about it."
    return asks


DOCUMENT = DocumentType(
    slug="ehc-needs-assessment-request",
    title="Ask the council for an EHC needs assessment",
    reader_title="Request for an EHC needs assessment",
    summary="Ask the local council to assess a child or young person for an education, health "
    "and care (EHC) plan, with the dates by which it must reply.",
    needs="The council's name, the child or young person's date of birth, what their special "
    "educational needs are and what shows them, and a list of any reports you will send.",
    audience=("parent", "young-person", "school"),
    steps=STEPS,
    build_context=build_context,
    worked_out=worked_out.ehc_request,
    reminders=reminders.ehc_request,
    filename=file_name(
        "EHC needs assessment request for {child_name}, {date}",
        dated="sent_on",
        child_name="a child or young person",
    ),
    example_source=dated_example("ehc-needs-assessment-request"),
    follow_ons=follow_ons("ehc-needs-assessment-request"),
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
    ),
    advice="IPSEA (ipsea.org.uk) and your local SENDIASS give free advice on assessments and "
    "appeals.",
)
