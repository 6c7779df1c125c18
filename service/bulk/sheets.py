"""Reading an uploaded register (a CSV file or an Excel workbook) into tables of text.

`read_tables(data, filename, *, max_rows, max_bytes)` gives one `Table` per CSV file or per
worksheet that holds anything: its column headings and its rows, every cell as text, each row
with the number Excel shows for it. Anything that cannot be read is a `SheetError` whose
message says, in words a person can act on, what is wrong and what to do.

The kind of file is told by its content, never by its name: an XLSX is a zip, anything else is
read as CSV text; an old Excel workbook (.xls), an OpenDocument spreadsheet, a PDF, a Word
document or an image is refused by name, with a way forward.

An upload is treated as hostile until proved otherwise. A workbook's zip is checked before
openpyxl opens it (see `_check_zip`), and openpyxl reads it read-only and streaming, a row at
a time, stopping as soon as a sheet has more rows than allowed. Nothing is written to disk and
nothing read is logged.

Cells become text as a person reads them in the spreadsheet, with nothing evaluated:
- text as typed, less the spaces (and line breaks) around it, which the fields remove anyway;
  a formula is kept as its text ("=HYPERLINK(...)"), never run or replaced by its result;
- a date as YYYY-MM-DD; a date with a time of day as YYYY-MM-DDTHH:MM:SS, so that no time is
  silently dropped; a time alone as HH:MM:SS;
- TRUE and FALSE as yes and no;
- a whole number as its digits (5, not 5.0), any other in plain digits to the 15 significant
  digits Excel keeps (12.5, 0.3), never in exponent form; a cell's number format (£, %, a
  number of decimal places) is not applied, so 380.00 reads as 380 and 50% as 0.5;
- an empty cell as "".
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import (
    CellCoordinatesException,
    InvalidFileException,
    SheetTitleException,
)
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

# A workbook's zip, before openpyxl sees it. Excel writes a dozen or so parts for a plain
# register; a few hundred allows for many sheets, images and whatever an MIS adds.
MAX_ZIP_ENTRIES = 200
# What the parts may hold once decompressed. A register of 2,000 pupils with every text of a
# plan filled in is tens of megabytes of worksheet XML and shared strings; openpyxl holds the
# shared strings in memory while the sheets are read, so this also bounds the memory one
# upload can take.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Spreadsheet XML compresses about 5 to 25 to one (sheets of 2,000 rows, even of one value
# repeated); deflate cannot pass about 1,030 to one, which is what a zip bomb uses. 250 leaves
# room for an unusual but honest part.
MAX_RATIO = 250
RATIO_CHECKED_FROM = 1024 * 1024  # small parts (a 40 KB styles.xml of defaults) may be tighter

MAX_COLUMNS = 300
CHUNK = 64 * 1024

EMPTY = "The file is empty. Choose the register, saved as CSV or as an Excel workbook (.xlsx)"
TOO_LARGE = "The file is larger than {size}. Split the register into smaller files"
TOO_LARGE_OPENED = (
    "The file holds more than {size} of data once opened. Split the register into smaller files"
)
SAVE_AS = "Save the register as CSV or as an Excel workbook (.xlsx) and upload that"
NOT_A_SPREADSHEET = "The file is not a CSV file or an Excel workbook. " + SAVE_AS
KNOWN_KIND = "The file is {kind}. " + SAVE_AS
MARKUP = (
    "The file is a web page or an XML file, not a spreadsheet. Open it in Excel and save it as "
    "an Excel workbook (.xlsx) or as CSV, then upload that"
)
PROTECTED = (
    "The file is protected with a password. Save a copy without the password and upload that"
)
DAMAGED = (
    "The file is damaged or incomplete. Save the register again as CSV or as an Excel "
    "workbook (.xlsx) and upload it again"
)
UNSAFE = (
    "The file cannot be read safely. Save the register again as CSV or as an Excel workbook "
    "(.xlsx) and upload that"
)
TOO_MANY_PARTS = "The file has too many parts to be a register. " + SAVE_AS
UNREADABLE_CHARACTERS = (
    "The file has characters that cannot be read. Save it as CSV UTF-8 (or as an Excel "
    "workbook, .xlsx) and upload it again"
)
NO_ROWS = "The file has no rows. Choose the register, with its column headings in the first row"
TOO_MANY_COLUMNS = (
    "{where}has more than {limit:,} columns. Remove the columns the register does not need"
)
TOO_MANY_ROWS = (
    "The file has more than {limit:,} rows of pupils. Split it into smaller files of up to "
    "{limit:,} rows"
)
TOO_MANY_ROWS_IN_SHEET = (
    'The sheet "{sheet}" has more than {limit:,} rows. Split it into smaller files of up to '
    "{limit:,} rows"
)
LONG_ROW = (
    "{where}has more cells than there are column headings. Add a heading to each column, or "
    "remove the cells past the last heading"
)
BAD_QUOTES = (
    '{where}has a quote mark (") that is not closed or is in the wrong place. Check the row '
    "in a spreadsheet, save the file and upload it again"
)

# How other files start: refused by name, since saying what the file is helps most.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, and Office files with a password
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the part a password wraps
_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"{\\rtf", "a Rich Text document (.rtf)"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"II*\x00", "an image"),
    (b"MM\x00*", "an image"),
)
# Some systems' "Excel" exports are a web page, or Excel 2003's XML, under a .xls name.
_MARKUP = (b"<?xml", b"<html", b"<!doctype", b"<table", b"<workbook")
_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_CENTRAL_ENTRY = b"PK\x01\x02"  # every entry in a zip's directory starts with these bytes
_LOCAL_HEADER = 30  # bytes before a local entry's name and extra field
# Excel's XML never declares a DOCTYPE; one in a part is how entity expansion (a billion
# laughs) starts. Expat, which openpyxl's sheet and shared string readers use, reads only
# UTF-8, UTF-16 and single-byte encodings that keep ASCII's characters (it refuses EBCDIC and
# UTF-32), so these three spellings are every way one can be written.
_DOCTYPES = tuple("<!DOCTYPE".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))
_LONGEST_DOCTYPE = max(len(doctype) for doctype in _DOCTYPES)

# OOXML text (ST_Xstring) writes a character XML cannot hold (a control character, CR) as
# _xHHHH_, and an underscore that would start one as _x005F_; Excel shows the character.
# openpyxl decodes none of them, except that it deletes "x005F_" from shared strings. So only
# these are decoded: Excel never escapes a printable character, and after openpyxl a literal
# "_x0041_" typed in Excel (written "_x005F_x0041_") is already "_x0041_" and stays so.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ESCAPED = {*range(0x20), 0x5F, 0xFFFE, 0xFFFF}

_DELIMITERS = (",", ";", "\t")
_SEPARATOR_LINE = re.compile(r'sep=([^"\r\n])(?:\r\n|\n|\r|$)')  # Excel's hint line: "sep=;"
_SIGNIFICANT_DIGITS = 15  # what Excel keeps and shows of a number


@dataclass(frozen=True)
class SheetRow:
    """A row of data: `number` is the row number the user sees in the spreadsheet (the
    header row is 1, blank rows are counted), `cells` one text per column heading, "" for an
    empty cell."""

    number: int
    cells: list[str]


@dataclass(frozen=True)
class Table:
    """One CSV file or one worksheet.

    `name` is the sheet's title, or the file's name for a CSV. `headers` are the first row
    that holds anything (blank rows before it are skipped), each stripped; a blank heading
    with cells under it becomes "Column C" (its column letter), blank headings past the last
    one are dropped, and headings that are the same but for case are all renamed with their
    column ("Surname (column B)", "Surname (column D)"), so that no column is silently
    preferred to another and none is dropped. `rows` are the rows after the headings that are
    not wholly empty. `visible` is False for a sheet hidden in the workbook."""

    name: str
    headers: list[str]
    rows: list[SheetRow]
    visible: bool = True


class SheetError(Exception):
    """A file that cannot be read as a register. `message` is one plain sentence or two for
    the user (what is wrong and what to do); `status` the HTTP status that fits (413 when the
    file is too large or has too many rows, otherwise 422); `row`, the row it is about, if
    any."""

    def __init__(self, message: str, status: int = 422, *, row: int | None = None):
        self.message = message
        self.status = status
        self.row = row
        super().__init__(message)


def read_limited(stream, max_bytes: int) -> bytes:
    """The bytes of a binary `stream` (a request body, an uploaded file), read in chunks and
    refused with a 413 SheetError as soon as they pass `max_bytes`, whatever the request said
    its length was."""
    chunks, size = [], 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise SheetError(TOO_LARGE.format(size=megabytes(max_bytes)), 413)
        chunks.append(chunk)
    return b"".join(chunks)


def read_tables(
    data,
    filename: str | None = None,
    content_type: str | None = None,  # noqa: ARG001 (the content decides, never the label)
    *,
    max_rows: int,
    max_bytes: int,
) -> list[Table]:
    """The tables in an uploaded register: `data` is its bytes, or a binary stream read with
    `read_limited`. A CSV gives one table named after `filename`; a workbook, one per sheet
    that holds anything, in the workbook's order. `filename` and `content_type` are what the
    upload said it was and are not trusted: the content decides.

    Raises SheetError: past `max_bytes` (413), past `max_rows` rows of data in a table (413,
    read no further), more than MAX_COLUMNS columns, a row with cells past the last heading,
    a file that is neither CSV nor a workbook, damaged, protected by a password, or unsafe to
    open (422)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        data = read_limited(data, max_bytes)
    data = bytes(data)
    if not data:
        raise SheetError(EMPTY)
    if len(data) > max_bytes:
        raise SheetError(TOO_LARGE.format(size=megabytes(max_bytes)), 413)
    if data.startswith(_ZIP):
        return _read_workbook(data, max_rows)
    _refuse_other_kinds(data)
    return [_read_csv(data, _base_name(filename), max_rows)]


