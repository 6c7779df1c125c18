"""Every statutory time limit and citation the service prints, and the date arithmetic behind them.

Letters about special educational needs are only useful if their law is right. Keeping each
legal claim here, once, with its source, its confidence and the date it was last checked means
a change in the law is one edit, a review is one file, and the documents can be tested to print
no citation that does not come from this module. Everything here is England only and is taken
from /work/shared/DOMAIN.md; re-check it against the sources before a release.
"""

import calendar
import datetime
import functools
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

# The date the citations below were last checked against the sources DOMAIN.md names.
LAST_VERIFIED = datetime.date(2026, 11, 23)

Confidence = Literal["verified", "secondary", "unverified"]
Unit = Literal["working_days", "school_days", "weeks", "months"]

# DOMAIN.md's key: [V] checked in statutory or official text, [S] checked only through a
# reputable secondary source, [U] not verified.
CONFIDENCE_LEVELS: frozenset[str] = frozenset({"verified", "secondary", "unverified"})
UNITS: frozenset[str] = frozenset({"working_days", "school_days", "weeks", "months"})

LONDON = ZoneInfo("Europe/London")

_CFA = "https://www.legislation.gov.uk/ukpga/2014/6"
_SEND_REGS = "https://www.legislation.gov.uk/uksi/2014/1530"
_CODE = "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25"
_CODE_NAME = "the SEND Code of Practice: 0 to 25 years (2015)"
_EQA = "https://www.legislation.gov.uk/ukpga/2010/15"
_UK_GDPR = "https://www.legislation.gov.uk/eur/2016/679"


@dataclass(frozen=True)
class Citation:
    """One legal source as the service cites it, with how sure we are of it."""

    key: str
    short: str
    summary: str
    source: str
    confidence: Confidence
    last_verified: datetime.date = LAST_VERIFIED

    def __post_init__(self):
        # Checked on construction so a typo in this file fails at import, not in a letter.
        if self.confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"{self.key}: unknown confidence {self.confidence!r}")
        if not self.source.startswith("https://"):
            raise ValueError(f"{self.key}: source must be an https:// address")


@dataclass(frozen=True)
class TimeLimit:
    """A time limit the service computes or quotes; `citation` is None for service defaults."""

    key: str
    amount: int
    unit: Unit
    description: str
    citation: str | None
    note: str = ""

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"{self.key}: unknown unit {self.unit!r}")
        if self.amount < 1:
            raise ValueError(f"{self.key}: amount must be positive")
        # A limit with no statute behind it must say so, or a letter could pass it off as law.
        if self.citation is None and not self.note:
            raise ValueError(f"{self.key}: a non-statutory limit needs a note explaining why")


def _cfa(section: str, summary: str, *, url: str | None = None):
    # "36(8)" is keyed "cfa-s36-8" and sourced from the page for the whole of section 36.
    number, _, subsection = section.partition("(")
    return Citation(
        key=f"cfa-s{number}" + (f"-{subsection.rstrip(')')}" if subsection else ""),
        short=f"section {section} of the Children and Families Act 2014",
        summary=summary,
        source=url or f"{_CFA}/section/{number}",
        confidence="verified",
    )


def _code(paragraph: str, summary: str, confidence: Confidence):
    return Citation(
        key=f"code-{paragraph}",
        short=f"paragraph {paragraph} of {_CODE_NAME}",
        summary=summary,
        source=_CODE,
        confidence=confidence,
    )


def _send_regs(key: str, regulations: str, number: str, summary: str):
    return Citation(
        key=key,
        short=f"{regulations} of the Special Educational Needs and Disability Regulations 2014",
        summary=summary,
        source=f"{_SEND_REGS}/regulation/{number}",
        confidence="verified",
    )


def _exception_summary(weeks: int) -> str:
    return (
        f"The {weeks}-week limit does not apply where meeting it is impractical because advice "
        "was asked of a school, college or early-years provider from one week before it closed "
        "for 4 weeks or more until one week before it reopened, because of exceptional personal "
        "circumstances, or because the child, parent or young person was away from the area for "
        "4 weeks or more."
    )


