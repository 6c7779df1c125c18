"""The letter about a missed EHC time limit: its questions, its dates, its wording and its
Word template."""

import datetime
import functools
import re

import pytest
from docxtpl import DocxTemplate

from forms import deadlines, law, missed_deadline_letter
from forms.missed_deadline_letter import DOCUMENT, build_context
from service import dates
from service.answers import blank_answers, validate_answers
from service.catalogue import is_prompt
from service.steps import step_form
from tests.forms import documents
from tests.forms.documents import (
    answers_by_step,
    render_docx,
    template_path,
    text_of,
    visible_steps,
)

TODAY = datetime.date(2026, 11, 23)  # a Monday, with no bank holiday in the week after
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
        ("deadline", "Select which time limit the council has missed"),
        ("exception", "Select whether the council has given a reason for the delay"),
        ("exception_details", "Enter the reason the council gave"),
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
        ({"deadline": "30-weeks"}, "deadline", "Select which time limit the council has missed"),
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
    assert context_["copy_to"] == "Copy to: Monitoring Officer, Kingsmead Borough Council"
    assert context_["contact"] == "You can write to me at the address above."
    assert "Amara Okafor or me" in all_text(context_["exceptions"])


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
    assert slugs.index("sending") < slugs.index("deadline")


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
            "2026-11-24",
            {"signed_for_on": ["The date the request was signed for must be today or in the past"]},
        ),
    ],
)
def test_it_cannot_be_signed_for_before_it_was_posted(signed_for_on, errors):
    answers = example(**sent("signed-post", "2026-06-05", signed_for_on=signed_for_on))
    assert validate_answers(DOCUMENT, answers).errors == errors


# --- The time limit must have passed --------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "sending", "message"),
    [
        # Received Mon 12 Oct 2026; 6 weeks later is today, the last day of the limit.
        (
            "decide-to-assess",
            sent("email", "2026-10-12"),
            "The 6-week time limit ends on 23 November",
        ),
        # Fri 9 Oct after 5pm, or by first-class post: received Mon 12 Oct.
        (
            "decide-to-assess",
            sent("email", "2026-10-09", after_5pm=True),
            "The 6-week time limit ends on 23",
        ),
        (
            "decide-to-assess",
            sent("first-class-post", "2026-10-09"),
            "The 6-week time limit ends on 23",
        ),
        (
            "decide-to-issue",
            sent("hand", "2026-08-03"),
            "The 16-week time limit ends on 23 November",
        ),
        # Posted Fri 3 July, signed for Mon 6 July: the clock starts on the day it is signed for.
        (
            "final-plan",
            sent("signed-post", "2026-07-03", signed_for_on="2026-07-06"),
            "The 20-week time limit ends on 23 November",
        ),
        (
            "final-plan",
            sent("email", "2026-11-02"),
            "The 20-week time limit ends on 22 March 2027",
        ),
    ],
)
def test_the_letter_cannot_be_written_before_the_limit_has_passed(deadline, sending, message):
    errors = validate_answers(DOCUMENT, example(deadline=deadline, **sending)).errors
    assert list(errors) == ["deadline"]
    (error,) = errors["deadline"]
    assert error.startswith(message)
    assert re.search(r"\. You can send this letter from \d+ \w+ 20\d\d$", error)


def test_the_error_says_the_day_after_the_limit_ends():
    answers = example(deadline="decide-to-assess", **sent("email", "2026-10-12"))
    assert validate_answers(DOCUMENT, answers).errors == {
        "deadline": [
            "The 6-week time limit ends on 23 November 2026. You can send this letter from "
            "24 November 2026"
        ]
    }


@pytest.mark.parametrize(
    ("deadline", "sending"),
    [
        ("decide-to-assess", sent("email", "2026-10-09")),  # ended Fri 20 Nov
        ("decide-to-assess", sent("signed-post", "2026-10-08", signed_for_on="2026-10-09")),
        ("decide-to-issue", sent("email", "2026-07-31")),  # ended Fri 20 Nov
        ("final-plan", sent("hand", "2026-07-03")),  # ended Fri 20 Nov
    ],
)
def test_the_letter_can_be_written_the_day_after_the_limit_ends(deadline, sending):
    answers = example(deadline=deadline, **sending)
    assert validate_answers(DOCUMENT, answers).errors == {}


