"""The records request: who asks, which right it uses, when the reply is due, the child's
views, and its Word template."""

import datetime
import functools
import re

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from forms import CATALOGUE, deadlines, law, records_request
from forms.records_request import DOCUMENT, build_context
from forms.vocabulary import SENT_BY
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
from tests.forms.readability import flesch_reading_ease

TODAY = SENT = datetime.date(2026, 12, 1)  # the example's sending date, a Tuesday
example = functools.partial(documents.example, DOCUMENT)
context = functools.partial(documents.context, DOCUMENT)


# A young person asking for their own records: the parent's questions are not asked.
YOUNG_PERSON = {
    "writer": "young_person",
    "school_type": None,
    "wants": None,
    "child_name": "Sam Taylor",
    "child_known_as": None,
    "child_dob": "2008-05-03",
    "year_group": "left in July 2024",
    "writer_name": None,
    "writer_relationship": None,
    "child_consent": None,
    "identity": "a copy of my driving licence",
}


def shown(answers):
    return [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]


def letter(**changes):
    return text_of(render_docx(DOCUMENT, context(**changes)))


def cites(wording, key):
    """Whether the wording cites `key`, mid-sentence or at the start of one."""
    short = law.cite(key)
    return short in wording or short[0].upper() + short[1:] in wording


def requests_text(context_):
    return "\n".join(f"{r['lead']} {r['text']}" for r in context_["requests"])


def questions_asked(slug, writer):
    """The names of the questions a step asks the writer."""
    form = step_form(DOCUMENT.step(slug), earlier={"writer": writer}, csrf=False)
    return [field.short_name for field in form.fields_asked()]


# --- Questions ----------------------------------------------------------------------------


def test_example_answers_are_valid():
    validated = validate_answers(DOCUMENT, DOCUMENT.example)
    assert validated.errors == {}
    given = {name: value for name, value in validated.answers.items() if value is not None}
    assert given == DOCUMENT.example


def test_field_names_are_short_snake_case():
    for step in DOCUMENT.steps:
        for name in DOCUMENT.field_names(step):
            assert re.fullmatch(r"[a-z][a-z0-9_]{1,24}", name), name


def test_registered_in_the_catalogue_for_parents_and_young_people():
    assert DOCUMENT in CATALOGUE
    assert DOCUMENT.slug == "records-request"
    assert DOCUMENT.audience == ("parent", "young-person")


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("writer", "Select whose records you are asking for"),
        ("school_name", "Enter the name of the school"),
        ("recipient", "Select who the letter should go to"),
        ("school_type", "Select what type of school it is"),
        ("wants", "Select what you want from the school"),
        ("child_name", "Enter your child's full name"),
        ("child_dob", "Enter your child's date of birth"),
        ("sent_on", "Enter the date you will send the letter"),
        ("sent_by", "Select how you will send the letter"),
        ("child_consent", "Select what your child thinks about the request"),
        ("writer_name", "Enter your full name"),
        ("writer_address", "Enter your address"),
    ],
)
def test_each_required_answer_has_a_gov_uk_message(field, message):
    answers = example()
    del answers[field]
    assert validate_answers(DOCUMENT, answers).errors == {field: [message]}


def test_a_young_person_must_give_their_date_of_birth():
    answers = example(**YOUNG_PERSON)
    del answers["child_dob"]
    assert validate_answers(DOCUMENT, answers).errors == {"child_dob": ["Enter your date of birth"]}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"child_dob": "2099-01-01"}, "child_dob", "Date of birth must be today or in the past"),
        ({"school_type": "grammar"}, "school_type", "Select what type of school it is"),
        ({"sent_by": "pigeon"}, "sent_by", "Select how you will send the letter"),
        (
            {"records_wanted": ["sen_file", "diary"]},
            "records_wanted",
            "Select the records you want",
        ),
        (
            {"records_from": "2025-09-01", "records_to": "2025-07-01"},
            "records_to",
            "The end date must be the same as or after the start date",
        ),
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
        "school_address",
        "recipient_name",
        "child_known_as",
        "year_group",
        "writer_relationship",
        "records_wanted",
        "records_other",
        "records_from",
        "writer_email",
        "writer_phone",
        "identity",
    ]
    answers = {k: v for k, v in DOCUMENT.example.items() if k not in optional}
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    context_ = build_context(validated.answers)
    assert context_["opening"].startswith("I am Amara's parent.")
    assert context_["salutation"] == "Dear Head Teacher"
    assert context_["sign_off"] == "Yours faithfully"
    assert context_["heading"] == (
        "Request for the records of Amara Okafor, date of birth 20 January 2013"
    )
    assert context_["records"] == []
    assert context_["date_range"] == ""
    assert context_["contact"] == (
        "Please reply to me at the address above. Thank you for your help."
    )
    assert context_["identity"] == (
        "If you need proof of who I am, or that I am Amara's parent, please tell me what you need."
    )
    assert "The records I most need" not in text_of(render_docx(DOCUMENT, context_))


