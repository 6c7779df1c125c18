"""The look of a SENCO's plan or review, as opposed to a letter: a title, section headings,
tables whose header rows Word repeats on every page (and reads as headers), and landscape
sections for tables too wide for a portrait page.

It builds on the letter's styles (styles.letter_document): the same A4 page, Arial, en-GB and
page-number footer, with larger headings and a compact text style for table cells. Tables
repeat rows with docxtpl's `{%tr for %}` and hold several paragraphs in a cell with
`{%p for %}`, so a multi-line answer keeps its lines. No row splits across pages, and every
header cell has the one header fill (styles.HEADER_FILL).

A column that holds dates says so (`Column(..., date=True)`), and a table refuses to be built
if such a column is too narrow to print the longest date on one line (`date_width`).
"""

import math
from dataclasses import dataclass

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, Twips

from scripts.docx_templates.styles import (
    HEADER_FILL,
    Letter,
    letter_document,
    row_property,
    shade,
)

BORDER_COLOUR = "B1B4B6"
PORTRAIT_WIDTH = Mm(160)  # between the letter's 25 mm margins
LANDSCAPE_MARGIN = Mm(20)
LANDSCAPE_WIDTH = Mm(297 - 2 * 20)
SIGNING_ROW_HEIGHT = Mm(12)
TABLE_TEXT_SIZE = Pt(10)
CELL_MARGINS = {"top": 60, "left": 100, "bottom": 40, "right": 100}  # twentieths of a point

# The widest date long_date writes: September is the widest month name in Arial, and every
# digit is as wide as every other. Advance widths in thousandths of the font size, the same
# in Arial and in Liberation Sans, which LibreOffice prints it with.
WIDEST_DATE = "30 September 2026"
ARIAL_WIDTHS = {
    False: {" ": 278, "0": 556, "2": 556, "3": 556, "6": 556, "S": 667, "b": 556, "e": 556,
            "m": 833, "p": 556, "r": 333, "t": 278},
    True: {" ": 278, "0": 556, "2": 556, "3": 556, "6": 556, "S": 667, "b": 611, "e": 556,
           "m": 889, "p": 611, "r": 389, "t": 333},
}  # fmt: skip
# LibreOffice keeps the date on one line from 34.6 mm at 10 pt; a little more for Word.
DATE_ROOM_TO_SPARE = Mm(1)


@dataclass(frozen=True)
class Column:
    """One column of a repeating table: its heading, its width, and what each row shows.

    `value` is a template expression for one paragraph ("outcome.due"), or with
    `lines=True` a list whose items each become a paragraph in the cell ("outcome.target"),
    or None for a cell left empty to write in by hand. `date=True` says it holds dates, such
    as "30 September 2026", which must not wrap: the table refuses a column narrower than
    `date_width`.
    """

    heading: str
    width: Length
    value: str | None
    lines: bool = False
    bold: bool = False
    date: bool = False

    def __post_init__(self):
        object.__setattr__(self, "width", Emu(self.width))  # sums of lengths are plain ints


def date_width(bold=False, size=TABLE_TEXT_SIZE, side_margins=None):
    """The narrowest column that prints the widest date on one line: the date in Arial of
    `size`, the cell's left and right margins (a plan table's unless given) and a millimetre
    to spare, up to a whole millimetre. 36 mm in a plan's 10 pt table text, 37 mm bold."""
    text = Pt(sum(ARIAL_WIDTHS[bold][character] for character in WIDEST_DATE) * size.pt / 1000)
    if side_margins is None:
        side_margins = Twips(CELL_MARGINS["left"] + CELL_MARGINS["right"])
    return Mm(math.ceil((text + side_margins + DATE_ROOM_TO_SPARE) / Mm(1)))


def check_date_columns(columns):
    """Refuse a table whose date column would wrap "30 September" / "2026"."""
    for column in columns:
        needed = date_width(column.bold)
        if column.date and column.width < needed:
            raise ValueError(
                f"The {column.heading!r} column holds dates, so it must be at least "
                f"{needed.mm:.0f} mm wide to print {WIDEST_DATE!r} on one line; it is "
                f"{column.width.mm:.1f} mm. Take the room from a column of words."
            )


def plan_document(title):
    """An empty A4 plan: the letter's page and styles, plan headings, table text, and
    `title` before the page number in the footer (it may hold template tags)."""
    document = letter_document()
    styles = document.styles
    _heading(styles["Heading 1"], size=18, before=0, after=6)
    _heading(styles["Heading 2"], size=14, before=16, after=6)
    _heading(styles["Heading 3"], size=12, before=10, after=4)
    styles["Heading 3"].font.italic = False  # drawn larger than the text, it needs no italic
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    table_text.quick_style = True
    table_text.font.size = TABLE_TEXT_SIZE
    fmt = table_text.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(3)
    fmt.line_spacing = 1.1
    footer = document.sections[0].footer.paragraphs[-1]  # the page number's
    run = OxmlElement("w:r")
    label = OxmlElement("w:t")
    label.set(qn("xml:space"), "preserve")
    label.text = f"{title} | "
    run.append(label)
    footer._p.find(qn("w:r")).addprevious(run)
    return document


def _heading(style, *, size, before, after):
    style.font.size = Pt(size)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)


