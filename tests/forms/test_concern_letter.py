"""The parent's concern letter: its questions, its wording, its dates and its Word template."""

import datetime
import functools
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from forms import concern_letter, deadlines, law
from forms.common import (
    EXAMPLES_WRITTEN,
    educational_record_copy_right,
    educational_record_right,
    example_answers,
)
from forms.concern_letter import DOCUMENT, build_context
from service.answers import blank_answers, validate_answers
from service.catalogue import is_prompt
from service.rendering import ORGANISATION_LINE
from service.steps import step_form
from tests.forms import documents
from tests.forms.documents import (
    answers_by_step,
    printed_pages,
    render_docx,
    template_path,
    text_of,
    visible_steps,
)
from tests.forms.readability import flesch_reading_ease, syllables

# A Wednesday; Easter Monday is 6 April 2026. It falls in the school year before the one the
# example was written for (2026/27), so the example's date of birth reads a year earlier.
TODAY = datetime.date(2026, 3, 4)
example = functools.partial(documents.example, DOCUMENT)
context = functools.partial(documents.context, DOCUMENT)


NOT_FREE_TEXT = {"recipient", "school_type", "child_dob", "professionals_involved", "requests"}


def free_text(answers):
    """Every line of text the parent typed, each of which the letter must carry."""
    lines = []
    for key, value in answers.items():
        if key not in NOT_FREE_TEXT:
            for item in value if isinstance(value, list) else [value]:
                lines += [line.strip() for line in item.split("\n") if line.strip()]
    return lines


def all_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(all_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(all_text(item) for item in value.values())
    return ""


# --- Questions ----------------------------------------------------------------------------


def test_example_answers_are_valid():
    validated = validate_answers(DOCUMENT, DOCUMENT.example)
    assert validated.errors == {}
    assert validated.answers == DOCUMENT.example


def test_field_names_are_short_snake_case():
    for step in DOCUMENT.steps:
        for name in DOCUMENT.field_names(step):
            assert re.fullmatch(r"[a-z][a-z_]{1,24}", name), name


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("recipient", "Select who the letter is to"),
        ("school_name", "Enter the name of the school"),
        ("school_type", "Select what type of school it is"),
        ("child_name", "Enter your child's full name"),
        ("child_dob", "Enter your child's date of birth"),
        ("year_group", "Enter your child's year group"),
        ("concerns", "Enter at least one concern"),
        (
            "professionals_involved",
            "Select yes if a professional is involved or your child is waiting to see one",
        ),
        ("professionals", "Enter who is involved or who your child is waiting to see"),
        ("requests", "Select what you want to ask the school for"),
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
            {"writer_email": "chidi at example"},
            "writer_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"writer_phone": "call me"},
            "writer_phone",
            "Enter a phone number, like 01632 960 001 or 07700 900 982",
        ),
        ({"school_type": "grammar"}, "school_type", "Select what type of school it is"),
        ({"concerns": ["", "  "]}, "concerns", "Enter at least one concern"),
    ],
)
def test_wrong_answers_say_how_to_put_them_right(changes, field, message):
    assert validate_answers(DOCUMENT, example(**changes)).errors == {field: [message]}


def test_optional_answers_can_be_left_out():
    optional = [
        "senco_name",
        "head_name",
        "school_address",
        "child_known_as",
        "examples",
        "tried",
        "availability",
        "companion",
        "questions",
        "writer_relationship",
        "writer_email",
        "writer_phone",
    ]
    answers = {k: v for k, v in DOCUMENT.example.items() if k not in optional}
    assert validate_answers(DOCUMENT, answers).errors == {}
    context_ = build_context(validate_answers(DOCUMENT, answers).answers)
    assert context_["opening"].startswith("I am Amara's parent.")
    assert context_["salutation"] == "Dear SENCO"
    assert context_["sign_off"] == "Yours faithfully"
    assert context_["reply"].endswith("You can write to me at the address above.")
    assert context_["companion"] == ""
    assert context_["questions"] == []


def test_meeting_questions_are_skipped_when_no_meeting_is_asked_for():
    answers = example(requests=["assessment", "records"])
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    shown = [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]
    assert "meeting" not in shown
    assert "meeting" in [
        step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, example()))[0]
    ]
    assert "companion" not in validated.answers
    assert "questions" not in validated.answers
    context_ = build_context(validated.answers)
    assert context_["companion"] == ""
    assert context_["questions"] == []
    assert [request["lead"] for request in context_["requests"]] == [
        "An assessment of Amara's needs.",
        "Amara's educational record.",
    ]


