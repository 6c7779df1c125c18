"""The formal complaint to a school: its questions, its wording, its chronology table and
where it tells the parent to go next."""

import datetime
import functools
import json
import re

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from werkzeug.datastructures import MultiDict

from forms import complaint, law
from forms.common import EXAMPLES, EXAMPLES_WRITTEN
from forms.complaint import DOCUMENT, DUTIES, build_context
from forms.formatting import long_date
from service import dates
from service.answers import blank_answers, validate_answers
from service.catalogue import is_prompt
from service.fields import YesNoField
from service.rendering import ORGANISATION_LINE
from service.steps import unbound_fields
from tests.forms import documents
from tests.forms.documents import (
    answers_by_step,
    render_docx,
    template_path,
    text_of,
    visible_steps,
)

TODAY = datetime.date(2026, 12, 1)  # the day the example was written for
example = functools.partial(documents.example, DOCUMENT)
context = functools.partial(documents.context, DOCUMENT)


def shown(answers):
    return [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]


STAGE_ONE = {"stage": "stage_1", "stage1_sent": None, "stage1_reply": None, "unresolved": None}


def plain_events():
    """The example's events with none of them about the child's disability."""
    return [{**event, "disability": False} for event in DOCUMENT.example["events"]]


def cites(wording, key):
    """Whether the wording cites `key`, mid-sentence or at the start of one."""
    short = law.cite(key)
    return short in wording or short[0].upper() + short[1:] in wording


def issue_texts(context_):
    return [f"{issue['lead']} {issue['text']}".strip() for issue in context_["issues"]]


# --- Questions ----------------------------------------------------------------------------


def test_example_answers_are_valid():
    validated = validate_answers(DOCUMENT, DOCUMENT.example)
    assert validated.errors == {}
    assert validated.answers == DOCUMENT.example


def test_example_goes_through_every_step():
    """Stage 2 with 'something else' chosen, so the example exercises every question."""
    assert shown(example()) == [step.slug for step in DOCUMENT.steps]


def test_the_steps_and_their_questions():
    assert {step.slug: list(DOCUMENT.field_names(step)) for step in DOCUMENT.steps} == {
        "before-you-start": ["stage"],
        "school": ["school_name", "school_address", "school_type"],
        "policy": ["policy_name", "response_time"],
        "recipient": ["recipient_name", "recipient_role"],
        "child": ["child_name", "child_known_as", "year_group"],
        "stage-1": ["stage1_sent", "stage1_reply", "unresolved"],
        "events": ["events"],
        "duties": ["duties"],
        "other-issues": ["other_issues"],
        "impact": ["impact"],
        "remedies": ["remedies"],
        "enclosures": ["enclosures"],
        "you": [
            "writer_name",
            "writer_relationship",
            "writer_address",
            "writer_email",
            "writer_phone",
        ],
    }


