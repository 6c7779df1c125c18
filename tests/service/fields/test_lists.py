"""Add-another lists and groups: entries kept, dropped and renumbered, the JSON round trip,
error links that land on an input, and items read from numbered cells."""

import pytest
from werkzeug.datastructures import MultiDict

from service.fields import AnswerTypeError, InvalidAnswer, ListField, TextField, lists
from service.fields.date_input import example_text, upcoming_example
from service.steps import StepForm
from tests.addresses import without_draft
from tests.service.fields.forms import VALID, ExampleForm, from_answers, submit
from tests.service.own_document import own_app, page, post, shown_after


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
    expected = {"text": "Enter what happened for event 1", "href": "#events-0-what"}
    assert form.events.error_items() == [expected]


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


# -- a list longer than it allows: refused, naming the limit, every entry kept ---------------

TOO_MANY = "You can add up to 30 items. Remove some, or put them together"


def numbered(count, start=0):
    """Posted items `items-<start>` onwards, each with its own text."""
    return {f"items__{index}": f"item {index + 1}" for index in range(start, start + count)}


def test_a_list_longer_than_it_allows_is_refused_with_every_entry_kept():
    form = submit(**{**VALID, **numbered(31)})
    assert not form.validate()
    assert form.items.errors[0] == TOO_MANY
    # Every entry is still there, to be shown back: none is cut.
    assert form.items.answer() == [f"item {number}" for number in range(1, 32)]
    assert form.items.error_items() == [{"text": TOO_MANY, "href": "#items-0"}]


def test_a_list_at_its_limit_is_valid_and_empty_boxes_do_not_count():
    form = submit(**{**VALID, **numbered(30), "items__30": " "})
    assert form.validate(), form.errors
    assert len(form.items.answer()) == 30


def test_too_many_comes_before_the_entries_own_errors():
    events = {f"events__{index}__what": f"event {index}" for index in range(31)}
    form = submit(**VALID, **events, events__3__when=["31", "2", "2026"])
    assert not form.validate()
    texts = [item["text"] for item in form.events.error_items()]
    assert texts[0] == "You can add up to 30 events. Remove some, or put them together"
    assert texts[1:] == [f"Date must be a real date, like {example_text(upcoming_example())}"]


def test_a_list_read_from_answers_is_not_cut_either():
    form = from_answers(
        {**{"name": "Ada", "born": "2015-03-04", "agree": True}, "items": ["x"] * 31}
    )
    assert not form.validate()
    assert form.items.errors[0] == TOO_MANY
    assert len(form.items.entries) == 31


def test_entries_far_past_the_limit_are_counted_not_bound():
    # Thousands of entries are not someone typing: read up to a bound, and refuse the list.
    form = submit(**{**VALID, **numbered(5000)})
    assert len(form.items.entries) == form.items.read_limit == 130
    assert not form.validate()
    assert form.items.errors[0] == TOO_MANY
    pairs = ExampleForm().items.formdata(["x"] * 5000)
    assert len(pairs) == 131


def test_unread_entries_past_the_bound_make_the_list_too_long_even_if_those_read_are_empty():
    empties = {f"items__{index}": "" for index in range(200)}
    form = submit(**{**VALID, **empties, "items__0": "first"})
    assert not form.validate()
    assert form.items.errors[0] == TOO_MANY


def test_add_another_stops_at_the_limit():
    form = submit(**{**VALID, **numbered(30)})
    form.items.list_action("add", "")
    assert len(form.items.entries) == 30
    assert form.items.limit_text == "You can add up to 30 items"


@pytest.mark.parametrize(
    "key",
    ["items-²", "items-٣", "items-" + "9" * 5000, "itemsx1", "items-1x", "items-"],
)
def test_entry_numbers_that_are_not_short_ascii_numbers_are_not_entries(key):
    # "²" is a digit to str.isdigit but not to int(); 5,000 digits is past int()'s limit.
    data = MultiDict([("name", "Ada"), ("items-0", "first"), (key, "extra")])
    form = ExampleForm(formdata=data)
    assert form.items.answer() == ["first"]


def test_items_past_the_limit_are_read_from_numbered_cells():
    flat = {f"items.{number}": f"item {number}" for number in range(1, 32)}
    items = ExampleForm().items.from_flat(flat)
    assert items == [f"item {number}" for number in range(1, 32)]
    form = from_answers({"name": "Ada", "born": "2015-03-04", "agree": True, "items": items})
    assert not form.validate()
    assert form.items.errors[0] == TOO_MANY


@pytest.mark.parametrize(
    ("noun", "plural"),
    [
        ("outcome", "outcomes"),
        ("remedy", "remedies"),
        ("day", "days"),
        ("person", "people"),
        ("address", "addresses"),
        ("professional", "professionals"),
    ],
)
def test_plurals_of_item_names(noun, plural):
    assert lists.plural(noun) == plural


