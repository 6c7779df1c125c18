"""A school's register export matched to a document's fields: the guesses for three export
layouts (invented pupils, in samples/), the columns left out, and each row read as the flat
values the document's questions read, with the same checks as the web form."""

import csv
import datetime
from pathlib import Path

import pytest

from service import dates
from service.answers import flat_answers, validate_answers
from service.bulk import headers
from service.bulk.headers import (
    FORENAME,
    NAME_PARTS,
    PREFERRED_FORENAME,
    PREFERRED_SURNAME,
    SEN_STATUS,
    SURNAME,
    choices,
    flat_row,
    guess,
    is_target,
    label_for,
    repeated,
    status_of,
    unmapped,
)
from service.fields import TextField
from service.steps import make_step
from tests.service.steps_for_tests import make

SAMPLES = Path(__file__).parent / "samples"
# The school year the samples were written for: each date of birth fits its year group then.
WRITTEN = datetime.date(2026, 12, 1)
REGISTER_FIELDS = {"child_name", "child_known_as", "child_dob", "year_group", "upn",
                   "class_name", "sen_status", "primary_need", "secondary_need"}  # fmt: skip


@pytest.fixture(autouse=True)
def context(app):
    with app.test_request_context():
        yield


@pytest.fixture
def plan(app):
    return app.extensions["catalogue"].get("sen-support-plan")


@pytest.fixture
def review(app):
    return app.extensions["catalogue"].get("sen-support-review")


def read(name):
    with (SAMPLES / name).open(encoding="utf-8", newline="") as file:
        header, *rows = list(csv.reader(file))
    return header, rows


def rows_by_surname(name, document):
    header, rows = read(name)
    mapping = guess(header, document)
    return {row[header.index(_surname_column(header))]: flat_row(mapping, row, document)
            for row in rows}  # fmt: skip


def _surname_column(header):
    return next(column for column in ("Legal Surname", "Last name", "Surname") if column in header)


# --- Guesses for each layout --------------------------------------------------------------

SIMS_PLAN = [None, None, SURNAME, FORENAME, PREFERRED_FORENAME, "child_dob", "year_group",
             "class_name", "upn", SEN_STATUS, "primary_need", "secondary_need", None]  # fmt: skip
ARBOR_PLAN = [FORENAME, PREFERRED_FORENAME, SURNAME, "child_dob", "year_group", "class_name",
              "upn", SEN_STATUS, "primary_need", "secondary_need"]  # fmt: skip
BROMCOM_PLAN = [FORENAME, SURNAME, PREFERRED_FORENAME, "child_dob", "upn", "year_group",
                "class_name", SEN_STATUS, "primary_need", "secondary_need", None, None, None,
                None]  # fmt: skip


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("sims_sen_register.csv", SIMS_PLAN),
        ("arbor_send_register.csv", ARBOR_PLAN),
        ("bromcom_sen_list.csv", BROMCOM_PLAN),
    ],
)
def test_each_layout_is_guessed_for_the_plan(plan, sample, expected):
    header, _ = read(sample)
    assert guess(header, plan) == expected


REVIEW_ASKS_NOT = {"child_dob", "upn", "class_name", "primary_need", "secondary_need"}


@pytest.mark.parametrize(
    ("sample", "for_plan"),
    [
        ("sims_sen_register.csv", SIMS_PLAN),
        ("arbor_send_register.csv", ARBOR_PLAN),
        ("bromcom_sen_list.csv", BROMCOM_PLAN),
    ],
)
def test_a_review_is_not_guessed_what_it_does_not_ask(review, sample, for_plan):
    header, _ = read(sample)
    expected = [None if target in REVIEW_ASKS_NOT else target for target in for_plan]
    assert guess(header, review) == expected
    # The status is still guessed: it chooses which pupils to include.
    assert SEN_STATUS in expected


