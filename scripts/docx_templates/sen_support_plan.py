"""The SENCO's SEN support plan; forms/sen_support_plan.py writes its words.

A plan, not a letter: a title, a pupil details table, a heading for each part, and tables for
the outcomes, the provision and the sign-off. The provision table has nine columns, so it
sits in a landscape section of its own; the rest of the plan is portrait. Date columns are
wide enough for the longest date ("30 September 2026" in 10 pt Arial and the cell padding,
about 36 mm) never to wrap, and no row of a table splits across two pages. Nothing follows
the provision table on its landscape page, so a long table cannot leave a sentence alone on a
page of its own; and the reviews are kept with the sign-off, so that the signatures and the
list of copies never have a page to themselves.
"""

import copy
import dataclasses

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from scripts.docx_templates.plan_layout import (
    PORTRAIT_WIDTH,
    Column,
    Plan,
    kept_with_next,
    plan_document,
)
from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED

NAME = "sen-support-plan.docx"

DATE_WIDTH = Mm(36)  # "30 September 2026" on one line

OUTCOME_COLUMNS = (
    Column("Outcome", Mm(48), "outcome.target", lines=True),
    Column("Where {{ child }} is now", Mm(36), "outcome.start_point", lines=True),
    Column("How we will measure progress", Mm(40), "outcome.measure", lines=True),
    Column("By when", DATE_WIDTH, "outcome.due", date=True),
)

# Nine columns with the cost, eight without; each set fills the landscape page's width.
PROVISION_COLUMNS = (
    Column("Intervention or support", Mm(38), "item.intervention", bold=True),
    Column("Area of need", Mm(30), "item.area"),
    Column("How often", Mm(24), "item.frequency"),
    Column("Session length", Mm(22), "item.session_length"),
    Column("Group size", Mm(24), "item.group_size"),  # "One-to-one" on one line
    Column("Staff role", Mm(24), "item.staff"),
    Column("Start date", DATE_WIDTH, "item.start", date=True),
    Column("End date", DATE_WIDTH, "item.end", date=True),
)
COST_COLUMN = Column("Cost", Mm(23), "item.cost")  # "Not costed" and "£1,234.50" on one line
UNCOSTED_COLUMNS = (
    dataclasses.replace(PROVISION_COLUMNS[0], width=PROVISION_COLUMNS[0].width + COST_COLUMN.width),
    *PROVISION_COLUMNS[1:],
)

SIGNING_COLUMNS = (
    Column("Name", Mm(50), "person.name"),
    Column("Role", Mm(35), "person.role"),
    Column("Signature", Mm(45), None),
    Column("Date", Mm(30), None),
)

# Room to write in by hand what will happen at home, when the plan has no answer for it.
HOME_ROWS = 3
HOME_COLUMNS = (
    Column("What will happen", Mm(110), None),
    Column("Who will do it", Mm(50), None),
)


def build():
    """The whole plan, as a python-docx Document."""
    plan = Plan(plan_document("SEN support plan for {{ child_name }}"))
    _about(plan)
    _voice(plan)
    _needs(plan)
    last_portrait = _outcomes(plan)
    plan.new_page_section(last_portrait, landscape=True)
    last_landscape = _provision(plan)
    plan.new_page_section(last_landscape, landscape=False)
    _strategies_and_home(plan)
    _reviews_and_sign_off(plan)
    return plan.document


def _about(plan):
    plan.heading("SEN support plan for {{ child_name }}", level=1)
    plan.para("{{ version_line }}")
    plan.para("{{ intro }}")
    plan.para("{{ notice }}")
    plan.heading("Pupil details")
    plan.key_value_table(Mm(58), PORTRAIT_WIDTH - Mm(58), "row", "details", "Pupil details")
    plan.heading("Strengths")
    plan.lines("strengths", "List Bullet")


def _voice(plan):
    plan.heading("About me")
    plan.para("{{ voice_intro }}")
    plan.heading("What people like and admire about me", level=3)
    plan.lines("voice_like")
    plan.heading("What is important to me", level=3)
    plan.lines("voice_important")
    plan.heading("My hopes for the future", level=3)
    plan.lines("voice_hopes")
    plan.heading("How best to support me", level=3)
    plan.lines("voice_support")
    # Not in the pupil's own words: a part of its own, after theirs.
    plan.heading("How we found out {{ child }}'s views")
    plan.lines("voice_how")
    plan.heading("What {{ child }}'s family says")
    plan.lines("parent_views")


