"""The request for an EHC needs assessment: its questions for parents, young people and
schools, its wording, its dates and its Word template."""

import datetime
import functools
import re

import pytest
from docxtpl import DocxTemplate

from forms import CATALOGUE, deadlines, law
from forms.common import ehc_exception_reasons
from forms.ehc_needs_assessment_request import DOCUMENT, build_context
from forms.formatting import capital
from service.answers import blank_answers, validate_answers
from service.catalogue import is_prompt
from service.journey.navigation import progress
from service.rendering import ORGANISATION_LINE
from service.steps import step_form
from tests.forms import documents
from tests.forms.documents import (
    answers_by_step,
    printed_pages,
    render_docx,
    template_path,
    visible_steps,
)

TODAY = datetime.date(2026, 12, 1)  # a Tuesday, the day the example was written for
example = functools.partial(documents.example, DOCUMENT)
context = functools.partial(documents.context, DOCUMENT)

PARENT_ONLY = ("child_name", "child_known_as", "child_relation", "child_dob", "school_name")
PARENT_ONLY += ("year_group", "writer_name", "writer_address", "writer_email", "writer_phone")
PARENT_ONLY += ("child_views", "parent_views")

YOUNG_PERSON = {
    "writer": "young_person",
    "child_name": "Jordan Achterberg",
    "child_dob": "2008-05-03",
    "school_name": "Westbridge College",
    "writer_address": "Flat 4, 9 Canal Street\nWestbridge\nWB2 5PL",
    "writer_email": "jordan.a@example.com",
    "child_views": "I want to finish my course and get a job working with animals.\n"
    "I lose track in lessons when there is a lot of talking, and then I stop going.",
}

SCHOOL = {
    "writer": "school",
    "child_name": "Amara Okafor",
    "child_known_as": "Amara",
    "child_dob": "2018-02-14",
    "year_group": "4",
    "school_name": "Elmbrook Primary School",
    "family_agrees": True,
    "writer_name": "Priya Patel",
    "writer_role": "SENCO",
    "school_address": "Mill Lane\nWestbridge\nWB3 4QT",
    "writer_email": "senco@elmbrook.example.sch.uk",
    "child_views": "Amara told us she likes art and wants to get better at reading.\n"
    "She said the classroom is too noisy and she works best in the quiet room.",
    "parent_views": "Amara's mother told us she wants Amara to feel happy at school again.\n"
    "She is worried that Amara falls further behind each term.",
}


# A school's pupil in Year 12: over compulsory school age, so a young person, to whom the right
# to appeal, the council's notices and its duty under section 19 belong.
SIXTH_FORM = {
    **SCHOOL,
    "child_name": "Leo Brennan",
    "child_known_as": "Leo",
    "child_dob": "2009-10-02",  # usually in Year 12 in 2026/27
    "year_group": "Year 12",
    "school_name": "St Anne's Church of England High School",
    "child_views": "Leo told us he wants to finish his A levels and then train as a chef.",
    "parent_views": "Leo's father told us he worries that Leo is not coping.",
}


def as_writer(other):
    """The example answers, rewritten as a young person's or a school's request."""
    answers = {k: v for k, v in DOCUMENT.example.items() if k not in PARENT_ONLY}
    return {**answers, **other}


def shown(answers):
    return [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]


def context_of(answers):
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    return build_context(validated.answers)


def asked(slug, writer):
    """The questions the step `slug` asks of this writer, by name."""
    form = step_form(DOCUMENT.step(slug), earlier={"writer": writer}, csrf=False)
    return [field.short_name for field in form.fields_asked()]


def text_of(document):
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


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


STALE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:19|20)\d\d)\b"
)


def test_the_examples_free_text_names_no_month_year_or_weekday():
    """The example's dates move with the day it is read; words typed in it cannot, so they
    name no month, year or weekday (they would go stale)."""
    stale = [
        line
        for key, value in DOCUMENT.example.items()
        if key not in ("child_dob", "sent_on")
        for line in all_text(value).split("\n")
        if STALE.search(line)
    ]
    assert stale == []


def test_the_example_reads_as_one_family_on_the_day_it_was_written_for():
    example_ = DOCUMENT.example
    assert example_["child_dob"] == "2016-09-20"  # TODAY is the day it was written for
    assert example_["year_group"] == "Year 5"  # born September 2016: Year 5 in 2026/27
    assert datetime.date.fromisoformat(example_["sent_on"]) == TODAY  # sent today
    assert {example_["child_known_as"]} == {example_["child_name"].split()[0]}
    assert "Dr Rachel Evans" in example_["need_communication"]
    assert "Dr Rachel Evans" in example_["advice_from"][0]["name"]


@pytest.mark.parametrize("other", [YOUNG_PERSON, SCHOOL], ids=["young-person", "school"])
def test_young_person_and_school_answers_are_valid(other):
    validated = validate_answers(DOCUMENT, as_writer(other))
    assert validated.errors == {}


def test_field_names_are_short_snake_case():
    for step in DOCUMENT.steps:
        for name in DOCUMENT.field_names(step):
            assert re.fullmatch(r"[a-z][a-z0-9_]{1,24}", name), name


def test_the_steps_are_in_order():
    assert [step.slug for step in DOCUMENT.steps] == [
        "writer",
        "child",
        "family-agreement",
        "council",
        "special-educational-needs",
        "plan-necessary",
        "support-so-far",
        "views",
        "advice",
        "enclosures",
        "sending",
        "after-5pm",
        "you",
    ]


@pytest.mark.parametrize(
    ("answers", "agreement"),
    [(DOCUMENT.example, False), (as_writer(YOUNG_PERSON), False), (as_writer(SCHOOL), True)],
    ids=["parent", "young-person", "school"],
)
def test_only_a_school_is_asked_about_the_familys_agreement(answers, agreement):
    seen = shown(answers)
    assert ("family-agreement" in seen) is agreement
    for common in ("writer", "child", "council", "special-educational-needs", "you"):
        assert common in seen


ABOUT_A_CHILD = ("child_name", "child_known_as", "child_dob", "year_group", "school_name")


@pytest.mark.parametrize(
    ("writer", "child", "you"),
    [
        (
            "parent",
            [*ABOUT_A_CHILD, "child_relation"],
            ["writer_name", "writer_address", "writer_email", "writer_phone"],
        ),
        (
            "young_person",
            ["child_name", "child_dob", "school_name"],
            ["writer_address", "writer_email", "writer_phone"],
        ),
        (
            "school",
            list(ABOUT_A_CHILD),
            ["writer_name", "writer_role", "school_address", "writer_email", "writer_phone"],
        ),
    ],
)
def test_the_child_and_details_steps_ask_each_writer_their_own_questions(writer, child, you):
    assert asked("child", writer) == child
    assert asked("you", writer) == you


@pytest.mark.parametrize(
    ("writer", "title", "name_label", "school_label"),
    [
        (
            "parent",
            "About your child",
            "Your child's full name",
            "Which school, nursery or college does your child go to? (optional)",
        ),
        (
            "young_person",
            "About you",
            "Your full name",
            "Which school or college do you go to? (optional)",
        ),
        ("school", "About the pupil", "Pupil's full name", "Name of your school"),
    ],
)
def test_the_child_step_speaks_to_whoever_is_writing(writer, title, name_label, school_label):
    form = step_form(DOCUMENT.step("child"), earlier={"writer": writer}, csrf=False)
    assert form.title == title
    assert form.child_name.label.text == name_label
    assert form.school_name.label.text == school_label


