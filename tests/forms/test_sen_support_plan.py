"""The SENCO's SEN support plan: its questions, census codes, costs, review dates and layout."""

import datetime
import functools
import re

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from forms import deadlines, law, plan_parts, sen_support_plan
from forms.sen_support_plan import DOCUMENT, build_context
from service.answers import blank_answers, validate_answers
from service.catalogue import is_prompt
from service.journey.summary import summary_sections
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

TODAY = datetime.date(2026, 9, 10)
example = functools.partial(documents.example, DOCUMENT)
context = functools.partial(documents.context, DOCUMENT)


def errors(**changes):
    return validate_answers(DOCUMENT, example(**changes)).errors


def table_text(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables_by_caption(document):
    found = {}
    for table in document.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
        found.setdefault(caption, []).append(table)
    return found


def provision_item(**changes):
    item = {**DOCUMENT.example["provision"][0], **changes}
    return {key: value for key, value in item.items() if value is not None}


# --- Questions ----------------------------------------------------------------------------


def test_example_answers_are_valid():
    validated = validate_answers(DOCUMENT, DOCUMENT.example)
    assert validated.errors == {}
    assert validated.answers == DOCUMENT.example


def test_example_shows_every_step():
    shown = visible_steps(DOCUMENT, answers_by_step(DOCUMENT, DOCUMENT.example))[0]
    assert shown == list(DOCUMENT.steps)


def test_field_names_are_short_snake_case():
    for step in DOCUMENT.steps:
        for name in DOCUMENT.field_names(step):
            assert re.fullmatch(r"[a-z][a-z_0-9]{1,24}", name), name


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("school_name", "Enter the name of the school"),
        ("senco_name", "Enter the SENCO's name"),
        ("child_name", "Enter the pupil's full name"),
        ("child_dob", "Enter the pupil's date of birth"),
        ("year_group", "Enter the pupil's year group"),
        ("sen_status", "Select the pupil's SEN provision status"),
        ("primary_need", "Select the pupil's primary need"),
        ("strengths", "Enter the pupil's strengths"),
        ("areas", "Select at least one area of need"),
        (
            "need_cognition",
            "Enter what you know about the pupil's cognition and learning needs",
        ),
        ("voice_like", "Enter what people like and admire about the pupil"),
        ("voice_important", "Enter what is important to the pupil"),
        ("voice_support", "Enter how best to support the pupil"),
        ("voice_how", "Enter how you found out the pupil's views"),
        ("parent_views", "Enter what the parents or carers say"),
        ("baseline", "Enter the baseline and assessment information"),
        ("outcomes", "Enter at least one outcome"),
        ("provision", "Enter at least one intervention or support"),
        ("strategies", "Enter the classroom strategies"),
        ("plan_start", "Enter the date the plan starts"),
        ("parent_carer_name", "Enter the parent or carer's name"),
    ],
)
def test_each_required_answer_has_a_gov_uk_message(field, message):
    answers = example()
    del answers[field]
    assert validate_answers(DOCUMENT, answers).errors == {field: [message]}


@pytest.mark.parametrize(
    ("sub", "message"),
    [
        ("intervention", "Enter the intervention or support"),
        ("area", "Select the area of need"),
        ("frequency", "Enter how often"),
        ("session_length", "Enter the session length"),
        ("group_size", "Enter the group size"),
        ("staff", "Enter the staff role"),
        ("start", "Enter the start date"),
        ("end", "Enter the end date"),
    ],
)
def test_each_part_of_a_provision_line_is_asked_for(sub, message):
    item = provision_item(**{sub: None})
    assert errors(provision=[item]) == {"provision": [message]}


