"""Typed answers: numbers, money, email and phone, on the page, in summaries and from cells."""

import lxml.html
import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from service.fields import (
    AnswerTypeError,
    EmailField,
    ListField,
    LongTextField,
    MoneyField,
    NumberField,
    PhoneField,
    TextField,
)


class NumberForm(Form):
    pupils = NumberField("Group size", "Enter the group size", minimum=1, maximum=40)
    cost = MoneyField("Cost (optional)")


def numbers(**pairs):
    return NumberForm(formdata=MultiDict(pairs))


@pytest.mark.parametrize(("typed", "expected"), [("4", 4), (" 12 ", 12), ("1", 1), ("40", 40)])
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


def test_money_and_numbers_on_check_your_answers():
    form = numbers(pupils="12", cost="1200.5")
    assert form.cost.summary_html() == "£1,200.50"
    assert form.pupils.summary_html() == "12"
    assert "Not given" in numbers(pupils="3").cost.summary_html()
    assert MoneyField.shown("380.00") == "£380.00"


def test_numbers_round_trip_from_json_numbers_and_strings():
    blank = NumberForm()
    pairs = blank.pupils.formdata(4) + blank.cost.formdata(120.5)
    form = NumberForm(formdata=MultiDict(pairs))
    assert form.validate(), form.errors
    assert (form.pupils.answer(), form.cost.answer()) == (4, "120.50")
    assert blank.cost.formdata("450.00") == [("cost", "450.00")]
    assert blank.pupils.formdata(None) == []


@pytest.mark.parametrize(("name", "value"), [("pupils", True), ("pupils", 2.5), ("cost", ["1"])])
def test_numbers_refuse_the_wrong_json_types(name, value):
    with pytest.raises(AnswerTypeError):
        NumberForm()[name].formdata(value)


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
    assert (form.email.describe()["type"], form.phone.describe()["type"]) == ("email", "phone")


def test_flat_values_are_read_as_typed():
    form = NumberForm()
    assert form.pupils.from_flat({"pupils": " 4 "}) == "4"
    assert form.cost.from_flat({"cost": "£1,200"}) == "£1,200"
    assert form.cost.from_flat({"cost": "  "}) is None
    assert form.cost.from_flat({}) is None


def test_email_and_phone_bring_up_their_keyboards_and_can_be_filled_in(app):
    class Contact(Form):
        email = EmailField()
        phone = PhoneField()
        school_email = EmailField("School's email address", autocomplete=None)

    with app.test_request_context():
        form = Contact(formdata=None)
        email, phone, school = form.email(), form.phone(), form.school_email()
    assert 'type="email"' in email
    assert 'autocomplete="email"' in email
    assert 'spellcheck="false"' in email
    assert 'type="tel"' in phone
    assert 'autocomplete="tel"' in phone
    # Someone else's address: the right keyboard, but the browser offers nothing of the user's.
    assert 'type="email"' in school
    assert "autocomplete" not in school


def test_plain_text_offers_no_autocomplete_unless_asked(app):
    class About(Form):
        pupil = TextField("Pupil's full name")
        writer = TextField("Your full name", autocomplete="name")
        home = LongTextField("Your address", autocomplete="street-address")

    with app.test_request_context():
        form = About(formdata=None)
        pupil, writer, home = form.pupil(), form.writer(), form.home()
    assert "autocomplete" not in pupil
    assert 'type="text"' in pupil
    assert 'autocomplete="name"' in writer
    assert "<textarea" in home
    assert 'autocomplete="street-address"' in home


# --- Character counts -----------------------------------------------------------------------


class Limited(Form):
    concern = LongTextField("Concern", max_length=2000, hint="A sentence or two.")
    school = TextField("School name", hint="As the school writes it.")
    code = TextField("Security code", max_length=50, character_count=False)
    email = EmailField()
    phone = PhoneField()
    pupils = NumberField("Group size")
    cost = MoneyField("Cost (optional)")
    concerns = ListField(LongTextField("Concern", max_length=2000), "Concerns")


