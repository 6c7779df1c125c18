"""The record of an SEN support plan review: ratings, evidence, views and the next step."""

import datetime
import functools
import re

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from forms import law, sen_support_plan, sen_support_review
from forms.sen_support_review import DOCUMENT, NEXT_STEPS, build_context
from service import dates
from service.answers import blank_answers, validate_answers
from tests.forms import documents
from tests.forms.documents import answers_by_step, render_docx, template_path, visible_steps
from tests.forms.readability import flesch_reading_ease

TODAY = datetime.date(2026, 12, 10)
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


# --- Questions ----------------------------------------------------------------------------


def test_example_answers_are_valid_and_show_every_step():
    validated = validate_answers(DOCUMENT, DOCUMENT.example)
    assert validated.errors == {}
    assert validated.answers == DOCUMENT.example
    assert visible_steps(DOCUMENT, answers_by_step(DOCUMENT, DOCUMENT.example))[0] == list(
        DOCUMENT.steps
    )


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
        ("reviewed", "Enter at least one outcome"),
        ("child_views", "Enter what the pupil says"),
        ("parent_views", "Enter what the parents or carers say"),
        ("worked", "Enter what worked"),
        ("next_step", "Select the next step"),
        ("next_details", "Enter what will happen next"),
        ("family_agrees", "Select yes if the family agrees"),
        ("next_review", "Enter the date of the next review"),
    ],
)
def test_each_required_answer_has_a_gov_uk_message(field, message):
    answers = example()
    del answers[field]
    assert validate_answers(DOCUMENT, answers).errors == {field: [message]}


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
    }
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    context_ = build_context(validated.answers)
    assert context_["child"] == "Joshua Adeyemi"
    assert context_["not_worked"] == []
    labels = [row["label"] for row in context_["details"]]
    assert "Known as" not in labels
    assert "Who came" not in labels


def test_family_agreement_is_asked_only_for_an_ehc_request():
    answers = example(next_step="change", family_agrees=None)
    assert validate_answers(DOCUMENT, answers).errors == {}
    shown = [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]
    assert "family-agreement" not in shown


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


@pytest.mark.parametrize("next_review", ["2026-12-01", "2026-12-09"])
def test_a_next_review_before_the_meeting_is_refused(next_review):
    assert validate_answers(DOCUMENT, example(next_review=next_review)).errors == {
        "next_review": [
            "The date of the next review must be after the date of the review meeting, "
            "9 December 2026"
        ]
    }
    assert validate_answers(DOCUMENT, example(next_review="2026-12-10")).errors == {}


# --- The record ---------------------------------------------------------------------------


def test_details_name_the_plan_reviewed_and_who_came():
    details = {row["label"]: row["value"] for row in context()["details"]}
    assert details == {
        "Name": ["Joshua Adeyemi"],
        "Known as": ["Josh"],
        "Year group": ["Year 5"],
        "School": ["Elmbrook Primary School"],
        "Plan started": ["14 September 2026"],
        "Review meeting": ["9 December 2026"],
        "SENCO (special educational needs co-ordinator)": ["Mrs Patel"],
        "Who came": DOCUMENT.example["attendees"],
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
        (("achieved", "exceeded"), "All 2 outcomes were achieved or exceeded."),
        (("not_achieved", "partly"), "0 of the 2 outcomes were achieved or exceeded."),
        (("achieved",), "The outcome was achieved or exceeded."),
        (("partly",), "The outcome was not yet achieved."),
    ],
)
def test_summary_counts_the_outcomes_met(ratings, summary):
    assert context(reviewed=rated(*ratings))["met_summary"] == summary


def test_specialist_next_step_cites_the_code():
    (step,) = context(next_step="specialist", family_agrees=None)["next_steps"]
    assert step["lead"] == "Ask a specialist for advice."
    assert cites(step["text"], "code-6.59")
    assert "little or no progress" in step["text"]


def test_ehc_request_cites_who_may_ask_and_the_family_agreement():
    (step,) = context()["next_steps"]
    assert step["lead"] == "Ask for an education, health and care (EHC) needs assessment."
    assert cites(step["text"], "cfa-s36-1")
    assert cites(step["text"], "code-9.8")
    assert cites(step["text"], "send-regs-5-1")
    assert "within 6 weeks" in step["text"]
    assert "The family agrees with this request." in step["text"]
    (without,) = context(family_agrees=False)["next_steps"]
    assert "we will talk with them before we send it" in without["text"]


@pytest.mark.parametrize("kind", ["continue", "change"])
def test_other_next_steps_need_no_citation(kind):
    (step,) = context(next_step=kind, family_agrees=None)["next_steps"]
    for key in law.CITATIONS:
        assert not cites(step["text"], key)


def test_next_review_and_meeting_parents():
    context_ = context()
    assert context_["next_review"].startswith(
        "We will meet again to review the plan on 3 March 2027. "
    )
    assert cites(context_["next_review"], "code-6.65")
    assert context_["next_review"].endswith(
        "schools should meet parents at least three times a year."
    )
    assert dates.add_weeks(datetime.date(2026, 12, 9), 12) == datetime.date(2027, 3, 3)
    assert context_["written_by"] == (
        "Written by Mrs Patel, SENCO, Elmbrook Primary School. A copy of this record goes to "
        "Josh's family."
    )


def test_filename_names_the_pupil_and_the_review_date():
    assert sen_support_review.DOCUMENT.filename(DOCUMENT.example) == (
        "SEN support plan review for Joshua Adeyemi, 9 December 2026"
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
    assert context_.keys() == context().keys()


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    assert variables == set(context().keys())


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
