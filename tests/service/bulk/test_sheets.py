"""Reading registers: CSV in the encodings and layouts schools' systems export, workbooks with
every kind of cell, and every file that must be refused, each with its message and status."""

import io
import random
import time
import zipfile
import zlib
from datetime import date, datetime
from datetime import time as clock
from decimal import Decimal

import pytest

from service.bulk import sheets
from service.bulk.sheets import SheetError, SheetRow, Table, read_limited, read_tables
from service.bulk.spreadsheet_out import xlsx_bytes
from tests.service.bulk.sample_workbooks import (
    deflated_zeros,
    handmade_workbook,
    shared_strings_workbook,
    with_parts_of,
    workbook,
    zip_of,
)

LIMITS = {"max_rows": 2000, "max_bytes": 10 * 1024 * 1024}
HEADINGS = ["UPN", "Forename", "Surname", "Year"]
SAVE_AS = "Save the register as CSV or as an Excel workbook (.xlsx) and upload that"


def read(data, filename="register.csv", **limits):
    return read_tables(data, filename, **(LIMITS | limits))


def only(data, **limits):
    (table,) = read(data, **limits)
    return table


def refused(data, **limits):
    with pytest.raises(SheetError) as caught:
        read(data, **limits)
    return caught.value


def csv_text(*lines, end="\r\n"):
    return end.join(lines) + end


# CSV: encodings -------------------------------------------------------------------------------


def test_a_utf8_csv_is_read_into_headings_and_numbered_rows():
    table = only(csv_text("UPN,Forename,Surname,Year", "A123,Ava,Okafor,5").encode())
    assert table == Table("register.csv", HEADINGS, [SheetRow(2, ["A123", "Ava", "Okafor", "5"])])


def test_a_byte_order_mark_is_not_part_of_the_first_heading():
    table = only(b"\xef\xbb\xbf" + csv_text("UPN,Forename", "A1,Zoë").encode())
    assert table.headers == ["UPN", "Forename"]
    assert table.rows[0].cells == ["A1", "Zoë"]


def test_windows_1252_is_read_when_the_file_is_not_utf8():
    data = csv_text("UPN,Forename,Note", "A1,Renée,Costs £40 a term").encode("cp1252")
    assert only(data).rows[0].cells == ["A1", "Renée", "Costs £40 a term"]


def test_utf16_with_a_byte_order_mark_is_read_as_excel_saves_unicode_text():
    data = csv_text("UPN\tForename", "A1\tŁucja").encode("utf-16")
    assert only(data).rows[0].cells == ["A1", "Łucja"]


def test_a_file_neither_utf8_nor_windows_1252_is_refused_rather_than_changed():
    error = refused(b"UPN,Forename\r\nA1,Bad \x81 byte \xff\xfe\r\n")
    assert error.message.startswith("The file has characters that cannot be read.")
    assert error.status == 422


# CSV: layout ----------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_the_delimiter_is_found_from_the_heading_line(delimiter):
    data = csv_text(
        delimiter.join(["UPN", '"Surname, Forename"', "Year"]),
        delimiter.join(["A1", '"Okafor, Ava"', "5"]),
    ).encode()
    table = only(data)
    assert table.headers == ["UPN", "Surname, Forename", "Year"]
    assert table.rows[0].cells == ["A1", "Okafor, Ava", "5"]


def test_excels_separator_line_names_the_delimiter_and_is_not_a_row():
    table = only(csv_text("sep=;", "UPN;Note", "A1;one, two").encode())
    assert table.headers == ["UPN", "Note"]
    assert table.rows == [SheetRow(2, ["A1", "one, two"])]


def test_a_quoted_cell_keeps_its_line_breaks_and_rows_are_numbered_as_excel_shows_them():
    data = csv_text(
        "UPN,Needs", 'A1,"Reads slowly\r\nNeeds breaks"', 'A2,"One\nTwo\nThree"', "A3,None"
    ).encode()
    assert only(data).rows == [
        SheetRow(2, ["A1", "Reads slowly\r\nNeeds breaks"]),
        SheetRow(3, ["A2", "One\nTwo\nThree"]),
        SheetRow(4, ["A3", "None"]),
    ]


def test_quotes_inside_a_cell_are_kept():
    data = csv_text("UPN,Name", 'A1,"Ava ""Ace"" Okafor"', 'A2,Sam "Jr" Lee').encode()
    assert [row.cells[1] for row in only(data).rows] == ['Ava "Ace" Okafor', 'Sam "Jr" Lee']


