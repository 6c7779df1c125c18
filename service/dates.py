"""Date arithmetic any document may use: working days, bank holidays, months and "today".

Deadlines are only as good as the calendar behind them. Everything here is for England (and
Wales, which shares its bank holidays); what a deadline *is* belongs to the documents.
"""

import calendar
import contextlib
import contextvars
import datetime
import functools
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@functools.cache
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """England and Wales bank holidays in `year`, including substitute and one-off days.

    Comes from the pinned `holidays` package; one-off days announced after its release are
    missing until it is upgraded, so upgrade it when a new one is announced.
    """
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def require_date(d) -> None:
    # A datetime is a date subclass but never equals one, so it would silently miss every bank
    # holiday; refuse it rather than give a wrong deadline.
    if isinstance(d, datetime.datetime) or not isinstance(d, datetime.date):
        raise TypeError(f"expected a datetime.date, got {type(d).__name__}")


def is_working_day(d: datetime.date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    require_date(d)
    return d.weekday() < 5 and d not in bank_holidays(d.year)


def next_working_day(d: datetime.date) -> datetime.date:
    """The first working day strictly after `d`."""
    require_date(d)
    d += datetime.timedelta(days=1)
    while not is_working_day(d):
        d += datetime.timedelta(days=1)
    return d


def working_day_on_or_after(d: datetime.date) -> datetime.date:
    """`d` if it is a working day, otherwise the next one."""
    return d if is_working_day(d) else next_working_day(d)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The date `n` working days after `start`; `start` itself is not counted."""
    require_date(start)
    if n < 0:
        raise ValueError("n must be zero or more")
    d = start
    for _ in range(n):
        d = next_working_day(d)
    return d


def add_weeks(start: datetime.date, n: int) -> datetime.date:
    """`n` calendar weeks after `start`."""
    require_date(start)
    return start + datetime.timedelta(weeks=n)


def add_months(start: datetime.date, n: int) -> datetime.date:
    """`n` calendar months after `start`, as the ICO counts a month.

    The same day number in the later month, or that month's last day if it is shorter
    (31 January + 1 month = 28 or 29 February).
    """
    require_date(start)
    month_index = start.year * 12 + (start.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


# The day a document was made, while its dates are worked out again later: a letter dated by
# the day it is made counts its deadlines from that day, not from the day someone looks back.
_made_on = contextvars.ContextVar("made_on", default=None)


def today() -> datetime.date:
    """Today's date in England (or the day given to `as_of`, within it).

    Servers usually run on UTC; between midnight and 1am in summer that is still yesterday,
    which would put the wrong date on a letter and on every deadline counted from it.
    """
    return _made_on.get() or _utc_now().astimezone(LONDON).date()


@contextlib.contextmanager
def as_of(day):
    """Work out dates as if today were `day` (None: the real today), such as a letter's
    reply-by date on "Your documents" weeks after it was made."""
    token = _made_on.set(day)
    try:
        yield
    finally:
        _made_on.reset(token)


def long_date(value) -> str:
    """A date, or an ISO date string, as a UK reader writes it: '4 March 2026'."""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"