@pytest.mark.parametrize(
    ("answers", "required"),
    [(DOCUMENT.example, False), (as_writer(YOUNG_PERSON), False), (as_writer(SCHOOL), True)],
    ids=["parent", "young-person", "school"],
)
def test_the_school_name_is_required_only_when_a_school_writes(answers, required):
    answers = {k: v for k, v in answers.items() if k != "school_name"}
    errors = validate_answers(DOCUMENT, answers).errors
    assert errors == ({"school_name": ["Enter the name of your school"]} if required else {})


@pytest.mark.parametrize(
    ("answers", "not_asked"),
    [
        (
            as_writer(YOUNG_PERSON),
            {
                "child_known_as": "Jo",
                "year_group": "Year 13",
                "child_relation": "son",
                "writer_name": "Someone Else",
                "writer_role": "SENCO",
                "family_agrees": True,
            },
        ),
        (as_writer(SCHOOL), {"child_relation": "daughter", "writer_address": "1 Home Road"}),
        (
            DOCUMENT.example,
            {"writer_role": "Mother", "school_address": "Mill Lane", "family_agrees": False},
        ),
    ],
    ids=["young-person", "school", "parent"],
)
def test_answers_to_questions_not_asked_are_not_kept(answers, not_asked):
    validated = validate_answers(DOCUMENT, {**answers, **not_asked})
    assert validated.errors == {}
    assert set(not_asked).isdisjoint(validated.answers)
    assert "Someone Else" not in all_text(build_context(validated.answers))


@pytest.mark.parametrize(
    ("method", "asked_"),
    [("email", True), ("hand", True), ("signed-post", False), ("first-class-post", False)],
)
def test_the_5pm_question_is_asked_only_for_email_and_hand(method, asked_):
    answers = example(sent_by=method, sent_after_5pm=True if asked_ else None)
    assert ("after-5pm" in shown(answers)) is asked_
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    assert ("sent_after_5pm" in validated.answers) is asked_


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("writer", "Select who is making the request"),
        ("child_name", "Enter your child's full name"),
        ("child_relation", "Select how the letter should describe your child"),
        ("child_dob", "Enter your child's date of birth"),
        ("la_name", "Enter the name of the council"),
        ("reasons_plan", "Enter why an EHC plan may be necessary"),
        ("sent_on", "Enter the date you will send the request"),
        ("sent_by", "Select how you will send the request"),
        ("sent_after_5pm", "Select yes if you will send it or hand it in after 5pm"),
        ("writer_name", "Enter your full name"),
        ("writer_address", "Enter your address"),
    ],
)
def test_each_required_answer_has_a_gov_uk_message(field, message):
    answers = example()
    del answers[field]
    # Without a writer, the questions after it are a parent's, which the example answers.
    assert validate_answers(DOCUMENT, answers).errors == {field: [message]}


@pytest.mark.parametrize(
    ("other", "field", "message"),
    [
        (YOUNG_PERSON, "child_name", "Enter your full name"),
        (YOUNG_PERSON, "child_dob", "Enter your date of birth"),
        (YOUNG_PERSON, "writer_address", "Enter your address"),
        (SCHOOL, "child_name", "Enter the pupil's full name"),
        (SCHOOL, "child_dob", "Enter the pupil's date of birth"),
        (
            SCHOOL,
            "family_agrees",
            "Select yes if the family agrees to the school making this request",
        ),
        (SCHOOL, "writer_name", "Enter your full name"),
        (SCHOOL, "writer_role", "Enter your job title"),
        (SCHOOL, "school_name", "Enter the name of your school"),
        (SCHOOL, "school_address", "Enter the school's address"),
    ],
)
def test_young_person_and_school_questions_have_messages(other, field, message):
    answers = as_writer(other)
    del answers[field]
    assert validate_answers(DOCUMENT, answers).errors == {field: [message]}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"sent_on": "2027-03-02"},
            "sent_on",
            "The date you will send the request must be the same as or before 1 March 2027",
        ),
        ({"child_dob": "2099-01-01"}, "child_dob", "Date of birth must be today or in the past"),
        (
            {"advice_from": [{"role": "speech and language therapist"}]},
            "advice_from",
            "Enter the name of the professional or service",
        ),
        ({"sent_by": "pigeon"}, "sent_by", "Select how you will send the request"),
        (
            {"writer_email": "siobhan at example"},
            "writer_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_wrong_answers_say_how_to_put_them_right(changes, field, message):
    assert validate_answers(DOCUMENT, example(**changes)).errors == {field: [message]}


def test_a_sending_date_today_or_in_the_next_90_days_is_accepted():
    for day in ("2026-12-01", "2026-12-02", "2027-03-01"):
        assert validate_answers(DOCUMENT, example(sent_on=day)).errors == {}


@pytest.mark.parametrize("day", ["2026-11-30", "2026-09-01"])
def test_a_sending_date_in_the_past_is_refused(day):
    """The letter is dated the day it is sent and its time limits count from it."""
    assert validate_answers(DOCUMENT, example(sent_on=day)).errors == {
        "sent_on": ["The date you will send the request must be today or in the future"]
    }


def test_the_year_group_must_fit_the_date_of_birth():
    errors = validate_answers(DOCUMENT, example(child_dob="2012-01-01")).errors
    assert errors == {
        "child_dob": [
            "Date of birth must be between 1 September 2014 and 31 August 2019 for a child in "
            "Year 5. Check the date of birth and the year group. If both are right, say so "
            "after the year group, like 'Year 5, taught out of year group'"
        ]
    }
    # Two school years either side are accepted (children with SEN are often taught out of
    # their age group).
    assert validate_answers(DOCUMENT, example(year_group="Year 3")).errors == {}
    assert validate_answers(DOCUMENT, example(year_group="Year 7")).errors == {}


def test_optional_answers_can_be_left_out():
    optional = [
        "child_known_as",
        "school_name",
        "year_group",
        "la_address",
        "school_action",
        "progress",
        "advice_from",
        "enclosures",
        "writer_email",
        "writer_phone",
        "child_views",
        "parent_views",
    ]
    answers = {k: v for k, v in DOCUMENT.example.items() if k not in optional}
    context_ = context_of(answers)
    assert context_["opening"][0].endswith("my son, Leo, who was born on 20 September 2016.")
    assert context_["addressee"] == ["SEN Team", "Westbridge Borough Council"]
    assert context_["school_action"] == context_["progress"] == []
    assert context_["advice_from"] == context_["enclosures"] == []
    assert context_["contact"] == "You can write to me at the address above."
    text = text_of(render_docx(DOCUMENT, context_))
    assert context_["child_views"] == context_["parent_views"] == []
    for heading in ("Support so far", "Views, wishes", "Who to ask for advice", "Documents sent"):
        assert heading not in text


# --- Who is writing -----------------------------------------------------------------------


def test_a_parent_writes_about_my_son_under_section_36_1():
    context_ = context()
    opening = " ".join(context_["opening"])
    assert opening.startswith(
        "I am writing to ask you to carry out an EHC needs assessment for my son, Leo, who was "
        "born on 20 September 2016. Leo is in Year 5 at St Anne's Church of England Primary "
        "School."
    )
    assert f"I make this request as Leo's parent, under {law.cite('cfa-s36-1')}." in opening
    assert context_["test_parts"][0] == "Leo has or may have special educational needs (SEN)"
    assert context_["sen_heading"] == "1. Leo has or may have special educational needs"
    assert context_["sender_lines"] == [
        "Siobhan Brennan",
        "27 Orchard Way",
        "Westbridge",
        "WB4 7JD",
        "siobhan.brennan@example.com",
        "07700 900456",
    ]
    assert context_["signer"] == "Siobhan Brennan"
    assert context_["signer_role"] == ""


@pytest.mark.parametrize(
    ("relation", "words"), [("daughter", "my daughter"), ("child", "my child")]
)
def test_a_parent_chooses_how_the_child_is_described(relation, words):
    assert f"for {words}, Leo, who" in context(child_relation=relation)["opening"][0]


def test_a_young_person_writes_in_their_own_name():
    context_ = context_of(as_writer(YOUNG_PERSON))
    opening = " ".join(context_["opening"])
    assert "needs assessment for me. I was born on 3 May 2008 and I am at Westbridge College." in (
        opening
    )
    assert "in my own name, as a young person" in opening
    assert cites(opening, "cfa-s36-1")
    assert context_["test_parts"][0] == "I have or may have special educational needs (SEN)"
    assert context_["test_parts"][1].endswith("made for me through an EHC plan")
    assert context_["sen_heading"] == "1. I have or may have special educational needs"
    assert context_["advice_intro"].startswith("When you assess me,")
    assert context_["deadlines"][0]["task"].endswith("and tell me")
    assert context_["heading"].endswith("for Jordan Achterberg")
    assert context_["sender_lines"] == [
        "Jordan Achterberg",
        "Flat 4, 9 Canal Street",
        "Westbridge",
        "WB2 5PL",
        "jordan.a@example.com",
    ]
    assert context_["signer"] == "Jordan Achterberg"
    assert context_["contact"] == "You can contact me by email at jordan.a@example.com."
    assert "parent" not in all_text(context_)


def test_a_school_writes_about_our_pupil_with_the_familys_agreement():
    context_ = context_of(as_writer(SCHOOL))
    opening = " ".join(context_["opening"])
    assert opening.startswith(
        "We are writing from Elmbrook Primary School to ask you to carry out an EHC needs "
        "assessment for our pupil Amara, who was born on 14 February 2018 and is in Year 4."
    )
    assert "We make this request as Amara's school" in opening
    assert "Amara's family agree to us making this request." in opening
    assert cites(opening, "code-9.8")
    assert context_["enclosures_intro"].startswith("We are sending")
    assert context_["sending"].startswith("We are sending this request by email")
    assert context_["deadlines"][0]["task"].endswith("and tell Amara's family")
    assert "send us a copy of what you send to Amara's family" in context_["acknowledge"]
    assert context_["sender_lines"] == [
        "Priya Patel",
        "SENCO",
        "Elmbrook Primary School",
        "Mill Lane",
        "Westbridge",
        "WB3 4QT",
        "senco@elmbrook.example.sch.uk",
    ]
    assert context_["signer"] == "Priya Patel"
    assert context_["signer_role"] == "SENCO, Elmbrook Primary School"
    assert context_["contact"] == "You can contact us by email at senco@elmbrook.example.sch.uk."
    assert "my son" not in all_text(context_)


def test_a_school_without_the_familys_agreement_says_so():
    context_ = context_of(as_writer({**SCHOOL, "family_agrees": False}))
    agreement = context_["opening"][-1]
    assert agreement.startswith("We have not yet got the agreement of Amara's family")
    assert cites(agreement, "code-9.8")


FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|me|my|mine|myself)\b")


