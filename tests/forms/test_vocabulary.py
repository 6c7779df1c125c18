"""One vocabulary: a fact more than one document asks has one name, listed in the glossary
(docs/glossary.md), and one kind of answer, whatever the document."""

import collections
import datetime
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from forms import CATALOGUE
from forms import vocabulary as v
from forms.vocabulary import school_year, usual_school_year
from service import dates
from service.answers import validate_answers

GLOSSARY_PAGE = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"


class Concept(NamedTuple):
    name: str
    meaning: str
    used_by: tuple[str, ...]
    replaces: tuple[str, ...]


def read_glossary(text):
    """The rows of the glossary's table: | `name` | meaning | `slug`, ... | `old`, ... |"""
    concepts = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            name, meaning, used_by, replaces = cells
            concepts.append(
                Concept(
                    name.strip("`"),
                    meaning,
                    tuple(re.findall(r"`([^`]+)`", used_by)),
                    tuple(re.findall(r"`([^`]+)`", replaces)),
                )
            )
    return concepts


GLOSSARY = read_glossary(GLOSSARY_PAGE.read_text(encoding="utf-8"))
GLOSSARY_NAMES = {concept.name for concept in GLOSSARY}


def fields_of(document):
    """{name: type} of every question the document asks."""
    return {
        field.short_name: field.type_name
        for step in document.steps
        for field in step.prototype().answer_fields()
    }


@pytest.fixture
def fields():
    return {document.slug: fields_of(document) for document in CATALOGUE}


def test_a_name_two_documents_use_is_in_the_glossary(fields):
    uses = collections.Counter(name for names in fields.values() for name in names)
    shared = {name for name, count in uses.items() if count > 1}
    assert shared - GLOSSARY_NAMES == set()


def test_no_document_uses_a_name_the_glossary_replaced(fields):
    replaced = {old: concept.name for concept in GLOSSARY for old in concept.replaces}
    misnamed = [
        f"{slug} calls {name} what the glossary calls {replaced[name]}"
        for slug, names in fields.items()
        for name in names
        if name in replaced
    ]
    assert misnamed == []


def test_one_name_is_one_kind_of_answer_everywhere(fields):
    kinds = collections.defaultdict(set)
    for names in fields.values():
        for name, kind in names.items():
            kinds[name].add(kind)
    assert {name: kind for name, kind in kinds.items() if len(kind) > 1} == {}


def test_the_glossary_names_each_fact_once():
    names = [concept.name for concept in GLOSSARY]
    replaced = [old for concept in GLOSSARY for old in concept.replaces]
    assert len(names) == len(set(names))
    assert len(replaced) == len(set(replaced))
    assert set(names).isdisjoint(replaced)
    assert all(concept.meaning.endswith(".") for concept in GLOSSARY)


def test_the_glossary_says_which_documents_use_each_name(fields):
    for concept in GLOSSARY:
        users = tuple(slug for slug, names in fields.items() if concept.name in names)
        assert concept.used_by == users, f"{concept.name}: write `{'`, `'.join(users)}`"


def test_the_glossary_catches_a_document_that_uses_an_old_name():
    replaced = {old for concept in GLOSSARY for old in concept.replaces}
    assert {"pupil_name", "yp_name", "parent_name", "after_five", "send_date"} <= replaced
    assert len(GLOSSARY) > 25  # the table was read


@pytest.mark.parametrize(
    ("text", "year"),
    [("Year 4", 4), ("year 11", 11), ("Y6", 6), ("4", 4), ("Reception", 0), ("R", 0)],
)
def test_plain_year_groups_are_read(text, year):
    assert school_year(text) == year


@pytest.mark.parametrize("text", ["Key Stage 2", "Year 6 (taught with Year 5)", "left in 2024", ""])
def test_anything_else_is_taken_as_written(text):
    assert school_year(text) is None


