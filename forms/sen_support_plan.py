"""A SENCO's SEN support plan for one pupil: the graduated approach's "plan" step.

Who the pupil is and their census codes, their strengths, what is known in each broad area of
need, the pupil's views (under one-page profile headings, in the first person) and the
family's, the baseline, SMART outcomes, the provision (costs optional, totalled), strategies
for every adult (Code 6.49), what happens at home, review dates and sign-off. The dates come
before the outcomes, so that each outcome's date is checked against the start. Schools should
meet parents at least three times a year (Code 6.65), so the plan always lists three reviews,
suggesting those left blank about a term apart.

A plan's format is not set in law, and not every pupil on SEN support has one; the law asks
that parents are told about the provision (s68) and that it is recorded (Code 6.72). Every
legal reference comes from the law register (forms/law.py).
"""

import datetime

from wtforms.validators import StopValidation

from forms import deadlines
from forms import vocabulary as v
from forms.common import child_step, dated_example, includes, meet_parents
from forms.formatting import (
    child_names,
    cites,
    file_name,
    is_blank,
    long_date,
    paragraphs,
    possessive,
    prompt,
    text,
    year_group_text,
)
from forms.plan_parts import (
    AREA_EXAMPLES,
    AREA_NAMES,
    AREAS,
    NEED_LABELS,
    SEN_STATUSES,
    NeedsStep,
    OutcomeForm,
    ProvisionForm,
    UpnField,
    coded,
    outcome_row,
    provision_row,
    total_cost,
)
from forms.vocabulary import SCHOOL
from service.catalogue import DocumentType
from service.fields import (
    After,
    DateField,
    GroupField,
    ListField,
    LongTextField,
    MultiChoiceField,
    TextField,
)
from service.steps import make_step

# --- The questions ------------------------------------------------------------------------


def _area_step(area):
    """What is known in one broad area of need, asked only when that area applies."""
    name = AREA_NAMES[area].lower()
    question = LongTextField(
        f"What do you know about the pupil's {name} needs?",
        f"Enter what you know about the pupil's {name} needs",
        hint=f"What you have seen and what assessments show. For example, "
        f"'{AREA_EXAMPLES[area]}' Put each point on a new line.",
        error_name=f"What you know about {name} needs",
        prompt=f"what we know about {name} needs",
    )
    fields = {f"need_{area}": question}
    return make_step(area, AREA_NAMES[area], show_if=includes("areas", area), **fields)


def _in_own_words(heading):
    """A one-page profile heading in the pupil's words ("... about me"); messages speak of
    the pupil."""
    about = heading.removesuffix("me") + "the pupil"
    return LongTextField(
        heading, f"Enter {about[0].lower()}{about[1:]}", prompt=f"{heading[0].lower()}{heading[1:]}"
    )


def _review(ordinal, before, before_name):
    """An optional review date, after the date before it, which must be given first."""

    def given_first(form, _field):
        if before != "plan_start" and form[before].data is None:
            raise StopValidation(f"Enter {before_name} first, or leave this date blank")

    return DateField(
        f"{ordinal} review (optional)",
        error_name=f"{ordinal} review date",
        checks=(given_first, After(before, f"{ordinal} review date must be after {before_name}")),
    )


