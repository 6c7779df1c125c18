"""A tiny document type of the tests' own, in a template folder of its own: the engine is
handed it, as it is handed the real catalogue, and knows no real letter."""

import pytest

from service.fields import DateField, ListField, LongTextField, TextField, YesNoField
from service.steps import StepForm
from tests.service.own_document import own_app


class NameStep(StepForm):
    slug = "name"
    title = "What is your name?"
    name = TextField("Your full name", "Enter your full name")


class HasPetsStep(StepForm):
    slug = "has-pets"
    title = "Pets"
    has_pets = YesNoField("Do you have pets?", "Select yes if you have pets")


class PetsStep(StepForm):
    slug = "pets"
    title = "Your pets"
    pets = ListField(TextField("Pet"), "Your pets", "Enter at least one pet", item_name="pet")

    @classmethod
    def should_show(cls, answers):
        return answers.get("has_pets") is True


class DetailsStep(StepForm):
    slug = "details"
    title = "A few more details"
    hint = "Tell us when and anything else."
    when = DateField("When did it start?", "Enter when it started", error_name="The start")
    notes = LongTextField("Anything else", hint="Optional")


def build_context(answers):
    return {
        "name": answers["name"],
        "pets": answers.get("pets", []),
        "when": answers["when"],
        "notes": answers.get("notes", ""),
    }


PET_LETTER = {
    "slug": "pet-letter",
    "title": "Pet letter",
    "summary": "Tell someone about your pets.",
    "needs": "Your pets' names.",
    "steps": (NameStep, HasPetsStep, PetsStep, DetailsStep),
    "build_context": build_context,
    "filename": lambda answers: f"Pet letter from {answers['name']}",
    "example_source": {"name": "Ada", "has_pets": True, "pets": ["Rex"], "when": "2026-01-05"},
}
TEMPLATE = (
    "Name: {{ name }}",
    "{%p for pet in pets %}",
    "Pet: {{ pet }}",
    "{%p endfor %}",
    "When: {{ when }}",
    "Notes: {{ notes }}",
)


@pytest.fixture
def fake_app(tmp_path):
    with own_app(tmp_path, TEMPLATE, **PET_LETTER) as app:
        yield app


@pytest.fixture
def fake_client(fake_app):
    return fake_app.test_client()
