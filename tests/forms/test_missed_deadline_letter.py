"""The letter about a missed EHC time limit: its questions, its dates, its wording and its
Word template."""

import datetime
import functools
import re

import pytest
from docxtpl import DocxTemplate

from forms import deadlines, law, missed_deadline_letter
from forms.formatting import capital
from forms.missed_deadline_letter import DOCUMENT, build_context
from service import dates
from service.answers import blank_answers, validate_answers
from service.catalogue import is_prompt
from service.rendering import ORGANISATION_LINE
from service.steps import step_form
from tests.forms import documents
from tests.forms.documents import (
    answers_by_step,
    render_docx,
    template_path,
    text_of,
    visible_steps,
)

TODAY = datetime.date(2026, 12, 1)  # a Tuesday, the day the example was written for
REAL_TODAY = dates.today  # taken before the tests freeze it
example = functools.partial(documents.example, DOCUMENT)
context = functools.partial(documents.context, DOCUMENT)


def shown(answers):
    return [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]


def sent(sent_by, sent_on, *, after_5pm=False, signed_for_on=None):
    """The answers about sending: after 5pm is asked for email and hand only, and the date it
    was signed for for signed-for post only."""
    return {
        "sent_by": sent_by,
        "sent_on": sent_on,
        "sent_after_5pm": after_5pm if sent_by in ("email", "hand") else None,
        "signed_for_on": signed_for_on,
    }


