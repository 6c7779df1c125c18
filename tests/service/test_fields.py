"""Field types: cleaning, the date guard, choices, add-another lists and the JSON round trip."""

import datetime

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from service.fields import (
    AnswerTypeError,
    DateField,
    EmailField,
    GroupField,
    ListField,
    LongTextField,
    MoneyField,
    MultiChoiceField,
    NumberField,
    PhoneField,
    TextField,
    YesNoField,
    normalise_text,
    split_paragraphs,
)


class GroupForm(Form):
    when = DateField("Date")
    what = TextField("What happened", "Enter what happened")


class ExampleForm(Form):
    name = TextField("Your name", "Enter your name")
    notes = LongTextField("Notes", max_length=50)
    born = DateField("Date of birth", "Enter your date of birth", not_after_today=True)
    kind = MultiChoiceField("Kinds", [("a", "Alpha"), ("b", "Beta")])
    agree = YesNoField("Do you agree?", "Select yes if you agree")
    items = ListField(TextField("Item"), "Items", "Add at least one item", item_name="item")
    events = ListField(GroupField(GroupForm), "Events", item_name="event")


def submit(**pairs):
    data = MultiDict()
    for key, value in pairs.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key.replace("__", "-"), item)
    return ExampleForm(formdata=data)


VALID = {
    "name": "Ada",
    "born": ["4", "3", "2015"],
    "agree": "yes",
    "items__0": "first",
}


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


def test_required_messages_are_gov_uk_style():
    form = submit()
    assert not form.validate()
    assert form.name.errors == ["Enter your name"]
    assert form.born.errors == ["Enter your date of birth"]
    assert form.agree.errors == ["Select yes if you agree"]
    assert form.items.errors == ["Add at least one item"]


@pytest.mark.parametrize(
    "parts",
    [["31", "2", "2015"], ["x", "3", "2015"], ["4", "3", "15"], ["4", "3"], ["4"]],
)
def test_bad_or_partial_dates_are_errors_not_crashes(parts):
    form = submit(**{**VALID, "born": parts})
    assert not form.validate()
    assert form.born.errors == ["Date of birth must be a real date, like 27 3 2015"]


def test_future_date_of_birth_is_refused():
    next_year = str(datetime.date.today().year + 1)
    form = submit(**{**VALID, "born": ["1", "1", next_year]})
    assert not form.validate()
    assert form.born.errors == ["Date of birth must be today or in the past"]


def test_xml_invalid_characters_are_removed_and_the_user_is_told():
    form = submit(**{**VALID, "name": "Ad\x00a\x1b"})
    assert not form.validate()
    assert form.name.errors == [
        "Your name had 2 hidden characters that cannot go into a Word document. "
        "We have removed them. Check your answer and continue"
    ]
    # The page shows the cleaned text, so continuing again succeeds with nothing else lost.
    assert form.name._value() == "Ada"
    again = submit(**{**VALID, "name": form.name._value()})
    assert again.validate()


def test_long_text_limit_is_stated():
    form = submit(**VALID, notes="x" * 51)
    assert not form.validate()
    assert form.notes.errors == ["Notes must be 50 characters or fewer"]


def test_unknown_choice_is_an_error():
    form = submit(**VALID, kind=["a", "zzz"])
    assert not form.validate()
    assert form.kind.errors == ["Select kinds"]


def test_empty_list_entries_are_dropped_and_renumbered():
    form = submit(**{**VALID, "items__0": "", "items__1": "second", "items__2": " "})
    assert form.validate(), form.errors
    assert form.items.answer() == ["second"]
    assert [entry.name for entry in form.items.entries] == ["items-0"]


def test_add_and_remove_entries():
    form = submit(**VALID, items__1="two", items__2="three")
    form.items.add_empty_entry()
    assert len(form.items.entries) == 4
    form.items.remove_entry(0)
    assert [entry.answer() for entry in form.items.entries] == ["two", "three", ""]
    assert [entry.name for entry in form.items.entries] == ["items-0", "items-1", "items-2"]


def test_formdata_round_trip_reproduces_answers():
    answers = {
        "name": 'Zoë & <Łukasz> "quoted" 😊',
        "born": "2015-03-04",
        "agree": False,
        "kind": ["b"],
        "items": ["one", "two"],
        "events": [{"when": "2026-01-31", "what": "x"}],
    }
    pairs = []
    for name, unbound in (
        ("name", ExampleForm.name),
        ("born", ExampleForm.born),
        ("agree", ExampleForm.agree),
        ("kind", ExampleForm.kind),
        ("items", ExampleForm.items),
        ("events", ExampleForm.events),
    ):
        pairs += unbound.field_class.formdata_for(name, answers[name], unbound)
    form = ExampleForm(formdata=MultiDict(pairs))
    assert form.validate(), form.errors
    assert {name: getattr(form, name).answer() for name in answers} == answers


