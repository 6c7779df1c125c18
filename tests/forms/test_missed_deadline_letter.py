"""The letter about a missed EHC time limit: its questions, its dates, its wording and its
Word template."""

import datetime
import re

import pytest
from docxtpl import DocxTemplate

from forms import missed_deadline_letter
from forms.missed_deadline_letter import DOCUMENT, build_context
from service import law
from service.catalogue import blank_answers, is_prompt, validate_answers, visible_steps
from tests.forms.documents import answers_by_step, render_docx, text_of

TODAY = datetime.date(2026, 11, 23)  # a Monday, with no bank holiday in the week after
REAL_TODAY = law.today


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(law, "today", lambda: TODAY)


def example(**changes):
    answers = {**DOCUMENT.example, **changes}
    return {key: value for key, value in answers.items() if value is not None}


def shown(answers):
    return [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]


def context(**changes):
    validated = validate_answers(DOCUMENT, example(**changes))
    assert validated.errors == {}
    return build_context(validated.answers)


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
    monkeypatch.setattr(law, "today", REAL_TODAY)
    assert validate_answers(DOCUMENT, DOCUMENT.example).errors == {}


def test_field_names_are_short_snake_case():
    for step in DOCUMENT.steps:
        for name in DOCUMENT.field_names(step):
            assert re.fullmatch(r"[a-z][a-z_]{1,24}", name), name


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("writer", "Select who is writing the letter"),
        ("la_name", "Enter the name of the council"),
        ("child_name", "Enter your child's full name"),
        ("child_dob", "Enter your child's date of birth"),
        ("deadline", "Select which time limit the council has missed"),
        ("sent_by", "Select how the request was sent"),
        ("request_sent", "Enter the date the request was sent"),
        ("exception", "Select whether the council has given a reason for the delay"),
        ("exception_details", "Enter the reason the council gave"),
        ("your_name", "Enter your full name"),
        ("your_address", "Enter your address"),
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
            {"request_sent": "2099-01-01"},
            "request_sent",
            "The date the request was sent must be today or in the past",
        ),
        ({"deadline": "30-weeks"}, "deadline", "Select which time limit the council has missed"),
        ({"sent_by": "pigeon"}, "sent_by", "Select how the request was sent"),
        (
            {"your_email": "chidi at example"},
            "your_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_wrong_answers_say_how_to_put_them_right(changes, field, message):
    assert validate_answers(DOCUMENT, example(**changes)).errors == {field: [message]}


def test_optional_answers_can_be_left_out():
    optional = [
        "team_name",
        "officer_name",
        "la_address",
        "la_reference",
        "child_known_as",
        "impact",
        "monitoring_officer",
        "your_email",
        "your_phone",
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
    assert context_["copy_to"] == "Monitoring Officer, Kingsmead Borough Council"
    assert context_["contact"] == "You can write to me at the address above."
    assert "Amara Okafor or me" in all_text(context_["exceptions"])


# --- The time limit must have passed --------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "sent_by", "sent", "message"),
    [
        # Received Mon 12 Oct 2026; 6 weeks later is today, the last day of the limit.
        ("decide-to-assess", "email", "2026-10-12", "The 6-week time limit ends on 23 November"),
        # Fri 9 Oct after 5pm, or by first-class post: received Mon 12 Oct.
        ("decide-to-assess", "email-after-5pm", "2026-10-09", "The 6-week time limit ends on 23"),
        ("decide-to-assess", "first-class-post", "2026-10-09", "The 6-week time limit ends on 23"),
        ("decide-to-issue", "hand", "2026-08-03", "The 16-week time limit ends on 23 November"),
        ("final-plan", "signed-post", "2026-07-06", "The 20-week time limit ends on 23 November"),
        ("final-plan", "email", "2026-11-02", "The 20-week time limit ends on 22 March 2027"),
    ],
)
def test_the_letter_cannot_be_written_before_the_limit_has_passed(deadline, sent_by, sent, message):
    errors = validate_answers(
        DOCUMENT, example(deadline=deadline, sent_by=sent_by, request_sent=sent)
    ).errors
    assert list(errors) == ["request_sent"]
    (error,) = errors["request_sent"]
    assert error.startswith(message)
    assert re.search(r"\. You can send this letter from \d+ \w+ 20\d\d$", error)


def test_the_error_says_the_day_after_the_limit_ends():
    errors = validate_answers(
        DOCUMENT, example(deadline="decide-to-assess", sent_by="email", request_sent="2026-10-12")
    ).errors
    assert errors == {
        "request_sent": [
            "The 6-week time limit ends on 23 November 2026. You can send this letter from "
            "24 November 2026"
        ]
    }


@pytest.mark.parametrize(
    ("deadline", "sent_by", "sent"),
    [
        ("decide-to-assess", "email", "2026-10-09"),  # ended Fri 20 Nov
        ("decide-to-assess", "signed-post", "2026-10-09"),
        ("decide-to-issue", "email", "2026-07-31"),  # ended Fri 20 Nov
        ("final-plan", "hand", "2026-07-03"),  # ended Fri 20 Nov
    ],
)
def test_the_letter_can_be_written_the_day_after_the_limit_ends(deadline, sent_by, sent):
    answers = example(deadline=deadline, sent_by=sent_by, request_sent=sent)
    assert validate_answers(DOCUMENT, answers).errors == {}


def test_the_api_gives_the_same_message(app, monkeypatch):
    monkeypatch.setattr(law, "today", lambda: TODAY)
    answers = example(deadline="decide-to-assess", request_sent="2026-10-12")
    response = app.test_client().post(f"/api/v1/documents/{DOCUMENT.slug}", json=answers)
    assert response.status_code == 422
    assert response.json["errors"]["request_sent"][0].startswith(
        "The 6-week time limit ends on 23 November 2026."
    )


# --- Conditional questions ------------------------------------------------------------------


def test_a_young_person_is_asked_their_own_date_of_birth_not_their_childs():
    answers = example(writer="young_person", yp_dob="2008-03-01")
    assert "child" not in shown(answers)
    assert "date-of-birth" in shown(answers)
    assert "date-of-birth" not in shown(example())
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    assert "child_name" not in validated.answers


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
    assert context_["action_by"] == "30 November 2026"
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
    assert context_["subject"] == "Missed time limit: final EHC plan for Amara Okafor"
    assert context_["child_dob"] == "14 February 2018"
    assert context_["reference"] == "Your reference: EHC/2026/0412"
    assert context_["copy_to"] == "Ms Helen Marsh, Monitoring Officer, Kingsmead Borough Council"


@pytest.mark.parametrize(
    ("sent_by", "sent", "wording", "ended"),
    [
        (
            "email",
            "2026-06-08",
            "The request was sent to you by email on 8 June 2026, so you received it that day.",
            "26 October 2026",
        ),
        (
            "email-after-5pm",
            "2026-06-05",
            "The request was sent to you by email after 5pm on 5 June 2026, so I have counted "
            "it as received on the next working day, 8 June 2026.",
            "26 October 2026",
        ),
        (
            "hand",
            "2026-06-06",  # a Saturday
            "The request was delivered to you by hand on 6 June 2026, which was not a working "
            "day, so I have counted it as received on the next working day, 8 June 2026.",
            "26 October 2026",
        ),
        (
            "email",
            "2026-05-25",  # the spring bank holiday
            "The request was sent to you by email on 25 May 2026, which was not a working day, "
            "so I have counted it as received on the next working day, 26 May 2026.",
            "13 October 2026",
        ),
        (
            "hand-after-5pm",
            "2026-06-08",
            "The request was delivered to you by hand after 5pm on 8 June 2026, so I have "
            "counted it as received on the next working day, 9 June 2026.",
            "27 October 2026",
        ),
        (
            "signed-post",
            "2026-06-06",
            "The request was sent to you by signed-for post and signed for on 6 June 2026, so "
            "you received it that day.",
            "24 October 2026",
        ),
        (
            "first-class-post",
            "2026-06-05",
            "The request was sent to you by first-class post on 5 June 2026, so I have counted "
            "it as received on the next working day, 8 June 2026.",
            "26 October 2026",
        ),
    ],
)
def test_the_day_of_receipt_follows_how_the_request_was_sent(sent_by, sent, wording, ended):
    context_ = context(sent_by=sent_by, request_sent=sent)
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
    ended = law.ehc_deadlines(datetime.date(2026, 6, 8))[deadline]
    (time_limit,) = context_["time_limits"]
    assert time_limit.startswith(law.cite(rule)[0].upper() + law.cite(rule)[1:])
    assert f"within {weeks} weeks of receiving the request" in time_limit
    assert time_limit.endswith(f"That time limit ended on {ended.day} {ended:%B %Y}.")
    assert context_["exception_rule"].startswith(
        law.cite(exception)[0].upper() + law.cite(exception)[1:]
    )
    assert context_["subject"] == f"Missed time limit: {subject} for Amara Okafor"
    assert context_["intro"].endswith(intro)
    assert context_["asks"][0].startswith(first_ask)
    others = set(law.EHC_EXCEPTIONS.values()) - {exception}
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
    assert context_["action_days"] == "within 5 working days"
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
    context_ = context(writer="young_person", yp_dob="2008-03-01", deadline="decide-to-assess")
    assert context_["subject"] == (
        "Missed time limit: decision on an EHC needs assessment for Chidi Okafor"
    )
    assert context_["child_dob"] == "1 March 2008"
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
    context_ = context(officer_name=None)
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
    assert missed_deadline_letter.filename(DOCUMENT.example) == (
        "Missed time limit letter about Amara Okafor to Kingsmead Borough Council, 23 November 2026"
    )
    young = {**DOCUMENT.example, "writer": "young_person"}
    assert "about Chidi Okafor" in missed_deadline_letter.filename(young)


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
    assert is_prompt(context_["action_by"])
    assert context_["salutation"] == "Dear [name]"
    assert len(context_["time_limits"]) == 3
    for key in ("send-regs-5-1", "send-regs-10-1", "send-regs-13-2"):
        assert cites(all_text(context_["time_limits"]), key)
    assert context_["exception_rule"].startswith("The law allows more time")
    assert context_["reason_given"] == ["[the reason the council gave, and when]"]
    assert len(context_["asks"]) == 5
    assert context_["copy_to"] == "[name], Monitoring Officer, [name of the council]"
    assert context_.keys() == context().keys()


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(DOCUMENT.template_path).get_undeclared_template_variables()
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
            your_email=None,
            your_phone=None,
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
