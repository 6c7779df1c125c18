"""The SENCO's SEN support plan; forms/sen_support_plan.py writes its words.

A plan, not a letter: a title, a pupil details table, a heading for each part, and tables for
the outcomes, the provision and the sign-off. The provision table has nine columns, so it
sits in a landscape section of its own; the rest of the plan is portrait.
"""

import dataclasses

from docx.shared import Mm

from scripts.docx_templates.plan_layout import (
    PORTRAIT_WIDTH,
    Column,
    Plan,
    plan_document,
)
from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED

NAME = "sen-support-plan.docx"

OUTCOME_COLUMNS = (
    Column("Outcome", Mm(54), "outcome.target", lines=True),
    Column("Where {{ child }} is now", Mm(38), "outcome.start_point", lines=True),
    Column("How we will measure progress", Mm(42), "outcome.measure", lines=True),
    Column("By when", Mm(26), "outcome.due"),
)

# Nine columns with the cost, eight without; each set fills the landscape page's width.
PROVISION_COLUMNS = (
    Column("Intervention or support", Mm(50), "item.intervention", bold=True),
    Column("Area of need", Mm(32), "item.area"),
    Column("How often", Mm(26), "item.frequency"),
    Column("Session length", Mm(22), "item.session_length"),
    Column("Group size", Mm(20), "item.group_size"),
    Column("Staff role", Mm(28), "item.staff"),
    Column("Start date", Mm(28), "item.start"),
    Column("End date", Mm(28), "item.end"),
)
COST_COLUMN = Column("Cost", Mm(23), "item.cost")
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
    plan.para("{{ intro }}")
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
    plan.heading("How best to support me", level=3)
    plan.lines("voice_support")
    plan.heading("How we found out {{ child }}'s views", level=3)
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
        total=("Total cost", "total_cost"),
    )
    plan.tag("else")
    plan.repeating_table(UNCOSTED_COLUMNS, "item", "provision", "Provision")
    plan.tag("endif")
    return plan.after_table("{{ provision_after }}")


def _strategies_and_home(plan):
    plan.heading("Classroom strategies for all staff")
    plan.para("{{ all_staff }}")
    plan.para("{{ strategies_intro }}", keep_with_next=True)
    plan.lines("strategies", "List Bullet")
    plan.tag("if home")
    plan.heading("What will happen at home" + DELETE_IF_NOT_NEEDED)
    plan.lines("home", "List Bullet")
    plan.tag("endif")


def _reviews_and_sign_off(plan):
    plan.heading("Reviews")
    plan.para("{{ reviews_intro }}", keep_with_next=True)
    plan.lines("reviews", "List Bullet")
    plan.tag("if confirm_suggested")
    plan.para("{{ confirm_suggested }}")
    plan.tag("endif")

    plan.heading("Agreeing the plan")
    plan.para("{{ agreeing }}", keep_with_next=True)
    plan.signing_table(SIGNING_COLUMNS, "person", "signatories", "Signatures")
    plan.tag("if distribution")
    plan.after_table("{{ copies_intro }}" + DELETE_IF_NOT_NEEDED, keep_with_next=True)
    plan.lines("distribution", "List Bullet")
    plan.tag("endif")