# --- Which questions are asked ------------------------------------------------------------


def test_a_parent_at_a_maintained_school_is_asked_every_step():
    assert shown(example()) == [step.slug for step in DOCUMENT.steps]
    assert shown(example()) == [
        "writer",
        "school",
        "school-type",
        "wants",
        "child",
        "records",
        "record-dates",
        "sending",
        "child-consent",
        "you",
    ]


@pytest.mark.parametrize("school_type", ["academy", "independent"])
def test_academies_and_independent_schools_skip_what_you_want(school_type):
    slugs = shown(example(school_type=school_type))
    assert "wants" not in slugs
    assert "child-consent" in slugs  # a subject access request, so the child's views matter


def test_not_sure_asks_what_you_want():
    assert "wants" in shown(example(school_type="not_sure"))


def test_a_young_person_is_not_asked_about_a_child_or_the_school_type():
    slugs = shown(example(**YOUNG_PERSON))
    assert "child" in slugs  # about them at school
    for slug in ("school-type", "wants", "child-consent"):
        assert slug not in slugs
    assert validate_answers(DOCUMENT, example(**YOUNG_PERSON)).errors == {}


def test_a_young_person_gives_their_own_name_once_and_no_relationship():
    assert questions_asked("child", "parent") == [
        "child_name",
        "child_known_as",
        "child_dob",
        "year_group",
    ]
    assert questions_asked("child", "young_person") == ["child_name", "child_dob", "year_group"]
    assert questions_asked("you", "parent") == [
        "writer_name",
        "writer_relationship",
        "writer_address",
        "writer_email",
        "writer_phone",
        "identity",
    ]
    assert questions_asked("you", "young_person") == [
        "writer_address",
        "writer_email",
        "writer_phone",
        "identity",
    ]
    # Answers to questions not asked of a young person are not kept.
    validated = validate_answers(DOCUMENT, example(**{**YOUNG_PERSON, "writer_name": "Chidi"}))
    assert validated.errors == {}
    assert "writer_name" not in validated.answers


def test_questions_speak_to_whoever_is_writing():
    def labels(slug, writer):
        form = step_form(DOCUMENT.step(slug), earlier={"writer": writer}, csrf=False)
        return form.title, {field.short_name: field.label.text for field in form.fields_asked()}

    title, parent = labels("child", "parent")
    assert title == "About your child"
    assert parent["child_name"] == "Your child's full name"
    assert parent["year_group"] == "Year group (optional)"
    title, young = labels("child", "young_person")
    assert title == "About you at school"
    assert young["child_name"] == "Your full name"
    assert young["child_dob"] == "Your date of birth"
    assert young["year_group"] == "Your year group (optional)"
    form = step_form(DOCUMENT.step("child"), earlier={"writer": "young_person"}, csrf=False)
    assert "This helps the school find your records." in form.child_dob.description


@pytest.mark.parametrize("method", ["email", "hand", "signed-post", "first-class-post"])
def test_the_5pm_question_is_not_asked(method):
    # A subject access request counts from the day it arrives, whatever the time: the 5pm
    # convention belongs to the SEND time limits, which this letter does not use.
    assert "after-5pm" not in shown(example(sent_by=method))
    assert "sent_after_5pm" not in DOCUMENT.question_names
    assert {value for value, _ in SENT_BY} == set(deadlines.RECEIPT_METHODS)


