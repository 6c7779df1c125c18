"""Reading a date from the three boxes of a GOV.UK date input, as forgivingly as is safe.

People type "May", "sept" or "12th", put spaces round a number or a nought in front of it;
each of these means one date and is read as it. Anything that could mean more than one date
(a year of 2 numbers, a day of 32) is a problem, and the problem names the boxes at fault, in
the order the GOV.UK Design System checks them: missing parts, parts that cannot be right, a
year without 4 numbers, then a date that does not exist (31 February).
"""

import calendar
import datetime
import re
from typing import NamedTuple

PARTS = ("day", "month", "year")

# January and Jan, ..., and Sept as well as Sep: the names and short names people write.
MONTHS = {
    **{calendar.month_name[number].casefold(): number for number in range(1, 13)},
    **{calendar.month_abbr[number].casefold(): number for number in range(1, 13)},
    "sept": 9,
}
# ASCII digits only (int() reads other scripts' digits too), and few of them after any
# noughts: int() refuses a number of thousands of digits with an exception.
_DAY = re.compile(r"0*([0-9]{1,2})(?:st|nd|rd|th)?", re.IGNORECASE)  # 07, 7 or 7th
_MONTH_NUMBER = re.compile(r"0*([0-9]{1,2})")
_YEAR = re.compile(r"[0-9]{4}")

# What went wrong, from first to check to last.
EMPTY, MISSING, NOT_REAL, YEAR_DIGITS, IMPOSSIBLE = (
    "empty",
    "missing",
    "not real",
    "year digits",
    "impossible",
)


class Reading(NamedTuple):
    """A date read from the boxes, or the problem (`kind`) and the boxes it is about."""

    date: datetime.date | None = None
    kind: str | None = None
    parts: tuple[str, ...] = ()


def read(day, month, year):
    """The date typed in the three boxes, or what is wrong with it and where."""
    typed = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
    missing = tuple(part for part in PARTS if not typed[part])
    if len(missing) == len(PARTS):
        return Reading(kind=EMPTY, parts=PARTS)
    if missing:
        return Reading(kind=MISSING, parts=missing)
    day_number, month_number = _day(typed["day"]), _month(typed["month"])
    wrong = tuple(
        part
        for part, number, most in (("day", day_number, 31), ("month", month_number, 12))
        if number is None or not 1 <= number <= most
    )
    if wrong:
        return Reading(kind=NOT_REAL, parts=wrong)
    if not _YEAR.fullmatch(typed["year"]):
        return Reading(kind=YEAR_DIGITS, parts=("year",))
    try:
        return Reading(date=datetime.date(int(typed["year"]), month_number, day_number))
    except ValueError:  # 31 February, or the year 0000
        return Reading(kind=IMPOSSIBLE, parts=PARTS)


def _day(text):
    match = _DAY.fullmatch(text)
    return int(match.group(1)) if match else None


def _month(text):
    match = _MONTH_NUMBER.fullmatch(text)
    if match:
        return int(match.group(1))
    return MONTHS.get(text.casefold().removesuffix("."))


def missing_words(parts):
    """('day', 'month') -> 'a day and month', as in 'must include a day and month'."""
    return "a " + " and ".join(parts)
