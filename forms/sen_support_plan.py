"""A SENCO's SEN support plan for one pupil (DOMAIN.md 2(b)).

The plan follows the graduated approach's "plan" step: who the pupil is and their census
codes, their strengths, what is known in each of the four broad areas of need, the pupil's
own views (under one-page profile headings, in the first person) and the family's, the
baseline, SMART outcomes, the provision (with optional costs and a total), classroom
strategies for every adult (Code 6.49), what happens at home, review dates and sign-off.

Review dates: the Code (6.65) says schools should meet parents at least three times a year,
so the plan always lists three. Dates the SENCO leaves blank are suggested about a term apart
(`law.suggested_reviews`) and marked as suggested. Every legal reference comes from
`service.law`.

A support plan's format is not set in law, and not every pupil on SEN support has one
(seed 004 is wrong about that); what the law requires is that parents are told about the
provision (s68) and that it is recorded (Code 6.72).
"""

import datetime
import decimal
import re

from wtforms import Form
from wtforms.validators import StopValidation, ValidationError

from forms.formatting import is_blank, long_date, paragraphs, prompt, text
from service import law
from service.catalogue import DocumentType, StepForm, is_prompt
from service.fields import (
    ChoiceField,
    DateField,
    GroupField,
    ListField,
    LongTextField,
    MoneyField,
    MultiChoiceField,
    NumberField,
    TextField,
)

# DfE school census codes (DOMAIN.md 3, [S]: ScholarPack; Devon and Norfolk census guidance).
SEN_STATUSES = [
    ("K", "K: SEN support"),
    ("E", "E: education, health and care (EHC) plan"),
]
NEED_TYPES = [
    ("SPLD", "specific learning difficulty"),
    ("MLD", "moderate learning difficulty"),
    ("SLD", "severe learning difficulty"),
    ("PMLD", "profound and multiple learning difficulty"),
    ("SEMH", "social, emotional and mental health"),
    ("SLCN", "speech, language and communication needs"),
    ("HI", "hearing impairment"),
    ("VI", "vision impairment"),
    ("MSI", "multi-sensory impairment"),
    ("PD", "physical disability"),
    ("ASD", "autistic spectrum disorder"),
    ("OTH", "other difficulty or disability"),
    ("NSA", "SEN support but no specialist assessment of type of need"),
]
NO_SPECIALIST_ASSESSMENT = "NSA"  # census rule: only for pupils on SEN support (K)
NO_SECONDARY_NEED = "none"

# The four broad areas of need in the SEND Code of Practice (6.28 to 6.35, numbering [U]).
AREAS = [
    ("communication", "Communication and interaction"),
    ("cognition", "Cognition and learning"),
    ("semh", "Social, emotional and mental health"),
    ("sensory", "Sensory and/or physical needs"),
]
AREA_NAMES = dict(AREAS)


NEED_LABELS = {code: f"{code}: {meaning}" for code, meaning in NEED_TYPES}


class UpnField(TextField):
    """A unique pupil number: 13 characters, a check letter then 11 digits, and a last
    character that is a digit, or a letter for a temporary UPN."""

    free_text = False

    def __init__(self, label, required=None, **kwargs):
        super().__init__(label, required, max_length=20, checks=(_upn_shape,), **kwargs)


def _upn_shape(_form, field):
    if field.data and not UPN.fullmatch(field.data):
        raise ValidationError(
            "Enter a UPN in the correct format: 13 characters, like A123456789012"
        )


UPN = re.compile(r"[A-Za-z][0-9]{11}[0-9A-Za-z]", re.ASCII)


# --- The questions ------------------------------------------------------------------------


class SchoolStep(StepForm):
    slug = "school"
    title = "About the school"
    school_name = TextField(
        "Name of the school", "Enter the name of the school", prompt="name of the school"
    )
    senco_name = TextField(
        "SENCO's name",
        "Enter the SENCO's name",
        hint="The SENCO is the special educational needs co-ordinator. For example, Mrs Patel.",
        prompt="SENCO's name",
    )
    class_teacher = TextField(
        "Class teacher or form tutor (optional)",
        hint="For example, Mr Hughes.",
        error_name="Class teacher or form tutor",
        prompt="class teacher's name",
    )
    key_adult = TextField(
        "Key adult in school (optional)",
        hint="The adult the pupil goes to first, and their role. For example, 'Ms Khan, "
        "teaching assistant'.",
        error_name="Key adult",
        prompt="key adult's name and role",
    )


