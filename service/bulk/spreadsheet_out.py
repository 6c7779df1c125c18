"""CSV and XLSX files the service writes, safe to open in a spreadsheet.

Text from users (a pupil's name, a provision's description) may start with something a
spreadsheet runs as a formula: `=HYPERLINK(...)` sends a click elsewhere, `=cmd|' /C calc'!A0`
asks to start a program. Every str cell is passed through `neutralise`; numbers the service
works out itself are passed as int, float or Decimal and written as numbers, untouched.

- `csv_bytes(rows)`: UTF-8 with a byte order mark (without it Excel reads UTF-8 as the
  Windows code page and mangles names such as Zoë), CRLF line ends, header row first.
- `xlsx_bytes(sheets)`: a workbook of one sheet per (title, rows); every str cell an explicit
  string cell (never a formula or an error value), header row bold and frozen.
"""

import csv
import io
import math
import re
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# OWASP's CSV injection guidance: a cell starting with = + - @ is read as a formula, and one
# starting with tab or CR (LF too, here) may be once the spreadsheet trims it; NUL is on the
# ASVS list. Some importers (LibreOffice's "Trim spaces", Google Sheets) trim leading spaces
# before deciding, so " =1+1" is treated like "=1+1" as well.
_FORMULA_STARTS = ("=", "+", "-", "@")
_RISKY_FIRST = ("\t", "\r", "\n", "\0")
_PREFIX = "'"

# Excel's limits: characters in a cell, in a sheet title, and the characters a title refuses.
MAX_CELL_CHARACTERS = 32_767
MAX_TITLE_CHARACTERS = 31
_TITLE_REFUSED = re.compile(r"[\[\]:*?/\\]")
_RESERVED_TITLES = {"history"}  # Excel keeps this name for its change history

# OOXML text (ST_Xstring) reads `_xHHHH_` as the character HHHH: a user's literal `_x0041_`
# would show as "A" unless its underscore is written as `_x005F_`. Characters XML 1.0 cannot
# hold are written the same way, which is how Excel itself writes them.
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_WIDEST_COLUMN = 60
_NARROWEST_COLUMN = 8
_ROWS_MEASURED = 500  # enough rows to size the columns; the rest are not measured


class CellTooLongError(ValueError):
    """A text longer than an XLSX cell can hold: it is refused rather than cut short."""


def neutralise(value) -> str:
    """The text of a cell, made harmless for a spreadsheet: text a spreadsheet would run or
    read as a formula gets a leading apostrophe, and is otherwise kept whole. A number (int,
    float, Decimal: one the service worked out) is trusted and turned into text as it is, so -5
    stays "-5"; anything else is turned into text and neutralised like text."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(_RISKY_FIRST) or text.lstrip().startswith(_FORMULA_STARTS):
        return _PREFIX + text
    return text


def csv_bytes(rows) -> bytes:
    """A CSV file of `rows` (an iterable of lists, the header row first), UTF-8 with a byte
    order mark and CRLF line ends. str cells are neutralised; int, float and Decimal are
    written as numbers, dates as YYYY-MM-DD, True and False as yes and no, None as empty."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return _number_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


def _number_text(value) -> str:
    """A number as plain digits, never in exponent form (1e-05, 1E+3)."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a number a spreadsheet can hold")
        value = Decimal(repr(value))
    return format(value, "f")


def xlsx_bytes(sheets) -> bytes:
    """An XLSX workbook with one sheet per (title, rows) in `sheets`, rows an iterable of
    lists with the header row first. Titles are made to fit Excel's rules (and unique); str
    cells are neutralised and written as text; int, float and Decimal as numbers (a Decimal
    keeps its decimal places, 380.00 shows as 380.00); dates as dates shown YYYY-MM-DD; True
    and False as yes and no. Raises CellTooLongError for a text an XLSX cell cannot hold."""
    # Every cell is checked before any is written: a write-only sheet left half written when
    # CellTooLongError is raised could not be closed cleanly.
    sheets = [
        (title, [[_xlsx_value(value) for value in row] for row in rows]) for title, rows in sheets
    ]
    workbook = Workbook(write_only=True)
    used = set()
    for title, rows in sheets:
        sheet = workbook.create_sheet(sheet_title(title, used))
        used.add(sheet.title.casefold())
        for index, width in enumerate(_column_widths(rows), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if rows:
            sheet.freeze_panes = "A2"
        for number, row in enumerate(rows):
            sheet.append([_xlsx_cell(sheet, value, bold=number == 0) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(value):
    """`value` ready for a cell: text neutralised and written as OOXML text, True and False as
    yes and no; numbers checked; anything else as it is."""
    if isinstance(value, bool):
        return _Text("yes" if value else "no")
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        raise ValueError(f"{value} is not a number a spreadsheet can hold")
    if value is None or isinstance(value, int | float | Decimal | date):
        return value
    text = _xml_text(neutralise(value))
    if len(text) > MAX_CELL_CHARACTERS:
        raise CellTooLongError(f"A cell of {len(text):,} characters is longer than XLSX allows")
    return _Text(text)


class _Text(str):
    """Text already neutralised and escaped for an XLSX cell."""


def _xlsx_cell(sheet, value, *, bold):
    if value is None:
        cell = WriteOnlyCell(sheet)
    elif isinstance(value, int | float | Decimal):
        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, Decimal) and (places := -value.as_tuple().exponent) > 0:
            cell.number_format = "0." + "0" * places
    elif isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd hh:mm:ss" if isinstance(value, datetime) else "yyyy-mm-dd"
    else:
        cell = WriteOnlyCell(sheet, str(value))
        cell.data_type = "s"  # never a formula ("=...") nor an error value ("#N/A")
    if bold:
        cell.font = Font(bold=True)
    return cell


def _xml_text(text: str) -> str:
    """`text` as OOXML writes it, so that Excel shows exactly `text`."""
    text = _LOOKS_ESCAPED.sub("_x005F_", text)
    return _NOT_XML.sub(lambda match: f"_x{ord(match.group()):04X}_", text)


def sheet_title(title, used=()) -> str:
    """`title` as Excel accepts a sheet's name: none of []:*?/\\ (each becomes a space), no
    apostrophe at either end, at most 31 characters, not Excel's own "History", and, if its
    casefolded form is in `used`, numbered to differ ("Provision (2)")."""
    name = " ".join(_TITLE_REFUSED.sub(" ", str(title)).split()).strip("'").strip()
    name = name or "Sheet"
    if name.casefold() in _RESERVED_TITLES:
        name = f"{name} sheet"
    candidate, number = _cut(name, MAX_TITLE_CHARACTERS), 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = _cut(name, MAX_TITLE_CHARACTERS - len(suffix)) + suffix
    return candidate


def _cut(name, length):
    return name[:length].rstrip(" '") or "Sheet"


def _column_widths(rows):
    """A width per column that shows its longest line (of the first rows), within limits."""
    widths = []
    for row in rows[:_ROWS_MEASURED]:
        for index, value in enumerate(row):
            longest = max((len(line) for line in _shown(value).splitlines()), default=0)
            if index == len(widths):
                widths.append(_NARROWEST_COLUMN)
            widths[index] = max(widths[index], min(longest + 2, _WIDEST_COLUMN))
    return widths


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return _number_text(value)
    if isinstance(value, date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return value  # text, as _xlsx_value made it