def test_professionals_are_asked_about_only_when_there_are_some():
    validated = validate_answers(
        DOCUMENT, example(professionals_involved=False, professionals=None)
    )
    assert validated.errors == {}
    answers = example(professionals_involved=False)
    assert "professionals-details" not in [
        step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]
    ]
    context_ = build_context(validated.answers)
    assert context_["professionals"] == []


# --- The letter's wording -----------------------------------------------------------------


def test_example_letter_is_addressed_and_dated():
    context_ = context()
    assert context_["letter_date"] == "4 March 2026"
    # 10 working days, not a legal limit; the records have their own, said with them.
    assert context_["reply"].startswith(
        "Apart from my request for records, which has its own time limit, I would be grateful "
        "for a reply by 18 March 2026."
    )
    assert deadlines.reply_by(TODAY) == datetime.date(2026, 3, 18)
    assert context_["addressee"] == [
        "Mrs Patel",
        "SENCO",
        "Elmbrook Primary School",
        "Mill Lane",
        "Leeds",
        "LS6 4QT",
    ]
    assert context_["salutation"] == "Dear Mrs Patel"
    assert context_["sign_off"] == "Yours sincerely"
    assert context_["copy_to"] == "Copy to: Mr Hughes, Head Teacher"
    assert context_["sender_lines"] == [
        "Chidi Okafor",
        "14 Elm Road",
        "Leeds",
        "LS6 2QT",
        "chidi.okafor@example.com",
        "07700 900123",
    ]
    assert context_["signer"] == "Chidi Okafor"
    assert context_["heading"] == (
        "Concerns about Amara Okafor, Year 5 (date of birth 14 February 2016)"
    )
    assert context_["concerns"] == DOCUMENT.example["concerns"]


@pytest.mark.parametrize(
    ("changes", "addressee", "salutation", "sign_off", "copy_to"),
    [
        ({"recipient": "head"}, ["Mr Hughes", "Head Teacher"], "Dear Mr Hughes", "sincerely", ""),
        (
            {"recipient": "head", "head_name": None},
            ["The Head Teacher"],
            "Dear Head Teacher",
            "faithfully",
            "",
        ),
        ({"recipient": "senco"}, ["Mrs Patel", "SENCO"], "Dear Mrs Patel", "sincerely", ""),
        (
            {"recipient": "both", "senco_name": None, "head_name": None},
            ["The SENCO"],
            "Dear SENCO",
            "faithfully",
            "Copy to: Head Teacher",
        ),
    ],
)
def test_who_the_letter_is_to(changes, addressee, salutation, sign_off, copy_to):
    context_ = context(**changes)
    assert context_["addressee"][: len(addressee)] == addressee
    assert context_["addressee"][len(addressee)] == "Elmbrook Primary School"
    assert context_["salutation"] == salutation
    assert context_["sign_off"] == f"Yours {sign_off}"
    assert context_["copy_to"] == copy_to


def test_year_group_given_as_a_number_reads_as_a_year():
    assert ", Year 4 (" in context(year_group="4")["heading"]
    assert ", Year 6 (" in context(year_group="6")["heading"]


def test_only_the_names_the_letter_uses_are_asked():
    (names,) = [step for step in DOCUMENT.steps if step.slug == "names"]
    for recipient, asked in [
        ("senco", ["senco_name"]),
        ("head", ["head_name"]),
        ("both", ["senco_name", "head_name"]),
    ]:
        form = step_form(names, earlier={"recipient": recipient}, csrf=False)
        assert [field.short_name for field in form.fields_asked()] == asked
    answers = example(recipient="head")
    validated = validate_answers(DOCUMENT, answers)
    assert "senco_name" not in validated.answers
    assert "Mrs Patel" not in repr(build_context(validated.answers))


def test_the_type_of_school_is_asked_only_when_records_are():
    answers = example(requests=["meeting", "assessment"], school_type=None)
    shown = [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]
    assert "school-type" not in shown
    assert validate_answers(DOCUMENT, answers).errors == {}
    assert validate_answers(DOCUMENT, example(school_type=None)).errors == {
        "school_type": ["Select what type of school it is"]
    }