def megabytes(size: int) -> str:
    """A size limit as people read it, never more than it is: "100 MB", "1.5 MB"."""
    return f"{int(size * 10 / (1024 * 1024)) / 10:g} MB"


def _base_name(filename):
    """The file's own name, without any folders a browser sent with it."""
    return re.split(r"[\\/]", filename or "")[-1].strip() or "register.csv"


def _refuse_other_kinds(data):
    if data.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data:
            raise SheetError(PROTECTED)
        raise SheetError(KNOWN_KIND.format(kind="an old Excel workbook (.xls) or Word document"))
    if data.startswith(_EMPTY_ZIP):
        raise SheetError(NOT_A_SPREADSHEET)
    for start, kind in _MAGIC:
        if data.startswith(start):
            raise SheetError(KNOWN_KIND.format(kind=kind))
    if data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise SheetError(KNOWN_KIND.format(kind="an image"))
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_MARKUP):
        raise SheetError(MARKUP)


# CSV ----------------------------------------------------------------------------------------


def _read_csv(data, name, max_rows):
    text = _decode(data)
    text, delimiter = _delimiter(text)
    # A cell may be as long as the file (the fields refuse what is too long, in their words);
    # the limit is the csv module's, for the whole process, and is only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    table = _table(name, _csv_records(reader), max_rows, sheet=None)
    if table is None:
        raise SheetError(NO_ROWS)
    return table


