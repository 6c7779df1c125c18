"""The whole-school provision map of the plans made for a register: its lines and exact totals,
the CSV and XLSX read back (with text a spreadsheet would run kept as text), and the Word table
as LibreOffice prints it."""

import csv
import decimal
import io
import re

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from forms.provision_map import HEADINGS, bulk_files, provision_map, table_rows
from forms.sen_support_plan import DOCUMENT, review_days
from service.answers import blank_answers
from tests.forms.documents import printed_pages

D = decimal.Decimal
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FORMULA = '=HYPERLINK("http://example.com","click")'
PLAN = {"school_name": "Elmbrook Primary School", "plan_start": "2026-09-14",
        "review_1": "2026-11-25"}  # fmt: skip


def item(intervention, area, frequency, length, size, *, cost=None, **changes):
    found = {
        "intervention": intervention,
        "area": area,
        "frequency": frequency,
        "session_length": length,
        "group_size": size,
        "staff": "Teaching assistant",
        "start": "2026-09-21",
        "end": "2026-12-11",
        **changes,
    }
    return {**found, "cost": cost} if cost else found


def pupil(name, year, upn, *provision, **answers):
    found = {**PLAN, "child_name": name, "year_group": year, "upn": upn, **answers}
    return {**found, "provision": list(provision)} if provision else found


# Five pupils share Lego therapy in groups of four (two groups), written three ways; one has
# one-to-one reading; one a programme whose time is in words that cannot be counted; one no
# provision at all; and two a provision with no cost.
MADE = [
    ("Row 2", pupil("Amara Okafor", "Year 4", "A123456789012",
                    item("Lego therapy", "semh", "Twice a week", "30 minutes", 4, cost="120.00"),
                    item("Precision teaching for reading", "cognition", "Every school day",
                         "10 minutes", 1, cost="380.00"))),
    ("Row 3", pupil("Ben Carter", "4", "B123456789012",
                    item("lego  Therapy", "semh", "2 times a week", "30 mins", 4, cost="120.00",
                         staff="teaching  assistant"))),
    ("Row 4", pupil("Chloe Dunn", "Year 6", "C123456789012",
                    item("Speech and language programme", "communication",
                         "As the therapist advises", "Varies", 2, cost="200.00",
                         staff="Speech and language therapy assistant"))),
    ("Row 5", pupil("Dev Evans", "Year 5", "D123456789012")),
    ("Row 6", pupil("Ella Fox", "Year 3", "E123456789012",
                    item("Lego therapy", "semh", "twice a week", "half an hour", 4),
                    item(FORMULA, "sensory", "3 times a week", "15 minutes", 2))),
    ("Row 7", pupil("Finn Green", "Year 3", "F123456789012",
                    item("Lego Therapy", "semh", "twice weekly", "30", 4, cost="150.00",
                         start="2026-10-05", end="2027-02-12"))),
    ("Row 8", pupil("Grace Hill", "Year 4", "G123456789012",
                    item("Lego therapy", "semh", "Twice a week", "30 minutes", 4, cost="100.50"))),
]  # fmt: skip


@pytest.fixture(scope="module")
def files():
    return dict(bulk_files(MADE, review_days=review_days))


@pytest.fixture(scope="module")
def the_map():
    return provision_map(MADE, review_days)


def test_one_line_per_kind_of_provision_sorted_by_area_then_intervention(the_map):
    assert [(line.areas, line.intervention) for line in the_map.lines] == [
        (["communication"], "Speech and language programme"),
        (["cognition"], "Precision teaching for reading"),
        (["semh"], "Lego therapy"),
        (["sensory"], FORMULA),
    ]
    lego = the_map.lines[2]
    assert [p.name for p in lego.pupils] == [
        "Amara Okafor", "Ben Carter", "Ella Fox", "Finn Green", "Grace Hill"
    ]  # fmt: skip
    assert (lego.session_length, lego.frequency, lego.staff) == (
        "30 minutes",
        "Twice a week",
        "Teaching assistant",
    )


def test_each_line_counts_groups_time_hours_and_cost(the_map):
    speech, reading, lego, formula = the_map.lines
    # 5 pupils in groups of 4: 2 groups of 60 minutes a week, over 21 September 2026 to
    # 12 February 2027, 21 calendar weeks: 2 x 60 x 21 / 60 hours.
    assert (lego.groups, lego.weekly_minutes, lego.weeks, lego.staff_hours) == (2, 60, 21, 42)
    assert (lego.cost, lego.uncosted) == (D("490.50"), 1)
    # One-to-one, 10 minutes every school day for 12 weeks.
    assert (reading.groups, reading.weekly_minutes, reading.staff_hours) == (1, 50, 10)
    assert (reading.cost, reading.uncosted) == (D("380.00"), 0)
    # Words that cannot be counted: shown as written, no hours.
    assert (speech.session_length, speech.frequency) == ("Varies", "As the therapist advises")
    assert (speech.minutes, speech.sessions, speech.staff_hours) == (None, None, None)
    assert speech.cost == D("200.00")
    # No cost given at all.
    assert (formula.cost, formula.uncosted, formula.staff_hours) == (None, 1, 9)