def test_child_views_are_asked_only_where_a_subject_access_request_is_made():
    # The educational record is the parent's own right; the child's views go with the
    # subject access request.
    assert "child-consent" not in shown(example(wants="see"))
    assert "child-consent" not in shown(example(wants="copy"))
    assert "child-consent" in shown(example(wants="all"))
    assert "child-consent" in shown(example(school_type="not_sure", wants="see"))


@pytest.mark.parametrize(
    ("child_dob", "asked"),
    [
        ("2014-12-01", True),  # 12 on the day the letter is sent
        ("2014-12-02", False),  # 12 the day after
        ("2016-01-01", False),
    ],
)
def test_child_views_are_asked_from_about_12_counted_on_the_sending_date(child_dob, asked):
    changes = {"child_dob": child_dob, "year_group": None}
    assert ("child-consent" in shown(example(**changes))) is asked
    validated = validate_answers(DOCUMENT, example(**changes))
    assert validated.errors == {}
    assert ("child_consent" in validated.answers) is asked
    assert bool(build_context(validated.answers)["child_consent"]) is asked


def test_the_age_is_counted_on_the_letter_date_not_today():
    # The same child, 11 today (1 December 2026) and on 9 December, 12 on 10 December. A
    # letter is sent today or later, never earlier.
    answers = example(child_dob="2014-12-10", year_group=None)
    assert "child-consent" not in shown({**answers, "sent_on": "2026-12-09"})
    assert "child-consent" in shown({**answers, "sent_on": "2026-12-10"})


# --- Which right the letter uses ----------------------------------------------------------


def test_maintained_see_asks_only_for_the_educational_record():
    context_ = context(wants="see", child_consent=None)
    wording = requests_text(context_)
    assert cites(wording, "pupil-info-reg5")
    assert "within 15 school days" in wording
    assert "tell me when I can come in" in wording
    assert "subject access" not in wording
    assert "copy" not in wording
    assert context_["timing"] == []
    assert "When the school must reply" not in text_of(render_docx(DOCUMENT, context_))


@pytest.mark.parametrize("wants", ["copy", "all"])
def test_maintained_copy_states_the_copy_right_and_asks_for_the_copy(wants):
    # Regulation 5 gives a copy within 15 school days, for no more than the cost of supplying
    # it; the register marks it secondary, so the letter says no more than its summary.
    changes = {"wants": wants} if wants == "all" else {"wants": wants, "child_consent": None}
    request = context(**changes)["requests"][0]
    assert request["lead"] == "Amara's educational record."
    assert request["text"] == (
        "Please let me see the record and send me a copy of it. "
        f"{law.cite('pupil-info-reg5')[0].upper()}{law.cite('pupil-info-reg5')[1:]} says a "
        "maintained school must let a parent see their child's educational record free of "
        "charge within 15 school days of a written request. The same regulation says a "
        "maintained school must also give a copy of the record within 15 school days of a "
        "written request for one, charging no more than the cost of supplying it. If there is "
        "a charge for the copy, please tell me how much it is before you send it."
    )
    assert law.limit_text("educational-record") == "within 15 school days"
    for claim in ("fee", "may charge", "can charge", "free copy"):
        assert claim not in request["text"]


def test_not_sure_states_the_copy_right_for_a_maintained_school():
    wording = requests_text(context(school_type="not_sure", wants="copy"))
    assert (
        "Amara's educational record, if the school is maintained. Please let me see the record "
        "and send me a copy of it." in wording
    )
    assert "a maintained school must also give a copy of the record within 15 school days" in (
        wording
    )


def test_the_copy_right_is_not_claimed_when_only_seeing_the_record():
    wording = requests_text(context(wants="see", child_consent=None))
    assert "cost of supplying" not in wording


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"wants": "see", "child_consent": None},
        {"school_type": "not_sure", "wants": "copy"},
        {"school_type": "academy", "wants": None},
        YOUNG_PERSON,
    ],
)
def test_each_request_names_what_it_asks_for_once(changes):
    for request in context(**changes)["requests"]:
        named = request["lead"].removesuffix(".").split(", if ")[0]
        assert named.lower() not in request["text"].lower(), request


