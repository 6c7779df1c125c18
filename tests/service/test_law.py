"""The time limits, citations and date arithmetic in service.law.

Expected dates are worked out by hand (weekday noted beside each) so a regression in the
arithmetic or in the bank-holiday data shows up as a wrong date, not just a changed one.
"""

import datetime
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service import law

REQUIRED_CITATIONS = {
    "cfa-s20",
    "cfa-s35",
    "cfa-s36-1",
    "cfa-s36-8",
    "cfa-s66",
    "cfa-s68",
    "cfa-s69",
    "code-6.45",
    "code-6.49",
    "code-6.59",
    "code-6.65",
    "code-6.72",
    "code-9.8",
    "code-9.14",
    "eqa-s20",
    "eqa-s85",
    "pupil-info-reg5",
    "gdpr-art12-3",
    "gdpr-art15",
    "gdpr-art12a",
    "gdpr-art15-1a",
    "send-regs-5-1",
    "send-regs-10-1",
    "send-regs-13-2",
    "send-regs-5-4",
    "send-regs-10-4",
    "send-regs-13-3",
    "send-regs-exceptions",
    "cfa-s51",
    "cfa-s55",
}


# --- Citations and time limits ---------------------------------------------------------------


def test_required_citations_present():
    assert set(law.CITATIONS) >= REQUIRED_CITATIONS


@pytest.mark.parametrize("key", sorted(law.CITATIONS))
def test_citation_is_well_formed(key):
    citation = law.CITATIONS[key]
    assert citation.key == key
    assert citation.source.startswith("https://")
    assert citation.confidence in {"verified", "secondary", "unverified"}
    assert citation.last_verified == law.LAST_VERIFIED
    assert citation.short.strip() == citation.short
    assert citation.short
    assert citation.summary.endswith(".")


def test_citation_texts_are_unique():
    shorts = [c.short for c in law.CITATIONS.values()]
    assert len(shorts) == len(set(shorts))


@pytest.mark.parametrize(
    ("key", "confidence"),
    [
        # What DOMAIN.md marks each one: [V] verified, [S] secondary.
        ("cfa-s20", "verified"),
        ("cfa-s36-8", "verified"),
        ("cfa-s66", "verified"),
        ("cfa-s68", "verified"),
        ("code-6.45", "secondary"),
        ("code-6.65", "secondary"),
        ("code-6.72", "secondary"),
        ("code-9.8", "secondary"),
        ("eqa-s85", "verified"),
        ("pupil-info-reg5", "verified"),
        ("gdpr-art12-3", "secondary"),
        ("gdpr-art15", "secondary"),
        ("gdpr-art12a", "secondary"),
        ("gdpr-art15-1a", "secondary"),
        ("send-regs-5-1", "verified"),
        ("send-regs-13-3", "verified"),
        ("send-regs-exceptions", "verified"),
        ("cfa-s51", "verified"),
        ("cfa-s55", "secondary"),
        ("code-9.42-9.43", "secondary"),
        ("lga-1974-ombudsman", "verified"),
    ],
)
def test_confidence_matches_domain_guide(key, confidence):
    assert law.CITATIONS[key].confidence == confidence


def test_citation_rejects_unknown_confidence():
    with pytest.raises(ValueError, match="confidence"):
        law.Citation("x", "x", "x.", "https://example.org", "probably")  # type: ignore[arg-type]


def test_citation_rejects_non_https_source():
    with pytest.raises(ValueError, match="https"):
        law.Citation("x", "x", "x.", "http://example.org", "verified")


def test_citation_is_immutable():
    with pytest.raises(AttributeError):
        law.CITATIONS["cfa-s66"].short = "something else"  # type: ignore[misc]


def test_cite_returns_the_short_text():
    assert law.cite("cfa-s66") == "section 66 of the Children and Families Act 2014"
    assert law.cite("cfa-s36-8") == "section 36(8) of the Children and Families Act 2014"
    assert law.cite("code-6.65").startswith("paragraph 6.65 of the SEND Code of Practice")


def test_cite_unknown_key_raises():
    with pytest.raises(KeyError):
        law.cite("cfa-s999")


