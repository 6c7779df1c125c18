"""Questions answered by choosing: radios, yes or no, and checkboxes."""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput
from markupsafe import escape
from wtforms import fields as wtf
from wtforms.fields import SelectChoice
from wtforms.validators import StopValidation

from service.fields.base import (
    NOT_GIVEN,
    AnswerField,
    AnswerTypeError,
    InvalidAnswer,
    Required,
    bullets,
    resolve,
)

_YES_OR_NO = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


def _choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


class _Choosing(AnswerField):
    """What radios and checkboxes share: (value, label) pairs, and reading either from a
    spreadsheet cell."""

    macro = "fieldset"

    def __init__(
        self, label, choices, required=None, *, hint=None, error_name=None, asked=True, **kw
    ):
        super().__init__(
            resolve(label, {}), choices=_choices(choices), validators=[Required()], **kw
        )
        self.choice_labels = dict(choices)
        self._setup(label, required=required, hint=hint, error_name=error_name, asked=asked)
        # A value that is not one of the choices gets the message for no choice at all.
        self.invalid_message = self.required_message or f"Select {self.error_name.lower()}"

    def choice_for(self, text):
        """The value a cell means: a value or a label, in any case. Anything else is refused
        with the values it could be, since a spreadsheet has no radios to choose from."""
        if text in self.choice_labels:
            return text
        for value, label in self.choice_labels.items():
            if text.casefold() in (value.casefold(), label.casefold()):
                return value
        raise InvalidAnswer(f"{self.invalid_message}: write one of {self._values_in_words()}")

    def _values_in_words(self):
        values = [f"'{value}'" for value in self.choice_labels]
        return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]

    def describe(self):
        choices = [{"value": value, "label": text} for value, text in self.choice_labels.items()]
        return {**super().describe(), "choices": choices}


class ChoiceField(_Choosing, wtf.RadioField):
    """Radios: exactly one of the given (value, label) pairs."""

    widget = GovRadioInput()
    type_name = "choice"

    def pre_validate(self, form):
        if self.data is not None and self.data not in self.choice_labels:
            raise StopValidation(self.invalid_message)

    def formdata(self, value, name=None):
        if value in (None, ""):
            return []
        if not isinstance(value, str):
            raise AnswerTypeError("must be one of the listed values")
        return [(name or self.name, value)]

    def flat_value(self, text):
        return self.choice_for(text)

    def blank(self):
        return "[" + " / ".join(self.choice_labels.values()) + "]"

    def summary_html(self):
        return self.choice_labels.get(self.data) or NOT_GIVEN

    def json_schema(self):
        return {"enum": [*self.choice_labels, "", None]}  # "" and null: no answer


class YesNoField(ChoiceField):
    """A yes or no question; the answer is a boolean."""

    type_name = "boolean"

    def __init__(self, label, required=None, **kwargs):
        super().__init__(label, [("yes", "Yes"), ("no", "No")], required, **kwargs)

    def answer(self):
        return {"yes": True, "no": False}.get(self.data)

    def formdata(self, value, name=None):
        if value is None:
            return []
        if not isinstance(value, bool):
            raise AnswerTypeError("must be true or false")
        return [(name or self.name, "yes" if value else "no")]

    def flat_value(self, text):
        try:
            return _YES_OR_NO[text.casefold()]
        except KeyError:
            raise InvalidAnswer(f"{self.invalid_message}: write yes or no") from None

    def describe(self):
        return AnswerField.describe(self)

    def json_schema(self):
        return {"type": ["boolean", "null"]}

    def blank(self):
        return True  # blank documents show the optional part, for the reader to keep or strike

    def summary_html(self):
        return {True: "Yes", False: "No"}.get(self.answer(), NOT_GIVEN)


class MultiChoiceField(_Choosing, wtf.SelectMultipleField):
    """Checkboxes: any of the given (value, label) pairs. The answer is a list of values."""

    widget = GovCheckboxesInput()
    option_widget = None
    type_name = "multi-choice"
    SEPARATOR = ";"  # between choices in one spreadsheet cell

    def pre_validate(self, form):
        if any(value not in self.choice_labels for value in self.data or []):
            raise StopValidation(self.invalid_message)

    def answer(self):
        return list(self.data or [])

    def formdata(self, value, name=None):
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise AnswerTypeError("must be a list of the listed values")
        return [(name or self.name, item) for item in value]

    def flat_value(self, text):
        parts = (part.strip() for part in text.split(self.SEPARATOR))
        return [self.choice_for(part) for part in parts if part]

    def blank(self):
        return list(self.choice_labels)

    def json_schema(self):
        return {"type": ["array", "null"], "items": {"enum": list(self.choice_labels)}}

    def summary_html(self):
        labels = [escape(self.choice_labels.get(value, value)) for value in self.data or []]
        return bullets(labels) if labels else NOT_GIVEN
