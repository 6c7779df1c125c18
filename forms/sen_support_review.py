"""A SENCO's record of a review of a pupil's SEN support plan (DOMAIN.md 2(b), section 8).

The "review" step of the graduated approach: the plan reviewed, each outcome with a rating
(exceeded, achieved, partly achieved, not achieved) and the evidence for it, the pupil's and
the family's views, what worked and what did not, the next step and the next review date.

The next step prints its basis from `service.law`: bringing in a specialist (Code 6.59), or
asking the local authority for an EHC needs assessment, which a school may do (CFA s36(1)),
ideally with the family's agreement (Code 9.8, [S]). Schools should meet parents at least three
times a year (Code 6.65, [S]), so the next review is suggested about a term away.
"""

from wtforms import Form

from forms.formatting import is_blank, long_date, paragraphs, text
from forms.sen_support_plan import cites, year_group_text
from service import law
from service.catalogue import DocumentType, StepForm, is_prompt
from service.fields import (
    ChoiceField,
    DateField,
    GroupField,
    ListField,
    LongTextField,
    TextField,
    YesNoField,
)

RATINGS = [
    ("exceeded", "Exceeded"),
    ("achieved", "Achieved"),
    ("partly", "Partly achieved"),
    ("not_achieved", "Not achieved"),
]
MET = ("exceeded", "achieved")

NEXT_STEPS = [
    ("continue", "Carry on with the plan as it is"),
    ("change", "Change the plan: new outcomes or different support"),
    ("specialist", "Ask a specialist for advice"),
    ("ehc", "Ask the local authority for an EHC needs assessment"),
]


# --- The questions ------------------------------------------------------------------------


class PlanStep(StepForm):
    slug = "plan"
    title = "The plan you are reviewing"
    school_name = TextField(
        "Name of the school", "Enter the name of the school", prompt="name of the school"
    )
    senco_name = TextField(
        "SENCO's name",
        "Enter the SENCO's name",
        hint="The SENCO is the special educational needs co-ordinator. For example, Mrs Patel.",
        prompt="SENCO's name",
    )
    pupil_name = TextField(
        "Pupil's full name", "Enter the pupil's full name", prompt="pupil's full name"
    )
    known_as = TextField(
        "What does the pupil like to be called? (optional)",
        hint="For example, Josh. Leave this blank to use their full name.",
        error_name="The name the pupil likes to be called",
        prompt="pupil's name",
    )
    year_group = TextField(
        "Year group",
        "Enter the pupil's year group",
        hint="For example, Reception or Year 5",
        prompt="year group",
        max_length=40,
    )
    plan_date = DateField(
        "When did the plan start?",
        "Enter the date the plan started",
        hint="For example, 14 9 2026",
        error_name="The date the plan started",
        prompt="date",
    )


class MeetingStep(StepForm):
    slug = "meeting"
    title = "The review meeting"
    review_date = DateField(
        "Date of the review meeting",
        "Enter the date of the review meeting",
        hint="For example, 9 12 2026",
        error_name="The date of the review meeting",
        prompt="date",
    )
    attendees = ListField(
        TextField("Who came", prompt="name and role", max_length=200),
        "Who came to the meeting? (optional)",
        hint="Each person's name and role. For example, 'Funmi Adeyemi, Josh's mother'.",
        item_name="person",
    )


class ReviewedOutcomeForm(Form):
    outcome = LongTextField(
        "Outcome",
        "Enter the outcome",
        hint="As it was written in the plan.",
        prompt="outcome from the plan",
        max_length=2000,
    )
    rating = ChoiceField("How far did the pupil get?", RATINGS, "Select a rating")
    evidence = LongTextField(
        "Evidence",
        "Enter the evidence for the rating",
        hint="For example, a test score, work samples or what staff have seen, with dates.",
        error_name="Evidence",
        prompt="evidence",
        max_length=2000,
    )


class OutcomesStep(StepForm):
    slug = "outcomes"
    title = "Outcomes"
    reviewed = ListField(
        GroupField(ReviewedOutcomeForm),
        "Outcomes",
        "Enter at least one outcome",
        hint="Each outcome in the plan, how far the pupil got, and how you know.",
        item_name="outcome",
        max_entries=8,
    )


class ViewsStep(StepForm):
    slug = "views"
    title = "Views"
    pupil_views = LongTextField(
        "What does the pupil say?",
        "Enter what the pupil says",
        hint="In their own words where you can. For example, 'Reading is easier now.'",
        error_name="What the pupil says",
        prompt="what the pupil says",
    )
    parent_views = LongTextField(
        "What do the parents or carers say?",
        "Enter what the parents or carers say",
        hint="If they could not come, say how you asked for their views.",
        error_name="What the parents or carers say",
        prompt="what the family says",
    )