class PupilStep(StepForm):
    slug = "pupil"
    title = "About the pupil"
    pupil_name = TextField(
        "Pupil's full name", "Enter the pupil's full name", prompt="pupil's full name"
    )
    known_as = TextField(
        "What does the pupil like to be called? (optional)",
        hint="For example, Josh. Leave this blank to use their full name.",
        error_name="The name the pupil likes to be called",
        prompt="pupil's name",
    )
    pupil_dob = DateField(
        "Date of birth",
        "Enter the pupil's date of birth",
        hint="For example, 3 11 2016",
        error_name="Date of birth",
        prompt="date of birth",
        not_after_today=True,
    )
    upn = UpnField(
        "Unique pupil number (UPN) (optional)",
        hint="13 characters, starting with a letter. You can find it in the school's "
        "management information system.",
        error_name="UPN",
        prompt="UPN",
    )
    year_group = TextField(
        "Year group",
        "Enter the pupil's year group",
        hint="For example, Reception or Year 5",
        prompt="year group",
        max_length=40,
    )
    class_name = TextField(
        "Class or tutor group (optional)",
        hint="For example, Willow Class or 9C.",
        error_name="Class or tutor group",
        prompt="class",
        max_length=60,
    )


class NeedsStep(StepForm):
    slug = "needs"
    title = "SEN status and type of need"
    hint = "These are the codes the school census uses."
    sen_status = ChoiceField(
        "SEN provision status",
        SEN_STATUSES,
        "Select the pupil's SEN provision status",
    )
    primary_need = ChoiceField(
        "Primary need",
        [(code, NEED_LABELS[code]) for code, _ in NEED_TYPES],
        "Select the pupil's primary need",
    )
    secondary_need = ChoiceField(
        "Secondary need (optional)",
        [
            (NO_SECONDARY_NEED, "No secondary need"),
            *((code, NEED_LABELS[code]) for code, _ in NEED_TYPES[:-1]),
        ],
        error_name="Secondary need",
    )

    def validate_primary_need(self, field):
        if field.data == NO_SPECIALIST_ASSESSMENT and self.sen_status.data == "E":
            raise StopValidation(
                "NSA is only for pupils on SEN support (K). Select the pupil's primary need"
            )

    def validate_secondary_need(self, field):
        if field.data and field.data == self.primary_need.data:
            raise StopValidation("Select a secondary need that is different from the primary need")


class StrengthsStep(StepForm):
    slug = "strengths"
    title = "Strengths"
    strengths = LongTextField(
        "What are the pupil's strengths?",
        "Enter the pupil's strengths",
        hint="What they are good at, what they enjoy and what helps them learn. Put each one "
        "on a new line.",
        prompt="a strength",
    )


class AreasStep(StepForm):
    slug = "areas"
    title = "Areas of need"
    areas = MultiChoiceField(
        "Which broad areas of need apply to the pupil?",
        AREAS,
        "Select at least one area of need",
        hint="The SEND Code of Practice groups needs into four broad areas. Select all that "
        "apply. You will then be asked what you know about each one.",
    )


class _AreaStep(StepForm):
    """What is known in one broad area of need, asked only when that area applies."""

    area = ""

    @classmethod
    def should_show(cls, answers):
        return cls.area in (answers.get("areas") or [])


def _area_field(area, example):
    name = AREA_NAMES[area].lower()
    return LongTextField(
        f"What do you know about the pupil's {name} needs?",
        f"Enter what you know about the pupil's {name} needs",
        hint=f"What you have seen and what assessments show. For example, '{example}' Put "
        "each point on a new line.",
        error_name=f"What you know about {name} needs",
        prompt=f"what we know about {name} needs",
    )


class CommunicationStep(_AreaStep):
    slug = area = "communication"
    title = AREA_NAMES["communication"]
    need_communication = _area_field(
        "communication", "Finds it hard to follow instructions with more than two steps."
    )


class CognitionStep(_AreaStep):
    slug = area = "cognition"
    title = AREA_NAMES["cognition"]
    need_cognition = _area_field("cognition", "Reading age is 2 years below his actual age.")


