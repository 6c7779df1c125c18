"""The reminders each document gives are the dates it prints, worked out by the law
register's time limits, with a plain note of what to do and no child's name."""

import datetime

import pytest

from forms import CATALOGUE, deadlines, law, reminders
from forms.formatting import long_date
from service import dates
from service.answers import validate_answers
from tests.forms.test_round_trip import rendered_text

TODAY = datetime.date(2026, 12, 1)  # a Tuesday, the day the examples were written for
DOCUMENTS = {document.slug: document for document in CATALOGUE}
# Every answer that names a person or a place, in any document's examples.
PERSONAL = (
    "child_name",
    "child_known_as",
    "writer_name",
    "writer_address",
    "writer_email",
    "writer_phone",
    "school_name",
    "school_address",
    "la_name",
    "la_address",
    "la_officer",
)
EXPECTED_KEYS = {
    "concern-letter": ["reply-by"],
    "sen-support-plan": ["review-1", "review-2", "review-3"],
    "sen-support-review": ["next-review"],
    "ehc-needs-assessment-request": ["ehc-decide-to-assess", "ehc-decide-plan", "ehc-final-plan"],
    "complaint": [],
    "records-request": ["records-due"],
    "missed-deadline-letter": ["action-by"],
}


def validated(slug, **changes):
    document = DOCUMENTS[slug]
    answers = {**document.example, **changes}
    checked = validate_answers(document, {k: v for k, v in answers.items() if v is not None})
    assert checked.errors == {}, checked.errors
    return checked


def given(slug, **changes):
    return reminders.reminders(slug, validated(slug, **changes).answers)


def by_key(found):
    return {reminder.key: reminder for reminder in found}


def test_every_document_is_covered():
    assert set(EXPECTED_KEYS) == set(DOCUMENTS)


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_each_date_is_one_the_document_prints(slug):
    checked = validated(slug)
    found = reminders.reminders(slug, checked.answers)
    assert [reminder.key for reminder in found] == EXPECTED_KEYS[slug]
    text = rendered_text(DOCUMENTS[slug], checked)
    for reminder in found:
        assert long_date(reminder.day) in text, reminder.key


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_keys_are_unique_and_the_wording_names_nobody(slug):
    answers = validated(slug).answers
    found = reminders.reminders(slug, answers)
    assert len({reminder.key for reminder in found}) == len(found)
    typed = [str(answers[name]) for name in PERSONAL if answers.get(name)]
    typed += [line for value in typed for line in value.splitlines()]
    for reminder in found:
        for value in typed:
            assert value not in reminder.title, (reminder.key, value)
            assert value not in reminder.action, (reminder.key, value)


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_a_date_cites_the_law_or_says_it_is_not_the_law(slug):
    for reminder in given(slug):
        if reminder.cites:
            assert reminder.cites in law.all_citation_texts(), reminder.key
        else:
            assert "not a legal time limit" in reminder.action, reminder.key
        assert reminder.title
        assert reminder.action.endswith("."), reminder.key


def test_the_ehc_dates_are_the_registers_weeks_from_the_day_the_council_receives_it():
    answers = validated("ehc-needs-assessment-request").answers
    received = deadlines.received_on(answers)
    found = by_key(reminders.reminders("ehc-needs-assessment-request", answers))
    for key, limit in (
        ("ehc-decide-to-assess", "decide-to-assess"),
        ("ehc-decide-plan", "decide-to-issue"),
        ("ehc-final-plan", "final-plan"),
    ):
        time_limit = law.TIME_LIMITS[limit]
        assert time_limit.unit == "weeks"
        # Calendar weeks, with no move for weekends or holidays.
        assert found[key].day == received + datetime.timedelta(weeks=time_limit.amount)
        assert found[key].cites == law.cite(time_limit.citation)
        assert f"{time_limit.amount}-week" in found[key].title
    assert [r.day for r in found.values()] == [
        received + datetime.timedelta(weeks=weeks) for weeks in (6, 16, 20)
    ]


def test_a_time_limit_ends_on_its_day_so_the_letter_about_it_comes_the_next():
    found = by_key(given("ehc-needs-assessment-request"))
    action = found["ehc-decide-to-assess"].action
    assert action == (
        "If the council has not told you by the end of today whether it will carry out the "
        "assessment, you can write to it about the missed time limit from tomorrow."
    )


def test_not_saying_by_16_weeks_is_not_called_missed():
    # The 16 weeks are for telling the family the council will not issue a plan: one that
    # will issue has not missed them, as the missed time limit letter says too.
    found = by_key(given("ehc-needs-assessment-request"))
    action = found["ehc-decide-plan"].action
    assert "missed" not in action
    assert action.endswith("you can write to it about the 16-week time limit from tomorrow.")
    assert "missed time limit" in found["ehc-final-plan"].action


def test_a_schools_request_is_followed_up_by_the_family():
    found = given(
        "ehc-needs-assessment-request",
        writer="school",
        writer_role="SENCO",
        school_address="Mill Lane\nWestbridge\nWB1 2AB",
        family_agrees=True,
        child_relation=None,
    )
    for reminder in found:
        assert "the family can write to it" in reminder.action
        assert " you " not in reminder.action


