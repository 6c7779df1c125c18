"""Field types for document forms.

Each field knows how to turn its validated data into a JSON answer (`answer()`) and how to
turn a stored JSON answer back into the form data a browser would post (`formdata_for`).
That round trip lets the web journey, the API and the CLI share one set of forms,
validators and error messages.
"""

import datetime
import decimal
import functools
import re

from email_validator import EmailNotValidError, validate_email
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import fields as wtf
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, StopValidation, ValidationError

# Characters XML 1.0 cannot hold. docxtpl drops them from the body without a word and fails
# on them in headers, so they are dealt with here, once, where the user can be told.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

DEFAULT_MAX_LENGTH = 10_000
SHORT_MAX_LENGTH = 200


class AnswerTypeError(ValueError):
    """A JSON answer of the wrong shape (a number where text belongs, say)."""


def normalise_text(value):
    """Browsers send CRLF from text areas; documents want one kind of line break."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def split_paragraphs(text):
    """Non-empty lines of a multi-line answer, each a paragraph in the document."""
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


class XmlSafe:
    """Removes characters a Word document cannot hold and says so.

    The cleaned text goes back into the field, so the page shows the user exactly what
    the document will contain; they continue once they have seen it.
    """

    def __call__(self, form, field):
        if not isinstance(field.data, str):
            return
        cleaned, count = _XML_INVALID.subn("", field.data)
        if count:
            field.data = cleaned
            field.raw_data = [cleaned]
            noun = "character" if count == 1 else "characters"
            raise StopValidation(
                f"{field.error_name} had {count} hidden {noun} that cannot go into a Word "
                "document. We have removed them. Check your answer and continue"
            )


def _text_validators(required, error_name, max_length):
    validators = [DataRequired(message=required) if required else Optional(strip_whitespace=True)]
    validators.append(XmlSafe())
    validators.append(
        Length(max=max_length, message=f"{error_name} must be {max_length:,} characters or fewer")
    )
    return validators


class AnswerField:
    """Mixin: the JSON answer of a field, and the form data that reproduces it."""

    prompt = None  # the bracketed prompt shown in blank documents

    def answer(self):
        return self.data

    @classmethod
    def formdata_for(cls, name, value, unbound):
        if value is None:
            return []
        if not isinstance(value, str):
            raise AnswerTypeError("must be text")
        return [(name, value)]

    def blank(self):
        return f"[{self.prompt or self.label.text}]"


def _init_common(field, error_name, prompt):
    field.error_name = error_name or field.label.text
    field.prompt = prompt


class TextField(AnswerField, wtf.StringField):
    """One line of text."""

    widget = GovTextInput()
    free_text = True  # anything may be typed (fields with a format set this False)

    def __init__(
        self,
        label,
        required=None,
        *,
        hint=None,
        error_name=None,
        prompt=None,
        max_length=SHORT_MAX_LENGTH,
        checks=(),
        **kwargs,
    ):
        super().__init__(
            label,
            validators=[*_text_validators(required, error_name or label, max_length), *checks],
            description=hint or "",
            filters=[normalise_text],
            **kwargs,
        )
        _init_common(self, error_name, prompt)
        self.max_length = max_length

    def answer(self):
        return self.data or ""


class LongTextField(TextField):
    """Several lines of text; each line becomes a paragraph in the document."""

    widget = GovTextArea()

    def __init__(self, label, required=None, *, max_length=DEFAULT_MAX_LENGTH, **kwargs):
        super().__init__(label, required, max_length=max_length, **kwargs)


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
    # The usual optional question, so most forms can declare just `EmailField()`.
    default_label = default_error_name = default_prompt = None

    def __init__(self, label=None, required=None, **kwargs):
        kwargs.setdefault("error_name", self.default_error_name)
        kwargs.setdefault("prompt", self.default_prompt)
        super().__init__(
            label or self.default_label,
            required,
            max_length=self.max_length,
            checks=(_Matches(self.pattern, self.message),),
            **kwargs,
        )


class EmailField(_PatternField):
    """An email address: checked for its shape only, since nothing is sent to it here."""

    pattern = r"[^@\s]+@[^@\s]+\.[^@\s]+"
    message = "Enter an email address in the correct format, like name@example.com"
    max_length = 254
    default_label = "Email address (optional)"
    default_error_name = "Email address"
    default_prompt = "your email address"


class PhoneField(_PatternField):
    """A UK or international phone number, as people write them."""

    pattern = r"\+?[0-9 ()-]{7,25}"
    message = "Enter a phone number, like 01632 960 001 or 07700 900 982"
    max_length = 30
    default_label = "Phone number (optional)"
    default_error_name = "Phone number"
    default_prompt = "your phone number"


class _NumberInput(GovTextInput):
    """A narrow text input for numbers: GOV.UK asks for numbers with a text input (not
    type=number) and an inputmode, so phones show a number keyboard; `prefix` puts a unit
    such as £ in front of the box."""

    def __init__(self, inputmode, prefix=None):
        super().__init__()
        self.inputmode = inputmode
        self.prefix = prefix

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        params.setdefault("inputmode", self.inputmode)
        params.setdefault("spellcheck", False)
        params.setdefault("classes", "govuk-input--width-5")
        if self.prefix:
            params.setdefault("prefix", {"text": self.prefix})
        return params


def _numeric_formdata(name, value):
    """A JSON number or numeric string as the text a browser would post."""
    if value in (None, ""):
        return []
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise AnswerTypeError("must be a number")
    return [(name, str(value))]


class NumberField(TextField):
    """A whole number between `minimum` and `maximum`. The answer is an int (None if blank);
    the field's data stays the text typed, as other text fields' data does."""

    free_text = False
    widget = _NumberInput("numeric")

    def __init__(self, label, required=None, *, minimum=0, maximum=1_000_000, **kwargs):
        self.minimum, self.maximum = minimum, maximum
        super().__init__(label, required, max_length=20, checks=(self._check,), **kwargs)

    @staticmethod
    def _check(_form, field):
        if not field.data:
            return
        if field.answer() is None:
            raise ValidationError(f"{field.error_name} must be a whole number, like 4")
        if not field.minimum <= field.answer() <= field.maximum:
            raise ValidationError(
                f"{field.error_name} must be between {field.minimum:,} and {field.maximum:,}"
            )

    def answer(self):
        if self.data and re.fullmatch(r"-?[0-9]{1,3}(,?[0-9]{3})*", self.data):
            return int(self.data.replace(",", ""))
        return None

    @classmethod
    def formdata_for(cls, name, value, unbound):
        if isinstance(value, float) and not value.is_integer():
            raise AnswerTypeError("must be a whole number")
        return _numeric_formdata(name, int(value) if isinstance(value, float) else value)


class MoneyField(TextField):
    """An amount in pounds and pence, typed as people write it (450, 120.50, £1,200). The
    answer is a string with two decimal places ("1200.00"), so no float ever rounds it."""

    free_text = False
    widget = _NumberInput("decimal", prefix="£")
    _AMOUNT = re.compile(r"£?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]{1,2}))?")

    def __init__(self, label, required=None, *, maximum=1_000_000, **kwargs):
        self.maximum = maximum
        super().__init__(label, required, max_length=20, checks=(self._check,), **kwargs)

    @staticmethod
    def _check(_form, field):
        if not field.data:
            return
        if field.answer() is None:
            raise ValidationError(
                f"{field.error_name} must be an amount of money, like 450 or 120.50"
            )
        if decimal.Decimal(field.answer()) > field.maximum:
            raise ValidationError(f"{field.error_name} must be £{field.maximum:,} or less")

    def answer(self):
        match = self._AMOUNT.fullmatch((self.data or "").replace(" ", ""))
        if not match:
            return None
        pounds, pence = match.groups()
        return f"{int(pounds.replace(',', ''))}.{(pence or '').ljust(2, '0')}"

    @classmethod
    def formdata_for(cls, name, value, unbound):
        return _numeric_formdata(name, value)


class DateField(AnswerField, wtf.DateField):
    """A GOV.UK date input. The answer is an ISO date string."""

    widget = GovDateInput()

    def __init__(
        self,
        label,
        required=None,
        *,
        hint=None,
        error_name=None,
        prompt=None,
        not_after_today=False,
        not_before_today=False,
        **kwargs,
    ):
        self.required_message = required
        name = error_name or label
        self.invalid_message = f"{name} must be a real date, like 27 3 2015"
        validators = [DataRequired(message=required) if required else Optional()]
        if not_after_today:
            validators.append(_NotAfterToday(f"{name} must be today or in the past"))
        if not_before_today:
            validators.append(_NotBeforeToday(f"{name} must be today or in the future"))
        super().__init__(
            label, validators=validators, format="%d %m %Y", description=hint or "", **kwargs
        )
        _init_common(self, error_name, prompt)

    def process_formdata(self, valuelist):
        # GovDateInput posts day, month and year under one name. A post with fewer parts
        # (a hand-made request, a lost input) must be an error message, not a crash.
        self.raw_data = list(valuelist) if valuelist else None
        if not valuelist or not any(part.strip() for part in valuelist):
            self.raw_data = ["", "", ""] if valuelist else None
            self.data = None
            return
        if len(valuelist) != 3:
            self.raw_data = [*list(valuelist)[:3], "", "", ""][:3]
            self.data = None
            raise ValueError(self.invalid_message)
        day, month, year = (part.strip() for part in valuelist)
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            self.data = None
            raise ValueError(self.invalid_message)
        try:
            self.data = datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            self.data = None
            raise ValueError(self.invalid_message) from error

    def pre_validate(self, form):
        # A date that failed to parse has already said why; don't add "Enter ..." as well.
        if self.process_errors:
            raise StopValidation()

    def answer(self):
        return self.data.isoformat() if self.data else None

    @classmethod
    def formdata_for(cls, name, value, unbound):
        if value in (None, ""):
            return []
        if not isinstance(value, str):
            raise AnswerTypeError("must be a date in the form YYYY-MM-DD")
        try:
            parsed = datetime.date.fromisoformat(value)
        except ValueError as error:
            raise AnswerTypeError("must be a date in the form YYYY-MM-DD") from error
        return [(name, str(parsed.day)), (name, str(parsed.month)), (name, str(parsed.year))]

    def blank(self):
        return f"[{self.prompt or 'date'}]"


class _NotAfterToday:
    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.data and field.data > datetime.date.today():
            raise ValidationError(self.message)


class _NotBeforeToday(_NotAfterToday):
    def __call__(self, form, field):
        if field.data and field.data < datetime.date.today():
            raise ValidationError(self.message)


def _choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


class ChoiceField(AnswerField, wtf.RadioField):
    """Radios: exactly one of the given (value, label) pairs."""

    widget = GovRadioInput()

    def __init__(self, label, choices, required=None, *, hint=None, error_name=None, **kw):
        self.required_message = required or f"Select {(error_name or label).lower()}"
        self.choice_labels = dict(choices)
        super().__init__(
            label,
            choices=_choices(choices),
            validators=[DataRequired(message=required)] if required else [Optional()],
            description=hint or "",
            **kw,
        )
        _init_common(self, error_name, None)

    def pre_validate(self, form):
        if self.data is not None and self.data not in self.choice_labels:
            raise StopValidation(self.required_message)

    @classmethod
    def formdata_for(cls, name, value, unbound):
        if value in (None, ""):
            return []
        if not isinstance(value, str):
            raise AnswerTypeError("must be one of the listed values")
        return [(name, value)]

    def blank(self):
        return "[" + " / ".join(self.choice_labels.values()) + "]"


class YesNoField(ChoiceField):
    """A yes or no question; the answer is a boolean."""

    def __init__(self, label, required=None, **kwargs):
        super().__init__(label, [("yes", "Yes"), ("no", "No")], required, **kwargs)

    def answer(self):
        return {"yes": True, "no": False}.get(self.data)

    @classmethod
    def formdata_for(cls, name, value, unbound):
        if value is None:
            return []
        if not isinstance(value, bool):
            raise AnswerTypeError("must be true or false")
        return [(name, "yes" if value else "no")]

    def blank(self):
        return True  # blank documents show the optional part, for the reader to keep or strike


class MultiChoiceField(AnswerField, wtf.SelectMultipleField):
    """Checkboxes: any of the given (value, label) pairs. The answer is a list of values."""

    widget = GovCheckboxesInput()
    option_widget = None

    def __init__(self, label, choices, required=None, *, hint=None, error_name=None, **kw):
        self.choice_labels = dict(choices)
        self.invalid_message = required or f"Select {(error_name or label).lower()}"
        super().__init__(
            label,
            choices=_choices(choices),
            validators=[DataRequired(message=required)] if required else [Optional()],
            description=hint or "",
            **kw,
        )
        _init_common(self, error_name, None)

    def pre_validate(self, form):
        if any(value not in self.choice_labels for value in self.data or []):
            raise StopValidation(self.invalid_message)

    def answer(self):
        return list(self.data or [])

    @classmethod
    def formdata_for(cls, name, value, unbound):
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise AnswerTypeError("must be a list of the listed values")
        return [(name, item) for item in value]

    def blank(self):
        return list(self.choice_labels)


class ListField(AnswerField, wtf.FieldList):
    """A list the user can grow ("Add another") and shrink ("Remove").

    Entries are TextField, LongTextField or a FormField of a group form for repeating
    groups of questions. Empty entries are dropped, so an untouched extra box is not an
    answer. The answer is a list of strings, or of objects for groups.
    """

    def __init__(
        self,
        entry,
        label,
        required=None,
        *,
        hint=None,
        item_name="item",
        add_label=None,
        max_entries=30,
        **kwargs,
    ):
        self.required_message = required
        self.item_name = item_name
        self.add_label = add_label or f"Add another {item_name}"
        super().__init__(
            entry,
            label,
            min_entries=1,
            max_entries=max_entries,
            description=hint or "",
            **kwargs,
        )
        _init_common(self, None, None)

    def process(self, formdata, data=wtf.core.unset_value, extra_filters=None):
        # Entries bound before are kept aside and reused by _add_entry: binding a field is
        # most of what processing a list costs, and a bound entry is reset by its process().
        self._set_aside(getattr(self, "entries", []))
        super().process(formdata, data, extra_filters)
        if formdata is not None:
            self._drop_empty_entries()

    def _add_entry(self, formdata=None, data=wtf.core.unset_value, index=None):
        spares = getattr(self, "_spares", None)
        if not spares:
            return super()._add_entry(formdata, data, index)
        index = self.last_index + 1 if index is None else index
        self.last_index = index
        entry = spares.pop()
        _rename(entry, f"{self.name}-{index}", f"{self.short_name}-{index}")
        entry.process(formdata, data)
        _clear_errors(entry)
        self.entries.append(entry)
        return entry

    def forget(self):
        """Drop every value the list holds, keeping its bound entries for reuse."""
        self._set_aside(self.entries)
        self.entries = []

    def _set_aside(self, entries):
        for entry in entries:
            _forget_values(entry)  # a spare entry must carry nothing into its next use
        self._spares = [*entries, *getattr(self, "_spares", [])]

    def _drop_empty_entries(self):
        kept = [entry for entry in self.entries if not _is_empty(entry)]
        if len(kept) != len(self.entries):
            self.entries = kept or self.entries[:1]
            _renumber(self)

    def add_empty_entry(self):
        if len(self.entries) < self.max_entries:
            self.append_entry()

    def remove_entry(self, index):
        if 0 <= index < len(self.entries):
            del self.entries[index]
            if not self.entries:
                self.append_entry()
            _renumber(self)

    def validate(self, form, extra_validators=()):
        answered = [entry for entry in self.entries if not _is_empty(entry)]
        if not answered:
            if self.required_message:
                self.errors = [self.required_message]
                return False
            self.errors = []
            return True
        return super().validate(form, extra_validators)

    def answer(self):
        return [entry.answer() for entry in self.entries if not _is_empty(entry)]

    @classmethod
    def formdata_for(cls, name, value, unbound):
        if value is None:
            return []
        if not isinstance(value, list):
            raise AnswerTypeError("must be a list")
        entry = unbound.args[0]
        pairs = []
        for index, item in enumerate(value):
            pairs += entry.field_class.formdata_for(f"{name}-{index}", item, entry)
        return pairs

    def blank(self):
        return [self.entries[0].blank()] if self.entries else []


class GroupField(AnswerField, wtf.FormField):
    """One item of a repeating group: a small form of its own, answered as an object."""

    def answer(self):
        return {field.short_name: field.answer() for field in self.form if _answers(field)}

    @classmethod
    def formdata_for(cls, name, value, unbound):
        if not isinstance(value, dict):
            raise AnswerTypeError("must be an object")
        form_class = unbound.args[0]
        pairs = []
        for field_name, field in unbound_fields(form_class):
            pairs += field.field_class.formdata_for(
                f"{name}-{field_name}", value.get(field_name), field
            )
        return pairs

    def blank(self):
        return {field.short_name: field.blank() for field in self.form if _answers(field)}


def _answers(field):
    return isinstance(field, AnswerField)


def _clear_errors(field):
    if isinstance(field, GroupField):  # a group's errors are its fields' errors
        for sub in field.form:
            _clear_errors(sub)
    else:
        field.errors = []


def _forget_values(field):
    """Empty a bound field of what was typed into it, so a reused field carries nothing."""
    if isinstance(field, GroupField):
        for sub in field.form:
            _forget_values(sub)
        return
    if isinstance(field, ListField):
        field.forget()
    else:
        field.data = field.raw_data = field.object_data = None
    field.errors = field.process_errors = []


def forget_values(form):
    """Empty every field of a bound form (see `_forget_values`)."""
    for field in form:
        _forget_values(field)


def _is_empty(entry):
    if isinstance(entry, GroupField):
        return all(_is_empty(field) for field in entry.form if _answers(field))
    data = entry.data
    return data in (None, "", []) or (isinstance(data, str) and not data.strip())


def _renumber(field_list):
    """Give entries consecutive names again after adding or removing one."""
    for index, entry in enumerate(field_list.entries):
        new_name = f"{field_list.short_name}-{index}"
        _rename(entry, f"{field_list.name}-{index}", new_name)
    field_list.last_index = len(field_list.entries) - 1


def _rename(entry, name, short_name):
    entry.name = name
    entry.id = name
    entry.short_name = short_name
    if isinstance(entry, GroupField):
        for field in entry.form:
            field.name = f"{name}-{field.short_name}"
            field.id = field.name


@functools.cache
def unbound_fields(form_class):
    """(name, UnboundField) pairs of a form class in declaration order, without binding it.
    Cached: form classes are fixed at import, and every API request asks for them."""
    found = []
    for klass in reversed(form_class.__mro__):
        for name, value in vars(klass).items():
            if hasattr(value, "field_class") and hasattr(value, "creation_counter"):
                found.append((name, value))
    unique = dict(found)
    return tuple(sorted(unique.items(), key=lambda pair: pair[1].creation_counter))