def _decode(data):
    """The text of a CSV file: UTF-8 (with or without a byte order mark), UTF-16 with one
    (Excel's "Unicode text"), or else Windows-1252, as many MIS exports are. A character none
    of them can read refuses the file: none is ever dropped or replaced."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data:  # no text file holds one: this is some other kind of file
        raise SheetError(NOT_A_SPREADSHEET)
    try:
        if utf16:
            text = data.decode("utf-16")
        elif data.startswith(codecs.BOM_UTF8):  # says it is UTF-8, so nothing else is tried
            text = data.decode("utf-8-sig")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise SheetError(UNREADABLE_CHARACTERS) from None
    if "\x00" in text:
        raise SheetError(NOT_A_SPREADSHEET)
    return text


def _delimiter(text):
    """(text, delimiter): the delimiter Excel's "sep=" line names (the line itself is not a
    row, as Excel does not show it), or whichever of comma, semicolon and tab the heading
    line (the first that is not blank) has most of, outside quotes (a comma when it has
    none)."""
    if hint := _SEPARATOR_LINE.match(text):
        return text[hint.end() :], hint.group(1)
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for character in text.lstrip()[:CHUNK]:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in "\r\n":
            break
        elif not quoted and character in counts:
            counts[character] += 1
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return text, best if counts[best] else ","


def _csv_records(reader):
    """(row number, cells) for each record; a quoted cell may hold line breaks, so a row
    number counts records (as Excel shows them), not lines."""
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise SheetError(BAD_QUOTES.format(where=f"Row {number} "), row=number) from None
        yield number, [cell.strip() for cell in cells]


# Tables -------------------------------------------------------------------------------------


def _table(name, records, max_rows, *, sheet, first=True, visible=True):
    """A Table from (row number, cells) records, or None when they hold nothing at all."""
    headings = None
    rows = []
    for number, cells in records:
        if not any(cells):
            continue
        if headings is None:
            headings = _last_filled(cells)
            if len(headings) > MAX_COLUMNS:
                where = f'The sheet "{sheet}" ' if sheet else "The file "
                raise SheetError(TOO_MANY_COLUMNS.format(where=where, limit=MAX_COLUMNS))
            continue
        if any(cells[len(headings) :]):
            raise SheetError(LONG_ROW.format(where=_where(number, sheet)), row=number)
        if len(rows) == max_rows:
            if first:
                raise SheetError(TOO_MANY_ROWS.format(limit=max_rows), 413)
            raise SheetError(TOO_MANY_ROWS_IN_SHEET.format(sheet=sheet, limit=max_rows), 413)
        width = len(headings)
        rows.append(SheetRow(number, cells[:width] + [""] * (width - len(cells))))
    if headings is None:
        return None
    return Table(name, _unique(headings), rows, visible)


def _where(number, sheet):
    return f'Row {number} in the sheet "{sheet}" ' if sheet else f"Row {number} "


def _last_filled(cells):
    """`cells` without the empty ones after the last that holds something."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _unique(headings):
    """Blank headings named by their column letter; headings that are the same but for case
    each renamed with their column."""
    named = [
        heading or f"Column {get_column_letter(index)}" for index, heading in enumerate(headings, 1)
    ]
    seen = {}
    for heading in named:
        seen[heading.casefold()] = seen.get(heading.casefold(), 0) + 1
    return [
        f"{heading} (column {get_column_letter(index)})"
        if seen[heading.casefold()] > 1
        else heading
        for index, heading in enumerate(named, 1)
    ]


