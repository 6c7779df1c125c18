"""What every question knows about itself, whatever its type.

A field turns what was posted into a JSON answer (`answer`) and a stored answer back into what
a browser would post (`formdata`), so the web journey, the API and the command line share one
set of forms, validators and messages. It also describes itself for the API (`describe`), shows
its answer on check your answers (`summary_html`), says which element an error links to
(`error_items`), names the macro that draws it (`macro`, in journey/_fields.html), and reads a
flat value such as a spreadsheet cell or a query string (`from_flat`).

Its label, hint, required message, error name and whether it is asked at all may depend on the
answers to earlier steps: give a `Varies` for any of them, and `adapt(earlier)` works them out.
"""

from markupsafe import Markup, escape
from wtforms.validators import StopValidation, ValidationError

from service.text import XML_INVALID, split_paragraphs

DEFAULT_MAX_LENGTH = 10_000
SHORT_MAX_LENGTH = 200
OPTIONAL = " (optional)"
NOT_GIVEN = Markup('<span class="app-not-given">Not given</span>')
NO_ANSWERS = {}  # read-only by convention: the answers before the first step


class AnswerTypeError(ValueError):
    """A JSON answer of the wrong shape (a number where text belongs, say); `field` names the
    question once it is known."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class InvalidAnswer(ValueError):  # noqa: N818 (it is a message for the user, not a bug)
    """A flat value (a spreadsheet cell, say) that cannot be read as an answer: the message
    says what to write instead, in the words the web form would use."""


class Varies:
    """A property of a question worked out from the answers to earlier steps: a label in the
    voice of whoever is writing, say, or whether the question is asked at all."""

    __slots__ = ("choose",)

    def __init__(self, choose):
        self.choose = choose

    def __call__(self, answers):
        return self.choose(answers)


def resolve(value, answers):
    return value(answers) if isinstance(value, Varies) else value


class Required:
    """Required when the field has a required message, optional when it has none. One
    validator for both, because the message may depend on earlier answers."""

    def __call__(self, form, field):
        if field.has_value():
            return
        field.errors[:] = []
        if field.required_message:
            raise StopValidation(field.required_message)
        raise StopValidation()


class MaxLength:
    def __call__(self, form, field):
        if isinstance(field.data, str) and len(field.data) > field.max_length:
            raise ValidationError(
                f"{field.error_name} must be {field.max_length:,} characters or fewer"
            )


class XmlSafe:
    """Removes characters a Word document cannot hold and says so.

    The cleaned text goes back into the field, so the page shows the user exactly what
    the document will contain; they continue once they have seen it.
    """

    def __call__(self, form, field):
        if not isinstance(field.data, str):
            return
        cleaned, count = XML_INVALID.subn("", field.data)
        if count:
            field.data = cleaned
            field.raw_data = [cleaned]
            noun = "character" if count == 1 else "characters"
            raise StopValidation(
                f"{field.error_name} had {count} hidden {noun} that cannot go into a Word "
                "document. We have removed them. Check your answer and continue"
            )


class AnswerField:
    """Mixin for every question. Subclasses call `_setup` from their constructor."""

    type_name = "text"  # how the API names this kind of answer
    macro = "input"  # the macro in journey/_fields.html that draws it
    needs_error_name = False  # whether messages name the field (then a question won't do)

    def _setup(
        self,
        label,
        *,
        required=None,
        hint=None,
        error_name=None,
        prompt=None,
        asked=True,
        autocomplete=None,
    ):
        # `autocomplete`: what a browser may fill in, for the user's own details only (WCAG
        # 1.3.5), such as "name"; it can follow the voice, as a young person's own name.
        self._specs = {
            "label": label,
            "required_message": required,
            "hint": hint,
            "given_error_name": error_name,
            "prompt": prompt,
            "asked": asked,
            "autocomplete": autocomplete,
        }
        self._varying = tuple(key for key, spec in self._specs.items() if isinstance(spec, Varies))
        self.earlier = NO_ANSWERS
        if self.default is None:
            # WTForms calls `default()` each time a field is processed, and catches the
            # TypeError that calling None raises: a function giving None means the same,
            # without an exception for every question of every step of every request.
            self.default = _no_default
        self._resolve(NO_ANSWERS, self._specs)
        if self.needs_error_name and self.error_name.endswith("?"):
            raise ValueError(f"{self.label.text!r}: give an error_name to use in messages")

    def _resolve(self, answers, keys):
        for key in keys:
            value = resolve(self._specs[key], answers)
            if key == "label":
                self.label.text = value
            elif key == "hint":
                self.description = value or ""
            else:
                setattr(self, key, value)
        # Messages name the field by its label, less "(optional)", unless given a name.
        self.error_name = self.given_error_name or self.label.text.removesuffix(OPTIONAL)

    def adapt(self, earlier):
        """Work out the label, hint and the rest from the answers to earlier steps."""
        self.earlier = earlier
        if self._varying:
            self._resolve(earlier, self._varying)

    # --- answers ---------------------------------------------------------------------------

    def answer(self):
        return self.data

    def has_value(self):
        data = self.data
        if isinstance(data, str):  # text that is only spaces is no answer
            return bool(data) and not data.isspace()
        return data is not None and data != []

    def formdata(self, value, name=None):
        """The (name, value) pairs a browser would post for this JSON answer."""
        if value is None:
            return []
        if not isinstance(value, str):
            raise AnswerTypeError("must be text")
        return [(name or self.name, value)]

    def from_flat(self, flat, name=None):
        """The JSON answer in a flat mapping of strings (a spreadsheet row, a query string),
        read from the key `name` (this field's own name unless given); None if empty."""
        value = flat.get(self.short_name if name is None else name)
        if value is None or not str(value).strip():
            return None
        return self.flat_value(str(value).strip())

    def flat_value(self, text):
        return text

    def blank(self):
        """What a blank document shows for this answer: a bracketed prompt."""
        return f"[{self.prompt or self.label.text}]"

    # --- describing and showing ------------------------------------------------------------

    def describe(self):
        """The field as the API lists it."""
        return {
            "name": self.short_name,
            "label": self.label.text,
            "type": self.type_name,
            "required": bool(self.required_message),
        }

    def json_schema(self):
        """The JSON schema of the answers the API reads for this question, for its OpenAPI
        document. Each allows null (no answer). Necessary, not sufficient: what depends on
        other answers (a date after another, a question asked only of some) is checked by
        validation, and its messages come back with a 422."""
        return {"type": ["string", "null"]}

    @property
    def always_required(self):
        """Required whatever the earlier answers, as far as the question itself goes."""
        message, asked = self._specs["required_message"], self._specs["asked"]
        return asked is True and isinstance(message, str) and bool(message)

    def summary_html(self):
        """The answer as safe HTML for check your answers."""
        lines = split_paragraphs(self.data if isinstance(self.data, str) else "")
        if not lines:
            return NOT_GIVEN
        if len(lines) == 1:
            return escape(lines[0])
        return Markup("").join(
            Markup('<p class="govuk-body">{}</p>').format(line) for line in lines
        )

    @property
    def first_input_id(self):
        """The id of the element an error summary link should move focus to."""
        return self.id

    def error_items(self):
        """Error summary items: this field's first message, linked to its first input."""
        messages = [error for error in self.errors or [] if isinstance(error, str)]
        return [summary_item(messages[0], self.first_input_id)] if messages else []

    def list_action(self, verb, index):
        """Add or remove an entry: only lists have entries, so nothing changes (None)."""

    def clear_errors(self):
        self.errors = []

    def forget(self):
        """Drop what was typed, so a reused field carries nothing into its next use."""
        self.data = self.raw_data = self.object_data = None
        self.errors = self.process_errors = []


def _no_default():
    return None


def summary_item(text, target):
    return {"text": text, "href": f"#{target}"}


def bullets(items):
    """Several answers as a bulleted list; one as itself."""
    if len(items) == 1:
        return items[0]
    return Markup('<ul class="govuk-list govuk-list--bullet">{}</ul>').format(
        Markup("").join(Markup("<li>{}</li>").format(item) for item in items)
    )