def test_field_names_are_short_snake_case():
    for step in DOCUMENT.steps:
        for name in DOCUMENT.field_names(step):
            assert re.fullmatch(r"[a-z][a-z_0-9]{1,24}", name), name


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("stage", "Select which stage of the complaints procedure this is"),
        ("school_name", "Enter the name of the school"),
        ("school_type", "Select what type of school it is"),
        ("child_name", "Enter your child's full name"),
        ("year_group", "Enter your child's year group"),
        ("unresolved", "Enter what is still not resolved"),
        ("events", "Enter at least one thing that happened"),
        ("duties", "Select what the school has not done"),
        ("other_issues", "Enter what else the school has not done"),
        ("impact", "Enter how this has affected your child"),
        ("remedies", "Enter at least one thing you want the school to do"),
        ("writer_name", "Enter your full name"),
        ("writer_address", "Enter your address"),
    ],
)
def test_each_required_answer_has_a_gov_uk_message(field, message):
    answers = example()
    del answers[field]
    assert validate_answers(DOCUMENT, answers).errors == {field: [message]}


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"what": "A meeting with the SENCO."}, "Enter the date of the event"),
        ({"date": "2025-10-02"}, "Enter what happened"),
        ({"date": "2099-01-01", "what": "x"}, "The date of the event must be today or in the past"),
    ],
)
def test_each_event_needs_a_past_date_and_what_happened(event, message):
    errors = validate_answers(DOCUMENT, example(events=[event])).errors
    assert errors == {"events": [message]}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"stage1_reply": "2099-01-01"},
            "stage1_reply",
            "The date of the reply must be today or in the past",
        ),
        ({"duties": ["support", "bullying"]}, "duties", "Select what the school has not done"),
        ({"school_type": "grammar"}, "school_type", "Select what type of school it is"),
        (
            {"stage1_reply": "2026-11-06"},
            "stage1_reply",
            "The date of the reply must be the same as or after the date you sent your stage 1 "
            "complaint, 9 November 2026",
        ),
        (
            {"writer_email": "funmi at example"},
            "writer_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_wrong_answers_say_how_to_put_them_right(changes, field, message):
    assert validate_answers(DOCUMENT, example(**changes)).errors == {field: [message]}


def test_the_reply_may_come_the_day_the_stage_1_complaint_was_sent():
    assert validate_answers(DOCUMENT, example(stage1_reply="2026-11-09")).errors == {}
    # Without the date it was sent, there is nothing to check the reply's date against.
    assert validate_answers(DOCUMENT, example(stage1_sent=None)).errors == {}


def test_stage_one_skips_the_questions_about_stage_one():
    answers = example(**STAGE_ONE)
    assert "stage-1" not in shown(answers)
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    context_ = build_context(validated.answers)
    assert context_["stage_two"] is False
    assert context_["stage_one_history"] == ""
    assert context_["unresolved"] == []
    assert context_["panel_request"] == ""
    assert context_["heading"].startswith("Formal complaint, Stage 1, under ")
    assert context_["opening"].endswith(
        "Please deal with it at stage 1 of your complaints procedure."
    )


def test_something_else_is_asked_about_only_when_chosen():
    answers = example(duties=["support"], other_issues=None)
    assert "other-issues" not in shown(answers)
    context_ = context(duties=["support"], other_issues=None, events=plain_events())
    assert len(context_["issues"]) == 1


def test_optional_answers_can_be_left_out():
    optional = [
        "school_address",
        "policy_name",
        "response_time",
        "recipient_name",
        "recipient_role",
        "child_known_as",
        "stage1_sent",
        "stage1_reply",
        "enclosures",
        "writer_relationship",
        "writer_email",
        "writer_phone",
    ]
    answers = {k: v for k, v in DOCUMENT.example.items() if k not in optional}
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    context_ = build_context(validated.answers)
    assert context_["child"] == "Joshua"  # no "known as": the first name
    assert context_["opening"].startswith("I am Joshua's parent. ")
    assert context_["addressee"] == ["The Chair of Governors", "Riverside Academy"]
    assert context_["salutation"] == "Dear Chair of Governors"
    assert context_["sign_off"] == "Yours faithfully"
    assert context_["heading"] == (
        "Formal complaint, Stage 2, under the school's complaints procedure"
    )
    assert context_["stage_one_history"] == (
        "I made a formal complaint to the head teacher at stage 1. I have not had a reply."
    )
    assert context_["enclosures"] == []
    assert context_["contact"].endswith(" You can write to me at the address above.")
    assert "within the time your complaints policy sets" in context_["reply_request"]


# --- Who it is to, and its label ----------------------------------------------------------


def test_example_complaint_is_from_the_parent_and_dated():
    context_ = context()
    assert context_["letter_date"] == "1 December 2026"
    assert context_["sender_lines"] == [
        "Funmi Adeyemi",
        "22 Cotham Road",
        "Bristol",
        "BS6 6DR",
        "funmi.adeyemi@example.com",
        "07700 900456",
    ]
    assert context_["signer"] == "Funmi Adeyemi"
    assert context_["pupil"] == {"lead": "Pupil:", "text": "Joshua Adeyemi, Year 8"}
    assert context_["opening"] == (
        "I am Josh's mother. I am making a formal complaint about how the school has met Josh's "
        "special educational needs (SEN). My complaint at stage 1 has not resolved things, so "
        "please now deal with it at stage 2 of your complaints procedure."
    )
    assert context_["contact"] == (
        "I am happy to meet to talk about my complaint, if that would help to resolve it. You "
        "can contact me by email at funmi.adeyemi@example.com or by phone on 07700 900456."
    )


def test_year_group_given_as_a_number_reads_as_a_year():
    assert context(year_group="8")["pupil"]["text"] == "Joshua Adeyemi, Year 8"


@pytest.mark.parametrize(
    ("changes", "addressee", "salutation", "sign_off"),
    [
        ({}, ["Mrs Helen Ward", "Clerk to the Governors"], "Dear Mrs Ward", "sincerely"),
        (
            {**STAGE_ONE, "recipient_name": None, "recipient_role": None},
            ["The Head Teacher"],
            "Dear Head Teacher",
            "faithfully",
        ),
        (
            {**STAGE_ONE, "recipient_name": "Mr Okoro", "recipient_role": None},
            ["Mr Okoro", "Head Teacher"],
            "Dear Mr Okoro",
            "sincerely",
        ),
        (
            {"recipient_name": None, "recipient_role": None},
            ["The Chair of Governors"],
            "Dear Chair of Governors",
            "faithfully",
        ),
    ],
)
def test_who_the_complaint_is_to(changes, addressee, salutation, sign_off):
    context_ = context(**changes)
    assert context_["addressee"][: len(addressee)] == addressee
    assert context_["addressee"][len(addressee)] == "Riverside Academy"
    assert context_["salutation"] == salutation
    assert context_["sign_off"] == f"Yours {sign_off}"


@pytest.mark.parametrize(
    ("changes", "heading"),
    [
        ({}, "Formal complaint, Stage 2, under the Riverside Academy Complaints Policy"),
        (
            {**STAGE_ONE, "policy_name": "The Complaints Procedure 2025"},
            "Formal complaint, Stage 1, under The Complaints Procedure 2025",
        ),
        (
            {"policy_name": None},
            "Formal complaint, Stage 2, under the school's complaints procedure",
        ),
    ],
)
def test_the_complaint_is_labelled_with_its_stage_and_policy(changes, heading):
    assert context(**changes)["heading"] == heading


# --- Stage 2 ------------------------------------------------------------------------------


def test_stage_two_says_what_happened_at_stage_one_and_what_is_unresolved():
    context_ = context()
    assert context_["stage_two"] is True
    assert context_["stage_one_history"] == (
        "I made a formal complaint to the head teacher on 9 November 2026. "
        "The head teacher replied on 20 November 2026."
    )
    assert context_["unresolved"] == DOCUMENT.example["unresolved"].split("\n")
    no_reply = context(stage1_reply=None)["stage_one_history"]
    assert no_reply.endswith("on 9 November 2026. I have not had a reply.")


def test_an_academy_is_asked_for_its_panel_with_the_law_behind_it():
    wording = context(school_type="academy")["panel_request"]
    assert wording.startswith("Please arrange for a panel to hear my complaint.")
    assert cites(wording, "iss-part7")
    assert "at least three people, one of whom is independent of the school" in wording


@pytest.mark.parametrize("school_type", ["maintained", "not_sure"])
def test_a_governors_panel_is_usual_practice_so_nothing_is_cited(school_type):
    wording = context(school_type=school_type)["panel_request"]
    assert "governors" in wording
    assert "as your procedure sets out" in wording
    assert not any(cites(wording, key) for key in law.CITATIONS)


# --- The chronology -----------------------------------------------------------------------


def test_events_are_put_in_date_order_and_numbered():
    events = [
        {"date": "2025-12-10", "what": "Third."},
        {"date": "2025-09-08", "what": "First.\nStill the first."},
        {"date": "2025-10-02", "what": "Second."},
    ]
    assert context(events=events)["events"] == [
        {"number": "1", "date": "8 September 2025", "lines": ["First.", "Still the first."]},
        {"number": "2", "date": "2 October 2025", "lines": ["Second."]},
        {"number": "3", "date": "10 December 2025", "lines": ["Third."]},
    ]


# --- The duties ---------------------------------------------------------------------------

DUTY_CITATIONS = {
    "support": ["cfa-s66"],
    "informing": ["cfa-s68"],
    "activities": ["cfa-s35"],
    "concerns": ["code-6.45"],
    "staff": ["code-6.49"],
    "meetings": ["code-6.65-6.71"],
    "adjustments": ["eqa-s85", "eqa-s20", "eqa-sch13-2"],
}


@pytest.mark.parametrize("duty", sorted(DUTY_CITATIONS))
def test_each_duty_is_explained_with_its_citation(duty):
    (issue,) = context(duties=[duty], other_issues=None, events=plain_events())["issues"]
    assert issue["lead"].endswith(".")
    for key in DUTY_CITATIONS[duty]:
        assert cites(issue["text"], key), key


def test_every_duty_but_something_else_has_a_citation():
    assert {value for value, _ in DUTIES} == {*DUTY_CITATIONS, "other"}


def test_duty_labels_are_plain_english_with_no_citations():
    for _, label in DUTIES:
        assert not re.search(r"\d", label), label
        assert "section" not in label.lower()


def test_issues_come_in_the_listed_order_with_the_parents_own_last():
    context_ = context(duties=["other", "meetings", "support"], events=plain_events())
    leads = [issue["lead"] for issue in context_["issues"]]
    assert leads == [
        "Support for Josh's special educational needs.",
        "Meeting me to talk about support.",
        "Another concern.",
    ]
    assert context_["issues"][-1]["text"] == DOCUMENT.example["other_issues"][0]


def test_the_staff_duty_names_the_child_once():
    (issue,) = context(duties=["staff"], other_issues=None, events=plain_events())["issues"]
    assert issue["text"].startswith(
        "Staff who work with Josh have not been told about their needs or how to help. "
    )
    assert issue["text"].count("Josh") == 1


def test_reasonable_adjustments_say_which_law_says_what():
    """Section 20 itself neither limits the duty to the way things are done and extra aids
    nor mentions planning ahead: for schools, paragraph 2 of Schedule 13 applies only its
    first and third requirements, owed to disabled pupils generally (see the register's
    eqa-s20 note). Planning ahead is the service's reading of that, said as such."""
    (issue,) = context(duties=["adjustments"], other_issues=None, events=plain_events())["issues"]
    wording = issue["text"]
    assert (
        "The duty is set out in section 20 of the Equality Act 2010. For schools, paragraph 2 of "
        "Schedule 13 to the Equality Act 2010 says it means taking reasonable steps to change "
        "the way the school does things where this puts disabled pupils at a substantial "
        "disadvantage, and to provide the extra aids and services they need." in wording
    )
    assert wording.endswith(
        "It also says the duty is owed to disabled pupils generally, so a school needs to plan "
        "ahead."
    )
    assert "The duty, in section 20" not in wording
    assert "It means planning ahead" not in wording
    schedule = law.CITATIONS["eqa-sch13-2"]
    assert schedule.confidence == "verified"
    assert schedule.source.endswith("/ukpga/2010/15/schedule/13/paragraph/2")
    assert "disabled pupils generally" in schedule.summary


def test_the_code_is_explained_only_when_a_code_duty_is_chosen():
    assert "statutory guidance" in context()["code_note"]
    assert context(duties=["support", "adjustments"], other_issues=None)["code_note"] == ""


def test_section_35_puts_the_duty_on_the_school_not_the_child():
    """Section 35 says those making the provision must secure that the child takes part; it
    does not say the child must take part."""
    (issue,) = context(duties=["activities"], other_issues=None, events=plain_events())["issues"]
    wording = issue["text"]
    assert cites(wording, "cfa-s35")
    assert "the school must make sure that a child with special educational needs" in wording
    assert "can take part in school activities together with children who do not have " in wording
    assert "must take part in" not in wording
    for limit in (
        "reasonably practicable",
        "the child getting the special educational provision they need",
        "the efficient education of the other children",
        "the efficient use of resources",
    ):
        assert limit in wording


def test_meetings_cite_the_passage_that_holds_the_record_and_say_should():
    """Paragraph 6.65 is about meeting three times a year; the record given to the parents
    comes later in the same passage, so the range 6.65 to 6.71 is cited."""
    (issue,) = context(duties=["meetings"], other_issues=None, events=plain_events())["issues"]
    wording = issue["text"]
    assert cites(wording, "code-6.65-6.71")
    assert law.cite("code-6.65") + " " not in wording  # not 6.65 on its own
    assert "Paragraphs 6.65 to 6.71 of the SEND Code of Practice: 0 to 25 years (2015) say " in (
        wording
    )
    assert "should meet the parents at least three times a year" in wording
    assert "keep a record of the outcomes, action and support agreed, and give it to" in wording
    assert "must" not in wording


def test_the_code_note_cites_the_duty_to_have_regard_to_the_code():
    note = context()["code_note"]
    assert cites(note, "cfa-s77")
    assert "must have regard to it" in note


# --- Disability: reasonable adjustments and the time for a Tribunal claim ------------------

CLAIM = (
    "Section 21 of the Equality Act 2010 says failing to make reasonable adjustments for a "
    "disabled person is discrimination. So I may also make a disability discrimination claim to "
    "the SEND Tribunal."
)
# Anything that would tell the school, the likely respondent, when a claim is due or late.
CLAIM_TIMING = re.compile(
    r"last day|late claim|has passed|out of time|Schedule 17|6 months|each have their own",
    re.IGNORECASE,
)


def disability_events(*marked):
    """The example's events with only those dated in `marked` about the child's disability."""
    return [
        {**event, "disability": event["date"] in marked} for event in DOCUMENT.example["events"]
    ]


def test_each_event_asks_whether_it_was_about_the_disability():
    """An optional yes or no on each event, with a message that says what to do."""
    unbound = dict(unbound_fields(complaint.EventForm))
    assert list(unbound) == ["date", "what", "disability"]
    question = unbound["disability"]
    assert question.field_class is YesNoField
    assert question.args[0] == "Was this about your child's disability? (optional)"
    assert "kept off a trip because no one could support them" in question.kwargs["hint"]
    assert "reasonable adjustments" in question.kwargs["hint"]
    # The complaint gives no last day: the parent is told how long they have when it is ready.
    assert "last day" not in question.kwargs["hint"]
    assert "we tell you how long you have to claim" in question.kwargs["hint"]
    posted = [("date", "2"), ("date", "10"), ("date", "2026"), ("what", "A trip.")]
    form = complaint.EventForm(MultiDict([*posted, ("disability", "maybe")]))
    assert not form.validate()
    assert form.errors == {"disability": ["Select whether this was about your child's disability"]}
    form = complaint.EventForm(MultiDict(posted))
    assert form.validate()  # optional: the letter reads well without it
    assert form.disability.answer() is None
    (events_step,) = [step for step in DOCUMENT.steps if step.slug == "events"]
    (events_question,) = [field for _, field in unbound_fields(events_step)]
    assert "Say if an event was about your child's disability." in events_question.kwargs["hint"]


def test_the_example_marks_events_about_the_disability():
    marked = [event for event in DOCUMENT.example["events"] if event.get("disability")]
    assert marked, "the example shows the reasonable adjustments ground and the claim"
    assert "could not go on the Year 8 science trip" in marked[0]["what"]


def test_an_event_about_the_disability_brings_in_reasonable_adjustments_and_the_claim():
    """Even when the parent did not tick reasonable adjustments, an event they said was about
    the disability brings the Equality Act ground and says a Tribunal claim may follow."""
    context_ = context(
        duties=["support"], other_issues=None, events=disability_events("2026-10-02")
    )
    leads = [issue["lead"] for issue in context_["issues"]]
    assert leads == [
        "Support for Josh's special educational needs.",
        "Reasonable adjustments for Josh's disability.",
    ]
    ground = context_["issues"][1]["text"]
    assert "the school has not made reasonable adjustments, as event 2 shows." in ground
    assert cites(ground, "eqa-s85")
    assert cites(ground, "eqa-s20")
    assert context_["claim"] == [CLAIM]
    assert cites(CLAIM, "eqa-s21")


@pytest.mark.parametrize("today", ["2026-12-01", "2027-04-01", "2027-04-15", "2027-09-01"])
def test_the_complaint_gives_the_school_no_claim_dates_past_or_future(monkeypatch, today):
    """The school is the likely respondent: the complaint neither says a claim may be out of
    time nor gives a last day to claim, and a date worked out from one event could be wrong
    anyway (conduct over a period counts from its end; a failure from when it was decided on).
    Written on any of these days, with events more than 6 months old or not, it says only
    that a claim may follow."""
    monkeypatch.setattr(dates, "today", lambda: datetime.date.fromisoformat(today))
    written = complaint_json()
    marked = {"2026-10-02", "2026-10-20", "2026-11-05"}
    events = [{**event, "disability": event["date"] in marked} for event in written["events"]]
    context_ = build_context({**written, "events": events})
    assert context_["claim"] == [CLAIM]
    wording = "\n".join(
        [*context_["claim"], *issue_texts(context_), context_["code_note"], *context_["impact"]]
    )
    assert not CLAIM_TIMING.search(wording), CLAIM_TIMING.search(wording)
    body = text_of(render_docx(DOCUMENT, context_))
    assert not CLAIM_TIMING.search(body), CLAIM_TIMING.search(body)
    # The only dates in the body are the letter's own and the events' in the chronology.
    assert "2027" not in body.replace(long_date(dates.today()), "")


def test_no_disability_no_equality_act():
    context_ = context(duties=["support", "meetings"], other_issues=None, events=plain_events())
    assert context_["claim"] == []
    wording = " ".join(issue_texts(context_))
    assert "Equality Act" not in wording
    assert "disab" not in wording


def test_reasonable_adjustments_chosen_with_no_event_marked_says_a_claim_may_follow():
    context_ = context(duties=["adjustments"], other_issues=None, events=plain_events())
    (issue,) = context_["issues"]
    assert "the school has not made reasonable adjustments. Section 85" in issue["text"]
    assert context_["claim"] == [CLAIM]


def test_the_claim_is_printed_after_the_grounds():
    body = text_of(render_docx(DOCUMENT, context()))
    (why,) = context()["claim"]
    assert body.index(context()["code_note"]) < body.index(why)
    assert body.index(why) < body.index("How this has affected Josh")


def test_journey_guidance_about_a_claim_agrees_with_the_letter():
    """The hints and the next steps call it a disability discrimination claim to the SEND
    Tribunal, name reasonable adjustments, and give the same general rule for the time."""
    hint = DOCUMENT.steps[0].hint
    (next_step,) = [line for line in DOCUMENT.next_steps if "discriminated" in line]
    for wording in (hint, next_step):
        assert "discriminated against your child because of a disability" in wording
        assert "reasonable adjustments" in wording
        assert "SEND Tribunal" in wording
        assert complaint.CLAIM_TIME in wording
        assert "unfairly" not in wording
    (duties,) = [step for step in DOCUMENT.steps if step.slug == "duties"]
    assert "the complaint includes reasonable adjustments" in " ".join(
        field.kwargs.get("hint", "") for _, field in unbound_fields(duties)
    )


def test_the_parent_is_told_the_time_for_a_claim_on_the_done_page():
    """The done page shows DocumentType.next_steps, which cannot vary with the answers: so the
    general rule of paragraph 4 of Schedule 17, with no dates, and why the complaint leaves it
    out."""
    (next_step,) = [line for line in DOCUMENT.next_steps if "discriminated" in line]
    assert (
        f"{law.limit_text('discrimination-claim')}, starting with the date of the event it is "
        "about" in next_step
    )
    assert (
        "If the school's conduct went on over a period, the 6 months start at the end of that "
        "period." in next_step
    )
    assert "The Tribunal can consider a late claim" in next_step
    assert "The complaint does not say how long you have" in next_step
    assert "SENDIASS" in next_step
    assert "last day" not in next_step
    assert not re.search(r"\d{4}", next_step)  # no dates
    assert law.CITATIONS["eqa-sch17-4"].summary.startswith(
        "A disability discrimination claim about a school goes to the Tribunal within 6 months"
    )


def test_blank_template_explains_the_claim_with_the_prompt_first():
    """The note to delete comes before what it would delete, and no date is asked for."""
    context_ = build_context(blank_answers(DOCUMENT))
    (claim,) = context_["claim"]
    assert claim == (
        f"[Delete this paragraph if nothing that happened was about a disability.] {CLAIM}"
    )
    assert not CLAIM_TIMING.search(claim)
    adjustments = [i for i in context_["issues"] if i["lead"].startswith("Reasonable")]
    assert "as events [numbers] show." in adjustments[0]["text"]


# --- The example --------------------------------------------------------------------------

MONTHS_AND_DAYS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(19|20)\d\d)\b"
)


