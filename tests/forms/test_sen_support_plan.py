"""The SENCO's SEN support plan: its questions, census codes, costs, review dates and layout."""

import datetime
import functools
import re

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docxtpl import DocxTemplate

from forms import deadlines, law, plan_parts, sen_support_plan, sen_support_review
from forms import vocabulary as v
from forms.sen_support_plan import DOCUMENT, build_context
from service.answers import blank_answers, validate_answers
from service.catalogue import is_prompt
from service.journey.summary import summary_sections
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

TODAY = datetime.date(2026, 12, 1)  # the day the example is written for
example = functools.partial(documents.example, DOCUMENT)
context = functools.partial(documents.context, DOCUMENT)


EHC_PLAN_REFUSED = (
    "This plan is only for pupils on SEN support (K). For a pupil with an EHC plan (E), plan and "
    "review their support through the EHC plan and its annual review"
)


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
        ("voice_hopes", "Enter the pupil's hopes for the future"),
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
            "sen_status",
            EHC_PLAN_REFUSED,
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
        "child_dob": [
            "Date of birth must be between 1 September 2014 and 31 August 2019 for a child in "
            "Year 5. Check the date of birth and the year group. If both are right, say so "
            "after the year group, like 'Year 5, taught out of year group'"
        ]
    }
    # Josh, born on 3 November 2016, is usually in Year 5 in 2026/27; two years either side
    # are accepted.
    assert errors(year_group="Year 3") == {}
    assert errors(year_group="Year 7") == {}
    assert errors(year_group="Year 2") != {}
    assert errors(year_group="Year 8") != {}


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
        "version",
        "written_on",
    ]
    answers = {k: v for k, v in DOCUMENT.example.items() if k not in optional}
    validated = validate_answers(DOCUMENT, answers)
    assert validated.errors == {}
    context_ = build_context(validated.answers)
    assert context_["child"] == "Joshua"  # the first name, with no "known as"
    labels = [row["label"] for row in context_["details"]]
    for gone in ("Known as", "Unique pupil number (UPN)", "Class or tutor group", "Secondary need"):
        assert gone not in labels
    assert context_["professionals"] == []
    assert context_["home"] == []
    assert context_["distribution"] == ["Funmi Adeyemi, parent or carer"]
    assert context_["signatories"][1] == {"name": "Funmi Adeyemi", "role": "Parent or carer"}


def test_area_questions_are_asked_only_for_the_areas_that_apply():
    answers = example(areas=["cognition", "semh"])
    shown = [step.slug for step in visible_steps(DOCUMENT, answers_by_step(DOCUMENT, answers))[0]]
    assert "cognition" in shown
    assert "semh" in shown
    assert "communication" not in shown
    assert "sensory" not in shown
    context_ = context(areas=["semh", "cognition"], provision=[provision_item()])
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
        "Class or tutor group": "Willow Class",
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
    assert dict(plan_parts.SEN_STATUSES) == {
        "K": "K: SEN support",
        "E": "E: education, health and care (EHC) plan",
    }
    assert context()["details"][7]["value"] == "K: SEN support"


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
        "start_point": ["38 words a minute."],
        "measure": ["A one-minute timed read each fortnight with Ms Khan."],
        "due": "25 November 2026",
    }


