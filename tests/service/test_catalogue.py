"""validate_answers: the API's and CLI's path through the same step forms as the web."""

import pytest

from service import catalogue
from service.catalogue import Catalogue, DocumentType, StepForm, validate_answers
from service.fields import GroupField, ListField, TextField, YesNoField


class First(StepForm):
    slug = "first"
    title = "First"
    name = TextField("Name", "Enter a name")
    wants_more = YesNoField("More?", "Select yes if you want more")


class More(StepForm):
    slug = "more"
    title = "More"
    items = ListField(TextField("Item"), "Items", "Enter an item")

    @classmethod
    def should_show(cls, answers):
        return answers.get("wants_more") is True


def make(slug="doc", steps=(First, More), audience=("parent",)):
    return DocumentType(
        slug=slug,
        title="Doc",
        summary="s",
        needs="n",
        audience=audience,
        steps=steps,
        template="x.docx",
        build_context=dict,
        filename=lambda _answers: "x",
    )


@pytest.fixture(autouse=True)
def context(app):
    with app.test_request_context():
        yield


def test_valid_answers_are_cleaned():
    result = validate_answers(make(), {"name": "  Ada ", "wants_more": True, "items": ["a", ""]})
    assert result.errors == {}
    assert result.answers == {"name": "Ada", "wants_more": True, "items": ["a"]}


def test_steps_that_do_not_apply_are_neither_required_nor_kept():
    result = validate_answers(make(), {"name": "Ada", "wants_more": False, "items": ["a"]})
    assert result.errors == {}
    assert "items" not in result.answers


def test_errors_use_the_form_messages_in_page_order():
    result = validate_answers(make(), {"wants_more": True})
    assert result.errors == {"name": ["Enter a name"], "items": ["Enter an item"]}


def test_reused_forms_carry_nothing_from_one_call_to_the_next():
    document = make()
    validate_answers(document, {"name": "Secret", "wants_more": True, "items": ["private"]})
    second = validate_answers(document, {"wants_more": True})
    assert second.errors == {"name": ["Enter a name"], "items": ["Enter an item"]}
    assert "Secret" not in repr(second.answers)
    for form in catalogue._pool.forms.values():
        for field in form:
            if isinstance(field, ListField):
                assert field.entries == []
                assert all(_empty(spare) for spare in field._spares)
            else:
                assert field.data is None


def _empty(field):
    if isinstance(field, GroupField):  # a group's data is a dict of its fields' data
        return all(value is None for value in field.data.values())
    return field.data is None


def test_document_types_refuse_duplicate_names_and_unknown_audiences():
    class Clash(StepForm):
        slug = "clash"
        title = "Clash"
        name = TextField("Name again")

    with pytest.raises(ValueError, match="field names must be unique"):
        make(steps=(First, Clash))
    with pytest.raises(ValueError, match="step slugs must be unique"):
        make(steps=(First, First))
    with pytest.raises(ValueError, match="unknown audience"):
        make(audience=("aliens",))


def test_catalogue_groups_by_audience_in_a_fixed_order():
    school = make("plan", audience=("school",))
    both = make("letter", audience=("parent", "school"))
    groups = Catalogue([school, both]).by_audience()
    assert [(key, [d.slug for d in docs]) for key, _, docs in groups] == [
        ("parent", ["letter"]),
        ("school", ["plan", "letter"]),
    ]
