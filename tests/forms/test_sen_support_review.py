"""The record of an SEN support plan review: who came, ratings and evidence, whether the
planned help was given, views, the next step and any new outcomes."""

import datetime
import functools
import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Twips
from docxtpl import DocxTemplate

from forms import law, sen_support_plan, sen_support_review
from forms.sen_support_review import DOCUMENT, NEXT_STEPS, build_context
from service.answers import blank_answers, validate_answers
from service.rendering import ORGANISATION_LINE
from tests.forms import documents
from tests.forms.documents import (
    answers_by_step,
    printed_pages,
    render_docx,
    template_path,
    text_of,
    visible_steps,
)
from tests.forms.readability import flesch_reading_ease

TODAY = datetime.date(2026, 12, 1)  # EXAMPLES_WRITTEN: the example as written
example = functools.partial(documents.example, DOCUMENT)
context = functools.partial(documents.context, DOCUMENT)


def all_text(document):
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def rated(*ratings):
    return [
        {"outcome": f"Outcome {number}", "rating": rating, "evidence": "Seen in class."}
        for number, rating in enumerate(ratings, start=1)
    ]


def cites(wording, key):
    short = law.cite(key)
    return short in wording or short[0].upper() + short[1:] in wording


REASON = (
    "Josh made progress in reading only with daily one-to-one teaching, which is more than the "
    "school can normally provide."
)
# An EHC request, with the family's answer and the school's reasons.
EHC = {"next_step": "ehc", "family_agrees": True, "ehc_reason": REASON}


# --- Questions ----------------------------------------------------------------------------


def shown_steps(answers):
    return [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]


def test_example_answers_are_valid_and_show_every_step_but_the_ehc_one():
    validated = validate_answers(DOCUMENT, DOCUMENT.example)
    assert validated.errors == {}
    assert validated.answers == DOCUMENT.example
    every_step = [step.slug for step in DOCUMENT.steps]
    ehc_only = ("ehc-reason", "family-agreement")
    assert shown_steps(DOCUMENT.example) == [s for s in every_step if s not in ehc_only]
    assert shown_steps(example(**EHC)) == every_step


def test_field_names_are_short_snake_case():
    for step in DOCUMENT.steps:
        for name in DOCUMENT.field_names(step):
            assert re.fullmatch(r"[a-z][a-z_]{1,24}", name), name


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("school_name", "Enter the name of the school"),
        ("senco_name", "Enter the SENCO's name"),
        ("child_name", "Enter the pupil's full name"),
        ("year_group", "Enter the pupil's year group"),
        ("plan_start", "Enter the date the plan started"),
        ("review_date", "Enter the date of the review meeting"),
        ("child_attended", "Select whether the pupil came to the review meeting"),
        ("reviewed", "Enter at least one outcome"),
        ("delivery", "Enter at least one intervention or support"),
        ("child_views", "Enter what the pupil says"),
        ("parent_views", "Enter what the parents or carers say"),
        ("worked", "Enter what worked"),
        ("next_step", "Select the next step"),
        ("next_details", "Enter what will happen next"),
        ("new_outcomes", "Enter at least one outcome for the changed plan"),
        ("next_review", "Enter the date of the next review"),
    ],
)
def test_each_required_answer_has_a_gov_uk_message(field, message):
    answers = example()
    del answers[field]
    assert validate_answers(DOCUMENT, answers).errors == {field: [message]}


def test_an_ehc_request_needs_the_familys_answer():
    answers = example(next_step="ehc", ehc_reason=REASON)
    assert validate_answers(DOCUMENT, answers).errors == {
        "family_agrees": ["Select yes if the family agrees"]
    }


@pytest.mark.parametrize(
    ("sub", "message"),
    [
        ("outcome", "Enter the outcome"),
        ("rating", "Select a rating"),
        ("evidence", "Enter the evidence for the rating"),
    ],
)
def test_each_outcome_needs_its_rating_and_evidence(sub, message):
    item = {**DOCUMENT.example["reviewed"][0]}
    del item[sub]
    assert validate_answers(DOCUMENT, example(reviewed=[item])).errors == {"reviewed": [message]}


def test_an_unknown_rating_is_refused():
    item = {**DOCUMENT.example["reviewed"][0], "rating": "brilliant"}
    assert validate_answers(DOCUMENT, example(reviewed=[item])).errors == {
        "reviewed": ["Select a rating"]
    }


def test_optional_answers_can_be_left_out():
    answers = {
        k: v
        for k, v in DOCUMENT.example.items()
        if k not in ("child_known_as", "attendees", "not_worked")
    } | {"delivery": [{**item, "notes": "", "cost": None} for item in example()["delivery"]]}
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    context_ = build_context(validated.answers)
    assert context_["child"] == "Joshua"
    assert context_["not_worked"] == []
    labels = [row["label"] for row in context_["details"]]
    assert "Known as" not in labels
    assert "Who else came" not in labels
    assert not context_["support_costed"]


def test_family_agreement_is_asked_only_for_an_ehc_request():
    answers = example(next_step="change", family_agrees=None)
    assert validate_answers(DOCUMENT, answers).errors == {}
    assert "family-agreement" not in shown_steps(answers)


def test_the_plan_step_asks_what_the_plan_said_without_a_date_of_birth():
    (plan,) = [step for step in DOCUMENT.steps if step.slug == "plan"]
    assert plan.title == "The plan you are reviewing"
    assert list(DOCUMENT.field_names(plan)) == [
        "child_name",
        "child_known_as",
        "year_group",
        "school_name",
        "senco_name",
        "plan_start",
    ]