def free_text(value):
    if isinstance(value, dict):
        return [text for key, item in value.items() if key != "date" for text in free_text(item)]
    if isinstance(value, list):
        return [text for item in value for text in free_text(item)]
    return [value] if isinstance(value, str) and not value[:4].isdigit() else []


def test_example_free_text_names_no_month_weekday_or_year():
    """Dates move with the day the example is read; words in free text would not."""
    written = complaint_json()
    for text_ in free_text(written):
        assert not MONTHS_AND_DAYS.search(text_), text_


def complaint_json():
    return json.loads((EXAMPLES / "complaint.json").read_text(encoding="utf-8"))


def test_example_complains_about_a_recent_stage_1_reply():
    written = complaint_json()
    sent, reply = (datetime.date.fromisoformat(written[k]) for k in ("stage1_sent", "stage1_reply"))
    events = [datetime.date.fromisoformat(event["date"]) for event in written["events"]]
    assert events == sorted(events), "events in date order"
    assert max(events) < sent <= reply < EXAMPLES_WRITTEN
    assert EXAMPLES_WRITTEN - reply <= datetime.timedelta(weeks=4)
    assert EXAMPLES_WRITTEN - min(events) <= datetime.timedelta(weeks=16)


# --- Acknowledgement, timescale and the policy --------------------------------------------