STEPS = (
    make_step(
        "school",
        "About the school",
        school_name=v.school_name(SCHOOL),
        senco_name=v.senco_name(),
        class_teacher=TextField(
            "Class teacher or form tutor (optional)",
            hint="For example, Mr Hughes.",
            prompt="class teacher's name",
        ),
        key_adult=TextField(
            "Key adult in school (optional)",
            error_name="Key adult",
            hint="The adult the pupil goes to first, and their role. For example, 'Ms Khan, "
            "teaching assistant'.",
            prompt="key adult's name and role",
        ),
    ),
    child_step(
        SCHOOL,
        slug="pupil",
        upn=UpnField(
            "Unique pupil number (UPN) (optional)",
            error_name="UPN",
            prompt="UPN",
            hint="13 characters, starting with a letter. You can find it in the school's "
            "management information system.",
        ),
        class_name=TextField(
            "Class or tutor group (optional)",
            prompt="class",
            max_length=60,
            hint="For example, Willow Class or 9C.",
        ),
    ),
    NeedsStep,
    make_step(
        "strengths",
        "Strengths",
        strengths=LongTextField(
            "What are the pupil's strengths?",
            "Enter the pupil's strengths",
            error_name="The pupil's strengths",
            prompt="a strength",
            hint="What they are good at, what they enjoy and what helps them learn. Put each one "
            "on a new line.",
        ),
    ),
    make_step(
        "areas",
        "Areas of need",
        areas=MultiChoiceField(
            "Which broad areas of need apply to the pupil?",
            AREAS,
            "Select at least one area of need",
            hint="The SEND Code of Practice groups needs into four broad areas. Select all that "
            "apply. You will then be asked what you know about each one.",
        ),
    ),
    *(_area_step(area) for area in AREA_NAMES),
    make_step(
        "pupil-voice",
        "The pupil's views",
        hint="Write what the pupil says, in their own words where you can. The plan uses these "
        "headings, as a one-page profile does.",
        voice_like=_in_own_words("What people like and admire about me"),
        voice_important=_in_own_words("What is important to me"),
        voice_support=_in_own_words("How best to support me"),
        voice_how=LongTextField(
            "How did you find out the pupil's views?",
            "Enter how you found out the pupil's views",
            hint="For example, 'Josh talked to Ms Khan, using picture cards.'",
            error_name="How you found out the pupil's views",
            prompt="how we found out the pupil's views",
        ),
    ),
    make_step(
        "parent-views",
        "The family's views",
        parent_views=LongTextField(
            "What do the pupil's parents or carers say?",
            "Enter what the parents or carers say",
            hint="Their views, and their hopes for their child. If they could not give their "
            "views, say how you asked for them.",
            error_name="What the parents or carers say",
            prompt="what the family says",
        ),
    ),
    make_step(
        "assessment",
        "Baseline and assessment",
        baseline=LongTextField(
            "Baseline and assessment information",
            "Enter the baseline and assessment information",
            hint="Where the pupil is now, with dates: for example, test scores, reading age, "
            "attendance and what you have seen in class. Put each one on a new line.",
            prompt="baseline and assessment information",
        ),
        professionals=LongTextField(
            "Professionals involved, diagnoses and waiting lists (optional)",
            hint="For example, 'Occupational therapist: saw Josh on 2 October 2026; report "
            "shared.' Put each one on a new line.",
            error_name="Professionals involved",
            prompt="professionals involved, diagnoses and waiting lists",
        ),
    ),
    make_step(
        "dates",
        "Start and review dates",
        hint="Plan at least three review meetings with the family in a year. If you leave a "
        "review date blank, the plan suggests one about a term after the date before it, "
        "and marks it as suggested.",
        plan_start=DateField(
            "When does the plan start?",
            "Enter the date the plan starts",
            hint="For example, 14 9 2026",
            error_name="The date the plan starts",
            prompt="start date",
        ),
        review_1=_review("First", "plan_start", "the date the plan starts"),
        review_2=_review("Second", "review_1", "the first review date"),
        review_3=_review("Third", "review_2", "the second review date"),
    ),
    make_step(
        "outcomes",
        "Outcomes",
        outcomes=ListField(
            GroupField(OutcomeForm),
            "Outcomes",
            "Enter at least one outcome",
            hint="What the pupil should achieve by the next review. Most plans have 3 or 4.",
            item_name="outcome",
            max_entries=8,
        ),
    ),
    make_step(
        "provision",
        "Provision",
        provision=ListField(
            GroupField(ProvisionForm),
            "Provision",
            "Enter at least one intervention or support",
            hint="Each intervention or kind of extra help, who gives it and when. Costs are "
            "optional: the plan adds them up.",
            item_name="intervention",
            max_entries=12,
        ),
    ),
    make_step(
        "strategies",
        "Classroom strategies",
        strategies=LongTextField(
            "What should every adult who works with the pupil do?",
            "Enter the classroom strategies",
            hint="Strategies for lessons and around school. Put each one on a new line. For "
            "example, 'Give instructions one step at a time.'",
            error_name="Classroom strategies",
            prompt="a strategy",
        ),
    ),
    make_step(
        "home",
        "At home",
        home=LongTextField(
            "What will happen at home? (optional)",
            error_name="What will happen at home",
            hint="What the family has agreed to do. For example, 'Read together for 10 minutes "
            "each evening.' Put each one on a new line.",
            prompt="what will happen at home",
        ),
    ),
    # The pupil's parent or carer, who signs the plan; not a letter's writer (writer_name).
    make_step(
        "sign-off",
        "Agreeing the plan",
        parent_carer_name=TextField(
            "Parent or carer's name",
            "Enter the parent or carer's name",
            prompt="parent or carer's name",
        ),
        parent_carer_role=TextField(
            "Their relationship to the pupil (optional)",
            error_name="Relationship to the pupil",
            hint="As you want it in the plan's sign-off table. For example, Mother or Carer. If "
            "you leave this blank, the plan says 'Parent or carer'.",
            prompt="parent or carer",
            max_length=60,
        ),
        distribution=ListField(
            TextField("Who gets a copy", prompt="who gets a copy", max_length=200),
            "Who gets a copy of the plan? (optional)",
            item_name="person",
            hint="For example, the class teacher, or the speech and language therapist.",
        ),
    ),
)