def test_the_plans_own_answers_fill_in_the_plan_reviewed():
    """One vocabulary: the plan and its review name the same facts the same way."""
    (plan,) = [step for step in DOCUMENT.steps if step.slug == "plan"]
    from_plan = {
        name: sen_support_plan.DOCUMENT.example[name] for name in DOCUMENT.field_names(plan)
    }
    assert validate_answers(DOCUMENT, example(**from_plan)).errors == {}
    assert from_plan == {name: DOCUMENT.example[name] for name in from_plan}


@pytest.mark.parametrize("held", ["2026-09-01", "2026-09-14"])
def test_a_review_meeting_before_the_plan_started_is_refused(held):
    assert validate_answers(DOCUMENT, example(review_date=held)).errors == {
        "review_date": [
            "The date of the review meeting must be after the date the plan started, "
            "14 September 2026"
        ]
    }


@pytest.mark.parametrize("next_review", ["2026-11-18", "2026-11-25"])
def test_a_next_review_before_the_meeting_is_refused(next_review):
    assert validate_answers(DOCUMENT, example(next_review=next_review)).errors == {
        "next_review": [
            "The date of the next review must be after the date of the review meeting, "
            "25 November 2026"
        ]
    }
    assert validate_answers(DOCUMENT, example(next_review="2026-11-26")).errors == {}


@pytest.mark.parametrize(
    ("next_review", "message"),
    [
        ("2027-03-06", "The date of the next review must be a weekday, not a Saturday"),
        ("2027-03-07", "The date of the next review must be a weekday, not a Sunday"),
        ("2027-03-29", "The date of the next review must not be a bank holiday"),  # Easter Monday
        ("2026-12-25", "The date of the next review must not be a bank holiday"),
        ("2027-05-27",
         "The date of the next review must be on or before 26 May 2027, 26 weeks after the "
         "review meeting"),
        ("2027-11-24",
         "The date of the next review must be on or before 26 May 2027, 26 weeks after the "
         "review meeting"),
    ],
)  # fmt: skip
def test_a_next_review_on_a_day_off_or_more_than_26_weeks_away_is_refused(next_review, message):
    """The record says schools should meet parents three times a year: a review is on a
    working day, and no more than 26 weeks after this one."""
    assert validate_answers(DOCUMENT, example(next_review=next_review)).errors == {
        "next_review": [message]
    }


@pytest.mark.parametrize("next_review", ["2026-11-26", "2027-03-03", "2027-05-26"])
def test_a_next_review_on_a_working_day_within_26_weeks_is_accepted(next_review):
    assert validate_answers(DOCUMENT, example(next_review=next_review)).errors == {}


# --- The record ---------------------------------------------------------------------------


def test_details_name_the_plan_reviewed_and_who_came():
    details = {row["label"]: row["value"] for row in context()["details"]}
    assert details == {
        "Name": ["Joshua Adeyemi"],
        "Known as": ["Josh"],
        "Year group": ["Year 5"],
        "School": ["Elmbrook Primary School"],
        "Plan started": ["14 September 2026"],
        "Review meeting": ["25 November 2026"],
        "Pupil at the meeting": ["For part of the meeting"],
        "SENCO (special educational needs co-ordinator)": ["Mrs Patel"],
        "Who else came": DOCUMENT.example["attendees"],
    }


def test_the_records_sentences_name_the_pupil():
    context_ = context()
    assert context_["intro"] == (
        "This is a record of the review of Josh's SEN support plan. SEN means special "
        "educational needs. At the meeting we looked at how Josh is getting on, what has helped "
        "and what happens next."
    )
    assert context_["outcomes_intro"] == (
        "We looked at each outcome in the plan. The rating says how far Josh got. The evidence "
        "says how we know."
    )


def test_each_outcome_has_its_rating_and_evidence():
    reviewed = context()["reviewed"]
    assert [item["rating"] for item in reviewed] == ["Exceeded", "Partly achieved", "Achieved"]
    assert reviewed[0]["outcome"] == [DOCUMENT.example["reviewed"][0]["outcome"]]
    assert reviewed[0]["evidence"] == [DOCUMENT.example["reviewed"][0]["evidence"]]


@pytest.mark.parametrize(
    ("ratings", "summary"),
    [
        (("exceeded", "partly", "achieved"), "2 of the 3 outcomes were achieved or exceeded."),
        (("achieved", "partly"), "1 of the 2 outcomes was achieved."),
        (("exceeded", "not_achieved"), "1 of the 2 outcomes was exceeded."),
        (("partly", "not_achieved", "achieved"), "1 of the 3 outcomes was achieved."),
        (("exceeded", "exceeded", "partly"), "2 of the 3 outcomes were exceeded."),
        (("achieved", "exceeded"), "Both outcomes were achieved or exceeded."),
        (("achieved", "achieved"), "Both outcomes were achieved."),
        (("not_achieved", "partly"), "Neither outcome was achieved."),
        (("exceeded",) * 3, "All 3 outcomes were exceeded."),
        (("achieved", "exceeded", "exceeded"), "All 3 outcomes were achieved or exceeded."),
        (("partly",) * 3, "None of the 3 outcomes was achieved."),
        (("partly", "not_achieved", "not_achieved", "partly"),
         "None of the 4 outcomes was achieved."),
    ],
)  # fmt: skip
def test_summary_counts_the_outcomes_met_in_good_grammar(ratings, summary):
    assert context(reviewed=rated(*ratings))["met_summary"] == summary


@pytest.mark.parametrize(
    ("rating", "summary"),
    [
        ("exceeded", "The outcome was exceeded."),
        ("achieved", "The outcome was achieved."),
        ("partly", "The outcome was partly achieved."),
        ("not_achieved", "The outcome was not achieved."),
    ],
)
def test_one_outcome_is_summed_up_by_its_own_rating(rating, summary):
    """Not "achieved or exceeded" for an outcome that was exceeded, nor "not yet achieved"
    for one partly achieved: a single outcome's summary says what its rating says."""
    assert context(reviewed=rated(rating))["met_summary"] == summary