def all_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(all_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(all_text(item) for item in value.values())
    return ""


def no_plan(**changes):
    """The example, for a decision not to issue a plan told after the 16 weeks (26 October)."""
    return {"ehc_stage": "no-plan", "no_plan_on": "2026-11-16", **changes}


MONTHS = {
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December", "Monday", "Tuesday", "Wednesday"),
    *("Thursday", "Friday", "Saturday", "Sunday"),
}


def cites(wording, key):
    """Whether the wording cites `key`, mid-sentence or at the start of one."""
    short = law.cite(key)
    return short in wording or short[0].upper() + short[1:] in wording


# --- Questions ----------------------------------------------------------------------------


def test_example_answers_are_valid():
    validated = validate_answers(DOCUMENT, DOCUMENT.example)
    assert validated.errors == {}
    assert validated.answers == DOCUMENT.example


def test_example_is_valid_on_the_real_date_too(monkeypatch):
    """The browser journeys and the API run on today's real date: the example's time limit
    must already have passed, or they could not finish."""
    monkeypatch.setattr(dates, "today", REAL_TODAY)
    assert validate_answers(DOCUMENT, DOCUMENT.example).errors == {}


def test_field_names_are_short_snake_case():
    for step in DOCUMENT.steps:
        for name in DOCUMENT.field_names(step):
            assert re.fullmatch(r"[a-z][a-z0-9_]{1,24}", name), name


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("writer", "Select who is writing the letter"),
        ("la_name", "Enter the name of the council"),
        ("child_name", "Enter your child's full name"),
        ("child_dob", "Enter your child's date of birth"),
        ("sent_on", "Enter the date the request was sent"),
        ("sent_by", "Select how the request was sent"),
        ("sent_after_5pm", "Select yes if it was sent or handed in after 5pm"),
        ("ehc_stage", "Select what the council has told you"),
        ("exception", "Select whether the council has given a reason for the delay"),
        ("exception_details", "Enter the reason the council gave"),
        ("formal_complaint", "Select yes if you want this letter to be a formal complaint"),
        ("writer_name", "Enter your full name"),
        ("writer_address", "Enter your address"),
    ],
)
def test_each_required_answer_has_a_gov_uk_message(field, message):
    answers = example()
    del answers[field]
    assert validate_answers(DOCUMENT, answers).errors == {field: [message]}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"child_dob": "2099-01-01"}, "child_dob", "Date of birth must be today or in the past"),
        (
            {"sent_on": "2099-01-01"},
            "sent_on",
            "The date the request was sent must be today or in the past",
        ),
        ({"ehc_stage": "final-plan"}, "ehc_stage", "Select what the council has told you"),
        ({"sent_by": "pigeon"}, "sent_by", "Select how the request was sent"),
        # The combined answers of old ("by email, after 5pm") are no longer choices.
        ({"sent_by": "email-after-5pm"}, "sent_by", "Select how the request was sent"),
        (
            {"writer_email": "chidi at example"},
            "writer_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_wrong_answers_say_how_to_put_them_right(changes, field, message):
    assert validate_answers(DOCUMENT, example(**changes)).errors == {field: [message]}


def test_optional_answers_can_be_left_out():
    optional = [
        "la_team",
        "la_officer",
        "la_address",
        "la_reference",
        "child_known_as",
        "impact",
        "monitoring_officer",
        "writer_email",
        "writer_phone",
    ]
    answers = {k: v for k, v in DOCUMENT.example.items() if k not in optional}
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    context_ = build_context(validated.answers)
    assert context_["addressee"] == ["SEN Team", "Kingsmead Borough Council"]
    assert context_["salutation"] == "Dear SEN Team"
    assert context_["sign_off"] == "Yours faithfully"
    assert context_["reference"] == ""
    assert context_["impact"] == []
    assert context_["copy_to"] == (
        "Copy to: the Monitoring Officer and the Director of Children's Services, "
        "Kingsmead Borough Council"
    )
    assert context_["contact"] == "You can write to me at the address above."
    assert "Amara or me" in all_text(context_["exceptions"])


# --- Sending: after 5pm, and the day it was signed for ---------------------------------------


@pytest.mark.parametrize(
    ("sent_by", "after_5pm", "signed_for"),
    [
        ("email", True, False),
        ("hand", True, False),
        ("signed-post", False, True),
        ("first-class-post", False, False),
    ],
)
def test_after_5pm_and_signed_for_are_asked_only_where_they_matter(sent_by, after_5pm, signed_for):
    slugs = shown(example(**sent(sent_by, "2026-06-08", signed_for_on="2026-06-09")))
    assert ("after-5pm" in slugs) is after_5pm
    assert ("signed-for" in slugs) is signed_for
    assert slugs.index("sending") < slugs.index("stage")


def test_signed_for_post_needs_the_date_it_was_signed_for():
    answers = example(**sent("signed-post", "2026-06-05"))
    assert validate_answers(DOCUMENT, answers).errors == {
        "signed_for_on": ["Enter the date the request was signed for"]
    }


@pytest.mark.parametrize(
    ("signed_for_on", "errors"),
    [
        ("2026-06-05", {}),  # signed for the day it was posted
        ("2026-06-08", {}),
        (
            "2026-06-04",
            {
                "signed_for_on": [
                    "The date the request was signed for must be the same as or after the "
                    "date it was posted, 5 June 2026"
                ]
            },
        ),
        (
            "2026-12-02",
            {"signed_for_on": ["The date the request was signed for must be today or in the past"]},
        ),
    ],
)
def test_it_cannot_be_signed_for_before_it_was_posted(signed_for_on, errors):
    answers = example(**sent("signed-post", "2026-06-05", signed_for_on=signed_for_on))
    assert validate_answers(DOCUMENT, answers).errors == errors


# --- A time limit that bears on the stage must have passed -------------------------------------


@pytest.mark.parametrize(
    ("stage", "sending", "message"),
    [
        # Received Tue 20 Oct 2026; 6 weeks later is today, the last day of the limit.
        ("no-decision", sent("email", "2026-10-20"), "The 6-week time limit ends on 1 December"),
        # Mon 19 Oct after 5pm, or by first-class post: received Tue 20 Oct.
        (
            "no-decision",
            sent("email", "2026-10-19", after_5pm=True),
            "The 6-week time limit ends on 1 December",
        ),
        (
            "no-decision",
            sent("first-class-post", "2026-10-19"),
            "The 6-week time limit ends on 1 December",
        ),
        # Assessing, or told late of no plan: the 16 weeks must have passed.
        ("assessing", sent("hand", "2026-08-11"), "The 16-week time limit ends on 1 December"),
        ("no-plan", sent("email", "2026-08-11"), "The 16-week time limit ends on 1 December"),
        # Posted Fri 10 July, signed for Tue 14 July: the clock starts on the day it is signed for.
        (
            "issuing",
            sent("signed-post", "2026-07-10", signed_for_on="2026-07-14"),
            "The 20-week time limit ends on 1 December",
        ),
        ("draft", sent("email", "2026-11-02"), "The 20-week time limit ends on 22 March 2027"),
    ],
)
def test_the_letter_cannot_be_written_before_the_limit_has_passed(stage, sending, message):
    answers = example(ehc_stage=stage, **sending)
    if stage == "no-plan":
        answers["no_plan_on"] = "2026-12-01"
    errors = validate_answers(DOCUMENT, answers).errors
    assert list(errors) == ["ehc_stage"]
    (error,) = errors["ehc_stage"]
    assert error.startswith(message)
    assert re.search(r"\. You can send this letter from \d+ \w+ 20\d\d$", error)


def test_the_error_says_the_day_after_the_limit_ends():
    answers = example(ehc_stage="no-decision", **sent("email", "2026-10-20"))
    assert validate_answers(DOCUMENT, answers).errors == {
        "ehc_stage": [
            "The 6-week time limit ends on 1 December 2026. You can send this letter from "
            "2 December 2026"
        ]
    }


@pytest.mark.parametrize(
    ("stage", "sending"),
    [
        ("no-decision", sent("email", "2026-10-19")),  # ended Mon 30 Nov
        ("no-decision", sent("signed-post", "2026-10-16", signed_for_on="2026-10-19")),
        ("assessing", sent("email", "2026-08-10")),  # ended Mon 30 Nov
        ("issuing", sent("hand", "2026-07-13")),  # ended Mon 30 Nov
        ("draft", sent("hand", "2026-07-13")),
    ],
)
def test_the_letter_can_be_written_the_day_after_the_limit_ends(stage, sending):
    answers = example(ehc_stage=stage, **sending)
    assert validate_answers(DOCUMENT, answers).errors == {}


@pytest.mark.parametrize(
    ("earlier", "valid"),
    [
        ({"sent_by": "email", "sent_on": "2026-10-19", "sent_after_5pm": False}, True),
        # After 5pm on Monday 19 October: received Tuesday 20 October, so the limit ends today.
        ({"sent_by": "email", "sent_on": "2026-10-19", "sent_after_5pm": True}, False),
        ({"sent_by": "hand", "sent_on": "2026-10-19", "sent_after_5pm": True}, False),
        # Signed-for post counts from the day it was signed for, not the day it was posted.
        ({"sent_by": "signed-post", "sent_on": "2026-10-16", "signed_for_on": "2026-10-19"}, True),
        ({"sent_by": "signed-post", "sent_on": "2026-10-16", "signed_for_on": "2026-10-20"}, False),
        ({"sent_by": "first-class-post", "sent_on": "2026-10-16"}, True),
        ({"sent_by": "first-class-post", "sent_on": "2026-10-19"}, False),
        ({}, True),  # the sending questions say what is missing, not this one
    ],
)
def test_the_stage_question_works_from_the_earlier_answers(earlier, valid):
    step = DOCUMENT.step("stage")
    form = step_form(step, {"ehc_stage": "no-decision"}, earlier=earlier, csrf=False)
    assert form.validate() is valid
    if not valid:
        assert form.ehc_stage.errors == [
            "The 6-week time limit ends on 1 December 2026. You can send this letter from "
            "2 December 2026"
        ]


def test_the_api_gives_the_same_message(app):
    answers = example(ehc_stage="no-decision", sent_on="2026-10-20")
    response = app.test_client().post(f"/api/v1/documents/{DOCUMENT.slug}", json=answers)
    assert response.status_code == 422
    assert response.json["errors"]["ehc_stage"][0].startswith(
        "The 6-week time limit ends on 1 December 2026."
    )


@pytest.mark.parametrize(
    ("no_plan_on", "errors"),
    [
        ("2026-10-27", {}),  # the day after the 16 weeks ended
        (
            "2026-10-26",
            {
                "no_plan_on": [
                    "The date the council told you must be after 26 October 2026, when the "
                    "16-week time limit ended. If it told you by then, it met that time limit"
                ]
            },
        ),
        (
            "2026-12-02",
            {"no_plan_on": ["The date the council told you must be today or in the past"]},
        ),
        (
            None,
            {"no_plan_on": ["Enter the date the council told you it would not issue an EHC plan"]},
        ),
    ],
)
def test_a_decision_not_to_issue_a_plan_must_have_been_told_late(no_plan_on, errors):
    answers = example(**no_plan(no_plan_on=no_plan_on))
    assert validate_answers(DOCUMENT, answers).errors == errors


# --- Conditional questions ------------------------------------------------------------------


def questions_asked(slug, writer):
    form = step_form(DOCUMENT.step(slug), earlier={"writer": writer}, csrf=False)
    return {field.short_name: field.label.text for field in form.fields_asked()}


def test_a_young_person_gives_their_own_name_and_date_of_birth_about_themselves():
    assert questions_asked("child", "parent") == {
        "child_name": "Your child's full name",
        "child_known_as": "What name does your child usually go by? (optional)",
        "child_dob": "Date of birth",
    }
    assert questions_asked("child", "young_person") == {
        "child_name": "Your full name",
        "child_dob": "Your date of birth",
    }
    assert list(questions_asked("you", "parent")) == [
        "writer_name",
        "writer_address",
        "writer_email",
        "writer_phone",
    ]
    assert list(questions_asked("you", "young_person")) == [
        "writer_address",
        "writer_email",
        "writer_phone",
    ]
    answers = example(writer="young_person", child_name="Sam Taylor", child_dob="2008-03-01")
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    assert "writer_name" not in validated.answers
    assert "child_known_as" not in validated.answers


def test_the_stage_is_asked_after_how_the_request_was_sent():
    assert [step.slug for step in DOCUMENT.steps] == [
        "writer",
        "council",
        "child",
        "sending",
        "after-5pm",
        "signed-for",
        "stage",
        "no-plan",
        "reason",
        "reason-details",
        "effect",
        "complaint",
        "copy",
        "you",
    ]
    assert "signed-for" not in shown(example())


def test_the_date_of_a_decision_not_to_issue_a_plan_is_asked_only_for_that_stage():
    assert "no-plan" not in shown(example())
    assert "no-plan" in shown(example(**no_plan()))
    validated = validate_answers(DOCUMENT, example(no_plan_on="2026-11-16"))
    assert validated.errors == {}
    assert "no_plan_on" not in validated.answers


def test_the_reason_is_asked_for_only_when_the_council_gave_one():
    assert "reason-details" in shown(example())
    for exception in ("no", "not_told"):
        answers = example(exception=exception)
        assert "reason-details" not in shown(answers)
        validated = validate_answers(DOCUMENT, answers)
        assert validated.errors == {}
        assert "exception_details" not in validated.answers
        assert build_context(validated.answers)["reason_given"] == []


def test_the_stage_question_asks_what_the_family_knows():
    step = DOCUMENT.step("stage")
    assert "They all count from the day the council received the request" in step.hint
    choices = dict(step_form(step, csrf=False).ehc_stage.choice_labels)
    assert list(choices) == ["no-decision", "assessing", "issuing", "draft", "no-plan"]
    assert all(not re.search(r"\b(6|20)-week|which time limit", label) for label in choices)


def test_the_formal_complaint_question_explains_what_it_does():
    step = DOCUMENT.step("complaint")
    assert "Director of Children's Services" in step.hint
    assert "Local Government and Social Care Ombudsman" in step.hint
    form = step_form(step, csrf=False)
    assert form.formal_complaint.label.text == "Do you want this letter to be a formal complaint?"
    assert "within 5 working days" in form.formal_complaint.description


# --- The letter's wording -----------------------------------------------------------------


def test_example_letter_is_addressed_and_dated():
    context_ = context()
    assert context_["letter_date"] == "1 December 2026"
    assert context_["asks_intro"].endswith("by 8 December 2026:")
    assert context_["addressee"] == [
        "Ms Turner",
        "SEND Assessment Team",
        "Kingsmead Borough Council",
        "Civic Centre",
        "High Street",
        "Kingsmead",
        "KM1 1AA",
    ]
    assert context_["salutation"] == "Dear Ms Turner"
    assert context_["sign_off"] == "Yours sincerely"
    assert context_["signer"] == "Chidi Okafor"
    assert context_["sender_lines"] == [
        "Chidi Okafor",
        "14 Elm Road",
        "Kingsmead",
        "KM6 2QT",
        "chidi.okafor@example.com",
        "07700 900123",
    ]
    assert context_["heading"] == (
        "Missed time limit: EHC needs assessment for Amara Okafor (date of birth 14 February 2018)"
    )
    assert context_["reference"] == "Your reference: EHC/2026/0412"
    assert context_["copy_to"] == (
        "Copy to: Ms Helen Marsh, Monitoring Officer, and the Director of Children's Services, "
        "Kingsmead Borough Council"
    )
    assert context_["intro"] == (
        "I am writing about the request for an education, health and care (EHC) needs "
        "assessment for my child, Amara. You agreed to carry out the assessment, but you have "
        "not told me its outcome. The 16-week time limit has passed, and so has the 20-week "
        "time limit."
    )


def test_the_example_reads_true_to_the_person_it_greets():
    """The letter greets Ms Turner: the reason she gave is hers ("you said"), not a third
    person's; and free text names no month or weekday, which would go stale."""
    answers = DOCUMENT.example
    assert "Ms Turner" not in answers["exception_details"]
    assert "you said" in answers["exception_details"]
    assert "educational psychologist's report" in answers["exception_details"]
    for name in ("exception_details", "impact"):
        assert not set(re.findall(r"[A-Z][a-z]+", answers[name])) & MONTHS, name


def test_the_example_shows_more_than_one_passed_time_limit():
    time_limits = context()["time_limits"]
    assert "That time limit ended on 26 October 2026" in time_limits[0]
    assert "That time limit ended on 23 November 2026" in time_limits[1]


@pytest.mark.parametrize(
    ("sending", "wording", "ended"),
    [
        (
            sent("email", "2026-06-08"),
            "The request was sent to you by email on 8 June 2026, so you received it that day.",
            "28 September 2026",
        ),
        (
            sent("email", "2026-06-05", after_5pm=True),
            "The request was sent to you by email after 5pm on 5 June 2026, so I have counted "
            "it as received on the next working day, 8 June 2026.",
            "28 September 2026",
        ),
        (
            sent("hand", "2026-06-06"),  # a Saturday
            "The request was delivered to you by hand on 6 June 2026, which was not a working "
            "day, so I have counted it as received on the next working day, 8 June 2026.",
            "28 September 2026",
        ),
        (
            sent("email", "2026-05-25"),  # the spring bank holiday
            "The request was sent to you by email on 25 May 2026, which was not a working day, "
            "so I have counted it as received on the next working day, 26 May 2026.",
            "15 September 2026",
        ),
        (
            sent("hand", "2026-06-08", after_5pm=True),
            "The request was delivered to you by hand after 5pm on 8 June 2026, so I have "
            "counted it as received on the next working day, 9 June 2026.",
            "29 September 2026",
        ),
        (
            sent("email", "2026-06-06", after_5pm=True),  # a Saturday evening
            "The request was sent to you by email after 5pm on 6 June 2026, so I have counted "
            "it as received on the next working day, 8 June 2026.",
            "28 September 2026",
        ),
        (
            sent("signed-post", "2026-06-04", signed_for_on="2026-06-06"),
            "The request was sent to you by signed-for post on 4 June 2026 and signed for on "
            "6 June 2026, so you received it that day.",
            "26 September 2026",
        ),
        (
            sent("signed-post", "2026-06-08", signed_for_on="2026-06-08"),
            "The request was sent to you by signed-for post on 8 June 2026 and signed for on "
            "8 June 2026, so you received it that day.",
            "28 September 2026",
        ),
        (
            sent("first-class-post", "2026-06-05"),
            "The request was sent to you by first-class post on 5 June 2026, so I have counted "
            "it as received on the next working day, 8 June 2026.",
            "28 September 2026",
        ),
        (
            sent("first-class-post", "2026-06-08"),  # a Monday: received the next day
            "The request was sent to you by first-class post on 8 June 2026, so I have counted "
            "it as received on the next working day, 9 June 2026.",
            "29 September 2026",
        ),
    ],
)
def test_the_day_of_receipt_follows_how_the_request_was_sent(sending, wording, ended):
    context_ = context(**sending)
    assert context_["request"] == wording
    assert f"That time limit ended on {ended}," in context_["time_limits"][0]  # the 16 weeks


# The brief's case: received Monday 6 July, read on Tuesday 1 December.
ALL_PASSED = {"ehc_stage": "no-decision", **sent("email", "2026-07-06")}


def test_every_time_limit_that_has_passed_is_stated_with_its_date_and_regulation():
    context_ = context(**ALL_PASSED, exception="not_told")
    decide, issue, final = context_["time_limits"]
    for paragraph, key, weeks, ended in (
        (decide, "send-regs-5-1", 6, "17 August 2026"),
        (issue, "send-regs-10-1", 16, "26 October 2026"),
        (final, "send-regs-13-2", 20, "23 November 2026"),
    ):
        assert cites(paragraph, key)
        assert f"at the latest within {weeks} weeks of receiving the request" in paragraph
        assert f"That time limit ended on {ended}" in paragraph
    assert decide.endswith("and I have not had your decision.")
    assert final.endswith("A late decision on the assessment does not move these dates.")
    assert context_["intro"].endswith(
        "I have not had your decision on whether to carry out the assessment. The 6-week time "
        "limit for that decision has passed, and the dates of the later 16-week and 20-week "
        "time limits have passed too."
    )
    assert context_["heading"].startswith(
        "Missed time limit: decision on an EHC needs assessment for Amara Okafor ("
    )
    text = text_of(render_docx(DOCUMENT, context_))
    for ended in ("17 August 2026", "26 October 2026", "23 November 2026"):
        assert f"That time limit ended on {ended}" in text


def test_limits_still_to_come_are_given_as_ending_not_ended():
    context_ = context(ehc_stage="no-decision", **sent("email", "2026-09-14"))
    decide, issue, final = context_["time_limits"]
    assert "That time limit ended on 26 October 2026" in decide
    assert "That time limit ends on 4 January 2027" in issue
    assert "That time limit ends on 1 February 2027" in final
    assert context_["intro"].endswith("The 6-week time limit for that decision has passed.")


def test_the_16_weeks_bind_only_a_council_that_will_not_issue_a_plan():
    """Regulation 10(1) is about telling the family there will be no plan: a council that
    has decided to issue one is held to the 20 weeks, with the draft in time for them."""
    assessing = context()["time_limits"]
    assert cites(assessing[0], "send-regs-10-1")
    assert "if you decide, after an assessment, not to issue an EHC plan" in assessing[0]
    assert assessing[0].endswith("and you have not told me whether you will issue a plan.")
    assert assessing[1].startswith("If you are issuing a plan, regulation 13(2) of the ")
    for stage in ("issuing", "draft"):
        paragraphs_ = context(ehc_stage=stage)["time_limits"]
        assert not cites(all_text(paragraphs_), "send-regs-10-1")
        assert cites(paragraphs_[0], "send-regs-13-2")
        assert "That time limit ended on 23 November 2026" in paragraphs_[0]
    told_late = context(**no_plan())
    (paragraph,) = told_late["time_limits"]
    assert cites(paragraph, "send-regs-10-1")
    assert paragraph.endswith(
        "That time limit ended on 26 October 2026, but you did not tell me your decision until "
        "16 November 2026."
    )
    assert not cites(all_text(told_late), "send-regs-13-2")
    assert told_late["intro"].endswith(
        "On 16 November 2026, after the 16-week time limit had passed, you told me that you "
        "will not issue an EHC plan."
    )


@pytest.mark.parametrize(
    ("changes", "draft_wording"),
    [
        ({}, "So the draft plan had to reach me early enough to leave me those 15 days before "
         "the 20-week time limit ended."),
        ({"ehc_stage": "issuing"}, "So the draft plan had to reach me early enough to leave me "
         "those 15 days before the 20-week time limit ended."),
        # Received Mon 10 August: the 16 weeks ended on 30 November, the 20 end on 28 December.
        (sent("email", "2026-08-10"), "So the draft plan has to reach me early enough to leave "
         "me those 15 days before the 20-week time limit ends."),
    ],
)  # fmt: skip
def test_a_draft_plan_awaited_must_leave_the_family_their_15_days(changes, draft_wording):
    draft = context(**changes)["time_limits"][-1]
    assert cites(draft, "send-regs-13-1")
    assert "you must give me at least 15 days to comment on it" in draft
    assert draft.endswith(draft_wording)


def test_no_draft_paragraph_once_the_draft_has_come_or_no_plan_is_coming():
    for changes in ({"ehc_stage": "draft"}, no_plan(), ALL_PASSED):
        assert not cites(all_text(context(**changes)), "send-regs-13-1")


def test_with_only_the_16_weeks_passed_nothing_is_called_missed_that_may_not_be():
    context_ = context(**sent("email", "2026-08-10"), exception="no")
    assert context_["heading"].startswith("Time limit passed: EHC needs assessment for Amara")
    assert context_["intro"].endswith("The 16-week time limit has passed.")
    assert "That time limit ends on 28 December 2026." in context_["time_limits"][1]
    assert context_["asks"][-1] == (
        "If you have decided not to issue a plan, tell me why you did not tell me within the "
        "time limit. If you say one of the reasons above applies, tell me which one and why."
    )
    assert "missed" not in all_text(context_["asks"])


@pytest.mark.parametrize(
    ("stage", "exception", "subject", "first_ask"),
    [
        (
            "no-decision",
            "send-regs-5-4",
            "decision on an EHC needs assessment",
            "Tell me in writing whether you will carry out an EHC needs assessment for Amara.",
        ),
        (
            "assessing",
            "send-regs-10-4-13-3",
            "EHC needs assessment",
            "Tell me in writing whether you will issue an EHC plan for Amara.",
        ),
        (
            "issuing",
            "send-regs-13-3",
            "final EHC plan",
            "Send me the draft EHC plan, or tell me the date by which you will send it.",
        ),
        (
            "draft",
            "send-regs-13-3",
            "final EHC plan",
            "Send me Amara's final EHC plan, or tell me in writing the date by which you will "
            "send it.",
        ),
        (
            "no-plan",
            "send-regs-10-4",
            "decision not to issue an EHC plan",
            "Tell me what you will do to put right the effect the late decision has had on Amara.",
        ),
    ],
)
def test_each_stage_has_its_own_exception_heading_and_asks(stage, exception, subject, first_ask):
    changes = no_plan() if stage == "no-plan" else {"ehc_stage": stage}
    context_ = context(**changes)
    assert context_["exception_rule"].startswith(
        law.cite(exception)[0].upper() + law.cite(exception)[1:]
    )
    assert context_["heading"].startswith(f"Missed time limit: {subject} for Amara Okafor (")
    assert context_["asks"][0].startswith(first_ask)
    others = {*deadlines.EHC_EXCEPTIONS.values(), "send-regs-exceptions", "send-regs-10-4-13-3"}
    assert not any(cites(all_text(context_), key) for key in others - {exception})


def test_the_code_says_should_and_the_regulations_say_must():
    """Acting as soon as practicable is the regulations' duty ("must"); keeping the delay to
    a minimum is the Code's guidance ("should"). The Code is never said to say "must"."""
    context_ = context()
    code = law.cite("code-9.42-9.43")
    said = context_["as_soon_as_practicable"]
    assert (
        f"{code[0].upper()}{code[1:]} say that, when one of them applies, you should tell me, "
        "keep the delay to a minimum" in said
    )
    assert "must" not in said
    assert "lift only the time limit in weeks, not the duty to act as soon as practicable" in said
    for stage in ("no-decision", "assessing", "issuing", "draft"):
        for paragraph in context(ehc_stage=stage)["time_limits"]:
            if "as soon as practicable" in paragraph:
                assert re.search(r"^(If you are issuing a plan, r|R)egulations? \d", paragraph)
                assert re.search(r"must [A-Za-z ,]+ as soon as practicable", paragraph)
    letter = text_of(render_docx(DOCUMENT, context_))
    for sentence in re.split(r"(?<=\.)\s", letter):
        if "Code of Practice" in sentence:
            assert "must" not in sentence, sentence


def test_the_exceptions_are_listed():
    context_ = context()
    assert len(context_["exceptions"]) == 3  # closures (a) and (b) together, then (c), (d)
    assert "closed for a continuous period of 4 weeks or more" in context_["exceptions"][0]
    assert (
        context_["exceptions"][1] == "exceptional personal circumstances affected Amara or me; or"
    )
    assert context_["exceptions"][2] == (
        "Amara or I have been away from the area for a continuous period of 4 weeks or more."
    )
    assert law.CITATIONS["code-9.42-9.43"].confidence == "secondary"


@pytest.mark.parametrize(
    ("changes", "key", "settings"),
    [
        # The example: assessing, with the 16 and 20 weeks both passed; the 6 weeks were met.
        ({}, "send-regs-10-4-13-3", "a school, college or early years setting"),
        # Assessing, with only the 16 weeks passed.
        (sent("email", "2026-08-10"), "send-regs-10-4", "a school, college or early years setting"),
        # No decision, all three dates passed: the letter is about the 6 weeks (5(4)), which
        # names schools and colleges only.
        (ALL_PASSED, "send-regs-5-4", "a school or college"),
        ({"ehc_stage": "no-decision", **sent("email", "2026-09-14")}, "send-regs-5-4",
         "a school or college"),
        ({"ehc_stage": "issuing"}, "send-regs-13-3", "a school, college or early years setting"),
        ({"ehc_stage": "draft"}, "send-regs-13-3", "a school, college or early years setting"),
        (no_plan(), "send-regs-10-4", "a school, college or early years setting"),
    ],
    ids=["assessing", "assessing-16-weeks", "no-decision-all-passed", "no-decision",
         "issuing", "draft", "no-plan"],
)  # fmt: skip
def test_only_the_exceptions_to_the_limits_that_have_passed_are_cited(changes, key, settings):
    """Assessing, the 6-week decision is made: the letter cites the exceptions to the 16 and
    20 weeks, not regulation 5(4); without a decision it cites 5(4) alone, without early
    years settings."""
    context_ = context(**changes)
    rule = context_["exception_rule"]
    assert rule.startswith(capital(law.cite(key)))
    one = key != "send-regs-10-4-13-3"
    assert rule.endswith(
        f"allow{'s' if one else ''} more time only if it is impractical to meet "
        f"{'the' if one else 'a'} time limit because:"
    )
    assert context_["exceptions"][0].startswith(f"you asked {settings} for advice")
    text = all_text(context_)
    for other in {*deadlines.EHC_EXCEPTIONS.values(), "send-regs-exceptions",
                  "send-regs-10-4-13-3"} - {key}:  # fmt: skip
        assert not cites(text, other), other
    assert "counts only for the 16-week and 20-week" not in text  # said only beside all three


def test_the_pair_of_exceptions_is_cited_from_the_register_like_the_three():
    pair, three = law.CITATIONS["send-regs-10-4-13-3"], law.CITATIONS["send-regs-exceptions"]
    assert pair.short == "regulations 10(4) and 13(3) of the SEND Regulations 2014"
    assert (pair.source, pair.confidence, pair.checked) == (
        three.source,
        three.confidence,
        three.checked,
    )
    assert "early years provider" in pair.summary


@pytest.mark.parametrize(
    ("changes", "shown_"),
    [
        ({}, True),
        (no_plan(), True),
        ({"ehc_stage": "no-decision"}, False),  # no assessment yet, so no advice asked for
        # The decision to issue a plan is made: what is late is the plan, not the advice.
        ({"ehc_stage": "issuing"}, False),
        ({"ehc_stage": "draft"}, False),  # the draft plan rests on the advice
    ],
)
def test_advice_has_its_own_time_limit_and_a_late_report_is_no_excuse(changes, shown_):
    advice = context(**changes)["advice"]
    assert bool(advice) is shown_
    if shown_:
        assert cites(advice, "send-regs-6-1")
        assert "you must ask for advice" in advice
        assert cites(advice, "send-regs-8")
        assert "within 6 weeks of your request" in advice
        assert advice.endswith(
            "A late report from an adviser is not itself one of the reasons above, so it does "
            "not give you more time."
        )


@pytest.mark.parametrize(
    ("exception", "no_reason", "last_ask"),
    [
        (
            "yes",
            "",
            "Tell me which of the reasons above you say applies, and why it made the time limit "
            "impractical to meet.",
        ),
        (
            "no",
            "You have not given me any reason for the delay.",
            "Tell me why the time limit was missed. If you say one of the reasons above "
            "applies, tell me which one and why.",
        ),
        (
            "not_told",
            "I have not heard from you about the delay.",
            "Tell me why the time limit was missed. If you say one of the reasons above "
            "applies, tell me which one and why.",
        ),
    ],
)
def test_the_councils_reason_for_the_delay(exception, no_reason, last_ask):
    context_ = context(exception=exception)
    assert context_["no_reason"] == no_reason
    assert context_["asks"][-1] == last_ask
    if exception == "yes":
        assert context_["reason_given"] == [DOCUMENT.example["exception_details"]]


def test_the_letter_itself_can_be_the_formal_complaint():
    context_ = context()
    assert context_["formal_complaint"] == (
        "This letter is a formal complaint under the council's complaints procedure about the "
        "delay. I am sending a copy to the Director of Children's Services."
    )
    assert context_["complaint"] == ""
    assert "Director of Children's Services" in context_["copy_to"]
    text = text_of(render_docx(DOCUMENT, context_))
    assert "This letter is a formal complaint under the council's complaints procedure" in text
    assert "I will make a formal complaint" not in text


def test_without_a_formal_complaint_the_letter_says_one_comes_next():
    context_ = context(formal_complaint=False)
    assert context_["formal_complaint"] == ""
    assert context_["complaint"] == (
        "If I do not have a reply by 8 December 2026, I will make a formal complaint under the "
        "council's complaints procedure."
    )
    assert context_["copy_to"] == (
        "Copy to: Ms Helen Marsh, Monitoring Officer, Kingsmead Borough Council"
    )
    assert "Director" not in all_text(context_)


def test_the_ombudsman_recommends_and_comes_after_the_complaints_procedure():
    for formal in (True, False):
        ombudsman = context(formal_complaint=formal)["ombudsman"]
        assert cites(ombudsman, "lgo-remedies")
        assert (
            "the Ombudsman can recommend that the council apologise and pay a sum for the "
            "distress and uncertainty caused" in ombudsman
        )
        assert ombudsman.endswith(
            "I can go to the Ombudsman after the council's complaints procedure."
        )
        assert not re.search(r"\b(award|order)", ombudsman)


def test_the_action_date_is_a_request_not_the_law():
    context_ = context(formal_complaint=False)
    assert context_["asks_intro"] == (
        "Please do the following within 5 working days of the date of this letter, by "
        "8 December 2026:"
    )
    assert law.TIME_LIMITS["missed-deadline-action"].citation is None
    text = text_of(render_docx(DOCUMENT, context_))
    assert (
        "Please do the following within 5 working days of the date of this letter, by "
        "8 December 2026:" in text
    )
    assert "statutory" not in text
    assert "If I do not have a reply by 8 December 2026, I will make a formal complaint" in text
    assert "Local Government and Social Care Ombudsman" in text


def test_a_young_person_writes_in_their_own_voice():
    context_ = context(
        writer="young_person",
        child_name="Sam Taylor",
        child_known_as=None,
        child_dob="2008-03-01",
        ehc_stage="no-decision",
    )
    assert context_["heading"] == (
        "Missed time limit: decision on an EHC needs assessment for Sam Taylor "
        "(date of birth 1 March 2008)"
    )
    assert context_["signer"] == context_["sender_lines"][0] == "Sam Taylor"
    assert "Chidi Okafor" not in all_text(context_)
    assert context_["intro"].startswith(
        "I am writing about my request for an education, health and care (EHC) needs "
        "assessment. I have not had your decision"
    )
    assert context_["asks"][0].startswith(
        "Tell me in writing whether you will carry out an EHC needs assessment for me."
    )
    assert context_["exceptions"][1] == "exceptional personal circumstances affected me; or"
    assert context_["exceptions"][2] == (
        "I have been away from the area for a continuous period of 4 weeks or more."
    )
    assert "Amara" not in all_text({k: v for k, v in context_.items() if k != "impact"})
    assert "my child" not in all_text(context_)


def test_a_team_without_a_named_person():
    context_ = context(la_officer=None)
    assert context_["addressee"][:2] == ["SEND Assessment Team", "Kingsmead Borough Council"]
    assert context_["salutation"] == "Dear SEND Assessment Team"
    assert context_["sign_off"] == "Yours faithfully"


@pytest.mark.parametrize(
    "changes",
    [{}, ALL_PASSED, {"ehc_stage": "issuing"}, {"ehc_stage": "draft"}, no_plan()],
)
def test_citations_all_come_from_law(changes):
    letter = all_text(context(**changes))
    for citation in sorted(law.all_citation_texts(), key=len, reverse=True):
        letter = letter.replace(citation, "")
        letter = letter.replace(citation[0].upper() + citation[1:], "")
    for trace in ("Regulations 20", "Code of Practice", "egulation ", "aragraph ", "ection "):
        assert trace not in letter


def test_filename_names_the_child_the_council_and_the_date():
    assert missed_deadline_letter.DOCUMENT.filename(DOCUMENT.example) == (
        "Missed time limit letter about Amara Okafor to Kingsmead Borough Council, 1 December 2026"
    )
    young = example(writer="young_person", child_name="Sam Taylor")
    assert "about Sam Taylor" in missed_deadline_letter.DOCUMENT.filename(young)


def test_next_steps_say_what_comes_after_the_letter():
    steps = " ".join(DOCUMENT.next_steps)
    assert "monitoring officer" in steps
    assert "Director of Children's Services" in steps
    assert "proof" in steps
    assert "within 5 working days" in steps
    assert "complaints procedure" in steps
    assert "Local Government and Social Care Ombudsman" in steps
    assert "recommend" in steps
    assert "within 12 months" in steps
    assert cites(steps, "cfa-s51")
    assert "SENDIASS" in DOCUMENT.advice  # said last, unless an advice service's page
    assert "IPSEA" in DOCUMENT.advice


# --- Blank mode ---------------------------------------------------------------------------


def test_blank_mode_gives_a_printable_letter_with_every_time_limit():
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["blank"] is True
    assert context_["letter_date"] == "[date]"
    assert is_prompt(context_["letter_date"])
    assert context_["asks_intro"].endswith("by [date, 5 working days from today]:")
    assert context_["complaint"].startswith("If I do not have a reply by [date, 5 working")
    assert context_["formal_complaint"].startswith("This letter is a formal complaint")
    assert context_["salutation"] == "Dear [name]"
    assert len(context_["time_limits"]) == 4
    for key in ("send-regs-5-1", "send-regs-10-1", "send-regs-13-2", "send-regs-13-1"):
        assert cites(all_text(context_["time_limits"]), key)
    assert cites(context_["exception_rule"], "send-regs-exceptions")
    assert cites(context_["advice"], "send-regs-8")
    assert context_["request"] == (
        "The request was sent to you by [email, hand, signed-for post or first-class post] on "
        "[date sent], so it counts as received on [date received]."
    )
    assert context_["reason_given"] == ["[the reason the council gave, and when]"]
    assert len(context_["asks"]) == 5
    assert context_["copy_to"] == (
        "Copy to: [name], Monitoring Officer, and the Director of Children's Services "
        "[if this letter is a formal complaint], [name of the council]"
    )
    assert context_.keys() == context().keys()


def test_the_blank_letter_speaks_of_the_child_and_me_in_the_first_person():
    """An "I" letter: the circumstances and the absence are the child's or mine, not "the
    child, the parent or the young person"."""
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["exceptions"][1:] == [
        "exceptional personal circumstances affected [child's name] or me; or",
        "[child's name] or I have been away from the area for a continuous period of 4 weeks "
        "or more.",
    ]
    assert "the parent or the young person" not in all_text(context_)


def test_the_blank_letter_says_an_early_years_closure_counts_only_for_16_and_20_weeks():
    """It cites regulations 5(4), 10(4) and 13(3) together; 5(4) does not name early years
    settings, so it says so right after the list."""
    context_ = build_context(blank_answers(DOCUMENT))
    assert "school, college or early years setting" in context_["exceptions"][0]
    assert context_["as_soon_as_practicable"].startswith(
        "The closure of an early years setting counts only for the 16-week and 20-week time "
        "limits. These reasons lift only"
    )
    paragraphs = [p.text for p in render_docx(DOCUMENT, context_).paragraphs]
    after_list = paragraphs.index(context_["exceptions"][-1]) + 1
    assert paragraphs[after_list] == context_["as_soon_as_practicable"]


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    # ...and the advice service's line, which every template's footer reads (the engine's).
    assert variables == {*context().keys(), ORGANISATION_LINE}


def test_example_renders_with_every_answer():
    text = text_of(render_docx(DOCUMENT, context()))
    for value in (
        "Missed time limit: EHC needs assessment for Amara Okafor (date of birth 14 February 2018)",
        "Your reference: EHC/2026/0412",
        DOCUMENT.example["exception_details"],
        "Amara has had no extra help with reading this term.",
        "This letter is a formal complaint under the council's complaints procedure",
        "Copy to: Ms Helen Marsh, Monitoring Officer, and the Director of Children's Services, "
        "Kingsmead Borough Council",
        "That time limit ended on 26 October 2026",
        "That time limit ended on 23 November 2026.",
    ):
        assert value in text
    assert "{{" not in text
    assert "{%" not in text
    assert "[" not in text
    assert text.count("Amara Okafor") == 1


@pytest.mark.parametrize("mode", ["example", "blank", "short"])
def test_no_empty_paragraphs_are_used_for_spacing(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "short":
        context_ = context(
            exception="no",
            impact=None,
            la_reference=None,
            la_address=None,
            writer_email=None,
            writer_phone=None,
            monitoring_officer=None,
            formal_complaint=False,
            ehc_stage="draft",
        )
    else:
        context_ = context()
    for paragraph in render_docx(DOCUMENT, context_).paragraphs:
        assert paragraph.text.strip(), "an empty paragraph"


def test_lists_use_word_list_styles():
    document = render_docx(DOCUMENT, context())
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}
    for exception in context()["exceptions"]:
        assert styles[exception] == "List Bullet"
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == context()["asks"]
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
