"""'Which document do I need?': the questions, the document each set of answers leads to and
why, and the order in which a parent usually takes things.

Every legal statement here is built from the law register (forms/law.py), as in the letters.
"""

from forms import (
    complaint,
    concern_letter,
    ehc_needs_assessment_request,
    missed_deadline_letter,
    records_request,
    sen_support_plan,
    sen_support_review,
)
from forms.law import cite, educational_record_limit_text, limit_text
from service.guide import Choice, Guide, Question, Recommendation, Step

CONCERN = concern_letter.DOCUMENT
COMPLAINT = complaint.DOCUMENT
EHC = ehc_needs_assessment_request.DOCUMENT
MISSED = missed_deadline_letter.DOCUMENT
RECORDS = records_request.DOCUMENT
PLAN = sen_support_plan.DOCUMENT
REVIEW = sen_support_review.DOCUMENT

_DECIDE = (
    "The council must tell you whether it will carry out an assessment "
    f"{limit_text('decide-to-assess')} of receiving the request."
)
_IF_REFUSED = (
    "If it decides not to assess, you can appeal to the SEND Tribunal. First you must contact "
    "a mediation adviser and get a certificate."
)
_IF_LATE = f"If the council misses that date, use ‘{MISSED.title}’."
_ASSESSMENT_LAW = (cite("cfa-s36-1"), cite("cfa-s36-8"), cite("cfa-s20"), cite("send-regs-5-1"))
_APPEAL_LAW = (cite("cfa-s51"), cite("cfa-s55"))

# --- parents and carers ------------------------------------------------------------------

WRITE_TO_SCHOOL = Recommendation(
    CONCERN.slug,
    why="Putting your worries in writing gives the school a clear record of what you asked "
    "for, and when. The letter asks for a meeting, for your child’s needs to be assessed, and "
    "to be told what support they get. Schools should take seriously any concern a parent "
    "raises.",
    if_it_does_not_work="If the school does not reply, or things do not get better, make a "
    f"formal complaint with ‘{COMPLAINT.title}’. You do not have to wait for that: you can ask "
    f"the council for an EHC needs assessment at the same time, with ‘{EHC.title}’.",
    law=(cite("code-6.45"),),
)

COMPLAIN = Recommendation(
    COMPLAINT.slug,
    why="You have told the school what is wrong, and it has not been put right. Every school "
    "must have a procedure for dealing with complaints. The letter is for its first formal "
    "stage, usually to the head teacher.",
    if_it_does_not_work="If the head teacher’s reply does not put things right, use the same "
    "document again to ask for stage 2: the governors, or the academy trust’s complaints "
    f"panel. You can also ask the council for an EHC needs assessment, with ‘{EHC.title}’.",
    law=(f"{cite('ea2002-s29')} (maintained schools)", f"{cite('iss-part7')} (academies)"),
)

COMPLAIN_AGAIN = Recommendation(
    COMPLAINT.slug,
    why="When the head teacher’s reply does not put things right, the next stage of the "
    "complaints procedure usually goes to the governors, or to the academy trust’s "
    "complaints panel. When the complaint asks which stage it is, choose stage 2 and say "
    "what is still wrong.",
    if_it_does_not_work="After that you can ask the Department for Education to look at your "
    "complaint. For an academy, it checks whether the complaints procedure was followed "
    "properly: it cannot change the school’s decision or award compensation.",
)

ASK_FOR_ASSESSMENT = Recommendation(
    EHC.slug,
    why="A parent can ask the council for an EHC needs assessment. You do not need the school "
    "to agree, and your child does not need a diagnosis. The council must assess if your "
    "child has or may have special educational needs, and it may be necessary for the help "
    f"they need to be set out in an EHC plan. {_DECIDE}",
    if_it_does_not_work=f"{_IF_LATE} {_IF_REFUSED}",
    law=_ASSESSMENT_LAW + _APPEAL_LAW,
)