@pytest.mark.parametrize(
    ("sub", "message"),
    [
        ("target", "Enter the outcome"),
        ("start_point", "Enter the baseline for this outcome"),
        ("measure", "Enter how you will measure progress"),
        ("due", "Enter the date for this outcome"),
    ],
)
def test_each_part_of_an_outcome_is_asked_for(sub, message):
    item = {**DOCUMENT.example["outcomes"][0]}
    del item[sub]
    assert errors(outcomes=[item]) == {"outcomes": [message]}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"child_dob": "2099-01-01"}, "child_dob", "Date of birth must be today or in the past"),
        (
            {"upn": "K93820122401"},
            "upn",
            "Enter a UPN in the correct format: 13 characters, like A123456789012",
        ),
        (
            {"upn": "9938201224017"},
            "upn",
            "Enter a UPN in the correct format: 13 characters, like A123456789012",
        ),
        ({"sen_status": "S"}, "sen_status", "Select the pupil's SEN provision status"),
        (
            {"sen_status": "E", "primary_need": "NSA"},
            "primary_need",
            "NSA is only for pupils on SEN support (K). Select the pupil's primary need",
        ),
        (
            {"secondary_need": "SPLD"},
            "secondary_need",
            "Select a secondary need that is different from the primary need",
        ),
        ({"secondary_need": "NSA"}, "secondary_need", "Select secondary need"),
        ({"areas": ["hearing"]}, "areas", "Select at least one area of need"),
        (
            {"review_1": "2026-09-14"},
            "review_1",
            "First review date must be after the date the plan starts",
        ),
        (
            {"review_2": "2026-11-01"},
            "review_2",
            "Second review date must be after the first review date",
        ),
        (
            {"review_1": None, "review_2": "2027-03-03"},
            "review_2",
            "Enter the first review date first, or leave this date blank",
        ),
        (
            {"review_2": "2027-03-03", "review_3": "2027-03-03"},
            "review_3",
            "Third review date must be after the second review date",
        ),
        (
            {"provision": [provision_item(end="2026-09-01")]},
            "provision",
            "End date must be after the start date",
        ),
        (
            {"provision": [provision_item(group_size=0)]},
            "provision",
            "Group size must be between 1 and 40",
        ),
        (
            {"provision": [provision_item(cost="lots")]},
            "provision",
            "Cost must be an amount of money, like 450 or 120.50",
        ),
    ],
)
def test_wrong_answers_say_how_to_put_them_right(changes, field, message):
    assert errors(**changes) == {field: [message]}


def test_the_dates_are_asked_before_the_outcomes():
    slugs = [step.slug for step in DOCUMENT.steps]
    assert slugs.index("dates") < slugs.index("outcomes") < slugs.index("provision")


def outcome(**changes):
    return {**DOCUMENT.example["outcomes"][0], **changes}


@pytest.mark.parametrize("due", ["2026-09-01", "2026-09-14"])
def test_an_outcome_due_before_the_plan_starts_is_refused(due):
    assert errors(outcomes=[outcome(), outcome(due=due)]) == {
        "outcomes": [
            "The date for this outcome must be after the date the plan starts, 14 September 2026"
        ]
    }
    assert errors(outcomes=[outcome(due="2026-09-15")]) == {}


def test_an_outcome_date_is_checked_against_the_start_given_on_an_earlier_page():
    (step,) = [step for step in DOCUMENT.steps if step.slug == "outcomes"]
    stored = {"outcomes": [outcome(due="2026-09-01")]}
    form = step_form(step, stored, earlier={"plan_start": "2026-09-14"}, csrf=False)
    assert not form.validate()
    assert form.error_items()[0]["text"].endswith(
        "after the date the plan starts, 14 September 2026"
    )
    assert step_form(step, stored, earlier={"plan_start": "2026-08-31"}, csrf=False).validate()
    # With no start date yet, its own question says what is missing, not this one.
    assert step_form(step, stored, earlier={}, csrf=False).validate()


def test_the_pupil_is_asked_in_the_schools_voice():
    (pupil,) = [step for step in DOCUMENT.steps if step.slug == "pupil"]
    assert list(DOCUMENT.field_names(pupil)) == [
        "child_name",
        "child_known_as",
        "child_dob",
        "year_group",
        "upn",
        "class_name",
    ]
    assert pupil.title == "About the pupil"


