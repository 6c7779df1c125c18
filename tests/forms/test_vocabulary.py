"""One vocabulary: a fact more than one document asks has one name, listed in the glossary
(docs/glossary.md), and one kind of answer, whatever the document."""

import collections
import datetime
import re
from pathlib import Path
from typing import NamedTuple

import pytest

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
