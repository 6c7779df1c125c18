"""Dates: what the three boxes accept, a message for each problem that marks only the boxes
at fault, dates in order, and dates read from cells."""

import datetime

import pytest
from lxml import html
from werkzeug.datastructures import MultiDict
from wtforms import Form

from service import dates
from service.fields import After, DateField, InvalidAnswer, Varies
from service.fields.date_input import PAST_EXAMPLE, upcoming_example
from tests.service.fields.forms import VALID, ExampleForm, submit
from tests.settings import make_app


@pytest.fixture(scope="module")
def request_context():
    # The GOV.UK widgets render through Flask's templates.
    with make_app(RATELIMIT_ENABLED=False).test_request_context():
        yield


def born(parts):
    form = submit(**{**VALID, "born": parts})
    form.validate()
    return form.born


@pytest.mark.parametrize(
    ("parts", "answer"),
    [
        (["12", "May", "2017"], "2017-05-12"),
        (["12", "may", "2017"], "2017-05-12"),
        (["12", "MAY", "2017"], "2017-05-12"),
        (["1", "Feb", "2017"], "2017-02-01"),
        (["1", "february", "2017"], "2017-02-01"),
        (["30", "Sept", "2016"], "2016-09-30"),
        (["30", "sep", "2016"], "2016-09-30"),
        (["30", "Sept.", "2016"], "2016-09-30"),
        (["30", "September", "2016"], "2016-09-30"),
        (["3", "Jun", "2016"], "2016-06-03"),
        (["3", "July", "2016"], "2016-07-03"),
        ([" 4 ", " 3 ", " 2015 "], "2015-03-04"),
        (["04", "03", "2015"], "2015-03-04"),
        (["004", "003", "2015"], "2015-03-04"),
        (["4th", "3", "2015"], "2015-03-04"),
        (["1st", "Dec", "2015"], "2015-12-01"),
        (["22nd", "dec", "2015"], "2015-12-22"),
        (["\t29 ", "2", "2016"], "2016-02-29"),
    ],
)
def test_month_names_spaces_and_noughts_are_read(parts, answer):
    field = born(parts)
    assert field.errors == []
    assert field.answer() == answer


REAL = "Date of birth must be a real date, like 27 3 2007"
YEAR = "Date of birth must have 4 numbers in the year, like 2007"


@pytest.mark.parametrize(
    ("parts", "message", "faulty"),
    [
        (["", "3", "2015"], "Date of birth must include a day", ("day",)),
        (["4", " ", "2015"], "Date of birth must include a month", ("month",)),
        (["4", "3", ""], "Date of birth must include a year", ("year",)),
        (["", "", "2015"], "Date of birth must include a day and month", ("day", "month")),
        (["", "3", ""], "Date of birth must include a day and year", ("day", "year")),
        (["4", "", ""], "Date of birth must include a month and year", ("month", "year")),
        (["x", "3", "2015"], REAL, ("day",)),
        (["32", "3", "2015"], REAL, ("day",)),
        (["0", "3", "2015"], REAL, ("day",)),
        (["4", "13", "2015"], REAL, ("month",)),
        (["4", "Mayy", "2015"], REAL, ("month",)),
        # Arabic-Indic three: int() reads it, but it is not a number people mean in a date box.
        (["4", "\u0663", "2015"], REAL, ("month",)),
        (["x", "y", "2015"], REAL, ("day", "month")),
        (["4", "3", "15"], YEAR, ("year",)),
        (["4", "3", "02015"], YEAR, ("year",)),
        (["4", "3", "next"], YEAR, ("year",)),
        (["31", "2", "2024"], REAL, ("day", "month", "year")),
        (["29", "Feb", "2023"], REAL, ("day", "month", "year")),
        (["1", "1", "0000"], REAL, ("day", "month", "year")),
        (["", "", ""], "Enter your date of birth", ("day", "month", "year")),
    ],
)
def test_each_problem_has_its_own_message_and_marks_only_its_boxes(parts, message, faulty):
    field = born(parts)
    assert field.errors == [message]
    assert field.faulty_parts() == faulty
    assert field.error_items() == [{"text": message, "href": f"#born-{faulty[0]}"}]
    assert field.raw_data == parts  # shown back exactly as typed


def test_the_first_problem_in_the_design_systems_order_is_the_one_given():
    # A part missing comes before a part that cannot be right, which comes before the year.
    assert born(["x", "", "15"]).errors == ["Date of birth must include a month"]
    assert born(["x", "3", "15"]).errors == ["Date of birth must be a real date, like 27 3 2007"]


@pytest.mark.parametrize(
    "parts",
    [
        ["99999999999999999999", "1", "2020"],
        ["1", "99999999999999999999", "2020"],
        ["1", "1", "99999999999999999999"],
        ["1" * 5000, "1", "2020"],
    ],
)
def test_numbers_of_any_length_are_messages_not_crashes(parts):
    assert born(parts).errors


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["4", "3"], "Date of birth must include a year"),
        (["4"], "Date of birth must include a month and year"),
        (["4", "3", "2015", "1"], "Date of birth must be a real date, like 27 3 2007"),
    ],
)
def test_a_post_with_too_few_or_too_many_parts_is_an_error_not_a_crash(parts, message):
    field = born(parts)
    assert field.errors == [message]
    assert len(field.raw_data) == 3  # the widget draws three boxes from them


