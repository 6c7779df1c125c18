"""What an SEN support plan shares with a school's SEN register: the school census's codes
for a pupil's needs and the unique pupil number, each asked with the census's own rules, and
the groups of questions a plan repeats, outcomes and provision, with how each item reads in
the plan. Schools' management information systems export the same codes and columns.
"""

import decimal
import re

from wtforms import Form
from wtforms.validators import StopValidation, ValidationError

from forms.formatting import long_date, paragraphs, prompt, text
from service import dates
from service.catalogue import is_prompt
from service.fields import (
    After,
    ChoiceField,
    DateField,
    LongTextField,
    MoneyField,
    NumberField,
    TextField,
)
from service.steps import StepForm

# Three reviews a year (Code 6.65): a review meeting further than this from the date before it
# cannot be one of them.
MOST_WEEKS_BETWEEN_REVIEWS = 26


class ReviewMeetingDay:
    """A check for a review meeting's date, shared by the plan and the review: a working day
    no more than 26 weeks after `before` (a field of the same form or an earlier answer),
    which `before_name` names. A date not after `before` is left to the After check beside
    it, and a date already refused says nothing more, so one message says what is wrong."""

    def __init__(self, before, before_name):
        self.before, self.before_name = After(before, ""), before_name

    def __call__(self, form, field):
        day = field.data
        if day is None or field.errors:
            return
        previous = self.before.other_date(form, field)
        if previous is not None and day <= previous:
            return
        if previous is not None:
            latest = dates.add_weeks(previous, MOST_WEEKS_BETWEEN_REVIEWS)
            if day > latest:
                raise ValidationError(
                    f"{field.error_name} must be on or before {long_date(latest)}, "
                    f"{MOST_WEEKS_BETWEEN_REVIEWS} weeks after {self.before_name}"
                )
        if day.weekday() >= 5:
            raise ValidationError(f"{field.error_name} must be a weekday, not a {day:%A}")
        if not dates.is_working_day(day):
            raise ValidationError(f"{field.error_name} must not be a bank holiday")


# The DfE school census codes for SEN provision and type of need.
SEN_STATUSES = [("K", "K: SEN support"), ("E", "E: education, health and care (EHC) plan")]
NEED_TYPES = [
    ("SPLD", "specific learning difficulty"),
    ("MLD", "moderate learning difficulty"),
    ("SLD", "severe learning difficulty"),
    ("PMLD", "profound and multiple learning difficulty"),
    ("SEMH", "social, emotional and mental health"),
    ("SLCN", "speech, language and communication needs"),
    ("HI", "hearing impairment"),
    ("VI", "vision impairment"),
    ("MSI", "multi-sensory impairment"),
    ("PD", "physical disability"),
    ("ASD", "autistic spectrum disorder"),
    ("OTH", "other difficulty or disability"),
    ("NSA", "SEN support but no specialist assessment of type of need"),
]
NEED_LABELS = {code: f"{code}: {meaning}" for code, meaning in NEED_TYPES}
NO_SPECIALIST_ASSESSMENT = "NSA"  # census rule: only for pupils on SEN support (K)
NO_SECONDARY_NEED = "none"
UPN = re.compile(r"[A-Za-z][0-9]{11}[0-9A-Za-z]", re.ASCII)


class UpnField(TextField):
    """A unique pupil number: a letter, 11 digits, and a digit (or a letter, for a temporary
    UPN). Not free text: anything else is refused."""

    free_text = False

    def __init__(self, label, **kwargs):
        super().__init__(label, max_length=20, checks=(_upn_shape,), **kwargs)


def _upn_shape(_form, field):
    if field.data and not UPN.fullmatch(field.data):
        raise ValidationError(
            "Enter a UPN in the correct format: 13 characters, like A123456789012"
        )


class NeedsStep(StepForm):
    """The census codes, with the census's rules between them."""

    slug, title = "needs", "SEN status and type of need"
    hint = "These are the codes the school census uses."
    sen_status = ChoiceField(
        "SEN provision status", SEN_STATUSES, "Select the pupil's SEN provision status"
    )
    primary_need = ChoiceField(
        "Primary need", list(NEED_LABELS.items()), "Select the pupil's primary need"
    )
    secondary_need = ChoiceField(
        "Secondary need (optional)",
        [(NO_SECONDARY_NEED, "No secondary need"), *list(NEED_LABELS.items())[:-1]],
    )

    def validate_primary_need(self, field):
        if field.data == NO_SPECIALIST_ASSESSMENT and self.sen_status.data == "E":
            raise StopValidation(
                "NSA is only for pupils on SEN support (K). Select the pupil's primary need"
            )

    def validate_secondary_need(self, field):
        if field.data and field.data == self.primary_need.data:
            raise StopValidation("Select a secondary need that is different from the primary need")