def test_the_year_group_must_fit_the_date_of_birth():
    assert errors(child_dob="2012-01-01") == {
        "year_group": [
            "Someone born on 1 January 2012 is usually in Year 10. Check the year group and "
            "date of birth. If they are taught outside their usual year group, say so after "
            "the year group"
        ]
    }
    # Josh, born on 3 November 2016, is usually in Year 5 in 2026/27; a year either side is
    # accepted.
    assert errors(year_group="Year 4") == {}
    assert errors(year_group="Year 6") == {}
    assert errors(year_group="Year 3") != {}


def test_nsa_is_allowed_for_a_pupil_on_sen_support():
    context_ = context(primary_need="NSA", secondary_need="none")
    details = {row["label"]: row["value"] for row in context_["details"]}
    assert details["Primary need"] == (
        "NSA: SEN support but no specialist assessment of type of need"
    )
    assert "Secondary need" not in details


def test_optional_answers_can_be_left_out():
    optional = [
        "class_teacher",
        "key_adult",
        "child_known_as",
        "upn",
        "class_name",
        "secondary_need",
        "professionals",
        "home",
        "review_1",
        "parent_carer_role",
        "distribution",
    ]
    answers = {k: v for k, v in DOCUMENT.example.items() if k not in optional}
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    context_ = build_context(validated.answers)
    assert context_["child"] == "Joshua Adeyemi"
    labels = [row["label"] for row in context_["details"]]
    for gone in ("Known as", "Unique pupil number (UPN)", "Class", "Secondary need"):
        assert gone not in labels
    assert context_["professionals"] == []
    assert context_["home"] == []
    assert context_["distribution"] == []
    assert context_["signatories"][1] == {"name": "Funmi Adeyemi", "role": "Parent or carer"}


def test_area_questions_are_asked_only_for_the_areas_that_apply():
    answers = example(areas=["cognition", "semh"])
    shown = [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]
    assert "cognition" in shown
    assert "semh" in shown
    assert "communication" not in shown
    assert "sensory" not in shown
    context_ = context(areas=["semh", "cognition"])
    assert [area["name"] for area in context_["areas"]] == [
        "Cognition and learning",
        "Social, emotional and mental health",
    ]
    assert context_["areas"][1]["paragraphs"] == [DOCUMENT.example["need_semh"]]


# --- The plan's content -------------------------------------------------------------------


def test_pupil_details_use_the_census_codes_with_their_meanings():
    details = {row["label"]: row["value"] for row in context()["details"]}
    assert details == {
        "Name": "Joshua Adeyemi",
        "Known as": "Josh",
        "Date of birth": "3 November 2016",
        "Unique pupil number (UPN)": "K938201224017",
        "Year group": "Year 5",
        "Class": "Willow Class",
        "School": "Elmbrook Primary School",
        "SEN provision status": "K: SEN support",
        "Primary need": "SPLD: specific learning difficulty",
        "Secondary need": "SLCN: speech, language and communication needs",
        "SENCO (special educational needs co-ordinator)": "Mrs Patel",
        "Class teacher or form tutor": "Mr Hughes",
        "Key adult in school": "Ms Khan, teaching assistant",
        "Plan starts": "14 September 2026",
    }


def test_every_census_code_has_a_meaning():
    codes = [code for code, _ in plan_parts.NEED_TYPES]
    assert codes == [
        "SPLD",
        "MLD",
        "SLD",
        "PMLD",
        "SEMH",
        "SLCN",
        "HI",
        "VI",
        "MSI",
        "PD",
        "ASD",
        "OTH",
        "NSA",
    ]
    assert context(sen_status="E")["details"][7]["value"] == (
        "E: education, health and care (EHC) plan"
    )


def test_year_group_given_as_a_number_reads_as_a_year():
    details = {row["label"]: row["value"] for row in context(year_group="5")["details"]}
    assert details["Year group"] == "Year 5"


def test_known_as_the_same_name_is_not_repeated():
    labels = [row["label"] for row in context(child_known_as="Joshua Adeyemi")["details"]]
    assert "Known as" not in labels