@pytest.mark.parametrize(
    ("unbound", "value"),
    [
        (ExampleForm.name, 5),
        (ExampleForm.born, "4 March 2015"),
        (ExampleForm.agree, "yes"),
        (ExampleForm.kind, "a"),
        (ExampleForm.items, "one"),
    ],
)
def test_wrong_json_types_are_reported(unbound, value):
    with pytest.raises(AnswerTypeError):
        unbound.field_class.formdata_for("x", value, unbound)


def test_text_normalisation_and_paragraphs():
    assert normalise_text("  a\r\nb\rc  ") == "a\nb\nc"
    assert split_paragraphs("one\n\n  two \n") == ["one", "two"]


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


# --- Numbers and money --------------------------------------------------------------------


class NumberForm(Form):
    pupils = NumberField("Group size", "Enter the group size", minimum=1, maximum=40)
    cost = MoneyField("Cost (optional)", error_name="Cost")


def numbers(**pairs):
    return NumberForm(formdata=MultiDict(pairs))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("4", 4), (" 12 ", 12), ("1", 1), ("40", 40)],
)
def test_whole_numbers_are_answered_as_ints(typed, expected):
    form = numbers(pupils=typed)
    assert form.validate(), form.errors
    assert form.pupils.answer() == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the group size"),
        ("four", "Group size must be a whole number, like 4"),
        ("2.5", "Group size must be a whole number, like 4"),
        ("0", "Group size must be between 1 and 40"),
        ("41", "Group size must be between 1 and 40"),
    ],
)
def test_number_errors_are_gov_uk_style(typed, message):
    form = numbers(pupils=typed)
    assert not form.validate()
    assert form.pupils.errors == [message]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("450", "450.00"),
        ("120.5", "120.50"),
        ("£1,200.75", "1200.75"),
        ("£ 80", "80.00"),
        ("0.99", "0.99"),
        ("", None),
    ],
)
def test_money_is_answered_as_exact_pounds_and_pence(typed, expected):
    form = numbers(pupils="1", cost=typed)
    assert form.validate(), form.errors
    assert form.cost.answer() == expected


@pytest.mark.parametrize("typed", ["ten pounds", "-5", "12.345", "1,20", "£"])
def test_money_in_the_wrong_format_says_how_to_write_it(typed):
    form = numbers(pupils="1", cost=typed)
    assert not form.validate()
    assert form.cost.errors == ["Cost must be an amount of money, like 450 or 120.50"]


def test_money_has_a_ceiling():
    form = numbers(pupils="1", cost="2000000")
    assert not form.validate()
    assert form.cost.errors == ["Cost must be £1,000,000 or less"]


def test_numbers_round_trip_from_json_numbers_and_strings():
    pairs = NumberField.formdata_for("pupils", 4, NumberForm.pupils)
    pairs += MoneyField.formdata_for("cost", 120.5, NumberForm.cost)
    form = NumberForm(formdata=MultiDict(pairs))
    assert form.validate(), form.errors
    assert (form.pupils.answer(), form.cost.answer()) == (4, "120.50")
    assert MoneyField.formdata_for("cost", "450.00", NumberForm.cost) == [("cost", "450.00")]
    assert NumberField.formdata_for("pupils", None, NumberForm.pupils) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [(NumberForm.pupils, True), (NumberForm.pupils, 2.5), (NumberForm.cost, ["1"])],
)
def test_numbers_refuse_the_wrong_json_types(field, value):
    with pytest.raises(AnswerTypeError):
        field.field_class.formdata_for("x", value, field)


def test_number_fields_are_not_free_text_and_show_a_number_keyboard(app):
    assert not NumberField.free_text
    assert not MoneyField.free_text
    with app.test_request_context():
        form = numbers(pupils="3", cost="5")
        assert 'inputmode="numeric"' in form.pupils()
        money = form.cost()
        assert 'inputmode="decimal"' in money
        assert "govuk-input__prefix" in money
        assert 'spellcheck="false"' in money


def test_email_and_phone_fields_default_to_the_usual_optional_question():
    class Contact(Form):
        email = EmailField()
        phone = PhoneField()

    form = Contact(formdata=MultiDict([("email", "not an email"), ("phone", "call me")]))
    assert form.email.label.text == "Email address (optional)"
    assert form.phone.label.text == "Phone number (optional)"
    assert form.email.blank() == "[your email address]"
    assert not form.validate()
    assert form.email.errors == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert Contact(formdata=MultiDict()).validate()