class SemhStep(_AreaStep):
    slug = area = "semh"
    title = AREA_NAMES["semh"]
    need_semh = _area_field("semh", "Becomes anxious when asked to read aloud.")


class SensoryStep(_AreaStep):
    slug = area = "sensory"
    title = AREA_NAMES["sensory"]
    need_sensory = _area_field("sensory", "Handwriting is slow and tiring.")


AREA_FIELDS = {
    "communication": "need_communication",
    "cognition": "need_cognition",
    "semh": "need_semh",
    "sensory": "need_sensory",
}


class PupilVoiceStep(StepForm):
    slug = "pupil-voice"
    title = "The pupil's views"
    hint = (
        "Write what the pupil says, in their own words where you can. The plan uses these "
        "headings, as a one-page profile does."
    )
    voice_like = LongTextField(
        "What people like and admire about me",
        "Enter what people like and admire about the pupil",
        prompt="what people like and admire about me",
    )
    voice_important = LongTextField(
        "What is important to me",
        "Enter what is important to the pupil",
        prompt="what is important to me",
    )
    voice_support = LongTextField(
        "How best to support me",
        "Enter how best to support the pupil",
        prompt="how best to support me",
    )
    voice_how = LongTextField(
        "How did you find out the pupil's views?",
        "Enter how you found out the pupil's views",
        hint="For example, 'Josh talked to Ms Khan, using picture cards.'",
        error_name="How you found out the pupil's views",
        prompt="how we found out the pupil's views",
    )


class ParentViewsStep(StepForm):
    slug = "parent-views"
    title = "The family's views"
    parent_views = LongTextField(
        "What do the pupil's parents or carers say?",
        "Enter what the parents or carers say",
        hint="Their views, and their hopes for their child. If they could not give their "
        "views, say how you asked for them.",
        error_name="What the parents or carers say",
        prompt="what the family says",
    )


class AssessmentStep(StepForm):
    slug = "assessment"
    title = "Baseline and assessment"
    baseline = LongTextField(
        "Baseline and assessment information",
        "Enter the baseline and assessment information",
        hint="Where the pupil is now, with dates: for example, test scores, reading age, "
        "attendance and what you have seen in class. Put each one on a new line.",
        prompt="baseline and assessment information",
    )
    professionals = LongTextField(
        "Professionals involved, diagnoses and waiting lists (optional)",
        hint="For example, 'Occupational therapist: saw Josh on 2 October 2026; report "
        "shared.' Put each one on a new line.",
        error_name="Professionals involved",
        prompt="professionals involved, diagnoses and waiting lists",
    )


class OutcomeForm(Form):
    target = LongTextField(
        "Outcome (SMART target)",
        "Enter the outcome",
        hint="Specific, measurable, achievable, relevant and time-bound.",
        error_name="Outcome",
        prompt="SMART target",
        max_length=2000,
    )
    start_point = LongTextField(
        "Baseline: where the pupil is now",
        "Enter the baseline for this outcome",
        error_name="Baseline",
        prompt="baseline",
        max_length=2000,
    )
    measure = LongTextField(
        "How will you measure progress?",
        "Enter how you will measure progress",
        error_name="How you will measure progress",
        prompt="how we will measure progress",
        max_length=2000,
    )
    due = DateField(
        "By when?",
        "Enter the date for this outcome",
        hint="For example, 9 12 2026",
        error_name="The date for this outcome",
        prompt="date",
    )


class OutcomesStep(StepForm):
    slug = "outcomes"
    title = "Outcomes"
    outcomes = ListField(
        GroupField(OutcomeForm),
        "Outcomes",
        "Enter at least one outcome",
        hint="What the pupil should achieve by the next review. Most plans have 3 or 4.",
        item_name="outcome",
        max_entries=8,
    )