def test_all_citation_texts():
    texts = law.all_citation_texts()
    assert texts == {c.short for c in law.CITATIONS.values()}
    assert "section 20 of the Children and Families Act 2014" in texts


def test_summaries_say_what_the_brief_requires():
    assert "no diagnosis" in law.CITATIONS["cfa-s20"].summary
    assert "three times" in law.CITATIONS["code-6.65"].summary
    assert law.CITATIONS["eqa-s85"].summary.startswith(
        "Schools must make reasonable adjustments for disabled pupils"
    )
    assert "maintained school" in law.CITATIONS["pupil-info-reg5"].summary


def test_school_complaints_procedures_are_cited_as_domain_rates_them():
    # DOMAIN.md 1.8: maintained schools [S] (Education Act 2002 s29); academies [V] through
    # the DfE's guidance, which names the standards "Part 7" of the 2014 Regulations.
    assert law.cite("ea2002-s29") == "section 29 of the Education Act 2002"
    assert law.CITATIONS["ea2002-s29"].confidence == "secondary"
    assert law.cite("iss-part7").startswith("Part 7 of Schedule 1 to the Education (Independent")
    assert law.CITATIONS["iss-part7"].confidence == "verified"
    assert "at least three people" in law.CITATIONS["iss-part7"].summary


def test_discrimination_claim_limit_is_quoted_but_not_cited():
    limit = law.TIME_LIMITS["discrimination-claim"]
    assert (limit.amount, limit.unit, limit.citation) == (6, "months", None)
    assert "SEND Tribunal" in limit.description
    assert law.limit_text("discrimination-claim") == "within 6 months"


@pytest.mark.parametrize("key", sorted(law.TIME_LIMITS))
def test_time_limit_citation_exists_or_is_explained(key):
    limit = law.TIME_LIMITS[key]
    assert limit.key == key
    assert limit.unit in {"working_days", "school_days", "weeks", "months"}
    assert limit.amount > 0
    if limit.citation is None:
        assert limit.note
    else:
        assert limit.citation in law.CITATIONS


@pytest.mark.parametrize(
    ("key", "amount", "unit", "citation"),
    [
        ("school-reply", 10, "working_days", None),
        ("educational-record", 15, "school_days", "pupil-info-reg5"),
        ("subject-access", 1, "months", "gdpr-art12-3"),
        ("subject-access-extension", 2, "months", "gdpr-art12-3"),
        ("decide-to-assess", 6, "weeks", "send-regs-5-1"),
        ("decide-to-issue", 16, "weeks", "send-regs-10-1"),
        ("final-plan", 20, "weeks", "send-regs-13-2"),
        ("missed-deadline-action", 5, "working_days", None),
        ("ombudsman-complaint", 12, "months", "lga-1974-ombudsman"),
        ("support-plan-review", 12, "weeks", None),
    ],
)
def test_time_limit_values(key, amount, unit, citation):
    limit = law.TIME_LIMITS[key]
    assert (limit.amount, limit.unit, limit.citation) == (amount, unit, citation)


def test_non_statutory_limit_needs_a_note():
    with pytest.raises(ValueError, match="note"):
        law.TimeLimit("x", 1, "weeks", "x", None)


def test_time_limit_rejects_unknown_unit():
    with pytest.raises(ValueError, match="unit"):
        law.TimeLimit("x", 1, "fortnights", "x", "cfa-s66")  # type: ignore[arg-type]


def test_limit_texts():
    assert law.educational_record_limit_text() == "within 15 school days"
    assert law.limit_text("subject-access") == "within 1 month"
    assert law.limit_text("decide-to-assess") == "within 6 weeks"
    assert law.limit_text("school-reply") == "within 10 working days"


# --- Bank holidays and working days ----------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2022, 9, 19),  # State funeral of Queen Elizabeth II (one-off)
        date(2023, 5, 8),  # Coronation of King Charles III (one-off)
        date(2022, 6, 3),  # Platinum Jubilee (one-off)
        date(2021, 12, 27),  # substitute for Christmas Day on a Saturday
        date(2021, 12, 28),  # substitute for Boxing Day on a Sunday
        date(2022, 1, 3),  # substitute for New Year's Day on a Saturday
        date(2026, 12, 28),  # substitute for Boxing Day on a Saturday
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 8, 31),  # Summer bank holiday (England, not Scotland's)
    ],
)
def test_bank_holidays_include(day):
    assert day in law.bank_holidays(day.year)
    assert not law.is_working_day(day)