def test_specialist_next_step_cites_the_code():
    (step,) = context(next_step="specialist", family_agrees=None)["next_steps"]
    assert step["lead"] == "Ask a specialist for advice."
    assert cites(step["text"], "code-6.59")
    assert "little or no progress" in step["text"]


CODE_6_59 = (
    "says a school should always involve a specialist where a pupil continues to make little or "
    "no progress, or to work at levels well below those expected for their age, despite "
    "evidence-based SEN support from appropriately trained staff."
)


@pytest.mark.parametrize(
    ("ratings", "before"),
    [
        (("exceeded", "partly", "achieved"),
         "We will ask for advice about the outcome Josh has not yet achieved. "),
        (("exceeded", "partly", "not_achieved"),
         "We will ask for advice about the outcomes Josh has not yet achieved. "),
        (("partly", "not_achieved", "partly"), ""),
        (("not_achieved",), ""),
    ],
)  # fmt: skip
def test_a_specialist_is_asked_in_the_words_of_code_6_59_where_outcomes_were_not_met(
    ratings, before
):
    """Paragraph 6.59 as the register has it: "should always involve", where a pupil
    "continues" to make little or no progress, despite evidence-based support."""
    (step,) = context(next_step="specialist", new_outcomes=None, reviewed=rated(*ratings))[
        "next_steps"
    ]
    code = law.cite("code-6.59")
    assert step["text"] == (
        f"{before}{code[0].upper()}{code[1:]} {CODE_6_59} We will talk to the family before "
        "we make a referral."
    )
    assert "should think about" not in step["text"]


@pytest.mark.parametrize("ratings", [("achieved",), ("exceeded", "achieved", "exceeded")])
def test_a_specialist_asked_after_every_outcome_was_met_is_asked_for_a_neutral_reason(ratings):
    """A record whose outcomes were all met must not say the pupil made little or no
    progress, so it does not cite 6.59 either."""
    (step,) = context(next_step="specialist", new_outcomes=None, reviewed=rated(*ratings))[
        "next_steps"
    ]
    assert step["text"] == (
        "We will ask a specialist for advice, to help us understand Josh's needs better and "
        "plan what comes next. We will talk to the family before we make a referral."
    )
    assert not cites(step["text"], "code-6.59")
    assert "progress" not in step["text"].replace("plan what comes next", "")


def test_ehc_request_cites_who_may_ask_and_the_family_agreement():
    (step,) = context(**EHC)["next_steps"]
    assert step["lead"] == "Ask for an education, health and care (EHC) needs assessment."
    assert cites(step["text"], "cfa-s36-1")
    assert cites(step["text"], "code-9.8")
    (more,) = step["more"]
    assert cites(more, "send-regs-5-1")
    assert "within 6 weeks" in more
    assert "The family agrees with this request." in step["text"]
    (without,) = context(**EHC | {"family_agrees": False})["next_steps"]
    assert "we will talk with them before we send it" in without["text"]


def test_ehc_request_says_in_one_cited_sentence_why_the_help_given_counts():
    """The sessions given are the evidence a council weighs under paragraph 9.14 of the Code,
    which says "should", not "must"."""
    (step,) = context(**EHC)["next_steps"]
    (more,) = step["more"]
    sentences = [s for s in re.split(r"(?<=\.) ", more) if "9.14" in s]
    assert sentences == [
        f"{law.cite('code-9.14')[0].upper()}{law.cite('code-9.14')[1:]} says the local "
        "authority should look at the help the school has already given, and the progress "
        "Josh has made, when it decides whether to assess."
    ]
    assert more.startswith("We will send this record with the request.")
    for kind in ("continue", "change", "specialist"):
        (other,) = context(next_step=kind, family_agrees=None)["next_steps"]
        assert not cites(other["text"] + " ".join(other["more"]), "code-9.14")


# --- A young person ------------------------------------------------------------------------

YOUNG = ["Year 12", "Year 13", "Y12", "13", "Lower sixth", "Upper sixth", "L6", "U6",
         "Sixth form", "sixth form", "Lower 6th", "Year 12, taught with Year 11"]  # fmt: skip
CHILDREN = ["Year 11", "Year 5", "11", "Reception", "Y6 in a Year 5 class"]


def priya(year_group, **changes):
    """Answers for a pupil called Priya Shah in `year_group`."""
    return {"child_name": "Priya Shah", "child_known_as": None, "year_group": year_group,
            **changes}  # fmt: skip


@pytest.mark.parametrize("year_group", YOUNG)
def test_a_young_persons_ehc_request_seeks_their_own_agreement(year_group):
    """From Year 12 a pupil is a young person: section 36(1) lets them ask for an assessment
    themselves, and paragraph 9.8 speaks of their own agreement, not their family's."""
    (step,) = context(**EHC | priya(year_group))["next_steps"]
    assert step["text"] == (
        "The school will ask the local authority to assess whether Priya needs an EHC plan. "
        f"{law.cite('cfa-s36-1')[0].upper()}{law.cite('cfa-s36-1')[1:]} says a young person "
        "can make this request, and so can their school. "
        f"{law.cite('code-9.8')[0].upper()}{law.cite('code-9.8')[1:]} says the school should "
        "ideally do so with the young person's agreement. Priya agrees with this request."
    )
    (waiting,) = context(**EHC | priya(year_group, family_agrees=False))["next_steps"]
    assert (
        "Priya does not agree yet, so we will talk with them before we send it."
        in (waiting["text"])
    )
    assert "family" not in waiting["text"]


