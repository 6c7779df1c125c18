"""The SENCO's record of an SEN support plan review; forms/sen_support_review.py writes its
words. The same plan look as the support plan (plan_layout.py), all on portrait pages:
a details table, the outcomes with their ratings and evidence, views, and what happens next.
"""

from docx.shared import Mm

from scripts.docx_templates.plan_layout import PORTRAIT_WIDTH, Column, Plan, plan_document
from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED

NAME = "sen-support-review.docx"

OUTCOME_COLUMNS = (
    Column("Outcome", Mm(64), "outcome.outcome", lines=True),
    Column("Rating", Mm(30), "outcome.rating", bold=True),
    Column("Evidence", Mm(66), "outcome.evidence", lines=True),
)


def build():
    """The whole review record, as a python-docx Document."""
    plan = Plan(plan_document("Review of the SEN support plan for {{ child_name }}"))
    _about(plan)
    _outcomes(plan)
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
    plan.tag("endfor")
    plan.lines("next_details")
    plan.heading("Next review")
    plan.para("{{ next_review }}")
    plan.para("{{ written_by }}")