class ProvisionForm(Form):
    intervention = TextField(
        "Intervention or support",
        "Enter the intervention or support",
        hint="For example, 'Precision teaching for reading'.",
        prompt="intervention",
    )
    area = ChoiceField("Area of need", AREAS, "Select the area of need")
    frequency = TextField(
        "How often",
        "Enter how often",
        hint="For example, 3 times a week.",
        prompt="how often",
        max_length=100,
    )
    session_length = TextField(
        "Session length",
        "Enter the session length",
        hint="For example, 20 minutes.",
        prompt="session length",
        max_length=100,
    )
    group_size = NumberField(
        "Group size",
        "Enter the group size",
        hint="The number of pupils in each session. Enter 1 for one-to-one.",
        prompt="group size",
        minimum=1,
        maximum=40,
    )
    staff = TextField(
        "Staff role",
        "Enter the staff role",
        hint="For example, teaching assistant.",
        prompt="staff role",
        max_length=100,
    )
    start = DateField("Start date", "Enter the start date", prompt="start date")
    end = DateField("End date", "Enter the end date", prompt="end date")
    cost = MoneyField(
        "Cost (optional)",
        hint="The cost for the length of the plan, in pounds.",
        error_name="Cost",
        prompt="cost",
    )

    def validate_end(self, field):
        if field.data and self.start.data and field.data <= self.start.data:
            raise ValidationError("End date must be after the start date")


class ProvisionStep(StepForm):
    slug = "provision"
    title = "Provision"
    provision = ListField(
        GroupField(ProvisionForm),
        "Provision",
        "Enter at least one intervention or support",
        hint="Each intervention or kind of extra help, who gives it and when. Costs are "
        "optional: the plan adds them up.",
        item_name="intervention",
        max_entries=12,
    )


class StrategiesStep(StepForm):
    slug = "strategies"
    title = "Classroom strategies"
    strategies = LongTextField(
        "What should every adult who works with the pupil do?",
        "Enter the classroom strategies",
        hint="Strategies for lessons and around school. Put each one on a new line. For "
        "example, 'Give instructions one step at a time.'",
        error_name="Classroom strategies",
        prompt="a strategy",
    )


class HomeStep(StepForm):
    slug = "home"
    title = "At home"
    home = LongTextField(
        "What will happen at home? (optional)",
        hint="What the family has agreed to do. For example, 'Read together for 10 minutes "
        "each evening.' Put each one on a new line.",
        error_name="What will happen at home",
        prompt="what will happen at home",
    )


class DatesStep(StepForm):
    slug = "dates"
    title = "Start and review dates"
    hint = (
        "Plan at least three review meetings with the family in a year. If you leave a review "
        "date blank, the plan suggests one about a term after the date before it, and marks "
        "it as suggested."
    )
    plan_start = DateField(
        "When does the plan start?",
        "Enter the date the plan starts",
        hint="For example, 14 9 2026",
        error_name="The date the plan starts",
        prompt="start date",
    )
    review_1 = DateField("First review (optional)", error_name="First review date")
    review_2 = DateField("Second review (optional)", error_name="Second review date")
    review_3 = DateField("Third review (optional)", error_name="Third review date")

    def validate_review_1(self, field):
        _check_review(field, self.plan_start, "the date the plan starts")

    def validate_review_2(self, field):
        _check_review(field, self.review_1, "the first review date")

    def validate_review_3(self, field):
        _check_review(field, self.review_2, "the second review date")


def _check_review(field, before, before_name):
    """Reviews come in order, each after the date before it, with none skipped."""
    if not field.data:
        return
    if before.data is None:
        if before.name != "plan_start":  # the start date's own error says what is missing
            raise ValidationError(f"Enter {before_name} first, or leave this date blank")
        return
    if field.data <= before.data:
        raise ValidationError(f"{field.error_name} must be after {before_name}")


class SignOffStep(StepForm):
    slug = "sign-off"
    title = "Agreeing the plan"
    parent_name = TextField(
        "Parent or carer's name",
        "Enter the parent or carer's name",
        prompt="parent or carer's name",
    )
    parent_role = TextField(
        "Their relationship to the pupil (optional)",
        hint="As you want it in the plan's sign-off table. For example, Mother or Carer. If "
        "you leave this blank, the plan says 'Parent or carer'.",
        error_name="Relationship to the pupil",
        prompt="parent or carer",
        max_length=60,
    )
    distribution = ListField(
        TextField("Who gets a copy", prompt="who gets a copy", max_length=200),
        "Who gets a copy of the plan? (optional)",
        hint="For example, the class teacher, or the speech and language therapist.",
        item_name="person",
    )


STEPS = (
    SchoolStep,
    PupilStep,
    NeedsStep,
    StrengthsStep,
    AreasStep,
    CommunicationStep,
    CognitionStep,
    SemhStep,
    SensoryStep,
    PupilVoiceStep,
    ParentViewsStep,
    AssessmentStep,
    OutcomesStep,
    ProvisionStep,
    StrategiesStep,
    HomeStep,
    DatesStep,
    SignOffStep,
)