@pytest.mark.parametrize("year_group", YOUNG)
def test_a_young_person_gets_the_record_and_is_asked_about_the_request(year_group):
    assert context(**priya(year_group))["written_by"] == (
        "Written by Mrs Patel, SENCO. A copy of this record goes to Priya, to the staff who "
        "need it and, if Priya agrees, to Priya's family."
    )
    (step,) = [step for step in DOCUMENT.steps if step.slug == "family-agreement"]
    form = step.prototype()
    form.adapt({"year_group": year_group})
    assert form.family_agrees.label.text == (
        "Does the pupil agree that the school should ask for an EHC needs assessment?"
    )
    assert "young person's agreement" in form.family_agrees.description
    answers = example(next_step="ehc", ehc_reason=REASON, year_group=year_group)
    assert validate_answers(DOCUMENT, answers).errors == {
        "family_agrees": ["Select yes if the pupil agrees"]
    }
    for kind, who in (("specialist", "We will talk to Priya before"),
                      ("change", "share the new plan with Priya.")):  # fmt: skip
        (other,) = context(**priya(year_group, next_step=kind))["next_steps"]
        assert who in other["text"]


@pytest.mark.parametrize("year_group", CHILDREN)
def test_a_child_below_year_12_has_their_familys_agreement_asked(year_group):
    (step,) = context(**EHC | priya(year_group))["next_steps"]
    assert (
        "ideally do so with the family's agreement. The family agrees with this request. "
        in (step["text"])
    )
    assert step["text"].endswith("The family can also ask for an assessment themselves.")
    assert "goes to Priya's family and to the staff" in context(**priya(year_group))["written_by"]
    (agreement,) = [step for step in DOCUMENT.steps if step.slug == "family-agreement"]
    form = agreement.prototype()
    form.adapt({"year_group": year_group})
    assert form.family_agrees.label.text.startswith("Does the pupil's family agree")


def test_a_blank_record_offers_both_answers_about_the_familys_agreement():
    """A blank template cannot know whether the family agrees: it offers both, in brackets,
    and never prints agreement as a fact."""
    context_ = build_context(blank_answers(DOCUMENT))
    ehc = context_["next_steps"][-1]
    offer = (
        "[The family agrees with this request. / The family does not agree yet, so we will talk "
        "with them before we send it.]"
    )
    assert offer in ehc["text"]
    text = text_of(render_docx(DOCUMENT, context_))
    assert offer in text
    assert "agrees with this request" not in text.replace(offer, "")


# --- Why the school asks for an EHC needs assessment -------------------------------------


def test_an_ehc_request_must_say_why_the_school_is_asking():
    answers = example(next_step="ehc", family_agrees=True)
    assert validate_answers(DOCUMENT, answers).errors == {
        "ehc_reason": ["Enter why the school is asking for an assessment"]
    }
    assert "ehc-reason" in shown_steps(answers)
    for kind in ("continue", "change", "specialist"):
        assert "ehc-reason" not in shown_steps(example(next_step=kind))


def test_the_reasons_question_points_to_code_9_14():
    (step,) = [step for step in DOCUMENT.steps if step.slug == "ehc-reason"]
    field = step.prototype().ehc_reason
    assert field.label.text == "Why is the school asking for an EHC needs assessment?"
    assert law.cite("code-9.14") in field.description
    assert "support beyond what the school can normally provide" in field.description
    assert "relevant and purposeful action" in field.description


def test_the_schools_reasons_are_printed_under_its_decision():
    """A panel reading "2 of the 3 outcomes were achieved" then a request would see good
    progress; the reasons come straight after the decision, before the evidence note."""
    reasons = f"{REASON}\nHis spelling is still well below the level expected for his age."
    (step,) = context(**EHC | {"ehc_reason": reasons})["next_steps"]
    assert step["why"] == [
        {"lead": "Why we are asking: ", "text": REASON},
        {"lead": "", "text": "His spelling is still well below the level expected for his age."},
    ]
    document = render_docx(DOCUMENT, context(**EHC | {"ehc_reason": reasons}))
    texts = [paragraph.text for paragraph in document.paragraphs]
    decision = next(i for i, t in enumerate(texts) if t.startswith("Ask for an education"))
    assert texts[decision + 1] == f"Why we are asking: {REASON}"
    assert texts[decision + 2].startswith("His spelling is still")
    assert texts[decision + 3].startswith("We will send this record with the request.")
    lead = document.paragraphs[decision + 1].runs[0]
    assert (lead.text, lead.bold) == ("Why we are asking: ", True)
    for kind in ("continue", "change", "specialist"):
        (other,) = context(next_step=kind, ehc_reason=REASON)["next_steps"]
        assert other["why"] == []


@pytest.mark.parametrize("kind", ["continue", "change"])
def test_other_next_steps_need_no_citation(kind):
    (step,) = context(next_step=kind, family_agrees=None)["next_steps"]
    assert step["more"] == []
    for key in law.CITATIONS:
        assert not cites(step["text"], key)


