"""Navigation on tiny fake steps: which steps apply, where a user may go, what comes next."""

from types import SimpleNamespace

import pytest

from service.journey import navigation


def fake_step(slug, show_if=None):
    return SimpleNamespace(slug=slug, should_show=show_if or (lambda _answers: True))


@pytest.fixture
def document():
    # "pets" applies only to people who said they have pets.
    return SimpleNamespace(
        steps=(
            fake_step("name"),
            fake_step("has-pets"),
            fake_step("pets", lambda answers: answers.get("has_pets") is True),
            fake_step("contact"),
        )
    )


def slugs(steps):
    return [step.slug for step in steps]


def test_conditional_step_applies_only_when_earlier_answer_says_so(document):
    assert slugs(navigation.applicable(document, {})) == ["name", "has-pets", "contact"]
    answered = {"has-pets": {"has_pets": True}}
    assert slugs(navigation.applicable(document, answered)) == [
        "name",
        "has-pets",
        "pets",
        "contact",
    ]


def test_first_missing_is_the_first_applicable_step_without_answers(document):
    assert navigation.first_missing(document, {}).slug == "name"
    answers = {"name": {}, "has-pets": {"has_pets": True}}
    assert navigation.first_missing(document, answers).slug == "pets"
    answers["has-pets"] = {"has_pets": False}
    assert navigation.first_missing(document, answers).slug == "contact"


def test_complete_when_every_applicable_step_is_answered(document):
    answers = {"name": {}, "has-pets": {"has_pets": False}, "contact": {}}
    assert navigation.is_complete(document, answers)
    answers["has-pets"] = {"has_pets": True}
    assert not navigation.is_complete(document, answers)


def test_cannot_skip_ahead_or_visit_a_step_that_does_not_apply(document):
    assert navigation.can_visit(document, {}, "name")
    assert not navigation.can_visit(document, {}, "has-pets")
    assert not navigation.can_visit(document, {"name": {}}, "contact")
    answers = {"name": {}, "has-pets": {"has_pets": False}}
    assert not navigation.can_visit(document, answers, "pets")
    assert navigation.can_visit(document, answers, "contact")
    assert not navigation.can_visit(document, answers, "no-such-step")


def test_answers_of_a_step_that_no_longer_applies_are_ignored(document):
    answers = {
        "name": {"name": "A"},
        "has-pets": {"has_pets": False},
        "pets": {"pets": "a cat"},
        "contact": {},
    }
    assert "pets" not in navigation.effective_answers(document, answers)
    assert navigation.effective_answers(document, answers)["name"] == "A"


def test_next_and_previous_skip_steps_that_do_not_apply(document):
    answers = {"name": {}, "has-pets": {"has_pets": False}}
    assert navigation.next_step(document, answers, "has-pets").slug == "contact"
    assert navigation.previous_step(document, answers, "contact").slug == "has-pets"
    assert navigation.previous_step(document, answers, "name") is None
    assert navigation.next_step(document, answers, "contact") is None
    answers["has-pets"] = {"has_pets": True}
    assert navigation.next_step(document, answers, "has-pets").slug == "pets"
