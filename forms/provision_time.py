"""How long and how often a kind of provision runs, and what it costs, both as numbers and as
the words a plan shows.

A school's register gives provision as numbers (a session's minutes, sessions a week, weeks and
the staff member's hourly cost); the plan keeps free text for how often and how long ("3 times
a week", "20 minutes"). `bulk_flat` turns the numbers of a register row into the plan's own
answers, and the provision map reads the words back (`sessions_a_week`, `minutes_of`), never
guessing: words it cannot be sure of give None, and the map shows them as they were written.
"""

import datetime
import decimal
import math
import re
from dataclasses import dataclass, field

SESSION_MINUTES = (1, 480)  # a minute to a whole school day
SESSIONS_A_WEEK = (0.5, 25)  # once a fortnight to five times every school day
WEEKS = (1, 52)
HIGHEST_HOURLY_COST = 1000
SCHOOL_DAYS_A_WEEK = 5
PENNY = decimal.Decimal("0.01")
EXTRAS = ("minutes", "sessions_a_week", "weeks", "hourly_cost")

# --- Words from numbers -----------------------------------------------------------------------


def frequency_words(sessions):
    """Sessions a week as a plan says them: 'Once a week', 'Twice a week', '3 times a week',
    'Every school day'; half numbers per fortnight ('Once a fortnight', '3 times a
    fortnight'), which `sessions_a_week` reads back to the same number."""
    sessions = decimal.Decimal(str(sessions))
    if sessions == SCHOOL_DAYS_A_WEEK:
        return "Every school day"
    if sessions != sessions.to_integral_value():
        return f"{_times(int(sessions * 2))} a fortnight"
    return f"{_times(int(sessions))} a week"


def _times(count):
    return {1: "Once", 2: "Twice"}.get(count, f"{count} times")


def session_words(minutes):
    """'20 minutes', '1 hour', '1 hour 15 minutes', '2 hours'."""
    hours, minutes = divmod(int(minutes), 60)
    parts = [f"{hours} hour" + ("s" if hours > 1 else "")] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute" + ("s" if minutes != 1 else ""))
    return " ".join(parts)


# --- Numbers from words -----------------------------------------------------------------------

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}  # fmt: skip
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
_COUNT = r"(?P<count>[0-9]{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
_PER = r"(?:a|per|each|every|a school|per school|each school|every school)"
# Counted per week, per fortnight, or per school day.
_FREQUENCY = [
    (re.compile(r"(?:once )?(?:weekly|" + _PER + r" week)"), 1),
    (re.compile(r"twice (?:weekly|" + _PER + r" week)"), 2),
    (re.compile(_COUNT + r" ?(?:times|x|sessions?|days?|lessons?) ?(?:weekly|" + _PER + r" week)"),
     1),
    (re.compile(r"(?:once )?(?:fortnightly|" + _PER + r" fortnight)|every (?:two|2|other) weeks?"),
     0.5),
    (re.compile(r"twice (?:fortnightly|" + _PER + r" fortnight)"), 1),
    (re.compile(_COUNT + r" ?(?:times|x|sessions?) ?(?:fortnightly|" + _PER + r" fortnight)"),
     0.5),
    (re.compile(r"daily|every ?day|each day|every school day|each school day|every weekday|"
                r"(?:every|each) (?:morning|afternoon|lunchtime|lunch time)|once (?:daily|"
                + _PER + r" day)"), SCHOOL_DAYS_A_WEEK),
    (re.compile(r"twice (?:daily|" + _PER + r" day)"), 2 * SCHOOL_DAYS_A_WEEK),
    (re.compile(_COUNT + r" ?(?:times|x|sessions?) ?(?:daily|" + _PER + r" day)"),
     SCHOOL_DAYS_A_WEEK),
]  # fmt: skip


def _plain(text):
    """Lower case, one space between words, no full stop or spaces around it; '3 x weekly'
    and '3x weekly' alike."""
    text = re.sub(r"\s+", " ", str(text or "")).strip().lower().rstrip(".")
    return re.sub(r"([0-9]) x\b", r"\1x", text)


