"""Rows checked as the web journey checks one document: answers given must be right, answers
not given become prompts, and every problem is reported by row and column."""

import pytest

from service.bulk.rows import Source, prepare, unknown_columns


@pytest.fixture
def plan(app):
    return app.extensions["catalogue"].get("sen-support-plan")


def source(number, flat, columns=None):
    return Source(f"Row {number}", f"row {number}", flat=flat, columns=columns or {})


REGISTER_ROW = {
    "child_name": "Joshua Adeyemi",
    "child_dob": "03/11/2016",
    "year_group": "Year 5",
    "upn": "K938201224017",
    "sen_status": "K",
    "primary_need": "spld",
}


def test_a_register_row_makes_a_plan_with_prompts_for_the_rest(plan):
    batch = prepare(plan, [source(2, REGISTER_ROW)])
    assert not batch.problems
    [made] = batch.ready
    assert made.given["child_dob"] == "2016-11-03"
    assert made.given["primary_need"] == "SPLD"  # a code read in any case
    assert "strengths" not in made.given  # never given: not carried as an answer
    assert made.answers["strengths"] == "[a strength]"  # shown as a prompt to write in


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("child_dob", "31/02/2016",
         "Date of birth must be a real date, like 27/03/2015 or 2015-03-27"),
        ("child_dob", "2030-01-01", "Date of birth must be today or in the past"),
        ("upn", "12345", "Enter a UPN in the correct format: 13 characters, like A123456789012"),
        ("primary_need", "dyslexia", "Select the pupil's primary need: write one of 'SPLD', 'MLD', "
         "'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH' or 'NSA'"),
        ("child_name", "", "Enter the pupil's full name"),
        ("year_group", "Y" * 41, "Year group must be 40 characters or fewer"),
    ],
)  # fmt: skip
def test_each_problem_is_reported_by_row_and_column_with_the_forms_message(
    plan, column, cell, message
):
    batch = prepare(plan, [source(14, {**REGISTER_ROW, column: cell}, {column: "Heading"})])
    assert not batch.ready
    [problem] = batch.problems
    assert (problem.where, problem.column, problem.message) == ("Row 14", "Heading", message)
    assert str(problem) == f"Row 14, Heading: {message}"
    assert batch.errors_by_row() == {"row 14": {column: [message]}}


def test_good_rows_go_ahead_while_bad_ones_are_reported(plan):
    bad = {**REGISTER_ROW, "child_dob": "not a date"}
    batch = prepare(plan, [source(2, REGISTER_ROW), source(3, bad), source(4, REGISTER_ROW)])
    assert [made.source.where for made in batch.ready] == ["Row 2", "Row 4"]
    assert [refused.where for refused in batch.refused] == ["Row 3"]


def test_pupils_are_chosen_by_sen_status_k_only_by_default(plan):
    rows = [source(2, REGISTER_ROW), source(3, {**REGISTER_ROW, "sen_status": "E"}),
            source(4, {**REGISTER_ROW, "sen_status": "N"})]  # fmt: skip
    batch = prepare(plan, rows)
    assert [made.source.where for made in batch.ready] == ["Row 2"]
    assert [skipped.reason for skipped in batch.skipped] == [
        "SEN status is EHC plan (E); only SEN support (K) was chosen",
        "SEN status is no SEN (N); only SEN support (K) was chosen",
    ]
    everyone = prepare(plan, rows, statuses=None)
    # Chosen, an E or N pupil is refused by the plan's own question, with its message.
    assert [made.source.where for made in everyone.ready] == ["Row 2"]
    assert [problem.message for problem in everyone.problems] == [
        "This plan is only for pupils on SEN support (K). For a pupil with an EHC plan (E), "
        "plan and review their support through the EHC plan and its annual review",
        "Select the pupil's SEN provision status: write one of 'K' or 'E'",
    ]


def test_a_review_takes_the_status_to_choose_pupils_without_asking_it(app):
    review = app.extensions["catalogue"].get("sen-support-review")
    rows = [source(2, {"child_name": "Amira Haddad", "sen_status": "K"}),
            source(3, {"child_name": "Ben Ode", "sen_status": "E"})]  # fmt: skip
    batch = prepare(review, rows)
    assert [made.pupil for made in batch.ready] == ["Amira Haddad"]
    assert not batch.problems


def test_unknown_columns_are_named(plan):
    assert unknown_columns(
        plan, ["child_name", "outcomes.1.target", "provision.2.minutes", "sen_status",
               "outcomes.1.bogus", "gender", "outcomes.x.target", "child_name.1"]
    ) == ["outcomes.1.bogus", "gender", "outcomes.x.target", "child_name.1"]  # fmt: skip


def test_a_refused_provision_number_is_reported_once_by_its_column(plan):
    row = {**REGISTER_ROW, "provision.1.intervention": "Reading", "provision.1.area": "cognition",
           "provision.1.minutes": "ten", "provision.1.sessions_a_week": "2",
           "provision.1.group_size": "1", "provision.1.staff": "TA",
           "provision.1.start": "2026-09-21", "provision.1.end": "2026-12-11"}  # fmt: skip
    batch = prepare(plan, [source(5, row)])
    assert [(problem.field, problem.message) for problem in batch.problems] == [
        ("provision.1.minutes", "Enter the session length in minutes, as a whole number like 20")
    ]


def test_a_status_in_words_is_named_as_written_when_it_leaves_a_pupil_out(plan):
    batch = prepare(plan, [source(2, {**REGISTER_ROW, "sen_status": "Statement"})])
    assert [skipped.reason for skipped in batch.skipped] == [
        "SEN status is 'Statement'; only SEN support (K) was chosen"
    ]


def test_a_page_the_register_says_nothing_of_is_left_to_write_in(plan):
    [made] = prepare(plan, [source(2, REGISTER_ROW)]).ready
    assert not {"plan_start", "review_2", "version"} & set(made.given)
    assert made.answers["plan_start"] == "[start date]"
    # A page it answers in part keeps its unanswered optional questions empty, as on the web.
    assert made.given["child_known_as"] == ""
