"""The law register: every statutory time limit and citation the documents print.

Each legal claim is here once, with its source, how sure we are of it and when it was last
checked: a change in the law is one edit, a review reads one file, and the documents are
tested to print no citation from anywhere else. docs/law.md is made from it (`make docs`).
The law of England only; re-check it against the sources before a release.
"""

import datetime
from dataclasses import dataclass
from typing import Literal

# When the register as a whole was last checked; each citation also says when it was.
LAST_VERIFIED = datetime.date(2026, 12, 1)
_READ_2026_11 = datetime.date(2026, 11, 23)  # checked when the documents were first written

# verified: read in the statutory or official text; secondary: seen only through a reputable
# secondary source (IPSEA, a SENDIASS, a council, a law firm); unverified: not yet checked.
Confidence = Literal["verified", "secondary", "unverified"]
Unit = Literal["days", "working_days", "school_days", "weeks", "months"]

CONFIDENCE_LEVELS: frozenset[str] = frozenset({"verified", "secondary", "unverified"})
UNITS: frozenset[str] = frozenset({"days", "working_days", "school_days", "weeks", "months"})

_CFA = "https://www.legislation.gov.uk/ukpga/2014/6"
_SEND_REGS = "https://www.legislation.gov.uk/uksi/2014/1530"
_CODE = "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25"
_CODE_NAME = "the SEND Code of Practice: 0 to 25 years (2015)"
# The Special Educational Needs and Disability Regulations 2014, by the name councils and
# advice services use: a letter citing five of them reads the full title five times otherwise.
_SEND_REGS_NAME = "the SEND Regulations 2014"
_EQA = "https://www.legislation.gov.uk/ukpga/2010/15"
_UK_GDPR = "https://www.legislation.gov.uk/eur/2016/679"

_IN_THE_ACT = "Read in the text on legislation.gov.uk."
_CODE_QUOTED = (
    "The Code's wording was read only as quoted by SENDIASS and council pages; check the "
    "paragraph number against the Code on gov.uk."
)


@dataclass(frozen=True)
class Citation:
    """One legal source as the service cites it, how sure we are of it, and how we know."""

    key: str
    short: str
    summary: str  # what it says, in our own words
    source: str
    confidence: Confidence
    checked: str  # how it was checked, and anything a reviewer should know
    last_verified: datetime.date = _READ_2026_11

    def __post_init__(self):
        # Checked on construction so a typo in this file fails at import, not in a letter.
        if self.confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"{self.key}: unknown confidence {self.confidence!r}")
        if not self.source.startswith("https://"):
            raise ValueError(f"{self.key}: source must be an https:// address")
        if self.last_verified > LAST_VERIFIED:
            raise ValueError(f"{self.key}: checked after the register's LAST_VERIFIED")


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


def _cfa(
    section, summary, *, url=None, confidence="verified", checked=_IN_THE_ACT, on=LAST_VERIFIED
):
    # "36(8)" is keyed "cfa-s36-8" and sourced from the page for the whole of section 36.
    number, _, subsection = section.partition("(")
    return Citation(
        key=f"cfa-s{number}" + (f"-{subsection.rstrip(')')}" if subsection else ""),
        short=f"section {section} of the Children and Families Act 2014",
        summary=summary,
        source=url or f"{_CFA}/section/{number}",
        confidence=confidence,
        checked=checked,
        last_verified=on,
    )


def _code(paragraph, summary, confidence, checked=_CODE_QUOTED):
    return Citation(
        key=f"code-{paragraph}",
        short=f"paragraph {paragraph} of {_CODE_NAME}",
        summary=summary,
        source=_CODE,
        confidence=confidence,
        checked=checked,
    )


def _send_regs(key, regulations, number, summary, checked=_IN_THE_ACT):
    return Citation(
        key=key,
        short=f"{regulations} of {_SEND_REGS_NAME}",
        summary=summary,
        source=f"{_SEND_REGS}/regulation/{number}",
        confidence="verified",
        checked=checked,
        last_verified=LAST_VERIFIED,
    )