@pytest.mark.parametrize(
    ("born", "on", "year"),
    [
        ("2017-09-01", "2022-09-05", 0),  # the oldest in the year: Reception at 5
        ("2018-08-31", "2022-09-05", 0),  # the youngest: Reception at 4
        ("2018-09-01", "2022-09-05", -1),  # not yet at school
        ("2017-02-14", "2026-03-04", 4),
        ("2010-01-01", "2026-03-04", 11),
    ],
)
def test_the_usual_year_group_follows_the_english_school_year(born, on, year):
    assert (
        usual_school_year(datetime.date.fromisoformat(born), datetime.date.fromisoformat(on))
        == year
    )


# The letters that ask when they will be sent (the missed-deadline letter's sent_on is when
# an earlier request was sent).
SENT_ON_A_DAY = [
    d for d in CATALOGUE if d.slug in ("ehc-needs-assessment-request", "records-request")
]


@pytest.mark.parametrize("document", SENT_ON_A_DAY, ids=lambda d: d.slug)
@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-1, "must be today or in the future"),
        (0, None),
        (90, None),
        (91, "must be the same as or before"),
    ],
)
def test_a_letter_is_sent_today_or_in_the_next_90_days(document, days, message, monkeypatch):
    today = datetime.date(2026, 12, 1)
    monkeypatch.setattr(dates, "today", lambda: today)
    sent_on = (today + datetime.timedelta(days=days)).isoformat()
    errors = validate_answers(document, {**document.example, "sent_on": sent_on}).errors
    found = " ".join(" ".join(messages) for messages in errors.values())
    if message is None:
        assert "sent_on" not in errors
    else:
        assert message in found


@pytest.mark.parametrize(
    ("year_group", "year"),
    [
        ("Year 4", 4), ("13", 13), ("Reception", 0),
        ("Lower sixth", 12), ("L6", 12), ("lower 6th", 12), ("Upper sixth", 13), ("U6", 13),
        ("Sixth form", 12), ("6th form", 12), ("Year 12/13", 12), ("Y12-13", 12),
        ("Year 12, taught with Year 11", 12), ("Y6 in a Year 5 class", 6),
        ("Post-16", None), ("Willow (mixed Years 4 and 5)", None),
        ("Sixth-form college link course", None), ("", None), (None, None),
    ],
)  # fmt: skip
def test_a_year_group_in_the_words_schools_use(year_group, year):
    assert v.year_group_number(year_group) == year


@pytest.mark.parametrize(
    ("answers", "young"),
    [
        ({"year_group": "Year 12"}, True),
        ({"year_group": "Year 11"}, False),
        # Words that name a year decide, whatever the date of birth.
        ({"year_group": "Lower sixth", "child_dob": "2016-11-03"}, True),
        # Otherwise the date of birth, on the day given: born March 2010, Year 12 from September.
        ({"year_group": "Post-16", "child_dob": "2010-03-01"}, True),
        ({"year_group": "Post-16", "child_dob": "2011-03-01"}, False),
        ({"child_dob": "2010-03-01"}, True),
        ({}, False),
    ],
)
def test_a_young_person_is_in_year_12_or_above(answers, young, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 12, 1))
    assert v.is_young_person(answers) is young
    if "child_dob" in answers and v.year_group_number(answers.get("year_group")) is None:
        assert v.is_young_person(answers, on="2026-06-01") is False  # still in Year 11


# --- A date of birth and the year group given with it ----------------------------------------


class Child(Form):
    child_dob = v.child_dob()
    year_group = v.year_group(required=False)


class ChildWithoutYearGroup(Form):
    child_dob = v.child_dob()