def test_maintained_all_asks_for_the_record_and_makes_a_subject_access_request():
    context_ = context()
    wording = requests_text(context_)
    assert cites(wording, "pupil-info-reg5")
    assert cites(wording, "gdpr-art15")
    assert "Please also treat this letter as a subject access request" in wording
    assert "made on Amara's behalf" in wording
    assert "if the school is maintained" not in wording
    assert context_["timing"]


@pytest.mark.parametrize("school_type", ["academy", "independent"])
def test_academies_and_independent_schools_get_a_subject_access_request_only(school_type):
    context_ = context(school_type=school_type, wants=None)
    wording = requests_text(context_)
    assert cites(wording, "gdpr-art15")
    assert "regulation 5" not in wording.lower()
    assert "educational record" not in wording
    assert len(context_["requests"]) == 1


@pytest.mark.parametrize("mode", ["see", "copy", "blank"])
def test_not_sure_says_which_request_is_for_which_kind_of_school_once(mode):
    """Each request's lead says which kind of school it is for; its text does not say it
    again, and "if the school is not maintained" says what "it" would leave unclear."""
    if mode == "blank":
        requests = build_context(blank_answers(DOCUMENT))["requests"]
    else:
        requests = context(school_type="not_sure", wants=mode)["requests"]
    record = requests[0]
    assert record["lead"].endswith("educational record, if the school is maintained.")
    assert record["text"].startswith("Please let me see the record")
    assert "maintained" not in record["text"].split(". ")[0]
    if mode == "blank":
        return
    access = requests[1]
    assert access["lead"] == (
        "All the information the school holds about Amara, if the school is not maintained."
    )
    assert access["text"] == (
        "Please treat this letter as a subject access request under Article 15 of the UK GDPR, "
        "made on Amara's behalf, and send me a copy of all this information."
    )
    timing = context(school_type="not_sure", wants=mode)["timing"][0]
    assert timing.startswith("If the school is not maintained, Article 12(3) of the UK GDPR")


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        (
            {},
            "I am sending this letter by email on 1 December 2026. If the school is not "
            "maintained, the reply is due by 4 January 2027.",
        ),
        (
            {"sent_by": "hand", "sent_on": "2026-12-05"},
            "I am handing this letter in at the school on 5 December 2026. If the school is not "
            "maintained, the reply is due by 5 January 2027.",
        ),
        (
            {"sent_by": "first-class-post", "sent_on": "2026-12-04"},
            "I am posting this letter first class on 4 December 2026. The month starts on the "
            "day it arrives. If that is 7 December 2026 and the school is not maintained, the "
            "reply is due by 7 January 2027.",
        ),
    ],
)
def test_not_sure_gives_the_due_date_with_its_condition(changes, sentence):
    """The subject access request is made only if the school is not maintained, so its due
    date is conditional too."""
    timing = context(school_type="not_sure", wants="see", **changes)["timing"]
    assert timing[1] == sentence


def test_not_sure_and_everything_asks_for_both_whatever_the_school():
    wording = requests_text(context(school_type="not_sure", wants="all"))
    assert "Amara's educational record, if the school is maintained." in wording
    assert "Please also treat this letter as a subject access request" in wording


def test_a_young_person_makes_a_subject_access_request_in_their_own_name():
    context_ = context(**YOUNG_PERSON)
    wording = requests_text(context_)
    assert cites(wording, "gdpr-art15")
    assert "about me" in wording
    assert "behalf" not in wording
    assert "educational record" not in wording
    assert context_["heading"] == (
        "Request for my records: Sam Taylor, left in July 2024, date of birth 3 May 2008"
    )
    assert context_["child_consent"] == {}
    assert context_["consent_note"] == {}
    assert context_["identity"] == (
        "If you need to check who I am, I can send you this: a copy of my driving licence."
    )
    assert "emails and notes by staff that mention me" in context_["records"]
    assert context_["sender_lines"][0] == context_["signer"] == "Sam Taylor"
    text = text_of(render_docx(DOCUMENT, context_))
    assert "Amara" not in text
    assert "my father" not in text