@pytest.mark.parametrize("answers", [SCHOOL, {**SCHOOL, "family_agrees": False}])
def test_a_school_speaks_as_we_throughout(answers):
    """A school's letter does not start "I am writing on behalf of ..." and go on "We make
    this request": one voice, the school's, from the first sentence to the last."""
    answers = as_writer(answers)
    document = render_docx(DOCUMENT, context_of(answers))
    typed = {line for value in answers.values() for line in all_text(value).split("\n")}
    body = [p.text for p in document.paragraphs if p.text not in typed]
    body += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert [line for line in body if FIRST_PERSON_SINGULAR.search(line)] == []
    assert any(line.startswith("We are writing from Elmbrook Primary School") for line in body)


@pytest.mark.parametrize(
    "answers", [example(), as_writer(YOUNG_PERSON), as_writer(SCHOOL)], ids=["p", "yp", "s"]
)
def test_ehc_is_spelled_out_once_in_the_heading_not_again_in_the_first_sentence(answers):
    context_ = context_of(answers)
    assert context_["heading"].startswith("Request for an education, health and care (EHC) needs")
    assert "to ask you to carry out an EHC needs assessment for " in context_["opening"][0]
    text = text_of(render_docx(DOCUMENT, context_))
    assert text.count("education, health and care") == 1


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"year_group": "13", "child_dob": "2008-10-02"},
        # Not a plain year group, or none: the date of birth says Year 12.
        {"year_group": "Sixth form"},
        {"year_group": "Year 12, taught with Year 11"},
        {"year_group": None},
    ],
    ids=["year-12", "year-13", "sixth-form", "taught-with-year-11", "no-year-group"],
)
def test_a_school_writes_for_a_pupil_over_school_age_as_for_a_young_person(changes):
    """From Year 12 a pupil is a young person: the right to appeal, the council's notices and
    its duty to have regard to their views are the pupil's own, and the parents come in only
    as the pupil wishes."""
    answers = as_writer({**SIXTH_FORM, **changes})
    context_ = context_of({k: v for k, v in answers.items() if v is not None})
    assert context_["opening"][-1].startswith(
        "Leo is over compulsory school age, so is a young person, and agrees to us making this "
        "request. "
    )
    assert "the young person's agreement" in context_["opening"][-1]
    assert cites(context_["opening"][-1], "code-9.8")
    appeal = context_["appeal"]
    assert appeal.startswith(
        "If you decide not to carry out an assessment, please tell Leo of the right to appeal "
        "against the decision, the time limits for appealing and the information about "
        "mediation."
    )
    assert cites(appeal, "send-regs-5-3")
    assert appeal.endswith(
        "As Leo is a young person, the right to appeal is Leo's own. Please send a copy to "
        "Leo's parents only if Leo wishes."
    )
    assert context_["views_intro"] == (
        f"{capital(law.cite('cfa-s19'))} says that you must have regard to Leo's views, wishes "
        "and feelings. We give Leo's views below as Leo gave them to us. We also give the "
        "family's views as they gave them to us."
    )
    assert [row["task"] for row in context_["deadlines"]][:2] == [
        "Decide whether to carry out an assessment, and tell Leo",
        "If you decide after assessing not to issue an EHC plan, tell Leo",
    ]
    assert context_["exceptions"][1:] == [
        "exceptional personal circumstances affected Leo; or",
        "Leo has been away from the area for a continuous period of 4 weeks or more.",
    ]
    assert "send us a copy of what you send to Leo about it." in context_["acknowledge"]
    text = text_of(render_docx(DOCUMENT, context_))
    for wrong in ("Leo's parents of their right", "of Leo and Leo's parents", "Leo's family",
                  "Leo or Leo's parents"):  # fmt: skip
        assert wrong not in text