def test_scottish_only_holidays_are_working_days_in_england():
    # 2 January and St Andrew's Day are Scottish bank holidays only.
    assert law.is_working_day(date(2026, 1, 2))  # Friday
    assert law.is_working_day(date(2026, 11, 30))  # Monday


def test_bank_holidays_is_cached_and_frozen():
    first = law.bank_holidays(2026)
    assert isinstance(first, frozenset)
    assert law.bank_holidays(2026) is first
    assert len(first) == 9  # 8 annual days plus the Boxing Day substitute on 28 December


def test_weekends_are_not_working_days():
    assert law.is_working_day(date(2026, 11, 20))  # Friday
    assert not law.is_working_day(date(2026, 11, 21))  # Saturday
    assert not law.is_working_day(date(2026, 11, 22))  # Sunday
    assert law.is_working_day(date(2026, 11, 23))  # Monday


def test_datetime_is_refused():
    # A datetime never equals a date, so it would slip past every bank holiday.
    with pytest.raises(TypeError):
        law.is_working_day(datetime.datetime(2026, 12, 25, 9, 0))


def test_next_working_day_is_strictly_after():
    assert law.next_working_day(date(2026, 11, 23)) == date(2026, 11, 24)  # Mon -> Tue
    assert law.next_working_day(date(2026, 11, 20)) == date(2026, 11, 23)  # Fri -> Mon
    assert law.next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)  # over Easter


def test_working_day_on_or_after():
    assert law.working_day_on_or_after(date(2026, 11, 23)) == date(2026, 11, 23)
    assert law.working_day_on_or_after(date(2026, 11, 21)) == date(2026, 11, 23)


def test_add_working_days_over_a_weekend():
    assert law.add_working_days(date(2026, 11, 20), 0) == date(2026, 11, 20)
    assert law.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Fri -> Mon
    assert law.add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)  # Sat -> Mon
    assert law.add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 30)  # Mon -> Mon


def test_add_working_days_over_easter():
    # Thu 2 Apr 2026 + 1: Fri 3 (Good Friday), Sat 4, Sun 5, Mon 6 (Easter Monday) skipped.
    assert law.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_add_working_days_over_christmas_2026():
    # From Wed 23 Dec 2026: Thu 24 (1); Fri 25 Christmas; Sat 26 Boxing Day, so Mon 28 is its
    # substitute; Tue 29 (2); Wed 30 (3).
    assert law.add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)
    # Going on: Thu 31 (4); Fri 1 Jan New Year's Day; Sat 2, Sun 3; Mon 4 (5); Tue 5 (6).
    assert law.add_working_days(date(2026, 12, 23), 6) == date(2027, 1, 5)


def test_add_working_days_over_christmas_2021_substitutes():
    # Fri 24 Dec 2021: Sat 25 and Sun 26 fall at a weekend, so Mon 27 and Tue 28 are
    # substitute days; the first working day is Wed 29.
    assert law.add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)
    # Fri 31 Dec 2021: Sat 1 Jan, Sun 2, Mon 3 (substitute for New Year's Day) -> Tue 4.
    assert law.add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)


def test_add_working_days_over_one_off_holidays():
    # Fri 16 Sep 2022 -> Mon 19 is the state funeral -> Tue 20.
    assert law.add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)
    # Fri 5 May 2023 -> Mon 8 is the coronation -> Tue 9.
    assert law.add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)


def test_add_working_days_rejects_negative():
    with pytest.raises(ValueError, match="zero or more"):
        law.add_working_days(date(2026, 11, 23), -1)


@settings(deadline=None, max_examples=300)
@given(
    start=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
)
def test_add_working_days_counts_exactly_n_working_days(start, n):
    result = law.add_working_days(start, n)
    if n == 0:
        assert result == start
        return
    assert law.is_working_day(result)
    days = (result - start).days
    between = [start + datetime.timedelta(days=i) for i in range(1, days + 1)]
    assert sum(law.is_working_day(d) for d in between) == n