# --- The plan -----------------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    pupil_name = text(answers.get("pupil_name"))
    pupil = text(answers.get("known_as"), default=pupil_name)
    provision = [_provision(item) for item in answers.get("provision") or []]
    reviews = _reviews(answers, blank)
    return {
        "blank": blank,
        "pupil_name": pupil_name,
        "pupil": pupil,
        "school_name": text(answers.get("school_name")),
        "details": _details(answers, blank),
        "strengths": paragraphs(answers.get("strengths")),
        "areas": _areas(answers),
        "voice_like": paragraphs(answers.get("voice_like")),
        "voice_important": paragraphs(answers.get("voice_important")),
        "voice_support": paragraphs(answers.get("voice_support")),
        "voice_how": paragraphs(answers.get("voice_how")),
        "parent_views": paragraphs(answers.get("parent_views")),
        "baseline": paragraphs(answers.get("baseline")),
        "professionals": paragraphs(answers.get("professionals")),
        "outcomes": [_outcome(item) for item in answers.get("outcomes") or []],
        "provision": provision,
        "costed": blank or any(item["cost"] for item in provision),
        "total_cost": _total_cost(answers.get("provision") or [], blank),
        "all_staff": _all_staff(),
        "strategies": paragraphs(answers.get("strategies")),
        "home": paragraphs(answers.get("home")),
        "meet_parents": _meet_parents(),
        "reviews": reviews,
        "suggested": any(review["suggested"] for review in reviews),
        "signatories": _signatories(answers, pupil_name),
        "distribution": [text(item) for item in answers.get("distribution") or [] if text(item)],
    }


def _details(answers, blank):
    """The rows of the pupil details table; optional ones only when answered (or blank)."""
    rows = [
        ("Name", text(answers.get("pupil_name"))),
        ("Known as", text(answers.get("known_as"))),
        ("Date of birth", long_date(answers.get("pupil_dob"))),
        ("Unique pupil number (UPN)", text(answers.get("upn"))),
        ("Year group", year_group_text(answers.get("year_group"))),
        ("Class", text(answers.get("class_name"))),
        ("School", text(answers.get("school_name"))),
        ("SEN provision status", _status(answers.get("sen_status"))),
        ("Primary need", _need(answers.get("primary_need"), "code and meaning")),
        ("Secondary need", _need(answers.get("secondary_need"), "code and meaning, if any")),
        ("SENCO (special educational needs co-ordinator)", text(answers.get("senco_name"))),
        ("Class teacher or form tutor", text(answers.get("class_teacher"))),
        ("Key adult in school", text(answers.get("key_adult"))),
        ("Plan starts", long_date(answers.get("plan_start"))),
    ]
    if not blank and rows[1][1] == rows[0][1]:
        rows.pop(1)  # "Known as" the same name says nothing
    return [{"label": label, "value": value} for label, value in rows if value]


def year_group_text(value):
    """'5' -> 'Year 5'; anything else as the SENCO wrote it."""
    value = text(value)
    if not is_prompt(value) and value.isdigit():
        return f"Year {value}"
    return value


def _status(value):
    if is_prompt(value):
        return prompt("K: SEN support, or E: EHC plan")
    return dict(SEN_STATUSES).get(value, "")


def _need(value, blank_prompt):
    if is_prompt(value):
        return prompt(blank_prompt)
    return NEED_LABELS.get(value, "")


def _areas(answers):
    """The broad areas that apply, in the Code's order, with what is known in each."""
    chosen = answers.get("areas") or []
    return [
        {"name": name, "paragraphs": paragraphs(answers.get(AREA_FIELDS[area]))}
        for area, name in AREAS
        if area in chosen
    ]


def _outcome(item):
    return {
        "target": paragraphs(item.get("target")),
        "start_point": paragraphs(item.get("start_point")),
        "measure": paragraphs(item.get("measure")),
        "due": long_date(item.get("due")),
    }


def _provision(item):
    area = item.get("area")
    return {
        "intervention": text(item.get("intervention")),
        "area": prompt("area of need") if is_prompt(area) else AREA_NAMES.get(area, ""),
        "frequency": text(item.get("frequency")),
        "session_length": text(item.get("session_length")),
        "group_size": _group_size(item.get("group_size")),
        "staff": text(item.get("staff")),
        "start": long_date(item.get("start")),
        "end": long_date(item.get("end")),
        "cost": _money(item.get("cost")),
    }