# Workbooks ----------------------------------------------------------------------------------

# What a damaged or hostile part makes zipfile, the XML parsers or openpyxl raise. Only calls
# into them are wrapped, so a mistake of ours still shows as one.
_BROKEN = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,  # xml.etree's ParseError and lxml's XMLSyntaxError
    NotImplementedError,
    CellCoordinatesException,
    InvalidFileException,
    SheetTitleException,
)
EXCEL_MAX_ROWS = 1_048_576  # a row numbered past it is a damaged (or hostile) sheet

# openpyxl warns about parts it skips (styles it does not know, extensions, defined names it
# cannot place), none of them cells, and about a date too large for Excel, whose cell it then
# reads as "#VALUE!" (which the fields refuse, so nothing passes unnoticed). Silenced here
# only, around our own calls. (warnings.catch_warnings is not thread-safe: at worst another
# thread's warning is missed or shown while a workbook is read.)
_OPENPYXL_WARNINGS = {"category": UserWarning, "module": r"openpyxl\."}


def _read_workbook(data, max_rows):
    _check_zip(data)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", **_OPENPYXL_WARNINGS)
        try:
            workbook = load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
        except _BROKEN:
            raise SheetError(DAMAGED) from None
        try:
            return _workbook_tables(workbook, max_rows)
        finally:
            workbook.close()


def _workbook_tables(workbook, max_rows):
    sheets = workbook.worksheets  # chartsheets hold no cells and are left out
    tables = []
    for sheet in sheets:
        name = sheet.title if len(sheets) > 1 else None
        # The size a sheet declares may be wrong (some writers always say "A1"), and openpyxl
        # would then drop the cells past it: every row is read as it is instead.
        sheet.reset_dimensions()
        records = (
            (number, [_cell_text(value) for value in values])
            for number, values in _sheet_rows(sheet)
        )
        table = _table(
            sheet.title,
            records,
            max_rows,
            sheet=name,
            first=not tables,
            visible=sheet.sheet_state == "visible",
        )
        if table is not None:
            tables.append(table)
    if not tables:
        raise SheetError(NO_ROWS)
    return tables


def _sheet_rows(sheet):
    """(row number, values) for each row openpyxl reads; what it raises on a broken part is a
    SheetError."""
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except _BROKEN:
            raise SheetError(DAMAGED) from None
        number += 1
        if number > EXCEL_MAX_ROWS:
            raise SheetError(DAMAGED)
        yield number, values


