"""The parent's formal complaint to a school; forms/complaint.py writes its words.

The chronology is a Word table: a header row that Word repeats on every page (and reads as
the table's headers), and one row per event from a `{%tr for %}` loop.
"""

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED, Letter, letter_document

NAME = "complaint.docx"

# Column widths of the chronology: the event number, the date, and what happened. Together
# they fill the 160 mm between the letter's margins.
COLUMNS = (("Event", Mm(15)), ("Date", Mm(41)), ("What happened", Mm(104)))
BORDER_COLOUR = "B1B4B6"
HEADER_FILL = "F3F2F1"


def build():
    """The whole complaint, as a python-docx Document."""
    letter = Letter(letter_document())
    _table_text_style(letter.document)
    letter.heading()
    letter.para("{{ heading }}", style="Heading 1")
    letter.para(("{{ pupil.lead }}",), " {{ pupil.text }}")
    letter.para("{{ opening }}")

    letter.tag("if stage_two")
    letter.para(
        "Why I am asking for stage 2{% if blank %} [delete this part at stage 1]{% endif %}",
        style="Heading 2",
    )
    letter.para("{{ stage_one_history }}")
    letter.tag("if unresolved")
    letter.para("{{ unresolved_intro }}", keep_with_next=True)
    letter.each("point", "unresolved", "List Bullet")
    letter.tag("endif")
    letter.para("{{ panel_request }}")
    letter.tag("endif")

    letter.para("What happened", style="Heading 2")
    letter.para(
        "{{ events_intro }}{% if blank %} [Add a row for each event.]{% endif %}",
        keep_with_next=True,
    )
    _events_table(letter.document)

    letter.para("What I am complaining about", style="Heading 2")
    letter.para(
        "{{ issues_intro }}{% if blank %} [Delete any that do not apply.]{% endif %}",
        keep_with_next=True,
    )
    letter.tag("for issue in issues")
    letter.para(("{{ issue.lead }}",), " {{ issue.text }}", style="List Number")
    letter.tag("endfor")
    letter.tag("if code_note")
    letter.para("{{ code_note }}")
    letter.tag("endif")
    letter.each("paragraph", "claim", "Normal")

    letter.para("How this has affected {{ child }}", style="Heading 2")
    letter.each("paragraph", "impact", "Normal")

    letter.para("What I am asking the school to do", style="Heading 2")
    letter.para("{{ remedies_intro }}", keep_with_next=True)
    letter.each("remedy", "remedies", "List Bullet")

    letter.tag("if enclosures")
    letter.para("Documents I have included" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ enclosures_intro }}", keep_with_next=True)
    letter.each("enclosure", "enclosures", "List Bullet")
    letter.tag("endif")

    letter.para("What happens next", style="Heading 2")
    letter.para("{{ reply_request }}")
    letter.tag("if policy_request")
    letter.para("{{ policy_request }}")
    letter.tag("endif")
    letter.para("{{ contact }}")
    letter.para("{{ closing }}", keep_with_next=True)
    letter.sign_off()
    return letter.document


# --- The chronology table -----------------------------------------------------------------


def _table_text_style(document):
    """Text in table cells: the letter's Normal text, with less space between paragraphs."""
    style = document.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(4)
    fmt.line_spacing = 1.1


def _events_table(document):
    """Header row, then `{%tr for %}`, the row for one event, and `{%tr endfor %}`."""
    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    _table_properties(table)
    for column, (_, width) in zip(table.columns, COLUMNS, strict=True):
        column.width = width  # the grid LibreOffice lays out by
    for row in table.rows:
        for cell, (_, width) in zip(row.cells, COLUMNS, strict=True):
            cell.width = width

    header, loop_start, event, loop_end = table.rows
    for cell, (label, _) in zip(header.cells, COLUMNS, strict=True):
        _cell_text(cell, label, bold=True)
        _shade(cell, HEADER_FILL)
    _row_flag(header, "w:tblHeader")  # repeats on each page; marks the header for readers
    _row_flag(header, "w:cantSplit")

    _cell_text(loop_start.cells[0], "{%tr for event in events %}")
    _cell_text(event.cells[0], "{{ event.number }}")
    _cell_text(event.cells[1], "{{ event.date }}")
    what = event.cells[2]
    _cell_text(what, "{%p for line in event.lines %}")
    what.add_paragraph("{{ line }}", style="Table Text")
    what.add_paragraph("{%p endfor %}", style="Table Text")
    _cell_text(loop_end.cells[0], "{%tr endfor %}")
    return table


def _cell_text(cell, value, *, bold=False):
    paragraph = cell.paragraphs[0]
    paragraph.style = cell.part.document.styles["Table Text"]
    run = paragraph.add_run(value)
    if bold:
        run.bold = True


def _shade(cell, fill):
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _row_flag(row, tag):
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    properties.append(flag)


def _table_properties(table):
    """Full width, fixed columns, light grey borders, roomy cells and a caption for screen
    readers, in the element order the schema requires."""
    properties = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(int(w.twips) for _, w in COLUMNS)))
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
    for side, size in (("top", 60), ("left", 100), ("bottom", 40), ("right", 100)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(size))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), "Events in date order")

    for old in properties.findall(qn("w:tblW")) + properties.findall(qn("w:tblLayout")):
        properties.remove(old)
    style = properties.find(qn("w:tblStyle"))
    anchor = style
    for element in (width, borders, layout, margins):
        anchor.addnext(element)
        anchor = element
    look = properties.find(qn("w:tblLook"))
    (look if look is not None else anchor).addnext(caption)