@pytest.mark.parametrize(
    ("earlier", "valid"),
    [
        ({"sent_by": "email", "sent_on": "2026-10-09", "sent_after_5pm": False}, True),
        # After 5pm on Friday 9 October: received Monday 12 October, so the limit ends today.
        ({"sent_by": "email", "sent_on": "2026-10-09", "sent_after_5pm": True}, False),
        ({"sent_by": "hand", "sent_on": "2026-10-09", "sent_after_5pm": True}, False),
        # Signed-for post counts from the day it was signed for, not the day it was posted.
        ({"sent_by": "signed-post", "sent_on": "2026-10-08", "signed_for_on": "2026-10-09"}, True),
        ({"sent_by": "signed-post", "sent_on": "2026-10-08", "signed_for_on": "2026-10-12"}, False),
        ({"sent_by": "first-class-post", "sent_on": "2026-10-08"}, True),
        ({"sent_by": "first-class-post", "sent_on": "2026-10-09"}, False),
        ({}, True),  # the sending questions say what is missing, not this one
    ],
)
def test_the_time_limit_question_works_from_the_earlier_answers(earlier, valid):
    step = DOCUMENT.step("deadline")
    form = step_form(step, {"deadline": "decide-to-assess"}, earlier=earlier, csrf=False)
    assert form.validate() is valid
    if not valid:
        assert form.deadline.errors == [
            "The 6-week time limit ends on 23 November 2026. You can send this letter from "
            "24 November 2026"
        ]


def test_the_api_gives_the_same_message(app):
    answers = example(deadline="decide-to-assess", sent_on="2026-10-12")
    response = app.test_client().post(f"/api/v1/documents/{DOCUMENT.slug}", json=answers)
    assert response.status_code == 422
    assert response.json["errors"]["deadline"][0].startswith(
        "The 6-week time limit ends on 23 November 2026."
    )


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


def test_the_time_limit_is_asked_after_how_the_request_was_sent():
    assert [step.slug for step in DOCUMENT.steps] == [
        "writer",
        "council",
        "child",
        "sending",
        "after-5pm",
        "signed-for",
        "deadline",
        "reason",
        "reason-details",
        "effect",
        "copy",
        "you",
    ]
    assert "signed-for" not in shown(example())


def test_the_reason_is_asked_for_only_when_the_council_gave_one():
    assert "reason-details" in shown(example())
    for exception in ("no", "not_told"):
        answers = example(exception=exception)
        assert "reason-details" not in shown(answers)
        validated = validate_answers(DOCUMENT, answers)
        assert validated.errors == {}
        assert "exception_details" not in validated.answers
        assert build_context(validated.answers)["reason_given"] == []


def test_the_deadline_step_explains_the_16_week_limit():
    step = DOCUMENT.step("deadline")
    assert "16-week limit only applies once the council has agreed" in step.hint


# --- The letter's wording -----------------------------------------------------------------


def test_example_letter_is_addressed_and_dated():
    context_ = context()
    assert context_["letter_date"] == "23 November 2026"
    assert context_["asks_intro"].endswith("by 30 November 2026:")
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
        "Missed time limit: final EHC plan for Amara Okafor (date of birth 14 February 2018)"
    )
    assert context_["reference"] == "Your reference: EHC/2026/0412"
    assert context_["copy_to"] == (
        "Copy to: Ms Helen Marsh, Monitoring Officer, Kingsmead Borough Council"
    )
    assert context_["intro"] == (
        "I am writing about the request for an education, health and care (EHC) needs "
        "assessment for my child, Amara Okafor. The 20-week time limit has passed, and I have "
        "not received the final EHC plan."
    )