@pytest.mark.parametrize(
    "changes",
    [
        {"year_group": "Year 11", "child_dob": "2010-10-02"},
        {"year_group": "11", "child_dob": "2009-10-02"},  # the year group, when plain, decides
        {"year_group": "Year 11 (Year 12 for maths)", "child_dob": "2010-10-02"},
        {"year_group": None, "child_dob": "2010-10-02"},
    ],
    ids=["year-11", "plain-year-11", "by-birth-year-11", "no-year-group"],
)
def test_a_pupil_up_to_year_11_is_a_child_whose_parents_are_told(changes):
    answers = as_writer({**SIXTH_FORM, **changes})
    context_ = context_of({k: v for k, v in answers.items() if v is not None})
    assert "tell Leo's parents of their right to appeal" in context_["appeal"]
    assert "of Leo and Leo's parents" in context_["views_intro"]
    assert context_["deadlines"][0]["task"].endswith("and tell Leo's family")
    assert context_["opening"][-1] == (
        f"Leo's family agree to us making this request. {capital(law.cite('code-9.8'))} says "
        "that a school should ideally have the family's agreement."
    )


def test_a_pupil_over_school_age_who_has_not_agreed_yet():
    context_ = context_of(as_writer({**SIXTH_FORM, "family_agrees": False}))
    agreement = context_["opening"][-1]
    assert agreement.startswith(
        "Leo is over compulsory school age, so is a young person. Leo has not yet agreed to "
        "this request."
    )
    assert agreement.endswith("We are making the request now because we believe Leo needs an "
                              "assessment.")  # fmt: skip


@pytest.mark.parametrize(
    ("earlier", "label", "message"),
    [
        (
            {"year_group": "Year 12", "child_dob": "2009-10-02"},
            "Does the pupil agree to the school making this request?",
            "Select yes if the pupil agrees to the school making this request",
        ),
        (
            {"year_group": "Sixth form", "child_dob": "2009-10-02"},
            "Does the pupil agree to the school making this request?",
            "Select yes if the pupil agrees to the school making this request",
        ),
        (
            {"year_group": "Year 4", "child_dob": "2018-02-14"},
            "Does the pupil's family agree to the school making this request?",
            "Select yes if the family agrees to the school making this request",
        ),
    ],
)
def test_the_agreement_asked_for_is_the_young_persons_own(earlier, label, message):
    form = step_form(
        DOCUMENT.step("family-agreement"), earlier={"writer": "school", **earlier}, csrf=False
    )
    assert form.family_agrees.label.text == label
    young = label.startswith("Does the pupil ")
    assert form.title == ("The pupil's agreement" if young else "The family's agreement")
    assert ("young person" in form.family_agrees.description) is young
    answers = as_writer({**SIXTH_FORM, **earlier})
    del answers["family_agrees"]
    assert validate_answers(DOCUMENT, answers).errors == {"family_agrees": [message]}


# --- The legal test -----------------------------------------------------------------------


def test_the_test_is_section_36_8_and_nothing_more():
    context_ = context()
    assert context_["test_intro"].startswith(
        "Section 36(8) of the Children and Families Act 2014 says you must carry out"
    )
    assert context_["test_parts"][1] == (
        "it may be necessary for special educational provision to be made for Leo through an "
        "EHC plan"
    )
    meaning = context_["test_meaning"]
    assert "the only test the law sets" in meaning
    assert "diagnosis" in meaning
    assert "set number of rounds of extra support" in meaning
    assert "set amount of money" in meaning
    assert "lower bar than the test for deciding whether to issue an EHC plan" in meaning
    assert [area["heading"] for area in context_["sen_areas"]] == AREA_HEADINGS[:3]
    assert context_["reasons_plan"] == DOCUMENT.example["reasons_plan"].split("\n")
    assert cites(context_["support_intro"], "code-9.14")


# --- Part 1 of the test: the needs, by the Code's four broad areas ------------------------

AREA_FIELDS = ["need_communication", "need_cognition", "need_semh", "need_sensory"]
AREA_HEADINGS = [
    "Communication and interaction",
    "Cognition and learning",
    "Social, emotional and mental health",
    "Sensory and/or physical needs",
]
NEEDS = "special-educational-needs"
WRITERS = {
    "parent": example,
    "young_person": lambda: as_writer(YOUNG_PERSON),
    "school": lambda: as_writer(SCHOOL),
}
AT_LEAST_ONE = {
    "parent": "Describe at least one area of your child's special educational needs",
    "young_person": "Describe at least one area of your special educational needs",
    "school": "Describe at least one area of the pupil's special educational needs",
}
# What a draft or an API client may hold from before the areas: the step's one answer.
OLD_ANSWER = "He cannot read yet and is very unhappy at school."


def without_areas(answers, **changes):
    return {**{k: v for k, v in answers.items() if k not in AREA_FIELDS}, **changes}


def needs_form(writer, stored=None, earlier=None):
    return step_form(
        DOCUMENT.step(NEEDS), stored, earlier={"writer": writer, **(earlier or {})}, csrf=False
    )


@pytest.mark.parametrize(
    ("writer", "who", "mean", "other_label"),
    [
        ("parent", "your child has, or may have", "what they mean", "your child's needs"),
        ("young_person", "you have, or may have", "what you mean", "your needs"),
        ("school", "the pupil has, or may have", "what they mean", "the pupil's needs"),
    ],
)
def test_the_needs_step_asks_about_each_area_in_the_writers_voice(writer, who, mean, other_label):
    form = needs_form(writer)
    fields = form.fields_asked()
    assert [field.short_name for field in fields] == [*AREA_FIELDS, "reasons_sen"]
    assert [field.label.text for field in fields] == [
        *(f"{heading} (optional)" for heading in AREA_HEADINGS),
        f"Anything else about {other_label} (optional)",
    ]
    assert who in form.hint
    assert "four broad areas" in form.hint
    assert "at least one" in form.hint
    assert mean in form.need_communication.description
    for field in fields[:4]:
        for asks in ("reports, assessments or school records", "what has been tried"):
            assert asks in field.description
        assert "what difference it made" in field.description
    assert "diagnosis" in form.reasons_sen.description


@pytest.mark.parametrize("writer", WRITERS)
def test_at_least_one_area_must_be_described_in_the_writers_voice(writer):
    answers = without_areas(WRITERS[writer]())
    assert validate_answers(DOCUMENT, answers).errors == {
        "need_communication": [AT_LEAST_ONE[writer]]
    }
    # Boxes left with only spaces or line breaks describe nothing either.
    spaces = without_areas(answers, **dict.fromkeys(AREA_FIELDS, " \n "))
    assert validate_answers(DOCUMENT, spaces).errors == {
        "need_communication": [AT_LEAST_ONE[writer]]
    }