# --- Carrying on follows the ratings ------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "wording"),
    [
        (("exceeded", "partly", "achieved"),
         "The plan is helping Josh, so we will keep the same support until the next review, "
         "and keep working towards the outcome not yet achieved."),
        (("exceeded", "partly", "not_achieved"),
         "The plan is helping Josh, so we will keep the same support until the next review, "
         "and keep working towards the outcomes not yet achieved."),
        (("partly", "not_achieved", "partly"),
         "We will keep the same outcomes and support until the next review, to give Josh more "
         "time to achieve them."),
        (("partly",),
         "We will keep the same outcomes and support until the next review, to give Josh more "
         "time to achieve it."),
    ],
)  # fmt: skip
def test_carrying_on_is_worded_from_the_ratings(ratings, wording):
    """Not "the plan is helping" after no outcome was achieved, and never "keep the same
    outcomes" while some were met."""
    (step,) = context(next_step="continue", reviewed=rated(*ratings))["next_steps"]
    assert step["text"] == wording


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        (("achieved", "exceeded", "achieved"),
         "All the outcomes were achieved or exceeded, so select 'Change the plan' and set new "
         "outcomes"),
        (("exceeded",),
         "The outcome was achieved or exceeded, so select 'Change the plan' and set new "
         "outcomes"),
    ],
)  # fmt: skip
def test_carrying_on_is_refused_once_every_outcome_was_met(ratings, message):
    answers = example(next_step="continue", reviewed=rated(*ratings))
    assert validate_answers(DOCUMENT, answers).errors == {"next_step": [message]}
    for kind in ("change", "specialist"):
        answers = example(next_step=kind, reviewed=rated(*ratings))
        assert validate_answers(DOCUMENT, answers).errors == {}


def test_next_review_and_meeting_parents():
    context_ = context()
    assert context_["next_review"].startswith(
        "We will meet again to review the plan on 3 March 2027. "
    )
    assert cites(context_["next_review"], "code-6.65")
    assert context_["next_review"].endswith(
        "schools should meet parents at least three times a year."
    )
    assert context_["written_by"] == (
        "Written by Mrs Patel, SENCO. A copy of this record goes to Josh's family and to the "
        "staff who need it."
    )


def test_the_sign_off_does_not_repeat_the_school_from_the_details():
    assert "Elmbrook" not in context()["written_by"]


def test_filename_names_the_pupil_and_the_review_date():
    assert sen_support_review.DOCUMENT.filename(DOCUMENT.example) == (
        "SEN support plan review for Joshua Adeyemi, 25 November 2026"
    )


# --- Blank mode ---------------------------------------------------------------------------


def test_blank_mode_lists_every_next_step_to_choose_from():
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["blank"] is True
    assert [step["lead"] for step in context_["next_steps"]] == [
        "Carry on with the plan.",
        "Change the plan.",
        "Ask a specialist for advice.",
        "Ask for an education, health and care (EHC) needs assessment.",
    ]
    assert len(NEXT_STEPS) == 4
    assert context_["reviewed"][0]["rating"] == (
        "[Exceeded / Achieved / Partly achieved / Not achieved]"
    )
    assert "on [date]." in context_["next_review"]
    assert context_["met_summary"] == "[number] of the [number] outcomes were achieved or exceeded."
    assert context_["support"] == [
        {
            "intervention": "[intervention]",
            "planned": "[sessions planned]",
            "delivered": "[sessions given]",
            "notes": "[notes]",
            "cost": "[cost]",
        }
    ]
    assert context_["support_costed"] is True
    assert context_["new_outcomes"] == [
        {"target": ["[SMART target]"], "start_point": [], "measure":
         ["[how we will measure progress]"], "due": "[date]"}
    ]  # fmt: skip
    assert context_.keys() == context().keys()


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    # ...and the advice service's line, which every template's footer reads (the engine's).
    assert variables == {*context().keys(), ORGANISATION_LINE}


def typed_lines(value):
    """Every line of free text in an answer (choice values and ISO dates left out)."""
    if isinstance(value, list):
        return [line for item in value for line in typed_lines(item)]
    if isinstance(value, dict):
        return [line for item in value.values() for line in typed_lines(item)]
    if not isinstance(value, str) or re.fullmatch(r"[a-z_]+|\d{4}-\d\d-\d\d", value):
        return []
    return [line for line in value.split("\n") if line.strip()]


def test_example_renders_every_answer():
    text = all_text(render_docx(DOCUMENT, context()))
    for line in typed_lines(DOCUMENT.example):
        assert line in text, line
    assert "{{" not in text
    assert "{%" not in text


