"""The request for an EHC needs assessment; forms/ehc_needs_assessment_request.py writes its
words, which change with who is writing (a parent, a young person or a school). The template
holds the layout, the headings and the time-limits table's column labels.
"""

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED, Letter, letter_document

NAME = "ehc-needs-assessment-request.docx"

# The time-limits table across the 160 mm between the margins: what, by when, and the law.
# The date column prints the widest date, "30 September 2026", on one line in 11 pt text.
COLUMNS = (
    ("What you must do", Mm(58)),
    ("By", Mm(40)),
    ("Time limit and the law", Mm(62)),
)


def build():
    """The whole letter, as a python-docx Document."""
    letter = Letter(letter_document())
    _spaced_style(letter.document, "Table Text", before=3, after=3)
    _spaced_style(letter.document, "After Table", before=10, after=8)
    letter.heading()
    letter.para("{{ heading }}", style="Heading 1")
    letter.each("paragraph", "opening", "Normal")
    _legal_test(letter)
    _support_and_advice(letter)
    _time_limits(letter)
    _ending(letter)
    return letter.document


def _spaced_style(document, name, *, before, after):
    """A Normal paragraph with its own spacing: inside table cells, and after the table."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)


def _legal_test(letter):
    letter.para("The legal test", style="Heading 2")
    letter.para("{{ test_intro }}", keep_with_next=True)
    letter.each("part", "test_parts", "List Bullet")
    letter.para("{{ test_meaning }}")
    letter.para("{{ sen_heading }}", style="Heading 2")
    letter.para("{{ sen_intro }}")
    _needs(letter)
    letter.para("2. An EHC plan may be necessary", style="Heading 2")
    letter.each("paragraph", "reasons_plan", "Normal")


def _needs(letter):
    """Each area of need described, under its own heading: the context lists only those
    answered, in the Code's order, so no heading is ever left empty."""
    letter.tag("for area in sen_areas")
    letter.para("{{ area.heading }}" + DELETE_IF_NOT_NEEDED, style="Heading 3")
    letter.each("paragraph", "area.paragraphs", "Normal")
    letter.tag("endfor")


def _support_and_advice(letter):
    letter.tag("if school_action or progress")
    letter.para("Support so far and progress" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ support_intro }}")
    letter.tag("if school_action")
    letter.para(("{{ school_action_intro }}",), keep_with_next=True)
    letter.each("paragraph", "school_action", "List Bullet")
    letter.tag("endif")
    letter.tag("if progress")
    letter.para(("{{ progress_intro }}",), keep_with_next=True)
    letter.each("paragraph", "progress", "List Bullet")
    letter.tag("endif")
    letter.tag("endif")

    _views(letter)

    letter.tag("if advice_from")
    letter.para("Who to ask for advice" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ advice_intro }}", keep_with_next=True)
    letter.each("adviser", "advice_from", "List Bullet")
    letter.tag("endif")

    letter.tag("if enclosures")
    letter.para("Documents sent with this letter" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ enclosures_intro }}", keep_with_next=True)
    letter.each("document", "enclosures", "List Bullet")
    letter.tag("endif")


def _views(letter):
    """The child's views and the parent's, each under its own heading, if either is given. A
    young person's own views need no heading of their own under the section's."""
    letter.tag("if child_views or parent_views")
    letter.para("Views, wishes and feelings" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ views_intro }}")
    for views in ("child_views", "parent_views"):
        letter.tag(f"if {views}")
        letter.tag(f"if {views}_heading")
        letter.para(f"{{{{ {views}_heading }}}}", style="Heading 3")
        letter.tag("endif")
        letter.each("paragraph", views, "Normal")
        letter.tag("endif")
    letter.tag("endif")


def _time_limits(letter):
    letter.para("Time limits", style="Heading 2")
    letter.para("{{ sending }}")
    letter.para("{{ limits_intro }}", keep_with_next=True)
    _deadlines_table(letter.document)
    letter.para("{{ exceptions_intro }}", style="After Table", keep_with_next=True)
    # The reasons and the ask after them are one short block: kept on one page.
    letter.tag("for reason in exceptions")
    letter.para("{{ reason }}", style="List Bullet", keep_with_next=True)
    letter.tag("endfor")
    letter.para("{{ exceptions_ask }}")
    letter.para("If you decide not to assess", style="Heading 2")
    letter.para("{{ appeal }}")


def _deadlines_table(document):
    """A header row repeated on each page, then one row per deadline (docxtpl's {%tr %}).
    The table is short and read as one: every row but the last keeps with the next, so it
    never splits across two pages."""
    table = document.add_table(rows=5, cols=len(COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    header, loop_start, row, loop_end, last = table.rows
    _row_properties(header, repeat=True)
    _row_properties(row)
    _row_properties(last)
    for index, (title, width) in enumerate(COLUMNS):
        table.columns[index].width = width
        for each in table.rows:
            each.cells[index].width = width
        _cell_text(header.cells[index], title, bold=True, keep_with_next=True)
    _cell_text(loop_start.cells[0], "{%tr for row in deadlines[:-1] %}")
    for cell, variable in zip(row.cells, ("task", "date", "law"), strict=True):
        _cell_text(cell, f"{{{{ row.{variable} }}}}", keep_with_next=True)
    _cell_text(loop_end.cells[0], "{%tr endfor %}")
    for cell, variable in zip(last.cells, ("task", "date", "law"), strict=True):
        _cell_text(cell, f"{{{{ deadlines[-1].{variable} }}}}")


def _row_properties(row, repeat=False):
    properties = row._tr.get_or_add_trPr()
    if repeat:
        properties.append(OxmlElement("w:tblHeader"))
    properties.append(OxmlElement("w:cantSplit"))


def _cell_text(cell, text, bold=False, keep_with_next=False):
    paragraph = cell.paragraphs[0]
    paragraph.style = "Table Text"
    paragraph.paragraph_format.keep_with_next = keep_with_next or None
    run = paragraph.add_run(text)
    run.bold = bold or None


def _ending(letter):
    letter.para("Please confirm you have received this request", style="Heading 2")
    letter.para("{{ acknowledge }} {{ contact }}")
    letter.para("{{ thanks }}", keep_with_next=True)
    letter.sign_off()
    letter.tag("if signer_role")
    letter.para("{{ signer_role }}")
    letter.tag("endif")