def test_provision_lines_are_costed_and_totalled():
    context_ = context()
    first, second, third = context_["provision"]
    assert first == {
        "intervention": "Precision teaching for reading",
        "area": "Cognition and learning",
        "frequency": "Every school day",
        "session_length": "10 minutes",
        "group_size": "One-to-one",
        "staff": "Teaching assistant",
        "start": "21 September 2026",
        "end": "11 December 2026",
        "cost": "£380.00",
    }
    assert second["group_size"] == "4"
    assert third["cost"] == "Not costed"
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
    # 25 Nov 2026 given; + 12 weeks is Wed 17 Feb 2027, + 12 weeks Wed 12 May 2027.
    assert context_["reviews"] == [
        "25 November 2026",
        "17 February 2027 (suggested)",
        "12 May 2027 (suggested)",
    ]
    assert context_["confirm_suggested"] == (
        "We will check the suggested dates against the school's term dates, and confirm them "
        "nearer the time."
    )


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
    assert context_["reviews"] == ["25 November 2026", "10 March 2027", "16 June 2027"]
    assert context_["confirm_suggested"] == ""
    text = text_of(render_docx(DOCUMENT, context_))
    assert "(suggested)" not in text
    assert "check the suggested dates" not in text


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
        "needs. The plan says what Josh is good at and finds hard, and what extra help the school "
        "will give. We wrote it with Josh and the family."
    )
    assert context_["voice_intro"] == "This part is in Josh's own words."
    assert context_["areas_intro"].endswith("These are the areas that apply to Josh.")
    assert context_["outcomes_after"] == (
        "We will look at each outcome with Josh and the family at every review."
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
    assert context()["distribution"] == [
        "Funmi Adeyemi, mother",
        *DOCUMENT.example["distribution"],
    ]


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
    assert details["SEN provision status"] == "K: SEN support"  # the plan is for K only
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
    # ...and the advice service's line, which every template's footer reads (the engine's).
    assert variables == {*context().keys(), ORGANISATION_LINE}


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
    assert provision[-1][-2:] == ["Total cost (leaves out the row that is not costed)", "£620.00"]
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
        if paragraph._p.find(SECTION_BREAK) is not None and not paragraph.text:
            assert is_section_break_carrier(paragraph)
            continue
        assert paragraph.text.strip(), "an empty paragraph"


def is_section_break_carrier(paragraph):
    """The paragraph a section break sits in after the provision table: no text, no space
    around it and a line one point high."""
    fmt = paragraph.paragraph_format
    size = paragraph._p.pPr.find(f"{qn('w:rPr')}/{qn('w:sz')}")
    return (
        not paragraph.text
        and (fmt.space_before, fmt.space_after, fmt.line_spacing) == (0, 0, Pt(1))
        and size is not None
        and size.get(qn("w:val")) == "2"
    )


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
    footer = section.footer.paragraphs[-1]._p.xml  # the page number, under the line if any
    assert "NUMPAGES" in footer
    assert "SEN support plan for {{ child_name }}" in section.footer.paragraphs[-1].text


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


# --- What an SEN caseworker and a SENCO found ---------------------------------------------


def test_a_pupil_with_an_ehc_plan_gets_no_sen_support_plan():
    """Status E means the pupil has an EHC plan, which sets out their provision: the plan
    refuses it and says what to do instead, whatever the need codes."""
    assert errors(sen_status="E") == {"sen_status": [EHC_PLAN_REFUSED]}
    assert errors(sen_status="E", primary_need="NSA") == {"sen_status": [EHC_PLAN_REFUSED]}
    (needs,) = [step for step in DOCUMENT.steps if step.slug == "needs"]
    assert needs.hint.endswith("This plan is for pupils on SEN support (K), not for pupils "
                               "with an EHC plan (E).")  # fmt: skip


def reviews_from(start, **changes):
    """The reviews the plan prints for a plan starting on `start` with none given."""
    due = (datetime.date.fromisoformat(start) + datetime.timedelta(weeks=10)).isoformat()
    return context(plan_start=start, review_1=None, outcomes=[outcome(due=due)], **changes)[
        "reviews"
    ]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # 12 weeks on is Mon 2 August 2027, in the summer holiday: back to Mon 19 July, the
        # last working day before 20 July; then Mon 11 October; then Mon 3 January 2028, in
        # the Christmas holiday: back to Fri 17 December.
        ("2027-05-10", ["19 July 2027", "11 October 2027", "17 December 2027"]),
        # Mon 14 August 2028: 20 July 2028 is a Thursday, so Wed 19 July.
        ("2028-05-22", ["19 July 2028", "11 October 2028", "19 December 2028"]),
        # Mon 21 December 2026: back to Fri 18 December, not on to 5 January.
        ("2026-09-28", ["18 December 2026", "12 March 2027", "4 June 2027"]),
        # Sat 19 December 2026 is no working day; Mon 21 December is in the holidays.
        ("2026-09-26", ["18 December 2026", "12 March 2027", "4 June 2027"]),
        # Thu 31 December 2026 (and the bank holiday after it).
        ("2026-10-08", ["18 December 2026", "12 March 2027", "4 June 2027"]),
        # Sat 5 January 2030: Mon 7 January, after the Christmas holiday.
        ("2029-10-13", ["7 January 2030", "1 April 2030", "24 June 2030"]),
        # Mon 3 May 2027 is a bank holiday: Tue 4 May; then Tue 27 July, back to Mon 19 July.
        ("2027-02-08", ["4 May 2027", "19 July 2027", "11 October 2027"]),
    ],
)
def test_suggested_reviews_move_back_to_before_the_summer_and_christmas_holidays(start, expected):
    assert reviews_from(start) == [f"{day} (suggested)" for day in expected]