def test_outcomes_keep_their_lines_and_dates():
    outcomes = context()["outcomes"]
    assert len(outcomes) == 3
    assert outcomes[0] == {
        "target": ["Josh will read 60 words a minute from a Year 3 book."],
        "start_point": ["38 words a minute (9 September 2026)."],
        "measure": ["A one-minute timed read each fortnight with Ms Khan."],
        "due": "9 December 2026",
    }


def test_provision_lines_are_costed_and_totalled():
    context_ = context()
    first, second, third = context_["provision"]
    assert first == {
        "intervention": "Precision teaching for reading",
        "area": "Cognition and learning",
        "frequency": "Every school day",
        "session_length": "10 minutes",
        "group_size": "1 (one-to-one)",
        "staff": "Teaching assistant",
        "start": "21 September 2026",
        "end": "11 December 2026",
        "cost": "£380.00",
    }
    assert second["group_size"] == "4"
    assert third["cost"] == ""
    assert context_["costed"] is True
    assert context_["total_cost"] == "£620.00"


def test_totals_are_exact_in_pounds_and_pence():
    items = [
        provision_item(cost="0.10"),
        provision_item(cost="0.20"),
        provision_item(cost="1234.5"),
    ]
    context_ = context(provision=items)
    assert [item["cost"] for item in context_["provision"]] == ["£0.10", "£0.20", "£1,234.50"]
    assert context_["total_cost"] == "£1,234.80"


def test_a_plan_without_costs_has_no_cost_column():
    items = [provision_item(cost=None), provision_item(cost=None)]
    context_ = context(provision=items)
    assert context_["costed"] is False
    assert context_["total_cost"] == ""
    (table,) = tables_by_caption(render_docx(DOCUMENT, context_))["Provision"]
    rows = table_text(table)
    assert "Cost" not in rows[0]
    assert len(rows) == 3  # the header and two lines, no total
    assert "Total cost" not in text_of(render_docx(DOCUMENT, context_))


def test_review_dates_given_are_kept_and_the_rest_suggested_a_term_apart():
    context_ = context()
    # 9 Dec 2026 given; + 12 weeks is Wed 3 Mar 2027, + 12 weeks Wed 26 May 2027.
    assert context_["reviews"] == [
        "9 December 2026",
        "3 March 2027 (suggested)",
        "26 May 2027 (suggested)",
    ]
    assert context_["confirm_suggested"] == "We will confirm the suggested dates nearer the time."


def test_with_no_review_dates_three_are_suggested_from_the_start():
    context_ = context(review_1=None)
    assert context_["reviews"] == [
        "7 December 2026 (suggested)",
        "1 March 2027 (suggested)",
        "24 May 2027 (suggested)",
    ]
    assert deadlines.suggested_reviews(datetime.date(2026, 9, 14)) == [
        datetime.date(2026, 12, 7),
        datetime.date(2027, 3, 1),
        datetime.date(2027, 5, 24),
    ]


def test_three_review_dates_given_means_none_suggested():
    context_ = context(review_2="2027-03-10", review_3="2027-06-16")
    assert context_["reviews"] == ["9 December 2026", "10 March 2027", "16 June 2027"]
    assert context_["confirm_suggested"] == ""
    text = text_of(render_docx(DOCUMENT, context_))
    assert "(suggested)" not in text
    assert "confirm the suggested dates" not in text


def test_citations_come_from_law():
    context_ = context()
    assert context_["all_staff"].startswith("Paragraph 6.49 of the SEND Code of Practice")
    assert law.cite("code-6.49") in context_["all_staff"].replace("Paragraph", "paragraph")
    assert context_["reviews_intro"] == (
        f"P{law.cite('code-6.65')[1:]} says schools should meet parents at least three times "
        "a year. We will meet to review this plan on these dates:"
    )


def test_the_plans_sentences_name_the_pupil():
    context_ = context()
    assert context_["intro"] == (
        "This plan is about Josh at Elmbrook Primary School. SEN means special educational "
        "needs. The plan says what Josh is good at, what Josh finds hard and what extra help "
        "the school will give. We wrote it with Josh and Josh's family."
    )
    assert context_["voice_intro"] == "This part is in Josh's own words."
    assert context_["areas_intro"].endswith("These are the areas that apply to Josh.")
    assert context_["outcomes_after"] == (
        "We will look at each outcome with Josh and Josh's family at every review."
    )
    assert context_["provision_intro"].startswith(
        "This is the extra help the school will give Josh,"
    )
    assert context_["strategies_intro"] == "These are the strategies for Josh:"
    assert context_["agreeing"] == "By signing, we agree to this plan and to reviewing it together."
    assert context_["copies_intro"] == "Copies of this plan go to:"