CHASE_THE_COUNCIL = Recommendation(
    MISSED.slug,
    why=f"The council must decide whether to assess {limit_text('decide-to-assess')} of "
    "receiving the request. If it assesses, it must issue the final EHC plan "
    f"{limit_text('final-plan')} of receiving the request, or tell you "
    f"{limit_text('decide-to-issue')} of receiving it that it will not issue one. Only a few "
    "exceptions lift these limits. The letter works out the dates from the day the council "
    "received the request, and asks it to put things right "
    f"{limit_text('missed-deadline-action')}.",
    if_it_does_not_work="If the council still does not act, complain through its complaints "
    "procedure, then to the Local Government and Social Care Ombudsman, which normally only "
    f"looks at complaints made {limit_text('ombudsman-complaint')}.",
    law=(
        cite("send-regs-5-1"),
        cite("send-regs-10-1"),
        cite("send-regs-13-2"),
        cite("send-regs-exceptions"),
        cite("lga-1974-ombudsman"),
    ),
)

SEE_CHILDS_RECORDS = Recommendation(
    RECORDS.slug,
    why="A maintained school must let you see your child’s educational record "
    f"{educational_record_limit_text()} of a written request. At an academy, and for "
    "information such as emails, the letter makes a subject access request, which the school "
    f"must answer {limit_text('subject-access')}. The letter works out the reply date for you.",
    if_it_does_not_work="If the school misses the date, write to remind it, then use its "
    "complaints procedure. If a subject access request is still not answered, you can "
    "complain to the Information Commissioner’s Office (ICO).",
    law=(cite("pupil-info-reg5"), cite("gdpr-art12-3")),
)

# --- young people --------------------------------------------------------------------------

ASK_FOR_OWN_ASSESSMENT = Recommendation(
    EHC.slug,
    why="A young person can ask the council for an EHC needs assessment in their own name. You "
    "do not need your school or college to agree, or a diagnosis. The council must assess if "
    "you have or may have special educational needs, and it may be necessary for the help you "
    f"need to be set out in an EHC plan. {_DECIDE}",
    if_it_does_not_work=f"{_IF_LATE} {_IF_REFUSED}",
    law=_ASSESSMENT_LAW + _APPEAL_LAW,
)

SEE_OWN_RECORDS = Recommendation(
    RECORDS.slug,
    why="You have the right to a copy of the information a school holds about you. The "
    f"school must answer your request {limit_text('subject-access')}. The letter works out "
    "the reply date for you.",
    if_it_does_not_work=SEE_CHILDS_RECORDS.if_it_does_not_work,
    law=(cite("gdpr-art15"), cite("gdpr-art12-3")),
)

# --- schools -------------------------------------------------------------------------------

WRITE_A_PLAN = Recommendation(
    PLAN.slug,
    why="Schools should keep accurate records of the special educational provision they make "
    "for each pupil, and meet parents at least three times a year. The plan sets out the "
    "pupil’s needs and views, the outcomes you are working towards, the support, and when "
    "you will review it.",
    if_it_does_not_work=f"Review the plan about once a term with ‘{REVIEW.title}’. Where a "
    "pupil continues to make little or no progress despite SEN support, involve a specialist.",
    law=(cite("code-6.72"), cite("code-6.65"), cite("code-6.59")),
)

REVIEW_A_PLAN = Recommendation(
    REVIEW.slug,
    why="A review records how far the pupil got with each outcome, how much of the support "
    "happened, and what comes next: carry on, change the support, involve a specialist, or "
    "ask the council for an EHC needs assessment.",
    if_it_does_not_work="Where a pupil continues to make little or no progress despite SEN "
    "support, involve a specialist. The school or the family can also ask the council for an "
    f"EHC needs assessment, with ‘{EHC.title}’.",
    law=(cite("code-6.59"),),
)

SCHOOL_ASKS_FOR_ASSESSMENT = Recommendation(
    EHC.slug,
    why="A school can ask the council for an EHC needs assessment, ideally with the family’s "
    f"agreement. {_DECIDE}",
    if_it_does_not_work="If the council decides not to assess, the parent or young person "
    "can appeal to the SEND Tribunal, even though the school made the request.",
    law=(cite("cfa-s36-1"), cite("code-9.8"), cite("send-regs-5-1"), cite("cfa-s51")),
)

# --- the questions -------------------------------------------------------------------------

_AN_ASSESSMENT = "An education, health and care (EHC) needs assessment"
_NOT_YET = "No, not yet"
_LATE = "Yes, and the council has missed a time limit"
_LATE_HINT = (
    "For example, it did not say whether it would carry out an assessment "
    f"{limit_text('decide-to-assess')} of receiving the request."
)


