"""Check-your-answers rows, built from the same step forms and stored answers as the document."""

from service.fields.base import OPTIONAL
from service.journey.navigation import progress
from service.steps import step_form

# A card of several rows has one Change link, for the whole step, as the Design System's
# summary card does: a link on every row is noise (the plan had 37). A card of one row keeps
# the link on its row, which goes straight to that question.
ROWS_WITH_OWN_LINKS = 1


def summary_sections(document, answers_by_step, state=None):
    """[(form, [(label, value_html, id of the input to change)])] for each step that applies,
    each form built with the answers before it, as its page was. `state`: the journey's
    progress, if it is already worked out."""
    state = state or progress(document, answers_by_step)
    sections = []
    for step in state.steps:
        stored = answers_by_step.get(step.slug, {})
        form = step_form(step, stored, earlier=state.earlier[step.slug], csrf=False)
        # "(optional)" helps while answering, not when reading the answers back.
        rows = [
            (field.label.text.removesuffix(OPTIONAL), field.summary_html(), field.first_input_id)
            for field in form.fields_asked()
        ]
        sections.append((form, rows))
    return sections