def test_outcomes_table_has_a_header_row():
    document = render_docx(DOCUMENT, context())
    (table,) = [
        t
        for t in document.tables
        if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Outcomes reviewed"
    ]
    assert [cell.text for cell in table.rows[0].cells] == ["Outcome", "Rating", "Evidence"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(table.rows) == 1 + len(DOCUMENT.example["reviewed"])


@pytest.mark.parametrize("mode", ["example", "blank", "short"])
def test_no_empty_paragraphs_are_used_for_spacing(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "short":
        context_ = context(not_worked=None, attendees=None, next_step="continue")
    else:
        context_ = context()
    for paragraph in render_docx(DOCUMENT, context_).paragraphs:
        assert paragraph.text.strip(), "an empty paragraph"


def test_template_is_a4_portrait_en_gb_with_no_personal_data():
    document = docx.Document(template_path(DOCUMENT))
    assert len(document.sections) == 1
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == "en-GB"
    properties = document.core_properties
    assert (properties.author, properties.title, properties.last_modified_by) == ("", "", "")


def test_fixed_wording_is_plain_english():
    document = render_docx(DOCUMENT, build_context(blank_answers(DOCUMENT)))
    prose = [
        paragraph.text
        for paragraph in document.paragraphs
        if paragraph.text.rstrip().endswith((".", "?", ":", ".]"))
    ]
    assert len(prose) >= 8
    assert flesch_reading_ease(prose) >= 50


# --- Whether the pupil came ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("attended", "shown"),
    [("yes", "Yes"), ("part", "For part of the meeting"), ("no", "No")],
)
def test_the_details_say_whether_the_pupil_came(attended, shown):
    details = {row["label"]: row["value"] for row in context(child_attended=attended)["details"]}
    assert details["Pupil at the meeting"] == [shown]


def test_a_pupil_who_did_not_come_is_asked_about_in_the_views_question():
    """The views question stays the one question, in step with the answer about coming."""
    (views,) = [step for step in DOCUMENT.steps if step.slug == "views"]
    form = views.prototype()
    form.adapt({"child_attended": "no"})
    assert form.child_views.description.startswith(
        "The pupil did not come to the meeting, so say how you asked for their views"
    )
    for came in ("yes", "part"):
        form.adapt({"child_attended": came})
        assert form.child_views.description.startswith("In their own words where you can.")


def test_an_unknown_answer_about_coming_is_refused():
    assert validate_answers(DOCUMENT, example(child_attended="maybe")).errors == {
        "child_attended": ["Select whether the pupil came to the review meeting"]
    }


# --- Whether the planned help was given ---------------------------------------------------


def helped(*rows):
    """Rows of (sessions planned, sessions given), or with notes and a cost after them."""
    items = []
    for number, (planned, given, *rest) in enumerate(rows, start=1):
        item = {"intervention": f"Help {number}", "planned": planned, "delivered": given}
        if rest:
            item["notes"] = rest[0]
        if len(rest) > 1:
            item["cost"] = rest[1]
        items.append(item)
    return items


def test_each_kind_of_help_shows_the_sessions_planned_and_given_and_the_cost():
    context_ = context()
    assert context_["support"][0] == {
        "intervention": "Precision teaching for reading",
        "planned": "42",
        "delivered": "39",
        "notes": "3 missed while Ms Khan was away on a school trip.",
        "cost": "£269.45",
    }
    assert context_["support"][2]["cost"] == "Not costed"
    assert context_["support_costed"] is True
    assert context_["support_intro"] == (
        "For each kind of extra help in the plan, we counted the sessions planned up to this "
        "review and the sessions Josh had."
    )


@pytest.mark.parametrize(
    ("rows", "summary"),
    [
        (((42, 39, "", "269.45"), (17, 15, "", "163.64"), (19, 19)),
         "Overall, Josh had 73 of the 78 sessions planned (94%). The costs we know of add up "
         "to £433.09."),
        (((40, 40, "", "300"), (10, 10, "", "50.5")),
         "Overall, Josh had all 50 sessions planned. The help given cost £350.50."),
        (((40, 39),), "Josh had 39 of the 40 sessions planned (98%)."),
        (((200, 199),), "Josh had 199 of the 200 sessions planned (99%)."),
        (((1, 1),), "Josh had the 1 session planned."),
        (((8, 1),), "Josh had 1 of the 8 sessions planned (13%)."),
        (((300, 1),), "Josh had 1 of the 300 sessions planned (1%)."),
        (((12, 0),), "Josh had none of the 12 sessions planned."),
        (((10, 12, "Two extra before the tests."),),
         "Josh had 12 sessions: 2 more than the 10 planned."),
        (((0, 1, "One session in a crisis."),), "Josh had 1 session, none of them planned."),
    ],
)  # fmt: skip
def test_the_summary_says_how_much_of_the_planned_help_was_given(rows, summary):
    assert context(delivery=helped(*rows))["support_summary"] == summary


def test_more_sessions_given_than_planned_needs_a_reason_in_the_notes():
    """Most often a slip of the keyboard: refused, unless the notes say why."""
    errors = validate_answers(DOCUMENT, example(delivery=helped((40, 48)))).errors
    assert errors == {
        "delivery": [
            "Sessions given must be no more than the 40 sessions planned, or say in the notes "
            "why there were more"
        ]
    }
    explained = example(delivery=helped((40, 48, "Daily sessions in the week before the tests.")))
    assert validate_answers(DOCUMENT, explained).errors == {}
    assert validate_answers(DOCUMENT, example(delivery=helped((40, 40)))).errors == {}


@pytest.mark.parametrize(
    ("sub", "value", "message"),
    [
        ("planned", None, "Enter the number of sessions planned"),
        ("delivered", None, "Enter the number of sessions the pupil had"),
        ("planned", "about 40", "Sessions planned must be a whole number, like 4"),
        ("delivered", "3.5", "Sessions given must be a whole number, like 4"),
        ("delivered", "-2", "Sessions given must be between 0 and 1,000"),
        ("planned", "5000", "Sessions planned must be between 0 and 1,000"),
        ("intervention", None, "Enter the intervention or support"),
        ("cost", "lots", "Cost must be an amount of money, like 450 or 120.50"),
    ],
)
def test_sessions_are_whole_numbers_with_gov_uk_messages(sub, value, message):
    item = {**DOCUMENT.example["delivery"][2], sub: value}
    item = {key: item_value for key, item_value in item.items() if item_value is not None}
    assert validate_answers(DOCUMENT, example(delivery=[item])).errors == {"delivery": [message]}


def test_the_support_table_has_a_cost_column_only_when_a_cost_is_known():
    def headings(context_):
        (table,) = [
            t
            for t in render_docx(DOCUMENT, context_).tables
            if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Support given"
        ]
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        return [cell.text for row in table.rows[:1] for cell in row.cells], len(table.rows)

    costed, rows = headings(context())
    assert costed == ["Intervention or support", "Sessions planned", "Sessions given", "Cost",
                      "Notes"]  # fmt: skip
    assert rows == 1 + len(DOCUMENT.example["delivery"])
    uncosted, _ = headings(context(delivery=helped((40, 38))))
    assert uncosted == ["Intervention or support", "Sessions planned", "Sessions given", "Notes"]


def test_help_with_no_cost_reads_not_costed_in_a_costed_table():
    """As in the plan: an empty cost cell would look free."""
    document = render_docx(DOCUMENT, context())
    (table,) = [
        t
        for t in document.tables
        if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Support given"
    ]
    assert [cell.text for cell in table.rows[3].cells][3] == "Not costed"
    uncosted = context(delivery=helped((40, 38), (10, 10)))
    assert not uncosted["support_costed"]
    assert [row["cost"] for row in uncosted["support"]] == ["", ""]


# --- New outcomes when the plan changes ---------------------------------------------------


def test_new_outcomes_are_asked_when_the_plan_changes_or_may_change():
    for kind, asked in (("continue", False), ("change", True), ("specialist", True),
                        ("ehc", True)):  # fmt: skip
        answers = example(**EHC | {"next_step": kind})
        assert ("new-outcomes" in shown_steps(answers)) is asked, kind


def test_a_changed_plan_must_set_out_its_outcomes_and_a_referral_may():
    assert validate_answers(DOCUMENT, example(new_outcomes=None)).errors == {
        "new_outcomes": ["Enter at least one outcome for the changed plan"]
    }
    for kind in ("specialist", "ehc"):
        answers = example(**EHC | {"next_step": kind, "new_outcomes": None})
        assert validate_answers(DOCUMENT, answers).errors == {}
        assert context(**EHC | {"next_step": kind, "new_outcomes": None})["new_outcomes"] == []


def test_the_new_outcomes_question_says_when_it_is_optional():
    (step,) = [step for step in DOCUMENT.steps if step.slug == "new-outcomes"]
    form = step.prototype()
    form.adapt({"next_step": "change"})
    assert form.new_outcomes.label.text == "New outcomes"
    assert "including any you are keeping" in form.new_outcomes.description
    form.adapt({"next_step": "ehc"})
    assert form.new_outcomes.label.text == "New outcomes (optional)"
    assert "leave this blank" in form.new_outcomes.description


def test_each_new_outcome_says_how_progress_is_measured_and_by_when():
    (first, *_) = context()["new_outcomes"]
    assert first == {
        "target": ["Josh will read 70 words a minute from a Year 4 book."],
        "start_point": [],
        "measure": ["A one-minute timed read each fortnight with Ms Khan."],
        "due": "3 March 2027",
    }
    assert context()["new_outcomes_intro"] == (
        "These are the new outcomes for Josh. Each one says how we will measure progress, and "
        "by when."
    )


@pytest.mark.parametrize(
    ("sub", "message"),
    [
        ("target", "Enter the outcome"),
        ("measure", "Enter how you will measure progress"),
        ("due", "Enter the date for this outcome"),
    ],
)
def test_each_new_outcome_needs_all_three_parts(sub, message):
    item = {**DOCUMENT.example["new_outcomes"][0]}
    del item[sub]
    errors = validate_answers(DOCUMENT, example(new_outcomes=[item])).errors
    assert errors == {"new_outcomes": [message]}


@pytest.mark.parametrize("due", ["2026-11-01", "2026-11-25"])
def test_a_new_outcome_due_before_the_review_is_refused(due):
    item = {**DOCUMENT.example["new_outcomes"][0], "due": due}
    assert validate_answers(DOCUMENT, example(new_outcomes=[item])).errors == {
        "new_outcomes": [
            "The date for this outcome must be after the date of the review meeting, "
            "25 November 2026"
        ]
    }


def test_new_outcomes_typed_then_left_by_carrying_on_are_kept_out_of_the_record():
    assert context(next_step="continue")["new_outcomes"] == []
    assert "New outcomes" not in text_of(render_docx(DOCUMENT, context(next_step="continue")))


def test_the_new_outcomes_table_has_room_for_every_date_on_one_line():
    """About 36 mm for "30 September 2026" in 10 pt Arial; the columns fill the page."""
    document = render_docx(DOCUMENT, context())
    (table,) = [
        t
        for t in document.tables
        if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "New outcomes"
    ]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Outcome",
        "How we will measure progress",
        "By when",
    ]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert Twips(grid[-1]).mm >= 36
    assert round(Twips(sum(grid)).mm) == 160
    assert len(table.rows) == 1 + len(DOCUMENT.example["new_outcomes"])