@pytest.mark.parametrize(
    ("lines", "row"),
    [
        (("UPN,Name", "A1,Ava", 'A2,"Never closed', "A3,Sam"), 3),
        (("UPN,Name", "A1,Ava", "A2,Sam", 'A3,"Okafor"x'), 4),
    ],
)
def test_a_quote_mark_out_of_place_is_refused_with_its_row(lines, row):
    error = refused(csv_text(*lines).encode())
    assert error.message.startswith(f'Row {row} has a quote mark (") that is not closed')
    assert (error.status, error.row) == (422, row)


def test_short_rows_are_padded_and_long_rows_refused_with_their_row_number():
    assert only(csv_text("UPN,Forename,Surname", "A1,Ava").encode()).rows[0].cells == [
        "A1",
        "Ava",
        "",
    ]
    lines = ["UPN,Forename", *(f"A{n},Name" for n in range(2, 7)), "A7,Ava,Okafor"]
    error = refused(csv_text(*lines).encode())
    assert error.message == (
        "Row 7 has more cells than there are column headings. Add a heading to each column, "
        "or remove the cells past the last heading"
    )
    assert (error.status, error.row) == (422, 7)


def test_empty_cells_past_the_last_heading_are_not_a_long_row():
    table = only(csv_text("UPN,Forename,,", "A1,Ava,,,", "A2,Sam").encode())
    assert table.headers == ["UPN", "Forename"]
    assert [row.cells for row in table.rows] == [["A1", "Ava"], ["A2", "Sam"]]


def test_empty_rows_are_skipped_and_rows_keep_the_numbers_of_the_file():
    data = csv_text("", " , ", "UPN,Forename", "A1,Ava", "", ",", "A2,Sam").encode()
    table = only(data)
    assert table.headers == ["UPN", "Forename"]
    assert [row.number for row in table.rows] == [4, 7]


def test_cells_and_headings_lose_only_the_spaces_around_them():
    table = only(csv_text("  UPN , Forename\t", " A1 ,  Mary  Jane ").encode())
    assert table.headers == ["UPN", "Forename"]
    assert table.rows[0].cells == ["A1", "Mary  Jane"]


def test_blank_headings_are_named_by_their_column_and_duplicates_by_theirs():
    table = only(csv_text("UPN,,Surname,surname", "A1,x,Okafor,Okafor-Reid").encode())
    assert table.headers == ["UPN", "Column B", "Surname (column C)", "surname (column D)"]


def test_a_file_of_headings_only_has_no_rows():
    assert only(csv_text("UPN,Forename").encode()).rows == []


@pytest.mark.parametrize("data", [b" \r\n\r\n , \r\n", b"\xef\xbb\xbf"])
def test_a_file_without_headings_is_refused(data):
    error = refused(data)
    assert error.message.startswith("The file has no rows.")


def test_a_cell_larger_than_the_csv_modules_default_limit_is_read():
    text = "word " * 60_000
    assert len(only(csv_text("UPN,Notes", f"A1,{text}").encode()).rows[0].cells[1]) == len(
        text.strip()
    )


def test_the_table_is_named_after_the_file_without_its_folders():
    data = csv_text("UPN", "A1").encode()
    assert read(data, filename="C:\\fakepath\\Year 5 register.csv")[0].name == "Year 5 register.csv"
    assert read(data, filename=None)[0].name == "register.csv"


def test_a_file_with_the_name_of_a_workbook_is_still_read_as_what_it_is():
    table = read(csv_text("UPN", "A1").encode(), filename="register.xlsx")[0]
    assert table.rows == [SheetRow(2, ["A1"])]


# Limits ---------------------------------------------------------------------------------------


def test_too_many_columns_are_refused():
    assert len(only(csv_text(",".join(f"H{n}" for n in range(300))).encode()).headers) == 300
    error = refused(csv_text(",".join(f"H{n}" for n in range(301))).encode())
    assert error.message == (
        "The file has more than 300 columns. Remove the columns the register does not need"
    )


def register_lines(count):
    return ["UPN,Forename,Surname", *(f"A{n:012},Ava{n},Okafor" for n in range(count))]


def test_2000_rows_are_read():
    assert len(only(csv_text(*register_lines(2000)).encode()).rows) == 2000