def _cell_text(value):
    """A cell's value as text, as the module's docstring says."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _ooxml_text(value).strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds" if not value.microsecond else "milliseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if not value.microsecond else "milliseconds")
    if isinstance(value, timedelta):
        return _duration_text(value)
    if isinstance(value, ArrayFormula):
        return _ooxml_text(value.text or "").strip()
    if isinstance(value, DataTableFormula):
        return f"=TABLE({value.r1 or ''},{value.r2 or ''})"  # as Excel shows one
    return str(value).strip()


def _ooxml_text(text):
    """Text with the _xHHHH_ escapes Excel writes read as Excel reads them."""
    if "_x" not in text:
        return text

    def character(match):
        code = int(match.group(1), 16)
        return chr(code) if code in _ESCAPED else match.group()

    return _OOXML_ESCAPE.sub(character, text)


def _number_text(value):
    if value.is_integer():
        return str(int(value))
    text = format(value, f".{_SIGNIFICANT_DIGITS}g")
    return format(Decimal(text), "f") if "e" in text else text


def _duration_text(value):
    """A duration as Excel's [h]:mm:ss shows it."""
    seconds = round(value.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return f"{sign}{hours}:{minutes:02}:{seconds:02}"


# The zip, before openpyxl -------------------------------------------------------------------


def _check_zip(data):
    """Refuse a workbook's zip that is damaged, protected, not a workbook, or would take
    more to open than a register needs, before openpyxl reads any of it.

    The sizes a zip declares cannot be trusted. zipfile does stop at an entry's declared size,
    but only after decompressing: its read() of a whole entry (which openpyxl uses for every
    part but the sheets and shared strings) inflates up to 1 GiB in one step before cutting
    it down (a 400 KB file declaring 1,000 bytes took 800 MB). So every entry is inflated
    here first, in chunks, and refused as soon as it holds more than it declares: the
    declared sizes, checked against the limits, then bound what openpyxl can be made to
    read."""
    # zipfile reads the whole directory before anything can be checked: count its entries
    # first (each starts with the same four bytes; a chance match only counts one more).
    if data.count(_CENTRAL_ENTRY) > MAX_ZIP_ENTRIES:
        raise SheetError(TOO_MANY_PARTS)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except _BROKEN:
        raise SheetError(DAMAGED) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise SheetError(TOO_MANY_PARTS)
    _check_kind({info.filename for info in infos})
    if any(info.flag_bits & 0x1 for info in infos):
        raise SheetError(PROTECTED)
    if any(info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in infos):
        raise SheetError(UNSAFE)  # Excel writes neither bzip2 nor LZMA, which inflate unbounded
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise SheetError(TOO_LARGE_OPENED.format(size=megabytes(MAX_UNCOMPRESSED_BYTES)), 413)
    for info in infos:
        if info.file_size > RATIO_CHECKED_FROM and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise SheetError(UNSAFE)
    for info in infos:
        _check_entry(data, info)


def _check_kind(names):
    """Refuse a zip that is some other kind of document, saying which."""
    lowered = {name.lower() for name in names}
    if "xl/workbook.bin" in lowered:
        raise SheetError(KNOWN_KIND.format(kind="an Excel binary workbook (.xlsb)"))
    if "[content_types].xml" in lowered and any(name.startswith("xl/") for name in lowered):
        return
    if "mimetype" in lowered or "content.xml" in lowered:
        raise SheetError(KNOWN_KIND.format(kind="an OpenDocument file (.ods or .odt)"))
    if any(name.startswith("word/") for name in lowered):
        raise SheetError(KNOWN_KIND.format(kind="a Word document"))
    if any(name.startswith("ppt/") for name in lowered):
        raise SheetError(KNOWN_KIND.format(kind="a PowerPoint presentation"))
    raise SheetError(NOT_A_SPREADSHEET)


def _check_entry(data, info):
    """Inflate one entry in chunks: it must hold exactly what it declares, and no DOCTYPE."""
    start = info.header_offset
    header = data[start : start + _LOCAL_HEADER]
    if len(header) < _LOCAL_HEADER or not header.startswith(_ZIP):
        raise SheetError(DAMAGED)
    name_length = int.from_bytes(header[26:28], "little")
    extra_length = int.from_bytes(header[28:30], "little")
    begin = start + _LOCAL_HEADER + name_length + extra_length
    compressed = memoryview(data)[begin : begin + info.compress_size]
    if len(compressed) < info.compress_size:
        raise SheetError(DAMAGED)
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise SheetError(DAMAGED)
        _check_xml(bytes(compressed))
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size, tail, position = 0, b"", 0
    try:
        while not inflater.eof:
            pending = inflater.unconsumed_tail or compressed[position : position + CHUNK]
            if not inflater.unconsumed_tail:
                position += CHUNK
            if not pending:
                break
            chunk = inflater.decompress(pending, CHUNK)
            size += len(chunk)
            if size > info.file_size:
                raise SheetError(UNSAFE)  # more inside than it says: made to mislead
            seen = tail + chunk  # a DOCTYPE may straddle chunks
            _check_xml(seen)
            tail = seen[-(_LONGEST_DOCTYPE - 1) :]
    except zlib.error:
        raise SheetError(DAMAGED) from None
    if not inflater.eof or size != info.file_size:
        raise SheetError(DAMAGED)


def _check_xml(chunk):
    if any(doctype in chunk for doctype in _DOCTYPES):
        raise SheetError(UNSAFE)