def test_the_date_of_birth_must_fit_the_year_group():
    errors = validate_answers(DOCUMENT, example(child_dob="2010-01-01")).errors
    assert errors == {
        "child_dob": [
            "Date of birth must be between 1 September 2013 and 31 August 2018 for a child in "
            "Year 5. Check the date of birth and the year group. If both are right, say so "
            "after the year group, like 'Year 5, taught out of year group'"
        ]
    }
    # Two school years either side are accepted (children with SEN are often taught out of
    # their age group), as is a year group with words after it.
    for year_group in ("Year 3", "Year 4", "Year 6", "Year 7"):
        assert validate_answers(DOCUMENT, example(year_group=year_group)).errors == {}
    for year_group in ("Year 2", "Year 8"):
        assert validate_answers(DOCUMENT, example(year_group=year_group)).errors != {}
    assert (
        validate_answers(DOCUMENT, example(year_group="Year 6 (taught with Year 6)")).errors == {}
    )
    assert validate_answers(DOCUMENT, example(year_group="Reception")).errors != {}


def cites(wording, key):
    """Whether the wording cites `key`, mid-sentence or at the start of one."""
    short = law.cite(key)
    return short in wording or short[0].upper() + short[1:] in wording


def records_request(context_):
    (request,) = [r for r in context_["requests"] if "record" in r["lead"]]
    return request["text"]


def test_maintained_school_is_asked_for_the_educational_record():
    wording = records_request(context(school_type="maintained"))
    assert cites(wording, "pupil-info-reg5")
    assert "within 15 school days" in wording
    # The copy it asks for is a right too, and any charge is no more than the cost of supply.
    assert "must also give a copy of the record within 15 school days" in wording
    assert "no more than the cost of supplying it" in wording
    assert "subject access" not in wording


def test_academy_gets_a_subject_access_request_with_its_due_date():
    wording = records_request(context(school_type="academy"))
    assert cites(wording, "gdpr-art15")
    assert cites(wording, "gdpr-art12-3")
    # 4 April 2026 is a Saturday and 6 April Easter Monday, so the next working day.
    assert wording.endswith(
        "must reply within one month of receiving it (by 7 April 2026 if you receive it on "
        "4 March 2026)."
    )
    assert deadlines.subject_access_due(TODAY) == datetime.date(2026, 4, 7)
    assert "regulation 5" not in wording
    assert "arrives today" not in wording


@pytest.mark.parametrize("school_type", ["maintained", "academy", "not_sure"])
def test_the_reply_date_is_for_the_rest_of_the_letter_when_records_are_asked_for(school_type):
    """The records have their own time limit in law; the date the letter asks a reply by is
    its own, for everything else, and must not read as a second date for the records."""
    reply = context(school_type=school_type)["reply"]
    assert reply.startswith(
        "Apart from my request for records, which has its own time limit, I would be grateful "
        "for a reply by 18 March 2026."
    )
    without = context(requests=["meeting", "assessment"], school_type=None)["reply"]
    assert without.startswith("I would be grateful for a reply by 18 March 2026.")


def test_the_blank_reply_says_what_to_cut_without_a_records_request():
    reply = build_context(blank_answers(DOCUMENT))["reply"]
    assert reply.startswith(
        "Apart from my request for records, which has its own time limit, I would be grateful "
        "for a reply by [date, two weeks from today]. [If you do not ask for records, start "
        "this sentence at 'I would be grateful'.]"
    )


def test_not_sure_asks_in_a_way_that_works_for_either_kind_of_school():
    wording = records_request(context(school_type="not_sure"))
    assert cites(wording, "pupil-info-reg5")
    assert cites(wording, "gdpr-art15")
    assert "If the school is maintained" in wording
    assert "If the school is an academy or free school" in wording


@pytest.mark.parametrize("blank", [False, True], ids=["not-sure", "blank"])
def test_a_copy_asked_of_a_maintained_school_cites_the_right_to_a_copy(blank):
    """The request is to see and copy the record: the right to see alone does not back it."""
    context_ = build_context(blank_answers(DOCUMENT)) if blank else context(school_type="not_sure")
    wording = records_request(context_)
    assert "a request to see and copy" in wording
    assert f"{educational_record_right()} {educational_record_copy_right()}" in wording
    assert "no more than the cost of supplying it" in wording


