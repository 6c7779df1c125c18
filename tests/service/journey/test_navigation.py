"""Navigation on tiny fake steps: which steps apply, where a user may go, what comes next,
and what happens when a stored step is no longer valid for the answers before it."""

from types import SimpleNamespace

import pytest

from service.journey import navigation


def as_stored(_step, stored, _earlier):
    """Fake steps check nothing: what is stored is what counts."""
    return stored


def progress(document, answers, check=as_stored):
    return navigation.progress(document, answers, check)


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
    assert slugs(progress(document, {}).steps) == ["name", "has-pets", "contact"]
    answered = {"has-pets": {"has_pets": True}}
    assert slugs(progress(document, answered).steps) == [
        "name",
        "has-pets",
        "pets",
        "contact",
    ]


def test_first_missing_is_the_first_applicable_step_without_answers(document):
    assert progress(document, {}).first_missing.slug == "name"
    answers = {"name": {}, "has-pets": {"has_pets": True}}
    assert progress(document, answers).first_missing.slug == "pets"
    answers["has-pets"] = {"has_pets": False}
    assert progress(document, answers).first_missing.slug == "contact"


def test_complete_when_every_applicable_step_is_answered(document):
    answers = {"name": {}, "has-pets": {"has_pets": False}, "contact": {}}
    assert progress(document, answers).complete
    answers["has-pets"] = {"has_pets": True}
    assert not progress(document, answers).complete


def test_cannot_skip_ahead_or_visit_a_step_that_does_not_apply(document):
    assert navigation.can_visit(progress(document, {}), "name")
    assert not navigation.can_visit(progress(document, {}), "has-pets")
    assert not navigation.can_visit(progress(document, {"name": {}}), "contact")
    answers = {"name": {}, "has-pets": {"has_pets": False}}
    assert not navigation.can_visit(progress(document, answers), "pets")
    assert navigation.can_visit(progress(document, answers), "contact")
    assert not navigation.can_visit(progress(document, answers), "no-such-step")


def test_answers_of_a_step_that_no_longer_applies_are_ignored(document):
    answers = {
        "name": {"name": "A"},
        "has-pets": {"has_pets": False},
        "pets": {"pets": "a cat"},
        "contact": {},
    }
    assert "pets" not in progress(document, answers).answers
    assert progress(document, answers).answers["name"] == "A"


def test_next_and_previous_skip_steps_that_do_not_apply(document):
    answers = {"name": {}, "has-pets": {"has_pets": False}}
    assert navigation.next_step(progress(document, answers), "has-pets").slug == "contact"
    assert navigation.previous_step(progress(document, answers), "contact").slug == "has-pets"
    assert navigation.previous_step(progress(document, answers), "name") is None
    assert navigation.next_step(progress(document, answers), "contact") is None
    answers["has-pets"] = {"has_pets": True}
    assert navigation.next_step(progress(document, answers), "has-pets").slug == "pets"


def test_a_step_no_longer_valid_for_the_answers_before_it_is_to_do_again(document):
    """Changing an early answer can make a later step's stored answers wrong: the journey
    goes back to it, and the document is not made until it is put right."""

    def check(step, stored, earlier):
        if step.slug == "contact" and earlier.get("name") == "changed":
            return None
        return stored

    answers = {"name": {"name": "A"}, "has-pets": {"has_pets": False}, "contact": {"x": 1}}
    assert progress(document, answers, check).complete
    answers["name"] = {"name": "changed"}
    state = progress(document, answers, check)
    assert state.first_missing.slug == "contact"
    assert "x" not in state.answers
    assert navigation.can_visit(state, "contact")
    assert state.earlier["contact"] == {"name": "changed", "has_pets": False}