def test_the_columns_left_out_are_listed(plan, review):
    header, _ = read("sims_sen_register.csv")
    assert unmapped(header, guess(header, plan)) == ["Surname", "Forename", "Gender"]
    assert unmapped(header, guess(header, review)) == [
        "Surname", "Forename", "DOB", "Reg", "UPN", "Primary Need", "Secondary Need", "Gender",
    ]  # fmt: skip
    header, _ = read("arbor_send_register.csv")
    assert unmapped(header, guess(header, plan)) == []
    header, _ = read("bromcom_sen_list.csv")
    left = ["Ethnicity", "FSM", "Pupil Premium", "Attendance %"]
    assert unmapped(header, guess(header, plan)) == left


def test_a_column_without_a_header_is_named_by_its_letter():
    assert unmapped(["UPN", " ", "Notes"], ["upn", None, ""]) == ["Column B", "Notes"]
    assert headers._letter(26) == "AA"


def test_field_names_as_headers_match_themselves(plan, review):
    columns = ["child_name", "UPN ", "outcomes.1.target", "outcomes.2.due", "distribution.2",
               "provision.1.cost", "sen_status", "child_dob"]  # fmt: skip
    assert guess(columns, plan) == [
        "child_name", "upn", "outcomes.1.target", "outcomes.2.due", "distribution.2",
        "provision.1.cost", SEN_STATUS, "child_dob",
    ]  # fmt: skip
    not_read = ["outcomes.1.colour", "outcomes.1", "distribution.1.who",
                "outcomes.x.target", "strengths.1", f"outcomes.{'1' * 5000}.target"]  # fmt: skip
    assert guess(not_read, plan) == [None] * len(not_read)
    # The review asks neither a UPN nor these lists; its own are read.
    assert guess(["upn", "outcomes.1.target", "reviewed.1.rating"], review) == [
        None, None, "reviewed.1.rating",
    ]  # fmt: skip


def test_the_surer_column_wins_and_the_other_is_left_out(plan):
    assert guess(["Forename", "Legal Forename"], plan) == [None, FORENAME]
    assert guess(["Legal Forename", "Preferred Forename", "Forename"], plan) == [
        FORENAME, PREFERRED_FORENAME, None,
    ]  # fmt: skip
    assert guess(["Forename", "Preferred Forename"], plan) == [FORENAME, PREFERRED_FORENAME]
    assert guess(["Year", "NC Year"], plan) == [None, "year_group"]
    # Two columns just as sure: the one further left.
    assert guess(["UPN", "upn no."], plan)[1] is None
    assert guess(["UPN", "UPN"], plan) == ["upn", None]


def test_a_full_name_column_is_not_guessed_beside_the_parts(plan):
    assert guess(["Name", "UPN"], plan) == ["child_name", "upn"]
    assert guess(["Name", "Forename", "Surname"], plan) == [None, FORENAME, SURNAME]
    assert guess(["child_name", "Forename"], plan) == ["child_name", FORENAME]


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("D.O.B.", "child_dob"),
        ("Date_of_Birth", "child_dob"),
        ("Pupil Surname", SURNAME),
        ("Forename(s)", FORENAME),
        ("Student First Name", FORENAME),
        ("Preferred Surname", PREFERRED_SURNAME),
        ("Known as", PREFERRED_FORENAME),
        ("Yr Grp", "year_group"),
        ("Curriculum Year", "year_group"),
        ("Registration Group", "class_name"),
        ("Tutor Group", "class_name"),
        ("Class", "class_name"),
        ("Form", "class_name"),
        ("SEN Provision", SEN_STATUS),
        ("SEND Status", SEN_STATUS),
        ("SEN Stage", SEN_STATUS),
        ("Primary SEN Type", "primary_need"),
        ("SEN Primary Need", "primary_need"),
        ("Main need", "primary_need"),
        ("Secondary SEN Type", "secondary_need"),
        ("Next review date", "review_1"),
        ("Strengths", "strengths"),
        ("Class teacher", "class_teacher"),
        ("Unique Pupil Number", "upn"),
        ("ULN", None),
        ("Former UPN", None),
        ("Pupil Premium", None),
        ("", None),
    ],
)
def test_headers_are_read_forgivingly(plan, header, target):
    assert guess([header], plan) == [target]