@pytest.mark.parametrize(
    ("start", "first"),
    [
        # Good Friday 2027 is 26 March, Easter Monday 29 March.
        ("2027-01-05", "25 March 2027"),  # Tue 30 March: back to Thu 25 March
        ("2027-01-04", "25 March 2027"),  # Easter Monday, then Tue 30 March
        ("2027-01-01", "25 March 2027"),  # Good Friday itself
        ("2027-01-08", "25 March 2027"),  # Fri 2 April, the Friday after Easter Monday
        ("2027-01-11", "5 April 2027"),  # the Monday after: term has started again
    ],
)
def test_suggested_reviews_move_back_to_before_the_easter_bank_holidays(start, first):
    assert reviews_from(start)[0] == f"{first} (suggested)"


@pytest.mark.parametrize(
    ("day", "moved"),
    [
        ("2027-07-19", "2027-07-19"),
        ("2027-07-20", "2027-07-19"),
        ("2027-08-31", "2027-07-19"),
        ("2026-08-03", "2026-07-17"),  # 20 July 2026 is a Monday
        ("2027-09-01", "2027-09-01"),
        ("2026-12-18", "2026-12-18"),
        ("2026-12-20", "2026-12-18"),
        ("2026-12-21", "2026-12-18"),
        ("2027-01-04", "2026-12-18"),
        ("2027-01-05", "2027-01-05"),
        ("2027-03-25", "2027-03-25"),
        ("2027-03-26", "2027-03-25"),
        ("2027-04-02", "2027-03-25"),
        ("2027-04-05", "2027-04-05"),
        ("2028-04-21", "2028-04-13"),
        ("2027-02-17", "2027-02-17"),  # half-terms differ between councils: not moved
    ],
)
def test_summer_christmas_and_easter_holidays_move_back_to_the_last_working_day(day, moved):
    assert sen_support_plan.before_school_holidays(datetime.date.fromisoformat(day)) == (
        datetime.date.fromisoformat(moved)
    )


@pytest.mark.parametrize(
    ("year", "good_friday"),
    [(2024, "2024-03-29"), (2026, "2026-04-03"), (2027, "2027-03-26"), (2030, "2030-04-19")],
)
def test_good_friday_comes_from_the_bank_holidays(year, good_friday):
    assert sen_support_plan.good_friday(year) == datetime.date.fromisoformat(good_friday)


def test_review_dates_the_school_gives_are_kept_as_given():
    """Only suggestions move: a date the school gives is its own to choose."""
    due = outcome(due="2027-08-04")
    reviews = context(plan_start="2027-06-01", review_1="2027-08-04", outcomes=[due])["reviews"]
    assert reviews[0] == "4 August 2027"
    # Twelve weeks after 4 August is 27 October; then 19 January 2028.
    assert reviews[1:] == ["27 October 2027 (suggested)", "19 January 2028 (suggested)"]


def check_your_answers_reviews(answers):
    sections = summary_sections(DOCUMENT, answers_by_step(DOCUMENT, answers))
    (rows,) = [rows for form, rows in sections if form.slug == "dates"]
    return {label: str(value) for label, value, _ in rows if "review" in label}