_CITATIONS = (
    # DOMAIN.md verified s20 against the enacted text of Part 3, so that is the source given.
    _cfa(
        "20",
        "A child has special educational needs if they have a learning difficulty or disability "
        "that calls for special educational provision, which means a significantly greater "
        "difficulty in learning or a disability that gets in the way of using ordinary school "
        "facilities; no diagnosis is needed.",
        url=f"{_CFA}/part/3/enacted",
    ),
    _cfa(
        "35",
        "A child with special educational needs must take part in school activities together "
        "with other children, so far as that is reasonably practicable and compatible with their "
        "special educational provision, the efficient education of the others and the efficient "
        "use of resources.",
    ),
    _cfa(
        "36(1)",
        "A parent, a young person or a school may ask the local authority for an education, "
        "health and care (EHC) needs assessment.",
    ),
    _cfa(
        "36(8)",
        "The local authority must carry out an EHC needs assessment if the child or young person "
        "has or may have special educational needs and it may be necessary for special "
        "educational provision to be made through an EHC plan.",
    ),
    _cfa(
        "51",
        "A parent or young person can appeal to the SEND Tribunal against a local authority's "
        "decision not to carry out an EHC needs assessment or not to issue an EHC plan, and "
        "against other decisions about an EHC plan.",
    ),
    # DOMAIN.md 1.1 has s55 only from Swindon SIAS [S], so it is not cited as verified.
    Citation(
        key="cfa-s55",
        short="section 55 of the Children and Families Act 2014",
        summary="Before appealing to the Tribunal, a parent or young person must get a "
        "certificate from a mediation adviser, unless the appeal is only about the school or "
        "college named in the plan.",
        source=f"{_CFA}/section/55",
        confidence="secondary",
    ),
    _cfa(
        "66",
        "The school's governing body or proprietor must use its best endeavours to secure the "
        "special educational provision a pupil's needs call for, whether or not the pupil has "
        "an EHC plan.",
    ),
    _cfa(
        "68",
        "When a school makes special educational provision for a pupil who has no EHC plan, it "
        "must tell the parent or young person.",
    ),
    _cfa(
        "69",
        "A school must publish a report setting out information about its provision for pupils "
        "with special educational needs.",
    ),
    _code(
        "6.45",
        "Schools should take any concern a parent raises seriously.",
        "secondary",
    ),
    _code(
        "6.49",
        "Everyone who works with the pupil should be told about their needs, the outcomes being "
        "sought, the support in place and the teaching strategies to use.",
        "secondary",
    ),
    _code(
        "6.59",
        "Where a pupil is making little or no progress, the school should consider bringing in "
        "a specialist.",
        "secondary",
    ),
    _code(
        "6.65",
        "Schools should meet parents at least three times each year and give them a record of "
        "what was agreed.",
        "secondary",
    ),
    _code(
        "6.72",
        "Schools should keep accurate records of the special educational provision they make "
        "for each pupil.",
        "secondary",
    ),
    _code(
        "9.8",
        "An EHC needs assessment can be requested by the child's parent, by a young person aged "
        "16 to 25, or by the school, ideally with the family's agreement.",
        "secondary",
    ),
    # DOMAIN.md marks 9.14 "[V-text]", but the wording was read only as quoted, identically,
    # by local authority and SENDIASS pages: secondary until someone reads the Code itself.
    _code(
        "9.14",
        "In deciding whether to assess, the local authority should consider whether, despite "
        "relevant and purposeful action, the child has not made the expected progress, looking "
        "at attainment and rate of progress, the nature and extent of the needs, the action "
        "already taken, whether progress came only with much extra support, and health and "
        "social care evidence.",
        "secondary",
    ),
    # DOMAIN.md 1.2 has this only through secondary sources [S]: the exceptions to the EHC time
    # limits do not let the local authority stop; it must still finish as soon as it can.
    Citation(
        key="code-9.42-9.43",
        short=f"paragraphs 9.42 and 9.43 of {_CODE_NAME}",
        summary="Even where an exception to an EHC time limit applies, the local authority must "
        "still act as soon as practicable and keep the delay to a minimum.",
        source=_CODE,
        confidence="secondary",
    ),
    Citation(
        key="eqa-s20",
        short="section 20 of the Equality Act 2010",
        summary="The duty to make reasonable adjustments, which for schools covers their "
        "policies, criteria and practices and the provision of auxiliary aids (not physical "
        "features), and which means planning ahead for disabled pupils.",
        source=f"{_EQA}/section/20",
        confidence="verified",
    ),
    Citation(
        key="eqa-s85",
        short="section 85 of the Equality Act 2010",
        summary="Schools must make reasonable adjustments for disabled pupils.",
        source=f"{_EQA}/section/85",
        confidence="verified",
    ),
    # School complaints procedures (DOMAIN.md 1.8). Maintained schools: [S], seen only through
    # secondary sources. Academies: [V] from the DfE's academy complaints guidance, which names
    # the standards as "Part 7"; it is cited that way so no schedule number has to be trusted.
    Citation(
        key="ea2002-s29",
        short="section 29 of the Education Act 2002",
        summary="The governing body of a maintained school must have a procedure for dealing "
        "with complaints, and must publicise it.",
        source="https://www.legislation.gov.uk/ukpga/2002/32/section/29",
        confidence="secondary",
    ),
    Citation(
        key="iss-part7",
        # Schedule 1, Part 7, as the gov.uk guidance names it (DOMAIN.md 1.8, [V]).
        short="Part 7 of Schedule 1 to the Education (Independent School Standards) "
        "Regulations 2014",
        summary="An academy must have a complaints procedure with an informal stage, a formal "
        "written stage and then a hearing before a panel of at least three people, one of whom "
        "is independent of the school.",
        source="https://www.gov.uk/government/publications/setting-up-an-academies-complaints-"
        "procedure",
        confidence="verified",
    ),
    Citation(
        key="pupil-info-reg5",
        short="regulation 5 of the Education (Pupil Information) (England) Regulations 2005",
        summary="A maintained school must let a parent inspect their child's educational "
        "record free of charge within 15 school days of receiving a written request.",
        source="https://www.legislation.gov.uk/uksi/2005/1437/regulation/5",
        confidence="verified",
    ),
    Citation(
        key="gdpr-art12-3",
        short="Article 12(3) of the UK GDPR",
        summary="An organisation must answer a subject access request within one month of "
        "receiving it, which it can extend by two more months if the request is complex.",
        source=f"{_UK_GDPR}/article/12",
        confidence="secondary",
    ),
    Citation(
        key="gdpr-art15",
        short="Article 15 of the UK GDPR",
        summary="A person has the right to a copy of the personal data an organisation holds "
        "about them.",
        source=f"{_UK_GDPR}/article/15",
        confidence="secondary",
    ),
    # Articles 12A and 15(1A) were inserted by the Data (Use and Access) Act 2025; DOMAIN.md
    # 1.7 read them only through law firms' summaries (Ashfords, Kennedys), hence secondary.
    Citation(
        key="gdpr-art12a",
        short="Article 12A of the UK GDPR",
        summary="The time limit for answering a subject access request pauses while the "
        "organisation waits for information it needs to confirm the person's identity or to "
        "clarify what they are asking for.",
        source=f"{_UK_GDPR}/article/12A",
        confidence="secondary",
    ),
    Citation(
        key="gdpr-art15-1a",
        short="Article 15(1A) of the UK GDPR",
        summary="A person making a subject access request is entitled to the information the "
        "organisation can find by a reasonable and proportionate search.",
        source=f"{_UK_GDPR}/article/15",
        confidence="secondary",
    ),
    _send_regs(
        "send-regs-5-1",
        "regulations 4(1) and 5(1)",
        "5",
        "The local authority must decide whether to carry out an EHC needs assessment, and tell "
        "the family, within 6 weeks of receiving the request.",
    ),
    _send_regs(
        "send-regs-10-1",
        "regulation 10(1)",
        "10",
        "If the local authority decides after an assessment not to issue an EHC plan, it must "
        "tell the family within 16 weeks of receiving the request for assessment.",
    ),
    _send_regs(
        "send-regs-13-2",
        "regulation 13(2)",
        "13",
        "The local authority must issue the final EHC plan within 20 weeks of receiving the "
        "request for assessment.",
    ),
    _send_regs("send-regs-5-4", "regulation 5(4)", "5", _exception_summary(6)),
    _send_regs("send-regs-10-4", "regulation 10(4)", "10", _exception_summary(16)),
    _send_regs("send-regs-13-3", "regulation 13(3)", "13", _exception_summary(20)),
    # The three exceptions above, cited together where a letter gives all three time limits.
    Citation(
        key="send-regs-exceptions",
        short="regulations 5(4), 10(4) and 13(3) of the Special Educational Needs and Disability "
        "Regulations 2014",
        summary="The 6-, 16- and 20-week limits for an EHC needs assessment and plan do not "
        "apply where meeting them is impractical for one of a few listed reasons, such as a "
        "school or early-years provider being closed for 4 weeks or more, exceptional personal "
        "circumstances, or the family being away from the area for 4 weeks or more.",
        source=f"{_SEND_REGS}/contents",
        confidence="verified",
    ),
    # DOMAIN.md 1.8 [V], read in the Ombudsman's own decisions (24-011-751, 24-010-334): a
    # complaint about a council goes through its complaints procedure first, then to the
    # Ombudsman within 12 months. No section is cited, because DOMAIN.md names none for it.
    Citation(
        key="lga-1974-ombudsman",
        short="the Local Government Act 1974",
        summary="The Local Government and Social Care Ombudsman looks at a complaint about a "
        "council once the council's own complaints procedure is finished, normally only if it "
        "is made within 12 months, and normally not about anything that can be appealed to the "
        "SEND Tribunal.",
        source="https://www.lgo.org.uk/decisions/education/special-educational-needs",
        confidence="verified",
    ),
)

