"""The law register in forms.law: its citations, time limits and how they are quoted."""

import pytest

from forms import law

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
    assert citation.last_verified <= law.LAST_VERIFIED
    assert citation.short.strip() == citation.short
    assert citation.short
    assert citation.summary.endswith(".")
    assert citation.checked.endswith("."), "each says how it was checked"


def test_citation_texts_are_unique():
    shorts = [c.short for c in law.CITATIONS.values()]
    assert len(shorts) == len(set(shorts))


@pytest.mark.parametrize(
    ("key", "confidence"),
    [
        # verified: read in the statutory or official text; secondary: only through others.
        ("cfa-s20", "verified"),
        ("cfa-s36-8", "verified"),
        ("cfa-s66", "verified"),
        ("cfa-s68", "verified"),
        ("code-6.45", "secondary"),
        ("code-6.65", "secondary"),
        ("code-6.72", "secondary"),
        ("code-9.8", "secondary"),
        ("eqa-s85", "verified"),
        ("pupil-info-reg5", "secondary"),
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
def test_confidence_is_as_checked(key, confidence):
    assert law.CITATIONS[key].confidence == confidence


def test_citation_rejects_unknown_confidence():
    with pytest.raises(ValueError, match="confidence"):
        law.Citation("x", "x", "x.", "https://example.org", "probably", "Read.")  # type: ignore[arg-type]


def test_citation_rejects_non_https_source():
    with pytest.raises(ValueError, match="https"):
        law.Citation("x", "x", "x.", "http://example.org", "verified", "Read.")


def test_a_citation_cannot_be_checked_after_the_register_was():
    later = law.LAST_VERIFIED.replace(year=law.LAST_VERIFIED.year + 1)
    with pytest.raises(ValueError, match="LAST_VERIFIED"):
        law.Citation("x", "x", "x.", "https://example.org", "verified", "Read.", later)


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
    assert "does not ask for a diagnosis" in law.CITATIONS["cfa-s20"].summary
    assert "three times" in law.CITATIONS["code-6.65"].summary
    assert law.CITATIONS["eqa-s85"].summary.startswith(
        "Schools must make reasonable adjustments for disabled pupils"
    )
    assert "maintained school" in law.CITATIONS["pupil-info-reg5"].summary


def test_school_complaints_procedures_are_cited_as_checked():
    # Maintained schools [S] (Education Act 2002 s29); academies [V] through the DfE's
    # guidance, which names the standards "Part 7" of the 2014 Regulations.
    assert law.cite("ea2002-s29") == "section 29 of the Education Act 2002"
    assert law.CITATIONS["ea2002-s29"].confidence == "secondary"
    assert law.cite("iss-part7").startswith("Part 7 of Schedule 1 to the Education (Independent")
    assert law.CITATIONS["iss-part7"].confidence == "verified"
    assert "at least three people" in law.CITATIONS["iss-part7"].summary


def test_discrimination_claim_limit_is_cited_from_the_equality_act():
    limit = law.TIME_LIMITS["discrimination-claim"]
    assert (limit.amount, limit.unit, limit.citation) == (6, "months", "eqa-sch17-4")
    assert "SEND Tribunal" in limit.description
    assert law.limit_text("discrimination-claim") == "within 6 months"


@pytest.mark.parametrize("key", sorted(law.TIME_LIMITS))
def test_time_limit_citation_exists_or_is_explained(key):
    limit = law.TIME_LIMITS[key]
    assert limit.key == key
    assert limit.unit in {"days", "working_days", "school_days", "weeks", "months"}
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
    assert law.limit_text("subject-access") == "within one month"
    assert law.limit_text("decide-to-assess") == "within 6 weeks"
    assert law.limit_text("school-reply") == "within 10 working days"