def test_a_2001_row_file_is_refused_with_the_limit_and_not_read_to_its_end():
    lines = [*register_lines(2001), "A9,a row too long,to be read,at all"]
    started = time.perf_counter()
    error = refused(csv_text(*lines).encode())
    assert time.perf_counter() - started < 0.5
    assert error.message == (
        "The file has more than 2,000 rows of pupils. Split it into smaller files of up to "
        "2,000 rows"
    )
    assert error.status == 413


def test_a_file_past_the_byte_limit_is_refused_with_the_limit_in_megabytes():
    data = csv_text(*register_lines(40_000)).encode()
    error = refused(data, max_bytes=1024 * 1024)
    assert error.message == "The file is larger than 1 MB. Split the register into smaller files"
    assert error.status == 413
    assert sheets.megabytes(int(1.5 * 1024 * 1024)) == "1.5 MB"


class CountingStream(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.read_so_far = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.read_so_far += len(chunk)
        return chunk


def test_a_stream_is_read_only_as_far_as_the_byte_limit():
    stream = CountingStream(b"x" * (5 * 1024 * 1024))
    with pytest.raises(SheetError) as caught:
        read_limited(stream, 1024 * 1024)
    assert caught.value.status == 413
    assert stream.read_so_far <= 1024 * 1024 + sheets.CHUNK


def test_a_stream_within_the_limit_is_read_as_a_register():
    stream = io.BytesIO(csv_text("UPN", "A1").encode())
    assert read_tables(stream, "r.csv", **LIMITS)[0].rows == [SheetRow(2, ["A1"])]


def test_a_register_of_2000_rows_and_40_columns_reads_in_well_under_a_second():
    rows = [[f"Heading {n}" for n in range(40)]]
    rows += [[f"Pupil {r} detail {c}" for c in range(40)] for r in range(2000)]
    data = "\r\n".join(",".join(row) for row in rows).encode()
    started = time.process_time()
    assert len(only(data).rows) == 2000
    assert time.process_time() - started < 0.5


# Other kinds of file --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"",
            "The file is empty. Choose the register, saved as CSV or as an Excel workbook (.xlsx)",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            f"The file is an old Excel workbook (.xls) or Word document. {SAVE_AS}",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", f"The file is a PDF. {SAVE_AS}"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), f"The file is an image. {SAVE_AS}"),
        (b"\xff\xd8\xff\xe0" + bytes(64), f"The file is an image. {SAVE_AS}"),
        (b"{\\rtf1\\ansi Register}", f"The file is a Rich Text document (.rtf). {SAVE_AS}"),
        (b"PK\x05\x06" + bytes(18), f"The file is not a CSV file or an Excel workbook. {SAVE_AS}"),
        (
            random.Random(13).randbytes(4096),  # noqa: S311 (made up, and the same each run),
            f"The file is not a CSV file or an Excel workbook. {SAVE_AS}",
        ),
    ],
)
def test_files_that_are_not_registers_are_refused_saying_what_to_do(data, message):
    error = refused(data)
    assert (error.message, error.status) == (message, 422)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><table><tr><td>UPN</td></tr></table></body></html>",
        b'\xef\xbb\xbf<?xml version="1.0"?>\r\n'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
    ],
)
def test_a_web_page_or_excel_2003_xml_saved_as_a_spreadsheet_is_refused(data):
    assert refused(data).message.startswith("The file is a web page or an XML file")


def test_a_workbook_protected_with_a_password_is_refused_saying_so():
    # Excel wraps a protected workbook in a compound file with an EncryptedPackage stream
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100) + "EncryptedPackage".encode("utf-16-le")
    error = refused(data)
    assert error.message == (
        "The file is protected with a password. Save a copy without the password and upload that"
    )
    assert error.status == 422


def test_a_word_document_renamed_xlsx_is_refused_as_a_word_document():
    docx = zip_of(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            "_rels/.rels": b"<Relationships/>",
        }
    )
    error = read_error(docx, "register.xlsx")
    assert error.message == f"The file is a Word document. {SAVE_AS}"


def test_an_opendocument_spreadsheet_is_refused_by_name():
    ods = zip_of(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
        compression=zipfile.ZIP_STORED,
    )
    assert refused(ods).message == f"The file is an OpenDocument file (.ods or .odt). {SAVE_AS}"