def child_errors(born, year_group, on=datetime.date(2026, 12, 1)):
    """The date of birth's errors on the day `on`, the answers posted as a browser would."""
    day = datetime.date.fromisoformat(born)
    posted = [("child_dob", str(day.day)), ("child_dob", str(day.month))]
    posted += [("child_dob", str(day.year)), ("year_group", year_group)]
    form = Child(formdata=MultiDict(posted))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "today", lambda: on)
        form.validate()
    return form.child_dob.errors


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [
        (5, "2014-09-01", "2019-08-31"),  # the example in 2026/27: usually born 2016/17
        (0, "2019-09-01", "2024-08-31"),  # Reception
        (13, "2006-09-01", "2011-08-31"),
    ],
)
def test_the_dates_of_birth_for_a_year_group_follow_the_english_school_year(year, first, last):
    for on in (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31)):  # one school year
        assert v.born_for_year_group(year, on, spread=2) == (
            datetime.date.fromisoformat(first),
            datetime.date.fromisoformat(last),
        )
    assert v.born_for_year_group(5, datetime.date(2026, 12, 1)) == (
        datetime.date(2016, 9, 1),
        datetime.date(2017, 8, 31),
    )


@pytest.mark.parametrize(
    ("born", "year_group"),
    [
        ("2016-11-03", "Year 5"),  # the usual year
        ("2014-09-01", "Year 5"),  # two years older than most of the year group
        ("2019-08-31", "Year 5"),  # two years younger
        ("2021-03-14", "Reception"),
        ("2008-10-01", "Year 14"),  # some special schools have one
        ("2012-01-01", "Year 5 (taught with Year 5)"),  # said as the message asks
        ("2012-01-01", "Nursery"),  # no year to check against
        ("2012-01-01", "Post-16"),
        ("2012-01-01", ""),
    ],
)
def test_a_date_of_birth_up_to_two_school_years_from_the_year_group_is_accepted(born, year_group):
    assert child_errors(born, year_group) == []


@pytest.mark.parametrize(
    ("born", "year_group", "message"),
    [
        (
            "2014-08-31",
            "Year 5",
            "Date of birth must be between 1 September 2014 and 31 August 2019 for a child in "
            "Year 5. Check the date of birth and the year group. If both are right, say so "
            "after the year group, like 'Year 5, taught out of year group'",
        ),
        (
            "2019-09-01",
            "Y5",
            "Date of birth must be between 1 September 2014 and 31 August 2019 for a child in "
            "Year 5. Check the date of birth and the year group. If both are right, say so "
            "after the year group, like 'Year 5, taught out of year group'",
        ),
        (
            "2016-11-03",
            "Reception",
            "Date of birth must be between 1 September 2019 and 31 August 2024 for a child in "
            "Reception. Check the date of birth and the year group. If both are right, say so "
            "after the year group, like 'Reception, taught out of year group'",
        ),
        (
            "2016-11-03",
            "Year 12",
            "Date of birth must be between 1 September 2007 and 31 August 2012 for a young "
            "person in Year 12. Check the date of birth and the year group. If both are right, "
            "say so after the year group, like 'Year 12, taught out of year group'",
        ),
    ],
)
def test_a_date_of_birth_further_from_the_year_group_is_a_slip_and_says_so(
    born, year_group, message
):
    assert child_errors(born, year_group) == [message]


def test_a_date_of_birth_in_the_future_gets_that_message_alone():
    assert child_errors("2027-01-01", "Year 5") == ["Date of birth must be today or in the past"]


def test_a_year_group_given_at_an_earlier_step_is_checked_too(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 12, 1))
    form = ChildWithoutYearGroup(
        formdata=MultiDict([("child_dob", "3"), ("child_dob", "11"), ("child_dob", "2016")])
    )
    form.child_dob.adapt({"year_group": "Year 10"})
    assert not form.validate()
    assert form.child_dob.errors[0].startswith("Date of birth must be between 1 September 2009")
    form.child_dob.adapt({"year_group": "Year 6"})
    assert form.validate()


def test_a_year_group_not_asked_is_not_checked(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 12, 1))
    form = Child(
        formdata=MultiDict(
            [("child_dob", "3"), ("child_dob", "11"), ("child_dob", "2016"), ("year_group", "10")]
        )
    )
    form.year_group.asked = False  # a young person writing for themselves is not asked it
    assert form.validate()
