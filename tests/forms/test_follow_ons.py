"""The documents that follow each one: they exist, each offer names the date its reminder
gives, and each is offered only to answers that lead to it."""

import datetime

import pytest

from forms import CATALOGUE, deadlines, reminders
from forms.follow_ons import FOLLOW_ONS, follow_ons, planned_in_words, reminder_day
from forms.formatting import long_date
from service.answers import validate_answers
from service.fields.base import SHORT_MAX_LENGTH

TODAY = datetime.date(2026, 12, 1)  # a Tuesday, the day the examples were written for
DOCUMENTS = {document.slug: document for document in CATALOGUE}
EVERY = [(slug, follow_on) for slug in DOCUMENTS for follow_on in follow_ons(slug)]


def example(slug, **changes):
    answers = {**DOCUMENTS[slug].example, **changes}
    given = {name: value for name, value in answers.items() if value is not None}
    validated = validate_answers(DOCUMENTS[slug], given)
    assert validated.errors == {}, validated.errors
    return validated.answers


def weeks_ago(count):
    return (TODAY - datetime.timedelta(weeks=count)).isoformat()


# A missed time limit letter written before a later time limit ends (the example's have all
# passed): stage -> answers whose later limits are still to come.
MISSED_EARLY = {
    "no-decision": {"ehc_stage": "no-decision", "sent_on": weeks_ago(7), "exception": "no",
                    "exception_details": None},
    "assessing": {"ehc_stage": "assessing", "sent_on": weeks_ago(17)},
}  # fmt: skip


def offered(slug, answers):
    return {(f.target, f.after) for f in follow_ons(slug, answers)}


# --- What they are -----------------------------------------------------------------------------


def test_every_follow_on_leads_to_a_document_of_the_catalogue():
    assert set(FOLLOW_ONS) <= set(DOCUMENTS)
    for _slug, follow_on in EVERY:
        assert follow_on.target in DOCUMENTS


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_each_document_declares_its_own_follow_ons(slug):
    assert DOCUMENTS[slug].follow_ons == follow_ons(slug)


@pytest.mark.parametrize(
    ("slug", "follow_on"), EVERY, ids=lambda value: getattr(value, "target", value)
)
def test_each_date_is_one_the_source_can_remind_of(slug, follow_on):
    if follow_on.after is None:
        return
    variants = [example(slug)]
    if slug == "missed-deadline-letter":
        variants += [example(slug, **early) for early in MISSED_EARLY.values()]
    keys = {r.key for answers in variants for r in reminders.reminders(slug, answers)}
    assert follow_on.after in keys


# --- The dates they name -----------------------------------------------------------------------


def test_a_concern_letter_not_answered_leads_to_a_complaint_named_with_its_reply_date():
    (follow_on,) = follow_ons("concern-letter")
    assert follow_on.target == "complaint"
    assert follow_on.after == "reply-by"
    assert deadlines.reply_by(TODAY) == datetime.date(2026, 12, 15)
    assert follow_on.offer(example("concern-letter")) == (
        "No reply by 15 December 2026? Write a formal complaint"
    )


def test_a_request_leads_to_the_missed_time_limit_letter_at_each_time_limit():
    answers = example("ehc-needs-assessment-request")
    due = deadlines.ehc_deadlines(TODAY)  # sent by email today, before 5pm
    offers = {f.after: f.offer(answers) for f in follow_ons("ehc-needs-assessment-request")}
    assert offers == {
        "ehc-decide-to-assess": f"No decision on the assessment by "
        f"{long_date(due['decide-to-assess'])}? Write to the council about the missed time limit",
        "ehc-decide-plan": f"No decision on an EHC plan by {long_date(due['decide-to-issue'])}? "
        "Write to the council about the missed time limit",
        "ehc-final-plan": f"No final EHC plan by {long_date(due['final-plan'])}? Write to the "
        "council about the missed time limit",
    }
    assert long_date(due["decide-to-assess"]) == "12 January 2027"


def test_a_records_request_leads_to_a_complaint_named_with_the_subject_access_month():
    (follow_on,) = follow_ons("records-request")
    assert follow_on.offer(example("records-request")) == (
        "No reply to your request for records by 4 January 2027? Write a formal complaint to the "
        "school"
    )
    # A maintained school's educational record alone: its school days are not counted, so
    # the offer names no date.
    answers = example("records-request", wants="copy")
    assert reminder_day("records-request", "records-due", answers) is None
    assert follow_on.offer(answers) == (
        "No reply to your request for records? Write a formal complaint to the school"
    )


def test_a_plan_leads_to_its_review_on_its_first_review_date():
    (follow_on,) = follow_ons("sen-support-plan")
    assert follow_on.offer(example("sen-support-plan")) == (
        "Review meeting on 25 November 2026? Record the review"
    )
    suggested = example("sen-support-plan", review_1=None)
    day = reminder_day("sen-support-plan", "review-1", suggested)
    assert follow_on.offer(suggested) == f"Review meeting on {long_date(day)}? Record the review"


