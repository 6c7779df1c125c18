"""Check-your-answers rows, built from the same step forms and stored answers as the document."""

from markupsafe import Markup, escape

from service.catalogue import step_form
from service.fields import (
    AnswerField,
    ChoiceField,
    DateField,
    GroupField,
    ListField,
    MultiChoiceField,
    YesNoField,
)

NOT_GIVEN = Markup('<span class="app-not-given">Not given</span>')


def summary_sections(steps, answers_by_step):
    """[(step, [(label, value_html, field_id)])] for each applicable step."""
    sections = []
    for step in steps:
        form = step_form(step, answers_by_step.get(step.slug, {}), csrf=False)
        rows = [
            (field.label.text, display(field), field.id)
            for field in form
            if isinstance(field, AnswerField)
        ]
        sections.append((step, rows))
    return sections


def display(field):
    """One answer as safe HTML for a summary list."""
    if isinstance(field, ListField):
        items = [display(entry) for entry in field.entries if _has_value(entry)]
        return _bullets(items) if items else NOT_GIVEN
    if isinstance(field, GroupField):
        parts = [
            Markup("<strong>{}</strong>: {}").format(sub.label.text, display(sub))
            for sub in field.form
            if isinstance(sub, AnswerField) and _has_value(sub)
        ]
        return Markup("<br>").join(parts) if parts else NOT_GIVEN
    if isinstance(field, YesNoField):
        return {True: "Yes", False: "No"}.get(field.answer(), NOT_GIVEN)
    if isinstance(field, MultiChoiceField):
        labels = [field.choice_labels[value] for value in field.data or []]
        return _bullets([escape(label) for label in labels]) if labels else NOT_GIVEN
    if isinstance(field, ChoiceField):
        return field.choice_labels.get(field.data) or NOT_GIVEN
    if isinstance(field, DateField):
        return f"{field.data.day} {field.data:%B %Y}" if field.data else NOT_GIVEN
    return _paragraphs(field.data)


def _has_value(field):
    if isinstance(field, GroupField):
        return any(_has_value(sub) for sub in field.form if isinstance(sub, AnswerField))
    return field.data not in (None, "", [])


def _paragraphs(text):
    lines = [line for line in (text or "").split("\n") if line.strip()]
    if not lines:
        return NOT_GIVEN
    if len(lines) == 1:
        return escape(lines[0])
    return Markup("").join(Markup('<p class="govuk-body">{}</p>').format(line) for line in lines)


def _bullets(items):
    if len(items) == 1:
        return items[0]
    return Markup('<ul class="govuk-list govuk-list--bullet">{}</ul>').format(
        Markup("").join(Markup("<li>{}</li>").format(item) for item in items)
    )