_EXCEPTION = (
    "The {}-week limit does not apply where meeting it is impractical because advice was asked "
    "of {} from one week before it closed for a continuous period of 4 weeks or more until one "
    "week before it reopened, because of exceptional personal circumstances, or because the "
    "child, parent or young person was away from the area for a continuous period of 4 weeks "
    "or more. Only the number of weeks is lifted."
)
_SCHOOLS = "a school or post-16 institution (such as a college)"
_SCHOOLS_AND_EARLY_YEARS = f"{_SCHOOLS}, or an early years provider,"


_EXCEPTIONS_CHECKED = (
    "Read on legislation.gov.uk: regulation 10(4)(a) to (d) in full, regulation 13(3), which "
    "borrows them, and regulation 5(4)(a), which names schools and post-16 institutions but "
    "not early years providers; the rest of 5(4) was read only as a law firm quotes it."
)

_CITATIONS = (
    _cfa(
        "20",
        "A child has special educational needs if they have a learning difficulty or disability "
        "that calls for special educational provision: a significantly greater difficulty in "
        "learning than most others of the same age, or a disability that prevents or hinders "
        "them from using facilities generally provided in mainstream schools. The test is about "
        "need; the Act does not ask for a diagnosis.",
        url=f"{_CFA}/part/3/enacted",
        checked="Read in the enacted text on legislation.gov.uk. The Act says nothing about "
        "diagnosis: that no diagnosis is needed follows from the test being about need.",
    ),
    _cfa(
        "35",
        "In a mainstream school or maintained nursery, those making special educational "
        "provision for a child must make sure the child takes part in school activities "
        "together with children who do not have special educational needs, so far as that is "
        "reasonably practicable and compatible with the child getting the provision they need, "
        "the efficient education of the other children and the efficient use of resources.",
        checked="Read in the enacted text on legislation.gov.uk. The duty is on those making "
        "the provision, not on the child: letters must say the school must make sure the child "
        "can take part.",
    ),
    _cfa(
        "36(1)",
        "A parent, a young person or a person acting for a school or college may ask the local "
        "authority for an education, health and care (EHC) needs assessment.",
    ),
    _cfa(
        "36(8)",
        "The local authority must carry out an EHC needs assessment if the child or young person "
        "has or may have special educational needs and it may be necessary for special "
        "educational provision to be made through an EHC plan.",
        checked="Read on legislation.gov.uk when the documents were written; on the latest "
        "check the same words were found quoted by SENDIASS services and counsel's guide.",
        on=_READ_2026_11,
    ),
    _cfa(
        "51",
        "A parent or young person can appeal to the SEND Tribunal (subject to section 55) "
        "against a local authority's decision not to carry out an EHC needs assessment, not to "
        "issue an EHC plan, and against other decisions about a plan: its special educational "
        "provision and school, a refusal to reassess or to amend it, and ceasing it.",
        url=f"{_CFA}/part/3/crossheading/appeals-mediation-and-dispute-resolution",
    ),
    _cfa(
        "55",
        "Before most appeals to the Tribunal, a parent or young person must contact a mediation "
        "adviser and get a certificate (they need not go to mediation). No certificate is "
        "needed if the appeal is only about the school or other institution named in the plan, "
        "its type, or that none is named.",
        confidence="secondary",
        checked="The certificate is named in regulation 32 of the SEND Regulations 2014 (read "
        "on legislation.gov.uk); the section's own text and its exception were read only "
        "through IPSEA and a SENDIASS.",
    ),
    _cfa(
        "66",
        "The governing body or proprietor of a mainstream school, maintained nursery, academy or "
        "college must use its best endeavours to secure the special educational provision a "
        "pupil's needs call for, whether or not the pupil has an EHC plan.",
        url=f"{_CFA}/part/3/crossheading/special-educational-provision-functions-of-governing-"
        "bodies-and-others/enacted",
    ),
    _cfa(
        "68",
        "When a school makes special educational provision for a pupil who has no EHC plan, it "
        "must tell the parent or young person.",
    ),
    _cfa(
        "69",
        "A school's governing body or proprietor must prepare a report containing information "
        "about its provision for pupils with special educational needs.",
        checked="Read on legislation.gov.uk. The section says 'prepare'; that the report must "
        "be published on the school's website comes from regulation 51 of the SEND Regulations "
        "2014, not yet checked.",
    ),
    Citation(
        key="code-6.28-6.35",
        short=f"paragraphs 6.28 to 6.35 of {_CODE_NAME}",
        summary="The Code describes four broad areas of special educational needs: "
        "communication and interaction (6.28 and 6.29), cognition and learning (6.30 and "
        "6.31), social, emotional and mental health difficulties (6.32 and 6.33), and sensory "
        "and/or physical needs (6.34 and 6.35).",
        source=_CODE,
        confidence="secondary",
        checked="Paragraphs 6.30 to 6.35 were read with their numbers as schools' pages and "
        "the Whole School SEND pages quote them word for word; 6.28 and 6.29 (speech, language "
        "and communication needs, and autism) as a SENDIASS and a council quote them, numbered "
        "by their place before 6.30. The Code itself was not read. The areas are for planning "
        "help, not a test: letters use them only as headings for the needs described.",
        last_verified=LAST_VERIFIED,
    ),
    _code(
        "6.45",
        "Schools should take seriously any concern a parent raises.",
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
        "A school should always involve a specialist where a pupil continues to make little or "
        "no progress, or to work at levels well below those expected for their age, despite "
        "evidence-based SEN support from appropriately trained staff.",
        "secondary",
        checked="The paragraph was read as IPSEA quotes it word for word; the Code itself was "
        "not read. Paragraph 6.58, that schools may involve specialists at any point, is not "
        "cited.",
    ),
    _code(
        "6.65",
        "Schools should meet parents at least three times each year.",
        "secondary",
        checked=f"{_CODE_QUOTED} The duty to keep a record of what was agreed and give it to "
        "the parents comes later in the same passage (about paragraph 6.71), not in 6.65.",
    ),
    Citation(
        key="code-6.65-6.71",
        short=f"paragraphs 6.65 to 6.71 of {_CODE_NAME}",
        summary="Where a pupil has SEN support, schools should meet parents at least three times "
        "a year, and should keep a record of the outcomes, action and support agreed at those "
        "meetings, share it with the staff who need it and give it to the parents.",
        source=_CODE,
        confidence="secondary",
        checked=f"{_CODE_QUOTED} The words of the whole passage were read as a council's local "
        "offer quotes them; that the record comes at 6.71, just before 'Use of data and record "
        "keeping' at 6.72, is from the Code's structure as advice services cite it.",
        last_verified=LAST_VERIFIED,
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
        checked="Seen only in councils' local offer pages quoting the Code; check the "
        "paragraph number against the Code on gov.uk.",
    ),
    _code(
        "9.14",
        "In deciding whether to assess, the local authority should consider whether, despite "
        "relevant and purposeful action, the child has not made the expected progress, looking "
        "at attainment and rate of progress, the nature and extent of the needs, the action "
        "already taken, whether progress came only with much extra support, and health and "
        "social care evidence.",
        "secondary",
    ),
    Citation(
        key="code-9.42-9.43",
        short=f"paragraphs 9.42 and 9.43 of {_CODE_NAME}",
        summary="Where an exception to an EHC time limit applies, the local authority should "
        "tell the family, keep the delay to a minimum and finish as soon as it can once the "
        "reason has passed.",
        source=_CODE,
        confidence="secondary",
        checked="The Code says 'should'. The duty to act 'as soon as practicable' comes from "
        "the regulations themselves (4(1), 5(1), 10(1), 13(2)), whose exceptions lift only "
        "the number of weeks: cite those for 'must'.",
    ),
    _cfa(
        "19",
        "In its SEN functions a local authority must have regard to the views, wishes and "
        "feelings of the child and their parent, or the young person, and to the importance of "
        "their taking part as fully as possible in decisions.",
        confidence="secondary",
        checked="Read only as summarised in a published guide for practitioners; the "
        "section's own words were not read.",
    ),
    _cfa(
        "77",
        "The governing bodies of schools and the proprietors of academies, among others, must "
        "have regard to the SEND Code of Practice in exercising their functions under Part 3 "
        "of the Act.",
        url=f"{_CFA}/part/3/crossheading/code-of-practice/enacted",
        checked="Read in the enacted text on legislation.gov.uk: subsection (4) applies the "
        "duty to those listed in subsection (1), which include governing bodies of schools and "
        "proprietors of Academies.",
    ),
    Citation(
        key="eqa-s20",
        short="section 20 of the Equality Act 2010",
        summary="The duty to make reasonable adjustments, which for schools covers their "
        "policies, criteria and practices and the provision of auxiliary aids (not physical "
        "features), and which means planning ahead for disabled pupils.",
        source=f"{_EQA}/section/20",
        confidence="verified",
        checked="Read in the Act's Explanatory Notes on legislation.gov.uk. For schools, "
        "Schedule 13 paragraph 2 applies only the first and third requirements, which is why "
        "physical features are left to accessibility plans.",
    ),
    Citation(
        key="eqa-sch13-2",
        short="paragraph 2 of Schedule 13 to the Equality Act 2010",
        summary="A school must meet the first and third requirements of the duty to make "
        "reasonable adjustments: reasonable steps to avoid the substantial disadvantage a "
        "provision, criterion or practice puts disabled pupils at, and to provide auxiliary "
        "aids. For its pupils, the duty is owed to disabled pupils generally.",
        source=f"{_EQA}/schedule/13/paragraph/2",
        confidence="verified",
        checked="Read in the text on legislation.gov.uk (in force from 1 September 2012; no "
        "outstanding effects). What the two requirements cover is section 20(3) and (5), as "
        "the Act's Explanatory Notes describe them. That a duty owed to disabled pupils "
        "generally means planning ahead is the usual reading, not the paragraph's words.",
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="eqa-s85",
        short="section 85 of the Equality Act 2010",
        summary="Schools must make reasonable adjustments for disabled pupils.",
        source=f"{_EQA}/section/85",
        confidence="verified",
        checked=_IN_THE_ACT,
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="eqa-s21",
        short="section 21 of the Equality Act 2010",
        summary="A failure to comply with a duty to make reasonable adjustments is "
        "discrimination against the disabled person to whom the duty is owed.",
        source=f"{_EQA}/section/21",
        confidence="verified",
        checked="Read in the Act's Explanatory Notes on legislation.gov.uk (paragraph 87). For "
        "schools, the claim goes to the SEND Tribunal under Schedule 17.",
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="eqa-sch17-4",
        short="paragraph 4 of Schedule 17 to the Equality Act 2010",
        summary="A disability discrimination claim about a school goes to the Tribunal within "
        "6 months starting with the date of the conduct complained of (a failure to do "
        "something counts from when it was decided on); the Tribunal can consider a late claim.",
        source=f"{_EQA}/schedule/17/paragraph/4",
        confidence="verified",
        checked="The paragraph's words were read as an Upper Tribunal decision sets them out, "
        "and in the Act's Explanatory Notes on legislation.gov.uk.",
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="ea2002-s29",
        short="section 29 of the Education Act 2002",
        summary="The governing body of a maintained school must have a procedure for dealing "
        "with complaints, and must publicise it (matters with their own statutory route, such "
        "as SEN appeals and exclusions, are left out).",
        source="https://www.legislation.gov.uk/ukpga/2002/32/section/29",
        confidence="secondary",
        checked="Read only as quoted, word for word, by schools' complaints policies.",
    ),
    Citation(
        key="iss-part7",
        short="Part 7 of Schedule 1 to the Education (Independent School Standards) "
        "Regulations 2014",
        summary="An academy must have a complaints procedure with an informal stage, a formal "
        "written stage and then a hearing before a panel of at least three people not involved "
        "in the matters complained about, one of whom is independent of the school.",
        source="https://www.legislation.gov.uk/uksi/2014/3283/schedule/paragraph/33",
        confidence="verified",
        checked="Read in paragraph 33 on legislation.gov.uk. That academies are bound by it "
        "(as independent schools in law) is from the Department for Education's guidance.",
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="pupil-info-reg5",
        short="regulation 5 of the Education (Pupil Information) (England) Regulations 2005",
        summary="A maintained school must let a parent see their child's educational record "
        "free of charge within 15 school days of receiving a written request, and give a copy "
        "within 15 school days of a written request for one, charging no more than the cost of "
        "supplying it.",
        source="https://www.legislation.gov.uk/uksi/2005/1437/regulation/5",
        confidence="secondary",
        checked="The words on inspection were read as LexisNexis quotes them; the copy, its 15 "
        "school days and the cost-of-supply charge as a county council's and a school "
        "leaders' service's guidance set them out. The regulations' explanatory note on "
        "legislation.gov.uk confirms they cover maintained schools, not academies.",
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="gdpr-art12-3",
        short="Article 12(3) of the UK GDPR",
        summary="An organisation must answer a subject access request within one month of "
        "receiving it, which it can extend by two more months if the request is complex.",
        source=f"{_UK_GDPR}/article/12",
        confidence="secondary",
        checked="From the ICO's guidance; the UK text itself was not read.",
    ),
    Citation(
        key="gdpr-art15",
        short="Article 15 of the UK GDPR",
        summary="A person has the right to a copy of the personal data an organisation holds "
        "about them.",
        source=f"{_UK_GDPR}/article/15",
        confidence="secondary",
        checked="From the ICO's guidance; the UK text itself was not read.",
    ),
    Citation(
        key="gdpr-art12a",
        short="Article 12A of the UK GDPR",
        summary="The month for answering a subject access request starts when the organisation "
        "gets any proof of identity it asked for; and where it reasonably needs the person to "
        "clarify which information they want (for example because it holds a large amount of "
        "information about them), the days it waits for the answer do not count.",
        source=f"{_UK_GDPR}/article/12A",
        confidence="secondary",
        checked="Inserted by section 76 of the Data (Use and Access) Act 2025, in force from "
        "5 February 2026 (the commencement regulations were read); its wording only through "
        "law firms and the ICO's guidance of December 2025. The matching rule for law "
        "enforcement, section 54(3C) and (3D) of the Data Protection Act 2018, read on "
        "legislation.gov.uk, gives a large amount of information as an example of when "
        "clarification may be needed, not as a condition; letters say it that way.",
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="gdpr-art15-1a",
        short="Article 15(1A) of the UK GDPR",
        summary="A person making a subject access request is entitled to the information the "
        "organisation can find by a reasonable and proportionate search.",
        source=f"{_UK_GDPR}/article/15",
        confidence="secondary",
        checked="Inserted by section 78 of the Data (Use and Access) Act 2025; read only "
        "through law firms' summaries. Kept so that no letter cites it: it limits the "
        "requester's right, and a letter that quoted it handed the school its defence.",
        last_verified=LAST_VERIFIED,
    ),
    _send_regs(
        "send-regs-5-1",
        "regulations 4(1) and 5(1)",
        "5",
        "The local authority must decide whether to carry out an EHC needs assessment, and tell "
        "the family, as soon as practicable and in any event within 6 weeks of receiving the "
        "request.",
    ),
    _send_regs(
        "send-regs-10-1",
        "regulation 10(1)",
        "10",
        "If the local authority decides after an assessment not to issue an EHC plan, it must "
        "tell the family as soon as practicable and in any event within 16 weeks of receiving "
        "the request for assessment.",
    ),
    _send_regs(
        "send-regs-13-2",
        "regulation 13(2)",
        "13",
        "The local authority must issue the final EHC plan as soon as practicable and in any "
        "event within 20 weeks of receiving the request for assessment.",
    ),
    _send_regs(
        "send-regs-5-3",
        "regulation 5(3)",
        "5",
        "When the local authority decides not to carry out an EHC needs assessment, it must "
        "tell the family of their right to appeal, the time limits for appealing, the "
        "information about mediation, and the disagreement resolution and information and "
        "advice services available.",
    ),
    Citation(
        key="send-regs-6-1",
        short=f"regulation 6(1) of {_SEND_REGS_NAME}",
        summary="When the local authority carries out an EHC needs assessment, it must seek "
        "advice and information on the child's needs, provision and outcomes, including from "
        "the parent or young person, the school, a health care professional, an educational "
        "psychologist and social care.",
        source=f"{_SEND_REGS}/regulation/6",
        confidence="secondary",
        checked="Read only as quoted, word for word, by edyourself.org, and as listed by IPSEA "
        "and two SENDIASS pages; the regulation's own page was not read.",
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="send-regs-8",
        short=f"regulation 8 of {_SEND_REGS_NAME}",
        summary="A body the local authority asks to co-operate in an EHC needs assessment, "
        "such as a health service giving advice, must do so within 6 weeks of receiving the "
        "request, unless exceptional circumstances, an absence from the area of 4 weeks or "
        "more, or a missed appointment make that impractical.",
        source=f"{_SEND_REGS}/regulation/8",
        confidence="secondary",
        checked="Read only as quoted, word for word, by a SENDIASS and IPSEA; the "
        "regulation's own page was not read.",
        last_verified=LAST_VERIFIED,
    ),
    _send_regs(
        "send-regs-13-1",
        "regulation 13(1)",
        "13",
        "When the local authority sends a draft EHC plan, it must give the family at least 15 "
        "days, beginning with the day the draft was served, to comment on it, ask for a "
        "particular school to be named and ask for a meeting with an officer.",
    ),
    _send_regs(
        "send-regs-5-4", "regulation 5(4)", "5", _EXCEPTION.format(6, _SCHOOLS), _EXCEPTIONS_CHECKED
    ),
    _send_regs(
        "send-regs-10-4",
        "regulation 10(4)",
        "10",
        _EXCEPTION.format(16, _SCHOOLS_AND_EARLY_YEARS),
        _EXCEPTIONS_CHECKED,
    ),
    _send_regs(
        "send-regs-13-3",
        "regulation 13(3)",
        "13",
        _EXCEPTION.format(20, _SCHOOLS_AND_EARLY_YEARS),
        _EXCEPTIONS_CHECKED,
    ),
    # The three exceptions above, cited together where a letter gives all three time limits.
    Citation(
        key="send-regs-exceptions",
        short=f"regulations 5(4), 10(4) and 13(3) of {_SEND_REGS_NAME}",
        summary="The 6-, 16- and 20-week limits for an EHC needs assessment and plan do not "
        "apply where meeting them is impractical for one of a few listed reasons: advice asked "
        "of a school or college (for the 16 and 20 weeks, an early years provider too) from one "
        "week before it closed for a continuous period of 4 weeks or more until one week before "
        "it reopened, exceptional personal circumstances, or the family being away from the "
        "area for a continuous period of 4 weeks or more.",
        source=f"{_SEND_REGS}/contents",
        confidence="verified",
        checked=_EXCEPTIONS_CHECKED,
        last_verified=LAST_VERIFIED,
    ),
    # The exceptions to the 16- and 20-week limits, cited together where a letter says both
    # of those limits have passed (the 6-week decision already made).
    Citation(
        key="send-regs-10-4-13-3",
        short=f"regulations 10(4) and 13(3) of {_SEND_REGS_NAME}",
        summary="The 16- and 20-week limits for an EHC needs assessment and plan do not apply "
        "where meeting them is impractical for one of a few listed reasons: advice asked of a "
        "school, college or early years provider from one week before it closed for a "
        "continuous period of 4 weeks or more until one week before it reopened, exceptional "
        "personal circumstances, or the family being away from the area for a continuous "
        "period of 4 weeks or more.",
        source=f"{_SEND_REGS}/contents",
        confidence="verified",
        checked=_EXCEPTIONS_CHECKED,
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="lgo-remedies",
        short="the Local Government and Social Care Ombudsman's guidance on remedies",
        summary="Where a council's delay was at fault, the Ombudsman can recommend that it "
        "apologises and pays the family a sum for the distress and uncertainty caused.",
        source="https://www.lgo.org.uk/decisions/education/special-educational-needs",
        confidence="verified",
        checked="Read in the Ombudsman's own decisions on late EHC plans (24-015-110, "
        "25-004-957), which recommend such payments in line with its guidance on remedies. "
        "The Ombudsman recommends; letters must not say it awards or orders.",
        last_verified=LAST_VERIFIED,
    ),
    Citation(
        key="lga-1974-ombudsman",
        short="the Local Government Act 1974",
        summary="The Local Government and Social Care Ombudsman looks at a complaint about a "
        "council once the council's own complaints procedure is finished, normally only if it "
        "is made within 12 months, and normally not about anything that can be appealed to the "
        "SEND Tribunal.",
        source="https://www.lgo.org.uk/decisions/education/special-educational-needs",
        confidence="verified",
        checked="Read in the Ombudsman's own decisions (24-011-751, 24-010-334). No section "
        "is cited, because those decisions name none for these rules.",
    ),
)