# --- The dates ----------------------------------------------------------------------------


def test_letter_is_dated_the_day_it_is_sent():
    assert context()["letter_date"] == "1 December 2026"


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        (
            {},
            # 1 January 2027 is New Year's Day, a bank holiday, then a weekend.
            "I am sending this letter by email on 1 December 2026, so the reply is due by "
            "4 January 2027.",
        ),
        (
            {"sent_by": "email", "sent_on": "2026-12-06"},
            # Sunday 6 December: received that day, as the ICO counts it; 6 January is a
            # Wednesday.
            "I am sending this letter by email on 6 December 2026, so the reply is due by "
            "6 January 2027.",
        ),
        (
            {"sent_by": "hand", "sent_on": "2026-12-05"},
            # Saturday 5 December: received that day; 5 January is a Tuesday.
            "I am handing this letter in at the school on 5 December 2026, so the reply is due "
            "by 5 January 2027.",
        ),
        (
            {"sent_by": "first-class-post", "sent_on": "2026-12-04"},
            # Friday 4 December: likeliest to arrive on Monday 7 December; 7 January is a
            # Thursday.
            "I am posting this letter first class on 4 December 2026. The month starts on the "
            "day it arrives. If that is 7 December 2026, the reply is due by 7 January 2027.",
        ),
        (
            {"sent_by": "signed-post", "sent_on": "2026-12-11"},
            # Friday 11 December: signed for on Monday 14 December at the earliest; 14 January
            # is a Thursday.
            "I am sending this letter by signed-for post on 11 December 2026. The month starts "
            "on the day it is signed for. If that is 14 December 2026, the reply is due by "
            "14 January 2027.",
        ),
    ],
)
def test_the_reply_date_counts_from_when_the_school_receives_the_letter(changes, sentence):
    assert context(**changes)["timing"][1] == sentence


@pytest.mark.parametrize(
    ("sent_on", "due"),
    [
        ("2026-12-05", "5 January 2027"),  # a Saturday
        ("2026-12-06", "6 January 2027"),  # a Sunday
        ("2026-12-25", "25 January 2027"),  # Christmas Day
    ],
)
@pytest.mark.parametrize("method", ["email", "hand"])
def test_subject_access_counts_from_the_day_it_arrives_even_if_not_a_working_day(
    method, sent_on, due
):
    # The ICO counts a month from the day the request is received, working day or not and
    # whatever the time: no "counts as received on the next working day".
    timing = context(sent_by=method, sent_on=sent_on)["timing"]
    assert timing[1].endswith(f"so the reply is due by {due}.")
    assert "counts as received" not in timing[1]
    assert "after 5pm" not in timing[1]


def test_an_answer_about_5pm_is_not_a_question_here():
    errors = validate_answers(DOCUMENT, example(sent_after_5pm=True)).errors
    assert errors == {"sent_after_5pm": ["sent_after_5pm is not a question in this document"]}


def test_reply_dates_come_from_law():
    received = deadlines.subject_access_received_on({"sent_by": "email", "sent_on": "2026-12-05"})
    assert received == datetime.date(2026, 12, 5)
    assert deadlines.subject_access_due(received) == datetime.date(2027, 1, 5)
    assert deadlines.subject_access_due(SENT) == datetime.date(2027, 1, 4)


def test_the_school_is_told_about_extensions_and_pauses():
    timing = context()["timing"]
    wording = "\n".join(timing)
    assert cites(wording, "gdpr-art12-3")
    assert "within one month of getting it" in wording
    assert "School holidays do not pause this." in wording
    assert "can take up to 2 more months" in wording
    assert "must tell me within the first month" in wording
    assert cites(wording, "gdpr-art12a")