@pytest.mark.parametrize(
    ("response_time", "within"),
    [
        ("20 school days", "within 20 school days, as your complaints policy sets out."),
        ("within 15 school days", "within 15 school days, as your complaints policy sets out."),
        (None, "within the time your complaints policy sets."),
    ],
)
def test_a_reply_is_asked_for_within_the_policys_timescale(response_time, within):
    wording = context(response_time=response_time)["reply_request"]
    assert wording.startswith("Please confirm that you have received this complaint")
    assert wording.endswith(f"Please send me a full reply {within}")


def test_a_copy_of_the_policy_is_asked_for_only_when_it_was_not_named():
    assert context()["policy_request"] == ""
    maintained = context(policy_name=None, school_type="maintained")["policy_request"]
    assert maintained.startswith("Please send me a copy of your complaints procedure.")
    assert cites(maintained, "ea2002-s29")
    assert cites(context(policy_name=None, school_type="academy")["policy_request"], "iss-part7")
    assert context(policy_name=None, school_type="not_sure")["policy_request"] == (
        "Please send me a copy of your complaints procedure."
    )


def test_citations_all_come_from_law():
    wording = "\n".join(
        str(value) for value in context(policy_name=None, school_type="maintained").values()
    )
    wording += "\n".join(issue_texts(context(duties=[v for v, _ in DUTIES])))
    for citation in sorted(law.all_citation_texts(), key=len, reverse=True):
        wording = wording.replace(citation, "").replace(citation[0].upper() + citation[1:], "")
    for trace in ("Act 20", "Regulations 20", "section ", "regulation ", "paragraph 6", "496"):
        assert trace not in wording


