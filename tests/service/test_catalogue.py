"""Document types check themselves when declared; the catalogue groups them."""

import pytest

from service.catalogue import Catalogue
from service.fields import TextField
from service.steps import StepForm, make_step
from tests.service.steps_for_tests import First, More, make


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


def test_a_field_may_not_hide_what_the_step_form_uses():
    clash = make_step("clash", "Clash", data=TextField("Data"), earlier=TextField("Earlier"))
    with pytest.raises(ValueError, match=r"\['data', 'earlier'\] clash"):
        make(steps=(First, clash))


def test_question_names_are_read_in_page_order_without_binding_a_form():
    assert make().answer_names == {First: ("name", "wants_more"), More: ("items",)}


def test_catalogue_groups_by_audience_in_a_fixed_order(tmp_path):
    school = make("plan", audience=("school",))
    both = make("letter", audience=("parent", "school"))
    catalogue = Catalogue([school, both], tmp_path)
    groups = catalogue.by_audience()
    assert [(key, [d.slug for d in docs]) for key, _, docs in groups] == [
        ("parent", ["letter"]),
        ("school", ["plan", "letter"]),
    ]
    assert catalogue.template_path(school) == tmp_path / "x.docx"