def test_the_error_summary_takes_the_user_to_the_first_area():
    form = needs_form("parent", {})
    assert not form.validate()
    assert form.error_items() == [{"text": AT_LEAST_ONE["parent"], "href": "#need_communication"}]
    assert [field.short_name for field in form.fields_asked() if field.errors] == [
        "need_communication"
    ]


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("area", range(4), ids=AREA_FIELDS)
def test_any_one_area_is_enough_and_is_the_only_one_printed(writer, area):
    described = f"What the {AREA_HEADINGS[area].lower()} box said."
    answers = without_areas(WRITERS[writer](), **{AREA_FIELDS[area]: described})
    context_ = context_of(answers)
    assert context_["sen_areas"] == [{"heading": AREA_HEADINGS[area], "paragraphs": [described]}]
    text = text_of(render_docx(DOCUMENT, context_))
    for other, heading in enumerate(AREA_HEADINGS):
        assert (heading in text) is (other == area)
    assert described in text


def test_an_area_has_the_same_limit_and_message_as_the_forms_other_long_answers():
    form = needs_form("parent")
    limit = form.need_semh.max_length
    assert limit == step_form(DOCUMENT.step("plan-necessary"), csrf=False).reasons_plan.max_length
    answers = example(need_semh="x" * (limit + 1))
    assert validate_answers(DOCUMENT, answers).errors == {
        "need_semh": [f"Social, emotional and mental health must be {limit:,} characters or fewer"]
    }


def test_the_letter_gives_each_answered_area_under_its_own_heading_in_the_codes_order():
    paragraphs = headings_and_text(context())
    part_1 = section(paragraphs, "1. Leo has or may have special educational needs")
    intro, *_ = part_1
    assert intro == (
        f"{capital(law.cite('code-6.28-6.35'))} describe four broad areas of special "
        "educational needs. I set out Leo's needs below under each area that applies.",
        "Normal",
    )
    headings = [text for text, style in part_1 if style == "Heading 3"]
    assert headings == AREA_HEADINGS[:3]  # the example leaves the sensory box empty
    for heading, name in zip(headings, AREA_FIELDS, strict=False):
        assert section(paragraphs, heading) == [
            (line, "Normal") for line in DOCUMENT.example[name].split("\n")
        ]
    assert not any("Sensory" in text or "More about" in text for text, _ in paragraphs)


def test_the_areas_come_between_the_legal_test_and_part_2():
    texts = [text for text, _ in headings_and_text(context())]
    assert texts.index("The legal test") < texts.index(
        "1. Leo has or may have special educational needs"
    )
    assert texts.index("Social, emotional and mental health") < texts.index(
        "2. An EHC plan may be necessary"
    )


@pytest.mark.parametrize(
    ("writer", "we_set_out", "more"),
    [
        ("parent", "I set out Leo's needs", "More about Leo's needs"),
        ("young_person", "I set out my needs", "More about my needs"),
        ("school", "We set out Amara's needs", "More about Amara's needs"),
    ],
)
def test_anything_else_is_printed_after_the_areas_in_the_writers_voice(writer, we_set_out, more):
    context_ = context_of({**WRITERS[writer](), "reasons_sen": "A first line.\nA second line."})
    assert f"{we_set_out} below under each area that applies." in context_["sen_intro"]
    assert cites(context_["sen_intro"], "code-6.28-6.35")
    assert context_["sen_areas"][-1] == {
        "heading": more,
        "paragraphs": ["A first line.", "A second line."],
    }
    paragraphs = headings_and_text(context_)
    assert section(paragraphs, more) == [("A first line.", "Normal"), ("A second line.", "Normal")]


def test_the_areas_are_cited_from_the_code_as_checked():
    citation = law.CITATIONS["code-6.28-6.35"]
    assert citation.short == (
        "paragraphs 6.28 to 6.35 of the SEND Code of Practice: 0 to 25 years (2015)"
    )
    assert citation.confidence == "secondary"
    assert citation.last_verified == law.LAST_VERIFIED
    for area in ("communication and interaction", "cognition and learning", "sensory"):
        assert area in citation.summary


# Before the areas, the step had one answer, `reasons_sen`. It is still a question (now
# "Anything else"), so nothing a draft or a client holds is lost, but it is no longer enough.


def test_an_old_answer_alone_is_kept_but_asks_for_an_area():
    validated = validate_answers(DOCUMENT, without_areas(example(), reasons_sen=OLD_ANSWER))
    assert validated.errors == {"need_communication": [AT_LEAST_ONE["parent"]]}
    assert validated.answers["reasons_sen"] == OLD_ANSWER


def test_a_draft_with_the_old_answer_leads_back_to_the_needs_step_with_it_shown():
    stored = answers_by_step(DOCUMENT, without_areas(example(), reasons_sen=OLD_ANSWER))
    assert stored[NEEDS] == {"reasons_sen": OLD_ANSWER}
    state = progress(DOCUMENT, stored)
    assert state.first_missing.slug == NEEDS
    form = step_form(DOCUMENT.step(NEEDS), stored[NEEDS], earlier=state.earlier[NEEDS], csrf=False)
    assert not form.validate()
    assert form.reasons_sen.data == OLD_ANSWER
    assert form.error_items() == [{"text": AT_LEAST_ONE["parent"], "href": "#need_communication"}]
    # Once an area is described, the old answer prints as "More about Leo's needs".
    stored[NEEDS]["need_cognition"] = "He reads at the level of a six-year-old."
    state = progress(DOCUMENT, stored)
    assert state.complete
    areas = build_context(state.answers)["sen_areas"]
    assert [area["heading"] for area in areas] == [
        "Cognition and learning",
        "More about Leo's needs",
    ]
    assert areas[1]["paragraphs"] == [OLD_ANSWER]


# --- Views, wishes and feelings -----------------------------------------------------------


@pytest.mark.parametrize(
    ("writer", "title", "labels"),
    [
        (
            "parent",
            "Your child's views and yours",
            [
                "What are your child's views, wishes and feelings? (optional)",
                "What are your own views, wishes and feelings? (optional)",
            ],
        ),
        ("young_person", "Your views", ["What are your views, wishes and feelings? (optional)"]),
        (
            "school",
            "The views of the pupil and their family",
            [
                "What are the pupil's views, wishes and feelings? (optional)",
                "What are the family's views, wishes and feelings? (optional)",
            ],
        ),
    ],
)
def test_the_views_step_asks_in_the_voice_of_whoever_is_writing(writer, title, labels):
    form = step_form(DOCUMENT.step("views"), earlier={"writer": writer}, csrf=False)
    assert form.title == title
    assert [field.label.text for field in form.fields_asked()] == labels
    assert [field.short_name for field in form.fields_asked()] == [
        "child_views",
        "parent_views",
    ][: len(labels)]
    assert "views, wishes and feelings" in form.hint


def headings_and_text(context_):
    """(paragraph text, style name) of the rendered letter, in order."""
    document = render_docx(DOCUMENT, context_)
    return [(paragraph.text, paragraph.style.name) for paragraph in document.paragraphs]