def test_citations_are_light_and_all_come_from_law():
    letter = all_text(context(school_type="not_sure"))
    for citation in sorted(law.all_citation_texts(), key=len, reverse=True):
        letter = letter.replace(citation, "")
        letter = letter.replace(citation[0].upper() + citation[1:], "")
    for trace in ("Act 20", "Regulations 20", "GDPR", "Code of Practice", "section ", "Article"):
        assert trace not in letter
    assert "statutory" not in letter  # the reply-by date is a request, not a legal limit


def test_filename_names_the_child_the_school_and_the_date():
    assert concern_letter.DOCUMENT.filename(DOCUMENT.example) == (
        "Letter about Amara Okafor to Elmbrook Primary School, 4 March 2026"
    )


# --- No diagnosis needed, the SEN policy, the examples ------------------------------------


@pytest.mark.parametrize(
    "requests",
    [["assessment"], ["meeting"], ["sen_support"], ["meeting", "information_report"]],
)
def test_no_diagnosis_is_needed_whenever_the_letter_asks_for_help(requests):
    """Not only when a professional is involved: section 20's test is about need."""
    context_ = context(requests=requests, professionals_involved=False, professionals=None)
    wording = context_["no_diagnosis_needed"]
    assert cites(wording, "cfa-s20")
    assert "The test is about need, so Amara does not need a diagnosis to get SEN support." in (
        wording
    )
    assert "appointments" not in wording
    paragraphs = [p.text for p in render_docx(DOCUMENT, context_).paragraphs]
    asking = paragraphs.index("What I am asking for")
    assert paragraphs[asking + 1 : asking + 3] == [wording, context_["asking"]]


def test_with_professionals_involved_help_should_not_wait_for_their_appointments():
    wording = context()["no_diagnosis_needed"]
    assert cites(wording, "cfa-s20")
    assert "does not need a diagnosis" in wording
    assert wording.endswith(
        "Please do not wait for the appointments above before putting help in place."
    )
    text = text_of(render_docx(DOCUMENT, context()))
    assert text.count(law.cite("cfa-s20")[1:]) == 1
    assert text.index("Professionals involved") < text.index(wording)


def test_the_letter_asks_for_the_sen_policy_and_the_sen_information_report():
    assert dict(concern_letter.REQUESTS)["information_report"] == (
        "A copy of the school's SEN policy and SEN information report"
    )
    (request,) = [r for r in context()["requests"] if "information report" in r["lead"]]
    assert request["lead"] == "The school's SEN policy and SEN information report."
    assert request["text"].startswith("Please send me a copy of each, or tell me where")
    assert cites(request["text"], "cfa-s69")
    assert "must publish" not in request["text"]  # section 69 says 'prepare'


@pytest.mark.parametrize("blank", [False, True], ids=["example", "blank"])
def test_the_examples_have_a_heading_not_loose_text_under_the_concerns(blank):
    context_ = build_context(blank_answers(DOCUMENT)) if blank else context()
    paragraphs = [(p.text, p.style.name) for p in render_docx(DOCUMENT, context_).paragraphs]
    heading = "Some examples [delete if not needed]" if blank else "Some examples"
    at = paragraphs.index((heading, "Heading 2"))
    assert paragraphs[at - 1][1] == "List Bullet"  # the last concern
    assert paragraphs[at + 1] == (context_["examples"][0], "List Bullet")
    assert not [text for text, style in paragraphs if text.startswith("Some examples:")]


def test_the_section_20_paragraph_keeps_its_lines_together():
    """Set in the builder: the paragraph holding no_diagnosis_needed never splits across a
    page break."""
    with zipfile.ZipFile(template_path(DOCUMENT)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    (paragraph,) = [
        p for p in body.iter(f"{w}p") if "{{ no_diagnosis_needed }}" in "".join(p.itertext())
    ]
    keep = paragraph.find(f"{w}pPr/{w}keepLines")
    assert keep is not None
    assert keep.get(f"{w}val") not in ("0", "false", "off")


STALE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:19|20)\d\d)\b"
)


def test_the_examples_free_text_names_no_month_year_or_weekday():
    """The example's dates move with the day it is read; words typed in it cannot."""
    assert [line for line in free_text(DOCUMENT.example) if STALE.search(line)] == []


def test_the_examples_year_group_is_the_usual_one_for_its_date_of_birth():
    """Born in February 2017 (as written for 1 December 2026): Year 5 in 2026/27."""
    written = example_answers("concern-letter", on=EXAMPLES_WRITTEN)
    assert (written["child_dob"], written["year_group"]) == ("2017-02-14", "Year 5")
    assert ", Year 5 (date of birth 14 February 2016)" in context()["heading"]


