"""Steps: forms that see the answers before them, ask only what applies, and keep order."""

import pytest

from service.fields import TextField
from service.steps import QuestionForm, make_step, step_form, unbound_fields
from tests.service.steps_for_tests import First, Later, More


@pytest.fixture(autouse=True)
def context(app):
    with app.test_request_context():
        yield


def test_questions_are_asked_in_the_order_a_step_gives_them():
    made_first = TextField("Made first")
    step = make_step("order", "Order", second=TextField("Made second"), first=made_first)
    assert [field.short_name for field in step.prototype().answer_fields()] == ["second", "first"]


def test_title_labels_and_questions_follow_the_answers_before():
    form = step_form(Later, earlier={"name": "Ada", "wants_more": True}, csrf=False)
    assert form.title == "About Ada"
    assert form.nickname.label.text == "What do people call Ada? (optional)"
    assert [field.short_name for field in form.fields_asked()] == ["started", "nickname", "ended"]
    form = step_form(Later, earlier={"name": "Ada", "wants_more": False}, csrf=False)
    assert [field.short_name for field in form.fields_asked()] == ["started", "ended"]


def test_questions_not_asked_are_neither_validated_nor_answered():
    stored = {"started": "2026-01-05", "ended": "2026-01-06", "nickname": "x" * 500}
    form = step_form(Later, stored, earlier={"wants_more": False}, csrf=False)
    assert form.validate(), form.errors
    assert form.answers() == {"started": "2026-01-05", "ended": "2026-01-06"}


def test_stored_answers_refill_a_step_as_if_posted():
    form = step_form(First, {"name": "Ada", "wants_more": True}, csrf=False)
    assert form.validate()
    assert form.answers() == {"name": "Ada", "wants_more": True}


def test_list_buttons_add_and_remove_entries_and_nothing_else():
    form = step_form(More, {"items": ["a", "b"]}, csrf=False)
    form.apply_list_action("add:items")
    assert len(form.items.entries) == 3
    form.apply_list_action("remove:items:0")
    assert [entry.answer() for entry in form.items.entries] == ["b", ""]
    for nonsense in ("add:csrf_token", "remove:nothing:1", "explode", "add:"):
        form.apply_list_action(nonsense)
    assert len(form.items.entries) == 2


def test_errors_are_summarised_with_links_to_inputs_and_a_timeout_first():
    form = step_form(Later, {}, earlier={"wants_more": True})
    assert not form.validate()
    form.csrf_token.errors = ["This page timed out"]
    assert form.error_items() == [
        {"text": "This page timed out", "href": "#csrf_token"},
        {"text": "Enter when it started", "href": "#started-day"},
        {"text": "Enter when it ended", "href": "#ended-day"},
    ]


def test_a_prototype_is_bound_once_and_never_filled():
    assert First.prototype() is First.prototype()
    assert First.prototype().name.data is None
    assert More.prototype() is not First.prototype()


def test_answers_are_posted_as_a_browser_posts_them():
    posted = More.prototype().formdata_for({"items": ["a", "b"]})
    assert dict(posted) == {"items-0": ["a"], "items-1": ["b"]}
    posted = Later.prototype().formdata_for({"started": "2026-01-05", "nickname": "Ada"})
    assert posted.getlist("started") == ["5", "1", "2026"]  # day, month, year: three inputs
    assert posted.getlist("ended") == []
    posted.getlist("nickname").append("changed")  # a copy, as werkzeug's MultiDict gives
    assert posted.getlist("nickname") == ["Ada"]


def test_a_refilled_form_is_the_form_made_afresh():
    stored = {"started": "2026-01-05", "ended": "2026-01-04", "nickname": "Bo"}
    earlier = {"name": "Ada", "wants_more": True}
    fresh = step_form(Later, stored, earlier=earlier, csrf=False)
    reused = step_form(Later, {"started": "2020-02-02"}, earlier={}, csrf=False)
    reused.refill(Later.prototype().formdata_for(stored), earlier)
    for form in (fresh, reused):
        assert not form.validate()
    assert reused.title == fresh.title == "About Ada"
    assert reused.answers() == fresh.answers()
    assert reused.errors == fresh.errors
    assert reused.nickname.label.text == fresh.nickname.label.text


def test_a_field_set_to_none_in_a_subclass_is_not_listed():
    class Outcome(QuestionForm):
        target = TextField("Target", "Enter the target")
        start = TextField("Start", "Enter the start")

    class NewOutcome(Outcome):
        start = None

    assert [name for name, _ in unbound_fields(NewOutcome)] == ["target"]
    assert [name for name, _ in unbound_fields(Outcome)] == ["target", "start"]
