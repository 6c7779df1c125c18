"""A whole answers object: validated through the same step forms as the web (each seeing the
answers before it), turned into prompts for blank documents, or read from flat values."""

import pytest

from service import answers
from service.answers import blank_answers, flat_answers, validate_answers
from service.catalogue import is_prompt
from service.fields import GroupField, ListField
from tests.service.steps_for_tests import First, Later, More, make


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


def test_wrong_types_and_unknown_names_are_named():
    result = validate_answers(make(), {"name": 7, "wants_more": "yes", "surprise": 1})
    assert result.errors == {
        "name": ["name must be text"],
        "surprise": ["surprise is not a question in this document"],
    }


def test_each_step_sees_the_answers_before_it():
    document = make(steps=(First, More, Later))
    given = {"name": "Ada", "wants_more": False, "started": "2026-01-05", "ended": "2026-01-04"}
    result = validate_answers(document, {**given, "nickname": "Countess"})
    # Not asked when there is no more: its answer is neither checked nor kept.
    assert result.errors == {"ended": ["It must end after it started, 5 January 2026"]}
    assert "nickname" not in result.answers
    more = {"wants_more": True, "items": ["a"], "nickname": "Countess", "ended": "2026-02-01"}
    result = validate_answers(document, {**given, **more})
    assert result.errors == {}
    assert result.answers["nickname"] == "Countess"


def test_reused_forms_carry_nothing_from_one_call_to_the_next():
    document = make(steps=(First, More, Later))
    validate_answers(document, {"name": "Secret", "wants_more": True, "items": ["private"]})
    second = validate_answers(document, {"wants_more": True})
    assert second.errors["name"] == ["Enter a name"]
    assert "Secret" not in repr(second.answers)
    for form in answers._pool.forms.values():
        assert form.earlier == {}
        for field in form:
            assert getattr(field, "earlier", {}) == {}
            if isinstance(field, ListField):
                assert field.entries == []
                assert all(_empty(spare) for spare in field._spares)
            else:
                assert field.data is None


def _empty(field):
    if isinstance(field, GroupField):  # a group's data is a dict of its fields' data
        return all(value is None for value in field.data.values())
    return field.data is None


def test_blank_answers_are_prompts_for_every_question():
    blank = blank_answers(make(steps=(First, More, Later)))
    assert blank["name"] == "[Name]"
    assert all(is_prompt(item) for item in blank["items"])
    assert blank["wants_more"] is True
    assert blank["started"] == "[date]"


def test_flat_values_become_answers_with_the_cells_own_messages():
    document = make(steps=(First, More, Later))
    flat = {"name": "Ada", "wants_more": "yes", "items.1": "a", "items.2": "b",
            "started": "05/01/2026", "ended": "later"}  # fmt: skip
    found, errors = flat_answers(document, flat)
    assert found == {"name": "Ada", "wants_more": True, "items": ["a", "b"],
                     "started": "2026-01-05"}  # fmt: skip
    assert errors == {"ended": ["End must be a real date, like 27/03/2015 or 2015-03-27"]}


TOO_MANY_ITEMS = "You can add up to 30 items. Remove some, or put them together"


def test_a_list_longer_than_it_allows_is_an_error_naming_the_limit():
    items = [f"item {number}" for number in range(1, 32)]
    result = validate_answers(make(), {"name": "Ada", "wants_more": True, "items": items})
    assert result.errors == {"items": [TOO_MANY_ITEMS]}
    # At the limit, with an empty item that does not count, the answers are kept whole.
    result = validate_answers(
        make(), {"name": "Ada", "wants_more": True, "items": [*items[:30], ""]}
    )
    assert result.errors == {}
    assert result.answers["items"] == items[:30]


def test_a_list_read_from_numbered_cells_past_its_limit_is_an_error_too():
    flat = {"name": "Ada", "wants_more": "yes"}
    flat |= {f"items.{number}": f"item {number}" for number in range(1, 32)}
    found, errors = flat_answers(make(), flat)
    assert errors == {}
    assert len(found["items"]) == 31
    assert validate_answers(make(), found).errors == {"items": [TOO_MANY_ITEMS]}


def test_the_api_refuses_a_list_longer_than_it_allows(client):
    example = client.get("/api/v1/documents/concern-letter/example").get_json()
    concerns = [f"Concern {number}" for number in range(1, 32)]
    response = client.post(
        "/api/v1/documents/concern-letter", json={**example, "concerns": concerns}
    )
    assert response.status_code == 422
    assert response.get_json() == {
        "errors": {"concerns": ["You can add up to 30 concerns. Remove some, or put them together"]}
    }


def test_a_line_break_in_a_one_line_answer_is_refused_not_changed():
    # A document prints a one-line answer in a sentence, where a break would become a space.
    for name in ("Ada\nLovelace", "Ada\r\nLovelace", "Ada\rLovelace"):
        result = validate_answers(make(), {"name": name, "wants_more": False})
        assert result.errors == {"name": ["Name must be on one line"]}
    result = validate_answers(make(), {"name": "\r\n Ada Lovelace \n", "wants_more": False})
    assert result.errors == {}
    assert result.answers["name"] == "Ada Lovelace"