def test_future_date_of_birth_is_refused_and_marks_all_three_boxes():
    next_year = str(datetime.date.today().year + 1)
    field = born(["1", "1", next_year])
    assert field.errors == ["Date of birth must be today or in the past"]
    assert field.faulty_parts() == ("day", "month", "year")
    assert field.first_input_id == "born-day"


def test_a_date_that_must_not_be_past_says_so():
    class Meeting(Form):
        on = DateField("Meeting date", error_name="The meeting date", not_before_today=True)

    form = Meeting(formdata=MultiDict([("on", "1"), ("on", "1"), ("on", "2020")]))
    assert not form.validate()
    assert form.on.errors == ["The meeting date must be today or in the future"]


def classes_of(field):
    """Each box's classes, as the GOV.UK widget draws them."""
    doc = html.fragment_fromstring(str(field()), create_parent="div")
    return {
        box.get("id").rsplit("-", 1)[1]: box.get("class").split()
        for box in doc.xpath("//input[@name='born']")
    }


@pytest.mark.usefixtures("request_context")
@pytest.mark.parametrize(
    ("parts", "marked"),
    [
        (["4", "", "2015"], {"month"}),
        (["", "", "2015"], {"day", "month"}),
        (["4", "3", "15"], {"year"}),
        (["31", "2", "2024"], {"day", "month", "year"}),
        (["1", "1", str(datetime.date.today().year + 1)], {"day", "month", "year"}),
        (["", "", ""], {"day", "month", "year"}),
        (["4", "March", "2015"], set()),
    ],
)
def test_only_the_boxes_at_fault_are_drawn_in_error(parts, marked):
    boxes = classes_of(born(parts))
    assert {part for part, classes in boxes.items() if "govuk-input--error" in classes} == marked
    assert "govuk-input--width-4" in boxes["year"]
    assert "govuk-input--width-2" in boxes["day"]
    assert "govuk-input--width-2" in boxes["month"]


@pytest.mark.usefixtures("request_context")
def test_what_was_typed_is_drawn_back_as_typed():
    doc = html.fragment_fromstring(str(born([" 12 ", "May", "17"])()), create_parent="div")
    assert doc.xpath("//input[@name='born']/@value") == [" 12 ", "May", "17"]


class Examples(Form):
    born = DateField("Date of birth", not_after_today=True)
    sent = DateField("Date sent", hint="The day you posted it.", not_after_today=True)
    review = DateField("Review date")
    voiced = DateField(
        "When?", error_name="The date", hint=Varies(lambda a: "Yours." if a.get("me") else None)
    )


def test_the_hint_and_the_message_give_the_same_example():
    form = Examples(formdata=MultiDict([("born", "x"), ("born", "3"), ("born", "2015")]))
    form.validate()
    assert form.born.description == "For example, 27 3 2007"
    assert form.born.errors == ["Date of birth must be a real date, like 27 3 2007"]
    assert form.sent.description == "The day you posted it. For example, 27 3 2007"
    assert form.born.example == form.sent.example == PAST_EXAMPLE


def test_a_date_that_may_be_ahead_has_an_example_in_the_coming_year(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 12, 1))
    assert upcoming_example() == datetime.date(2027, 3, 27)
    form = Examples(formdata=MultiDict([("review", "31"), ("review", "2"), ("review", "2027")]))
    form.validate()
    assert form.review.description == "For example, 27 3 2027"
    assert form.review.errors == ["Review date must be a real date, like 27 3 2027"]
    assert form.review.problem_message("year digits", ("year",)) == (
        "Review date must have 4 numbers in the year, like 2027"
    )


def test_a_hint_that_follows_earlier_answers_keeps_its_example():
    form = Examples()
    form.voiced.adapt({"me": True})
    assert form.voiced.description.startswith("Yours. For example, ")
    form.voiced.adapt({})
    assert form.voiced.description.startswith("For example, ")


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


def test_a_stored_answer_fills_the_boxes_without_noughts():
    form = Plan(formdata=MultiDict(Plan().start.formdata("2026-03-04")))
    assert form.start.raw_data == ["4", "3", "2026"]
    assert form.start.data == datetime.date(2026, 3, 4)


@pytest.mark.parametrize("parts", [["4", "May", ""], ["31", "2", "2024"], ["", "", "x"]])
def test_a_date_typed_in_part_or_not_real_is_an_answer_to_put_right(parts):
    form = ExampleForm(formdata=MultiDict([("events-0-when", part) for part in parts]))
    (entry,) = form.events.entries  # kept, not dropped as an empty entry
    assert entry.form.when.has_value()