def test_a_zip_that_is_no_kind_of_office_file_is_refused():
    assert refused(zip_of({"register.csv": b"UPN\r\nA1\r\n"})).message == (
        f"The file is not a CSV file or an Excel workbook. {SAVE_AS}"
    )


def read_error(data, filename):
    with pytest.raises(SheetError) as caught:
        read_tables(data, filename, **LIMITS)
    return caught.value


# Workbooks ------------------------------------------------------------------------------------


def test_workbook_cells_become_text_as_a_person_reads_them():
    data = workbook(
        (
            "Register",
            [
                ["UPN", "DOB", "Seen", "Year", "Hours", "Third", "Big", "Flag", "No", "Link"],
                [
                    "A123",
                    date(2015, 3, 4),
                    datetime(2026, 1, 5, 9, 30),
                    5,
                    5.0,
                    0.1 + 0.2,
                    1e-7,
                    True,
                    False,
                    '=HYPERLINK("http://example.com","y")',
                ],
                [
                    "A124",
                    datetime(2015, 3, 4),
                    clock(9, 30),
                    12.5,
                    None,
                    "",
                    -4,
                    "K",
                    "  x  ",
                    "=cmd|' /C calc'!A0",
                ],
            ],
        )
    )
    table = only(data)
    assert table.name == "Register"
    assert table.rows == [
        SheetRow(
            2,
            [
                "A123",
                "2015-03-04",
                "2026-01-05T09:30:00",
                "5",
                "5",
                "0.3",
                "0.0000001",
                "yes",
                "no",
                '=HYPERLINK("http://example.com","y")',
            ],
        ),
        SheetRow(
            3,
            [
                "A124",
                "2015-03-04",
                "09:30:00",
                "12.5",
                "",
                "",
                "-4",
                "K",
                "x",
                "=cmd|' /C calc'!A0",
            ],
        ),
    ]


def test_every_sheet_with_anything_in_it_is_a_table_in_order_and_hidden_ones_say_so():
    data = workbook(
        ("Pupils", [["UPN", "Forename"], ["A1", "Ava"]]),
        ("Empty", []),
        (
            "Outcomes",
            [["UPN", "Outcome"], ["A1", "Reads a page aloud"], [], ["A1", "Counts to 20"]],
        ),
        ("Lists", [["Need"], ["SEMH"]]),
        hidden=("Lists",),
    )
    tables = read(data, filename="register.xlsx")
    assert [(table.name, table.visible) for table in tables] == [
        ("Pupils", True),
        ("Outcomes", True),
        ("Lists", False),
    ]
    assert tables[1].rows == [
        SheetRow(2, ["A1", "Reads a page aloud"]),
        SheetRow(4, ["A1", "Counts to 20"]),
    ]


def test_a_long_row_in_a_workbook_of_several_sheets_names_its_sheet():
    data = workbook(("Pupils", [["UPN"], ["A1"]]), ("Outcomes", [["UPN"], ["A1", "extra"]]))
    error = refused(data)
    assert error.message.startswith(
        'Row 2 in the sheet "Outcomes" has more cells than there are column headings.'
    )


def test_a_workbook_of_only_empty_sheets_is_refused():
    assert refused(workbook(("Sheet1", []), ("Sheet2", [[None, ""]]))).message.startswith(
        "The file has no rows."
    )


ESCAPED = [["UPN", "Note"], ["A1", "Line one_x000D_\nLine two"], ["A2", "Code _x005F_x0041_"]]
AS_EXCEL_SHOWS_THEM = ["Line one\r\nLine two", "Code _x0041_"]


def test_excels_escapes_in_shared_strings_are_read_as_excel_shows_them():
    assert [row.cells[1] for row in only(shared_strings_workbook(ESCAPED)).rows] == (
        AS_EXCEL_SHOWS_THEM
    )


def test_excels_escapes_in_inline_strings_are_read_as_excel_shows_them():
    # openpyxl writes inline strings, and writes the text as it is given
    assert [row.cells[1] for row in only(workbook(("Register", ESCAPED))).rows] == (
        AS_EXCEL_SHOWS_THEM
    )


def test_cells_past_a_sheets_declared_size_are_still_read():
    data = shared_strings_workbook([["UPN", "Forename"], ["A1", "Ava"]], dimension="A1")
    assert only(data).rows == [SheetRow(2, ["A1", "Ava"])]


