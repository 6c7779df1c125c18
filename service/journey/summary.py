"""Check-your-answers rows, built from the same step forms and stored answers as the document."""

from service.answers import visible_steps
from service.steps import step_form


def summary_sections(document, answers_by_step):
    """[(form, [(label, value_html, id of the input to change)])] for each step that applies,
    each form built with the answers before it, as its page was."""
    sections = []
    earlier = {}
    for step in visible_steps(document, answers_by_step)[0]:
        stored = answers_by_step.get(step.slug, {})
        form = step_form(step, stored, earlier=dict(earlier), csrf=False)
        rows = [
            (field.label.text, field.summary_html(), field.first_input_id)
            for field in form.fields_asked()
        ]
        sections.append((form, rows))
        earlier.update(stored)
    return sections