# --- The plan -----------------------------------------------------------------------------

# Answers the plan carries as they were typed, a paragraph to a line.
TYPED = ("strengths", "voice_like", "voice_important", "voice_support", "voice_how",
         "parent_views", "baseline", "professionals", "strategies", "home")  # fmt: skip


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    child_name, child = child_names(answers)
    family = f"{possessive(child)} family"
    provision = [provision_row(item) for item in answers.get("provision") or []]
    reviews = _reviews(answers, blank)
    parent_carer = text(answers.get("parent_carer_role"), default="Parent or carer")
    return {
        "blank": blank,
        "child_name": child_name,
        "child": child,
        "intro": f"This plan is about {child} at {text(answers.get('school_name'))}. SEN "
        f"means special educational needs. The plan says what {child} is good at, what "
        f"{child} finds hard and what extra help the school will give. We wrote it with "
        f"{child} and {family}.",
        **{name: paragraphs(answers.get(name)) for name in TYPED},
        "details": _details(answers, blank),
        "voice_intro": f"This part is in {possessive(child)} own words.",
        "areas_intro": "The SEND Code of Practice puts special educational needs into four "
        f"broad areas. These are the areas that apply to {child}.",
        "areas": [
            {"name": name, "paragraphs": paragraphs(answers.get(f"need_{area}"))}
            for area, name in AREAS
            if area in (answers.get("areas") or [])
        ],
        "outcomes_intro": f"These are the things we want {child} to achieve. Each one says "
        f"where {child} is now and how we will check progress.",
        "outcomes": [outcome_row(item) for item in answers.get("outcomes") or []],
        "outcomes_after": f"We will look at each outcome with {child} and {family} at every "
        "review.",
        "provision_intro": f"This is the extra help the school will give {child}, on top of "
        "good teaching in class.",
        "provision": provision,
        "costed": blank or any(item["cost"] for item in provision),
        "total_cost": total_cost(answers.get("provision") or [], blank),
        "provision_after": "The class teacher and the SENCO will check how well each kind of "
        "help is working, and change it if it is not helping.",
        "all_staff": f"{cites('code-6.49')} everyone who works with a pupil should know about "
        "their needs, the outcomes they are working towards, their support and the strategies "
        "to use.",
        "strategies_intro": f"These are the strategies for {child}:",
        "reviews_intro": f"{meet_parents()} We will meet to review this plan on these dates:",
        "reviews": [f"{day} (suggested)" if suggested else day for day, suggested in reviews],
        "confirm_suggested": "We will confirm the suggested dates nearer the time."
        if any(suggested for _, suggested in reviews)
        else "",
        "agreeing": "By signing, we agree to this plan and to reviewing it together.",
        "signatories": [
            {"name": child_name, "role": "Pupil"},
            {"name": text(answers.get("parent_carer_name")), "role": parent_carer},
            {"name": text(answers.get("senco_name")), "role": "SENCO"},
        ],
        "copies_intro": "Copies of this plan go to:",
        "distribution": [text(item) for item in answers.get("distribution") or [] if text(item)],
    }