def test_a_2001_row_workbook_is_refused_with_the_limit_quickly():
    rows = [["UPN", "Forename"], *([f"A{n}", f"Ava {n}"] for n in range(2001))]
    data = shared_strings_workbook(rows)
    started = time.process_time()
    error = refused(data)
    assert time.process_time() - started < 1
    assert error.message.startswith("The file has more than 2,000 rows of pupils.")
    assert error.status == 413


def test_a_later_sheet_past_the_row_limit_is_named():
    data = workbook(
        ("Pupils", [["UPN"], ["A1"]]), ("Outcomes", [["UPN"], *([f"A{n}"] for n in range(4))])
    )
    error = refused(data, max_rows=3)
    assert error.message == (
        'The sheet "Outcomes" has more than 3 rows. Split it into smaller files of up to 3 rows'
    )


def test_a_realistic_2000_row_40_column_workbook_reads_in_about_a_second():
    picks = random.Random(5)  # noqa: S311 (made up, and the same each run)
    rows = [[f"Heading {n}" for n in range(40)]]
    for number in range(2000):
        rows.append(
            [f"A{number:012}", f"Forename{number}", f"Surname{number}", "2015-03-04", "5", "K"]
            + [picks.choice(["Small group", "1:1", "Class", "Weekly", ""]) for _ in range(29)]
            + [f"A note about pupil {number}, part {part}" for part in range(5)]
        )
    data = shared_strings_workbook(rows)
    started = time.process_time()
    assert len(only(data).rows) == 2000
    # openpyxl reads about 100,000 cells a second; this is 80,000
    assert time.process_time() - started < 2.5


# Hostile and broken workbooks -----------------------------------------------------------------

PLAIN = workbook(("Register", [["UPN", "Forename"], ["A1", "Ava"]]))


def with_sheet(sheet):
    """The plain workbook with its first sheet's XML replaced by `sheet`, deflated."""
    entry = ("xl/worksheets/sheet1.xml", zlib.compress(sheet, 6, -15), 8, len(sheet),
             zlib.crc32(sheet), 0)  # fmt: skip
    return with_parts_of(PLAIN, {"xl/worksheets/sheet1.xml": entry})


def test_a_zip_bomb_is_refused_from_its_declared_size_in_well_under_a_second():
    bomb = deflated_zeros(1024)  # 1 GiB of zeros in about a megabyte
    # the checksum is never reached: the declared size refuses the file first
    data = with_parts_of(
        PLAIN,
        {"xl/worksheets/sheet1.xml": ("xl/worksheets/sheet1.xml", bomb, 8, 1024**3, 0, 0)},
    )
    started = time.perf_counter()
    error = refused(data)
    assert time.perf_counter() - started < 0.2
    assert error.message == (
        "The file holds more than 100 MB of data once opened. Split the register into smaller files"
    )
    assert error.status == 413


def test_a_part_that_compresses_like_a_bomb_is_refused_however_small():
    bomb = deflated_zeros(50)
    data = with_parts_of(PLAIN, {"xl/styles.xml": ("xl/styles.xml", bomb, 8, 50 * 1024**2, 0, 0)})
    error = refused(data)
    assert error.message.startswith("The file cannot be read safely.")
    assert error.status == 422


def test_a_part_holding_more_than_it_declares_is_refused_before_openpyxl_reads_it():
    # zipfile would inflate up to 1 GiB of this before cutting it to the declared 1,000 bytes
    bomb = deflated_zeros(64)
    prefix_crc = zlib.crc32(bytes(1000))
    data = with_parts_of(PLAIN, {"xl/styles.xml": ("xl/styles.xml", bomb, 8, 1000, prefix_crc, 0)})
    started = time.perf_counter()
    assert refused(data).message.startswith("The file cannot be read safely.")
    assert time.perf_counter() - started < 0.2


def test_a_part_holding_less_than_it_declares_is_damaged():
    content = b"<styleSheet/>"
    data = with_parts_of(
        PLAIN,
        {
            "xl/styles.xml": (
                "xl/styles.xml",
                zlib.compress(content, 6, -15),
                8,
                len(content) + 10,
                zlib.crc32(content),
                0,
            )
        },
    )
    assert refused(data).message.startswith("The file is damaged or incomplete.")


def test_entity_expansion_is_refused_before_any_xml_is_parsed():
    laughs = (
        '<!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    data = handmade_workbook(
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData>',
        prolog=laughs,
    )
    assert refused(data).message.startswith("The file cannot be read safely.")


