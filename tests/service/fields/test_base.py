"""What every question shares: required or not, cleaning, messages that name the field, and
properties worked out from the answers to earlier steps."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from service.fields import ChoiceField, DateField, TextField, Varies
from service.fields.date_input import example_text, upcoming_example
from service.text import normalise_text, split_paragraphs
from tests.service.fields.forms import VALID, submit


class VoicedForm(Form):
    name = TextField(
        Varies(lambda a: "Your full name" if a.get("writer") == "young_person" else "Child's name"),
        Varies(lambda a: "Enter your full name" if a.get("writer") == "young_person" else None),
    )
    relation = ChoiceField(
        "How should the letter describe your child?",
        [("son", "My son"), ("child", "My child")],
        "Select how to describe your child",
        asked=Varies(lambda a: a.get("writer") != "young_person"),
    )


def test_required_messages_are_gov_uk_style():
    form = submit()
    assert not form.validate()
    assert form.name.errors == ["Enter your name"]
    assert form.born.errors == ["Enter your date of birth"]
    assert form.agree.errors == ["Select yes if you agree"]
    assert form.items.errors == ["Add at least one item"]


def test_xml_invalid_characters_are_removed_and_the_user_is_told():
    form = submit(**{**VALID, "name": "Ad\x00a\x1b"})
    assert not form.validate()
    assert form.name.errors == [
        "Your name had 2 hidden characters that cannot go into a Word document. "
        "We have removed them. Check your answer and continue"
    ]
    # The page shows the cleaned text, so continuing again succeeds with nothing else lost.
    assert form.name._value() == "Ada"
    assert submit(**{**VALID, "name": form.name._value()}).validate()


def test_long_text_limit_is_stated():
    form = submit(**VALID, notes="x" * 51)
    assert not form.validate()
    assert form.notes.errors == ["Notes must be 50 characters or fewer"]


def test_messages_name_the_field_by_its_label_less_optional():
    class Address(Form):
        school = TextField("School address (optional)", max_length=5)

    form = Address(formdata=MultiDict([("school", "Long Lane")]))
    assert not form.validate()
    assert form.school.errors == ["School address must be 5 characters or fewer"]


def test_a_question_cannot_be_the_name_in_a_message():
    class Asked(Form):
        what = TextField("What has been tried? (optional)")

    with pytest.raises(ValueError, match="give an error_name"):
        Asked()


def test_text_normalisation_and_paragraphs():
    assert normalise_text("  a\r\nb\rc  ") == "a\nb\nc"
    assert split_paragraphs("one\n\n  two \n") == ["one", "two"]


def test_labels_and_messages_follow_earlier_answers():
    form = VoicedForm(formdata=MultiDict())
    assert form.name.label.text == "Child's name"
    assert form.name.validate(form)  # optional in the parent's voice
    form.name.adapt({"writer": "young_person"})
    assert form.name.label.text == "Your full name"
    assert not form.name.validate(form)
    assert form.name.errors == ["Enter your full name"]
    form.name.adapt({"writer": "parent"})
    assert form.name.label.text == "Child's name"
    assert form.name.required_message is None


def test_a_question_can_be_asked_or_not_by_earlier_answers():
    form = VoicedForm(formdata=MultiDict())
    assert form.relation.asked
    form.relation.adapt({"writer": "young_person"})
    assert not form.relation.asked
    form.relation.adapt({})
    assert form.relation.asked


def test_describing_a_field_reads_no_constructor_arguments():
    form = VoicedForm()
    assert form.name.describe() == {
        "name": "name",
        "label": "Child's name",
        "type": "text",
        "required": False,
    }
    assert form.relation.describe()["choices"] == [
        {"value": "son", "label": "My son"},
        {"value": "child", "label": "My child"},
    ]


def test_date_messages_use_the_name_in_force():
    class Born(Form):
        born = DateField(
            "Date of birth",
            "Enter the date of birth",
            error_name=Varies(lambda a: "Your date of birth" if a.get("me") else "Date of birth"),
        )

    form = Born(formdata=MultiDict([("born", "31"), ("born", "2"), ("born", "2015")]))
    form.born.adapt({"me": True})
    assert not form.validate()
    example = example_text(upcoming_example())
    assert form.born.process_errors == [f"Date of birth must be a real date, like {example}"]
    assert form.born.invalid_message == f"Your date of birth must be a real date, like {example}"