def section(paragraphs, heading):
    """The paragraphs after `heading`, up to the next heading of the same or a higher level."""
    start = paragraphs.index(next(p for p in paragraphs if p[0] == heading))
    level = paragraphs[start][1]
    after = []
    for paragraph in paragraphs[start + 1 :]:
        if paragraph[1].startswith("Heading") and paragraph[1] <= level:
            break
        after.append(paragraph)
    return after


def test_a_parent_gives_the_childs_views_and_their_own_under_clear_headings():
    context_ = context()
    assert cites(context_["views_intro"], "cfa-s19")
    assert context_["views_intro"].endswith(
        "must have regard to the views, wishes and feelings of Leo and of me, as Leo's parent."
    )
    paragraphs = headings_and_text(context_)
    views = section(paragraphs, "Views, wishes and feelings")
    assert ("Views, wishes and feelings", "Heading 2") in paragraphs
    assert views[0] == (context_["views_intro"], "Normal")
    child = DOCUMENT.example["child_views"].split("\n")
    parent = DOCUMENT.example["parent_views"].split("\n")
    assert views[1:] == [
        ("Leo's views", "Heading 3"),
        *[(line, "Normal") for line in child],
        ("My views as Leo's parent", "Heading 3"),
        *[(line, "Normal") for line in parent],
    ]


def test_a_young_person_gives_their_own_views_only():
    answers = {**as_writer(YOUNG_PERSON), "parent_views": "What my mum thinks."}
    validated = validate_answers(DOCUMENT, answers)
    assert "parent_views" not in validated.answers
    context_ = build_context(validated.answers)
    assert context_["views_intro"] == (
        f"{capital(law.cite('cfa-s19'))} says that you must have regard to my views, wishes and "
        "feelings."
    )
    assert context_["parent_views"] == []
    views = section(headings_and_text(context_), "Views, wishes and feelings")
    # Their own views only, straight under the section's heading: no second heading.
    assert views[1:] == [(line, "Normal") for line in YOUNG_PERSON["child_views"].split("\n")]
    assert "What my mum thinks." not in all_text(context_)


def test_a_school_gives_the_familys_views_as_the_family_gave_them():
    context_ = context_of(as_writer(SCHOOL))
    intro = context_["views_intro"]
    assert cites(intro, "cfa-s19")
    assert "of Amara and Amara's parents" in intro
    assert intro.endswith("We give their views below as they gave them to us.")
    views = section(headings_and_text(context_), "Views, wishes and feelings")
    assert views[1:] == [
        ("Amara's views", "Heading 3"),
        *[(line, "Normal") for line in SCHOOL["child_views"].split("\n")],
        ("The family's views", "Heading 3"),
        *[(line, "Normal") for line in SCHOOL["parent_views"].split("\n")],
    ]
    form = step_form(DOCUMENT.step("views"), earlier={"writer": "school"}, csrf=False)
    assert "as the family gave them to you" in form.parent_views.description


def test_only_the_views_given_are_printed():
    context_ = context(child_views=None)
    paragraphs = headings_and_text(context_)
    assert ("Leo's views", "Heading 3") not in paragraphs
    assert section(paragraphs, "Views, wishes and feelings")[1][0] == "My views as Leo's parent"


def test_the_views_come_after_the_support_so_far_and_before_the_advice():
    headings = [text for text, style in headings_and_text(context()) if style == "Heading 2"]
    assert headings.index("Support so far and progress") + 1 == headings.index(
        "Views, wishes and feelings"
    )
    assert headings.index("Views, wishes and feelings") + 1 == headings.index(
        "Who to ask for advice"
    )


# --- Sending and the time limits ----------------------------------------------------------


def deadline_dates(context_):
    return [row["date"] for row in context_["deadlines"]]


def test_example_dates_count_from_the_day_of_the_email():
    context_ = context()
    assert context_["letter_date"] == "1 December 2026"
    assert context_["sending"] == (
        "I am sending this request by email on 1 December 2026, before 5pm, so you should "
        "receive it that day."
    )
    assert "assume you receive it on 1 December 2026" in context_["limits_intro"]
    # Tue 1 Dec 2026 + 6, 16 and 20 calendar weeks.
    assert deadline_dates(context_) == ["12 January 2027", "23 March 2027", "20 April 2027"]
    assert deadlines.ehc_deadlines(datetime.date(2026, 12, 1))["decide-to-assess"] == (
        datetime.date(2027, 1, 12)
    )


def test_each_date_is_printed_with_its_regulation():
    rows = context()["deadlines"]
    assert [row["law"] for row in rows] == [
        f"Within 6 weeks of receiving the request, under {law.cite('send-regs-5-1')}",
        f"Within 16 weeks of receiving the request, under {law.cite('send-regs-10-1')}",
        f"Within 20 weeks of receiving the request, under {law.cite('send-regs-13-2')}",
    ]
    assert rows[0]["task"] == "Decide whether to carry out an assessment, and tell me"
    assert law.cite("send-regs-5-1").startswith("regulations 4(1) and 5(1)")


def test_the_assumption_about_the_day_of_receipt_is_explained():
    assert "If you receive it on a different day, please tell me." in context()["limits_intro"]


@pytest.mark.parametrize(
    ("answers", "affected", "away", "ask"),
    [
        ("parent", "Leo or me", "Leo or I have", "please tell me which one and why"),
        ("young-person", "me", "I have", "please tell me which one and why"),
        ("school", "Amara or Amara's parents", "Amara or Amara's parents have", "tell us"),
        ("sixth-form", "Leo", "Leo has", "tell us"),
    ],
)
def test_the_exceptions_are_the_regulations_own_as_the_missed_deadline_letter_says_them(
    answers, affected, away, ask
):
    """The closure exception runs from a week before a closure of 4 weeks or more until a
    week before it reopens; it is not 'a school may be closed'. Both letters word it alike.
    For a young person, the circumstances and the absence that count are their own."""
    given = {
        "parent": example(),
        "young-person": as_writer(YOUNG_PERSON),
        "sixth-form": as_writer(SIXTH_FORM),
    }
    context_ = context_of(given.get(answers) or as_writer(SCHOOL))
    assert cites(context_["exceptions_intro"], "send-regs-exceptions")
    assert "only if it is impractical" in context_["exceptions_intro"]
    reasons = ehc_exception_reasons(affected, away)
    assert context_["exceptions"] == [
        f"{reasons[0]};",
        f"{reasons[1]}; or",
        f"{reasons[2]}.",
    ]
    assert (
        "from one week before it closed for a continuous period of 4 weeks or more"
        in context_["exceptions"][0]
    )
    assert "until one week before it reopened" in context_["exceptions"][0]
    assert context_["exceptions"][2].endswith(
        f"{away} been away from the area for a continuous period of 4 weeks or more."
    )
    assert ask in context_["exceptions_ask"]
    text = text_of(render_docx(DOCUMENT, context_))
    assert "may be closed for 4 weeks or more" not in text
    for reason in context_["exceptions"]:
        assert reason in text


