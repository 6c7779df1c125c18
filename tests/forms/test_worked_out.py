"""The dates check your answers shows a document works out are the dates it prints."""

import datetime

import pytest

from forms import CATALOGUE, deadlines
from service.answers import validate_answers
from tests.forms.test_round_trip import rendered_text
from tests.settings import make_app

WORKING_OUT = [document for document in CATALOGUE if document.worked_out]


def test_the_letters_that_give_deadlines_show_them_before_they_are_sent():
    slugs = {document.slug for document in WORKING_OUT}
    assert slugs == {
        "concern-letter",
        "ehc-needs-assessment-request",
        "records-request",
        "missed-deadline-letter",
    }


@pytest.mark.parametrize("document", WORKING_OUT, ids=lambda document: document.slug)
def test_every_date_shown_is_in_the_document(document):
    with make_app().test_request_context():
        validated = validate_answers(document, document.example)
        rows = document.worked_out(validated.answers)
        text = rendered_text(document, validated)
    assert rows
    for label, value in rows:
        date = value.split(" (")[0].split(", if ")[0]
        assert date in text, (label, date)


def test_nothing_is_worked_out_while_the_sending_answers_are_missing():
    for document in WORKING_OUT:
        if document.slug != "concern-letter":
            assert document.worked_out({}) == [], document.slug


@pytest.mark.parametrize("stage", ["no-decision", "assessing", "issuing", "draft", "no-plan"])
def test_the_missed_deadline_letter_shows_the_time_limits_it_gives_at_each_stage(stage):
    document = next(d for d in WORKING_OUT if d.slug == "missed-deadline-letter")
    answers = {**document.example, "ehc_stage": stage}
    if stage == "no-plan":  # told a day after the 16 weeks ended
        ended = deadlines.ehc_deadlines(deadlines.received_on(answers))["decide-to-issue"]
        answers["no_plan_on"] = (ended + datetime.timedelta(days=1)).isoformat()
    with make_app().test_request_context():
        validated = validate_answers(document, answers)
        assert validated.errors == {}, validated.errors
        rows = document.worked_out(validated.answers)
        text = rendered_text(document, validated)
    for label, value in rows:
        assert value.split(" (")[0] in text, (stage, label)
