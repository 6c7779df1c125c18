"""The date arithmetic in service.dates: bank holidays, working days, weeks, months and today.

Expected dates are worked out by hand (weekday noted beside each) so a regression in the
arithmetic or in the bank-holiday data shows up as a wrong date, not just a changed one.
"""

import datetime
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service import dates

# --- Bank holidays and working days ----------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2022, 9, 19),  # State funeral of Queen Elizabeth II (one-off)
        date(2023, 5, 8),  # Coronation of King Charles III (one-off)
        date(2022, 6, 3),  # Platinum Jubilee (one-off)
        date(2021, 12, 27),  # substitute for Christmas Day on a Saturday
        date(2021, 12, 28),  # substitute for Boxing Day on a Sunday
        date(2022, 1, 3),  # substitute for New Year's Day on a Saturday
        date(2026, 12, 28),  # substitute for Boxing Day on a Saturday
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 8, 31),  # Summer bank holiday (England, not Scotland's)
    ],
)
def test_bank_holidays_include(day):
    assert day in dates.bank_holidays(day.year)
    assert not dates.is_working_day(day)


def test_scottish_only_holidays_are_working_days_in_england():
    # 2 January and St Andrew's Day are Scottish bank holidays only.
    assert dates.is_working_day(date(2026, 1, 2))  # Friday
    assert dates.is_working_day(date(2026, 11, 30))  # Monday


def test_bank_holidays_is_cached_and_frozen():
    first = dates.bank_holidays(2026)
    assert isinstance(first, frozenset)
    assert dates.bank_holidays(2026) is first
    assert len(first) == 9  # 8 annual days plus the Boxing Day substitute on 28 December


def test_weekends_are_not_working_days():
    assert dates.is_working_day(date(2026, 11, 20))  # Friday
    assert not dates.is_working_day(date(2026, 11, 21))  # Saturday
    assert not dates.is_working_day(date(2026, 11, 22))  # Sunday
    assert dates.is_working_day(date(2026, 11, 23))  # Monday


def test_datetime_is_refused():
    # A datetime never equals a date, so it would slip past every bank holiday.
    with pytest.raises(TypeError):
        dates.is_working_day(datetime.datetime(2026, 12, 25, 9, 0))


def test_next_working_day_is_strictly_after():
    assert dates.next_working_day(date(2026, 11, 23)) == date(2026, 11, 24)  # Mon -> Tue
    assert dates.next_working_day(date(2026, 11, 20)) == date(2026, 11, 23)  # Fri -> Mon
    assert dates.next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)  # over Easter


def test_working_day_on_or_after():
    assert dates.working_day_on_or_after(date(2026, 11, 23)) == date(2026, 11, 23)
    assert dates.working_day_on_or_after(date(2026, 11, 21)) == date(2026, 11, 23)


def test_add_working_days_over_a_weekend():
    assert dates.add_working_days(date(2026, 11, 20), 0) == date(2026, 11, 20)
    assert dates.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Fri -> Mon
    assert dates.add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)  # Sat -> Mon
    assert dates.add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 30)  # Mon -> Mon


def test_add_working_days_over_easter():
    # Thu 2 Apr 2026 + 1: Fri 3 (Good Friday), Sat 4, Sun 5, Mon 6 (Easter Monday) skipped.
    assert dates.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_add_working_days_over_christmas_2026():
    # From Wed 23 Dec 2026: Thu 24 (1); Fri 25 Christmas; Sat 26 Boxing Day, so Mon 28 is its
    # substitute; Tue 29 (2); Wed 30 (3).
    assert dates.add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)
    # Going on: Thu 31 (4); Fri 1 Jan New Year's Day; Sat 2, Sun 3; Mon 4 (5); Tue 5 (6).
    assert dates.add_working_days(date(2026, 12, 23), 6) == date(2027, 1, 5)


def test_add_working_days_over_christmas_2021_substitutes():
    # Fri 24 Dec 2021: Sat 25 and Sun 26 fall at a weekend, so Mon 27 and Tue 28 are
    # substitute days; the first working day is Wed 29.
    assert dates.add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)
    # Fri 31 Dec 2021: Sat 1 Jan, Sun 2, Mon 3 (substitute for New Year's Day) -> Tue 4.
    assert dates.add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)


def test_add_working_days_over_one_off_holidays():
    # Fri 16 Sep 2022 -> Mon 19 is the state funeral -> Tue 20.
    assert dates.add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)
    # Fri 5 May 2023 -> Mon 8 is the coronation -> Tue 9.
    assert dates.add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)


def test_add_working_days_rejects_negative():
    with pytest.raises(ValueError, match="zero or more"):
        dates.add_working_days(date(2026, 11, 23), -1)


@settings(deadline=None, max_examples=300)
@given(
    start=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
)
def test_add_working_days_counts_exactly_n_working_days(start, n):
    result = dates.add_working_days(start, n)
    if n == 0:
        assert result == start
        return
    assert dates.is_working_day(result)
    days = (result - start).days
    between = [start + datetime.timedelta(days=i) for i in range(1, days + 1)]
    assert sum(dates.is_working_day(d) for d in between) == n


# --- Weeks and months ------------------------------------------------------------------------


def test_add_weeks():
    assert dates.add_weeks(date(2026, 1, 5), 6) == date(2026, 2, 16)
    assert dates.add_weeks(date(2026, 12, 28), 1) == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # not a leap year
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),  # April has no 31st
        (date(2026, 4, 30), 1, date(2026, 5, 30)),  # same day, not "end of month"
        (date(2026, 12, 31), 1, date(2027, 1, 31)),  # across the year end
        (date(2026, 11, 15), 1, date(2026, 12, 15)),
        (date(2026, 1, 31), 13, date(2027, 2, 28)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_add_months(start, n, expected):
    assert dates.add_months(start, n) == expected


# --- Today in London -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utc_instant", "expected"),
    [
        # British Summer Time: 23:30 UTC is 00:30 the next day in London.
        (datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC), date(2026, 7, 2)),
        # Greenwich Mean Time: London and UTC agree.
        (datetime.datetime(2026, 1, 15, 23, 30, tzinfo=datetime.UTC), date(2026, 1, 15)),
        (datetime.datetime(2026, 7, 1, 22, 59, tzinfo=datetime.UTC), date(2026, 7, 1)),
    ],
)
def test_today_uses_london_time(monkeypatch, utc_instant, expected):
    monkeypatch.setattr(dates, "_utc_now", lambda: utc_instant)
    assert dates.today() == expected


def test_today_without_patching_is_a_date():
    result = dates.today()
    assert type(result) is date