@pytest.mark.parametrize(
    ("changes", "about"), [({}, "Amara"), (YOUNG_PERSON, "me")], ids=["parent", "young-person"]
)
def test_article_12a_is_said_no_wider_than_its_sources(changes, about):
    """The month starts when the school gets the proof of identity it asked for; the days it
    waits for clarification do not count only where it reasonably needs it, a large amount of
    information being the example the law gives: not a pause for anything at all."""
    pause = context(**changes)["timing"][2]
    assert pause == (
        "Article 12A of the UK GDPR says that if the school asks me for proof of who I am, the "
        "month starts when it gets it. If the school reasonably needs me to say more about which "
        "information I am asking for, for example because it holds a large amount of "
        f"information about {about}, the days it waits for my answer do not count. If you need "
        "either, please ask me straight away."
    )
    assert "anything it needs" not in pause
    summary = law.CITATIONS["gdpr-art12a"].summary
    assert "proof of identity" in summary
    assert "reasonably needs" in summary
    assert "large amount of information" in summary


@pytest.mark.parametrize("mode", ["example", "blank", "young-person", "not-sure"])
def test_the_letter_does_not_offer_the_school_a_proportionate_search(mode):
    # Article 15(1A) stays in the register, but printing it hands the school its defence.
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "young-person":
        context_ = context(**YOUNG_PERSON)
    elif mode == "not-sure":
        context_ = context(school_type="not_sure", wants="see")
    else:
        context_ = context()
    text = text_of(render_docx(DOCUMENT, context_))
    assert not cites(text, "gdpr-art15-1a")
    assert "proportionate" not in text
    assert "gdpr-art15-1a" in law.CITATIONS


def test_the_new_citations_are_secondary():
    for key in ("gdpr-art12a", "gdpr-art15-1a", "gdpr-art12-3"):
        assert law.CITATIONS[key].confidence == "secondary"
    extension = law.TIME_LIMITS["subject-access-extension"]
    assert (extension.amount, extension.unit, extension.citation) == (2, "months", "gdpr-art12-3")


def test_the_end_date_must_not_come_before_the_start_date():
    message = "The end date must be the same as or after the start date"
    errors = validate_answers(DOCUMENT, example(records_to="2024-08-31")).errors
    assert errors == {"records_to": [message]}
    assert validate_answers(DOCUMENT, example(records_to="2024-09-01")).errors == {}
    # With no start date, any end date up to today will do.
    assert (
        validate_answers(DOCUMENT, example(records_from=None, records_to="2020-01-01")).errors == {}
    )


def test_date_range():
    assert context()["date_range"] == "I am asking for records from 1 September 2024 to now."
    assert context(records_to="2025-07-18")["date_range"] == (
        "I am asking for records from 1 September 2024 to 18 July 2025."
    )
    assert context(records_from=None, records_to="2025-07-18")["date_range"] == (
        "I am asking for records up to 18 July 2025."
    )


# --- The child's views --------------------------------------------------------------------


def test_a_child_who_agrees_signs_a_note_at_the_end():
    context_ = context()
    assert context_["child_consent"]["heading"] == "Amara's views"
    assert context_["child_consent"]["text"] == (
        "Amara is 13, knows about this request and agrees to it, as the signed note at the end "
        "of this letter shows."
    )
    assert context_["consent_note"]["text"] == (
        "I know that my father is asking the school for my records, and I agree."
    )
    document = render_docx(DOCUMENT, context_)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Note from Amara" in texts
    assert texts[-1].startswith("Signed")
    assert "Amara Okafor" in texts[-1]


def test_the_child_dates_their_note():
    for context_ in (context(), build_context(blank_answers(DOCUMENT))):
        last = render_docx(DOCUMENT, context_).paragraphs[-1]
        lines = [line for line in last.text.split("\n") if line]
        assert lines[0] == "Signed"
        assert lines[-2] == context_["consent_note"]["name"]
        assert re.fullmatch(r"Date: _{10,}", lines[-1])
        # One paragraph, so the date can never be parted from the signature.
        assert last.style.name == "Closing"


@pytest.mark.parametrize(
    ("views", "expected"),
    [
        (
            "agrees",
            "Amara is 13, knows about this request and agrees to it, as the signed note at the "
            "end of this letter shows.",
        ),
        (
            "not_asked",
            "If the school thinks that Amara, at 13, needs to agree before it shares the "
            "information, please tell me straight away.",
        ),
        (
            "cannot",
            "Because of Amara's special educational needs, I do not think that, at 13, they can "
            "understand this request or decide about it.",
        ),
    ],
)
def test_the_views_name_the_child_once_and_give_the_age_in_passing(views, expected):
    text = context(child_consent=views)["child_consent"]["text"]
    assert text == expected
    assert text.count("Amara") == 1
    assert "Amara is 13. Amara" not in text


