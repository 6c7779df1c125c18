"""Questions answered by typing: text, long text, email, phone, whole numbers and money."""

import decimal
import re

from email_validator import EmailNotValidError, validate_email
from flask import render_template
from govuk_frontend_wtf.wtforms_widgets import GovTextArea, GovTextInput
from markupsafe import Markup
from wtforms import fields as wtf
from wtforms.validators import ValidationError

from service.fields.base import (
    DEFAULT_MAX_LENGTH,
    NOT_GIVEN,
    SHORT_MAX_LENGTH,
    AnswerField,
    AnswerTypeError,
    MaxLength,
    Required,
    XmlSafe,
    resolve,
)
from service.text import normalise_text


class _DetailsParams:
    """Widget mixin: the attributes GOV.UK asks for on a question about the user's own details
    (`field.autocomplete`), and no spell check where the widget says so (addresses and
    numbers are not words)."""

    spellcheck = None

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if getattr(field, "autocomplete", None):
            params.setdefault("autocomplete", field.autocomplete)
        if self.spellcheck is not None:
            params.setdefault("spellcheck", self.spellcheck)
        return params


COUNTED_CLASS = "govuk-js-character-count"  # the box govuk-frontend's script counts


def limit_hint(limit):
    """What the character count says of a limit before anything is typed, and all it says
    without JavaScript."""
    return f"You can enter up to {limit:,} characters"


class _CharacterCount:
    """Widget mixin: GOV.UK's character count on a field that has one (`field.character_limit`).

    With JavaScript, govuk-frontend counts as the user types and says how many characters are
    left or too many; without it, the count's hint states the limit. Nothing stops typing at
    the limit (no `maxlength`, which would cut off pasted text without saying so): the server
    refuses a longer answer with a message, and keeps all of it on the page to shorten."""

    counted_template = None

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        limit = getattr(field, "character_limit", None)
        if limit:
            params["maxlength"] = limit
            params["textareaDescriptionText"] = limit_hint(limit)
            self.count(params)
        return params

    def count(self, params):
        """Add what this widget's count needs to the parameters."""

    def render(self, params):
        counted = "maxlength" in params
        template = self.counted_template if counted else self.template
        # An autoescaped template, as govuk-frontend-wtf renders its own.
        return Markup(render_template(template, params=params))  # noqa: S704


class TextInput(_CharacterCount, _DetailsParams, GovTextInput):
    """A one-line box: `input_type` "email" or "tel" brings up a phone's keyboard for it."""

    # govukCharacterCount draws only text areas; govuk-frontend's script counts a one-line
    # box too, given the same markup around it.
    counted_template = "fields/character_count_input.html"

    def __init__(self, input_type="text", *, spellcheck=None):
        super().__init__()
        self.input_type = input_type
        self.spellcheck = spellcheck

    def count(self, params):
        params["classes"] = " ".join(filter(None, [params.get("classes"), COUNTED_CLASS]))
        params["describedBy"] = f"{params['id']}-info"


class TextArea(_CharacterCount, _DetailsParams, GovTextArea):
    """A box of several lines."""

    counted_template = "govuk_frontend_wtf/charactercount.html"

    def count(self, params):
        # govukCharacterCount passes no `autocomplete` on to its text area: as an attribute,
        # it gets there.
        if "autocomplete" in params:
            params["attributes"]["autocomplete"] = params.pop("autocomplete")


class TextField(AnswerField, wtf.StringField):
    """One line of text."""

    widget = TextInput()
    free_text = True  # anything may be typed (fields with a format set this False)
    one_line = True  # a line break is refused (LongTextField takes several lines)
    needs_error_name = True

    def __init__(
        self,
        label,
        required=None,
        *,
        hint=None,
        error_name=None,
        prompt=None,
        asked=True,
        max_length=SHORT_MAX_LENGTH,
        checks=(),
        autocomplete=None,
        character_count=None,
        **kwargs,
    ):
        super().__init__(
            resolve(label, {}),
            validators=[Required(), XmlSafe(), MaxLength(), OneLine(), *checks],
            filters=[normalise_text],
            **kwargs,
        )
        self.max_length = max_length
        # Free text shows its limit as it is typed. `character_count=False` for text with a
        # shape of its own (a code, an email address), where the limit is no help.
        self.character_count = self.free_text if character_count is None else character_count
        self._setup(
            label,
            required=required,
            hint=hint,
            error_name=error_name,
            prompt=prompt,
            asked=asked,
            autocomplete=autocomplete,
        )

    @property
    def character_limit(self):
        """The limit the page counts down from, or None when it shows no count."""
        return self.max_length if self.character_count else None

    def answer(self):
        return self.data or ""

    def json_schema(self):
        return {"type": ["string", "null"], "maxLength": self.max_length}