def test_filename_names_the_stage_the_child_and_the_school():
    assert complaint.filename(DOCUMENT.example) == (
        "Stage 2 complaint about Joshua Adeyemi to Riverside Academy, 1 December 2026"
    )


# --- Before you start, and what to do next -------------------------------------------------


def test_before_you_start_says_what_a_school_complaint_cannot_do():
    first = DOCUMENT.steps[0]
    assert first.slug == "before-you-start"
    hint = first.hint
    for words in ("local authority", "EHC", "Exclusions and admissions", "SEND Tribunal"):
        assert words in hint
    assert law.limit_text("discrimination-claim") in hint


def test_next_steps_say_where_to_go_by_type_of_school():
    steps = DOCUMENT.next_steps
    (maintained,) = [line for line in steps if line.startswith("Maintained school")]
    (academy,) = [line for line in steps if line.startswith("Academy")]
    assert "after the governors" in maintained
    assert "Department for Education" in maintained
    assert "after the trust's complaints panel" in academy
    assert "whether the academy followed its complaints procedure" in academy
    assert "cannot change the school's decision" in academy
    everything = " ".join(steps)
    assert "local authority, and then the SEND Tribunal" in everything
    (claim,) = [line for line in steps if "discriminated" in line]
    assert "reasonable adjustments, goes to the SEND Tribunal" in claim
    assert law.limit_text("discrimination-claim") in claim
    # The Education Act 1996 route to the DfE is not in the law register: no sections cited.
    assert not re.search(r"\b(section|s\.?)\s*49[67]", everything)


