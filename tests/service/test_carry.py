"""Answers carried from one document to another: the shared facts the target asks and what a
follow-on adds, each one the target accepts, never one it would refuse or does not ask; and a
draft's steps made from answers, complete where they are and filled in where they are not."""

import datetime
import itertools

import pytest

from forms import CATALOGUE
from forms.common import EXAMPLES_WRITTEN
from service import dates
from service.answers import validate_answers
from service.carry import SHARED_FACTS, accepted, carried_answers, draft_steps
from service.fields import GroupField, ListField
from service.journey.navigation import progress
from tests.forms.test_round_trip import rendered_text

DOCUMENTS = {document.slug: document for document in CATALOGUE}
PAIRS = list(itertools.product(DOCUMENTS, repeat=2))


@pytest.fixture(autouse=True)
def context(app, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: EXAMPLES_WRITTEN)
    with app.test_request_context():
        yield


def example(slug, **changes):
    """A document's example answers, with some changed, as validated (the answers a finished
    draft holds); a change to None removes an answer."""
    answers = {**DOCUMENTS[slug].example, **changes}
    validated = validate_answers(
        DOCUMENTS[slug], {k: v for k, v in answers.items() if v is not None}
    )
    assert validated.errors == {}, validated.errors
    return validated.answers


def carry(source, target, **changes):
    return carried_answers(DOCUMENTS[source], example(source, **changes), DOCUMENTS[target])


def group_lists(document):
    """name -> the sub-answers of the first entry of each list of groups in the example."""
    found = {}
    for step in document.steps:
        for field in step.prototype().answer_fields():
            if isinstance(field, ListField) and isinstance(field.prototype, GroupField):
                found[field.short_name] = document.example[field.short_name][0]
    return found


# --- Every pair of documents ---------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_carried_answers_are_ones_the_target_asks_and_accepts(source, target):
    carried = carry(source, target)
    document = DOCUMENTS[target]
    assert carried["child_name"] == DOCUMENTS[source].example["child_name"]
    assert set(carried) <= document.question_names
    assert accepted(document, carried) == carried  # nothing left to refuse
    # A list entry carries what the source says, not what only the target's meeting can:
    # with the rest of each entry answered, nothing carried is refused.
    answered = {
        name: [{**rest, **item} for item in carried[name]] if name in carried else None
        for name, rest in group_lists(document).items()
    }
    answered = {**carried, **{k: v for k, v in answered.items() if v is not None}}
    errors = validate_answers(document, answered).errors
    assert {name: errors[name] for name in carried if name in errors} == {}


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_nothing_is_made_up(source, target):
    """A shared fact carries as it was given; the writer's kind is the one extra."""
    given = example(source)
    for name, value in carry(source, target).items():
        if name in SHARED_FACTS and name != "writer":
            assert value == given[name], name


# --- The writer ----------------------------------------------------------------------------


def test_a_concern_letter_carries_its_writer_child_and_school_into_the_complaint():
    carried = carry("concern-letter", "complaint")
    assert carried == {
        "school_name": "Elmbrook Primary School",
        "school_address": "Mill Lane\nLeeds\nLS6 4QT",
        "school_type": "maintained",
        "child_name": "Amara Okafor",
        "child_known_as": "Amara",
        "year_group": "Year 5",
        "writer_name": "Chidi Okafor",
        "writer_relationship": "father",
        "writer_address": "14 Elm Road\nLeeds\nLS6 2QT",
        "writer_email": "chidi.okafor@example.com",
        "writer_phone": "07700 900123",
    }


def test_a_letter_only_a_parent_writes_makes_the_next_one_a_parents():
    assert carry("concern-letter", "ehc-needs-assessment-request")["writer"] == "parent"


def test_a_schools_request_gives_a_family_letter_no_writer():
    carried = carry(
        "ehc-needs-assessment-request",
        "missed-deadline-letter",
        writer="school",
        family_agrees=True,
        writer_role="SENCO",
        school_address="Church Lane\nWestbridge\nWB2 3CD",
        child_relation=None,
    )
    assert not set(carried) & {"writer", "writer_name", "writer_email", "writer_phone"}
    assert carried["child_name"] == "Leo Brennan"


