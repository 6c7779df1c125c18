"""Small forms of every field type, for the field tests."""

from werkzeug.datastructures import MultiDict
from wtforms import Form

from service.fields import (
    DateField,
    GroupField,
    ListField,
    LongTextField,
    MultiChoiceField,
    TextField,
    YesNoField,
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


VALID = {"name": "Ada", "born": ["4", "3", "2015"], "agree": "yes", "items__0": "first"}


def submit(**pairs):
    """The example form posted with these values (`items__0` for `items-0`)."""
    data = MultiDict()
    for key, value in pairs.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key.replace("__", "-"), item)
    return ExampleForm(formdata=data)


def answers_of(form, names):
    return {name: form[name].answer() for name in names}


def from_answers(answers):
    """The example form filled from JSON answers, as the journey and the API fill it."""
    blank = ExampleForm(formdata=None)
    pairs = []
    for name, value in answers.items():
        pairs += blank[name].formdata(value)
    return ExampleForm(formdata=MultiDict(pairs))
