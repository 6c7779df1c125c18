"""The deadlines in forms.deadlines, counted on the calendar in service.dates.

Expected dates are worked out by hand (weekday noted beside each) so a regression in the
arithmetic or in the bank-holiday data shows up as a wrong date, not just a changed one.
"""

from datetime import date

import pytest

from forms import deadlines, law
from service import dates

# --- Domain deadlines ------------------------------------------------------------------------


def test_reply_by_is_ten_working_days():
    # Wed 1 Apr 2026: Thu 2 (1); Good Friday, weekend, Easter Monday skipped; Tue 7 - Fri 10
    # (2-5); Mon 13 - Fri 17 (6-10).
    assert deadlines.reply_by(date(2026, 4, 1)) == date(2026, 4, 17)
    # Mon 23 Nov 2026 with no holidays: two full weeks later.
    assert deadlines.reply_by(date(2026, 11, 23)) == date(2026, 12, 7)


def test_subject_access_due_on_a_working_day():
    # 16 Oct 2026 + 1 month = Mon 16 Nov 2026, already a working day.
    assert deadlines.subject_access_due(date(2026, 10, 16)) == date(2026, 11, 16)


def test_subject_access_due_on_a_weekend_moves_to_monday():
    # 3 Sep 2026 + 1 month = Sat 3 Oct 2026 -> Mon 5 Oct.
    assert deadlines.subject_access_due(date(2026, 9, 3)) == date(2026, 10, 5)


def test_subject_access_due_over_christmas():
    # 25 Nov 2026 + 1 month = Fri 25 Dec (Christmas); Sat 26, Sun 27, Mon 28 (substitute)
    # -> Tue 29 Dec.
    assert deadlines.subject_access_due(date(2026, 11, 25)) == date(2026, 12, 29)


def test_subject_access_due_short_month():
    # 31 Jan 2026 + 1 month = Sat 28 Feb 2026 -> Mon 2 Mar.
    assert deadlines.subject_access_due(date(2026, 1, 31)) == date(2026, 3, 2)


WED = date(2026, 11, 25)
FRI = date(2026, 11, 27)
SAT = date(2026, 11, 28)
MON = date(2026, 11, 30)
CHRISTMAS_EVE = date(2026, 12, 24)  # Thursday


@pytest.mark.parametrize("method", ["email", "hand"])
def test_request_received_email_and_hand(method):
    assert deadlines.request_received(WED, method) == WED
    assert deadlines.request_received(WED, method, after_5pm=True) == date(2026, 11, 26)
    assert deadlines.request_received(FRI, method, after_5pm=True) == MON
    assert deadlines.request_received(SAT, method) == MON
    assert deadlines.request_received(SAT, method, after_5pm=True) == MON
    assert deadlines.request_received(date(2026, 12, 25), method) == date(2026, 12, 29)
    # Thu 24 Dec after 5pm: Fri 25, Sat 26, Sun 27, Mon 28 (substitute) -> Tue 29.
    assert deadlines.request_received(CHRISTMAS_EVE, method, after_5pm=True) == date(2026, 12, 29)


def test_request_received_signed_post_is_the_date_signed():
    assert deadlines.request_received(WED, "signed-post") == WED
    assert deadlines.request_received(WED, "signed-post", after_5pm=True) == WED
    assert deadlines.request_received(SAT, "signed-post") == SAT


def test_request_received_first_class_post_is_next_working_day():
    assert deadlines.request_received(WED, "first-class-post") == date(2026, 11, 26)
    assert deadlines.request_received(FRI, "first-class-post") == MON
    assert deadlines.request_received(SAT, "first-class-post") == MON
    assert deadlines.request_received(CHRISTMAS_EVE, "first-class-post") == date(2026, 12, 29)


def test_request_received_unknown_method():
    with pytest.raises(ValueError, match="unknown delivery method"):
        deadlines.request_received(WED, "pigeon")


def test_ehc_deadlines():
    # Mon 5 Jan 2026 + 6, 16 and 20 weeks. 25 May 2026 is a bank holiday and stays: the
    # regulations count calendar weeks with no working-day adjustment.
    assert deadlines.ehc_deadlines(date(2026, 1, 5)) == {
        "decide-to-assess": date(2026, 2, 16),
        "decide-to-issue": date(2026, 4, 27),
        "final-plan": date(2026, 5, 25),
    }


def test_ehc_deadlines_across_a_year_end():
    assert deadlines.ehc_deadlines(date(2026, 11, 23)) == {
        "decide-to-assess": date(2027, 1, 4),
        "decide-to-issue": date(2027, 3, 15),
        "final-plan": date(2027, 4, 12),
    }


