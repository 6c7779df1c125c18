"""CSV and XLSX the service writes: formulas neutralised, text kept whole, numbers as numbers."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from service.bulk.spreadsheet_out import (
    CellTooLongError,
    csv_bytes,
    neutralise,
    sheet_title,
    xlsx_bytes,
)

RISKY = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\tplain after a tab",
    "\r=1+1",
    "\n=1+1",
    "  =1+1",
    "\x00=1+1",
]

ORDINARY = [
    "Ava Okafor",
    "'already quoted",
    'She said "no", twice',
    "comma, and more",
    "two\nlines",
    "CRLF\r\nlines",
    "Zoë Brontë-Łukasz",
    "Needs a quiet space 🙂",
    "a=b",
    "1+1",
    "email@example.com",
    "",
]


def read_csv(data):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def read_xlsx(data):
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    try:
        return {sheet.title: list(sheet.iter_rows()) for sheet in workbook.worksheets}
    finally:
        workbook.close()


@pytest.mark.parametrize("text", RISKY)
def test_a_risky_cell_gets_a_leading_apostrophe_and_keeps_every_character(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_not_changed(text):
    assert neutralise(text) == text


def test_only_text_is_neutralised():
    assert neutralise(-5) == "-5"  # what a writer gets if it asks anyway: the text, unchanged


def test_csv_has_a_byte_order_mark_and_crlf_line_ends():
    data = csv_bytes([["Name", "Count"], ["Ava", 3]])
    assert data == b"\xef\xbb\xbfName,Count\r\nAva,3\r\n"


def test_csv_neutralises_every_risky_cell_and_reads_back_exactly_apart_from_the_prefix():
    rows = read_csv(csv_bytes([["Cell"], *([text] for text in RISKY)]))
    assert rows[0] == ["Cell"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in RISKY]


def test_csv_round_trips_ordinary_text_exactly():
    rows = read_csv(csv_bytes([["Cell", "Second"], *([text, text] for text in ORDINARY)]))
    assert rows[1:] == [[text, text] for text in ORDINARY]


def test_csv_writes_numbers_the_service_made_as_numbers():
    rows = read_csv(
        csv_bytes(
            [
                ["Pupils", "Cost", "Hours", "Big", "Small", "Minus"],
                [12, Decimal("380.00"), 1.5, 1e16, 0.00001, -4],
            ]
        )
    )
    assert rows[1] == ["12", "380.00", "1.5", "10000000000000000", "0.00001", "-4"]


def test_csv_writes_dates_yes_no_and_empty_cells_by_the_conventions():
    rows = read_csv(csv_bytes([["A", "B", "C", "D"], [date(2026, 3, 9), True, False, None]]))
    assert rows[1] == ["2026-03-09", "yes", "no", ""]


def test_xlsx_never_holds_a_formula_and_risky_text_keeps_its_apostrophe():
    data = xlsx_bytes([("Summary", [["Cell"], *([text] for text in RISKY)])])
    cells = [row[0] for row in read_xlsx(data)["Summary"][1:]]
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.value for cell in cells] == [
        "'" + text.replace("\x00", "_x0000_") for text in RISKY
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet
    assert b"<f " not in sheet


def test_xlsx_writes_error_looking_text_as_text():
    cell = read_xlsx(xlsx_bytes([("S", [["Note"], ["#N/A"]])]))["S"][1][0]
    assert (cell.value, cell.data_type) == ("#N/A", "s")


def test_xlsx_keeps_ordinary_text():
    rows = read_xlsx(xlsx_bytes([("S", [["Cell"], *([text] for text in ORDINARY)])]))["S"]
    # openpyxl reads an empty cell back as None
    assert [row[0].value if row else None for row in rows[1:]] == [
        text or None for text in ORDINARY
    ]


def test_xlsx_writes_what_excel_would_read_as_an_escape_so_that_it_shows_as_typed():
    cells = read_xlsx(xlsx_bytes([("S", [["Cell"], ["Code _x0041_ and \x01 bell"]])]))["S"]
    # Excel decodes _xHHHH_, so these show as "Code _x0041_ and \x01 bell"
    assert cells[1][0].value == "Code _x005F_x0041_ and _x0001_ bell"


def test_xlsx_writes_numbers_as_numbers_with_their_decimal_places():
    rows = read_xlsx(
        xlsx_bytes([("Costs", [["Pupils", "Cost", "Hours"], [12, Decimal("380.00"), 1.5]])])
    )["Costs"]
    pupils, cost, hours = rows[1]
    assert (pupils.value, pupils.data_type) == (12, "n")
    assert (cost.value, cost.data_type, cost.number_format) == (380, "n", "0.00")
    assert (hours.value, hours.data_type) == (1.5, "n")


def test_xlsx_writes_dates_as_dates_and_booleans_as_yes_and_no():
    row = read_xlsx(xlsx_bytes([("S", [["Date", "Yes", "No"], [date(2026, 3, 9), True, False]])]))[
        "S"
    ][1]
    assert row[0].value.date() == date(2026, 3, 9)
    assert row[0].number_format == "yyyy-mm-dd"
    assert [row[1].value, row[2].value] == ["yes", "no"]


def test_xlsx_header_row_is_bold_and_frozen_and_columns_fit_their_text():
    data = xlsx_bytes([("S", [["Pupil", "Provision"], ["Ava", "Small group phonics " * 2]])])
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["S"]
    assert [cell.font.b for cell in sheet[1]] == [True, True]
    assert [cell.font.b for cell in sheet[2]] == [False, False]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 8  # the narrowest
    assert sheet.column_dimensions["B"].width == len("Small group phonics " * 2) + 2
    workbook.close()


def test_xlsx_has_a_sheet_per_title_in_order():
    data = xlsx_bytes([("Plans", [["A"], ["1"]]), ("Provision", [["B"]])])
    assert list(read_xlsx(data)) == ["Plans", "Provision"]


def test_xlsx_refuses_text_too_long_for_a_cell_rather_than_cutting_it():
    with pytest.raises(CellTooLongError):
        xlsx_bytes([("S", [["Long"], ["a" * 32_768]])])
    rows = read_xlsx(xlsx_bytes([("S", [["Long"], ["a" * 32_767]])]))["S"]
    assert len(rows[1][0].value) == 32_767


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Provision map", "Provision map"),
        ("Costs: [2026/27] *draft?* a\\b", "Costs 2026 27 draft a b"),
        ("'Quoted'", "Quoted"),
        ("A very long sheet title that Excel would refuse", "A very long sheet title that Ex"),
        ("", "Sheet"),
        ("History", "History sheet"),
    ],
)
def test_sheet_titles_follow_excels_rules(title, expected):
    assert sheet_title(title) == expected
    assert len(expected) <= 31


def test_sheet_titles_are_made_unique():
    data = xlsx_bytes([("Provision", [["A"]]), ("provision", [["B"]]), ("Provision", [["C"]])])
    assert list(read_xlsx(data)) == ["Provision", "provision (2)", "Provision (3)"]


def test_anything_but_a_number_is_neutralised_as_text():
    class Named:
        def __str__(self):
            return "=1+1"

    assert neutralise(Named()) == "'=1+1"
    assert read_csv(csv_bytes([[Named()]])) == [["'=1+1"]]