@pytest.mark.parametrize("views", ["not_asked", "cannot"])
def test_other_views_need_no_note(views):
    context_ = context(child_consent=views)
    assert context_["consent_note"] == {}
    assert "Note from Amara" not in text_of(render_docx(DOCUMENT, context_))


def test_the_views_read_well_without_an_age():
    # A blank template knows no age.
    text = build_context(blank_answers(DOCUMENT))["child_consent"]["text"]
    assert text.endswith(
        " knows about this request and agrees to it, as the signed note at the end of this "
        "letter shows."
    )
    assert " is " not in text.split(" knows")[0]


def test_the_age_of_12_is_worded_as_guidance_not_law():
    hint = DOCUMENT.step("child-consent").hint
    assert "about 12 or older" in hint
    assert "This is a guide, not a fixed age." in hint
    letter_ = letter()
    for rule in ("12 or older", "age of 12", "over 12", "aged 12"):
        assert rule not in letter_
    assert "must have" not in context()["child_consent"]["text"]


# --- The rest of the letter ---------------------------------------------------------------


def test_example_letter_is_addressed_and_headed():
    context_ = context()
    assert context_["addressee"] == [
        "Ms Clarke",
        "Head Teacher",
        "Riverside High School",
        "Station Road",
        "Leeds",
        "LS12 3AB",
    ]
    assert context_["salutation"] == "Dear Ms Clarke"
    assert context_["sign_off"] == "Yours sincerely"
    assert context_["heading"] == (
        "Request for the records of Amara Okafor, Year 9, date of birth 20 January 2013"
    )
    assert context_["opening"] == (
        "I am Amara's father. I am writing to ask for Amara's school records."
    )


def test_letter_to_a_data_protection_officer():
    context_ = context(recipient="dpo", recipient_name=None)
    assert context_["addressee"][0] == "The Data Protection Officer"
    assert context_["salutation"] == "Dear Data Protection Officer"


def test_records_wanted_are_listed_with_anything_else():
    context_ = context()
    assert context_["records_intro"] == "Please make sure you include:"
    assert context_["records"] == [
        "the SEN file and any support plans",
        "records of interventions and other extra help, such as provision maps",
        "assessments and reports, including test results",
        "emails and notes by staff that mention Amara",
        "notes of meetings about Amara",
        "the notes from the meeting with the educational psychologist last term",
        "the reading test results from Year 7 and Year 8",
    ]


@pytest.mark.parametrize("mode", ["example", "blank", "young-person"])
def test_every_list_is_punctuated_one_way(mode):
    # GOV.UK style: a lead-in ending with a colon, then fragments in lower case with no full
    # stops (names and abbreviations keep their capitals). The examples type theirs that way.
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "young-person":
        context_ = context(**YOUNG_PERSON)
    else:
        context_ = context()
    document = render_docx(DOCUMENT, context_)
    paragraphs = document.paragraphs
    lists = [i for i, p in enumerate(paragraphs) if p.style.name.startswith("List")]
    assert lists
    assert paragraphs[lists[0] - 1].text.endswith(":")
    for i in lists:
        item = paragraphs[i].text
        if is_prompt(item) or item.startswith("["):
            continue
        assert not item.endswith((".", ";", ",")), item
        assert item[0].islower() or item.split()[0] in ("SEN",), item


@pytest.mark.parametrize(
    "typed",
    ["The school nurse's notes.", "CAMHS letters", "A note sent home. It was about a trip.", "."],
)
def test_records_typed_in_are_listed_exactly_as_typed(typed):
    # The fixed items are punctuated one way; what the parent typed is theirs and is kept.
    assert context(records_other=typed)["records"][-1] == typed