def test_each_ehc_time_limit_has_its_exception():
    assert deadlines.EHC_EXCEPTIONS == {
        "decide-to-assess": "send-regs-5-4",
        "decide-to-issue": "send-regs-10-4",
        "final-plan": "send-regs-13-3",
    }
    assert set(deadlines.EHC_EXCEPTIONS) == set(deadlines.EHC_STEPS)


def test_missed_deadline_action_is_five_working_days_and_not_statutory():
    assert law.TIME_LIMITS["missed-deadline-action"].citation is None
    assert law.TIME_LIMITS["missed-deadline-action"].note.startswith("Not statutory")
    # Mon 23 Nov 2026 -> Mon 30 Nov.
    assert deadlines.missed_deadline_action_by(date(2026, 11, 23)) == date(2026, 11, 30)
    # Thu 17 Dec 2026: Fri 18, Mon 21, Tue 22, Wed 23, Thu 24 (1-5).
    assert deadlines.missed_deadline_action_by(date(2026, 12, 17)) == date(2026, 12, 24)
    # Fri 18 Dec 2026: Mon 21 - Thu 24 (1-4); Christmas, the weekend and the substitute Boxing
    # Day skipped; Tue 29 Dec (5).
    assert deadlines.missed_deadline_action_by(date(2026, 12, 18)) == date(2026, 12, 29)
    # Thu 2 Apr 2026: Good Friday and Easter Monday skipped; Tue 7 - Fri 10 (1-4), Mon 13 (5).
    assert deadlines.missed_deadline_action_by(date(2026, 4, 2)) == date(2026, 4, 13)


def test_suggested_reviews_are_a_term_apart_on_working_days():
    # Mon 2 Mar 2026 + 12 weeks is Mon 25 May 2026, the spring bank holiday, so Tuesday; the
    # next two count on from there.
    assert deadlines.suggested_reviews(date(2026, 3, 2)) == [
        date(2026, 5, 26),
        date(2026, 8, 18),
        date(2026, 11, 10),
    ]


def test_suggested_reviews_from_a_weekend_start_and_across_a_year_end():
    # Sat 19 Sep 2026 + 12 weeks is Sat 12 Dec, so Monday 14 Dec; + 12 weeks is Mon 8 Mar 2027.
    assert deadlines.suggested_reviews(date(2026, 9, 19), count=2) == [
        date(2026, 12, 14),
        date(2027, 3, 8),
    ]


def test_suggested_reviews_give_three_in_the_first_year():
    start = date(2026, 9, 7)
    reviews = deadlines.suggested_reviews(start)
    assert len(reviews) == 3
    assert reviews[-1] < dates.add_months(start, 12)
    assert all(dates.is_working_day(review) for review in reviews)


@pytest.mark.parametrize(
    ("answers", "received"),
    [
        ({"sent_on": "2026-11-23", "sent_by": "email"}, date(2026, 11, 23)),
        ({"sent_on": "2026-11-23", "sent_by": "email", "sent_after_5pm": True}, date(2026, 11, 24)),
        ({"sent_on": "2026-11-27", "sent_by": "first-class-post"}, date(2026, 11, 30)),
        # Signed-for post counts from the day it is signed for: known, or the likeliest day.
        ({"sent_on": "2026-11-27", "sent_by": "signed-post"}, date(2026, 11, 30)),
        (
            {"sent_on": "2026-11-27", "sent_by": "signed-post", "signed_for_on": "2026-12-02"},
            date(2026, 12, 2),
        ),
        ({"sent_on": "2026-11-27"}, None),
        ({"sent_by": "email"}, None),
        ({"sent_on": "[date]", "sent_by": "email"}, None),
    ],
)
def test_the_day_a_request_is_received_follows_from_the_answers(answers, received):
    assert deadlines.received_on(answers) == received


@pytest.mark.parametrize(
    ("answers", "received"),
    [
        # A Saturday email after 5pm is received that Saturday, as the ICO counts it.
        ({"sent_by": "email", "sent_on": "2026-11-28", "sent_after_5pm": True}, "2026-11-28"),
        ({"sent_by": "hand", "sent_on": "2026-12-02", "sent_after_5pm": True}, "2026-12-02"),
        # Post arrives as the SEND convention says: the next working day, or when signed for.
        ({"sent_by": "first-class-post", "sent_on": "2026-12-04"}, "2026-12-07"),
        (
            {"sent_by": "signed-post", "sent_on": "2026-12-01", "signed_for_on": "2026-12-03"},
            "2026-12-03",
        ),
        ({"sent_by": "email"}, None),
    ],
)
def test_subject_access_counts_from_the_day_it_arrives(answers, received):
    expected = received and date.fromisoformat(received)
    assert deadlines.subject_access_received_on(answers) == expected