def test_every_table_fits_the_portrait_page():
    for table in render_docx(DOCUMENT, build_context(blank_answers(DOCUMENT))).tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert round(Twips(sum(grid)).mm) == 160


# --- The example ----------------------------------------------------------------------------

PLAN = sen_support_plan.DOCUMENT


def test_the_example_reviews_the_plans_own_outcomes_and_help():
    """Josh's review is of Josh's plan: the same outcomes, word for word, and the same help."""
    plan, review = PLAN.example, DOCUMENT.example
    assert [item["outcome"] for item in review["reviewed"]] == [
        item["target"] for item in plan["outcomes"]
    ]
    assert [item["intervention"] for item in review["delivery"]] == [
        item["intervention"] for item in plan["provision"]
    ]
    assert "Ms Khan, teaching assistant" in review["attendees"]
    assert plan["key_adult"] == "Ms Khan, teaching assistant"


def test_the_examples_conclusion_follows_from_its_evidence():
    """Most of the help was given and some outcomes were met, so the plan works in part: it
    changes, carrying forward the outcome not met and dropping those met; nothing points to an
    EHC needs assessment or a specialist."""
    review = DOCUMENT.example
    planned = sum(item["planned"] for item in review["delivery"])
    given = sum(item["delivered"] for item in review["delivery"])
    assert given / planned >= 0.9
    ratings = {item["outcome"]: item["rating"] for item in review["reviewed"]}
    met = [outcome for outcome, rating in ratings.items() if rating in ("achieved", "exceeded")]
    not_met = [outcome for outcome in ratings if outcome not in met]
    assert met
    assert not_met
    assert review["next_step"] == "change"
    new = [item["target"] for item in review["new_outcomes"]]
    assert set(not_met) <= set(new)
    assert not set(met) & set(new)
    # the evidence gives the figures its rating rests on
    reading, spelling, _ = review["reviewed"]
    assert "66 words a minute" in reading["evidence"]
    assert "60 words a minute" in reading["outcome"]
    assert "11 of 20" in spelling["evidence"]
    assert "15 of the 20" in spelling["outcome"]