def coded(value, labels, blank_prompt):
    """A census code with its meaning; in a blank plan, a prompt to write one in."""
    return prompt(blank_prompt) if is_prompt(value) else labels.get(value, "")


# The four broad areas of need in the SEND Code of Practice (6.28 to 6.35), each with an
# example for the hint of its question.
AREAS = [
    ("communication", "Communication and interaction"),
    ("cognition", "Cognition and learning"),
    ("semh", "Social, emotional and mental health"),
    ("sensory", "Sensory and/or physical needs"),
]
AREA_NAMES = dict(AREAS)
AREA_EXAMPLES = {
    "communication": "Finds it hard to follow instructions with more than two steps.",
    "cognition": "Reading age is 2 years below his actual age.",
    "semh": "Becomes anxious when asked to read aloud.",
    "sensory": "Handwriting is slow and tiring.",
}


class OutcomeForm(Form):
    target = LongTextField(
        "Outcome (SMART target)",
        "Enter the outcome",
        error_name="Outcome",
        hint="Specific, measurable, achievable, relevant and time-bound.",
        prompt="SMART target",
        max_length=2000,
    )
    start_point = LongTextField(
        "Baseline: where the pupil is now",
        "Enter the baseline for this outcome",
        error_name="Baseline",
        prompt="baseline",
        max_length=2000,
    )
    measure = LongTextField(
        "How will you measure progress?",
        "Enter how you will measure progress",
        error_name="How you will measure progress",
        prompt="how we will measure progress",
        max_length=2000,
    )
    due = DateField(
        "By when?",
        "Enter the date for this outcome",
        error_name="The date for this outcome",
        prompt="date",
        checks=(
            After(
                "plan_start",
                "The date for this outcome must be after the date the plan starts, {date}",
            ),
        ),
    )


class ProvisionForm(Form):
    intervention = TextField(
        "Intervention or support",
        "Enter the intervention or support",
        hint="For example, 'Precision teaching for reading'.",
        prompt="intervention",
    )
    area = ChoiceField("Area of need", AREAS, "Select the area of need")
    frequency = TextField(
        "How often",
        "Enter how often",
        hint="For example, 3 times a week.",
        prompt="how often",
        max_length=100,
    )
    session_length = TextField(
        "Session length",
        "Enter the session length",
        hint="For example, 20 minutes.",
        prompt="session length",
        max_length=100,
    )
    group_size = NumberField(
        "Group size",
        "Enter the group size",
        prompt="group size",
        minimum=1,
        maximum=40,
        hint="The number of pupils in each session. Enter 1 for one-to-one.",
    )
    staff = TextField(
        "Staff role",
        "Enter the staff role",
        hint="For example, teaching assistant.",
        prompt="staff role",
        max_length=100,
    )
    start = DateField("Start date", "Enter the start date", prompt="start date")
    end = DateField(
        "End date",
        "Enter the end date",
        prompt="end date",
        checks=(After("start", "End date must be after the start date"),),
    )
    cost = MoneyField(
        "Cost (optional)", hint="The cost for the length of the plan, in pounds.", prompt="cost"
    )


def outcome_row(item):
    """One outcome as the plan's table shows it."""
    parts = {part: paragraphs(item.get(part)) for part in ("target", "start_point", "measure")}
    return {**parts, "due": long_date(item.get("due"))}


def provision_row(item):
    """One kind of help as the plan's provision table shows it."""
    area, size, cost = item.get("area"), item.get("group_size"), item.get("cost")
    if not is_prompt(size):
        size = "One-to-one" if size == 1 else str(size or "")
    return {
        "intervention": text(item.get("intervention")),
        "area": prompt("area of need") if is_prompt(area) else AREA_NAMES.get(area, ""),
        "frequency": text(item.get("frequency")),
        "session_length": text(item.get("session_length")),
        "group_size": size,
        "staff": text(item.get("staff")),
        "start": long_date(item.get("start")),
        "end": long_date(item.get("end")),
        "cost": cost if is_prompt(cost) else MoneyField.shown(cost) if cost else "",
    }


def total_cost(items, blank):
    """The total of the costs given, as money."""
    if blank:
        return prompt("total cost")
    costs = [decimal.Decimal(item["cost"]) for item in items if item.get("cost")]
    return MoneyField.shown(sum(costs)) if costs else ""