def sessions_a_week(text):
    """How many sessions a week the words say: 'once a week' and 'weekly' 1, 'twice a week'
    2, '3 times a week', 'three times a week', '3x weekly', 'every school day', 'daily' and
    'each morning' 5, 'fortnightly' 0.5, 'Mondays and Thursdays' 2. None when not sure
    ('most days', 'as needed', 'monthly', '2 or 3 times a week')."""
    words = _plain(text)
    for pattern, each in _FREQUENCY:
        match = pattern.fullmatch(words)
        if match:
            count = match.groupdict().get("count")
            number = _count(count) if count else 1
            sessions = number * each
            return int(sessions) if float(sessions).is_integer() else sessions
    return _weekdays(words)


def _count(word):
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _weekdays(words):
    """'Mondays and Thursdays', 'Monday, Wednesday and Friday': the days named, each once."""
    parts = [part for part in re.split(r",? and |, ", words.removeprefix("on ")) if part]
    days = {part.removesuffix("s") for part in parts}
    if parts and days <= set(_DAYS) and len(days) == len(parts):
        return len(days)
    return None


_HOURS = r"(?:hours?|hrs?|h)"
_MINUTES = r"(?:minutes?|mins?|m)"
_AMOUNT = r"(?P<{}>[0-9]+(?:\.[0-9]+)?|" + "|".join(_NUMBER_WORDS) + ")"
_DURATION = [
    re.compile(r"(?P<minutes>[0-9]+)"),  # a number alone is minutes, as the hint gives them
    re.compile(_AMOUNT.format("minutes") + rf" ?-? ?{_MINUTES}"),
    re.compile(_AMOUNT.format("hours") + rf" ?{_HOURS}"),
    re.compile(_AMOUNT.format("hours") + rf" ?{_HOURS},? (?:and )?"
               + _AMOUNT.format("minutes") + rf" ?{_MINUTES}"),
    re.compile(r"(?P<half>half an hour|half hour|(?:a )?quarter of an hour|three quarters of "
               r"an hour)"),
    re.compile(_AMOUNT.format("hours") + rf" ?{_HOURS} and a (?P<and_half>half|quarter)"),
]  # fmt: skip
_PARTS_OF_AN_HOUR = {
    "half an hour": 30, "half hour": 30, "quarter of an hour": 15, "a quarter of an hour": 15,
    "three quarters of an hour": 45, "half": 30, "quarter": 15,
}  # fmt: skip


def minutes_of(text):
    """A session's length in whole minutes: '20 minutes', '20 mins', '45 min', '20', '1 hour',
    'an hour', '1.5 hours', 'half an hour', '1 hour 15 minutes'. None when not sure ('20 to 30
    minutes', 'up to an hour', 'a morning') or not a whole number of minutes."""
    words = _plain(text)
    for pattern in _DURATION:
        match = pattern.fullmatch(words)
        if match:
            return _whole_minutes(match.groupdict())
    return None


def _whole_minutes(parts):
    if parts.get("half"):
        return _PARTS_OF_AN_HOUR[parts["half"]]
    total = decimal.Decimal(0)
    if parts.get("hours"):
        total += _amount(parts["hours"]) * 60
    if parts.get("minutes"):
        total += _amount(parts["minutes"])
    if parts.get("and_half"):
        total += _PARTS_OF_AN_HOUR[parts["and_half"]]
    if total <= 0 or total != total.to_integral_value():
        return None
    return int(total)


def _amount(word):
    return decimal.Decimal(_NUMBER_WORDS.get(word, word))


# --- Cost and weeks ---------------------------------------------------------------------------


def pupil_cost(hourly_cost, minutes, sessions, weeks, group_size):
    """One pupil's share of a provision's cost for the plan, to the penny (half up). One adult
    runs the whole group, so the staff time is shared: each of its pupils carries the cost of
    the sessions divided by the group size, and the group's shares add up to the adult's."""
    hourly = decimal.Decimal(str(hourly_cost))
    staff = hourly * int(minutes) * decimal.Decimal(str(sessions)) * int(weeks)
    share = staff / (60 * int(group_size))
    return share.quantize(PENNY, rounding=decimal.ROUND_HALF_UP)