def test_the_opening_names_the_child_twice_then_says_my_child():
    opening = context()["opening"]
    assert opening.startswith(
        "I am Amara's father. I am writing because I am worried about how Amara is getting on "
        "at school, and I think my child may have special educational needs (SEN)."
    )
    assert opening.count("Amara") == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"requests": ["records"], "school_type": "academy"},
        {"requests": ["records"], "school_type": "maintained"},
        {"requests": ["information_report"], "school_type": None},
        {"requests": ["information_report", "records"], "school_type": "not_sure"},
    ],
)
def test_a_letter_asking_only_for_information_leaves_out_sections_20_and_66(changes):
    """Section 66's best endeavours and section 20's 'no diagnosis needed' are reasons for
    help; a letter asking only for records or the SEN policy goes straight to its requests."""
    context_ = context(**changes)
    assert context_["no_diagnosis_needed"] == ""
    assert context_["asking"] == ""
    document = render_docx(DOCUMENT, context_)
    paragraphs = [p.text for p in document.paragraphs]
    asking = paragraphs.index("What I am asking for")
    first = context_["requests"][0]
    assert paragraphs[asking + 1] == f"{first['lead']} {first['text']}"
    text = text_of(document)
    assert not cites(text, "cfa-s20")
    assert not cites(text, "cfa-s66")
    assert "With this in mind" not in text


@pytest.mark.parametrize("blank", [False, True], ids=["example", "blank"])
def test_what_has_been_tried_is_a_list_like_the_examples(blank):
    """Each line is a separate thing tried, so it is bulleted like the examples above it."""
    context_ = build_context(blank_answers(DOCUMENT)) if blank else context()
    document = render_docx(DOCUMENT, context_)
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert len(context_["tried"]) == (1 if blank else 2)
    for line in context_["tried"]:
        assert styles[line] == "List Bullet"


def ending(document):
    (paragraph,) = [p for p in document.paragraphs if p.style.name == "Closing"]
    return paragraph


@pytest.mark.parametrize("blank", [False, True], ids=["example", "blank"])
def test_the_reply_thank_you_and_sign_off_are_one_paragraph_kept_whole(blank):
    """LibreOffice ignores "keep with next" when a kept paragraph ends within a line of the
    foot of the page, and printed "Yours faithfully" and the name alone on a last page. A
    paragraph kept together it never splits."""
    context_ = build_context(blank_answers(DOCUMENT)) if blank else context()
    paragraph = ending(render_docx(DOCUMENT, context_))
    assert [line for line in paragraph.text.split("\n") if line] == [
        context_["reply"],
        context_["closing"],
        context_["sign_off"],
        context_["signer"],
    ]
    assert paragraph.text.split("\n")[1] == ""  # a blank line, as between paragraphs
    assert paragraph.style.paragraph_format.keep_together


RECORDS_ONLY = {
    "recipient": "senco",
    "senco_name": None,
    "head_name": None,
    "requests": ["records"],
    "school_type": "academy",
    "professionals_involved": False,
    "professionals": None,
    "availability": None,
    "companion": None,
    "questions": None,
    "examples": None,
    "tried": None,
}
MORE_CONCERNS = "Friendships: she often plays alone at break."
LONG_CONCERN = (
    "Maths: she finds it hard to remember number facts, and she loses track when a task has "
    "more than one step, so she often gives up before the end of the lesson."
)


@pytest.mark.libreoffice
def test_the_sign_off_is_never_printed_without_the_request_for_a_reply(soffice_path, tmp_path):
    """The case reported (the SENCO not named, records the only request, an academy, no
    professionals), with more or longer concerns, so that LibreOffice breaks the page at each
    point near the end of the letter: the page with the signature always has the request for
    a reply and the thank-you on it."""
    sources = []
    for more in range(6):
        for long in (False, True):
            concerns = DOCUMENT.example["concerns"] + [MORE_CONCERNS] * more
            context_ = context(**RECORDS_ONLY, concerns=concerns + [LONG_CONCERN] * long)
            source = tmp_path / f"letter-{more}-{int(long)}.docx"
            render_docx(DOCUMENT, context_).save(source)
            sources.append(source)
    printed = printed_pages(soffice_path, tmp_path, sources)
    reply, thanks = context(**RECORDS_ONLY)["reply"], context(**RECORDS_ONLY)["closing"]
    for source, texts in zip(sources, printed, strict=True):
        pages = [re.sub(r"\s+", "", text) for text in texts]
        (signed,) = [page for page in pages if "Yoursfaithfully" in page]
        for words in (reply, thanks):
            assert re.sub(r"\s+", "", words) in signed, (source.name, len(pages))