class WorkedStep(StepForm):
    slug = "what-worked"
    title = "What worked"
    worked = LongTextField(
        "What worked?",
        "Enter what worked",
        hint="The support and strategies that helped. Put each one on a new line.",
        prompt="what worked",
    )
    not_worked = LongTextField(
        "What did not work? (optional)",
        hint="And why, if you know. Put each one on a new line.",
        error_name="What did not work",
        prompt="what did not work",
    )


class NextStepStep(StepForm):
    slug = "next-step"
    title = "What happens next"
    next_step = ChoiceField(
        "What is the next step?",
        NEXT_STEPS,
        "Select the next step",
    )
    next_details = LongTextField(
        "What will happen?",
        "Enter what will happen next",
        hint="For example, the new outcomes, the support that will change, which specialist "
        "you will ask, or when you will send the request.",
        error_name="What will happen next",
        prompt="what will happen next",
    )


class AgreementStep(StepForm):
    slug = "family-agreement"
    title = "The family's agreement"
    family_agrees = YesNoField(
        "Does the pupil's family agree that the school should ask for an EHC needs assessment?",
        "Select yes if the family agrees",
        hint="A school can ask for an assessment itself, but the SEND Code of Practice says "
        "it should do so with the family's agreement where it can.",
    )

    @classmethod
    def should_show(cls, answers):
        return answers.get("next_step") == "ehc"


class NextReviewStep(StepForm):
    slug = "next-review"
    title = "Next review"
    next_review = DateField(
        "When is the next review?",
        "Enter the date of the next review",
        hint="Usually about a term, or 12 weeks, after this one: schools should meet parents at "
        "least three times a year. For example, 3 3 2027",
        error_name="The date of the next review",
        prompt="date",
    )


STEPS = (
    PlanStep,
    MeetingStep,
    OutcomesStep,
    ViewsStep,
    WorkedStep,
    NextStepStep,
    AgreementStep,
    NextReviewStep,
)


# --- The review record --------------------------------------------------------------------


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    pupil_name = text(answers.get("pupil_name"))
    pupil = text(answers.get("known_as"), default=pupil_name)
    reviewed = [_reviewed(item) for item in answers.get("reviewed") or []]
    chosen = answers.get("next_step")
    return {
        "blank": blank,
        "pupil_name": pupil_name,
        "pupil": pupil,
        "school_name": text(answers.get("school_name")),
        "senco_name": text(answers.get("senco_name")),
        "details": _details(answers),
        "reviewed": reviewed,
        "met_summary": _met_summary(answers.get("reviewed") or [], blank),
        "pupil_views": paragraphs(answers.get("pupil_views")),
        "parent_views": paragraphs(answers.get("parent_views")),
        "worked": paragraphs(answers.get("worked")),
        "not_worked": paragraphs(answers.get("not_worked")),
        "next_steps": [
            _next_step(kind, pupil, answers.get("family_agrees"))
            for kind, _ in NEXT_STEPS
            if blank or kind == chosen
        ],
        "next_details": paragraphs(answers.get("next_details")),
        "next_review": long_date(answers.get("next_review")),
        "meet_parents": f"{cites('code-6.65')} schools should meet parents at least three "
        "times a year.",
    }


def _details(answers):
    """Rows of the details table, each value a list of lines; optional rows only if given."""
    known_as = text(answers.get("known_as"))
    if known_as == text(answers.get("pupil_name")) and not is_prompt(known_as):
        known_as = ""
    rows = [
        ("Name", [text(answers.get("pupil_name"))]),
        ("Known as", [known_as]),
        ("Year group", [year_group_text(answers.get("year_group"))]),
        ("School", [text(answers.get("school_name"))]),
        ("Plan started", [long_date(answers.get("plan_date"))]),
        ("Review meeting", [long_date(answers.get("review_date"))]),
        ("SENCO (special educational needs co-ordinator)", [text(answers.get("senco_name"))]),
        ("Who came", [text(person) for person in answers.get("attendees") or []]),
    ]
    return [
        {"label": label, "value": [line for line in lines if line]}
        for label, lines in rows
        if any(lines)
    ]


def _reviewed(item):
    rating = item.get("rating")
    return {
        "outcome": paragraphs(item.get("outcome")),
        "rating": rating if is_prompt(rating) else dict(RATINGS).get(rating, ""),
        "evidence": paragraphs(item.get("evidence")),
    }


def _met_summary(items, blank):
    """'2 of the 3 outcomes were achieved or exceeded.'"""
    if blank:
        return "[number] of the [number] outcomes were achieved or exceeded."
    met = sum(1 for item in items if item.get("rating") in MET)
    total = len(items)
    if total == 1:
        return f"The outcome was {'achieved or exceeded' if met else 'not yet achieved'}."
    if met == total:
        return f"All {total} outcomes were achieved or exceeded."
    return f"{met} of the {total} outcomes were achieved or exceeded."