def weeks_between(start, end):
    """The calendar weeks a provision's dates touch, at least 1: 21 September to 11 December
    2026 is 12. Holidays count too (that term has a half-term week), so a register's weeks
    column, which can leave them out, says more than the dates do."""
    days = (end - start).days + 1
    return max(1, math.ceil(days / 7))


# --- A register row's provision numbers -------------------------------------------------------

_EXTRA_KEY = re.compile(r"provision\.(?P<index>[0-9]{1,9})\.(?P<part>" + "|".join(EXTRAS) + ")")
_WHOLE = re.compile(r"[0-9]{1,9}(?:\.0+)?")
_HALVES = re.compile(r"[0-9]{1,9}(?:\.[05]0*)?")
_MONEY = re.compile(
    r"£?(?P<pounds>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,9})(?:\.(?P<pence>[0-9]{1,2}))?"
)
_UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
MESSAGES = {
    "minutes": "Enter the session length in minutes, as a whole number like 20",
    "sessions_a_week": "Enter the sessions a week as a number like 3, or 0.5 for once a fortnight",
    "weeks": "Enter the number of weeks as a whole number like 12",
    "hourly_cost": "Enter the hourly cost as an amount of money, like 18.50",
}
RANGES = {
    "minutes": f"The session length must be between {SESSION_MINUTES[0]} and "
    f"{SESSION_MINUTES[1]} minutes",
    "sessions_a_week": f"The sessions a week must be between {SESSIONS_A_WEEK[0]} and "
    f"{SESSIONS_A_WEEK[1]}",
    "weeks": f"The number of weeks must be between {WEEKS[0]} and {WEEKS[1]}",
    "hourly_cost": f"The hourly cost must be £{HIGHEST_HOURLY_COST:,} or less",
}


def bulk_flat(flat):
    """(the row's flat values for the plan, errors) from a register row whose provision may be
    given as numbers: `provision.N.minutes`, `.sessions_a_week`, `.weeks` and `.hourly_cost`.

    The numbers become the plan's own `provision.N.session_length` and `.frequency` (in words
    that `minutes_of` and `sessions_a_week` read back to the same number) and `.cost` (the
    pupil's share, `pupil_cost`, over the weeks given or else the dates' calendar weeks); the
    four number columns are taken out. Nothing typed is lost or changed: the plan's own words,
    when given, are kept, and words that say a different number than the column are refused,
    as is a cost that differs from the one the hourly cost gives. A number that cannot be read
    is refused too. Errors are {column: [message]}, such as {"provision.2.minutes": ["Enter
    the session length in minutes, as a whole number like 20"]}: the row is refused with
    them, as with the plan's own messages."""
    flat = dict(flat)
    errors = {}
    given = {}
    for key in [key for key in flat if isinstance(key, str)]:
        match = _EXTRA_KEY.fullmatch(key)
        if match:
            value = flat.pop(key)
            if value is not None and str(value).strip():
                given.setdefault(match["index"], {})[match["part"]] = str(value).strip()
    for index, numbers in given.items():
        _Item(flat, errors, f"provision.{index}.").fill(numbers)
    return flat, errors


def _number(part, raw):
    """The number in a cell, or the message saying what to write."""
    text = raw.replace(" ", "")
    if part == "hourly_cost":
        value = _money(text)
        if value is None:
            return MESSAGES[part]
        return value if value <= HIGHEST_HOURLY_COST else RANGES[part]
    pattern = _HALVES if part == "sessions_a_week" else _WHOLE
    if not pattern.fullmatch(text):
        return MESSAGES[part]
    value = decimal.Decimal(text)
    low, high = {"minutes": SESSION_MINUTES, "sessions_a_week": SESSIONS_A_WEEK}.get(part, WEEKS)
    if not low <= value <= high:
        return RANGES[part]
    return int(value) if value == value.to_integral_value() else float(value)


