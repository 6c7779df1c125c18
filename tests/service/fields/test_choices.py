"""Choices: unknown values refused, answers shown by label, and cells read by value or label."""

import pytest
from wtforms import Form

from service.fields import ChoiceField, InvalidAnswer, MultiChoiceField, YesNoField
from tests.service.fields.forms import VALID, submit


class Choices(Form):
    school_type = ChoiceField(
        "What type of school is it?",
        [("maintained", "A maintained school"), ("academy", "An academy")],
        "Select what type of school it is",
    )
    needs = MultiChoiceField("Areas of need", [("semh", "SEMH"), ("sensory", "Sensory needs")])
    agree = YesNoField("Do you agree?", "Select yes if you agree")


def test_unknown_choice_is_an_error():
    form = submit(**VALID, kind=["a", "zzz"])
    assert not form.validate()
    assert form.kind.errors == ["Select kinds"]


@pytest.mark.parametrize(
    ("cell", "answer"),
    [("academy", "academy"), ("An Academy", "academy"), ("MAINTAINED", "maintained")],
)
def test_a_choice_is_read_from_its_value_or_its_label(cell, answer):
    assert Choices().school_type.from_flat({"school_type": cell}) == answer


def test_an_unknown_choice_in_a_cell_says_what_it_could_be():
    with pytest.raises(InvalidAnswer) as refused:
        Choices().school_type.from_flat({"school_type": "grammar"})
    assert str(refused.value) == (
        "Select what type of school it is: write one of 'maintained' or 'academy'"
    )
    with pytest.raises(InvalidAnswer, match="write one of 'semh' or 'sensory'"):
        Choices().needs.from_flat({"needs": "semh; maths"})


def test_several_choices_are_read_from_one_cell():
    field = Choices().needs
    assert field.from_flat({"needs": "semh; Sensory needs"}) == ["semh", "sensory"]
    assert field.from_flat({"needs": ""}) is None


@pytest.mark.parametrize(("cell", "answer"), [("yes", True), ("No", False), ("TRUE", True)])
def test_yes_or_no_is_read_from_a_cell(cell, answer):
    assert Choices().agree.from_flat({"agree": cell}) is answer


def test_anything_else_for_yes_or_no_says_what_to_write():
    with pytest.raises(InvalidAnswer, match="write yes or no"):
        Choices().agree.from_flat({"agree": "maybe"})


def test_answers_are_shown_by_their_labels():
    form = submit(**VALID, kind=["a", "b"])
    assert form.agree.summary_html() == "Yes"
    assert "<li>Alpha</li><li>Beta</li>" in str(form.kind.summary_html())
    assert form.agree.describe()["type"] == "boolean"
    assert "choices" not in form.agree.describe()