def test_a_school_document_gives_a_parents_letter_no_writer():
    carried = carry("sen-support-plan", "concern-letter")
    assert not set(carried) & {"writer_name", "writer_email", "writer_phone"}
    assert carried["school_name"] == "Elmbrook Primary School"


def test_a_young_person_writing_for_themselves_is_one_again():
    carried = carry(
        "records-request",
        "ehc-needs-assessment-request",
        writer="young_person",
        school_type=None,
        wants=None,
        child_consent=None,
        child_known_as=None,
        writer_name=None,
        writer_relationship=None,
        child_dob="2009-01-20",
        year_group="Year 12",
    )
    assert carried["writer"] == "young_person"
    assert carried["writer_address"] == "14 Elm Road\nLeeds\nLS6 2QT"
    assert "writer_name" not in carried  # a young person's name is the child's name


# --- Values the target would refuse --------------------------------------------------------


def test_a_choice_the_target_does_not_offer_is_left_out():
    assert "school_type" not in carry("records-request", "complaint", school_type="independent")
    assert (
        carry("records-request", "records-request", school_type="independent")["school_type"]
        == "independent"
    )


def test_an_answer_too_long_for_the_target_is_left_out_not_cut():
    left = "Left in July 2026 after Year 11, for a college"
    assert 40 < len(left) <= 60  # the records request allows 60 characters, others 40
    carried = carry("records-request", "concern-letter", year_group=left)
    assert "year_group" not in carried
    assert carried["child_name"] == "Amara Okafor"


def test_a_sending_date_still_to_come_does_not_carry_into_a_letter_about_a_past_one():
    later = (EXAMPLES_WRITTEN + datetime.timedelta(days=7)).isoformat()
    carried = carry("ehc-needs-assessment-request", "missed-deadline-letter", sent_on=later)
    assert "sent_on" not in carried
    assert carried["sent_by"] == "email"


def test_a_follow_on_carries_only_when_the_answers_lead_to_it():
    assert "stage" not in carry("complaint", "complaint")  # the example is already at stage 2
    carried = carry("complaint", "complaint", stage="stage_1", stage1_sent=None,
                    stage1_reply=None, unresolved=None)  # fmt: skip
    assert carried["stage"] == "stage_2"
    assert carried["events"] == example("complaint")["events"]


# --- A plan, its review, and what follows the review ----------------------------------------


def test_a_plan_carries_its_outcomes_and_provision_into_its_review():
    carried = carry("sen-support-plan", "sen-support-review")
    assert carried["plan_start"] == "2026-09-14"
    assert carried["senco_name"] == "Mrs Patel"
    assert [item["outcome"] for item in carried["reviewed"]] == [
        "Josh will read 60 words a minute from a Year 3 book.",
        "Josh will spell 15 of the 20 Year 3 and 4 common words correctly.",
        "Josh will follow a three-step instruction in class without help.",
    ]
    assert carried["delivery"] == [
        {"intervention": "Precision teaching for reading (every school day, 10 minutes, "
                         "one-to-one, teaching assistant)"},
        {"intervention": "Small-group language and listening games (twice a week, 30 "
                         "minutes, in a group of 4, teaching assistant)"},
        {"intervention": "Fine motor skills programme from the occupational therapist (3 "
                         "times a week, 15 minutes, in a group of 2, teaching assistant)"},
    ]  # fmt: skip
    # Only the meeting can rate an outcome or count sessions.
    assert all(set(item) == {"outcome"} for item in carried["reviewed"])