# For minutes and sessions a week: what they are called, their words, and reading them back.
_WORDS = {
    "minutes": ("the session length in minutes", "session_length", session_words, minutes_of),
    "sessions_a_week": ("the sessions a week", "frequency", frequency_words, sessions_a_week),
}


@dataclass
class _Item:
    """One provision item of a row: its flat values (shared with the row), and the errors."""

    flat: dict
    errors: dict
    prefix: str  # "provision.2."
    read: dict = field(default_factory=dict)

    def own(self, name):
        return str(self.flat.get(self.prefix + name) or "").strip()

    def refuse(self, part, message):
        self.errors[self.prefix + part] = [message]

    def fill(self, numbers):
        for part, raw in numbers.items():
            value = _number(part, raw)
            if isinstance(value, str):
                self.refuse(part, value)
            else:
                self.read[part] = value
        minutes = self.agreed("minutes")
        sessions = self.agreed("sessions_a_week")
        # A number refused already refuses the row: no cost is worked out around it.
        refused = any(self.prefix + part in self.errors for part in EXTRAS)
        if "hourly_cost" in self.read and not refused:
            self.cost(minutes, sessions)

    def agreed(self, part):
        """The number for `part` (minutes or sessions a week), from its column or else the
        plan's own words; the words are written from the column when the plan gives none.
        Words that say another number are refused; words that cannot be read are kept as
        they are, and the column counts for the cost."""
        name, question, words_for, reader = _WORDS[part]
        words, number = self.own(question), self.read.get(part)
        if number is None:
            return reader(words) if words else None
        if not words:
            self.flat[self.prefix + question] = words_for(number)
            return number
        said = reader(words)
        if said is not None and said != number:
            self.refuse(
                part,
                f"{name.capitalize()}, {words_for(number).lower()}, does not match "
                f"{self.prefix}{question}, {words[:60]}. Leave one of them empty, or make "
                "them agree",
            )
        return number

    def cost(self, minutes, sessions):
        """The pupil's share from the hourly cost, into the plan's cost, or why it cannot
        be."""
        weeks = self.read.get("weeks") or _weeks_of_dates(self.own("start"), self.own("end"))
        prefix = self.prefix
        missing = [
            words
            for value, words in (
                (minutes, f"the session length in minutes ({prefix}minutes)"),
                (sessions, f"the sessions a week ({prefix}sessions_a_week)"),
                (weeks, f"the number of weeks ({prefix}weeks) or the start and end dates"),
            )
            if value is None
        ]
        if missing:
            self.refuse(
                "hourly_cost", f"To work out the cost from the hourly cost, give {_and(missing)}"
            )
            return
        size = self.own("group_size")
        if weeks is _UNREADABLE or not size.isdigit() or int(size) < 1:
            return  # the plan's own questions refuse these, with their own messages
        cost = pupil_cost(self.read["hourly_cost"], minutes, sessions, weeks, int(size))
        written = self.own("cost")
        if not written:
            self.flat[prefix + "cost"] = str(cost)
            return
        given = _money(written)
        if given is not None and given != cost:
            self.refuse(
                "hourly_cost",
                f"The cost worked out from the hourly cost, £{cost:,}, does not match "
                f"{prefix}cost, {written[:30]}. Leave one of them empty, or make them agree",
            )


def _money(text):
    """'£1,200.5' -> Decimal('1200.50'); None if it is not an amount of money."""
    match = _MONEY.fullmatch(text.replace(" ", ""))
    if not match:
        return None
    pence = (match["pence"] or "").ljust(2, "0")
    return decimal.Decimal(f"{int(match['pounds'].replace(',', ''))}.{pence}")


_UNREADABLE = object()  # dates the plan's own questions will refuse


def _weeks_of_dates(start, end):
    start, end = _date(start), _date(end)
    if start is None or end is None:
        return None
    if _UNREADABLE in (start, end) or end <= start:
        return _UNREADABLE
    return weeks_between(start, end)


def _date(text):
    if not text:
        return None
    try:
        uk = _UK_DATE.fullmatch(text)
        if uk:
            day, month, year = (int(part) for part in uk.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text)
    except ValueError:
        return _UNREADABLE


def _and(items):
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