def test_a_review_leads_to_the_next_one_on_its_date():
    (follow_on,) = [f for f in follow_ons("sen-support-review") if f.after]
    assert follow_on.offer(example("sen-support-review")) == (
        "Next review on 3 March 2027? Record the review"
    )


@pytest.mark.parametrize(
    ("slug", "follow_on"), EVERY, ids=lambda value: getattr(value, "target", value)
)
def test_every_offer_names_its_reminders_day(slug, follow_on):
    if follow_on.after is None:
        return
    answers = (
        example(slug, **MISSED_EARLY["no-decision"])
        if slug == "missed-deadline-letter"
        else example(slug)
    )
    day = reminder_day(slug, follow_on.after, answers)
    assert day is not None
    assert long_date(day) in follow_on.offer(answers)


# --- Who they are for --------------------------------------------------------------------------


def test_only_a_family_follows_up_a_missed_time_limit():
    assert (
        len(follow_ons("ehc-needs-assessment-request", example("ehc-needs-assessment-request")))
        == 3
    )
    school = example(
        "ehc-needs-assessment-request",
        writer="school",
        family_agrees=True,
        writer_role="SENCO",
        school_address="Church Lane\nWestbridge\nWB2 3CD",
        child_relation=None,
    )
    assert follow_ons("ehc-needs-assessment-request", school) == ()


def test_only_a_parent_is_offered_a_complaint_about_records():
    young = example(
        "records-request",
        writer="young_person",
        child_dob="2009-01-20",
        year_group="Year 12",
        child_known_as=None,
        writer_name=None,
        writer_relationship=None,
    )
    assert follow_ons("records-request", young) == ()
    assert offered("records-request", example("records-request")) == {("complaint", "records-due")}


def test_stage_2_follows_stage_1_only():
    assert follow_ons("complaint", example("complaint")) == ()  # the example is at stage 2
    stage_1 = example("complaint", stage="stage_1")
    (follow_on,) = follow_ons("complaint", stage_1)
    assert follow_on.offer(stage_1) == (
        "Not resolved at stage 1? Ask for stage 2 of the complaints procedure"
    )
    assert follow_on.carry(stage_1)["stage"] == "stage_2"


def test_a_missed_time_limit_letter_leads_to_another_at_the_later_limits_still_to_come():
    early = example("missed-deadline-letter", **MISSED_EARLY["no-decision"])
    assert offered("missed-deadline-letter", early) == {
        ("missed-deadline-letter", "ehc-decide-plan"),
        ("missed-deadline-letter", "ehc-final-plan"),
    }
    assessing = example("missed-deadline-letter", **MISSED_EARLY["assessing"])
    assert offered("missed-deadline-letter", assessing) == {
        ("missed-deadline-letter", "ehc-final-plan"),
    }
    assert (
        offered("missed-deadline-letter", example("missed-deadline-letter", ehc_stage="draft"))
        == set()
    )


def test_a_review_leads_to_a_new_plan_only_when_the_outcomes_change():
    changed = example("sen-support-review")
    assert offered("sen-support-review", changed) == {
        ("sen-support-plan", None),
        ("sen-support-review", "next-review"),
    }
    same = example("sen-support-review", next_step="specialist", new_outcomes=None)
    assert offered("sen-support-review", same) == {("sen-support-review", "next-review")}
    ehc = example("sen-support-review", next_step="ehc", ehc_reason="Needs remain.",
                  family_agrees=True, new_outcomes=None)  # fmt: skip
    assert offered("sen-support-review", ehc) == {
        ("ehc-needs-assessment-request", None),
        ("sen-support-review", "next-review"),
    }
    (follow_on,) = [f for f in follow_ons("sen-support-review", changed) if f.after is None]
    assert follow_on.offer(changed) == "Outcomes changing? Write Josh's new SEN support plan"


# --- A plan's help in words --------------------------------------------------------------------


def test_a_plans_help_is_named_with_how_often_how_long_in_what_group_and_by_whom():
    row = {"intervention": "Reading club", "frequency": "Twice a week", "session_length":
           "20 minutes", "group_size": 6, "staff": "Ms Khan"}  # fmt: skip
    assert (
        planned_in_words(row) == "Reading club (twice a week, 20 minutes, in a group of 6, Ms Khan)"
    )
    assert planned_in_words({**row, "group_size": 1, "staff": "SENCO"}) == (
        "Reading club (twice a week, 20 minutes, one-to-one, SENCO)"
    )
    assert planned_in_words({"intervention": "Reading club"}) == "Reading club"


def test_a_plans_help_too_long_to_describe_is_named_alone():
    row = {"intervention": "A" * 190, "frequency": "Every school day", "session_length": "1 hour"}
    assert len(planned_in_words({**row, "intervention": "A" * 100})) <= SHORT_MAX_LENGTH
    assert planned_in_words(row) == "A" * 190