@pytest.mark.parametrize(
    ("sending", "wording", "ended"),
    [
        (
            sent("email", "2026-06-08"),
            "The request was sent to you by email on 8 June 2026, so you received it that day.",
            "26 October 2026",
        ),
        (
            sent("email", "2026-06-05", after_5pm=True),
            "The request was sent to you by email after 5pm on 5 June 2026, so I have counted "
            "it as received on the next working day, 8 June 2026.",
            "26 October 2026",
        ),
        (
            sent("hand", "2026-06-06"),  # a Saturday
            "The request was delivered to you by hand on 6 June 2026, which was not a working "
            "day, so I have counted it as received on the next working day, 8 June 2026.",
            "26 October 2026",
        ),
        (
            sent("email", "2026-05-25"),  # the spring bank holiday
            "The request was sent to you by email on 25 May 2026, which was not a working day, "
            "so I have counted it as received on the next working day, 26 May 2026.",
            "13 October 2026",
        ),
        (
            sent("hand", "2026-06-08", after_5pm=True),
            "The request was delivered to you by hand after 5pm on 8 June 2026, so I have "
            "counted it as received on the next working day, 9 June 2026.",
            "27 October 2026",
        ),
        (
            sent("email", "2026-06-06", after_5pm=True),  # a Saturday evening
            "The request was sent to you by email after 5pm on 6 June 2026, so I have counted "
            "it as received on the next working day, 8 June 2026.",
            "26 October 2026",
        ),
        (
            sent("signed-post", "2026-06-04", signed_for_on="2026-06-06"),
            "The request was sent to you by signed-for post on 4 June 2026 and signed for on "
            "6 June 2026, so you received it that day.",
            "24 October 2026",
        ),
        (
            sent("signed-post", "2026-06-08", signed_for_on="2026-06-08"),
            "The request was sent to you by signed-for post on 8 June 2026 and signed for on "
            "8 June 2026, so you received it that day.",
            "26 October 2026",
        ),
        (
            sent("first-class-post", "2026-06-05"),
            "The request was sent to you by first-class post on 5 June 2026, so I have counted "
            "it as received on the next working day, 8 June 2026.",
            "26 October 2026",
        ),
        (
            sent("first-class-post", "2026-06-08"),  # a Monday: received the next day
            "The request was sent to you by first-class post on 8 June 2026, so I have counted "
            "it as received on the next working day, 9 June 2026.",
            "27 October 2026",
        ),
    ],
)
def test_the_day_of_receipt_follows_how_the_request_was_sent(sending, wording, ended):
    context_ = context(**sending)
    assert context_["request"] == wording
    (time_limit,) = context_["time_limits"]
    assert time_limit.endswith(f"That time limit ended on {ended}.")


@pytest.mark.parametrize(
    ("deadline", "keys", "subject", "intro", "first_ask"),
    [
        (
            "decide-to-assess",
            ("send-regs-5-1", "send-regs-5-4"),
            "decision on an EHC needs assessment",
            "The 6-week time limit has passed, and I have not had your decision on whether to "
            "carry out the assessment.",
            "Tell me in writing whether you will carry out an EHC needs assessment for Amara.",
        ),
        (
            "decide-to-issue",
            ("send-regs-10-1", "send-regs-10-4"),
            "decision on an EHC plan",
            "The 16-week time limit has passed, and I have not been told whether you will "
            "issue an EHC plan.",
            "Tell me in writing whether you will issue an EHC plan for Amara.",
        ),
        (
            "final-plan",
            ("send-regs-13-2", "send-regs-13-3"),
            "final EHC plan",
            "The 20-week time limit has passed, and I have not received the final EHC plan.",
            "Send me Amara's final EHC plan, or tell me in writing the date by which you will "
            "send it.",
        ),
    ],
)
def test_each_time_limit_has_its_own_regulation_and_exception(
    deadline, keys, subject, intro, first_ask
):
    rule, exception = keys
    context_ = context(deadline=deadline)
    weeks = law.TIME_LIMITS[deadline].amount
    ended = deadlines.ehc_deadlines(datetime.date(2026, 6, 8))[deadline]
    (time_limit,) = context_["time_limits"]
    assert time_limit.startswith(law.cite(rule)[0].upper() + law.cite(rule)[1:])
    assert f"within {weeks} weeks of receiving the request" in time_limit
    assert time_limit.endswith(f"That time limit ended on {ended.day} {ended:%B %Y}.")
    assert context_["exception_rule"].startswith(
        law.cite(exception)[0].upper() + law.cite(exception)[1:]
    )
    assert context_["heading"].startswith(f"Missed time limit: {subject} for Amara Okafor (")
    assert context_["intro"].endswith(intro)
    assert context_["asks"][0].startswith(first_ask)
    others = set(deadlines.EHC_EXCEPTIONS.values()) - {exception}
    assert not any(cites(all_text(context_), key) for key in others)


def test_the_exceptions_are_listed_and_the_council_must_still_act():
    context_ = context()
    assert len(context_["exceptions"]) == 3  # closures (a) and (b) together, then (c), (d)
    assert "closed for 4 weeks or more" in context_["exceptions"][0]
    assert (
        context_["exceptions"][1] == "exceptional personal circumstances affected Amara or me; or"
    )
    assert (
        context_["exceptions"][2] == "Amara or I had been away from the area for 4 weeks or more."
    )
    assert cites(context_["as_soon_as_practicable"], "code-9.42-9.43")
    assert "as soon as practicable" in context_["as_soon_as_practicable"]
    assert law.CITATIONS["code-9.42-9.43"].confidence == "secondary"


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