def test_an_early_years_closure_is_said_to_count_only_for_the_16_and_20_weeks():
    """The letter cites regulations 5(4), 10(4) and 13(3) together; only 10(4) (which 13(3)
    borrows) names early years providers, so the letter says so right after the list."""
    context_ = context()
    assert "school, college or early years setting" in context_["exceptions"][0]
    assert context_["exceptions_ask"].startswith(
        "The closure of an early years setting counts only for the 16-week and 20-week time "
        "limits. If you think one of these reasons applies,"
    )
    paragraphs = [p.text for p in render_docx(DOCUMENT, context_).paragraphs]
    after_list = paragraphs.index(context_["exceptions"][-1]) + 1
    assert paragraphs[after_list] == context_["exceptions_ask"]


@pytest.mark.parametrize(
    ("answers", "whom"),
    [("parent", "tell me of my right"), ("young-person", "tell me of my right"),
     ("school", "tell Amara's parents of their right")],
)  # fmt: skip
def test_a_decision_not_to_assess_must_come_with_the_right_of_appeal(answers, whom):
    given = {"parent": example(), "young-person": as_writer(YOUNG_PERSON)}
    context_ = context_of(given.get(answers) or as_writer(SCHOOL))
    appeal = context_["appeal"]
    assert appeal.startswith("If you decide not to carry out an assessment, please ")
    assert f"{whom} to appeal against the decision" in appeal
    assert "the time limits for appealing" in appeal
    assert "mediation" in appeal
    assert cites(appeal, "send-regs-5-3")
    assert law.CITATIONS["send-regs-5-3"].short.startswith("regulation 5(3)")
    document = render_docx(DOCUMENT, context_)
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}
    assert styles["If you decide not to assess"] == "Heading 2"
    assert styles[appeal] == "Normal"


@pytest.mark.parametrize(
    ("changes", "sending", "received", "first_deadline"),
    [
        (
            # Fri 4 Dec 2026 after 5pm -> Mon 7 Dec.
            {"sent_on": "2026-12-04", "sent_after_5pm": True},
            "by email after 5pm on 4 December 2026, so it should count as received on the "
            "next working day, 7 December 2026.",
            "7 December 2026",
            "18 January 2027",
        ),
        (
            # Sat 5 Dec 2026 by hand -> Mon 7 Dec.
            {"sent_on": "2026-12-05", "sent_by": "hand"},
            "delivering this request by hand on 5 December 2026, which is not a working day, "
            "so it should count as received on the next working day, 7 December 2026.",
            "7 December 2026",
            "18 January 2027",
        ),
        (
            # Thu 24 Dec 2026 first class: Fri 25, Sat 26, Sun 27, Mon 28 (substitute) -> Tue 29.
            {"sent_on": "2026-12-24", "sent_by": "first-class-post", "sent_after_5pm": None},
            "by first-class post on 24 December 2026, so you should receive it on the next "
            "working day, 29 December 2026.",
            "29 December 2026",
            "9 February 2027",
        ),
        (
            # Fri 4 Dec 2026 signed-for: expected to be signed for on Mon 7 Dec.
            {"sent_on": "2026-12-04", "sent_by": "signed-post", "sent_after_5pm": None},
            "by signed-for post on 4 December 2026. It should count as received on the day it "
            "is signed for, which is likely to be the next working day, 7 December 2026.",
            "7 December 2026",
            "18 January 2027",
        ),
    ],
    ids=["email-after-5pm", "hand-on-saturday", "first-class-at-christmas", "signed-for"],
)
def test_the_day_of_receipt_follows_how_and_when_it_is_sent(
    changes, sending, received, first_deadline
):
    context_ = context(**changes)
    assert context_["sending"].endswith(sending)
    assert f"assume you receive it on {received}." in context_["limits_intro"]
    assert deadline_dates(context_)[0] == first_deadline


def test_letter_is_dated_the_day_it_is_sent():
    assert context(sent_on="2026-12-01")["letter_date"] == "1 December 2026"


def test_citations_all_come_from_law():
    for answers in (example(), as_writer(YOUNG_PERSON), as_writer(SCHOOL)):
        letter = all_text(context_of(answers))
        for citation in sorted(law.all_citation_texts(), key=len, reverse=True):
            letter = letter.replace(citation, "")
            letter = letter.replace(citation[0].upper() + citation[1:], "")
        for trace in ("Act 20", "Regulations 20", "Code of Practice", "section ", "egulation"):
            assert trace not in letter


# --- Addressing, file name and what to do next --------------------------------------------


def test_a_named_officer_is_written_to_by_name():
    context_ = context(la_officer="Ms Joy Adeyemi")
    assert context_["addressee"][:3] == ["Ms Joy Adeyemi", "SEN Team", "Westbridge Borough Council"]
    assert context_["salutation"] == "Dear Ms Adeyemi"
    assert context_["sign_off"] == "Yours sincerely"
    unnamed = context()
    assert unnamed["addressee"][0] == "SEN Team"
    assert (unnamed["salutation"], unnamed["sign_off"]) == ("Dear SEN Team", "Yours faithfully")


def test_advisers_are_listed_with_their_job_and_details():
    assert context()["advice_from"] == [
        "Dr Rachel Evans, community paediatrician (Westbridge Children's Centre; saw Leo this "
        "term)",
        "Westbridge Speech and Language Therapy Service (Leo has been on its waiting list for "
        "six months)",
    ]


def test_filename_names_the_child_and_the_sending_date():
    assert DOCUMENT.filename(DOCUMENT.example) == (
        "EHC needs assessment request for Leo Brennan, 1 December 2026"
    )
    assert DOCUMENT.filename(as_writer(YOUNG_PERSON)).startswith(
        "EHC needs assessment request for Jordan Achterberg"
    )


def test_next_steps_cover_proof_a_missed_deadline_appeal_and_advice():
    steps = " ".join(DOCUMENT.next_steps)
    assert "proof" in steps
    assert "'Letter to the council about a missed EHC time limit'" in steps
    assert cites(steps, "cfa-s51")
    assert cites(steps, "cfa-s55")
    assert "SENDIASS" in DOCUMENT.advice  # said last, unless an advice service's page
    assert "IPSEA" in DOCUMENT.advice


def test_next_steps_name_the_missed_deadline_letter_as_the_catalogue_does():
    titles = {document.slug: document.title for document in CATALOGUE}
    if "missed-deadline-letter" in titles:
        assert f"'{titles['missed-deadline-letter']}'" in " ".join(DOCUMENT.next_steps)


def test_the_letter_is_for_parents_young_people_and_schools():
    assert DOCUMENT.audience == ("parent", "young-person", "school")


# --- Blank mode ---------------------------------------------------------------------------


def test_blank_mode_gives_a_parents_letter_with_prompts():
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["blank"] is True
    assert context_["letter_date"] == "[date]"
    assert context_["salutation"] == "Dear [name]"
    assert context_["sender_lines"][0] == "[your name]"
    assert "[my son / my daughter / my child], [child's name], who" in context_["opening"][0]
    assert all(is_prompt(row["date"]) for row in context_["deadlines"])
    assert context_["deadlines"][0]["date"] == "[date 6 weeks after they receive it]"
    assert cites(context_["deadlines"][2]["law"], "send-regs-13-2")
    assert "[email / hand / post]" in context_["sending"]
    assert context_["advice_from"] == ["[name or service], [their job] ([where they work])"]
    assert context_["enclosures"] == ["[a document, with its date]"]
    assert context_["child_views"] == ["[your child's views, in their own words if you can]"]
    assert context_["parent_views"] == ["[your views as a parent]"]
    assert context_.keys() == context().keys()


