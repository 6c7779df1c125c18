"""A tiny fake document type, so the engine is tested without depending on any real letter."""

import docx
import pytest

from service.catalogue import Catalogue, DocumentType, StepForm
from service.fields import DateField, ListField, LongTextField, TextField, YesNoField


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
    when = DateField("When did it start?", "Enter when it started")
    notes = LongTextField("Anything else", hint="Optional")


def build_context(answers):
    return {
        "name": answers["name"],
        "pets": answers.get("pets", []),
        "when": answers["when"],
        "notes": answers.get("notes", ""),
    }


@pytest.fixture
def fake_document(tmp_path):
    template = docx.Document()
    template.add_paragraph("Name: {{ name }}")
    template.add_paragraph("{%p for pet in pets %}")
    template.add_paragraph("Pet: {{ pet }}")
    template.add_paragraph("{%p endfor %}")
    template.add_paragraph("When: {{ when }}")
    template.add_paragraph("Notes: {{ notes }}")
    path = tmp_path / "pet-letter.docx"
    template.save(path)
    return DocumentType(
        slug="pet-letter",
        title="Pet letter",
        summary="Tell someone about your pets.",
        needs="Your pets' names.",
        audience=("parent",),
        steps=(NameStep, HasPetsStep, PetsStep, DetailsStep),
        template=str(path),
        build_context=build_context,
        filename=lambda answers: f"Pet letter from {answers['name']}",
        example={"name": "Ada", "has_pets": True, "pets": ["Rex"], "when": "2026-01-05"},
    )


@pytest.fixture
def fake_app(app, fake_document):
    app.extensions["catalogue"] = Catalogue([fake_document, *app.extensions["catalogue"]])
    return app


@pytest.fixture
def fake_client(fake_app):
    return fake_app.test_client()