def test_the_totals(the_map):
    assert the_map.plans == 7
    assert the_map.pupils_with_provision == 6  # all but Dev, each counted once
    assert the_map.staff_hours == 61  # 10 + 42 + 9; the speech programme is not counted
    assert the_map.not_counted == 1
    assert the_map.cost == D("1070.50")
    assert the_map.uncosted == 2
    assert [p.name for p in the_map.without_provision] == ["Dev Evans"]


def test_the_plans_dates_run_from_the_first_start_to_the_last_review(the_map):
    assert the_map.first_day.isoformat() == "2026-09-14"
    # Reviews after 25 November 2026 are suggested about a term apart.
    assert the_map.last_day == max(day for day, _ in review_days(PLAN))


def test_different_staff_or_group_size_is_another_line():
    made = [
        ("Row 2", pupil("A", "Year 1", "", item("Reading", "cognition", "weekly", "20", 4))),
        ("Row 3", pupil("B", "Year 1", "", item("Reading", "cognition", "weekly", "20", 2))),
        ("Row 4", pupil("C", "Year 1", "", item("Reading", "cognition", "weekly", "20", 4,
                                                staff="Teacher"))),
        ("Row 5", pupil("D", "Year 1", "", item("Reading", "cognition", "weekly", "30", 4))),
        ("Row 6", pupil("E", "Year 1", "", item("Reading", "cognition", "weekly", "20", 4))),
    ]  # fmt: skip
    lines = provision_map(made).lines
    assert sorted(len(line.places) for line in lines) == [1, 1, 1, 2]


def test_prompts_and_missing_provision_count_as_none():
    prompts = blank_answers(DOCUMENT)["provision"]
    made = [("Row 2", {**pupil("A", "Year 1", ""), "provision": prompts})]
    the_map = provision_map(made)
    assert the_map.lines == []
    assert [p.name for p in the_map.without_provision] == ["A"]


def test_csv_reads_back_with_numbers_and_names(files):
    text = files["Provision map.csv"].decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADINGS
    lego = dict(zip(HEADINGS, rows[3], strict=True))
    assert lego == {
        "Area of need": "Social, emotional and mental health",
        "Intervention": "Lego therapy",
        "Staff role": "Teaching assistant",
        "Session length": "30 minutes",
        "How often": "Twice a week",
        "Group size": "4",
        "Pupils": "Amara Okafor, Year 4, A123456789012; Ben Carter, Year 4, B123456789012; "
        "Ella Fox, Year 3, E123456789012; Finn Green, Year 3, F123456789012; "
        "Grace Hill, Year 4, G123456789012",
        "Number of pupils": "5",
        "Groups needed": "2",
        "Minutes a week per group": "60",
        "Weeks": "21",
        "Staff hours": "42.0",
        "Cost (£)": "490.50",
        "Pupils with no cost": "1",
    }
    speech = dict(zip(HEADINGS, rows[1], strict=True))
    assert (speech["Minutes a week per group"], speech["Staff hours"]) == ("", "")
    total = dict(zip(HEADINGS, rows[-1], strict=True))
    assert total["Area of need"] == "Total"
    assert total["Intervention"] == (
        "6 pupils with provision; staff hours leave out 1 line whose time could not be "
        "worked out; the cost leaves out 2 pupils' provision with no cost"
    )
    assert [total[name] for name in ("Number of pupils", "Groups needed", "Staff hours",
                                     "Cost (£)", "Pupils with no cost")] == [
        "6", "5", "61.0", "1070.50", "2"
    ]  # fmt: skip
    assert len(rows) == 6


def test_xlsx_reads_back_with_numbers_as_numbers(files):
    workbook = openpyxl.load_workbook(io.BytesIO(files["Provision map.xlsx"]))
    sheet, pupils = workbook.worksheets
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    assert next(pupils.iter_rows(values_only=True)) == ("Intervention", "Staff role", "Pupil")
    total = dict(zip(HEADINGS, rows[-1], strict=True))
    assert total["Staff hours"] == pytest.approx(61)
    assert total["Cost (£)"] == pytest.approx(1070.5)
    assert sheet.cell(row=len(rows), column=HEADINGS.index("Cost (£)") + 1).number_format == "0.00"
    assert dict(zip(HEADINGS, rows[2], strict=True))["Staff hours"] == pytest.approx(10)


def test_a_formula_typed_as_an_intervention_stays_text(files):
    text = files["Provision map.csv"].decode("utf-8-sig")
    (row,) = [row for row in csv.reader(io.StringIO(text)) if "HYPERLINK" in row[1]]
    assert row[1] == "'" + FORMULA
    workbook = openpyxl.load_workbook(io.BytesIO(files["Provision map.xlsx"]))
    cells = [cell for row in workbook.active.iter_rows() for cell in row
             if "HYPERLINK" in str(cell.value)]  # fmt: skip
    assert [(cell.value, cell.data_type) for cell in cells] == [("'" + FORMULA, "s")]