def test_sign_off_names_the_pupil_the_parent_and_the_senco():
    assert context()["signatories"] == [
        {"name": "Joshua Adeyemi", "role": "Pupil"},
        {"name": "Funmi Adeyemi", "role": "Mother"},
        {"name": "Mrs Patel", "role": "SENCO"},
    ]
    assert context()["distribution"] == DOCUMENT.example["distribution"]


def test_filename_names_the_pupil_and_the_start_date():
    assert sen_support_plan.DOCUMENT.filename(DOCUMENT.example) == (
        "SEN support plan for Joshua Adeyemi, 14 September 2026"
    )


# --- Blank mode ---------------------------------------------------------------------------


def test_blank_mode_gives_a_printable_plan_with_prompts():
    context_ = build_context(blank_answers(DOCUMENT))
    assert context_["blank"] is True
    assert context_["child_name"] == "[pupil's full name]"
    details = {row["label"]: row["value"] for row in context_["details"]}
    assert details["SEN provision status"] == "[K: SEN support, or E: EHC plan]"
    assert details["Primary need"] == "[code and meaning]"
    assert details["Unique pupil number (UPN)"] == "[UPN]"
    assert len(context_["areas"]) == 4
    assert context_["provision"][0]["area"] == "[area of need]"
    assert context_["provision"][0]["cost"] == "[cost]"
    assert context_["costed"] is True
    assert is_prompt(context_["total_cost"])
    assert context_["reviews"] == ["[date]"] * 3
    assert context_["confirm_suggested"] == ""
    assert context_.keys() == context().keys()


# --- The Word template --------------------------------------------------------------------


def test_template_variables_are_exactly_the_context():
    variables = DocxTemplate(template_path(DOCUMENT)).get_undeclared_template_variables()
    assert variables == set(context().keys())


def free_text(answers):
    """Every line of text the SENCO typed, each of which the plan must carry."""
    lines = []
    for value in answers.values():
        for item in value if isinstance(value, list) else [value]:
            texts = item.values() if isinstance(item, dict) else [item]
            for text in texts:
                if isinstance(text, str):
                    lines += [line.strip() for line in text.split("\n") if line.strip()]
    return lines


def all_text(document):
    parts = [text_of(document)]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_example_renders_with_every_answer():
    document = render_docx(DOCUMENT, context())
    text = all_text(document)
    codes_and_dates = re.compile(r"[A-Z]{2,4}|none|\d{4}-\d\d-\d\d|[a-z]+|\d+\.\d\d")
    for line in free_text(DOCUMENT.example):
        if not codes_and_dates.fullmatch(line):
            assert line in text, line
    assert "{{" not in text
    assert "{%" not in text


def test_tables_have_header_rows_and_repeat_a_row_per_item():
    tables = tables_by_caption(render_docx(DOCUMENT, context()))
    assert set(tables) == {"Pupil details", "Outcomes", "Provision", "Signatures"}
    for caption in ("Outcomes", "Provision", "Signatures"):
        (table,) = tables[caption]
        header = table.rows[0]._tr
        assert header.trPr.find(qn("w:tblHeader")) is not None, caption
        assert all(
            row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
            for row in table.rows[1:]
        )
    assert table_text(tables["Outcomes"][0])[0] == [
        "Outcome",
        "Where Josh is now",
        "How we will measure progress",
        "By when",
    ]
    provision = table_text(tables["Provision"][0])
    assert provision[0][-1] == "Cost"
    assert len(provision) == 1 + 3 + 1
    assert provision[-1][-2:] == ["Total cost", "£620.00"]
    assert len(table_text(tables["Signatures"][0])) == 4
    assert len(table_text(tables["Pupil details"][0])) == 14


