"""Add-another lists and groups: entries kept, dropped and renumbered, the JSON round trip,
error links that land on an input, and items read from numbered cells."""

import pytest
from werkzeug.datastructures import MultiDict

from service.fields import AnswerTypeError
from tests.service.fields.forms import VALID, ExampleForm, from_answers, submit


def test_valid_form_gives_json_answers():
    form = submit(
        **VALID, kind=["a", "b"], events__0__what="A fall", events__0__when=["1", "2", "2026"]
    )
    assert form.validate(), form.errors
    assert form.name.answer() == "Ada"
    assert form.born.answer() == "2015-03-04"
    assert form.agree.answer() is True
    assert form.kind.answer() == ["a", "b"]
    assert form.items.answer() == ["first"]
    assert form.events.answer() == [{"when": "2026-02-01", "what": "A fall"}]


def test_empty_list_entries_are_dropped_and_renumbered():
    form = submit(**{**VALID, "items__0": "", "items__1": "second", "items__2": " "})
    assert form.validate(), form.errors
    assert form.items.answer() == ["second"]
    assert [entry.name for entry in form.items.entries] == ["items-0"]


def test_add_and_remove_entries():
    form = submit(**VALID, items__1="two", items__2="three")
    form.items.list_action("add", "")
    assert len(form.items.entries) == 4
    form.items.list_action("remove", "0")
    assert [entry.answer() for entry in form.items.entries] == ["two", "three", ""]
    assert [entry.name for entry in form.items.entries] == ["items-0", "items-1", "items-2"]
    form.items.list_action("remove", "x")  # not a number: nothing happens
    assert len(form.items.entries) == 3


def test_formdata_round_trip_reproduces_answers():
    answers = {
        "name": 'Zoë & <Łukasz> "quoted" 😊',
        "born": "2015-03-04",
        "agree": False,
        "kind": ["b"],
        "items": ["one", "two"],
        "events": [{"when": "2026-01-31", "what": "x"}],
    }
    form = from_answers(answers)
    assert form.validate(), form.errors
    assert {name: form[name].answer() for name in answers} == answers


@pytest.mark.parametrize(
    ("name", "value"),
    [("name", 5), ("born", "4 March 2015"), ("agree", "yes"), ("kind", "a"), ("items", "one")],
)
def test_wrong_json_types_are_reported(name, value):
    with pytest.raises(AnswerTypeError):
        ExampleForm()[name].formdata(value)


def test_reprocessing_a_list_reuses_entries_without_carrying_values():
    form = submit(
        **VALID, items__1="two", events__0__what="A fall", events__0__when=["1", "2", "2026"]
    )
    first_entries = list(form.items.entries)
    form.process(MultiDict([("items-0", "only")]))
    assert form.items.answer() == ["only"]
    assert form.items.entries[0] in first_entries
    assert form.items.entries[0].name == "items-0"
    assert form.events.answer() == []
    form.items.forget()
    assert form.items.entries == []
    assert all(entry.data is None for entry in form.items._spares)
    form.process(MultiDict([("items-0", "a"), ("items-1", "b"), ("items-2", "c")]))
    assert [entry.name for entry in form.items.entries] == ["items-0", "items-1", "items-2"]
    assert form.items.answer() == ["a", "b", "c"]


def test_an_empty_list_error_links_to_its_first_box():
    form = submit(name="Ada", born=["4", "3", "2015"], agree="yes")
    assert not form.validate()
    assert form.items.error_items() == [{"text": "Add at least one item", "href": "#items-0"}]


def test_an_empty_group_list_error_links_to_the_first_input_of_its_first_item():
    class Required(ExampleForm):
        pass

    form = submit(**VALID)
    form.events.required_message = "Enter at least one event"
    assert not form.events.validate(form)
    # The first input of the first event is its date's day box, not the group itself.
    assert form.events.error_items() == [
        {"text": "Enter at least one event", "href": "#events-0-when-day"}
    ]


def test_errors_inside_items_link_to_the_input_in_that_item():
    form = submit(**VALID, events__1__when=["1", "2", "2026"])
    assert not form.validate()
    assert form.events.error_items() == [{"text": "Enter what happened", "href": "#events-0-what"}]


def test_items_are_read_from_numbered_cells():
    form = ExampleForm()
    flat = {"items.2": "second", "items.1": "first", "items.3": " ", "itemsx.1": "no"}
    assert form.items.from_flat(flat) == ["first", "second"]
    flat = {"events.1.what": "A fall", "events.1.when": "01/02/2026", "events.2.what": ""}
    assert form.events.from_flat(flat) == [{"what": "A fall", "when": "2026-02-01"}]
    assert form.items.from_flat({}) is None


def test_lists_on_check_your_answers_and_in_the_api():
    form = submit(**VALID, items__1="second & <more>")
    summary = str(form.items.summary_html())
    assert "<li>first</li>" in summary
    assert "second &amp; &lt;more&gt;" in summary
    description = ExampleForm().events.describe()
    assert description["type"] == "list"
    assert [field["name"] for field in description["fields"]] == ["when", "what"]
    assert ExampleForm().items.describe()["items"] == "text"
