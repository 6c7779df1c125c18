"""Reading the three boxes of a date: every month's names, and what each problem names."""

import calendar
import datetime

import pytest

from service.fields import date_parts


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_read_by_its_number_name_and_short_name(month):
    expected = date_parts.Reading(date=datetime.date(2020, month, 1))
    for typed in (
        str(month),
        f"0{month}",
        calendar.month_name[month],
        calendar.month_name[month].upper(),
        calendar.month_abbr[month].lower(),
        f"{calendar.month_abbr[month]}.",
    ):
        assert date_parts.read("1", typed, "2020") == expected, typed


@pytest.mark.parametrize(
    ("boxes", "kind", "parts"),
    [
        (("", " ", "\t"), date_parts.EMPTY, date_parts.PARTS),
        (("", "May", "2017"), date_parts.MISSING, ("day",)),
        (("12", "Mai", "2017"), date_parts.NOT_REAL, ("month",)),
        (("12", "May", "17"), date_parts.YEAR_DIGITS, ("year",)),
        (("31", "Apr", "2017"), date_parts.IMPOSSIBLE, date_parts.PARTS),
    ],
)
def test_a_problem_names_its_kind_and_its_boxes(boxes, kind, parts):
    assert date_parts.read(*boxes) == date_parts.Reading(kind=kind, parts=parts)


@pytest.mark.parametrize(
    ("parts", "words"),
    [
        (("day",), "a day"),
        (("day", "month"), "a day and month"),
        (("month", "year"), "a month and year"),
    ],
)
def test_missing_parts_are_named_as_people_say_them(parts, words):
    assert date_parts.missing_words(parts) == words