def _group_size(value):
    if is_prompt(value):
        return value
    if value == 1:
        return "1 (one-to-one)"
    return str(value) if value else ""


def _money(value):
    """'1200.00' -> '£1,200.00'; a Prompt as it is; nothing -> ''."""
    if is_prompt(value):
        return value
    if not value:
        return ""
    return f"£{decimal.Decimal(value):,.2f}"


def _total_cost(items, blank):
    if blank:
        return prompt("total cost")
    costs = [decimal.Decimal(item["cost"]) for item in items if item.get("cost")]
    return _money(str(sum(costs))) if costs else ""


def cites(key):
    """A citation from service.law as the start of a sentence: "Paragraph 6.49 of ... says"."""
    short = law.cite(key)
    return f"{short[0].upper()}{short[1:]} says"


def _all_staff():
    return (
        f"{cites('code-6.49')} everyone who works with a pupil should know about their "
        "needs, the outcomes they are working towards, their support and the strategies to use."
    )


def _meet_parents():
    return f"{cites('code-6.65')} schools should meet parents at least three times a year."


def _reviews(answers, blank):
    """Three review dates: those the SENCO gave, then suggestions about a term apart."""
    if blank:
        return [{"date": prompt("date"), "suggested": False} for _ in range(3)]
    given = [answers.get(name) for name in ("review_1", "review_2", "review_3")]
    given = [value for value in given if value]
    reviews = [{"date": long_date(value), "suggested": False} for value in given]
    start = given[-1] if given else answers.get("plan_start")
    if start and len(given) < 3:
        last = datetime.date.fromisoformat(start)
        for suggestion in law.suggested_reviews(last, count=3 - len(given)):
            reviews.append({"date": long_date(suggestion), "suggested": True})
    return reviews


def _signatories(answers, pupil_name):
    parent_role = text(answers.get("parent_role"))
    return [
        {"name": pupil_name, "role": "Pupil"},
        {"name": text(answers.get("parent_name")), "role": parent_role or "Parent or carer"},
        {"name": text(answers.get("senco_name")), "role": "SENCO"},
    ]


def filename(answers):
    pupil = text(answers.get("pupil_name")) or "pupil"
    start = long_date(answers.get("plan_start")) or long_date(law.today())
    return f"SEN support plan for {pupil}, {start}"