def test_a_review_made_from_a_plan_renders_once_the_meeting_is_recorded():
    carried = carry("sen-support-plan", "sen-support-review")
    ratings = ["exceeded", "partly", "achieved"]
    meeting = {
        "review_date": "2026-11-25",
        "child_attended": "yes",
        "reviewed": [
            {**item, "rating": rating, "evidence": "Checked in the week before the review."}
            for item, rating in zip(carried["reviewed"], ratings, strict=True)
        ],
        "delivery": [{**item, "planned": 20, "delivered": 18} for item in carried["delivery"]],
        "child_views": "Reading is easier now.",
        "parent_views": "Josh reads at bedtime.",
        "worked": "Precision teaching.",
        "next_step": "continue",
        "next_details": "Keep the same support.",
        "next_review": "2027-03-03",
    }
    document = DOCUMENTS["sen-support-review"]
    printed = rendered_text(document, validate_answers(document, {**carried, **meeting}))
    assert "Josh will spell 15 of the 20 Year 3 and 4 common words correctly." in printed
    assert "Precision teaching for reading (every school day, 10 minutes" in printed
    assert "14 September 2026" in printed  # the plan's start


def test_a_review_that_changes_the_outcomes_carries_them_into_the_new_plan():
    carried = carry("sen-support-review", "sen-support-plan")
    new_outcomes = example("sen-support-review")["new_outcomes"]
    assert [item["target"] for item in carried["outcomes"]] == [
        item["target"] for item in new_outcomes
    ]
    assert [item["due"] for item in carried["outcomes"]] == [item["due"] for item in new_outcomes]
    # The spelling outcome was kept: the review's evidence says where the pupil is now. The
    # other two are new, and their baselines are for the school to give.
    assert [item.get("start_point") for item in carried["outcomes"]] == [
        None,
        "Spelling check in the week before the review: 11 of 20, up from 6.",
        None,
    ]


def test_a_review_asking_for_an_assessment_carries_the_schools_reasons():
    carried = carry(
        "sen-support-review",
        "ehc-needs-assessment-request",
        next_step="ehc",
        ehc_reason="Josh's needs remain despite a year of help.",
        family_agrees=False,
        new_outcomes=None,
    )
    assert carried["writer"] == "school"
    assert carried["family_agrees"] is False
    assert carried["reasons_plan"] == "Josh's needs remain despite a year of help."
    assert "reasons_plan" not in carry("sen-support-review", "ehc-needs-assessment-request")


def test_a_request_carries_how_it_was_sent_into_the_missed_time_limit_letter():
    carried = carry("ehc-needs-assessment-request", "missed-deadline-letter")
    given = example("ehc-needs-assessment-request")
    assert {name: carried[name] for name in ("sent_on", "sent_by", "sent_after_5pm")} == {
        name: given[name] for name in ("sent_on", "sent_by", "sent_after_5pm")
    }
    assert carried["la_name"] == "Westbridge Borough Council"


# --- A draft's steps -------------------------------------------------------------------------


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_a_whole_document_makes_every_step_complete(slug):
    document = DOCUMENTS[slug]
    answers = example(slug)
    complete, prefill = draft_steps(document, answers)
    assert prefill == {}
    state = progress(document, complete)
    assert state.complete
    assert state.answers == answers
    assert set(complete) == {step.slug for step in state.steps}


def test_carried_answers_make_complete_steps_and_filled_in_ones():
    document = DOCUMENTS["sen-support-review"]
    complete, prefill = draft_steps(document, carry("sen-support-plan", "sen-support-review"))
    assert set(complete) == {"plan"}
    assert set(prefill) == {"outcomes", "support-given"}
    assert prefill["outcomes"]["reviewed"][0] == {
        "outcome": "Josh will read 60 words a minute from a Year 3 book."
    }
    state = progress(document, complete)
    assert state.first_missing.slug == "meeting"


def test_answers_for_a_step_that_does_not_apply_yet_are_kept_to_fill_it_in():
    document = DOCUMENTS["concern-letter"]
    complete, prefill = draft_steps(document, carry("sen-support-plan", "concern-letter"))
    assert "professionals-details" not in complete
    assert prefill["professionals-details"]["professionals"].startswith("Occupational therapist")


def test_a_step_answered_with_nothing_is_complete_only_where_it_may_be():
    document = DOCUMENTS["concern-letter"]
    complete, prefill = draft_steps(document, {"examples": None, "concerns": None})
    assert set(complete) == {"examples"}  # optional, and answered with nothing
    assert prefill == {}