# --- Blank mode ---------------------------------------------------------------------------


def test_blank_mode_gives_a_printable_letter_with_prompts():
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["blank"] is True
    assert context_["letter_date"] == "[date]"
    assert "[date, two weeks from today]" in context_["reply"]
    assert is_prompt(context_["letter_date"])
    assert context_["salutation"] == "Dear [name]"
    assert "[child's full name]" in context_["heading"]
    assert context_["concerns"] == ["[a concern]"]
    assert len(context_["requests"]) == len(concern_letter.REQUESTS)
    assert context_["no_diagnosis_needed"].endswith(
        "Please do not wait for the appointments above before putting help in place. "
        "[Delete this sentence if you list no professionals.]"
    )
    records = records_request(context_)
    assert cites(records, "pupil-info-reg5")
    assert cites(records, "gdpr-art15")
    assert (
        context_["companion"] == "I would like to bring someone with me: [name, and who they are]."
    )
    assert context_.keys() == context().keys()


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    # ...and the advice service's line, which every template's footer reads (the engine's).
    assert variables == {*context().keys(), ORGANISATION_LINE}


def test_example_renders_with_every_answer_and_the_reply_date():
    context_ = context()
    text = text_of(render_docx(DOCUMENT, context_))
    assert "Amara Okafor" in text
    for concern in DOCUMENT.example["concerns"]:
        assert concern in text
    assert "reply by 18 March 2026" in text
    assert "Dear Mrs Patel" in text
    assert "Copy to: Mr Hughes, Head Teacher" in text
    for line in free_text(DOCUMENT.example):
        assert line in text
    assert "{{" not in text
    assert "{%" not in text


def test_characters_special_to_xml_come_through_as_typed():
    text = text_of(render_docx(DOCUMENT, context(school_name="Smith & Jones <Academy>")))
    assert "Smith & Jones <Academy>" in text


@pytest.mark.parametrize("mode", ["example", "blank", "short"])
def test_no_empty_paragraphs_are_used_for_spacing(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "short":
        context_ = context(
            requests=["assessment"],
            examples=None,
            tried=None,
            professionals_involved=False,
            professionals=None,
            writer_email=None,
            writer_phone=None,
            recipient="head",
        )
    else:
        context_ = context()
    document = render_docx(DOCUMENT, context_)
    for paragraph in document.paragraphs:
        has_drawing = paragraph._p.xpath(".//w:drawing")
        assert paragraph.text.strip() or has_drawing, "an empty paragraph"


def test_lists_use_word_list_styles():
    document = render_docx(DOCUMENT, context())
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}
    for concern in DOCUMENT.example["concerns"]:
        assert styles[concern] == "List Bullet"
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(DOCUMENT.example["requests"])
    assert numbered[0].runs[0].bold
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)


def test_template_is_en_gb_a4_and_holds_no_personal_data():
    document = docx.Document(template_path(DOCUMENT))
    normal = document.styles["Normal"].element
    assert normal.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == "en-GB"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    properties = document.core_properties
    assert (properties.author, properties.title, properties.last_modified_by) == ("", "", "")
    footer = section.footer.paragraphs[-1]._p.xml  # the page number, under the line if any
    assert "NUMPAGES" in footer


# --- Plain English ------------------------------------------------------------------------


def test_syllable_heuristic_is_sensible():
    assert [syllables(w) for w in ("school", "letter", "assessment", "make", "table")] == [
        1,
        2,
        3,
        1,
        2,
    ]


def test_fixed_wording_is_plain_english():
    """Flesch reading ease of the letter's own sentences (the blank template, headings and
    address lines left out), aiming at 50 or more: plain enough for most adults."""
    document = render_docx(DOCUMENT, build_context(blank_answers(DOCUMENT)))
    prose = [
        paragraph.text
        for paragraph in document.paragraphs
        if paragraph.text.rstrip().endswith((".", "?", ":", ".]"))
    ]
    assert len(prose) > 10
    assert flesch_reading_ease(prose) >= 50