# --- Blank mode ---------------------------------------------------------------------------


def test_blank_mode_gives_a_printable_complaint_with_prompts():
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["blank"] is True
    assert context_["letter_date"] == "[date]"
    assert context_["heading"] == (
        "Formal complaint, Stage [1 or 2], under [name of the school's complaints policy]"
    )
    assert context_["stage_two"] is True
    assert context_["events"] == [{"number": "1", "date": "[date]", "lines": ["[what happened]"]}]
    assert len(context_["issues"]) == len(DUTIES)
    assert is_prompt(context_["issues"][-1]["text"])
    assert "[time the policy gives" in context_["reply_request"]
    assert context_.keys() == context().keys()


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    # ...and the advice service's line, which every template's footer reads (the engine's).
    assert variables == {*context().keys(), ORGANISATION_LINE}


def test_chronology_template_has_a_repeating_header_row_and_a_row_loop():
    (table,) = docx.Document(template_path(DOCUMENT)).tables
    header = table.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert [cell.text for cell in table.rows[0].cells] == ["Event", "Date", "What happened"]
    assert table.rows[1].cells[0].text == "{%tr for event in events %}"
    assert table.rows[3].cells[0].text == "{%tr endfor %}"
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")) == "Events in date order"


def test_example_renders_a_row_for_each_event():
    document = render_docx(DOCUMENT, context())
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Event", "Date", "What happened"]
    assert [row[:2] for row in rows[1:]] == [
        ["1", "10 September 2026"],
        ["2", "2 October 2026"],
        ["3", "13 October 2026"],
        ["4", "20 October 2026"],
        ["5", "5 November 2026"],
    ]
    assert rows[4][2] == DOCUMENT.example["events"][3]["what"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_example_renders_every_answer():
    document = render_docx(DOCUMENT, context())
    body = text_of(document)
    assert "Formal complaint, Stage 2, under the Riverside Academy Complaints Policy" in body
    assert "Pupil: Joshua Adeyemi, Year 8" in body
    assert "I am Josh's mother." in body
    for line in DOCUMENT.example["unresolved"].split("\n"):
        assert line in body
    for item in DOCUMENT.example["remedies"] + DOCUMENT.example["enclosures"]:
        assert item in body
    for line in DOCUMENT.example["impact"].split("\n"):
        assert line in body
    assert "within 20 school days" in body
    assert "{{" not in body
    assert "{%" not in body


@pytest.mark.parametrize("mode", ["example", "blank"])
def test_every_numbered_issue_has_a_bold_lead(mode):
    """The parent's own issues too: each ground opens with a short bold sentence."""
    context_ = build_context(blank_answers(DOCUMENT)) if mode == "blank" else context()
    assert all(issue["lead"].endswith(".") for issue in context_["issues"])
    document = render_docx(DOCUMENT, context_)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(context_["issues"])
    for paragraph, issue in zip(numbered, context_["issues"], strict=True):
        assert paragraph.runs[0].bold
        assert paragraph.runs[0].text == issue["lead"]
        assert paragraph.text == f"{issue['lead']} {issue['text']}"
    if mode == "example":
        assert numbered[0].text.startswith("Support for Josh's special educational needs. The")
        other = DOCUMENT.example["other_issues"][0]
        assert numbered[-1].text == f"Another concern. {other}"


@pytest.mark.parametrize("mode", ["example", "blank", "short"])
def test_no_empty_paragraphs_are_used_for_spacing(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "short":
        context_ = context(
            **STAGE_ONE,
            duties=["support"],
            other_issues=None,
            enclosures=None,
            writer_email=None,
            writer_phone=None,
            policy_name=None,
        )
    else:
        context_ = context()
    document = render_docx(DOCUMENT, context_)
    for paragraph in document.paragraphs:
        assert paragraph.text.strip(), "an empty paragraph"
    for cell in (cell for table in document.tables for row in table.rows for cell in row.cells):
        assert all(paragraph.text.strip() for paragraph in cell.paragraphs)


def test_template_is_en_gb_a4_and_holds_no_personal_data():
    document = docx.Document(template_path(DOCUMENT))
    normal = document.styles["Normal"].element
    assert normal.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    properties = document.core_properties
    assert (properties.author, properties.title, properties.last_modified_by) == ("", "", "")
