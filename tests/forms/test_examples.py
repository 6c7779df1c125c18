"""Example answers read true whatever day they are read on: their dates move with today, a
child's year group fits their date of birth, nothing that has happened is in the future, and
nothing a letter acts on is stale."""

import datetime

import pytest

from forms import CATALOGUE
from forms.common import EXAMPLES_WRITTEN, example_answers
from forms.vocabulary import school_year, usual_school_year
from service import dates
from service.answers import validate_answers

DOCUMENTS = {document.slug: document for document in CATALOGUE}
# Days across a school year and the next, either side of 1 September and of New Year.
READ_ON = [
    EXAMPLES_WRITTEN,
    datetime.date(2027, 3, 17),
    datetime.date(2027, 8, 30),
    datetime.date(2027, 9, 6),
    datetime.date(2028, 1, 4),
]
# Answers about what is planned: they may lie ahead of the day the example is read (a letter
# is sent today or later).
AHEAD = {
    "sen-support-plan": {"review_1", "due", "end"},
    "sen-support-review": {"next_review", "due"},
    "ehc-needs-assessment-request": {"sent_on"},
    "records-request": {"sent_on"},
}
TIED_TO_SCHOOL_YEARS = {"child_dob", "records_from"}
# A letter acts on recent events: the latest is this recent, and none is older than a year;
# a letter chasing a missed time limit acts on a request made months ago.
LATEST_WITHIN = datetime.timedelta(weeks=10)
LATEST_WITHIN_FOR = {"missed-deadline-letter": datetime.timedelta(weeks=30)}
OLDEST_WITHIN = datetime.timedelta(days=400)


def dated_answers(value, key=None):
    """(answer name, date) for every ISO date in the answers, in lists and groups too."""
    if isinstance(value, dict):
        return [found for name, item in value.items() for found in dated_answers(item, name)]
    if isinstance(value, list):
        return [found for item in value for found in dated_answers(item, key)]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return [(key, datetime.date.fromisoformat(value))]
    return []


@pytest.fixture(params=READ_ON, ids=str)
def read_on(request, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: request.param)
    return request.param


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_example_is_valid_on_any_day(slug, read_on):
    validated = validate_answers(DOCUMENTS[slug], DOCUMENTS[slug].example)
    assert validated.errors == {}


# The examples that give both a date of birth and a year group.
WITH_YEAR_GROUP = [
    slug
    for slug in DOCUMENTS
    if {"child_dob", "year_group"} <= set(example_answers(slug, on=EXAMPLES_WRITTEN))
]


@pytest.mark.parametrize("slug", WITH_YEAR_GROUP)
def test_year_group_is_the_usual_one_for_the_date_of_birth(slug, read_on):
    example = DOCUMENTS[slug].example
    born = datetime.date.fromisoformat(example["child_dob"])
    assert school_year(example["year_group"]) == usual_school_year(born, read_on)


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_no_event_is_in_the_future_or_stale(slug, read_on):
    found = dated_answers(DOCUMENTS[slug].example)
    events = [
        (name, day)
        for name, day in found
        if name not in TIED_TO_SCHOOL_YEARS and name not in AHEAD.get(slug, ())
    ]
    assert [(name, day) for name, day in events if day > read_on] == []
    assert [(name, day) for name, day in events if read_on - day > OLDEST_WITHIN] == []
    if events:
        latest = max(day for _, day in events)
        assert read_on - latest <= LATEST_WITHIN_FOR.get(slug, LATEST_WITHIN)


# Christmas and Easter, when a date moved by whole weeks can land on a bank holiday.
HOLIDAY_SEASONS = [datetime.date(2029, 12, 1) + datetime.timedelta(days=n) for n in range(50)] + [
    datetime.date(2030, 4, 1) + datetime.timedelta(days=n) for n in range(30)
]


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_working_days_stay_working_days_and_the_example_stays_valid(slug, monkeypatch):
    written = dated_answers(example_answers(slug, on=EXAMPLES_WRITTEN))
    for read_on in HOLIDAY_SEASONS:
        monkeypatch.setattr(dates, "today", lambda read_on=read_on: read_on)
        example = DOCUMENTS[slug].example
        for (name, before), (_, after) in zip(written, dated_answers(example), strict=True):
            if name not in TIED_TO_SCHOOL_YEARS and dates.is_working_day(before):
                assert dates.is_working_day(after), (read_on, name, after)
        assert validate_answers(DOCUMENTS[slug], example).errors == {}, read_on


def test_dates_move_by_whole_weeks_and_birthdays_by_school_years():
    slug, a_year_on = "missed-deadline-letter", EXAMPLES_WRITTEN + datetime.timedelta(366)
    written = example_answers(slug, on=EXAMPLES_WRITTEN)
    a_year_on = example_answers(slug, on=a_year_on)
    born, later = (datetime.date.fromisoformat(e["child_dob"]) for e in (written, a_year_on))
    assert (later.year - born.year, later.month, later.day) == (1, born.month, born.day)
    sent = [datetime.date.fromisoformat(e["sent_on"]) for e in (written, a_year_on)]
    assert (sent[1] - sent[0]).days % 7 == 0
    assert sent[1] > sent[0]


def test_most_examples_are_checked_for_year_group():
    assert len(WITH_YEAR_GROUP) >= 4


def test_each_read_is_a_fresh_copy():
    document = DOCUMENTS["complaint"]
    document.example["child_name"] = "Changed"
    assert document.example["child_name"] != "Changed"