CITATIONS: dict[str, Citation] = {c.key: c for c in _CITATIONS}

TIME_LIMITS: dict[str, TimeLimit] = {
    t.key: t
    for t in (
        TimeLimit(
            key="school-reply",
            amount=10,
            unit="working_days",
            description="Reply to the parent's letter",
            citation=None,
            note="Not a statutory limit: no law sets a time for a school to answer a letter, so "
            "the service asks for a reply within a period a school can reasonably meet.",
        ),
        TimeLimit(
            key="support-plan-review",
            amount=12,
            unit="weeks",
            description="Time between suggested reviews of an SEN support plan",
            citation=None,
            note="Not a statutory limit: paragraph 6.65 of the SEND Code of Practice says schools "
            "should meet parents at least three times a year, so the service suggests reviews "
            "about a term (12 weeks) apart, three in the year from the plan's start.",
        ),
        TimeLimit(
            key="educational-record",
            amount=15,
            unit="school_days",
            description="Let the parent inspect the educational record (maintained schools)",
            citation="pupil-info-reg5",
        ),
        TimeLimit(
            key="subject-access",
            amount=1,
            unit="months",
            description="Answer a subject access request",
            citation="gdpr-art12-3",
        ),
        TimeLimit(
            key="subject-access-extension",
            amount=2,
            unit="months",
            description="Extra time a school can take to answer a complex subject access request, "
            "if it says so within the first month",
            citation="gdpr-art12-3",
        ),
        TimeLimit(
            key="decide-to-assess",
            amount=6,
            unit="weeks",
            description="Decide whether to carry out an EHC needs assessment",
            citation="send-regs-5-1",
        ),
        TimeLimit(
            key="decide-to-issue",
            amount=16,
            unit="weeks",
            description="Tell the family if the local authority will not issue an EHC plan",
            citation="send-regs-10-1",
        ),
        TimeLimit(
            key="final-plan",
            amount=20,
            unit="weeks",
            description="Issue the final EHC plan",
            citation="send-regs-13-2",
        ),
        TimeLimit(
            key="missed-deadline-action",
            amount=5,
            unit="working_days",
            description="Put right a missed EHC time limit, or say when it will be put right",
            citation=None,
            note="Surrey's model, not statutory: a reasonable request. Once an EHC time limit has "
            "passed the law sets no further date, so the letter asks the council to act within a "
            "short period it can meet (DOMAIN.md 2(e)).",
        ),
        TimeLimit(
            key="ombudsman-complaint",
            amount=12,
            unit="months",
            description="Complain to the Local Government and Social Care Ombudsman",
            citation="lga-1974-ombudsman",
        ),
        TimeLimit(
            key="discrimination-claim",
            amount=6,
            unit="months",
            description="Make a disability discrimination claim against a school to the SEND "
            "Tribunal",
            citation=None,
            note="A statutory limit, but DOMAIN.md (1.6) has it only from IPSEA [S] and does not "
            "name the provision, so nothing is cited with it: the service says only that a "
            "claim goes to the SEND Tribunal within 6 months.",
        ),
    )
}