def test_the_examples_dates_are_in_order_around_the_day_it_was_written():
    review = DOCUMENT.example  # read on TODAY, the day the example was written
    plan_start, held, next_review = (
        datetime.date.fromisoformat(review[key])
        for key in ("plan_start", "review_date", "next_review")
    )
    assert plan_start < held <= TODAY < next_review
    assert TODAY - held <= datetime.timedelta(weeks=10)
    assert all(datetime.date.fromisoformat(item["due"]) > held for item in review["new_outcomes"])
    words = " ".join(typed_lines(review))
    named = re.findall(
        r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Monday|Tuesday|Wednesday|Thursday|Friday|20\d\d)\b",
        words,
    )
    assert named == []


# --- The end of the record on paper --------------------------------------------------------


def words_of(element):
    return "".join(element.xpath(".//w:t/text()"))


def kept_with_next(element, document):
    return bool(docx.text.paragraph.Paragraph(element, document).paragraph_format.keep_with_next)


@pytest.mark.parametrize(
    "changes",
    [
        {"next_step": "continue", "new_outcomes": None},
        {"next_step": "specialist", "new_outcomes": None},
        EHC | {"new_outcomes": None},
        {"next_step": "change"},
        {"next_step": "continue", "new_outcomes": None, "next_details": "One.\nTwo.\nThree."},
    ],
    ids=["continue", "specialist", "ehc", "change", "three lines"],
)
def test_the_next_review_stays_with_who_wrote_the_record_and_what_came_before(changes):
    """Whichever the next step: the paragraph before "Next review" (the last line of what will
    happen, or the new outcomes table), the heading and the next review are each kept with
    what follows, so "Written by ..." never sits alone on the last page."""
    document = render_docx(DOCUMENT, context(**changes))
    body = list(document.element.body.iterchildren(qn("w:p"), qn("w:tbl")))
    heading = next(i for i, e in enumerate(body) if words_of(e) == "Next review")
    before, review, written = body[heading - 1], body[heading + 1], body[heading + 2]
    assert words_of(written).startswith("Written by Mrs Patel")
    assert docx.text.paragraph.Paragraph(body[heading], document).style.name == "Heading 2"
    assert document.styles["Heading 2"].paragraph_format.keep_with_next
    assert kept_with_next(review, document)
    if before.tag == qn("w:tbl"):
        last_row = before.findall(qn("w:tr"))[-1]
        assert all(kept_with_next(p, document) for p in last_row.iter(qn("w:p")))
    else:
        assert kept_with_next(before, document)
    if "next_details" in changes:  # only the last line: a long answer can still break
        first = next(e for e in body if words_of(e) == "One.")
        assert not kept_with_next(first, document)


LONG = (
    "Josh now reads aloud in class with more confidence, and his teacher sees him choose books "
    "in the book corner without being asked. "
) * 3


def many_rows(**changes):
    """8 outcomes and 8 kinds of help, with long answers: the record runs to five pages."""
    ratings = ["exceeded", "achieved", "partly", "not_achieved"] * 2
    delivery = [
        {"intervention": f"Intervention number {number} with a long descriptive name",
         "planned": 40, "delivered": 37 + number % 3,
         "notes": "Some missed for trips and assemblies; the teaching assistant was away for a "
         "week.", **({"cost": "120.00"} if number % 2 else {})}
        for number in range(1, 9)
    ]  # fmt: skip
    reviewed = [{"outcome": LONG[:300], "rating": r, "evidence": LONG[:350]} for r in ratings]
    return example(reviewed=reviewed, delivery=delivery, new_outcomes=None, **changes)


@pytest.mark.libreoffice
def test_the_last_page_never_holds_only_the_next_review_and_who_wrote_it(soffice_path, tmp_path):
    """Printed by LibreOffice: with what did not work a little longer or shorter, the old
    record put "Written by ..." (or the whole next review block) alone on its last page."""
    words = LONG.split() * 6
    cases = [(kind, length) for kind in ("continue", "specialist", "ehc")
             for length in (22, 46, 70, 94, 118)]  # fmt: skip
    sources = []
    for number, (kind, length) in enumerate(cases):
        changes = EHC if kind == "ehc" else {"next_step": kind}
        answers = many_rows(**changes, not_worked=" ".join(words[:length]))
        validated = validate_answers(DOCUMENT, answers)
        assert validated.errors == {}
        source = tmp_path / f"case-{number}.docx"
        render_docx(DOCUMENT, DOCUMENT.build_context(validated.answers)).save(source)
        sources.append(source)
    for (kind, length), pages in zip(
        cases, printed_pages(soffice_path, tmp_path, sources), strict=True
    ):
        last = " ".join(pages[-1].split())
        assert "Written by Mrs Patel" in last, (kind, length)
        assert "Next review" in last, (kind, length)
        ahead = last.split("Next review")[0]
        assert len(ahead.split()) > 10, (kind, length, last[:200])


# --- Names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [kind for kind, _ in NEXT_STEPS])
@pytest.mark.parametrize("known_as", ["Josh", None])
def test_full_name_once_in_the_text_then_the_short_name(kind, known_as):
    """Tables aside, every branch names the pupil in full once (the title), then by the name
    they are known by, or else their first name."""
    context_ = context(**EHC | {"next_step": kind, "child_known_as": known_as})
    text = text_of(render_docx(DOCUMENT, context_))
    short = known_as or "Joshua"
    assert text.count("Joshua Adeyemi") == 1
    assert text.replace("Joshua Adeyemi", "").count(short) >= 4