class LongTextField(TextField):
    """Several lines of text; each line becomes a paragraph in the document."""

    widget = TextArea()
    one_line = False
    type_name = "long-text"

    def __init__(self, label, required=None, *, max_length=DEFAULT_MAX_LENGTH, **kwargs):
        super().__init__(label, required, max_length=max_length, **kwargs)


class OneLine:
    """Refuses a line break in a one-line answer, rather than let a document change it: one
    printed in a sentence or a list joins its lines with spaces. A browser's text box cannot
    send one; the API and spreadsheets can."""

    def __call__(self, form, field):
        if field.one_line and isinstance(field.data, str) and "\n" in field.data:
            raise ValidationError(f"{field.error_name} must be on one line")


class _Matches:
    def __init__(self, pattern, message):
        self.pattern = re.compile(pattern)
        self.message = message

    def __call__(self, form, field):
        if field.data and not self.pattern.fullmatch(field.data):
            raise ValidationError(self.message)


class DeliverableEmail:
    """An address we will send to, checked by email-validator: one plain address (no name,
    no second address, no line breaks), a real-looking domain, and a mailbox name our mail
    server can carry without SMTPUTF8. No DNS lookup, so no waiting on the network.
    The address is normalised, and the domain written in ASCII (IDNA)."""

    message = "Enter an email address in the correct format, like name@example.com"
    non_ascii = "Enter an email address with only letters a to z, numbers and . _ - + before the @"

    def __call__(self, form, field):
        if not field.data:
            return
        try:
            checked = validate_email(field.data, check_deliverability=False, allow_smtputf8=False)
        except EmailNotValidError as error:
            before_at = field.data.rpartition("@")[0]
            if before_at and not before_at.isascii() and "\n" not in field.data:
                raise ValidationError(self.non_ascii) from error
            raise ValidationError(self.message) from error
        field.data = checked.ascii_email


class _PatternField(TextField):
    """Text that must have a given shape; `pattern`, `message` and `max_length` say which."""

    free_text = False
    pattern = message = None
    # The usual optional question about the writer, so most forms can declare just
    # `EmailField()`; `autocomplete=None` for an address or number that is not the user's own.
    default_label = default_prompt = default_autocomplete = None

    def __init__(self, label=None, required=None, **kwargs):
        kwargs.setdefault("prompt", self.default_prompt)
        kwargs.setdefault("autocomplete", self.default_autocomplete)
        super().__init__(
            label or self.default_label,
            required,
            max_length=self.max_length,
            checks=(_Matches(self.pattern, self.message),),
            **kwargs,
        )


class EmailField(_PatternField):
    """An email address: checked for its shape only, since nothing is sent to it here."""

    type_name = "email"
    widget = TextInput("email", spellcheck=False)
    pattern = r"[^@\s]+@[^@\s]+\.[^@\s]+"
    message = "Enter an email address in the correct format, like name@example.com"
    max_length = 254
    default_label = "Email address (optional)"
    default_prompt = "your email address"
    default_autocomplete = "email"


class PhoneField(_PatternField):
    """A UK or international phone number, as people write them."""

    type_name = "phone"
    widget = TextInput("tel")
    pattern = r"\+?[0-9 ()-]{7,25}"
    message = "Enter a phone number, like 01632 960 001 or 07700 900 982"
    max_length = 30
    default_label = "Phone number (optional)"
    default_prompt = "your phone number"
    default_autocomplete = "tel"