def test_a_review_date_is_the_meeting_in_a_review(review):
    assert guess(["Review date", "Next review date"], review) == ["review_date", "next_review"]


def test_name_parts_are_not_guessed_for_a_document_without_a_name():
    assert guess(["Forename", "Surname", "SEN status"], make()) == [None, None, SEN_STATUS]


def test_name_parts_cannot_clash_with_a_field_name(app):
    # A field name is a Python identifier; a name part is not, so no document can ask one.
    assert not any(part.isidentifier() for part in NAME_PARTS)
    for document in app.extensions["catalogue"]:
        assert not set(NAME_PARTS) & document.question_names


# --- The mapping screen -------------------------------------------------------------------


def test_choices_name_what_a_register_holds_plainly(plan):
    offered = choices(plan)
    assert offered[0] == ("", "Do not use this column")
    labels = dict(offered)
    assert labels[FORENAME] == "Pupil's first name (legal)"
    assert labels[PREFERRED_FORENAME] == "Preferred first name"
    assert labels[SURNAME] == "Surname"
    assert labels["child_dob"] == "Date of birth"
    assert labels["upn"] == "Unique pupil number (UPN)"
    assert labels[SEN_STATUS] == "SEN status (to choose which pupils to include)"
    assert labels["class_name"] == "About the pupil: Class or tutor group"
    assert labels["strengths"] == "Strengths: What are the pupil's strengths?"
    values = [value for value, _ in offered]
    assert len(values) == len(set(values))
    # Lists are filled by numbered columns, not by a whole one.
    assert "outcomes" not in labels
    assert "provision" not in labels


@pytest.mark.parametrize(
    "sample", ["sims_sen_register.csv", "arbor_send_register.csv", "bromcom_sen_list.csv"]
)
@pytest.mark.parametrize("slug", ["sen-support-plan", "sen-support-review"])
def test_every_guess_can_be_chosen_on_the_mapping_screen(app, sample, slug):
    document = app.extensions["catalogue"].get(slug)
    guessed = [target for target in guess(read(sample)[0], document) if target]
    offered = dict(choices(document, also=guessed))
    assert set(guessed) <= set(offered)
    assert all(is_target(document, target) for target in guessed)


def test_choices_follow_the_document(review):
    labels = dict(choices(review))
    assert "upn" not in labels
    assert "child_dob" not in labels
    assert labels[SEN_STATUS] == "SEN status (to choose which pupils to include)"
    assert labels["review_date"] == "The review meeting: Date of the review meeting"
    assert all(is_target(review, value) for value in labels if value)


def test_list_columns_can_be_offered_where_their_list_is(plan):
    guessed = guess(["child_name", "outcomes.1.target", "distribution.2"], plan)
    values = [value for value, _ in choices(plan, also=guessed)]
    assert values.index("outcomes.1.target") < values.index("strategies")
    assert values.index("distribution.2") == len(values) - 1
    assert label_for(plan, "outcomes.1.target") == "Outcomes: outcome 1, Outcome (SMART target)"
    assert label_for(plan, "distribution.2") == "Who else gets a copy of the plan? person 2"
    assert choices(plan, also=["outcomes.1.colour"]) == choices(plan)
    with pytest.raises(ValueError, match="not a column"):
        label_for(plan, "outcomes.1.colour")


def test_targets_chosen_twice_are_found_and_refused(plan):
    assert repeated(["upn", None, "upn", "", "child_dob", "upn"]) == ["upn"]
    with pytest.raises(ValueError, match="upn"):
        flat_row(["upn", "upn"], ["A", "B"], plan)


def test_a_target_the_document_does_not_read_is_refused(review):
    assert not is_target(review, "upn")
    with pytest.raises(ValueError, match="upn"):
        flat_row(["upn"], ["A123456789012"], review)


# --- Rows -----------------------------------------------------------------------------------


