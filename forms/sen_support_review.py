"""A SENCO's record of a review of a pupil's SEN support plan: the graduated approach's
"review" step. The plan reviewed, each outcome with a rating and the evidence for it, the
pupil's and the family's views, what worked and what did not, the next step and the next
review, which must come after the meeting, as the meeting must after the plan started.

The next step prints its basis from the law register (forms/law.py): bringing in a specialist
(Code 6.59), or asking the local authority for an EHC needs assessment, which a school may do
(CFA s36(1)), ideally with the family's agreement (Code 9.8). Schools should meet parents at
least three times a year (Code 6.65), so the next review is suggested about a term away.
"""

from wtforms import Form

from forms import law
from forms import vocabulary as v
from forms.common import child_step, dated_example, meet_parents, when
from forms.formatting import (
    child_names,
    cites,
    file_name,
    is_blank,
    long_date,
    paragraphs,
    possessive,
    text,
    year_group_text,
)
from forms.vocabulary import SCHOOL
from service.catalogue import DocumentType, is_prompt
from service.fields import (
    After,
    ChoiceField,
    DateField,
    GroupField,
    ListField,
    LongTextField,
    TextField,
    YesNoField,
)
from service.steps import make_step

RATINGS = [("exceeded", "Exceeded"), ("achieved", "Achieved"), ("partly", "Partly achieved"),
           ("not_achieved", "Not achieved")]  # fmt: skip
MET = ("exceeded", "achieved")
NEXT_STEPS = [
    ("continue", "Carry on with the plan as it is"),
    ("change", "Change the plan: new outcomes or different support"),
    ("specialist", "Ask a specialist for advice"),
    ("ehc", "Ask the local authority for an EHC needs assessment"),
]


# --- The questions ------------------------------------------------------------------------


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
        prompt="evidence",
        max_length=2000,
        hint="For example, a test score, work samples or what staff have seen, with dates.",
    )


STEPS = (
    child_step(
        SCHOOL,
        slug="plan",
        title="The plan you are reviewing",
        dob=False,
        school_name=v.school_name(SCHOOL),
        senco_name=v.senco_name(),
        plan_start=DateField(
            "When did the plan start?",
            "Enter the date the plan started",
            hint="For example, 14 9 2026",
            error_name="The date the plan started",
            prompt="date",
        ),
    ),
    make_step(
        "meeting",
        "The review meeting",
        review_date=DateField(
            "Date of the review meeting",
            "Enter the date of the review meeting",
            hint="For example, 9 12 2026",
            error_name="The date of the review meeting",
            prompt="date",
            checks=(
                After(
                    "plan_start",
                    "The date of the review meeting must be "
                    "after the date the plan started, {date}",
                ),
            ),
        ),
        attendees=ListField(
            TextField("Who came", prompt="name and role", max_length=200),
            "Who came to the meeting? (optional)",
            item_name="person",
            hint="Each person's name and role. For example, 'Funmi Adeyemi, Josh's mother'.",
        ),
    ),
    make_step(
        "outcomes",
        "Outcomes",
        reviewed=ListField(
            GroupField(ReviewedOutcomeForm),
            "Outcomes",
            "Enter at least one outcome",
            hint="Each outcome in the plan, how far the pupil got, and how you know.",
            item_name="outcome",
            max_entries=8,
        ),
    ),
    make_step(
        "views",
        "Views",
        child_views=LongTextField(
            "What does the pupil say?",
            "Enter what the pupil says",
            hint="In their own words where you can. For example, 'Reading is easier now.'",
            error_name="What the pupil says",
            prompt="what the pupil says",
        ),
        parent_views=LongTextField(
            "What do the parents or carers say?",
            "Enter what the parents or carers say",
            hint="If they could not come, say how you asked for their views.",
            error_name="What the parents or carers say",
            prompt="what the family says",
        ),
    ),
    make_step(
        "what-worked",
        "What worked",
        worked=LongTextField(
            "What worked?",
            "Enter what worked",
            error_name="What worked",
            prompt="what worked",
            hint="The support and strategies that helped. Put each one on a new line.",
        ),
        not_worked=LongTextField(
            "What did not work? (optional)",
            error_name="What did not work",
            hint="And why, if you know. Put each one on a new line.",
            prompt="what did not work",
        ),
    ),
    make_step(
        "next-step",
        "What happens next",
        next_step=ChoiceField("What is the next step?", NEXT_STEPS, "Select the next step"),
        next_details=LongTextField(
            "What will happen?",
            "Enter what will happen next",
            hint="For example, the new outcomes, the support that will change, which specialist "
            "you will ask, or when you will send the request.",
            error_name="What will happen next",
            prompt="what will happen next",
        ),
    ),
    make_step(
        "family-agreement",
        "The family's agreement",
        show_if=when("next_step", "ehc"),
        family_agrees=YesNoField(
            "Does the pupil's family agree that the school should ask for an EHC needs assessment?",
            "Select yes if the family agrees",
            hint="A school can ask for an assessment itself, but the SEND Code of Practice says "
            "it should do so with the family's agreement where it can.",
        ),
    ),
    make_step(
        "next-review",
        "Next review",
        next_review=DateField(
            "When is the next review?",
            "Enter the date of the next review",
            hint="Usually about a term, or 12 weeks, after this one: schools should meet parents "
            "at least three times a year. For example, 3 3 2027",
            error_name="The date of the next review",
            prompt="date",
            checks=(
                After(
                    "review_date",
                    "The date of the next review must be after the date of "
                    "the review meeting, {date}",
                ),
            ),
        ),
    ),
)