def _asked_the_council(first_time, late):
    return Question(
        "requested",
        "Have you already asked the council for an EHC needs assessment?",
        "Select whether you have already asked the council for an assessment",
        (
            Choice("no", _NOT_YET, first_time),
            Choice("late", _LATE, late, hint=_LATE_HINT),
        ),
    )


FOR_PARENTS = Question(
    "need",
    "What do you need help with?",
    "Select what you need help with",
    (
        Choice(
            "school",
            "The help my child gets at school",
            Question(
                "so-far",
                "What have you done so far?",
                "Select what you have done so far",
                (
                    Choice(
                        "not-written",
                        "I have not written to the school about it yet",
                        WRITE_TO_SCHOOL,
                        hint="You may have talked to the class teacher or the SENCO.",
                    ),
                    Choice(
                        "written",
                        "I have written to or met the school, but things have not got better",
                        COMPLAIN,
                    ),
                    Choice(
                        "complained",
                        "I have made a formal complaint, but the head teacher’s reply did not "
                        "put things right",
                        COMPLAIN_AGAIN,
                    ),
                ),
            ),
            hint="For example, you are worried about their needs, or how the school is "
            "meeting them.",
        ),
        Choice(
            "ehc",
            _AN_ASSESSMENT,
            _asked_the_council(ASK_FOR_ASSESSMENT, CHASE_THE_COUNCIL),
            hint="The council looks at your child’s needs in detail. It is the first step to "
            "an EHC plan.",
        ),
        Choice(
            "records",
            "Seeing what the school has written about my child",
            SEE_CHILDS_RECORDS,
            hint="For example, their SEN file, support plans and emails.",
        ),
    ),
)

FOR_YOUNG_PEOPLE = Question(
    "need",
    "What do you need help with?",
    "Select what you need help with",
    (
        Choice(
            "ehc",
            _AN_ASSESSMENT,
            _asked_the_council(ASK_FOR_OWN_ASSESSMENT, CHASE_THE_COUNCIL),
            hint="The council looks at your needs in detail. It is the first step to an EHC plan.",
        ),
        Choice(
            "records",
            "Seeing what a school has written about me",
            SEE_OWN_RECORDS,
            hint="For example, your SEN file, support plans and emails.",
        ),
    ),
)

FOR_SCHOOLS = Question(
    "task",
    "What do you need to do?",
    "Select what you need to do",
    (
        Choice("plan", "Write an SEN support plan for a pupil", WRITE_A_PLAN),
        Choice("review", "Review a pupil’s SEN support plan", REVIEW_A_PLAN),
        Choice(
            "ehc",
            "Ask the council for an EHC needs assessment for a pupil",
            SCHOOL_ASKS_FOR_ASSESSMENT,
        ),
    ),
)

WHO = Question(
    "who",
    "Who are you?",
    "Select who you are",
    (
        Choice("parent", "A parent or carer", FOR_PARENTS),
        Choice(
            "young-person",
            "A young person aged 16 to 25",
            FOR_YOUNG_PEOPLE,
            hint="Asking for yourself.",
        ),
        Choice(
            "school",
            "Someone who works in a school",
            FOR_SCHOOLS,
            hint="For example, a SENCO or a teacher.",
        ),
    ),
)

# --- the order of escalation for parents ---------------------------------------------------

ESCALATION = (
    Step(
        "Talk to your child’s class teacher or the school’s special educational needs "
        "co-ordinator (SENCO). Say what worries you, and ask what the school will do."
    ),
    Step(
        "If things do not get better, put your worries in writing. Ask for a meeting, and for "
        "your child’s needs to be assessed.",
        CONCERN.slug,
    ),
    Step(
        "If the school still does not put things right, make a formal complaint under its "
        "complaints procedure.",
        COMPLAINT.slug,
    ),
    Step(
        "You can ask the council for an education, health and care (EHC) needs assessment "
        "at any point, alongside these steps. You do not need the school to agree "
        f"({cite('cfa-s36-1')}).",
        EHC.slug,
    ),
    Step(
        "If the council misses a time limit, write to it. For example, it must say whether it "
        f"will carry out an assessment {limit_text('decide-to-assess')} of receiving the "
        "request.",
        MISSED.slug,
    ),
    Step(
        "At any stage, get free advice from your local SEND Information, Advice and Support "
        "Service (SENDIASS), or from IPSEA, a charity that gives free legal advice about SEN."
    ),
)

GUIDE = Guide(WHO, ESCALATION)