def test_a_sims_row(plan):
    rows = rows_by_surname("sims_sen_register.csv", plan)
    assert rows["Okafor"] == {
        "child_name": "Oluwatobiloba Okafor",
        "child_known_as": "Tobi",
        "child_dob": "14/03/2017",
        "year_group": "Year 5",
        "class_name": "5W",
        "upn": "A999401215101",
        "sen_status": "K",
        "primary_need": "SPLD",
        "secondary_need": "",
    }
    assert rows["O'Brien"]["child_name"] == "Niamh O'Brien"
    assert "child_known_as" not in rows["O'Brien"]
    assert rows["Novák"]["child_name"] == "Zoë Novák"
    assert rows["Patel"]["year_group"] == "Reception"
    assert rows["Patel"]["primary_need"] == "NSA"
    assert rows["Hughes"]["child_known_as"] == "Alfie"


def test_an_arbor_row(plan):
    rows = rows_by_surname("arbor_send_register.csv", plan)
    assert rows["Adeyemi"] == {
        "child_name": "Benjamin Adeyemi",
        "child_known_as": "Ben",
        "child_dob": "2020-03-22",
        "year_group": "Year 2",
        "class_name": "2 Ash",
        "upn": rows["Adeyemi"]["upn"],
        "sen_status": "K",
        "primary_need": "SLCN",
        "secondary_need": "SEMH",
    }
    assert rows["Martin"]["child_name"] == "Chloé Martin"
    assert rows["Martin"]["year_group"] == "Reception"
    assert rows["Martin"]["primary_need"] == "NSA"
    assert rows["D'Souza"]["sen_status"] == "E"
    assert rows["D'Souza"]["primary_need"] == "ASD"
    assert rows["Murphy"]["primary_need"] == "ASD"  # "Autism"
    assert rows["Hussain"]["sen_status"] == "N"
    assert rows["Nowak"]["secondary_need"] == "OTH"
    assert rows["Robinson"]["primary_need"] == "MSI"


def test_a_bromcom_row(plan, review):
    rows = rows_by_surname("bromcom_sen_list.csv", plan)
    assert rows["Jones"]["child_name"] == "Oliver Jones"
    assert rows["Jones"]["child_known_as"] == "Olly"
    assert rows["Jones"]["year_group"] == "Year 8"
    assert rows["O'Neill"]["child_name"] == "Seán O'Neill"
    assert rows["Sharma"]["sen_status"] == "E"
    assert (rows["Sharma"]["primary_need"], rows["Sharma"]["secondary_need"]) == ("SLD", "PMLD")
    assert rows["Bello"]["sen_status"] == "N"
    assert rows["Wilson"]["year_group"] == "Reception"  # "Rec"
    assert rows["Gupta"]["primary_need"] == "SPLD"  # "SpLD"
    assert rows["Brown"]["primary_need"] == "VI"
    assert rows["Davies"]["primary_need"] == "Dyslexia"  # not a census need: kept as written
    # A review reads the same row without the columns it does not ask, status and all.
    row = rows_by_surname("bromcom_sen_list.csv", review)["Jones"]
    assert row == {"child_name": "Oliver Jones", "child_known_as": "Olly",
                   "year_group": "Year 8", "sen_status": "K"}  # fmt: skip


@pytest.mark.parametrize(
    "sample", ["sims_sen_register.csv", "arbor_send_register.csv", "bromcom_sen_list.csv"]
)
def test_rows_pass_the_plan_checks_for_the_fields_they_fill(plan, sample):
    header, rows = read(sample)
    mapping = guess(header, plan)
    checked = 0
    with dates.as_of(WRITTEN):
        for row in rows:
            flat = flat_row(mapping, row, plan)
            if status_of(flat) != "K" or flat["primary_need"] == "Dyslexia":
                continue
            answers, errors = flat_answers(plan, flat)
            assert errors == {}
            found = validate_answers(plan, answers).errors
            assert set(found) & REGISTER_FIELDS == set(), (row, found)
            assert answers["sen_status"] == "K"
            checked += 1
    assert checked >= 9


