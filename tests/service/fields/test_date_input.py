"""Dates: the GOV.UK date input's guard, dates in order, and dates read from cells."""

import datetime

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from service.fields import After, DateField, InvalidAnswer
from tests.service.fields.forms import VALID, submit


@pytest.mark.parametrize(
    "parts",
    [["31", "2", "2015"], ["x", "3", "2015"], ["4", "3", "15"], ["4", "3"], ["4"]],
)
def test_bad_or_partial_dates_are_errors_not_crashes(parts):
    form = submit(**{**VALID, "born": parts})
    assert not form.validate()
    assert form.born.errors == ["Date of birth must be a real date, like 27 3 2015"]


def test_future_date_of_birth_is_refused():
    next_year = str(datetime.date.today().year + 1)
    form = submit(**{**VALID, "born": ["1", "1", next_year]})
    assert not form.validate()
    assert form.born.errors == ["Date of birth must be today or in the past"]


class Plan(Form):
    start = DateField("Start date", "Enter the start date")
    end = DateField(
        "End date", checks=(After("start", "End date must be after the start date, {date}"),)
    )
    review = DateField(
        "Review date",
        checks=(After("plan_start", "Review date must be after the plan starts, {date}"),),
    )


def plan(**dates):
    pairs = [(name, part) for name, value in dates.items() for part in value.split("-")[::-1]]
    return Plan(formdata=MultiDict(pairs))


def test_a_date_must_come_after_another_in_the_same_form():
    form = plan(start="2026-09-14", end="2026-09-14")
    assert not form.validate()
    assert form.end.errors == ["End date must be after the start date, 14 September 2026"]
    assert plan(start="2026-09-14", end="2026-09-15").validate()
    assert plan(end="2026-09-15").end.validate(Plan())  # the start's own question says so


def test_a_date_must_come_after_an_earlier_answer():
    form = plan(start="2026-09-14", review="2026-09-01")
    form.review.adapt({"plan_start": "2026-09-02"})
    assert not form.validate()
    assert form.review.errors == ["Review date must be after the plan starts, 2 September 2026"]
    form = plan(start="2026-09-14", review="2026-09-03")
    form.review.adapt({"plan_start": "2026-09-02"})
    assert form.validate()


@pytest.mark.parametrize(
    ("cell", "answer"),
    [("2015-03-27", "2015-03-27"), ("27/03/2015", "2015-03-27"), ("7/3/2015", "2015-03-07")],
)
def test_dates_are_read_from_cells_in_iso_or_uk_form(cell, answer):
    assert Plan().start.from_flat({"start": cell}) == answer


@pytest.mark.parametrize("cell", ["31/02/2024", "March 2015", "2015-3-27x"])
def test_a_cell_that_is_not_a_date_says_how_to_write_one(cell):
    with pytest.raises(InvalidAnswer, match="Start date must be a real date, like 27/03/2015"):
        Plan().start.from_flat({"start": cell})


def test_dates_on_check_your_answers_read_as_a_person_writes_them():
    form = plan(start="2026-03-04")
    assert form.start.summary_html() == "4 March 2026"
    assert "Not given" in form.end.summary_html()
    assert form.start.first_input_id == "start-day"