EXAMPLE = {
    "school_name": "Elmbrook Primary School",
    "senco_name": "Mrs Patel",
    "class_teacher": "Mr Hughes",
    "key_adult": "Ms Khan, teaching assistant",
    "pupil_name": "Joshua Adeyemi",
    "known_as": "Josh",
    "pupil_dob": "2016-11-03",
    "upn": "K938201224017",
    "year_group": "Year 5",
    "class_name": "Willow Class",
    "sen_status": "K",
    "primary_need": "SPLD",
    "secondary_need": "SLCN",
    "strengths": (
        "Josh is a kind friend and is always ready to help younger children.\n"
        "He is very good at building and making things, and loves Lego and science.\n"
        "He remembers facts he has heard, and joins in well in class discussions."
    ),
    "areas": ["communication", "cognition", "semh", "sensory"],
    "need_communication": (
        "Josh finds it hard to follow spoken instructions with more than two steps.\n"
        "He sometimes needs more time to find the words he wants."
    ),
    "need_cognition": (
        "Josh's reading is about two years behind most of his class. He reads slowly and "
        "guesses words from their first letter.\n"
        "His spelling makes his writing hard to read, which upsets him."
    ),
    "need_semh": (
        "Josh gets anxious when asked to read aloud, and has left the classroom twice this "
        "term when this happened."
    ),
    "need_sensory": (
        "Josh's handwriting is slow and tiring. He holds his pencil very tightly and his hand "
        "aches after ten minutes."
    ),
    "voice_like": "I am funny and I help people. I am good at Lego and making models.",
    "voice_important": (
        "My dog, Biscuit.\n"
        "Playing football with my friends at break.\n"
        "Not being told off for messy writing."
    ),
    "voice_support": (
        "Tell me one thing at a time.\n"
        "Don't make me read out loud in front of everyone.\n"
        "Let me use the laptop for long writing."
    ),
    "voice_how": "Josh talked to Ms Khan on 22 September 2026, using picture cards.",
    "parent_views": (
        "Josh's mum says he loves school but comes home very tired. She is worried that he is "
        "falling behind with reading and is starting to say he is stupid.\n"
        "She would like him to feel confident, and to read for fun."
    ),
    "baseline": (
        "Reading age (Salford test, 15 September 2026): 7 years 8 months. Actual age 9 years "
        "10 months.\n"
        "Reads 38 words a minute from a Year 3 book.\n"
        "Spells 6 of 20 Year 3 and 4 common words correctly.\n"
        "Attendance this term: 96%."
    ),
    "professionals": (
        "Occupational therapist: saw Josh on 2 October 2026; report shared with school.\n"
        "Speech and language therapy: referred by the GP; waiting list about 6 months."
    ),
    "outcomes": [
        {
            "target": "Josh will read 60 words a minute from a Year 3 book.",
            "start_point": "38 words a minute (15 September 2026).",
            "measure": "A one-minute timed read each fortnight with Ms Khan.",
            "due": "2026-12-09",
        },
        {
            "target": "Josh will spell 15 of the 20 Year 3 and 4 common words correctly.",
            "start_point": "6 of 20 words (15 September 2026).",
            "measure": "Spelling check at the end of each half term.",
            "due": "2026-12-09",
        },
        {
            "target": "Josh will follow a three-step instruction in class without help.",
            "start_point": "Follows two steps; needs the rest repeated.",
            "measure": "Class teacher's notes, 3 times a week.",
            "due": "2026-12-09",
        },
    ],
    "provision": [
        {
            "intervention": "Precision teaching for reading",
            "area": "cognition",
            "frequency": "Every school day",
            "session_length": "10 minutes",
            "group_size": 1,
            "staff": "Teaching assistant",
            "start": "2026-09-21",
            "end": "2026-12-11",
            "cost": "380.00",
        },
        {
            "intervention": "Small-group language and listening games",
            "area": "communication",
            "frequency": "Twice a week",
            "session_length": "30 minutes",
            "group_size": 4,
            "staff": "Teaching assistant",
            "start": "2026-09-21",
            "end": "2026-12-11",
            "cost": "240.00",
        },
        {
            "intervention": "Fine motor skills programme from the occupational therapist",
            "area": "sensory",
            "frequency": "3 times a week",
            "session_length": "15 minutes",
            "group_size": 2,
            "staff": "Teaching assistant",
            "start": "2026-10-05",
            "end": "2026-12-11",
            "cost": None,
        },
    ],
    "strategies": (
        "Give instructions one step at a time, and check Josh has understood.\n"
        "Do not ask Josh to read aloud unless he has offered.\n"
        "Give him a word mat and a pencil grip.\n"
        "Let him use a laptop for writing longer than a paragraph."
    ),
    "home": (
        "Josh's mum will read with him for 10 minutes each evening, taking turns page by page.\n"
        "She will write a short note in his reading record each week."
    ),
    "plan_start": "2026-09-14",
    "review_1": "2026-12-09",
    "review_2": None,
    "review_3": None,
    "parent_name": "Funmi Adeyemi",
    "parent_role": "Mother",
    "distribution": ["Mr Hughes, class teacher", "Ms Khan, teaching assistant"],
}


DOCUMENT = DocumentType(
    slug="sen-support-plan",
    title="SEN support plan",
    reader_title="SEN support plan",
    summary=(
        "Write a plan for a pupil on SEN support: their needs and views, outcomes, provision "
        "and costs, strategies for staff, and review dates."
    ),
    needs=(
        "The pupil's details and census codes, their views and their family's, assessment "
        "results, and the outcomes and support you have agreed."
    ),
    audience=("school",),
    steps=STEPS,
    template="sen-support-plan.docx",
    build_context=build_context,
    filename=filename,
    example=EXAMPLE,
    next_steps=(
        "Read the plan through with the pupil and their family, and change anything they do "
        "not agree with.",
        "Ask everyone named to sign it, and give a copy to the family and to the people listed.",
        "Share the classroom strategies with every adult who works with the pupil.",
        "Put the review dates in the diary and tell the family.",
    ),
)