def _next_step(kind, pupil, family_agrees):
    """The next step: a short bold lead and the sentences that explain it."""
    if kind == "continue":
        return {
            "lead": "Carry on with the plan.",
            "text": f"The plan is helping {pupil}, so we will keep the same outcomes and "
            "support until the next review.",
        }
    if kind == "change":
        return {
            "lead": "Change the plan.",
            "text": "We will update the outcomes or the support, as set out below, and share "
            "the new plan with the family.",
        }
    if kind == "specialist":
        return {
            "lead": "Ask a specialist for advice.",
            "text": f"{cites('code-6.59')} where a pupil makes little or no progress, the "
            "school should think about bringing in a specialist. We will talk to the family "
            "before we make a referral.",
        }
    return {
        "lead": "Ask for an education, health and care (EHC) needs assessment.",
        "text": (
            "The school will ask the local authority to assess whether "
            f"{pupil} needs an EHC plan. {cites('cfa-s36-1')} a school can make this "
            f"request. {cites('code-9.8')} it should ideally do so with the family's "
            f"agreement. {_agreement(family_agrees)} The family can also ask for an "
            "assessment themselves. The local authority must decide whether to assess "
            f"{law.limit_text('decide-to-assess')} of getting the request "
            f"({law.cite('send-regs-5-1')})."
        ),
    }


def _agreement(family_agrees):
    if family_agrees is False:
        return "The family does not agree yet, so we will talk with them before we send it."
    return "The family agrees with this request."


def filename(answers):
    pupil = text(answers.get("pupil_name")) or "pupil"
    when = long_date(answers.get("review_date")) or long_date(law.today())
    return f"SEN support plan review for {pupil}, {when}"


EXAMPLE = {
    "school_name": "Elmbrook Primary School",
    "senco_name": "Mrs Patel",
    "pupil_name": "Joshua Adeyemi",
    "known_as": "Josh",
    "year_group": "Year 5",
    "plan_date": "2026-09-14",
    "review_date": "2026-12-09",
    "attendees": [
        "Funmi Adeyemi, Josh's mother",
        "Mr Hughes, class teacher",
        "Ms Khan, teaching assistant",
    ],
    "reviewed": [
        {
            "outcome": "Josh will read 60 words a minute from a Year 3 book.",
            "rating": "exceeded",
            "evidence": "Timed read on 4 December 2026: 66 words a minute.",
        },
        {
            "outcome": "Josh will spell 15 of the 20 Year 3 and 4 common words correctly.",
            "rating": "partly",
            "evidence": "Spelling check on 2 December 2026: 11 of 20, up from 6.",
        },
        {
            "outcome": "Josh will follow a three-step instruction in class without help.",
            "rating": "achieved",
            "evidence": "Mr Hughes's notes: followed three-step instructions on 9 of the last "
            "10 checks.",
        },
    ],
    "pupil_views": (
        "I like reading with Ms Khan. I can read the books in the book corner now.\n"
        "Spelling is still hard. I don't like the spelling tests."
    ),
    "parent_views": (
        "Josh's mum says he now reads to his little sister at bedtime. She is pleased, but "
        "still worried about his spelling and handwriting."
    ),
    "worked": (
        "Precision teaching every day: Josh's reading speed went up quickly.\n"
        "Instructions given one step at a time, with a visual checklist."
    ),
    "not_worked": (
        "Spelling lists sent home: Josh found them stressful, and the family stopped using "
        "them after three weeks."
    ),
    "next_step": "ehc",
    "next_details": (
        "We will keep precision teaching for reading and start a daily multi-sensory spelling "
        "programme.\n"
        "We will send the request for an EHC needs assessment by 18 December 2026, with "
        "this record, the plan and the occupational therapist's report."
    ),
    "family_agrees": True,
    "next_review": "2027-03-03",
}


DOCUMENT = DocumentType(
    slug="sen-support-review",
    title="SEN support plan review",
    reader_title="SEN support plan review",
    summary=(
        "Record a review of a pupil's SEN support plan: how far they got with each outcome, "
        "their views and their family's, and what happens next."
    ),
    needs=(
        "The pupil's plan, the evidence for each outcome, and notes from the review meeting "
        "with the pupil and their family."
    ),
    audience=("school",),
    steps=STEPS,
    template="sen-support-review.docx",
    build_context=build_context,
    filename=filename,
    example=EXAMPLE,
    next_steps=(
        "Read the record through and check it says what was agreed at the meeting.",
        "Give a copy to the pupil's family and share it with the staff who work with the pupil.",
        "Update the SEN support plan if anything is changing, and put the next review in the "
        "diary.",
    ),
)