def test_citations_all_come_from_law():
    text = letter(school_type="not_sure")
    for citation in sorted(law.all_citation_texts(), key=len, reverse=True):
        text = text.replace(citation, "").replace(citation[0].upper() + citation[1:], "")
    for trace in ("Regulations 20", "GDPR", "section ", "Article"):
        assert trace not in text
    # "The same regulation says" points back to the citation before it; a number would not.
    assert not re.search(r"regulations? \d", text, re.IGNORECASE)
    assert text.count("The same regulation says") == 1


def test_filename_names_the_child_the_school_and_the_date():
    assert records_request.DOCUMENT.filename(DOCUMENT.example) == (
        "Records request for Amara Okafor to Riverside High School, 1 December 2026"
    )
    assert records_request.DOCUMENT.filename(example(**YOUNG_PERSON)).startswith(
        "Records request for Sam Taylor to"
    )


def test_next_steps_cover_proof_of_sending_and_a_missed_deadline():
    steps = " ".join(DOCUMENT.next_steps)
    assert "Keep proof that you sent it" in steps
    assert "complaints procedure" in steps
    assert "Information Commissioner's Office" in steps


# --- Blank mode ---------------------------------------------------------------------------


def test_blank_mode_gives_a_printable_letter_with_prompts():
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["blank"] is True
    assert context_["letter_date"] == "[date]"
    assert context_["salutation"] == "Dear [name]"
    assert context_["consent_note"]["name"] == "[child's full name]"
    wording = requests_text(context_)
    assert cites(wording, "pupil-info-reg5")
    assert cites(wording, "gdpr-art15")
    assert "if the school is maintained" in wording
    assert is_prompt(context_["records"][-1])
    assert len(context_["records"]) == len(records_request.RECORDS) + 1
    assert "[date, one month after the school gets this letter]" in context_["timing"][1]
    assert context_["consent_note"]
    assert context_.keys() == context().keys()


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    # ...and the advice service's line, which every template's footer reads (the engine's).
    assert variables == {*context().keys(), ORGANISATION_LINE}


def test_example_renders_with_every_answer():
    text = letter()
    for value in (
        "Chidi Okafor",
        "Amara Okafor",
        "Riverside High School",
        "a copy of my passport and Amara's birth certificate",
        "the reading test results from Year 7 and Year 8",
        "the reply is due by 4 January 2027",
    ):
        assert value in text
    assert "{{" not in text
    assert "{%" not in text


def test_characters_special_to_xml_come_through_as_typed():
    assert "Smith & Jones <School>" in letter(school_name="Smith & Jones <School>")


@pytest.mark.parametrize("mode", ["example", "blank", "short", "young-person"])
def test_no_empty_paragraphs_are_used_for_spacing(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "short":
        context_ = context(
            wants="see",
            child_consent=None,
            records_wanted=None,
            records_other=None,
            records_from=None,
            writer_email=None,
            writer_phone=None,
            identity=None,
        )
    elif mode == "young-person":
        context_ = context(**YOUNG_PERSON)
    else:
        context_ = context()
    for paragraph in render_docx(DOCUMENT, context_).paragraphs:
        assert paragraph.text.strip(), "an empty paragraph"


def test_lists_use_word_list_styles():
    document = render_docx(DOCUMENT, context())
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}
    for record in context()["records"]:
        assert styles[record] == "List Bullet"
    assert styles[context()["heading"]] == "Heading 1"
    lead = next(p for p in document.paragraphs if p.text.startswith("Amara's educational"))
    assert lead.runs[0].bold


def test_template_is_en_gb_a4_and_holds_no_personal_data():
    document = docx.Document(template_path(DOCUMENT))
    normal = document.styles["Normal"].element
    assert normal.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    properties = document.core_properties
    assert (properties.author, properties.title, properties.last_modified_by) == ("", "", "")


# --- Plain English ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["blank", "example", "young-person"])
def test_fixed_wording_is_plain_english(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "young-person":
        context_ = context(**YOUNG_PERSON)
    else:
        context_ = context()
    prose = [
        paragraph.text
        for paragraph in render_docx(DOCUMENT, context_).paragraphs
        if paragraph.text.rstrip().endswith((".", "?", ":", ".]"))
    ]
    assert len(prose) > 8
    assert flesch_reading_ease(prose) >= 50