def test_the_word_map_is_a_landscape_table(files):
    document = docx.Document(io.BytesIO(files["Provision map.docx"]))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    text = [paragraph.text for paragraph in document.paragraphs]
    assert text[:2] == ["Provision map", "Elmbrook Primary School"]
    assert text[2].startswith("Made from 7 plans, which run from 14 September 2026 to ")
    assert "Each pupil's cost is their share" in text[3]
    assert text[-1] == "No provision is given in the plans of 1 pupil: Dev Evans, Year 5."
    (table,) = document.tables
    header, *lines, total = table.rows
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert [cell.text for cell in header.cells][:2] == ["Area of need", "Intervention"]
    assert len(lines) == 4
    lego = [cell.text for cell in lines[2].cells]
    assert lego[5].splitlines()[-1] == "5 pupils"
    assert lego[6:] == ["2", "1 hour", "42.0\nover 21 weeks", "£490.50\nLeaves out 1 pupil "
                        "with no cost"]  # fmt: skip
    totals = [cell.text for cell in total.cells]
    assert totals[0] == "Total"
    assert "Staff hours leave out 1 line" in totals[1]
    assert totals[-3:] == ["", "61.0", "£1,070.50"]
    first_runs = [cell.paragraphs[0].runs[0] for cell in total.cells if cell.text]
    assert all(run.bold for run in first_runs)
    widths = sum(column.w for column in table._tbl.tblGrid.gridCol_lst)
    assert round(widths / Mm(1)) == 267  # the page less its margins


def test_plans_with_no_provision_still_get_a_map_that_says_so():
    made = [("Row 2", pupil("A", "Year 1", "")), ("Row 3", pupil("B", "Year 2", ""))]
    files = dict(bulk_files(made))
    assert sorted(files) == ["Provision map.csv", "Provision map.docx", "Provision map.xlsx"]
    document = docx.Document(io.BytesIO(files["Provision map.docx"]))
    assert document.tables == []
    assert "None of these plans gives any provision, so the map is empty." in [
        paragraph.text for paragraph in document.paragraphs
    ]
    rows = list(csv.reader(io.StringIO(files["Provision map.csv"].decode("utf-8-sig"))))
    assert rows[-1][0] == "Total"
    assert rows[-1][HEADINGS.index("Cost (£)")] == "0.00"


def test_no_plans_no_map():
    assert bulk_files([]) == []


def test_the_plan_gives_its_map_for_a_register():
    files = DOCUMENT.bulk_files(MADE)
    assert [name for name, _ in files] == [
        "Provision map.docx",
        "Provision map.csv",
        "Provision map.xlsx",
    ]
    assert table_rows(provision_map(MADE, review_days))[-1][-2] == D("1070.50")


def many_pupils(count):
    interventions = ["Reading catch-up", "Social skills group", "Handwriting club",
                     "Maths intervention", "Speech and language programme"]  # fmt: skip
    areas = ["cognition", "semh", "sensory", "cognition", "communication"]
    return [
        (f"Row {number + 2}", pupil(f"Pupil{number} Surname{number}", f"Year {number % 6 + 1}",
                                    f"A{number:012d}",
                                    item(interventions[number % 5], areas[number % 5],
                                         f"{number % 3 + 1} times a week",
                                         f"{(number % 4 + 1) * 10} minutes", number % 4 + 1,
                                         cost=f"{number * 10}.00")))
        for number in range(count)
    ]  # fmt: skip


@pytest.mark.libreoffice
def test_the_word_map_prints_in_libreoffice(files, soffice_path, tmp_path):
    small = tmp_path / "small.docx"
    small.write_bytes(files["Provision map.docx"])
    large = tmp_path / "large.docx"
    large.write_bytes(dict(bulk_files(many_pupils(120)))["Provision map.docx"])
    small_pages, large_pages = printed_pages(soffice_path, tmp_path, [small, large])
    text = "\n".join(small_pages)
    assert "£1,070.50" in text
    # No column is so narrow that a word breaks: every word of the table prints whole.
    document = docx.Document(io.BytesIO(files["Provision map.docx"]))
    words = {word for cell in document.tables[0]._cells
             for word in re.findall(r"[A-Za-z]{4,}", cell.text)}  # fmt: skip
    printed = set(re.findall(r"[A-Za-z]+", text))
    assert words - printed == set()
    # A long map runs over pages, each with the header row at the top.
    assert len(large_pages) > 2
    for page in large_pages[1:]:
        assert "Area of need Intervention Staff role" in page
    assert "Total" in large_pages[-1]


def test_a_help_given_to_hundreds_of_pupils_points_to_the_pupils_sheet():
    from forms.provision_map import _fitted  # noqa: PLC0415

    long_names = "; ".join(f"Pupil {n} Example (Year 5)" for n in range(2000))
    row = ["Cognition", "Reading", "TA", "10 minutes", "Daily", 1, long_names, 2000]
    assert _fitted([row])[0][6] == "2,000 pupils: listed on the Pupils sheet"
    assert _fitted([row])[0][7] == 2000
