"""Provision's time and cost both ways: the words a plan shows from a register's numbers, the
numbers read back from a plan's words (None when not sure), a pupil's share of the cost, and a
register row's numbers turned into the plan's own answers, or refused by column."""

import datetime
import decimal

import pytest

from forms.provision_time import (
    bulk_flat,
    frequency_words,
    minutes_of,
    pupil_cost,
    session_words,
    sessions_a_week,
    weeks_between,
)
from forms.sen_support_plan import DOCUMENT
from service.answers import flat_answers, validate_answers


@pytest.mark.parametrize(
    ("sessions", "words"),
    [
        (1, "Once a week"),
        (2, "Twice a week"),
        (3, "3 times a week"),
        (5, "Every school day"),
        (10, "10 times a week"),
        (0.5, "Once a fortnight"),
        (1.5, "3 times a fortnight"),
        (decimal.Decimal("2.5"), "5 times a fortnight"),
    ],
)
def test_frequency_words_read_back_to_the_same_number(sessions, words):
    assert frequency_words(sessions) == words
    assert sessions_a_week(words) == sessions


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "1 minute"),
        (20, "20 minutes"),
        (60, "1 hour"),
        (75, "1 hour 15 minutes"),
        (120, "2 hours"),
        (135, "2 hours 15 minutes"),
    ],
)
def test_session_words_read_back_to_the_same_number(minutes, words):
    assert session_words(minutes) == words
    assert minutes_of(words) == minutes


@pytest.mark.parametrize(
    ("words", "sessions"),
    [
        ("once a week", 1),
        ("Weekly", 1),
        ("every week", 1),
        ("twice a week", 2),
        ("Twice weekly.", 2),
        ("3 times a week", 3),
        ("three times a week", 3),
        ("3x weekly", 3),
        ("3 x weekly", 3),
        ("3 sessions a week", 3),
        ("2 days per week", 2),
        ("every day", 5),
        ("daily", 5),
        ("Every school day", 5),
        ("each morning", 5),
        ("every lunchtime", 5),
        ("twice a day", 10),
        ("fortnightly", 0.5),
        ("once a fortnight", 0.5),
        ("every other week", 0.5),
        ("Mondays and Thursdays", 2),
        ("Monday, Wednesday and Friday", 3),
    ],
)
def test_sessions_a_week_from_words(words, sessions):
    assert sessions_a_week(words) == sessions


@pytest.mark.parametrize(
    "words",
    [
        "",
        None,
        "as needed",
        "most days",
        "monthly",
        "once a term",
        "2 or 3 times a week",
        "once",
        "Mondays or Tuesdays",
        "Monday and Monday",
        "3 times a week and at lunch",
    ],
)
def test_sessions_a_week_is_none_when_not_sure(words):
    assert sessions_a_week(words) is None


@pytest.mark.parametrize(
    ("words", "minutes"),
    [
        ("20 minutes", 20),
        ("20 mins", 20),
        ("20", 20),
        ("45 min", 45),
        ("20-minute", 20),
        ("twenty minutes", 20),
        ("1 hour", 60),
        ("an hour", 60),
        ("1.5 hours", 90),
        ("half an hour", 30),
        ("quarter of an hour", 15),
        ("an hour and a half", 90),
        ("1 hour 15 minutes", 75),
        ("1 hour and 15 minutes", 75),
        ("1hr 15mins", 75),
    ],
)
def test_minutes_from_words(words, minutes):
    assert minutes_of(words) == minutes


@pytest.mark.parametrize(
    "words",
    ["", None, "a", "ten", "0", "20-30 minutes", "up to an hour", "a morning", "1:15",
     "2.5 minutes", "varies", "20 minutes twice"],
)  # fmt: skip
def test_minutes_are_none_when_not_sure(words):
    assert minutes_of(words) is None


def test_a_pupils_share_is_the_staff_time_divided_by_the_group():
    # £18.50 an hour, 20 minutes, 3 times a week, 12 weeks: £222 of staff time for 4 pupils.
    assert pupil_cost("18.50", 20, 3, 12, 4) == decimal.Decimal("55.50")
    assert pupil_cost(20, 10, 5, 12, 1) == decimal.Decimal("200.00")
    assert pupil_cost(decimal.Decimal("20"), 15, 0.5, 12, 2) == decimal.Decimal("15.00")


def test_a_pupils_share_is_rounded_to_the_penny_half_up():
    # £10 an hour, 1 minute, once, for 1 week, among 3: 5.555...p, and 0.5p exactly rounds up.
    assert pupil_cost(10, 1, 1, 1, 3) == decimal.Decimal("0.06")
    assert pupil_cost("0.30", 1, 1, 1, 1) == decimal.Decimal("0.01")  # 0.005 -> 0.01
    assert pupil_cost(10, 1, 1, 1, 6) == decimal.Decimal("0.03")  # 0.02777...


