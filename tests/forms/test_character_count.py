"""Every question with a limit on what is typed shows GOV.UK's character count, on its page and
in every item of a list; nothing the browser would use to cut text off is drawn."""

import lxml.html
import pytest
from flask import get_template_attribute

from forms import CATALOGUE
from forms.vocabulary import PARENT
from service.fields import ListField, TextField
from service.fields.text import limit_hint


def leaves(field):
    """The questions a field draws boxes for: itself, or the questions of each list item."""
    if isinstance(field, ListField):
        for entry in field.entries:
            yield from leaves(entry)
    elif hasattr(field, "answer_fields"):  # a group of questions, in one item of a list
        for sub in field.answer_fields():
            yield from leaves(sub)
    else:
        yield field


def drawn_steps(app, document):
    """(questions, page) for each step: its questions, asked or not this time, and the HTML
    the journey's own macros draw for them."""
    with app.test_request_context():
        render = get_template_attribute("journey/_fields.html", "render")
        for step in document.steps:
            form = step(formdata=None, meta={"csrf": False}, earlier={"writer": PARENT})
            fields = form.answer_fields()
            html = "".join(str(render(field)) for field in fields)
            yield (
                [leaf for field in fields for leaf in leaves(field)],
                lxml.html.fromstring(f"<div>{html}</div>"),
            )


@pytest.mark.parametrize("document", CATALOGUE, ids=lambda document: document.slug)
def test_every_limited_question_is_a_character_count(app, document):
    counted = 0
    for questions, page in drawn_steps(app, document):
        assert page.xpath("//*[@maxlength]") == []
        for question in questions:
            limited = isinstance(question, TextField) and question.free_text
            box = page.get_element_by_id(question.id, None)
            if box is None:  # dates and choices: drawn under ids of their own
                assert not limited, question.id
                continue
            if not limited:
                assert "govuk-js-character-count" not in box.classes, question.id
                continue
            counted += 1
            assert "govuk-js-character-count" in box.classes, question.id
            group = next(el for el in box.iterancestors() if el.get("data-module"))
            assert group.get("data-module") == "govuk-character-count"
            assert group.get("data-maxlength") == str(question.max_length)
            info = page.get_element_by_id(f"{question.id}-info")
            assert info.text_content().strip() == limit_hint(question.max_length)
            assert box.get("aria-describedby").split()[0] == f"{question.id}-info"
            if question.description:
                assert f"{question.id}-hint" in box.get("aria-describedby").split()
    assert counted, "no question in the document has a limit"


def test_questions_in_list_items_are_counted_too(app):
    """The walk above reaches into lists: a list of text boxes, and a group's text in an item."""
    in_items = {
        question.id
        for document in CATALOGUE
        for questions, _ in drawn_steps(app, document)
        for question in questions
        if getattr(question, "character_limit", None) and "-0" in question.id
    }
    assert "concerns-0" in in_items
    assert "events-0-what" in in_items
