"""The SENCO's record of an SEN support plan review; forms/sen_support_review.py writes its
words. The same plan look as the support plan (plan_layout.py), all on portrait pages:
a details table, the outcomes with their ratings and evidence, the support given, views, what
happens next and any new outcomes.

No row of a table splits across pages (plan_layout sees to that), and the one date column is
wide enough for the longest date, "30 September 2026", on one line. The next review and who
wrote the record stay on the page of the paragraph before them, whichever next step was
chosen: the record never ends with a page holding only those.
"""

import dataclasses

from docx.shared import Mm

from scripts.docx_templates.plan_layout import (
    PORTRAIT_WIDTH,
    Column,
    Plan,
    date_width,
    kept_with_next,
    plan_document,
)
from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED

NAME = "sen-support-review.docx"
DATE_WIDTH = date_width()  # 36 mm: "30 September 2026" on one line

OUTCOME_COLUMNS = (
    Column("Outcome", Mm(62), "outcome.outcome", lines=True),
    Column("Rating", Mm(32), "outcome.rating", bold=True),
    Column("Evidence", Mm(66), "outcome.evidence", lines=True),
)

# Five columns with the cost, four without; each set fills the portrait page's width.
SUPPORT_COLUMNS = (
    Column("Intervention or support", Mm(50), "item.intervention", bold=True),
    Column("Sessions planned", Mm(22), "item.planned"),
    Column("Sessions given", Mm(22), "item.delivered"),
    Column("Notes", Mm(42), "item.notes"),
)
COST_COLUMN = Column("Cost", Mm(24), "item.cost")
UNCOSTED_COLUMNS = (
    dataclasses.replace(SUPPORT_COLUMNS[0], width=SUPPORT_COLUMNS[0].width + Mm(12)),
    *SUPPORT_COLUMNS[1:3],
    dataclasses.replace(SUPPORT_COLUMNS[3], width=SUPPORT_COLUMNS[3].width + Mm(12)),
)

NEW_OUTCOME_COLUMNS = (
    Column("Outcome", Mm(70), "outcome.target", lines=True),
    Column("How we will measure progress", PORTRAIT_WIDTH - Mm(70) - DATE_WIDTH,
           "outcome.measure", lines=True),
    Column("By when", DATE_WIDTH, "outcome.due", date=True),
)  # fmt: skip


def build():
    """The whole review record, as a python-docx Document."""
    plan = Plan(plan_document("Review of the SEN support plan for {{ child_name }}"))
    _about(plan)
    _outcomes(plan)
    _support(plan)
    _views(plan)
    _next(plan)
    return plan.document


def _about(plan):
    plan.heading("Review of the SEN support plan for {{ child_name }}", level=1)
    plan.para("{{ intro }}")
    plan.heading("Details")
    plan.key_value_table(
        Mm(58), PORTRAIT_WIDTH - Mm(58), "row", "details", "Review details", lines=True
    )


def _outcomes(plan):
    plan.heading("Outcomes")
    plan.para(
        "{{ outcomes_intro }}{% if blank %} [Add a row for each outcome.]{% endif %}",
        keep_with_next=True,
    )
    plan.repeating_table(OUTCOME_COLUMNS, "outcome", "reviewed", "Outcomes reviewed")
    plan.after_table("{{ met_summary }}")


def _support(plan):
    """Whether the planned help was given: a table, with a cost column when any cost is
    known, and the totals after it."""
    plan.heading("Support given")
    plan.para(
        "{{ support_intro }}{% if blank %} [Add a row for each kind of help.]{% endif %}",
        keep_with_next=True,
    )
    plan.tag("if support_costed")
    plan.repeating_table(
        (*SUPPORT_COLUMNS[:3], COST_COLUMN, SUPPORT_COLUMNS[3]), "item", "support", "Support given"
    )
    plan.tag("else")
    plan.repeating_table(UNCOSTED_COLUMNS, "item", "support", "Support given")
    plan.tag("endif")
    plan.after_table("{{ support_summary }}")


def _views(plan):
    plan.heading("What {{ child }} says")
    plan.lines("child_views")
    plan.heading("What {{ child }}'s family says")
    plan.lines("parent_views")
    plan.heading("What worked")
    plan.lines("worked", "List Bullet")
    plan.tag("if not_worked")
    plan.heading("What did not work" + DELETE_IF_NOT_NEEDED)
    plan.lines("not_worked", "List Bullet")
    plan.tag("endif")


def _next(plan):
    plan.heading("What happens next")
    plan.tag("if blank")  # the paragraph, then its text, are a blank plan's note
    plan.para("{% if blank %}[Keep the next step you agreed and delete the others.]{% endif %}")
    plan.tag("endif")
    plan.tag("for step in next_steps")
    plan.para(("{{ step.lead }}",), " {{ step.text }}")
    plan.tag("for reason in step.why")  # an EHC request's reasons, the first with a bold lead
    plan.para(("{{ reason.lead }}",), "{{ reason.text }}")
    plan.tag("endfor")
    plan.each("line", "step.more", "Normal")
    plan.tag("endfor")
    # What will happen (a required answer, so never empty): its last line goes with what
    # follows, the new outcomes or the next review.
    plan.lines("next_details[:-1]")
    _kept_whole_with_next(plan.para("{{ next_details[-1] }}"))
    plan.tag("if new_outcomes")
    plan.heading("New outcomes" + DELETE_IF_NOT_NEEDED)
    plan.para(
        "{{ new_outcomes_intro }}{% if blank %} [Add a row for each outcome.]{% endif %}",
        keep_with_next=True,
    )
    kept_with_next(
        plan.repeating_table(NEW_OUTCOME_COLUMNS, "outcome", "new_outcomes", "New outcomes")
    )
    plan.tag("endif")
    plan.heading("Next review")
    _kept_whole_with_next(plan.para("{{ next_review }}"))
    plan.para("{{ written_by }}")


def _kept_whole_with_next(paragraph):
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    return paragraph