def test_weeks_between_counts_calendar_weeks_at_least_one():
    day = datetime.date
    assert weeks_between(day(2026, 9, 21), day(2026, 12, 11)) == 12  # half-term counted too
    assert weeks_between(day(2026, 9, 21), day(2026, 9, 25)) == 1
    assert weeks_between(day(2026, 9, 21), day(2026, 9, 21)) == 1
    assert weeks_between(day(2026, 9, 21), day(2026, 9, 28)) == 2


# --- A register row ---------------------------------------------------------------------------

ITEM = {
    "provision.1.intervention": "Lego therapy",
    "provision.1.area": "semh",
    "provision.1.group_size": "4",
    "provision.1.staff": "Teaching assistant",
    "provision.1.start": "21/09/2026",
    "provision.1.end": "2026-12-11",
}


def test_numbers_become_the_plans_words_and_cost():
    flat, errors = bulk_flat(
        {
            **ITEM,
            "provision.1.minutes": "20",
            "provision.1.sessions_a_week": "3",
            "provision.1.weeks": "11",
            "provision.1.hourly_cost": "£18.00",
        }
    )
    assert errors == {}
    assert flat == {
        **ITEM,
        "provision.1.session_length": "20 minutes",
        "provision.1.frequency": "3 times a week",
        "provision.1.cost": "49.50",  # 18 x 20/60 x 3 x 11 / 4
    }


def test_the_dates_give_the_weeks_when_no_weeks_are_given():
    flat, errors = bulk_flat(
        {**ITEM, "provision.1.minutes": "20", "provision.1.sessions_a_week": "3",
         "provision.1.hourly_cost": "18"}
    )  # fmt: skip
    assert errors == {}
    assert flat["provision.1.cost"] == "54.00"  # 12 calendar weeks


def test_the_plans_answers_read_the_filled_row():
    flat, errors = bulk_flat(
        {
            "child_name": "Amara Okafor",
            **ITEM,
            "provision.1.minutes": "30",
            "provision.1.sessions_a_week": "0.5",
            "provision.1.hourly_cost": "20",
        }
    )
    assert errors == {}
    answers, unreadable = flat_answers(DOCUMENT, flat)
    assert unreadable == {}
    validated = validate_answers(DOCUMENT, answers)
    assert "provision" not in validated.errors
    (item,) = validated.answers["provision"]
    assert (item["session_length"], item["frequency"], item["cost"]) == (
        "30 minutes",
        "Once a fortnight",
        "15.00",  # 20 x 30/60 x 0.5 x 12 / 4
    )


def test_the_numbers_need_no_hourly_cost():
    flat, errors = bulk_flat({**ITEM, "provision.1.minutes": "90", "provision.1.weeks": "6"})
    assert errors == {}
    assert flat == {**ITEM, "provision.1.session_length": "1 hour 30 minutes"}


def test_empty_number_cells_are_no_answer():
    flat, errors = bulk_flat({**ITEM, "provision.1.minutes": " ", "provision.1.weeks": None})
    assert (flat, errors) == (ITEM, {})


def test_the_plans_own_words_are_kept_when_they_agree():
    flat, errors = bulk_flat(
        {**ITEM, "provision.1.minutes": "20", "provision.1.session_length": "20 mins",
         "provision.1.sessions_a_week": "2", "provision.1.frequency": "twice weekly",
         "provision.1.weeks": "10", "provision.1.hourly_cost": "24", "provision.1.cost": "40"}
    )  # fmt: skip
    assert errors == {}
    assert flat["provision.1.session_length"] == "20 mins"
    assert flat["provision.1.frequency"] == "twice weekly"
    assert flat["provision.1.cost"] == "40"


def test_words_that_cannot_be_read_are_kept_and_the_number_gives_the_cost():
    flat, errors = bulk_flat(
        {**ITEM, "provision.1.minutes": "20", "provision.1.session_length": "20 minutes, then 5 "
         "at home", "provision.1.sessions_a_week": "1", "provision.1.weeks": "12",
         "provision.1.hourly_cost": "12"}
    )  # fmt: skip
    assert errors == {}
    assert flat["provision.1.session_length"] == "20 minutes, then 5 at home"
    assert flat["provision.1.cost"] == "12.00"


def test_numbers_and_words_that_disagree_are_refused():
    flat, errors = bulk_flat(
        {**ITEM, "provision.2.intervention": "Reading", "provision.2.minutes": "30",
         "provision.2.session_length": "20 minutes", "provision.2.sessions_a_week": "3",
         "provision.2.frequency": "Twice a week"}
    )  # fmt: skip
    assert errors == {
        "provision.2.minutes": [
            "The session length in minutes, 30 minutes, does not match "
            "provision.2.session_length, 20 minutes. Leave one of them empty, or make them agree"
        ],
        "provision.2.sessions_a_week": [
            "The sessions a week, 3 times a week, does not match provision.2.frequency, Twice a "
            "week. Leave one of them empty, or make them agree"
        ],
    }
    assert flat["provision.2.session_length"] == "20 minutes"  # nothing typed is changed