def test_the_action_date_is_a_request_not_the_law():
    context_ = context()
    assert context_["asks_intro"] == (
        "Please do the following within 5 working days of the date of this letter, by "
        "30 November 2026:"
    )
    assert law.TIME_LIMITS["missed-deadline-action"].citation is None
    text = text_of(render_docx(DOCUMENT, context_))
    assert (
        "Please do the following within 5 working days of the date of this letter, by "
        "30 November 2026:" in text
    )
    assert "statutory" not in text
    assert "If I have not heard from you by 30 November 2026, I will make a formal complaint" in (
        text
    )
    assert "Local Government and Social Care Ombudsman" in text


def test_a_young_person_writes_in_their_own_voice():
    context_ = context(
        writer="young_person",
        child_name="Sam Taylor",
        child_dob="2008-03-01",
        deadline="decide-to-assess",
    )
    assert context_["heading"] == (
        "Missed time limit: decision on an EHC needs assessment for Sam Taylor "
        "(date of birth 1 March 2008)"
    )
    assert context_["signer"] == context_["sender_lines"][0] == "Sam Taylor"
    assert "Chidi Okafor" not in all_text(context_)
    assert context_["intro"].startswith(
        "I am writing about my request for an education, health and care (EHC) needs "
        "assessment. The 6-week"
    )
    assert context_["asks"][0].startswith(
        "Tell me in writing whether you will carry out an EHC needs assessment for me."
    )
    assert context_["exceptions"][1] == "exceptional personal circumstances affected me; or"
    assert context_["exceptions"][2] == "I had been away from the area for 4 weeks or more."
    assert "Amara" not in all_text({k: v for k, v in context_.items() if k != "impact"})


def test_a_team_without_a_named_person():
    context_ = context(la_officer=None)
    assert context_["addressee"][:2] == ["SEND Assessment Team", "Kingsmead Borough Council"]
    assert context_["salutation"] == "Dear SEND Assessment Team"
    assert context_["sign_off"] == "Yours faithfully"


def test_citations_all_come_from_law():
    letter = all_text(context())
    for citation in sorted(law.all_citation_texts(), key=len, reverse=True):
        letter = letter.replace(citation, "")
        letter = letter.replace(citation[0].upper() + citation[1:], "")
    for trace in ("Regulations 20", "Code of Practice", "egulation ", "aragraph ", "ection "):
        assert trace not in letter


def test_filename_names_the_child_the_council_and_the_date():
    assert missed_deadline_letter.DOCUMENT.filename(DOCUMENT.example) == (
        "Missed time limit letter about Amara Okafor to Kingsmead Borough Council, 23 November 2026"
    )
    young = example(writer="young_person", child_name="Sam Taylor")
    assert "about Sam Taylor" in missed_deadline_letter.DOCUMENT.filename(young)


def test_next_steps_say_what_comes_after_the_letter():
    steps = " ".join(DOCUMENT.next_steps)
    assert "monitoring officer" in steps
    assert "proof" in steps
    assert "within 5 working days" in steps
    assert "complaints procedure" in steps
    assert "Local Government and Social Care Ombudsman" in steps
    assert "within 12 months" in steps
    assert "SENDIASS" in steps
    assert "IPSEA" in steps


# --- Blank mode ---------------------------------------------------------------------------


def test_blank_mode_gives_a_printable_letter_with_every_time_limit():
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["blank"] is True
    assert context_["letter_date"] == "[date]"
    assert is_prompt(context_["letter_date"])
    assert context_["asks_intro"].endswith("by [date, 5 working days from today]:")
    assert context_["complaint"].startswith("If I have not heard from you by [date, 5 working")
    assert context_["salutation"] == "Dear [name]"
    assert len(context_["time_limits"]) == 3
    for key in ("send-regs-5-1", "send-regs-10-1", "send-regs-13-2"):
        assert cites(all_text(context_["time_limits"]), key)
    assert context_["exception_rule"].startswith("The law allows more time")
    assert context_["reason_given"] == ["[the reason the council gave, and when]"]
    assert len(context_["asks"]) == 5
    assert context_["copy_to"] == "Copy to: [name], Monitoring Officer, [name of the council]"
    assert context_.keys() == context().keys()


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    assert variables == set(context().keys())


def test_example_renders_with_every_answer():
    text = text_of(render_docx(DOCUMENT, context()))
    for value in (
        "Missed time limit: final EHC plan for Amara Okafor (date of birth 14 February 2018)",
        "Your reference: EHC/2026/0412",
        DOCUMENT.example["exception_details"],
        "Amara has had no extra help with reading since September.",
        "Copy to: Ms Helen Marsh, Monitoring Officer, Kingsmead Borough Council",
        "That time limit ended on 26 October 2026.",
    ):
        assert value in text
    assert "{{" not in text
    assert "{%" not in text
    assert "[" not in text


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