def test_check_your_answers_shows_the_review_dates_the_plan_will_print():
    not_given = '<span class="app-not-given">Not given</span>'
    assert check_your_answers_reviews(DOCUMENT.example) == {
        "First review": "25 November 2026",
        "Second review": f"{not_given}. The plan suggests 17 February 2027.",
        "Third review": f"{not_given}. The plan suggests 12 May 2027.",
    }
    # Suggestions moved out of the holidays show as the plan prints them: Mon 30 August
    # 2027 back to Mon 19 July, then Mon 11 October.
    answers = example(plan_start="2027-06-01", review_1="2027-06-07",
                      outcomes=[outcome(due="2027-06-07")])  # fmt: skip
    assert check_your_answers_reviews(answers) == {
        "First review": "7 June 2027",
        "Second review": f"{not_given}. The plan suggests 19 July 2027.",
        "Third review": f"{not_given}. The plan suggests 11 October 2027.",
    }
    assert context(**answers)["reviews"][1:] == [
        "19 July 2027 (suggested)",
        "11 October 2027 (suggested)",
    ]
    (dates,) = [step for step in DOCUMENT.steps if step.slug == "dates"]
    assert "You will see the suggested dates when you check your answers." in dates.hint


def test_a_row_with_no_cost_is_marked_and_the_total_says_it_leaves_it_out():
    context_ = context()
    assert [row["cost"] for row in context_["provision"]] == ["£380.00", "£240.00", "Not costed"]
    assert context_["total_label"] == "Total cost (leaves out the row that is not costed)"
    items = [provision_item(), provision_item(cost=None), provision_item(cost=None)]
    two = context(provision=items)
    assert two["total_label"] == "Total cost (leaves out the 2 rows that are not costed)"
    assert two["total_cost"] == "£380.00"
    assert context(provision=[provision_item()])["total_label"] == "Total cost"
    (table,) = tables_by_caption(render_docx(DOCUMENT, two))["Provision"]
    rows = table_text(table)
    assert [row[-1] for row in rows[1:4]] == ["£380.00", "Not costed", "Not costed"]
    assert rows[-1][-2:] == ["Total cost (leaves out the 2 rows that are not costed)", "£380.00"]
    blank = build_context(blank_answers(DOCUMENT))
    assert (blank["total_label"], blank["provision"][0]["cost"]) == ("Total cost", "[cost]")


def test_no_area_of_need_is_called_needs_needs():
    blank = all_text(render_docx(DOCUMENT, build_context(blank_answers(DOCUMENT))))
    assert "needs needs" not in blank
    assert "[what we know about sensory and/or physical needs]" in blank
    for area in ("communication", "cognition", "semh", "sensory"):
        (step,) = [step for step in DOCUMENT.steps if step.slug == area]
        (field,) = step.prototype().answer_fields()
        wording = [field.label.text, field.required_message, field.error_name, field.prompt]
        assert not [words for words in wording if "needs needs" in words]
    (sensory,) = [step for step in DOCUMENT.steps if step.slug == "sensory"]
    assert sensory.prototype().need_sensory.label.text == (
        "What do you know about the pupil's sensory and/or physical needs?"
    )


def test_the_pupils_hopes_for_the_future_are_asked_and_printed():
    (voice,) = [step for step in DOCUMENT.steps if step.slug == "pupil-voice"]
    assert "voice_hopes" in DOCUMENT.field_names(voice)
    document = render_docx(DOCUMENT, context())
    texts = [paragraph.text for paragraph in document.paragraphs]
    at = texts.index("My hopes for the future")
    assert document.paragraphs[at].style.name == "Heading 3"
    assert texts[at + 1 : at + 3] == [
        "I want to read a whole book on my own.",
        "I want to be an engineer and build robots.",
    ]


def test_the_plan_gives_its_version_when_it_was_written_and_when_to_review_it():
    line = "Version 1, written on 11 September 2026, to be reviewed by 25 November 2026."
    assert context()["version_line"] == line
    texts = [paragraph.text for paragraph in render_docx(DOCUMENT, context()).paragraphs]
    assert texts[:2] == ["SEN support plan for Joshua Adeyemi", line]
    assert context(version=None)["version_line"] == line  # version 1 unless given
    assert build_context(blank_answers(DOCUMENT))["version_line"] == (
        "Version [number], written on [date], to be reviewed by [date]."
    )
    assert errors(version=0) == {"version": ["Version of the plan must be between 1 and 99"]}
    assert errors(written_on="2026-12-02") == {
        "written_on": ["The date this version was written must be today or in the past"]
    }