def test_a_need_not_recognised_is_reported_by_the_plan(plan):
    row = rows_by_surname("bromcom_sen_list.csv", plan)["Davies"]
    assert row["primary_need"] == "Dyslexia"
    _, errors = flat_answers(plan, row)
    assert errors["primary_need"][0].startswith("Select the pupil's primary need: write one of")


def test_an_ehc_plan_pupil_is_refused_by_the_plan(plan):
    rows = rows_by_surname("sims_sen_register.csv", plan)
    assert status_of(rows["Begum"]) == "E"
    with dates.as_of(WRITTEN):
        answers, _ = flat_answers(plan, rows["Begum"])
        found = validate_answers(plan, answers).errors
    assert "EHC plan" in found["sen_status"][0]
    assert status_of(rows["Kowalski"]) == "N"


def test_a_preferred_surname_that_differs_is_the_name_used(plan):
    mapping = [FORENAME, SURNAME, PREFERRED_FORENAME, PREFERRED_SURNAME]
    row = flat_row(mapping, ["Olivia", "Smith", "", "Jones"], plan)
    assert row == {"child_name": "Olivia Smith", "child_known_as": "Olivia Jones"}
    row = flat_row(mapping, ["Olivia", "Smith", "Liv", "smith"], plan)
    assert row == {"child_name": "Olivia Smith", "child_known_as": "Liv"}
    row = flat_row(mapping, ["Olivia", "Smith", "OLIVIA", "Smith"], plan)
    assert row == {"child_name": "Olivia Smith"}


def test_a_preferred_name_stands_in_for_an_empty_legal_one(plan):
    mapping = [FORENAME, SURNAME, PREFERRED_FORENAME]
    assert flat_row(mapping, ["", "Smith", "Liv"], plan) == {"child_name": "Liv Smith"}
    assert flat_row(mapping, ["", "", ""], plan) == {"child_name": ""}


def test_a_whole_name_column_wins_over_the_parts(plan):
    mapping = ["child_name", FORENAME, SURNAME, "child_known_as", PREFERRED_FORENAME]
    row = flat_row(mapping, ["Olivia Grace Smith", "Olivia", "Smith", "", "Liv"], plan)
    assert row == {"child_name": "Olivia Grace Smith", "child_known_as": "Liv"}
    row = flat_row(mapping, ["", "Olivia", "Smith", "Livvy", "Liv"], plan)
    assert row == {"child_name": "Olivia Smith", "child_known_as": "Livvy"}


def test_the_name_goes_by_only_where_the_document_asks_it():
    document = make(steps=(make_step("pupil", "Pupil", child_name=TextField("Name", "Enter")),))
    mapping = guess(["Legal Forename", "Preferred Forename", "Surname"], document)
    assert mapping == [FORENAME, PREFERRED_FORENAME, SURNAME]
    assert flat_row(mapping, ["Alfred", "Alfie", "Hughes"], document) == {
        "child_name": "Alfred Hughes"
    }


def test_short_rows_and_long_rows_are_read(plan):
    assert flat_row(["upn", "year_group"], ["A123456789012"], plan) == {
        "upn": "A123456789012", "year_group": "",
    }  # fmt: skip
    assert flat_row(["upn"], ["A123456789012", "extra"], plan) == {"upn": "A123456789012"}


def test_other_cells_are_passed_on_as_written(plan):
    mapping = ["class_name", "upn", "child_dob", "strengths"]
    cells = ["  5W ", "a123456789012", "1/2/2017", "Kind;\nfunny"]
    assert flat_row(mapping, cells, plan) == dict(zip(mapping, cells, strict=True))