def test_a_blank_letter_has_every_area_for_the_writer_to_delete_if_not_needed():
    context_ = build_context(blank_answers(DOCUMENT))
    areas = context_["sen_areas"]
    assert [area["heading"] for area in areas] == [
        *AREA_HEADINGS,
        "More about [child's name]'s needs",
    ]
    assert areas[0]["paragraphs"] == [
        "[needs in this area, the evidence, what has been tried and what difference it made]"
    ]
    assert areas[-1]["paragraphs"] == ["[anything else about your child's needs]"]
    headings = [text for text, style in headings_and_text(context_) if style == "Heading 3"]
    assert [f"{heading} [delete if not needed]" for heading in AREA_HEADINGS] == headings[:4]


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    # ...and the advice service's line, which every template's footer reads (the engine's).
    assert variables == {*context().keys(), ORGANISATION_LINE}


@pytest.mark.parametrize("answers", ["parent", "young-person", "school"])
def test_every_answer_typed_comes_back_in_the_letter(answers):
    given = {
        "parent": example(),
        "young-person": as_writer(YOUNG_PERSON),
        "school": as_writer(SCHOOL),
    }[answers]
    text = text_of(render_docx(DOCUMENT, context_of(given)))
    skip = {"writer", "child_relation", "child_dob", "family_agrees"}
    skip |= {"sent_on", "sent_by", "sent_after_5pm"}
    for key, value in given.items():
        if key not in skip:
            for line in all_text(value).split("\n"):
                assert line.strip() in text, key
    assert "{{" not in text
    assert "{%" not in text


def test_time_limits_table_has_a_header_and_one_row_per_deadline():
    document = render_docx(DOCUMENT, context())
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["What you must do", "By", "Time limit and the law"]
    assert [row[1] for row in rows[1:]] == ["12 January 2027", "23 March 2027", "20 April 2027"]
    assert "regulations 4(1) and 5(1)" in rows[1][2]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")


# The case a caseworker saw split: the header and the 6-week row on one page, the rest on the
# next (a young person, first-class post, no school, advisers or enclosures).
def short_young_person():
    answers = as_writer(YOUNG_PERSON)
    del answers["school_name"], answers["sent_after_5pm"]
    return {**answers, "sent_by": "first-class-post", "advice_from": [], "enclosures": []}


def kept_with_next(row):
    return [bool(p.paragraph_format.keep_with_next) for cell in row.cells for p in cell.paragraphs]


@pytest.mark.parametrize("mode", ["example", "blank", "short-young-person"])
def test_the_date_table_is_kept_on_one_page(mode):
    """Three rows read as one: each row's paragraphs but the last row's keep with the next,
    and the sentence before the table keeps with it."""
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    else:
        context_ = context_of(short_young_person() if mode != "example" else example())
    document = render_docx(DOCUMENT, context_)
    (table,) = document.tables
    *together, last = table.rows
    assert len(together) == 3  # the header and two of the three deadlines
    for row in together:
        assert all(kept_with_next(row))
    assert not any(kept_with_next(last))
    assert [cell.text for cell in last.cells][1] == context_["deadlines"][-1]["date"]
    before = next(p for p in document.paragraphs if p.text == context_["limits_intro"])
    assert before.paragraph_format.keep_with_next


@pytest.mark.libreoffice
def test_the_date_table_prints_on_one_page(soffice_path, tmp_path):
    source = tmp_path / "request.docx"
    document = render_docx(DOCUMENT, context_of(short_young_person()))
    document.save(source)
    (texts,) = printed_pages(soffice_path, tmp_path, [source])
    pages = ["".join(text.split()) for text in texts]
    assert len(pages) > 1  # the case that split: the table falls near the end of a page
    cells = {"".join(cell.text.split()) for row in document.tables[0].rows for cell in row.cells}
    assert any(all(cell in page for cell in cells) for page in pages)


ONE_AREA = {"need_sensory": "He wears a hearing aid.\nHe misses much of what is said in class."}


def part_1_printed(context_):
    """(heading, the start of the paragraph after it) for each heading in Part 1."""
    document = render_docx(DOCUMENT, context_)
    paragraphs = document.paragraphs
    return document, [
        (paragraph, paragraphs[index + 1].text[:40])
        for index, paragraph in enumerate(paragraphs)
        if paragraph.style.name == "Heading 3" and paragraph.text.split(" [")[0] in AREA_HEADINGS
    ]


@pytest.mark.parametrize("mode", ["example", "one-area", "blank"])
def test_each_area_heading_keeps_with_its_first_paragraph(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    else:
        context_ = context_of(
            example() if mode == "example" else without_areas(example(), **ONE_AREA)
        )
    _, headings = part_1_printed(context_)
    assert len(headings) == {"example": 3, "one-area": 1, "blank": 4}[mode]
    for heading, _ in headings:
        assert heading.style.paragraph_format.keep_with_next
        assert heading.paragraph_format.keep_with_next is not False  # not turned off by hand


@pytest.mark.libreoffice
def test_no_area_heading_is_printed_without_its_first_paragraph(soffice_path, tmp_path):
    """The example, one area alone and the blank template, printed by LibreOffice: each
    area's heading is on the same page as the start of what it heads."""
    sources, kept = [], []
    for name, context_ in (
        ("example", context()),
        ("one-area", context_of(without_areas(example(), **ONE_AREA))),
        ("blank", build_context(blank_answers(DOCUMENT))),
    ):
        document, headings = part_1_printed(context_)
        sources.append(tmp_path / f"{name}.docx")
        document.save(sources[-1])
        kept.append([(heading.text, start) for heading, start in headings])
    for texts, headings in zip(printed_pages(soffice_path, tmp_path, sources), kept, strict=True):
        pages = ["".join(text.split()) for text in texts]
        for heading, start in headings:
            squeezed = "".join(heading.split())
            (page,) = [text for text in pages if squeezed in text]
            assert "".join(start.split()) in page, f"{heading} printed apart from its text"


@pytest.mark.parametrize("mode", ["example", "blank", "short", "school"])
def test_no_empty_paragraphs_are_used_for_spacing(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "short":
        context_ = context(
            school_action=None,
            progress=None,
            advice_from=None,
            enclosures=None,
            writer_email=None,
            writer_phone=None,
            school_name=None,
            year_group=None,
        )
    elif mode == "school":
        context_ = context_of(as_writer(SCHOOL))
    else:
        context_ = context()
    document = render_docx(DOCUMENT, context_)
    for paragraph in document.paragraphs:
        assert paragraph.text.strip(), "an empty paragraph"


def test_lists_use_word_list_styles():
    document = render_docx(DOCUMENT, context())
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}
    for item in DOCUMENT.example["enclosures"]:
        assert styles[item] == "List Bullet"
    assert styles["Leo has or may have special educational needs (SEN)"] == "List Bullet"
    assert styles[context()["heading"]] == "Heading 1"
    assert styles["The legal test"] == "Heading 2"
