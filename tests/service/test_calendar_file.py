"""The calendar file, read back with icalendar: one all-day event a reminder, with its
title, what to do and the law, a stable UID that says nothing, and no personal data."""

import datetime

import icalendar
import pytest

from forms import CATALOGUE, reminders
from service import dates
from service.answers import validate_answers
from service.calendar_file import (
    ALARM_BEFORE,
    calendar_file,
    description,
    identity,
    reminders_for,
)
from tests.settings import make_app

DOCUMENTS = {document.slug: document for document in CATALOGUE}
DATED = [slug for slug in DOCUMENTS if slug != "complaint"]
OWNER = identity("a secret", "a draft id")
NOW = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
# Answers that name a person or a place, whatever their form.
PERSONAL = {
    "child_name", "child_known_as", "child_dob", "writer_name", "writer_address",
    "writer_email", "writer_phone", "school_name", "school_address", "la_name",
    "la_address", "la_officer", "la_reference", "senco_name", "head_name", "recipient_name",
    "class_teacher", "key_adult", "upn", "monitoring_officer",
}  # fmt: skip


@pytest.fixture(scope="module")
def app():
    return make_app()


def example(app, slug):
    document = DOCUMENTS[slug]
    with app.test_request_context():
        checked = validate_answers(document, document.example)
    assert checked.errors == {}, checked.errors
    return checked.answers


def parsed(data):
    return icalendar.Calendar.from_ical(data)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def unfolded(data):
    """The file's text with folded lines joined and escapes undone, as an app would show it."""
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return text.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")


def typed_text(answers):
    """Every piece of text a person typed: each line of each answer with a space, an @ or a
    digit in it (a choice's value has none), and every answer that names someone."""
    found = []

    def walk(name, value):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key, item)
        elif isinstance(value, list):
            for item in value:
                walk(name, item)
        elif isinstance(value, str):
            for line in filter(None, (line.strip() for line in value.splitlines())):
                if name in PERSONAL or any(c in line for c in " @0123456789"):
                    found.append(line)

    walk("", answers)
    return found


@pytest.mark.parametrize("slug", DATED)
def test_one_all_day_event_for_each_reminder(app, slug):
    found = reminders.reminders(slug, example(app, slug))
    calendar = parsed(calendar_file(found, product="Test service", owner=OWNER, now=NOW))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Test service//Dates to remember//EN"
    read = events(calendar)
    assert len(read) == len(found) > 0
    for event, reminder in zip(read, found, strict=True):
        start = event.decoded("DTSTART")
        assert type(start) is datetime.date  # all day: a DATE, not a DATE-TIME
        assert start == reminder.day
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event.decoded("DTEND") == reminder.day + datetime.timedelta(days=1)
        assert str(event["SUMMARY"]) == reminder.title
        assert str(event["DESCRIPTION"]) == description(reminder)
        assert event.decoded("DTSTAMP") == NOW
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -ALARM_BEFORE == -datetime.timedelta(hours=15)


def test_the_description_is_what_to_do_then_the_law():
    answers = {"sent_on": "2026-12-01", "sent_by": "email", "sent_after_5pm": False}
    decide = reminders.reminders("ehc-needs-assessment-request", answers)[0]
    assert description(decide) == (
        "If the council has not told you by the end of today whether it will carry out the "
        "assessment, you can write to it about the missed time limit from tomorrow.\n\n"
        "Time limit set by regulations 4(1) and 5(1) of the SEND Regulations 2014."
    )
    (reply,) = reminders.reminders("concern-letter", {})
    assert description(reply) == reply.action  # no law sets it, and the action says so


def test_the_ehc_events_fall_on_the_registers_weeks():
    answers = {"sent_on": "2026-12-01", "sent_by": "email", "sent_after_5pm": False}
    found = reminders.reminders("ehc-needs-assessment-request", answers)
    read = events(parsed(calendar_file(found, product="Test", owner=OWNER)))
    assert [event.decoded("DTSTART") for event in read] == [
        datetime.date(2027, 1, 12),  # 6 weeks from Tuesday 1 December 2026
        datetime.date(2027, 3, 23),  # 16 weeks
        datetime.date(2027, 4, 20),  # 20 weeks
    ]


@pytest.mark.parametrize("slug", DATED)
def test_nothing_anyone_typed_is_in_the_file(app, slug):
    answers = example(app, slug)
    data = calendar_file(reminders.reminders(slug, answers), product="Test", owner=OWNER)
    text = unfolded(data)
    typed = typed_text(answers)
    assert typed
    for value in typed:
        assert value not in text, value
    if answers.get("child_dob"):
        born = datetime.date.fromisoformat(answers["child_dob"])
        assert born.strftime("%Y%m%d") not in text
        assert dates.long_date(born) not in text


def test_uids_are_stable_unique_and_say_nothing(app):
    found = reminders.reminders("sen-support-plan", example(app, "sen-support-plan"))
    first = events(parsed(calendar_file(found, product="Test", owner=OWNER)))
    again = events(parsed(calendar_file(found, product="Test", owner=OWNER)))
    other = events(parsed(calendar_file(found, product="Test", owner=identity("a secret", "x"))))
    uids = [str(event["UID"]) for event in first]
    assert len(set(uids)) == len(uids) == 3
    assert uids == [str(event["UID"]) for event in again]  # imported again: updated, not copied
    assert not set(uids) & {str(event["UID"]) for event in other}  # another draft: its own
    for uid in uids:
        assert "draft" not in uid
        assert "review" not in uid


def test_the_identity_needs_the_secret():
    assert identity("a secret", "a draft id") == OWNER
    assert identity("another secret", "a draft id") != OWNER
    assert "a draft id" not in OWNER


def test_a_document_without_reminders_or_answers_has_none(app):
    assert reminders_for(DOCUMENTS["complaint"], example(app, "complaint")) == []
    assert reminders_for(DOCUMENTS["sen-support-review"], None) == []
    plan = DOCUMENTS["sen-support-plan"]
    assert [r.key for r in reminders_for(plan, example(app, "sen-support-plan"))] == [
        "review-1",
        "review-2",
        "review-3",
    ]


@pytest.mark.parametrize(
    "title",
    ["Zoë Novák: review; with, commas \\ and a backslash", "Łódź " * 40, "名前 " * 60, "a" * 200],
)
def test_text_is_escaped_and_long_lines_folded_within_characters(title):
    found = [reminders.Reminder("r", datetime.date(2027, 1, 4), title, "Do it.\nThen this.", "")]
    data = calendar_file(found, product="Test", owner=OWNER, now=NOW)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75  # octets, folding never cuts a character's bytes
        line.decode()
    [event] = events(parsed(data))
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]) == "Do it.\nThen this."