def test_the_concern_letter_asks_for_a_reply_in_10_working_days_not_by_law():
    (reply,) = given("concern-letter")
    assert reply.day == deadlines.reply_by(TODAY) == datetime.date(2026, 12, 15)
    assert reply.cites == ""
    assert "not a legal time limit" in reply.action


def test_a_concern_letter_to_an_academy_gives_the_month_for_the_records():
    checked = validated("concern-letter", requests=["meeting", "records"], school_type="academy")
    found = by_key(reminders.reminders("concern-letter", checked.answers))
    assert list(found) == ["reply-by", "records-due"]
    due = found["records-due"]
    assert due.day == deadlines.subject_access_due(TODAY) == datetime.date(2027, 1, 4)
    assert due.cites == law.cite("gdpr-art12-3")
    assert long_date(TODAY) in due.action  # the day the month counts from, as the letter says
    assert long_date(due.day) in rendered_text(DOCUMENTS["concern-letter"], checked)


def test_a_concern_letter_to_a_maintained_school_gives_no_records_date():
    found = given("concern-letter", requests=["records"], school_type="maintained")
    assert [reminder.key for reminder in found] == ["reply-by"]


def test_the_records_date_is_the_subject_access_month_the_letter_and_check_answers_give():
    document = DOCUMENTS["records-request"]
    answers = validated("records-request").answers
    (due,) = reminders.reminders("records-request", answers)
    received = deadlines.subject_access_received_on(answers)
    assert due.day == deadlines.subject_access_due(received)
    assert due.cites == law.cite(law.TIME_LIMITS["subject-access"].citation)
    ((_, shown),) = document.worked_out(answers)
    assert shown.startswith(long_date(due.day))


def test_posted_records_request_says_which_arrival_the_month_counts_from():
    (due,) = given("records-request", sent_by="first-class-post")
    received = dates.next_working_day(TODAY)
    assert due.day == deadlines.subject_access_due(received)
    assert f"getting your letter on {long_date(received)}" in due.action


def test_records_asked_for_if_the_school_is_not_maintained_say_so():
    (due,) = given("records-request", school_type="not_sure", wants="see")
    assert due.action.endswith("It applies if the school is not maintained.")


def test_the_educational_record_alone_has_no_date():
    assert given("records-request", school_type="maintained", wants="copy") == []


def test_the_missed_deadline_letter_asks_for_action_in_5_working_days_not_by_law():
    (action_by,) = given("missed-deadline-letter")
    assert action_by.day == deadlines.missed_deadline_action_by(TODAY)
    assert action_by.day == datetime.date(2026, 12, 8)
    assert "not a legal time limit" in action_by.action
    assert "Ombudsman" in action_by.action  # the example is a formal complaint already
    (not_formal,) = given("missed-deadline-letter", formal_complaint=False)
    assert "make a formal complaint" in not_formal.action


def test_the_missed_deadline_letter_reminds_of_the_time_limits_still_to_come():
    sent = TODAY - datetime.timedelta(weeks=8)  # 6 weeks passed; 16 and 20 still to come
    checked = validated("missed-deadline-letter", sent_on=sent.isoformat(), ehc_stage="no-decision")
    found = reminders.reminders("missed-deadline-letter", checked.answers)
    assert [reminder.key for reminder in found] == [
        "action-by",
        "ehc-decide-plan",
        "ehc-final-plan",
    ]
    due = deadlines.ehc_deadlines(deadlines.received_on(checked.answers))
    assert found[1].day == due["decide-to-issue"]
    assert found[2].day == due["final-plan"]
    text = rendered_text(DOCUMENTS["missed-deadline-letter"], checked)
    for reminder in found:
        assert long_date(reminder.day) in text, reminder.key


def test_the_plans_reviews_are_the_dates_it_prints_given_then_suggested():
    found = given("sen-support-plan")
    assert [reminder.day for reminder in found] == [
        datetime.date(2026, 11, 25),  # given
        datetime.date(2027, 2, 17),  # 12 weeks on
        datetime.date(2027, 5, 12),
    ]
    assert [reminder.title for reminder in found] == [
        "SEN support plan review",
        "SEN support plan review (suggested date)",
        "SEN support plan review (suggested date)",
    ]
    assert "the school's term dates decide the real one" in found[1].action


def test_a_plan_with_every_review_given_suggests_none():
    found = given(
        "sen-support-plan",
        review_1="2026-11-25",
        review_2="2027-02-10",
        review_3="2027-05-05",
    )
    assert [r.day.isoformat() for r in found] == ["2026-11-25", "2027-02-10", "2027-05-05"]
    assert all("(suggested date)" not in reminder.title for reminder in found)


def test_the_reviews_next_date_is_the_one_it_gives():
    (next_review,) = given("sen-support-review")
    assert next_review.day == datetime.date(2027, 3, 3)
    assert next_review.cites == ""


def test_the_complaint_works_out_no_date():
    assert given("complaint") == []


@pytest.mark.parametrize(
    "slug",
    [slug for slug, keys in EXPECTED_KEYS.items() if keys and slug != "concern-letter"],
)
def test_no_reminder_while_the_date_it_needs_is_not_given(slug):
    assert reminders.reminders(slug, {}) == []


def test_an_unknown_document_is_an_error():
    with pytest.raises(KeyError):
        reminders.reminders("no-such-document", {})