def test_the_parent_always_gets_a_copy_and_is_listed_once():
    assert context()["distribution"] == [
        "Funmi Adeyemi, mother",
        "Mr Hughes, class teacher",
        "Ms Khan, teaching assistant",
    ]
    assert context(distribution=["Funmi Adeyemi (by email)", "Mr Hughes"])["distribution"] == [
        "Funmi Adeyemi, mother",
        "Mr Hughes",
    ]
    assert context(parent_carer_role="Special Guardian")["distribution"][0] == (
        "Funmi Adeyemi, Special Guardian"
    )
    texts = [p.text for p in render_docx(DOCUMENT, context(distribution=None)).paragraphs]
    assert texts[-2:] == ["Copies of this plan go to:", "Funmi Adeyemi, mother"]
    blank = build_context(blank_answers(DOCUMENT))
    assert blank["distribution"] == ["[parent or carer's name]", "[who gets a copy]"]


def test_what_will_happen_at_home_is_there_with_room_to_write_when_not_answered():
    document = render_docx(DOCUMENT, context(home=None))
    texts = [paragraph.text for paragraph in document.paragraphs]
    at = texts.index("What will happen at home")
    assert texts[at + 1] == (
        "We will agree with Josh's family what will happen at home, and write it in here."
    )
    (table,) = tables_by_caption(document)["What will happen at home"]
    assert table_text(table) == [["What will happen", "Who will do it"]] + [["", ""]] * 3
    answered = render_docx(DOCUMENT, context())
    assert "What will happen at home" not in tables_by_caption(answered)
    blank = text_of(render_docx(DOCUMENT, build_context(blank_answers(DOCUMENT))))
    assert "What will happen at home\n[what will happen at home]" in blank


def test_the_plan_is_the_schools_notice_to_the_parent_under_section_68():
    notice = (
        "Section 68 of the Children and Families Act 2014 says that when a school makes special "
        "educational provision for a pupil who has no education, health and care (EHC) plan, it "
        "must tell the pupil's parent. This plan is the school's notice to Funmi Adeyemi that it "
        "is making special educational provision for Josh."
    )
    assert context()["notice"] == notice
    assert law.cite("cfa-s68") in notice.replace("Section", "section")
    assert notice in text_of(render_docx(DOCUMENT, context()))
    # A sixth former is over compulsory school age: the school must tell them.
    sixth_former = context(child_dob="2010-03-01", year_group="Year 12")["notice"]
    assert sixth_former.endswith(
        "it must tell the pupil. This plan is the school's notice to Josh that it is making "
        "special educational provision for them."
    )


def column_widths(table):
    return [int(column.get(qn("w:w"))) for column in table._tbl.tblGrid.iter(qn("w:gridCol"))]


def test_no_date_wraps_in_a_table_and_tables_fill_the_page_width():
    """A date column fits "30 September 2026" in 10 pt Arial and the cells' padding, about
    36 mm, so no date breaks over two lines; the other columns share what is left."""
    document = docx.Document(template_path(DOCUMENT))
    date_columns, widths = {}, set()
    for table in document.tables:
        headings = [cell.text for cell in table.rows[0].cells]
        for heading, width in zip(headings, column_widths(table), strict=True):
            if heading in ("By when", "Start date", "End date"):
                date_columns.setdefault(heading, []).append(width)
        widths.add(round(sum(column_widths(table)) * Twips(1) / Mm(1)))
    assert set(date_columns) == {"By when", "Start date", "End date"}
    assert min(min(found) for found in date_columns.values()) >= Mm(36).twips - 1
    assert widths == {160, 257}  # the portrait and landscape text widths


@pytest.mark.parametrize("home", [None, "Read together."])
def test_no_table_row_splits_across_two_pages(home):
    document = render_docx(DOCUMENT, context(home=home))
    for table in document.tables:
        for row in table.rows:
            assert row._tr.trPr is not None
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    # The signatures stay together, and with the list of copies after them.
    (signing,) = tables_by_caption(document)["Signatures"]
    assert all(
        paragraph.paragraph_format.keep_with_next
        for row in signing.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
    )