def _needs(plan):
    plan.heading("What we know about {{ child }}'s needs")
    plan.para("{{ areas_intro }}{% if blank %} [Delete any that do not apply.]{% endif %}")
    plan.tag("for area in areas")
    plan.heading("{{ area.name }}", level=3)
    plan.each("line", "area.paragraphs", "Normal")
    plan.tag("endfor")
    plan.heading("Baseline and assessment")
    plan.lines("baseline")
    plan.tag("if professionals")
    plan.heading("Professionals, diagnoses and waiting lists" + DELETE_IF_NOT_NEEDED, level=3)
    plan.lines("professionals")
    plan.tag("endif")


def _outcomes(plan):
    """The outcomes table; returns the paragraph that ends the first portrait section."""
    plan.heading("Outcomes")
    plan.para(
        "{{ outcomes_intro }}{% if blank %} [Add a row for each outcome.]{% endif %}",
        keep_with_next=True,
    )
    plan.repeating_table(OUTCOME_COLUMNS, "outcome", "outcomes", "Outcomes")
    return plan.after_table("{{ outcomes_after }}")


def _provision(plan):
    """The provision table, with costs and their total when any are given; returns the
    paragraph that ends the landscape section."""
    plan.heading("Provision")
    plan.para(
        "{{ provision_intro }}{% if blank %} [Add a row for each kind of help.]{% endif %}",
        keep_with_next=True,
    )
    plan.tag("if costed")
    plan.repeating_table(
        (*PROVISION_COLUMNS, COST_COLUMN),
        "item",
        "provision",
        "Provision",
        total=("{{ total_label }}", "total_cost"),
    )
    plan.tag("else")
    plan.repeating_table(UNCOSTED_COLUMNS, "item", "provision", "Provision")
    plan.tag("endif")
    return _section_break_carrier(plan)


def _section_break_carrier(plan):
    """The paragraph that ends the landscape section, since a section break must sit in a
    paragraph after the table: with no text, and a line one point high, it leaves nothing
    alone on a page after a table that fills the page before."""
    paragraph = plan.para()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    mark = OxmlElement("w:rPr")  # the paragraph mark's own size: 1 pt (two half-points)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    paragraph._p.get_or_add_pPr().append(mark)
    return paragraph


def _strategies_and_home(plan):
    plan.heading("Classroom strategies for all staff")
    plan.para("{{ all_staff }}")
    plan.para("{{ strategies_intro }}", keep_with_next=True)
    plan.lines("strategies", "List Bullet")
    plan.heading("What will happen at home")
    plan.tag("if home")
    plan.lines("home", "List Bullet")
    plan.tag("else")
    plan.para("{{ home_to_agree }}", keep_with_next=True)
    home = plan.signing_table(HOME_COLUMNS, "row", "home_rows", "What will happen at home")
    _rows_to_write_in(home, HOME_ROWS)
    plan.tag("endif")


def _reviews_and_sign_off(plan):
    """The reviews, then the sign-off: kept on one page with the review dates before them,
    so that no page holds only the signatures and the list of copies."""
    plan.heading("Reviews")
    plan.para("{{ reviews_intro }}", keep_with_next=True)
    plan.lines("reviews", "List Bullet")
    plan.document.paragraphs[-2].paragraph_format.keep_with_next = True  # each date
    plan.tag("if confirm_suggested")
    plan.para("{{ confirm_suggested }}", keep_with_next=True)
    plan.tag("endif")

    plan.heading("Agreeing the plan")
    plan.para("{{ agreeing }}", keep_with_next=True)
    signing = plan.signing_table(SIGNING_COLUMNS, "person", "signatories", "Signatures")
    kept_with_next(signing)
    plan.after_table("{{ copies_intro }}", keep_with_next=True)
    plan.lines("distribution", "List Bullet")


def _rows_to_write_in(table, count):
    """A signing table's repeated row made `count` fixed empty rows, kept whole on one page:
    each row is kept with the next but the last, so that what follows the table may start a
    new page without it."""
    _header, loop_start, row, loop_end = table.rows
    for tag_row in (loop_start, loop_end):
        tag_row._tr.getparent().remove(tag_row._tr)
    for _ in range(count - 1):
        row._tr.addnext(copy.deepcopy(row._tr))
    for index, each in enumerate(table.rows):
        for cell in each.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = index < count
    return table