def test_a_cost_that_disagrees_with_the_hourly_cost_is_refused():
    _, errors = bulk_flat(
        {**ITEM, "provision.1.minutes": "20", "provision.1.sessions_a_week": "3",
         "provision.1.weeks": "12", "provision.1.hourly_cost": "18", "provision.1.cost": "60"}
    )  # fmt: skip
    assert errors == {
        "provision.1.hourly_cost": [
            "The cost worked out from the hourly cost, £54.00, does not match provision.1.cost, "
            "60. Leave one of them empty, or make them agree"
        ]
    }


def test_an_hourly_cost_without_the_time_says_what_is_missing():
    row = {key: value for key, value in ITEM.items() if not key.endswith(("start", "end"))}
    _, errors = bulk_flat({**row, "provision.1.hourly_cost": "18"})
    assert errors == {
        "provision.1.hourly_cost": [
            "To work out the cost from the hourly cost, give the session length in minutes "
            "(provision.1.minutes), the sessions a week (provision.1.sessions_a_week) and the "
            "number of weeks (provision.1.weeks) or the start and end dates"
        ]
    }
    _, errors = bulk_flat(
        {**ITEM, "provision.1.session_length": "20 minutes", "provision.1.frequency": "weekly",
         "provision.1.hourly_cost": "18"}
    )  # fmt: skip
    assert errors == {}  # the plan's words give the time


@pytest.mark.parametrize(
    ("part", "value", "message"),
    [
        ("minutes", "ten", "Enter the session length in minutes, as a whole number like 20"),
        ("minutes", "-5", "Enter the session length in minutes, as a whole number like 20"),
        ("minutes", "1e9", "Enter the session length in minutes, as a whole number like 20"),
        ("minutes", "20.5", "Enter the session length in minutes, as a whole number like 20"),
        ("minutes", "0", "The session length must be between 1 and 480 minutes"),
        ("minutes", "481", "The session length must be between 1 and 480 minutes"),
        ("sessions_a_week", "2.3",
         "Enter the sessions a week as a number like 3, or 0.5 for once a fortnight"),
        ("sessions_a_week", "three",
         "Enter the sessions a week as a number like 3, or 0.5 for once a fortnight"),
        ("sessions_a_week", "0", "The sessions a week must be between 0.5 and 25"),
        ("weeks", "0", "The number of weeks must be between 1 and 52"),
        ("weeks", "53", "The number of weeks must be between 1 and 52"),
        ("weeks", "12 weeks", "Enter the number of weeks as a whole number like 12"),
        ("hourly_cost", "1e9", "Enter the hourly cost as an amount of money, like 18.50"),
        ("hourly_cost", "-5", "Enter the hourly cost as an amount of money, like 18.50"),
        ("hourly_cost", "18.555", "Enter the hourly cost as an amount of money, like 18.50"),
        ("hourly_cost", "1000.01", "The hourly cost must be £1,000 or less"),
    ],
)  # fmt: skip
def test_numbers_that_cannot_be_read_are_refused_by_column(part, value, message):
    flat, errors = bulk_flat({**ITEM, f"provision.3.{part}": value})
    assert errors == {f"provision.3.{part}": [message]}
    assert f"provision.3.{part}" not in flat


@pytest.mark.parametrize(
    ("part", "value", "read"),
    [
        ("minutes", "20.0", "20 minutes"),  # a spreadsheet's whole number as a decimal
        ("sessions_a_week", "2.50", "5 times a fortnight"),
        ("sessions_a_week", "5", "Every school day"),
    ],
)
def test_numbers_written_as_decimals_are_read(part, value, read):
    flat, errors = bulk_flat({**ITEM, f"provision.1.{part}": value})
    assert errors == {}
    field = "session_length" if part == "minutes" else "frequency"
    assert flat[f"provision.1.{field}"] == read


def test_a_refused_number_works_out_no_cost_around_it():
    flat, errors = bulk_flat(
        {**ITEM, "provision.1.minutes": "twenty", "provision.1.sessions_a_week": "3",
         "provision.1.hourly_cost": "18"}
    )  # fmt: skip
    assert list(errors) == ["provision.1.minutes"]
    assert "provision.1.cost" not in flat


def test_each_item_is_read_on_its_own_and_the_row_is_not_changed():
    row = {
        **ITEM,
        "provision.2.minutes": "15",
        "provision.12.minutes": "45",
        "provision.12.sessions_a_week": "1",
        "outcomes.1.minutes": "5",  # not provision: left for the plan to refuse
    }
    original = dict(row)
    flat, errors = bulk_flat(row)
    assert row == original
    assert errors == {}
    assert flat["provision.2.session_length"] == "15 minutes"
    assert flat["provision.12.session_length"] == "45 minutes"
    assert flat["provision.12.frequency"] == "Once a week"
    assert flat["outcomes.1.minutes"] == "5"