def test_with_no_known_as_the_full_name_is_given_once_then_the_first_name():
    context_ = context(child_known_as=None)
    texts = [paragraph.text for paragraph in render_docx(DOCUMENT, context_).paragraphs]
    assert [text for text in texts if "Joshua Adeyemi" in text] == [
        "SEN support plan for Joshua Adeyemi"
    ]
    for key in ("intro", "notice", "voice_intro", "areas_intro", "outcomes_intro",
                "provision_intro", "strategies_intro", "home_to_agree"):  # fmt: skip
        assert "Joshua" in context_[key], key
        assert "Joshua Adeyemi" not in context_[key], key
    assert "How we found out Joshua's views" in texts
    assert context_["signatories"][0]["name"] == "Joshua Adeyemi"  # a table: in full


DATE_WORDS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:19|20)\d\d)\b"
)


def test_example_free_text_names_no_month_year_or_weekday():
    """Example dates move with the day they are read on; typed text cannot."""
    iso = re.compile(r"\d{4}-\d\d-\d\d")
    lines = [line for line in free_text(DOCUMENT.example) if not iso.fullmatch(line)]
    assert [line for line in lines if DATE_WORDS.search(line)] == []


def test_example_plan_started_this_term_and_was_reviewed_at_the_review_examples_meeting():
    """Josh's plan and its review agree: the plan's first review, when its outcomes were due,
    is the meeting the review records, a little before the day the examples are written."""
    example_ = DOCUMENT.example
    day = datetime.date.fromisoformat
    written, start, review = (day(example_[name]) for name in ("written_on", "plan_start",
                                                               "review_1"))  # fmt: skip
    assert review == day(sen_support_review.DOCUMENT.example["review_date"])
    assert review == datetime.date(2026, 11, 25)
    assert written <= start < review <= TODAY
    assert TODAY - start <= datetime.timedelta(weeks=13)  # this term's plan
    assert {day(item["due"]) for item in example_["outcomes"]} == {review}
    for item in example_["provision"]:
        assert start <= day(item["start"]) < review < day(item["end"])
    assert validate_answers(DOCUMENT, example_).errors == {}


# --- What a SENCO found on a second reading -----------------------------------------------

YOUNG_PERSON_NOTICE = (
    "it must tell the pupil. This plan is the school's notice to Josh that it is making "
    "special educational provision for them."
)
PARENT_NOTICE = "This plan is the school's notice to Funmi Adeyemi"


@pytest.mark.parametrize(
    "year_group",
    ["Lower sixth", "lower 6th", "L6", "Upper sixth", "U6", "Sixth form", "6th form",
     "Year 12/13", "Y12-13", "Year 13"],
)  # fmt: skip
def test_a_sixth_former_named_in_words_is_told_themselves(year_group):
    """Section 68: a pupil over compulsory school age is told themselves, whatever words
    the year group is given in."""
    answers = {"child_dob": "2010-03-01", "year_group": year_group}
    assert context(**answers)["notice"].endswith(YOUNG_PERSON_NOTICE)
    # The words decide, even with a date of birth that puts the pupil lower down the school.
    assert v.is_young_person({"year_group": year_group, "child_dob": "2016-11-03"})


@pytest.mark.parametrize(
    ("born", "year_group", "young_person"),
    [
        # Not a plain year: the date of birth decides, on the day the plan starts.
        ("2010-03-01", "Year 12 (taught with Year 11)", True),
        ("2010-03-01", "Post-16", True),
        ("2011-03-01", "Year 11, part-time", False),
        ("2016-11-03", "Willow (mixed Years 4 and 5)", False),
        # A plain year is taken as given.
        ("2010-03-01", "Year 12", True),
        ("2016-11-03", "Year 5", False),
    ],
)
def test_a_year_group_in_other_words_is_decided_by_the_date_of_birth(born, year_group,
                                                                      young_person):  # fmt: skip
    notice = context(child_dob=born, year_group=year_group)["notice"]
    assert notice.endswith(YOUNG_PERSON_NOTICE) is young_person
    assert (PARENT_NOTICE in notice) is not young_person