# -- in the journey ---------------------------------------------------------------------------


class PetsStep(StepForm):
    slug = "pets"
    title = "Your pets"
    pets = ListField(TextField("Pet"), "Your pets", "Enter a pet", item_name="pet", max_entries=3)


@pytest.fixture
def pets_client(tmp_path):
    document = {
        "slug": "pets",
        "steps": (PetsStep,),
        "build_context": dict,
        "filename": lambda _answers: "Pets",
    }
    with own_app(tmp_path, ["{% for pet in pets %}{{ pet }} {% endfor %}"], **document) as app:
        yield app.test_client()


def test_the_journey_refuses_too_many_entries_and_shows_every_one_back(pets_client):
    pets = {f"pets-{index}": f"Pet {index + 1} & <co>" for index in range(4)}
    response = shown_after(pets_client, "/documents/pets/pets", pets)
    assert response.status_code == 200
    doc = page(response)
    message = "You can add up to 3 pets. Remove some, or put them together"
    summary = doc.xpath("//*[contains(@class,'govuk-error-summary__list')]//a")
    assert [(link.text.strip(), link.get("href")) for link in summary] == [(message, "#pets-0")]
    assert doc.xpath("string(//*[@id='pets-error'])").split(":", 1)[1].strip() == message
    values = [doc.xpath(f"//input[@name='pets-{index}']/@value") for index in range(4)]
    assert values == [[f"Pet {index + 1} & <co>"] for index in range(4)]
    # Nothing was saved, and there is no button to add a fifth.
    assert without_draft(pets_client.get("/documents/pets/check-answers").location).endswith(
        "/pets/pets"
    )
    assert not doc.xpath("//button[@value='add:pets']")
    removed = shown_after(pets_client, "/documents/pets/pets", {**pets, "action": "remove:pets:3"})
    assert len(page(removed).xpath("//input[starts-with(@name, 'pets-')]")) == 3


def test_at_the_limit_the_page_says_why_there_is_no_add_button(pets_client):
    url = "/documents/pets/pets"
    one = page(shown_after(pets_client, url, {"pets-0": "Rex", "action": "add:pets"}))
    assert one.xpath("//button[@value='add:pets']")
    assert not one.xpath("//*[@id='pets-limit']")
    two = {"pets-0": "Rex", "pets-1": "Tibbles"}
    at_limit = page(shown_after(pets_client, url, {**two, "action": "add:pets"}))
    assert len(at_limit.xpath("//input[starts-with(@name, 'pets-')]")) == 3
    assert not at_limit.xpath("//button[@value='add:pets']")
    assert at_limit.xpath("string(//*[@id='pets-limit'])") == "You can add up to 3 pets."
    # An Add posted at the limit anyway (an old page, say) adds nothing and says why.
    full = {**two, "pets-2": "Fido"}
    again = page(shown_after(pets_client, url, {**full, "action": "add:pets"}))
    assert len(again.xpath("//input[starts-with(@name, 'pets-')]")) == 3
    assert again.xpath("string(//*[@id='pets-limit'])") == "You can add up to 3 pets."
    assert post(pets_client, url, full).status_code == 302


def test_a_cell_numbered_past_any_list_gets_a_message_not_a_crash():
    # int() refuses a number of thousands of digits; the cell's column is named instead.
    column = "items." + "1" * 5000
    with pytest.raises(InvalidAnswer, match=r"^Number each item 1, 2, 3 and so on: items\.111"):
        ExampleForm().items.from_flat({column: "x"})


@pytest.mark.parametrize(
    ("message", "error_name", "expected"),
    [
        ("Enter how often", "How often", "Enter how often for intervention 2"),
        (
            "Enter the baseline for this intervention",
            "Baseline",
            "Enter the baseline for intervention 2",
        ),
        (
            "End date must be after the start date",
            "End date",
            "End date for intervention 2 must be after the start date",
        ),
        (
            "Intervention must be 100 characters or fewer",
            "Intervention",
            "Intervention 2 must be 100 characters or fewer",
        ),
        ("Select the area of need", "Area of need", "Select the area of need for intervention 2"),
    ],
)
def test_messages_inside_a_list_entry_name_the_entry(message, error_name, expected):
    assert lists.numbered(message, error_name, "intervention", 2) == expected


def test_a_journey_error_inside_an_entry_names_the_entry(pets_client):
    long_name = "x" * 201
    response = shown_after(
        pets_client, "/documents/pets/pets", {"pets-0": "Rex", "pets-1": long_name}
    )
    summary = page(response).xpath("//*[contains(@class,'govuk-error-summary__list')]//a/text()")
    assert [text.strip() for text in summary] == ["Pet 2 must be 200 characters or fewer"]