def test_a_doctype_split_between_the_chunks_it_is_inflated_in_is_refused():
    header = b'<?xml version="1.0" encoding="UTF-8"?>\n<!--'
    padding = sheets.CHUNK - 4 - len(header) - len(b"-->")
    sheet = header + b"x" * padding + b"--><!DOCTYPE worksheet []><worksheet/>"
    assert sheet.index(b"<!DOCTYPE") == sheets.CHUNK - 4
    data = with_sheet(sheet)
    assert refused(data).message.startswith("The file cannot be read safely.")


def test_a_doctype_in_utf16_is_refused_too():
    sheet = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x []><worksheet/>'.encode("utf-16")
    data = with_sheet(sheet)
    assert refused(data).message.startswith("The file cannot be read safely.")


def test_a_zip_of_too_many_parts_is_refused():
    parts = {f"xl/media/image{n}.png": b"\x89PNG" for n in range(sheets.MAX_ZIP_ENTRIES)}
    with zipfile.ZipFile(io.BytesIO(PLAIN)) as archive:
        parts |= {name: archive.read(name) for name in archive.namelist()}
    assert refused(zip_of(parts)).message.startswith(
        "The file has too many parts to be a register."
    )


def test_an_encrypted_zip_entry_is_refused_as_protected():
    content = b"<styleSheet/>"
    data = with_parts_of(
        PLAIN,
        {
            "xl/styles.xml": (
                "xl/styles.xml",
                zlib.compress(content, 6, -15),
                8,
                len(content),
                zlib.crc32(content),
                0x1,
            )
        },
    )
    assert refused(data).message.startswith("The file is protected with a password.")


def test_a_part_compressed_with_bzip2_is_refused():
    with zipfile.ZipFile(io.BytesIO(PLAIN)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    data = zip_of(parts, compression=zipfile.ZIP_BZIP2)
    assert refused(data).message.startswith("The file cannot be read safely.")


def test_a_truncated_workbook_is_refused_as_damaged():
    error = refused(PLAIN[: len(PLAIN) // 2])
    assert error.message == (
        "The file is damaged or incomplete. Save the register again as CSV or as an Excel "
        "workbook (.xlsx) and upload it again"
    )
    assert error.status == 422


def test_a_workbook_with_a_damaged_part_is_refused_not_crashed_on():
    sheet = b"<worksheet><sheetData><row><c r="
    data = with_sheet(sheet)
    assert refused(data).message.startswith("The file is damaged or incomplete.")


def test_a_checksum_that_does_not_match_is_refused_as_damaged():
    with zipfile.ZipFile(io.BytesIO(PLAIN)) as archive:
        content = archive.read("xl/worksheets/sheet1.xml")
    data = with_parts_of(
        PLAIN,
        {
            "xl/worksheets/sheet1.xml": (
                "xl/worksheets/sheet1.xml",
                zlib.compress(content, 6, -15),
                8,
                len(content),
                zlib.crc32(content) ^ 1,
                0,
            )
        },
    )
    assert refused(data).message.startswith("The file is damaged or incomplete.")


def test_a_row_numbered_past_excels_last_row_is_refused():
    body = (
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>UPN</t></is></c></row>'
        '<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>A1</t></is></c></row></sheetData>'
    )
    assert refused(handmade_workbook(body)).message.startswith("The file is damaged")


def test_blank_rows_above_a_workbooks_headings_keep_the_row_numbers_excel_shows():
    table = only(workbook(("Register", [[], [None, None], ["UPN", "Forename"], ["A1", "Ava"]])))
    assert table.headers == ["UPN", "Forename"]
    assert table.rows == [SheetRow(4, ["A1", "Ava"])]


def test_a_workbook_the_service_wrote_reads_back_as_it_was_written():
    written = [
        ["UPN", "Note", "Cost"],
        ["A1", "Code _x0041_ and a \x01 bell", Decimal("380.00")],
        ["A2", '=HYPERLINK("http://example.com","y")', 12],
        ["A3", 'Two\r\nlines, "quoted"', 0.5],
    ]
    table = only(xlsx_bytes([("Register", written)]))
    assert [row.cells for row in table.rows] == [
        ["A1", "Code _x0041_ and a \x01 bell", "380"],
        ["A2", '\'=HYPERLINK("http://example.com","y")', "12"],
        ["A3", 'Two\r\nlines, "quoted"', "0.5"],
    ]