def drawn(app, name, **pairs):
    """The field's HTML, as its page draws it, and the form after validation."""
    with app.test_request_context():
        form = Limited(formdata=MultiDict(pairs))
        form.validate()
        return form[name](), form


def element(html, element_id):
    found = lxml.html.fragment_fromstring(html, create_parent="div").get_element_by_id(element_id)
    assert found is not None, f"no element with id {element_id}"
    return found


def counted_group(box):
    """The element govuk-frontend's script starts the count from, around the box."""
    return next(el for el in box.iterancestors() if el.get("data-module"))


@pytest.mark.parametrize(
    ("name", "tag", "limit", "stated"),
    [
        ("concern", "textarea", "2000", "You can enter up to 2,000 characters"),
        ("school", "input", "200", "You can enter up to 200 characters"),
    ],
)
def test_a_limited_field_is_a_gov_uk_character_count(app, name, tag, limit, stated):
    html, _ = drawn(app, name)
    box = element(html, name)
    assert box.tag == tag
    assert "govuk-js-character-count" in box.classes
    group = counted_group(box)
    assert group.get("data-module") == "govuk-character-count"
    assert group.get("data-maxlength") == limit
    assert "govuk-character-count" in group.classes
    # Without JavaScript, the count's own hint states the limit, with a thousands separator.
    info = element(html, f"{name}-info")
    assert info.text_content().strip() == stated
    assert {"govuk-hint", "govuk-character-count__message"} <= set(info.classes)
    assert box.get("aria-describedby") == f"{name}-info {name}-hint"
    # Nothing cuts off what is typed or pasted.
    assert box.get("maxlength") is None


@pytest.mark.parametrize("name", ["concern", "school"])
def test_a_counted_field_with_an_error_is_described_by_its_count_hint_and_error(app, name):
    html, form = drawn(app, name, **{name: "x" * 2001})
    assert form[name].errors
    described = element(html, name).get("aria-describedby").split()
    assert described == [f"{name}-info", f"{name}-hint", f"{name}-error"]
    for described_id in described:
        element(html, described_id)


def test_text_over_the_limit_is_refused_and_kept_in_full(app):
    pasted = "I am worried about her reading. " * 94  # 3,008 characters, past 2,000
    html, form = drawn(app, "concern", concern=pasted.strip())
    assert form.concern.errors == ["Concern must be 2,000 characters or fewer"]
    assert element(html, "concern").text_content() == pasted.strip()
    assert (
        "Concern must be 2,000 characters or fewer" in element(html, "concern-error").text_content()
    )


@pytest.mark.parametrize("name", ["code", "email", "phone", "pupils", "cost"])
def test_text_with_a_shape_of_its_own_shows_no_count(app, name):
    html, form = drawn(app, name)
    assert form[name].character_limit is None
    assert "character-count" not in html
    assert "You can enter up to" not in html
    assert " maxlength=" not in html


def test_each_item_of_a_list_has_its_own_count(app):
    pairs = {"concerns-0": "Reading", "concerns-1": "Spelling"}
    with app.test_request_context():
        form = Limited(formdata=MultiDict(pairs))
        items = [entry() for entry in form.concerns.entries]
    assert len(items) == 2
    for index, html in enumerate(items):
        box = element(html, f"concerns-{index}")
        assert counted_group(box).get("data-maxlength") == "2000"
        assert box.get("aria-describedby") == f"concerns-{index}-info"
        stated = element(html, f"concerns-{index}-info").text_content().strip()
        assert stated == "You can enter up to 2,000 characters"


def test_a_counted_one_line_box_keeps_its_own_attributes(app):
    class Details(Form):
        writer = TextField("Your full name", autocomplete="name", max_length=60)

    with app.test_request_context():
        html = Details(formdata=None).writer()
    box = element(html, "writer")
    assert (box.get("type"), box.get("autocomplete")) == ("text", "name")
    assert counted_group(box).get("data-maxlength") == "60"