SECTION_BREAK = f"{qn('w:pPr')}/{qn('w:sectPr')}"


def body_sections(document):
    """[(orientation, [table captions], last paragraph text)] for each section, in order."""
    sections, captions = [], []
    orientations = [section.orientation for section in document.sections]
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            captions.append(element.tblPr.find(qn("w:tblCaption")).get(qn("w:val")))
        elif element.tag == qn("w:p") and element.find(SECTION_BREAK) is not None:
            text = "".join(t.text for t in element.iter(qn("w:t")))
            sections.append((orientations[len(sections)], captions, text))
            captions = []
    sections.append((orientations[len(sections)], captions, None))
    return sections


def test_the_wide_provision_table_has_a_landscape_page_and_the_rest_is_portrait():
    for context_ in (context(), context(provision=[provision_item(cost=None)])):
        document = render_docx(DOCUMENT, context_)
        portrait, landscape, last = body_sections(document)
        assert portrait[0] == WD_ORIENT.PORTRAIT
        assert portrait[1] == ["Pupil details", "Outcomes"]
        assert portrait[2].startswith("We will look at each outcome")
        assert landscape[0] == WD_ORIENT.LANDSCAPE
        assert landscape[1] == ["Provision"]
        section = document.sections[1]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
        assert last[0] == WD_ORIENT.PORTRAIT
        assert last[1] == ["Signatures"]
        assert round(document.sections[2].page_width.mm) == 210


@pytest.mark.parametrize("mode", ["example", "blank", "short"])
def test_no_empty_paragraphs_are_used_for_spacing(mode):
    if mode == "blank":
        context_ = build_context(blank_answers(DOCUMENT))
    elif mode == "short":
        context_ = context(
            areas=["cognition"],
            professionals=None,
            home=None,
            distribution=None,
            provision=[provision_item(cost=None)],
        )
    else:
        context_ = context()
    document = render_docx(DOCUMENT, context_)
    for paragraph in document.paragraphs:
        assert paragraph.text.strip(), "an empty paragraph"


def test_characters_special_to_xml_come_through_as_typed():
    text = all_text(render_docx(DOCUMENT, context(school_name="Smith & Jones <Academy>")))
    assert "Smith & Jones <Academy>" in text


def test_template_is_en_gb_a4_and_holds_no_personal_data():
    document = docx.Document(template_path(DOCUMENT))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == "en-GB"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    properties = document.core_properties
    assert (properties.author, properties.title, properties.last_modified_by) == ("", "", "")
    footer = section.footer.paragraphs[0]._p.xml
    assert "NUMPAGES" in footer
    assert "SEN support plan for {{ child_name }}" in section.footer.paragraphs[0].text


def test_pupil_voice_keeps_first_person_headings():
    document = render_docx(DOCUMENT, context())
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    for heading in (
        "What people like and admire about me",
        "What is important to me",
        "How best to support me",
    ):
        assert heading in headings
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}
    assert styles["SEN support plan for Joshua Adeyemi"] == "Heading 1"
    assert styles["Give him a word mat and a pencil grip."] == "List Bullet"


# --- Plain English ------------------------------------------------------------------------


def test_fixed_wording_is_plain_english():
    """Flesch reading ease of the plan's own sentences in the blank template (headings and
    tables left out) is 50 or more."""
    document = render_docx(DOCUMENT, build_context(blank_answers(DOCUMENT)))
    prose = [
        paragraph.text
        for paragraph in document.paragraphs
        if paragraph.text.rstrip().endswith((".", "?", ":", ".]"))
    ]
    assert len(prose) >= 8
    assert flesch_reading_ease(prose) >= 50


def test_check_your_answers_shows_costs_as_money():
    sections = summary_sections(DOCUMENT, answers_by_step(DOCUMENT, DOCUMENT.example))
    rows = {form.slug: rows for form, rows in sections}
    [(label, value, target)] = rows["provision"]
    assert label == "Provision"
    assert "£380.00" in str(value)
    assert "450.00" not in str(value)
    assert target == "provision-0-intervention"
