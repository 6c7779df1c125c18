"""Tiny steps and a document of them, so the engine is tested without any real letter."""

from service.catalogue import DocumentType
from service.fields import After, DateField, ListField, TextField, Varies, YesNoField
from service.steps import StepForm, make_step


class First(StepForm):
    slug = "first"
    title = "First"
    name = TextField("Name", "Enter a name")
    wants_more = YesNoField("More?", "Select yes if you want more")


More = make_step(
    "more",
    "More",
    show_if=lambda answers: answers.get("wants_more") is True,
    items=ListField(TextField("Item"), "Items", "Enter an item"),
)

# Asks by what came before: a title and label in the words of the answer to `name`, a
# question asked only when there is more, and a date that must follow one given earlier.
Later = make_step(
    "later",
    Varies(lambda answers: f"About {answers.get('name', 'you')}"),
    started=DateField("When did it start?", "Enter when it started", error_name="Start"),
    nickname=TextField(
        Varies(lambda answers: f"What do people call {answers.get('name', 'them')}? (optional)"),
        error_name="Nickname",
        asked=Varies(lambda answers: answers.get("wants_more") is True),
    ),
    ended=DateField(
        "When did it end?",
        "Enter when it ended",
        error_name="End",
        checks=(After("started", "It must end after it started, {date}"),),
    ),
)


def make(slug="doc", steps=(First, More), audience=("parent",)):
    return DocumentType(
        slug=slug,
        title="Doc",
        summary="s",
        needs="n",
        audience=audience,
        steps=steps,
        template="x.docx",
        build_context=dict,
        filename=lambda _answers: "x",
    )