# --- Normalising cells ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("5", "Year 5"),
        ("05", "Year 5"),
        ("Y5", "Year 5"),
        ("y 5", "Year 5"),
        ("Yr 5", "Year 5"),
        ("Year 5", "Year 5"),
        ("year 5", "Year 5"),
        ("NC Year 5", "Year 5"),
        ("12", "Year 12"),
        ("14", "Year 14"),
        ("R", "Reception"),
        ("Rec", "Reception"),
        ("reception", "Reception"),
        ("Year R", "Reception"),
        ("YR", "Reception"),
        ("FS2", "Reception"),
        ("N1", "Nursery"),
        ("N2", "Nursery"),
        ("Nursery", "Nursery"),
        ("FS1", "Nursery"),
        # Anything else as written.
        ("0", "0"),
        ("15", "15"),
        ("X", "X"),
        ("L6", "L6"),
        ("Year 5, taught with Year 4", "Year 5, taught with Year 4"),
        ("5W", "5W"),
        ("", ""),
    ],
)
def test_year_groups_are_written_as_a_person_writes_them(typed, written):
    assert headers.year_group(typed) == written


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("K", "K"),
        ("k", "K"),
        ("SEN Support", "K"),
        ("K - SEN Support", "K"),
        ("K: SEN support", "K"),
        ("E", "E"),
        ("EHC Plan", "E"),
        ("EHCP", "E"),
        ("E - Education, Health and Care Plan", "E"),
        ("E: education, health and care (EHC) plan", "E"),
        ("Education, Health & Care Plan", "E"),
        ("N", "N"),
        ("No Special Educational Need", "N"),
        ("N - No Special Educational Need", "N"),
        # Not a status, or one whose code and words disagree: as written.
        ("A", "A"),
        ("School Action Plus", "School Action Plus"),
        ("K - EHC Plan", "K - EHC Plan"),
        ("", ""),
    ],
)
def test_sen_statuses_become_codes(typed, code):
    assert headers.sen_status(typed) == code


def test_status_of_a_row():
    assert status_of({SEN_STATUS: "K"}) == "K"
    assert status_of({SEN_STATUS: "EHC Plan"}) == "E"
    assert status_of({SEN_STATUS: "A"}) is None
    assert status_of({SEN_STATUS: ""}) is None
    assert status_of({}) is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("SPLD", "SPLD"),
        ("SpLD", "SPLD"),
        ("Specific Learning Difficulty", "SPLD"),
        ("specific learning difficulties", "SPLD"),
        ("SPLD - Specific Learning Difficulty", "SPLD"),
        ("Moderate Learning Difficulty", "MLD"),
        ("SLD", "SLD"),
        ("Severe Learning Difficulty", "SLD"),
        ("PMLD", "PMLD"),
        ("Profound & Multiple Learning Difficulty", "PMLD"),
        ("Social, Emotional and Mental Health", "SEMH"),
        ("Speech, Language and Communication Needs", "SLCN"),
        ("Hearing Impairment", "HI"),
        ("Visual Impairment", "VI"),
        ("Multi-Sensory Impairment", "MSI"),
        ("Physical Disability", "PD"),
        ("Autistic Spectrum Disorder", "ASD"),
        ("Autism", "ASD"),
        ("asd", "ASD"),
        ("Other Difficulty/Disability", "OTH"),
        ("SEN support but no specialist assessment of type of need", "NSA"),
        ("NSA: SEN support but no specialist assessment of type of need", "NSA"),
        # Never guessed: as written, for the question's own check to report.
        ("Dyslexia", "Dyslexia"),
        ("SPLD (dyslexia)", "SPLD (dyslexia)"),
        ("ADHD", "ADHD"),
        ("MLD - Autism", "MLD - Autism"),
        ("None", "None"),
        ("", ""),
    ],
)
def test_needs_become_census_codes(typed, code):
    assert headers.need(typed) == code


def test_no_secondary_need_is_written_as_the_question_writes_it(plan):
    assert headers.need("None", secondary=True) == "none"
    assert headers.need("No secondary need", secondary=True) == "none"
    assert flat_row(["primary_need", "secondary_need"], ["none", "none"], plan) == {
        "primary_need": "none", "secondary_need": "none",
    }  # fmt: skip
