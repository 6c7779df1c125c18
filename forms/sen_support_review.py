"""A SENCO's record of a review of a pupil's SEN support plan: the graduated approach's
"review" step. The plan reviewed and whether the pupil came to the meeting, each outcome with
a rating and the evidence for it, whether the planned help was given (sessions planned and
given, and the cost if known), the pupil's and the family's views, what worked and what did
not, the next step, the new outcomes when the plan changes, and the next review, which must
come after the meeting, as the meeting must after the plan started.

The next step follows the ratings and prints its basis from the law register (forms/law.py):
carrying on works towards the outcomes not yet achieved (and is refused once every outcome was
met: the plan then needs new ones); a specialist is brought in where progress stalls (Code
6.59), or, when every outcome was met, to understand the pupil's needs better; or the school
asks the local authority for an EHC needs assessment, which it may do (CFA s36(1)), ideally
with the agreement of the family or of the pupil if they are a young person (Code 9.8), giving
its reasons: the authority should look at the help already given and the progress made (Code
9.14), which this record sets out. A pupil in Year 12 or above is a young person, who may ask
for an assessment themselves and gets the record. Schools should meet parents at least three
times a year (Code 6.65), so the next review is on a working day about a term away, and no
more than 26 weeks after this one.
"""

import decimal

from wtforms import Form
from wtforms.validators import ValidationError

from forms import law, reminders
from forms import vocabulary as v
from forms.common import child_step, dated_example, meet_parents, when
from forms.follow_ons import follow_ons
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
from forms.plan_parts import OutcomeForm, ProvisionForm, ReviewMeetingDay, outcome_row
from forms.vocabulary import SCHOOL
from service.catalogue import DocumentType, is_prompt
from service.fields import (
    After,
    ChoiceField,
    DateField,
    GroupField,
    ListField,
    LongTextField,
    MoneyField,
    NumberField,
    TextField,
    Varies,
    YesNoField,
)
from service.steps import StepForm, make_step

RATINGS = [("exceeded", "Exceeded"), ("achieved", "Achieved"), ("partly", "Partly achieved"),
           ("not_achieved", "Not achieved")]  # fmt: skip
MET = ("exceeded", "achieved")
ATTENDED = [("yes", "Yes"), ("part", "For part of the meeting"), ("no", "No")]
NEXT_STEPS = [
    ("continue", "Carry on with the plan as it is"),
    ("change", "Change the plan: new outcomes or different support"),
    ("specialist", "Ask a specialist for advice"),
    ("ehc", "Ask the local authority for an EHC needs assessment"),
]
# The decisions that may come with new outcomes: a changed plan must set them out; while a
# specialist's advice or the local authority's decision is awaited, they are optional.
NEW_OUTCOMES_WITH = ("change", "specialist", "ehc")
MOST_SESSIONS = 1000
NOT_COSTED = "Not costed"  # as the plan marks help with no cost (forms/sen_support_plan.py)


def _for_young_person(young, child):
    """A property of a question that reads differently when the pupil is a young person."""
    return Varies(lambda answers: young if _young(answers) else child)


def _young(answers):
    """Whether the pupil is a young person on the day of the review."""
    return v.is_young_person(answers, on=answers.get("review_date"))


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


class DeliveryForm(Form):
    """One kind of help in the plan: the sessions planned up to the review and those given.

    More sessions given than planned is most often a slip of the keyboard, so it is refused
    unless the notes say why there were more."""

    intervention = ProvisionForm.intervention  # the plan's own question
    planned = NumberField(
        "Sessions planned",
        "Enter the number of sessions planned",
        hint="Up to this review. For example, every school day for 8 weeks is 40 sessions.",
        prompt="sessions planned",
        maximum=MOST_SESSIONS,
    )
    delivered = NumberField(
        "Sessions given",
        "Enter the number of sessions the pupil had",
        hint="The sessions the pupil actually had.",
        prompt="sessions given",
        maximum=MOST_SESSIONS,
    )
    notes = TextField(
        "Notes (optional)",
        hint="For example, why sessions were missed, or why there were extra ones.",
        prompt="notes",
        max_length=300,
    )
    cost = MoneyField(
        "Cost (optional)",
        hint="What the sessions given cost, in pounds, if you know.",
        prompt="cost",
    )

    def validate_delivered(self, field):
        planned, delivered = self.planned.answer(), field.answer()
        if planned is None or delivered is None or delivered <= planned:
            return
        if not (self.notes.data or "").strip():
            raise ValidationError(
                f"Sessions given must be no more than the {planned:,} sessions planned, or say "
                "in the notes why there were more"
            )