CITATIONS: dict[str, Citation] = {c.key: c for c in _CITATIONS}

_NOT_LAW = "Not statutory: "
# A table: one time limit a row (key, amount, unit, what must be done, citation or a note).
# fmt: off
TIME_LIMITS: dict[str, TimeLimit] = {limit.key: limit for limit in (
    TimeLimit("school-reply", 10, "working_days", "Reply to the parent's letter", None,
              _NOT_LAW + "no law sets a time for a school to answer a letter, so the service "
              "asks for a reply within a period a school can reasonably meet."),
    TimeLimit("support-plan-review", 12, "weeks",
              "Time between suggested reviews of an SEN support plan", None,
              _NOT_LAW + "paragraph 6.65 of the SEND Code of Practice says schools should meet "
              "parents at least three times a year, so the service suggests reviews about a "
              "term (12 weeks) apart, three in the year from the plan's start."),
    TimeLimit("educational-record", 15, "school_days",
              "Let the parent see the educational record, or give a copy of it (maintained "
              "schools)", "pupil-info-reg5"),
    TimeLimit("subject-access", 1, "months", "Answer a subject access request", "gdpr-art12-3"),
    TimeLimit("subject-access-extension", 2, "months",
              "Extra time a school can take to answer a complex subject access request, if it "
              "says so within the first month", "gdpr-art12-3"),
    TimeLimit("decide-to-assess", 6, "weeks",
              "Decide whether to carry out an EHC needs assessment", "send-regs-5-1"),
    TimeLimit("decide-to-issue", 16, "weeks",
              "Tell the family if the local authority will not issue an EHC plan",
              "send-regs-10-1"),
    TimeLimit("final-plan", 20, "weeks", "Issue the final EHC plan", "send-regs-13-2"),
    TimeLimit("assessment-advice", 6, "weeks",
              "Give the advice the local authority asks for in an EHC needs assessment",
              "send-regs-8"),
    TimeLimit("draft-plan-comments", 15, "days",
              "The family's time to comment on a draft EHC plan, at the least", "send-regs-13-1"),
    TimeLimit("missed-deadline-action", 5, "working_days",
              "Put right a missed EHC time limit, or say when it will be put right", None,
              _NOT_LAW + "a reasonable request, as a council's own model letter makes it. Once "
              "an EHC time limit has passed the law sets no further date, so the letter asks "
              "the council to act within a short period it can meet."),
    TimeLimit("ombudsman-complaint", 12, "months",
              "Complain to the Local Government and Social Care Ombudsman",
              "lga-1974-ombudsman"),
    TimeLimit("discrimination-claim", 6, "months",
              "Make a disability discrimination claim against a school to the SEND Tribunal",
              "eqa-sch17-4"),
)}
# fmt: on


_unknown = [limit.key for limit in TIME_LIMITS.values() if limit.citation not in (None, *CITATIONS)]
if _unknown:
    raise ValueError(f"time limits citing nothing in CITATIONS: {_unknown}")


def cite(key: str) -> str:
    """How a letter cites `key`, e.g. "section 66 of the Children and Families Act 2014"."""
    return CITATIONS[key].short


def all_citation_texts() -> frozenset[str]:
    """Every citation text the service may print, so documents can be checked against it."""
    return frozenset(c.short for c in CITATIONS.values())


def limit_text(key: str) -> str:
    """A time limit as a phrase for a letter, e.g. "within 6 weeks"."""
    limit = TIME_LIMITS[key]
    unit = limit.unit.replace("_", " ")  # "working days"
    if limit.amount == 1:  # GOV.UK style: "within one month", not "within 1 month"
        return f"within one {unit.removesuffix('s')}"
    return f"within {limit.amount} {unit}"


def educational_record_limit_text() -> str:
    """The educational-record limit as words ("within 15 school days").

    There is deliberately no function that computes this date: school days depend on the
    school's own term calendar, which the service does not know, and a wrong date in a letter
    is worse than none.
    """
    return limit_text("educational-record")