def test_the_date_of_birth_is_read_on_the_day_the_plan_starts():
    """Born in March 2010: Year 11 in the school year to August 2026, Year 12 from
    September 2026."""
    answers = {"child_dob": "2010-03-01", "year_group": "Sixth-form college link course"}
    assert v.pupil_school_year(answers, on="2026-06-01") == 11
    assert v.pupil_school_year(answers, on="2026-09-14") == 12
    assert v.pupil_school_year(answers) == 12  # today, 1 December 2026
    assert v.pupil_school_year({"year_group": "Post-16"}) is None
    # The plan reads it on the day the plan starts.
    june = context(**answers, plan_start="2026-06-01", review_1=None, review_2=None)
    assert PARENT_NOTICE in june["notice"]


def test_a_young_person_is_first_on_the_list_of_copies():
    young = context(child_dob="2010-03-01", year_group="Lower sixth")
    assert young["distribution"] == [
        "Josh, pupil",
        "Funmi Adeyemi, mother",
        "Mr Hughes, class teacher",
        "Ms Khan, teaching assistant",
    ]
    # Listed again by the school, they are not listed twice.
    again = context(child_dob="2010-03-01", year_group="Year 12",
                    distribution=["Josh, by email", "Joshua Adeyemi", "Mr Hughes"])  # fmt: skip
    assert again["distribution"] == ["Josh, pupil", "Funmi Adeyemi, mother", "Mr Hughes"]
    # A younger pupil's parent is told, and comes first.
    assert context()["distribution"][0] == "Funmi Adeyemi, mother"
    texts = [p.text for p in render_docx(DOCUMENT, young).paragraphs]
    at = texts.index("Copies of this plan go to:")
    assert texts[at + 1 : at + 3] == ["Josh, pupil", "Funmi Adeyemi, mother"]


def test_who_checks_the_help_fits_a_secondary_school_and_comes_before_the_table():
    context_ = context()
    assert context_["provision_intro"] == (
        "This is the extra help the school will give Josh, on top of good teaching in class. "
        "Josh's teachers and the SENCO will check how well each kind of help is working, and "
        "change it if it is not helping."
    )
    assert "class teacher and the SENCO" not in text_of(render_docx(DOCUMENT, context_))
    details = [row["label"] for row in context_["details"]]
    assert "Class or tutor group" in details
    assert "Class" not in details
    (pupil,) = [step for step in DOCUMENT.steps if step.slug == "pupil"]
    assert pupil.prototype().class_name.label.text == "Class or tutor group (optional)"


def test_nothing_follows_the_provision_table_on_its_landscape_pages():
    """A long table once left "The class teacher and the SENCO will check..." alone on the
    last landscape page: the section now ends with the table."""
    many = [provision_item(intervention=f"Help {number}") for number in range(12)]
    for context_ in (context(), context(provision=many),
                     context(provision=[provision_item(cost=None)] * 11)):  # fmt: skip
        document = render_docx(DOCUMENT, context_)
        body = list(document.element.body.iterchildren())
        (table,) = tables_by_caption(document)["Provision"]
        after = body[body.index(table._tbl) + 1]
        assert after.find(SECTION_BREAK) is not None
        assert is_section_break_carrier(docx.text.paragraph.Paragraph(after, document))