class _NumberInput(TextInput):
    """A narrow text input for numbers: GOV.UK asks for numbers with a text input (not
    type=number) and an inputmode, so phones show a number keyboard; `prefix` puts a unit
    such as £ in front of the box."""

    def __init__(self, inputmode, prefix=None):
        super().__init__(spellcheck=False)
        self.inputmode = inputmode
        self.prefix = prefix

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        params.setdefault("inputmode", self.inputmode)
        params.setdefault("classes", "govuk-input--width-5")
        if self.prefix:
            params.setdefault("prefix", {"text": self.prefix})
        return params


class _NumericField(TextField):
    """A number typed as text. The field's data stays the text typed, as other text fields'
    data does; `answer()` is the number, or None when the text is not one."""

    free_text = False
    example = ""  # how to write one, for the message when it cannot be read

    def __init__(self, label, required=None, **kwargs):
        super().__init__(label, required, max_length=20, checks=(self._check,), **kwargs)

    @staticmethod
    def _check(_form, field):
        if not field.data:
            return
        if field.answer() is None:
            raise ValidationError(f"{field.error_name} must be {field.example}")
        field.check_range()

    def formdata(self, value, name=None):
        """A JSON number or numeric string, as the text a browser would post."""
        if value in (None, ""):
            return []
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise AnswerTypeError("must be a number")
        return [(name or self.name, str(value))]

    def summary_html(self):
        return self.shown(self.answer()) if self.answer() is not None else NOT_GIVEN


class NumberField(_NumericField):
    """A whole number between `minimum` and `maximum`; the answer is an int."""

    type_name = "number"
    widget = _NumberInput("numeric")
    example = "a whole number, like 4"

    def __init__(self, label, required=None, *, minimum=0, maximum=1_000_000, **kwargs):
        self.minimum, self.maximum = minimum, maximum
        super().__init__(label, required, **kwargs)

    def check_range(self):
        if not self.minimum <= self.answer() <= self.maximum:
            raise ValidationError(
                f"{self.error_name} must be between {self.minimum:,} and {self.maximum:,}"
            )

    def answer(self):
        if self.data and re.fullmatch(r"-?[0-9]{1,3}(,?[0-9]{3})*", self.data):
            return int(self.data.replace(",", ""))
        return None

    def formdata(self, value, name=None):
        if isinstance(value, float) and not value.is_integer():
            raise AnswerTypeError("must be a whole number")
        return super().formdata(int(value) if isinstance(value, float) else value, name)

    @staticmethod
    def shown(number):
        return f"{number:,}"

    def json_schema(self):
        # A JSON whole number, or the number as typed ("1,200"), read as the web form reads it.
        number = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        return {"anyOf": [number, {"type": ["string", "null"]}]}


class MoneyField(_NumericField):
    """An amount in pounds and pence, typed as people write it (450, 120.50, £1,200). The
    answer is a string with two decimal places ("1200.00"), so no float ever rounds it."""

    type_name = "money"
    widget = _NumberInput("decimal", prefix="£")
    example = "an amount of money, like 450 or 120.50"
    _AMOUNT = re.compile(r"£?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]{1,2}))?")

    def __init__(self, label, required=None, *, maximum=1_000_000, **kwargs):
        self.maximum = maximum
        super().__init__(label, required, **kwargs)

    def check_range(self):
        if decimal.Decimal(self.answer()) > self.maximum:
            raise ValidationError(f"{self.error_name} must be £{self.maximum:,} or less")

    def answer(self):
        match = self._AMOUNT.fullmatch((self.data or "").replace(" ", ""))
        if not match:
            return None
        pounds, pence = match.groups()
        return f"{int(pounds.replace(',', ''))}.{(pence or '').ljust(2, '0')}"

    @staticmethod
    def shown(amount):
        """'1200.00' -> '£1,200.00', as a letter or summary shows money."""
        return f"£{decimal.Decimal(amount):,.2f}"

    def json_schema(self):
        # A JSON number of pounds, or the amount as typed ("£1,200.50"); pence to 2 places.
        amount = {"type": "number", "minimum": 0, "maximum": self.maximum}
        return {"anyOf": [amount, {"type": ["string", "null"]}]}