class NewOutcomeForm(OutcomeForm):
    """An outcome of the changed plan, as the plan asks one (forms/plan_parts.py), without
    the baseline, which the review's evidence gives, and due after the review meeting."""

    start_point = None
    due = DateField(
        "By when?",
        "Enter the date for this outcome",
        error_name="The date for this outcome",
        prompt="date",
        checks=(
            After(
                "review_date",
                "The date for this outcome must be after the date of the review meeting, {date}",
            ),
        ),
    )


def _when_changed(changed, otherwise):
    """A property of the new outcomes question: `changed` if the plan changes, else
    `otherwise` (new outcomes are then optional)."""
    return Varies(lambda answers: changed if answers.get("next_step") == "change" else otherwise)


def all_met(reviewed):
    """Whether every outcome reviewed was achieved or exceeded."""
    return bool(reviewed) and all(item.get("rating") in MET for item in reviewed)


class NextStepStep(StepForm):
    """The decision. Carrying on with the plan as it is makes no sense once every outcome was
    met: the plan then needs new outcomes, so that choice is refused."""

    slug, title = "next-step", "What happens next"
    next_step = ChoiceField("What is the next step?", NEXT_STEPS, "Select the next step")
    next_details = LongTextField(
        "What will happen?",
        "Enter what will happen next",
        hint="For example, the new outcomes, the support that will change, which specialist "
        "you will ask, or when you will send the request.",
        error_name="What will happen next",
        prompt="what will happen next",
    )

    def validate_next_step(self, field):
        reviewed = self.earlier.get("reviewed") or []
        if field.data == "continue" and all_met(reviewed):
            met = "The outcome was" if len(reviewed) == 1 else "All the outcomes were"
            raise ValidationError(
                f"{met} achieved or exceeded, so select 'Change the plan' and set new outcomes"
            )


# The next review comes after the meeting, on a working day, and within 26 weeks of it.
_AFTER_THE_MEETING = After(
    "review_date",
    "The date of the next review must be after the date of the review meeting, {date}",
)


EHC_REASON_HINT = (
    f"The local authority should look at the help already given and the progress made "
    f"({law.cite('code-9.14')}). For example, the pupil made progress only with support beyond "
    "what the school can normally provide, or their needs remain despite relevant and "
    "purposeful action."
)