def _check_references():
    for limit in TIME_LIMITS.values():
        if limit.citation is not None and limit.citation not in CITATIONS:
            raise ValueError(f"{limit.key}: no citation {limit.citation!r}")


_check_references()


def cite(key: str) -> str:
    """How a letter cites `key`, e.g. "section 66 of the Children and Families Act 2014"."""
    return CITATIONS[key].short


def all_citation_texts() -> frozenset[str]:
    """Every citation text the service may print, so documents can be checked against it."""
    return frozenset(c.short for c in CITATIONS.values())


_UNIT_WORDS = {
    "working_days": ("working day", "working days"),
    "school_days": ("school day", "school days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
}


def limit_text(key: str) -> str:
    """A time limit as a phrase for a letter, e.g. "within 6 weeks"."""
    limit = TIME_LIMITS[key]
    singular, plural = _UNIT_WORDS[limit.unit]
    return f"within {limit.amount} {singular if limit.amount == 1 else plural}"


def educational_record_limit_text() -> str:
    """The educational-record limit as words ("within 15 school days").

    There is deliberately no function that computes this date: school days depend on the
    school's own term calendar, which the service does not know, and a wrong date in a letter
    is worse than none.
    """
    return limit_text("educational-record")


# --- Dates -----------------------------------------------------------------------------------


@functools.cache
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """England and Wales bank holidays in `year`, including substitute and one-off days.

    Comes from the pinned `holidays` package; one-off days announced after its release are
    missing until it is upgraded, so upgrade it when a new one is announced.
    """
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def _require_date(d) -> None:
    # A datetime is a date subclass but never equals one, so it would silently miss every bank
    # holiday; refuse it rather than give a wrong deadline.
    if isinstance(d, datetime.datetime) or not isinstance(d, datetime.date):
        raise TypeError(f"expected a datetime.date, got {type(d).__name__}")


def is_working_day(d: datetime.date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    _require_date(d)
    return d.weekday() < 5 and d not in bank_holidays(d.year)


def next_working_day(d: datetime.date) -> datetime.date:
    """The first working day strictly after `d`."""
    _require_date(d)
    d += datetime.timedelta(days=1)
    while not is_working_day(d):
        d += datetime.timedelta(days=1)
    return d


def working_day_on_or_after(d: datetime.date) -> datetime.date:
    """`d` if it is a working day, otherwise the next one."""
    return d if is_working_day(d) else next_working_day(d)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The date `n` working days after `start`; `start` itself is not counted."""
    _require_date(start)
    if n < 0:
        raise ValueError("n must be zero or more")
    d = start
    for _ in range(n):
        d = next_working_day(d)
    return d


def add_weeks(start: datetime.date, n: int) -> datetime.date:
    """`n` calendar weeks after `start`."""
    _require_date(start)
    return start + datetime.timedelta(weeks=n)


def add_months(start: datetime.date, n: int) -> datetime.date:
    """`n` calendar months after `start`, as the ICO counts a month.

    The same day number in the later month, or that month's last day if it is shorter
    (31 January + 1 month = 28 or 29 February).
    """
    _require_date(start)
    month_index = start.year * 12 + (start.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def today() -> datetime.date:
    """Today's date in England.

    Servers usually run on UTC; between midnight and 1am in summer that is still yesterday,
    which would put the wrong date on a letter and on every deadline counted from it.
    """
    return _utc_now().astimezone(LONDON).date()


# --- Deadlines -------------------------------------------------------------------------------


def reply_by(letter_date: datetime.date) -> datetime.date:
    """The date the service asks a school to reply by: 10 working days after the letter.

    This is the service's own reasonable request (TIME_LIMITS["school-reply"]), not a
    statutory time limit, and letters must not present it as one.
    """
    return add_working_days(letter_date, TIME_LIMITS["school-reply"].amount)


def suggested_reviews(start: datetime.date, count: int = 3) -> list[datetime.date]:
    """Review dates for an SEN support plan: `count` dates about a term apart from `start`.

    Each is 12 weeks (TIME_LIMITS["support-plan-review"]) after the one before, moved to the
    next working day if it falls on a weekend or bank holiday. A suggestion, not a legal
    limit: the school's own term dates decide the real ones.
    """
    _require_date(start)
    weeks = TIME_LIMITS["support-plan-review"].amount
    dates = []
    for _ in range(count):
        start = working_day_on_or_after(add_weeks(start, weeks))
        dates.append(start)
    return dates


def subject_access_due(received: datetime.date) -> datetime.date:
    """When a subject access response is due under UK GDPR Article 12(3).

    One calendar month from the day the request is received (see add_months). Following ICO
    guidance, if that day is a weekend or bank holiday the organisation has until the next
    working day. School holidays do not pause the clock. Extensions for complex requests and
    the "stop the clock" pause while identity or scope is clarified are not included.
    """
    due = add_months(received, TIME_LIMITS["subject-access"].amount)
    return working_day_on_or_after(due)


RECEIPT_METHODS: tuple[str, ...] = ("email", "hand", "signed-post", "first-class-post")


def request_received(sent_on: datetime.date, method: str, after_5pm: bool = False) -> datetime.date:
    """The date a request counts as received, which starts the statutory clocks.

    This is advice-sector practice (IPSEA), not statute; DOMAIN.md section 1.3:
    - email or by hand: that day, or the next working day if sent after 5pm or on a day that
      is not a working day;
    - signed-for post: the date it was signed for (`sent_on` is taken to be that date);
    - first-class post: the next working day after posting.
    `after_5pm` only matters for email and hand delivery.
    """
    _require_date(sent_on)
    if method in ("email", "hand"):
        if after_5pm or not is_working_day(sent_on):
            return next_working_day(sent_on)
        return sent_on
    if method == "signed-post":
        return sent_on
    if method == "first-class-post":
        return next_working_day(sent_on)
    raise ValueError(f"unknown delivery method {method!r}; expected one of {RECEIPT_METHODS}")


EHC_STEPS: tuple[str, ...] = ("decide-to-assess", "decide-to-issue", "final-plan")


def ehc_deadlines(received: datetime.date) -> dict[str, datetime.date]:
    """The EHC needs assessment deadlines under the SEND Regulations 2014.

    Regulations 4(1) and 5(1) (6 weeks), 10(1) (16 weeks) and 13(2) (20 weeks) all count from
    the day the local authority receives the request, in calendar weeks, with no adjustment
    for weekends, bank holidays or school holidays. The exceptions in regulations 5(4), 10(4)
    and 13(3) can extend them; that is for the letter to flag, not for this arithmetic.
    """
    return {step: add_weeks(received, TIME_LIMITS[step].amount) for step in EHC_STEPS}


# The exception to each EHC time limit: where meeting it is impractical (DOMAIN.md 1.2).
EHC_EXCEPTIONS: dict[str, str] = {
    "decide-to-assess": "send-regs-5-4",
    "decide-to-issue": "send-regs-10-4",
    "final-plan": "send-regs-13-3",
}


def missed_deadline_action_by(letter_date: datetime.date) -> datetime.date:
    """The date a missed-deadline letter asks the council to act by: 5 working days after it.

    Surrey's model, not a statutory limit (TIME_LIMITS["missed-deadline-action"]); letters must
    present it as a reasonable request, never as the law.
    """
    return add_working_days(letter_date, TIME_LIMITS["missed-deadline-action"].amount)