def _details(answers, blank):
    """The rows of the pupil details table; optional ones only when answered (or blank)."""
    name, known_as = text(answers.get("child_name")), text(answers.get("child_known_as"))
    rows = [
        ("Name", name),
        ("Known as", "" if known_as == name and not blank else known_as),
        ("Date of birth", long_date(answers.get("child_dob"))),
        ("Unique pupil number (UPN)", text(answers.get("upn"))),
        ("Year group", year_group_text(answers.get("year_group"))),
        ("Class", text(answers.get("class_name"))),
        ("School", text(answers.get("school_name"))),
        ("SEN provision status", coded(answers.get("sen_status"), dict(SEN_STATUSES),
                                        "K: SEN support, or E: EHC plan")),
        ("Primary need", coded(answers.get("primary_need"), NEED_LABELS, "code and meaning")),
        ("Secondary need", coded(answers.get("secondary_need"), NEED_LABELS,
                                  "code and meaning, if any")),
        ("SENCO (special educational needs co-ordinator)", text(answers.get("senco_name"))),
        ("Class teacher or form tutor", text(answers.get("class_teacher"))),
        ("Key adult in school", text(answers.get("key_adult"))),
        ("Plan starts", long_date(answers.get("plan_start"))),
    ]  # fmt: skip
    return [{"label": label, "value": value} for label, value in rows if value]


def _reviews(answers, blank):
    """Three reviews, (date, whether suggested): the dates given, then suggestions about a
    term apart."""
    if blank:
        return [(prompt("date"), False)] * 3
    given = [answers[name] for name in ("review_1", "review_2", "review_3") if answers.get(name)]
    reviews = [(long_date(value), False) for value in given]
    start = given[-1] if given else answers.get("plan_start")
    if start and len(given) < 3:
        last = datetime.date.fromisoformat(start)
        for suggestion in deadlines.suggested_reviews(last, count=3 - len(given)):
            reviews.append((long_date(suggestion), True))
    return reviews


# Josh, born on 3 November 2016, is 9 years 10 months old and in Year 5 in September 2026.
DOCUMENT = DocumentType(
    slug="sen-support-plan",
    title="SEN support plan",
    reader_title="SEN support plan",
    summary="Write a plan for a pupil on SEN support: their needs and views, outcomes, "
    "provision and costs, strategies for staff, and review dates.",
    needs="The pupil's details and census codes, their views and their family's, assessment "
    "results, and the outcomes and support you have agreed.",
    audience=("school",),
    steps=STEPS,
    build_context=build_context,
    filename=file_name(
        "SEN support plan for {child_name}, {date}", dated="plan_start", child_name="pupil"
    ),
    example_source=dated_example("sen-support-plan"),
    next_steps=(
        "Read the plan through with the pupil and their family, and change anything they do "
        "not agree with.",
        "Ask everyone named to sign it, and give a copy to the family and to the people listed.",
        "Share the classroom strategies with every adult who works with the pupil.",
        "Put the review dates in the diary and tell the family.",
    ),
)