CHILD_VIEWS_HINT = "In their own words where you can. For example, 'Reading is easier now.'"
CHILD_VIEWS_HINT_ABSENT = (
    "The pupil did not come to the meeting, so say how you asked for their views, then what "
    "they said. For example, 'Josh talked to Ms Khan before the meeting. He said reading is "
    "easier now.'"
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
        child_attended=ChoiceField(
            "Did the pupil come to the review meeting?",
            ATTENDED,
            "Select whether the pupil came to the review meeting",
        ),
        attendees=ListField(
            TextField("Who came", prompt="name and role", max_length=200),
            "Who else came to the meeting? (optional)",
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
        "support-given",
        "Support given",
        delivery=ListField(
            GroupField(DeliveryForm),
            "Was the planned help given?",
            "Enter at least one intervention or support",
            hint="For each kind of extra help in the plan, give the sessions planned up to this "
            "review and the sessions the pupil had. You can put all the help in one row "
            "instead.",
            item_name="intervention",
            max_entries=12,
        ),
    ),
    make_step(
        "views",
        "Views",
        child_views=LongTextField(
            "What does the pupil say?",
            "Enter what the pupil says",
            hint=Varies(
                lambda answers: (
                    CHILD_VIEWS_HINT_ABSENT
                    if answers.get("child_attended") == "no"
                    else CHILD_VIEWS_HINT
                )
            ),
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
    NextStepStep,
    make_step(
        "ehc-reason",
        "Why you are asking for an assessment",
        show_if=when("next_step", "ehc"),
        ehc_reason=LongTextField(
            "Why is the school asking for an EHC needs assessment?",
            "Enter why the school is asking for an assessment",
            hint=EHC_REASON_HINT,
            error_name="Why the school is asking for an assessment",
            prompt="why the school is asking for an assessment",
            max_length=2000,  # the reasons in brief: the record itself is the evidence
        ),
    ),
    make_step(
        "family-agreement",
        _for_young_person("The pupil's agreement", "The family's agreement"),
        show_if=when("next_step", "ehc"),
        family_agrees=YesNoField(
            _for_young_person(
                "Does the pupil agree that the school should ask for an EHC needs assessment?",
                "Does the pupil's family agree that the school should ask for an EHC needs "
                "assessment?",
            ),
            _for_young_person("Select yes if the pupil agrees", "Select yes if the family agrees"),
            hint=_for_young_person(
                "The pupil is in Year 12 or above, so is a young person: they can ask for an "
                "assessment themselves. A school can ask for one too, but the SEND Code of "
                "Practice says it should do so with the young person's agreement where it can.",
                "A school can ask for an assessment itself, but the SEND Code of Practice says "
                "it should do so with the family's agreement where it can.",
            ),
        ),
    ),
    make_step(
        "new-outcomes",
        "New outcomes",
        show_if=when("next_step", *NEW_OUTCOMES_WITH),
        new_outcomes=ListField(
            GroupField(NewOutcomeForm),
            _when_changed("New outcomes", "New outcomes (optional)"),
            _when_changed("Enter at least one outcome for the changed plan", None),
            hint=_when_changed(
                "The outcomes of the changed plan, including any you are keeping. Most plans "
                "have 3 or 4.",
                "If the outcomes change while you wait, add them here. If they stay the same, "
                "leave this blank.",
            ),
            item_name="outcome",
            max_entries=8,
        ),
    ),
    make_step(
        "next-review",
        "Next review",
        next_review=DateField(
            "When is the next review?",
            "Enter the date of the next review",
            hint="A weekday, usually about a term, or 12 weeks, after this one, and no more than "
            "26 weeks: schools should meet parents at least three times a year.",
            error_name="The date of the next review",
            prompt="date",
            checks=(_AFTER_THE_MEETING, ReviewMeetingDay("review_date", "the review meeting")),
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
    young = not blank and _young(answers)
    reviewed = answers.get("reviewed") or []
    delivery = answers.get("delivery") or []
    support = [_delivery_row(item) for item in delivery]
    costed = blank or any(row["cost"] for row in support)
    if costed:  # help with no cost is marked, never left to look free
        for row in support:
            row["cost"] = row["cost"] or NOT_COSTED
    changes = blank or answers.get("next_step") in NEW_OUTCOMES_WITH
    senco = text(answers.get("senco_name"))
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
        "met_summary": _met_summary(reviewed, blank),
        "support_intro": "For each kind of extra help in the plan, we counted the sessions "
        f"planned up to this review and the sessions {child} had.",
        "support": support,
        "support_costed": costed,
        "support_summary": _support_summary(delivery, child, blank),
        **{name: paragraphs(answers.get(name)) for name in TYPED},
        "next_steps": _next_steps(
            [kind for kind, _ in NEXT_STEPS if blank or kind == answers.get("next_step")],
            answers,
            child=child,
            young=young,
            blank=blank,
        ),
        "new_outcomes_intro": f"These are the new outcomes for {child}. Each one says how we "
        "will measure progress, and by when.",
        "new_outcomes": [outcome_row(item) for item in answers.get("new_outcomes") or []]
        if changes
        else [],
        "next_review": "We will meet again to review the plan on "
        f"{long_date(answers.get('next_review'))}. {meet_parents()}",
        "written_by": f"Written by {senco}, SENCO. A copy of this record goes to {child}, to "
        f"the staff who need it and, if {child} agrees, to {possessive(child)} family."
        if young
        else f"Written by {senco}, SENCO. A copy of this record goes to {possessive(child)} "
        "family and to the staff who need it.",
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
        ("Pupil at the meeting", [_choice(answers.get("child_attended"), ATTENDED)]),
        ("SENCO (special educational needs co-ordinator)", [text(answers.get("senco_name"))]),
        ("Who else came", [text(person) for person in answers.get("attendees") or []]),
    ]
    return [
        {"label": label, "value": [line for line in lines if line]}
        for label, lines in rows
        if any(lines)
    ]


def _choice(value, choices):
    """A choice as the record shows it; in a blank record, the prompt listing them all."""
    return value if is_prompt(value) else dict(choices).get(value, "")


def _reviewed(item):
    return {
        "outcome": paragraphs(item.get("outcome")),
        "rating": _choice(item.get("rating"), RATINGS),
        "evidence": paragraphs(item.get("evidence")),
    }


def _met_summary(items, blank):
    """How many outcomes were met, with the verb agreeing and the rating exact: 'The outcome was
    exceeded.' (or achieved, partly achieved, not achieved), '2 of the 3 outcomes were achieved
    or exceeded.', '1 of the 3 outcomes was achieved.', 'Both outcomes were exceeded.',
    'Neither outcome was achieved.', 'None of the 3 outcomes was achieved.'"""
    if blank:
        return f"{prompt('number')} of the {prompt('number')} outcomes were achieved or exceeded."
    total = len(items)
    if total == 1:
        rating = items[0].get("rating")
        return f"The outcome was {dict(RATINGS).get(rating, 'not achieved').lower()}."
    ratings = {item.get("rating") for item in items if item.get("rating") in MET}
    met = sum(1 for item in items if item.get("rating") in MET)
    # "achieved or exceeded" only when both happened; none met is simply "not achieved"
    done = " or ".join(dict(RATINGS)[r].lower() for r in ("achieved", "exceeded") if r in ratings)
    if met == 0:
        none = "Neither outcome was" if total == 2 else f"None of the {total} outcomes was"
        return f"{none} achieved."
    if met == total:
        every = "Both outcomes were" if total == 2 else f"All {total} outcomes were"
        return f"{every} {done}."
    return f"{met} of the {total} outcomes {'was' if met == 1 else 'were'} {done}."


def _delivery_row(item):
    """One kind of help as the table of support given shows it."""
    cost = item.get("cost")

    def count(value):
        return value if is_prompt(value) else "" if value is None else f"{value:,}"

    return {
        "intervention": text(item.get("intervention")),
        "planned": count(item.get("planned")),
        "delivered": count(item.get("delivered")),
        "notes": text(item.get("notes")),
        "cost": cost if is_prompt(cost) else MoneyField.shown(cost) if cost else "",
    }


def _sessions(number):
    return f"{number:,} session{'' if number == 1 else 's'}"


def _support_summary(items, child, blank):
    """How many of the sessions planned the pupil had, in all, and what the help cost if
    known: 'Overall, Josh had 73 of the 78 sessions planned (94%).' The share is rounded half
    up to a whole per cent (93.6% is 94%), but never to 100% while a session was missed, nor
    to 0% while one was given."""
    if blank:
        return (
            f"Overall, {child} had {prompt('number')} of the {prompt('number')} sessions "
            f"planned. The help given cost {prompt('total cost')}."
        )
    planned = sum(item.get("planned") or 0 for item in items)
    given = sum(item.get("delivered") or 0 for item in items)
    overall = "Overall, " if len(items) > 1 else ""
    if planned == 0:
        had = f"{child} had {_sessions(given)}, none of them planned."
    elif given == 0:
        had = f"{child} had none of the {_sessions(planned)} planned."
    elif given < planned:
        share = min(max((given * 200 + planned) // (planned * 2), 1), 99)
        had = f"{child} had {given:,} of the {_sessions(planned)} planned ({share}%)."
    elif given == planned:
        had = f"{child} had {'the' if planned == 1 else 'all'} {_sessions(planned)} planned."
    else:
        extra = given - planned
        had = f"{child} had {_sessions(given)}: {extra:,} more than the {planned:,} planned."
    costs = [decimal.Decimal(item["cost"]) for item in items if item.get("cost")]
    if not costs:
        return f"{overall}{had}"
    total = MoneyField.shown(sum(costs))
    if len(costs) == len(items):
        return f"{overall}{had} The help given cost {total}."
    return f"{overall}{had} The costs we know of add up to {total}."


def _next_steps(kinds, answers, *, child, young, blank):
    """The next steps chosen (all of them in a blank record): each a short bold lead, the
    sentences that explain it, the school's reasons (`why`, for an EHC request) and any
    paragraphs after them (`more`)."""
    reviewed = answers.get("reviewed") or []
    met = sum(1 for item in reviewed if item.get("rating") in MET)
    left = len(reviewed) - met  # outcomes not yet achieved
    who = child if young else "the family"
    wording = {
        "continue": ("Carry on with the plan.", _carrying_on(child, met, left, blank)),
        "change": ("Change the plan.", "We will change the plan as set out below, and share "
                   f"the new plan with {who}."),
        "specialist": ("Ask a specialist for advice.", _specialist(child, who, met, left, blank)),
        "ehc": ("Ask for an education, health and care (EHC) needs assessment.",
                _ehc_request(child, young, answers.get("family_agrees"), blank),
                f"We will send this record with the request. {cites('code-9.14')} the local "
                "authority should look at the help the school has already given, and the "
                f"progress {child} has made, when it decides whether to assess. The local "
                "authority must decide whether to assess "
                f"{law.limit_text('decide-to-assess')} of getting the request "
                f"({law.cite('send-regs-5-1')})."),
    }  # fmt: skip
    reasons = paragraphs(answers.get("ehc_reason"))
    return [
        {
            "lead": lead,
            "text": explained,
            "why": [
                {"lead": WHY_LEAD if number == 0 else "", "text": line}
                for number, line in enumerate(reasons if kind == "ehc" else [])
            ],
            "more": list(more),
        }
        for kind, (lead, explained, *more) in ((kind, wording[kind]) for kind in kinds)
    ]


WHY_LEAD = "Why we are asking: "


def _outcomes_left(left):
    return "the outcome" if left == 1 else "the outcomes"


def _carrying_on(child, met, left, blank):
    """Carrying on, as the ratings allow: working towards the outcomes not yet achieved, or,
    with none achieved, giving the pupil more time. (With every outcome met, the next step
    question refuses carrying on: the plan needs new outcomes.)"""
    if blank or (met and left):
        return (
            f"The plan is helping {child}, so we will keep the same support until the next "
            f"review, and keep working towards {_outcomes_left(0 if blank else left)} not yet "
            "achieved."
        )
    if not left:
        return f"{child} achieved every outcome in the plan, so the plan needs new outcomes."
    return (
        "We will keep the same outcomes and support until the next review, to give "
        f"{child} more time to achieve {'it' if left == 1 else 'them'}."
    )


def _specialist(child, who, met, left, blank):
    """Why a specialist: paragraph 6.59 of the Code where outcomes were not met; where every
    one was, the record does not say the pupil made little progress, and gives a neutral
    reason instead."""
    talk = f"We will talk to {who} before we make a referral."
    if not blank and not left:
        return (
            f"We will ask a specialist for advice, to help us understand {possessive(child)} "
            f"needs better and plan what comes next. {talk}"
        )
    code = (
        f"{cites('code-6.59')} a school should always involve a specialist where a pupil "
        "continues to make little or no progress, or to work at levels well below those "
        "expected for their age, despite evidence-based SEN support from appropriately "
        "trained staff."
    )
    if blank or not met:
        return f"{code} {talk}"
    return (
        f"We will ask for advice about {_outcomes_left(left)} {child} has not yet achieved. "
        f"{code} {talk}"
    )


def _ehc_request(child, young, agrees, blank):
    """Who may ask for an EHC needs assessment, and whose agreement the school seeks: the
    family's, or a young person's own. A blank record offers both answers about agreeing."""
    if young:
        agreement = (
            f"{child} does not agree yet, so we will talk with them before we send it."
            if agrees is False
            else f"{child} agrees with this request."
        )
        return (
            f"The school will ask the local authority to assess whether {child} needs an EHC "
            f"plan. {cites('cfa-s36-1')} a young person can make this request, and so can "
            f"their school. {cites('code-9.8')} the school should ideally do so with the young "
            f"person's agreement. {agreement}"
        )
    agreed = "The family agrees with this request."
    not_yet = "The family does not agree yet, so we will talk with them before we send it."
    agreement = not_yet if agrees is False else agreed
    if blank:  # both, for the reader to choose
        agreement = prompt(f"{agreed} / {not_yet}")
    return (
        f"The school will ask the local authority to assess whether {child} needs an EHC plan. "
        f"{cites('cfa-s36-1')} a school can make this request. {cites('code-9.8')} it should "
        f"ideally do so with the family's agreement. {agreement} The family can also ask for "
        "an assessment themselves."
    )


DOCUMENT = DocumentType(
    slug="sen-support-review",
    title="SEN support plan review",
    reader_title="SEN support plan review",
    summary="Record a review of a pupil's SEN support plan: how far they got with each "
    "outcome, whether the planned help was given, their views and their family's, and what "
    "happens next.",
    needs="The pupil's plan, the evidence for each outcome, the number of sessions of each "
    "kind of help planned and given, and notes from the review meeting.",
    audience=("school",),
    steps=STEPS,
    build_context=build_context,
    filename=file_name(
        "SEN support plan review for {child_name}, {date}", dated="review_date", child_name="pupil"
    ),
    reminders=reminders.sen_support_review,
    example_source=dated_example("sen-support-review"),
    follow_ons=follow_ons("sen-support-review"),
    bulk_shared=("school_name", "senco_name"),
    next_steps=(
        "Read the record through and check it says what was agreed at the meeting.",
        "Give a copy to the pupil's family and share it with the staff who work with the pupil.",
        "Update the SEN support plan if anything is changing, and put the next review in the "
        "diary.",
    ),
)