def test_how_the_views_were_found_is_not_in_the_pupils_own_words():
    document = render_docx(DOCUMENT, context())
    paragraphs = document.paragraphs
    texts = [paragraph.text for paragraph in paragraphs]
    about_me = texts.index("About me")
    next_part = next(
        at for at in range(about_me + 1, len(texts)) if paragraphs[at].style.name == "Heading 2"
    )
    own_words = texts[about_me:next_part]
    assert "This part is in Josh's own words." in own_words
    assert DOCUMENT.example["voice_how"] not in own_words
    assert texts[next_part : next_part + 2] == [
        "How we found out Josh's views",
        DOCUMENT.example["voice_how"],
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"review_1": "2026-12-25"}, "review_1",
         "First review date must not be a bank holiday"),
        ({"review_1": "2026-11-28"}, "review_1",
         "First review date must be a weekday, not a Saturday"),
        ({"review_2": "2027-05-03"}, "review_2",  # the early May bank holiday
         "Second review date must not be a bank holiday"),
        ({"review_2": "2027-03-03", "review_3": "2027-04-05"}, None, None),  # a school day
        ({"review_1": "2027-03-16"}, "review_1",  # 26 weeks and a day after 14 September
         "First review date must be on or before 15 March 2027, 26 weeks after the date the "
         "plan starts"),
        ({"review_1": "2027-03-15"}, None, None),  # 26 weeks exactly
        ({"review_2": "2027-06-02"}, "review_2",  # 27 weeks after 25 November
         "Second review date must be on or before 26 May 2027, 26 weeks after the first "
         "review date"),
        ({"review_2": "2027-03-03", "review_3": "2027-09-15"}, "review_3",
         "Third review date must be on or before 1 September 2027, 26 weeks after the second "
         "review date"),
        # A date before the one before it says only that, weekend or not.
        ({"review_2": "2026-11-22"}, "review_2",
         "Second review date must be after the first review date"),
    ],
)  # fmt: skip
def test_typed_review_dates_are_working_days_at_most_26_weeks_apart(changes, field, message):
    expected = {field: [message]} if field else {}
    if "review_1" in changes:  # the outcomes are due at the first review
        changes["outcomes"] = [outcome(due=changes["review_1"])]
    assert errors(**changes) == expected


def test_a_plan_written_on_no_given_day_gives_no_date_written():
    """The day it is downloaded would change with every download."""
    assert context(version=2, written_on=None)["version_line"] == (
        "Version 2, to be reviewed by 25 November 2026."
    )
    # A suggested first review says it is one.
    assert context(written_on=None, review_1=None)["version_line"] == (
        "Version 1, to be reviewed by 7 December 2026 (suggested)."
    )
    assert context(review_1=None)["version_line"] == (
        "Version 1, written on 11 September 2026, to be reviewed by 7 December 2026 (suggested)."
    )
    assert build_context(blank_answers(DOCUMENT))["version_line"] == (
        "Version [number], written on [date], to be reviewed by [date]."
    )
    (dates,) = [step for step in DOCUMENT.steps if step.slug == "dates"]
    assert dates.prototype().written_on.description == (
        "If you leave this blank, the plan does not give a date. For example, 27 3 2007"
    )


def test_help_for_an_area_of_need_not_chosen_is_refused():
    message = (
        "The area of need for this intervention must be one you chose for this plan. To use "
        "'social, emotional and mental health', add it on the areas of need page"
    )
    only_two = {"areas": ["cognition", "communication"], "need_semh": None, "need_sensory": None}
    assert errors(**only_two, provision=[provision_item(area="semh")]) == {"provision": [message]}
    assert errors(**only_two, provision=[provision_item(area="communication")]) == {}
    # On the provision page, with the areas chosen on an earlier page.
    (step,) = [step for step in DOCUMENT.steps if step.slug == "provision"]
    stored = {"provision": [provision_item(area="semh")]}
    form = step_form(step, stored, earlier={"areas": ["cognition"]}, csrf=False)
    assert not form.validate()
    # On the page, the message names the intervention by its number.
    assert form.error_items()[0]["text"] == message.replace("this intervention", "intervention 1")
    assert step_form(step, stored, earlier={"areas": ["semh"]}, csrf=False).validate()
    # The review, which shares the provision questions, does not ask for areas.
    assert plan_parts.ProvisionForm is not sen_support_plan.PlanProvisionForm


def test_the_reviews_stay_with_the_sign_off_and_the_write_in_rows_with_each_other():
    """Left blank, "What will happen at home" has rows to write in: they stay together, but
    not with what follows, and the reviews stay with the sign-off, so that no page holds
    only the signatures and the list of copies."""
    document = render_docx(DOCUMENT, context(home=None))
    texts = [paragraph.text for paragraph in document.paragraphs]
    reviews, agreeing = texts.index("Reviews"), texts.index("Agreeing the plan")
    assert all(
        paragraph.paragraph_format.keep_with_next or paragraph.style.name.startswith("Heading")
        for paragraph in document.paragraphs[reviews:agreeing]
    )
    (home,) = tables_by_caption(document)["What will happen at home"]
    kept = [
        all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)
        for row in home.rows
    ]
    assert kept == [True, True, True, False]