class Plan(Letter):
    """Adds paragraphs, tables and page-orientation changes to a plan document."""

    def after_table(self, *runs, **kwargs):
        """A paragraph straight after a table, with room above it."""
        paragraph = self.para(*runs, **kwargs)
        paragraph.paragraph_format.space_before = Pt(8)
        return paragraph

    def heading(self, text, level=2):
        return self.para(text, style=f"Heading {level}")

    def lines(self, variable, style="Normal"):
        """A paragraph for each item of a list variable (a multi-line answer)."""
        self.each("line", variable, style)

    def repeating_table(self, columns, item, items, caption, *, total=None):
        """A header row, then one row per item of `items` (`{%tr for item in items %}`).

        `total` = (label, expression) adds a last row: the label across every column but the
        last, right-aligned, and the expression in the last column.
        """
        table = self._table(columns, caption, rows=4 + (1 if total else 0))
        header, loop_start, row, loop_end = table.rows[:4]
        for cell, column in zip(header.cells, columns, strict=True):
            _text(cell, column.heading, bold=True)
            shade(cell._tc, HEADER_FILL)
        _row_flags(header, header=True)
        _text(loop_start.cells[0], f"{{%tr for {item} in {items} %}}")
        for cell, column in zip(row.cells, columns, strict=True):
            _cell_value(cell, column)
        _text(loop_end.cells[0], "{%tr endfor %}")
        if total:
            label, value = total
            last = table.rows[4]
            merged = last.cells[0].merge(last.cells[len(columns) - 2])
            merged.width = Emu(sum(column.width for column in columns[:-1]))
            _text(merged, label, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
            _text(last.cells[len(columns) - 1], f"{{{{ {value} }}}}", bold=True)
        return table

    def signing_table(self, columns, item, items, caption):
        """A repeating table with room to sign by hand in each row."""
        table = self.repeating_table(columns, item, items, caption)
        _row_flags(table.rows[2], height=SIGNING_ROW_HEIGHT)
        return table

    def key_value_table(self, label_width, value_width, item, items, caption, *, lines=False):
        """Two columns, one row per item: `item.label` (shaded, bold) and `item.value`, which
        with `lines=True` is a list of lines, each a paragraph in the cell."""
        columns = (
            Column("", label_width, f"{item}.label", bold=True),
            Column("", value_width, f"{item}.value", lines=lines),
        )
        table = self._table(columns, caption, rows=3)
        loop_start, row, loop_end = table.rows
        _text(loop_start.cells[0], f"{{%tr for {item} in {items} %}}")
        _text(row.cells[0], f"{{{{ {item}.label }}}}", bold=True)
        shade(row.cells[0]._tc, HEADER_FILL)  # the labels head their rows
        _cell_value(row.cells[1], columns[1])
        _text(loop_end.cells[0], "{%tr endfor %}")
        return table

    def _table(self, columns, caption, rows):
        """Fixed columns of the given widths; no row splits across pages."""
        check_date_columns(columns)
        table = self.document.add_table(rows=rows, cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.autofit = False
        _table_properties(table, sum(int(column.width.twips) for column in columns), caption)
        for grid_column, column in zip(table.columns, columns, strict=True):
            grid_column.width = column.width  # the grid LibreOffice lays out by
        for row in table.rows:
            for cell, column in zip(row.cells, columns, strict=True):
                cell.width = column.width
            _row_flags(row)
        return table

    def new_page_section(self, last_paragraph, *, landscape):
        """End the current section with `last_paragraph` (a paragraph of real text that no
        template tag removes) and start a new page, landscape or portrait, for what follows.

        python-docx puts the section break in an empty paragraph of its own; it moves here to
        the last paragraph instead, so the document has no empty paragraph.
        """
        self.document.add_section(WD_SECTION.NEW_PAGE)
        body = self.document.element.body
        carrier = body.findall(qn("w:p"))[-1]
        last_paragraph._p.set_sectPr(carrier.pPr.sectPr)
        body.remove(carrier)
        section = self.document.sections[-1]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
            section.left_margin = section.right_margin = LANDSCAPE_MARGIN
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(25)
        return section


def kept_with_next(table):
    """A short table kept on one page with the paragraph after it: every row keeps with the
    next."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    return table


def _cell_value(cell, column):
    """What one row shows in a column: nothing, a paragraph, or a paragraph per line."""
    if column.value is None:
        _text(cell, "")
    elif column.lines:
        _text(cell, f"{{%p for line in {column.value} %}}")
        cell.add_paragraph("{{ line }}", style="Table Text")
        cell.add_paragraph("{%p endfor %}", style="Table Text")
    else:
        _text(cell, f"{{{{ {column.value} }}}}", bold=column.bold)


def _text(cell, value, *, bold=False, align=None):
    paragraph = cell.paragraphs[0]
    paragraph.style = cell.part.document.styles["Table Text"]
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(value)
    if bold:
        run.bold = True


def _row_flags(row, *, height=None, header=False):
    """A row that never splits across pages, with a least height if given. A header row
    repeats at the top of each page and tells screen readers what each column holds."""
    row_property(row._tr, "cantSplit")
    if height is not None:
        element = row_property(row._tr, "trHeight")
        element.set(qn("w:val"), str(int(height.twips)))
        element.set(qn("w:hRule"), "atLeast")
    if header:
        row_property(row._tr, "tblHeader")


def _table_properties(table, width_twips, caption):
    """Fixed columns filling the text width, light grey borders, roomy cells and a caption
    for screen readers, in the element order the schema requires."""
    properties = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(width_twips))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), BORDER_COLOUR)
        borders.append(border)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for side, size in CELL_MARGINS.items():
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(size))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    caption_element = OxmlElement("w:tblCaption")
    caption_element.set(qn("w:val"), caption)

    for old in properties.findall(qn("w:tblW")) + properties.findall(qn("w:tblLayout")):
        properties.remove(old)
    anchor = properties.find(qn("w:tblStyle"))
    for element in (width, borders, layout, margins):
        anchor.addnext(element)
        anchor = element
    look = properties.find(qn("w:tblLook"))
    (look if look is not None else anchor).addnext(caption_element)
