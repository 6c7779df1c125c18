"""The small helpers letters are written with: names and greetings."""

import pytest

from forms.formatting import addressed, child_names, greeting_name, prompt


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Mrs Helen Ward", "Mrs Ward"),
        ("Mrs Ward", "Mrs Ward"),
        ("Dr Anna Maria Lopez", "Dr Lopez"),
        ("Mr Pieter van der Berg", "Mr van der Berg"),
        ("Ms Aisha Khan-Patel", "Ms Khan-Patel"),
        ("Helen Ward", "Helen Ward"),  # no title: as written, never a made-up one
        ("Headteacher", "Headteacher"),
    ],
)
def test_greeting_is_title_and_surname(name, greeting):
    assert greeting_name(name) == greeting
    assert addressed(name, "SENCO", ["School"])[1] == f"Dear {greeting}"


def test_a_role_is_greeted_by_its_title():
    assert addressed("", "SENCO", ["School"])[1:] == ("Dear SENCO", "Yours faithfully")


@pytest.mark.parametrize(
    ("answers", "names"),
    [
        ({"child_name": "Joshua Adeyemi", "child_known_as": "Josh"}, ("Joshua Adeyemi", "Josh")),
        ({"child_name": "Joshua Adeyemi"}, ("Joshua Adeyemi", "Joshua")),
        ({"child_name": "  Amara Okafor ", "child_known_as": " "}, ("Amara Okafor", "Amara")),
        ({"child_name": "Cher"}, ("Cher", "Cher")),
        ({}, ("", "")),
    ],
)
def test_full_name_then_the_name_to_use(answers, names):
    assert child_names(answers) == names


def test_blank_templates_keep_their_prompts():
    full = prompt("child's full name")
    assert child_names({"child_name": full}) == (full, full)
    assert greeting_name(prompt("name")) == "[name]"