# --- The review record --------------------------------------------------------------------

# Answers the record carries as they were typed, a paragraph to a line.
TYPED = ("child_views", "parent_views", "worked", "not_worked", "next_details")


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    child_name, child = child_names(answers)
    return {
        "blank": blank,
        "child_name": child_name,
        "child": child,
        "intro": f"This is a record of the review of {possessive(child)} SEN support plan. SEN "
        f"means special educational needs. At the meeting we looked at how {child} is getting "
        "on, what has helped and what happens next.",
        "details": _details(answers),
        "outcomes_intro": "We looked at each outcome in the plan. The rating says how far "
        f"{child} got. The evidence says how we know.",
        "reviewed": [_reviewed(item) for item in answers.get("reviewed") or []],
        "met_summary": _met_summary(answers.get("reviewed") or [], blank),
        **{name: paragraphs(answers.get(name)) for name in TYPED},
        "next_steps": _next_steps(
            [kind for kind, _ in NEXT_STEPS if blank or kind == answers.get("next_step")],
            child,
            answers.get("family_agrees"),
        ),
        "next_review": "We will meet again to review the plan on "
        f"{long_date(answers.get('next_review'))}. {meet_parents()}",
        "written_by": f"Written by {text(answers.get('senco_name'))}, SENCO, "
        f"{text(answers.get('school_name'))}. A copy of this record goes to "
        f"{possessive(child)} family.",
    }


def _details(answers):
    """Rows of the details table, each value a list of lines; optional rows only if given."""
    name, known_as = text(answers.get("child_name")), text(answers.get("child_known_as"))
    rows = [
        ("Name", [name]),
        ("Known as", [known_as] if known_as != name or is_prompt(known_as) else []),
        ("Year group", [year_group_text(answers.get("year_group"))]),
        ("School", [text(answers.get("school_name"))]),
        ("Plan started", [long_date(answers.get("plan_start"))]),
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


def _next_steps(kinds, child, family_agrees):
    """The next steps chosen: each a short bold lead and the sentences that explain it."""
    agreement = (
        "The family does not agree yet, so we will talk with them before we send it."
        if family_agrees is False
        else "The family agrees with this request."
    )
    wording = {
        "continue": ("Carry on with the plan.", f"The plan is helping {child}, so we will keep "
                     "the same outcomes and support until the next review."),
        "change": ("Change the plan.", "We will update the outcomes or the support, as set out "
                   "below, and share the new plan with the family."),
        "specialist": ("Ask a specialist for advice.", f"{cites('code-6.59')} where a pupil "
                       "makes little or no progress, the school should think about bringing in "
                       "a specialist. We will talk to the family before we make a referral."),
        "ehc": ("Ask for an education, health and care (EHC) needs assessment.",
                "The school will ask the local authority to assess whether "
                f"{child} needs an EHC plan. {cites('cfa-s36-1')} a school can make this "
                f"request. {cites('code-9.8')} it should ideally do so with the family's "
                f"agreement. {agreement} The family can also ask for an assessment themselves. "
                "The local authority must decide whether to assess "
                f"{law.limit_text('decide-to-assess')} of getting the request "
                f"({law.cite('send-regs-5-1')})."),
    }  # fmt: skip
    return [{"lead": wording[kind][0], "text": wording[kind][1]} for kind in kinds]


DOCUMENT = DocumentType(
    slug="sen-support-review",
    title="SEN support plan review",
    reader_title="SEN support plan review",
    summary="Record a review of a pupil's SEN support plan: how far they got with each "
    "outcome, their views and their family's, and what happens next.",
    needs="The pupil's plan, the evidence for each outcome, and notes from the review meeting "
    "with the pupil and their family.",
    audience=("school",),
    steps=STEPS,
    build_context=build_context,
    filename=file_name(
        "SEN support plan review for {child_name}, {date}", dated="review_date", child_name="pupil"
    ),
    example_source=dated_example("sen-support-review"),
    next_steps=(
        "Read the record through and check it says what was agreed at the meeting.",
        "Give a copy to the pupil's family and share it with the staff who work with the pupil.",
        "Update the SEN support plan if anything is changing, and put the next review in the "
        "diary.",
    ),
)