# --- Weeks and months ------------------------------------------------------------------------


def test_add_weeks():
    assert law.add_weeks(date(2026, 1, 5), 6) == date(2026, 2, 16)
    assert law.add_weeks(date(2026, 12, 28), 1) == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # not a leap year
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),  # April has no 31st
        (date(2026, 4, 30), 1, date(2026, 5, 30)),  # same day, not "end of month"
        (date(2026, 12, 31), 1, date(2027, 1, 31)),  # across the year end
        (date(2026, 11, 15), 1, date(2026, 12, 15)),
        (date(2026, 1, 31), 13, date(2027, 2, 28)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_add_months(start, n, expected):
    assert law.add_months(start, n) == expected


# --- Domain deadlines ------------------------------------------------------------------------


def test_reply_by_is_ten_working_days():
    # Wed 1 Apr 2026: Thu 2 (1); Good Friday, weekend, Easter Monday skipped; Tue 7 - Fri 10
    # (2-5); Mon 13 - Fri 17 (6-10).
    assert law.reply_by(date(2026, 4, 1)) == date(2026, 4, 17)
    # Mon 23 Nov 2026 with no holidays: two full weeks later.
    assert law.reply_by(date(2026, 11, 23)) == date(2026, 12, 7)


def test_subject_access_due_on_a_working_day():
    # 16 Oct 2026 + 1 month = Mon 16 Nov 2026, already a working day.
    assert law.subject_access_due(date(2026, 10, 16)) == date(2026, 11, 16)


def test_subject_access_due_on_a_weekend_moves_to_monday():
    # 3 Sep 2026 + 1 month = Sat 3 Oct 2026 -> Mon 5 Oct.
    assert law.subject_access_due(date(2026, 9, 3)) == date(2026, 10, 5)


def test_subject_access_due_over_christmas():
    # 25 Nov 2026 + 1 month = Fri 25 Dec (Christmas); Sat 26, Sun 27, Mon 28 (substitute)
    # -> Tue 29 Dec.
    assert law.subject_access_due(date(2026, 11, 25)) == date(2026, 12, 29)


def test_subject_access_due_short_month():
    # 31 Jan 2026 + 1 month = Sat 28 Feb 2026 -> Mon 2 Mar.
    assert law.subject_access_due(date(2026, 1, 31)) == date(2026, 3, 2)


WED = date(2026, 11, 25)
FRI = date(2026, 11, 27)
SAT = date(2026, 11, 28)
MON = date(2026, 11, 30)
CHRISTMAS_EVE = date(2026, 12, 24)  # Thursday


@pytest.mark.parametrize("method", ["email", "hand"])
def test_request_received_email_and_hand(method):
    assert law.request_received(WED, method) == WED
    assert law.request_received(WED, method, after_5pm=True) == date(2026, 11, 26)
    assert law.request_received(FRI, method, after_5pm=True) == MON
    assert law.request_received(SAT, method) == MON
    assert law.request_received(SAT, method, after_5pm=True) == MON
    assert law.request_received(date(2026, 12, 25), method) == date(2026, 12, 29)
    # Thu 24 Dec after 5pm: Fri 25, Sat 26, Sun 27, Mon 28 (substitute) -> Tue 29.
    assert law.request_received(CHRISTMAS_EVE, method, after_5pm=True) == date(2026, 12, 29)


def test_request_received_signed_post_is_the_date_signed():
    assert law.request_received(WED, "signed-post") == WED
    assert law.request_received(WED, "signed-post", after_5pm=True) == WED
    assert law.request_received(SAT, "signed-post") == SAT


def test_request_received_first_class_post_is_next_working_day():
    assert law.request_received(WED, "first-class-post") == date(2026, 11, 26)
    assert law.request_received(FRI, "first-class-post") == MON
    assert law.request_received(SAT, "first-class-post") == MON
    assert law.request_received(CHRISTMAS_EVE, "first-class-post") == date(2026, 12, 29)


def test_request_received_unknown_method():
    with pytest.raises(ValueError, match="unknown delivery method"):
        law.request_received(WED, "pigeon")


def test_ehc_deadlines():
    # Mon 5 Jan 2026 + 6, 16 and 20 weeks. 25 May 2026 is a bank holiday and stays: the
    # regulations count calendar weeks with no working-day adjustment.
    assert law.ehc_deadlines(date(2026, 1, 5)) == {
        "decide-to-assess": date(2026, 2, 16),
        "decide-to-issue": date(2026, 4, 27),
        "final-plan": date(2026, 5, 25),
    }


def test_ehc_deadlines_across_a_year_end():
    assert law.ehc_deadlines(date(2026, 11, 23)) == {
        "decide-to-assess": date(2027, 1, 4),
        "decide-to-issue": date(2027, 3, 15),
        "final-plan": date(2027, 4, 12),
    }


def test_each_ehc_time_limit_has_its_exception():
    assert law.EHC_EXCEPTIONS == {
        "decide-to-assess": "send-regs-5-4",
        "decide-to-issue": "send-regs-10-4",
        "final-plan": "send-regs-13-3",
    }
    assert set(law.EHC_EXCEPTIONS) == set(law.EHC_STEPS)


def test_missed_deadline_action_is_five_working_days_and_not_statutory():
    assert law.TIME_LIMITS["missed-deadline-action"].citation is None
    assert "not statutory" in law.TIME_LIMITS["missed-deadline-action"].note
    # Mon 23 Nov 2026 -> Mon 30 Nov.
    assert law.missed_deadline_action_by(date(2026, 11, 23)) == date(2026, 11, 30)
    # Thu 17 Dec 2026: Fri 18, Mon 21, Tue 22, Wed 23, Thu 24 (1-5).
    assert law.missed_deadline_action_by(date(2026, 12, 17)) == date(2026, 12, 24)
    # Fri 18 Dec 2026: Mon 21 - Thu 24 (1-4); Christmas, the weekend and the substitute Boxing
    # Day skipped; Tue 29 Dec (5).
    assert law.missed_deadline_action_by(date(2026, 12, 18)) == date(2026, 12, 29)
    # Thu 2 Apr 2026: Good Friday and Easter Monday skipped; Tue 7 - Fri 10 (1-4), Mon 13 (5).
    assert law.missed_deadline_action_by(date(2026, 4, 2)) == date(2026, 4, 13)


def test_suggested_reviews_are_a_term_apart_on_working_days():
    # Mon 2 Mar 2026 + 12 weeks is Mon 25 May 2026, the spring bank holiday, so Tuesday; the
    # next two count on from there.
    assert law.suggested_reviews(date(2026, 3, 2)) == [
        date(2026, 5, 26),
        date(2026, 8, 18),
        date(2026, 11, 10),
    ]


def test_suggested_reviews_from_a_weekend_start_and_across_a_year_end():
    # Sat 19 Sep 2026 + 12 weeks is Sat 12 Dec, so Monday 14 Dec; + 12 weeks is Mon 8 Mar 2027.
    assert law.suggested_reviews(date(2026, 9, 19), count=2) == [
        date(2026, 12, 14),
        date(2027, 3, 8),
    ]


def test_suggested_reviews_give_three_in_the_first_year():
    start = date(2026, 9, 7)
    reviews = law.suggested_reviews(start)
    assert len(reviews) == 3
    assert reviews[-1] < law.add_months(start, 12)
    assert all(law.is_working_day(review) for review in reviews)


# --- Today in London -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utc_instant", "expected"),
    [
        # British Summer Time: 23:30 UTC is 00:30 the next day in London.
        (datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC), date(2026, 7, 2)),
        # Greenwich Mean Time: London and UTC agree.
        (datetime.datetime(2026, 1, 15, 23, 30, tzinfo=datetime.UTC), date(2026, 1, 15)),
        (datetime.datetime(2026, 7, 1, 22, 59, tzinfo=datetime.UTC), date(2026, 7, 1)),
    ],
)
def test_today_uses_london_time(monkeypatch, utc_instant, expected):
    monkeypatch.setattr(law, "_utc_now", lambda: utc_instant)
    assert law.today() == expected


def test_today_without_patching_is_a_date():
    result = law.today()
    assert type(result) is date
