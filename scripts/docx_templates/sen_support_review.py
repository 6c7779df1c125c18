"""The SENCO's record of an SEN support plan review; forms/sen_support_review.py builds its
variables. The same plan look as the support plan (plan_layout.py), all on portrait pages:
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
    plan = Plan(plan_document("Review of the SEN support plan for {{ pupil_name }}"))
    _about(plan)
    _outcomes(plan)
    _views(plan)
    _next(plan)
    return plan.document


def _about(plan):
    plan.heading("Review of the SEN support plan for {{ pupil_name }}", level=1)
    plan.para(
        "This is a record of the review of {{ pupil }}'s SEN support plan. SEN means special "
        "educational needs. At the meeting we looked at how {{ pupil }} is getting on, what "
        "has helped and what happens next."
    )
    plan.heading("Details")
    plan.key_value_table(
        Mm(58), PORTRAIT_WIDTH - Mm(58), "row", "details", "Review details", lines=True
    )


def _outcomes(plan):
    plan.heading("Outcomes")
    plan.para(
        "We looked at each outcome in the plan. The rating says how far {{ pupil }} got. The "
        "evidence says how we know."
        "{% if blank %} [Add a row for each outcome.]{% endif %}",
        keep_with_next=True,
    )
    plan.repeating_table(OUTCOME_COLUMNS, "outcome", "reviewed", "Outcomes reviewed")
    plan.after_table("{{ met_summary }}")


def _views(plan):
    plan.heading("What {{ pupil }} says")
    plan.lines("pupil_views")
    plan.heading("What {{ pupil }}'s family says")
    plan.lines("parent_views")
    plan.heading("What worked")
    plan.lines("worked", "List Bullet")
    plan.tag("if not_worked")
    plan.heading("What did not work" + DELETE_IF_NOT_NEEDED)
    plan.lines("not_worked", "List Bullet")
    plan.tag("endif")


def _next(plan):
    plan.heading("What happens next")
    plan.tag("if blank")
    plan.para("[Keep the next step you agreed and delete the others.]")
    plan.tag("endif")
    plan.tag("for step in next_steps")
    plan.para(("{{ step.lead }}",), " {{ step.text }}")
    plan.tag("endfor")
    plan.lines("next_details")
    plan.heading("Next review")
    plan.para("We will meet again to review the plan on {{ next_review }}. {{ meet_parents }}")
    plan.para(
        "Written by {{ senco_name }}, SENCO, {{ school_name }}. A copy of this record goes to "
        "{{ pupil }}'s family."
    )
