"""A GOV.UK date input, and checks that put dates in order, within a step or across steps."""

import datetime
import re

from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import fields as wtf
from wtforms.validators import StopValidation, ValidationError

from service import dates
from service.fields import date_parts
from service.fields.base import (
    NOT_GIVEN,
    AnswerField,
    AnswerTypeError,
    InvalidAnswer,
    Required,
    Varies,
    resolve,
)

_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")

# One example for each kind of date, shown in its hint and in its "real date" message alike.
# A date in the past (a date of birth, a day something happened) has the Design System's
# own; any other date is one in the coming year, so a date to plan never reads as past.
PAST_EXAMPLE = datetime.date(2007, 3, 27)


def upcoming_example():
    return datetime.date(dates.today().year + 1, 3, 27)


def example_text(day):
    """A date as typed in the boxes: '27 3 2007'."""
    return f"{day.day} {day.month} {day.year}"


class DateInput(GovDateInput):
    """GovDateInput with the error colour on the boxes at fault only: a missing month marks
    the month, a date of birth in the future all three."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        faulty = field.faulty_parts()
        for part, item in zip(date_parts.PARTS, params["items"], strict=True):
            width = "govuk-input--width-4" if part == "year" else "govuk-input--width-2"
            item["id"] = f"{field.id}-{part}"
            item["classes"] = f"{width} govuk-input--error" if part in faulty else width
            if getattr(field, "autocomplete", None):  # "bday": the user's own date of birth
                item["autocomplete"] = f"{field.autocomplete}-{part}"
        return params


class DateField(AnswerField, wtf.DateField):
    """A GOV.UK date input. The answer is an ISO date string.

    It reads month names ("May", "Sept") as well as numbers, and spaces round any part;
    what was typed is shown back as it was typed. Each problem has its own message, and
    marks only the boxes at fault. The hint ends with the example date its messages give.
    """

    widget = DateInput()
    type_name = "date"
    macro = "fieldset"
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
        not_after_today=False,
        not_before_today=False,
        checks=(),
        autocomplete=None,
        **kwargs,
    ):
        validators = [Required()]
        if not_after_today:
            validators.append(_not_after_today)
        if not_before_today:
            validators.append(_not_before_today)
        super().__init__(None, validators=[*validators, *checks], format="%d %m %Y", **kwargs)
        self.example = PAST_EXAMPLE if not_after_today else upcoming_example()
        self._setup(
            label,
            required=required,
            hint=_with_example(hint, example_text(self.example)),
            error_name=error_name,
            prompt=prompt,
            asked=asked,
            autocomplete=autocomplete,
        )

    @property
    def invalid_message(self):
        return f"{self.error_name} must be a real date, like {example_text(self.example)}"

    def problem_message(self, kind, parts):
        """The message for what is wrong with the typed date (date_parts' kinds)."""
        if kind == date_parts.MISSING:
            return f"{self.error_name} must include {date_parts.missing_words(parts)}"
        if kind == date_parts.YEAR_DIGITS:
            return f"{self.error_name} must have 4 numbers in the year, like {self.example.year}"
        return self.invalid_message

    def process_formdata(self, valuelist):
        # GovDateInput posts day, month and year under one name. A post with fewer parts
        # (a hand-made request, a lost input) reads as one with those parts left empty: an
        # error message, not a crash. What was typed stays as typed, to be shown back.
        self.data = None
        if not valuelist:
            self.raw_data = None
            return
        self.raw_data = [*list(valuelist)[:3], "", "", ""][:3]
        if len(valuelist) > len(date_parts.PARTS):
            raise ValueError(self.invalid_message)
        reading = date_parts.read(*self.raw_data)
        if reading.kind == date_parts.EMPTY:
            return  # no answer: Required says whether one is needed
        if reading.kind:
            raise ValueError(self.problem_message(reading.kind, reading.parts))
        self.data = reading.date

    def faulty_parts(self):
        """The boxes an error is about: those a problem in the typing names, or all three
        for a date that is real but not allowed here (in the future, say)."""
        if not self.errors:
            return ()
        reading = date_parts.read(*self.raw_data) if self.raw_data else None
        if reading is None or reading.kind is None:
            return date_parts.PARTS
        return reading.parts

    def pre_validate(self, form):
        # A date that failed to parse has already said why; don't add "Enter ..." as well.
        if self.process_errors:
            raise StopValidation()

    def has_value(self):
        """A date, or any box typed in: a date half typed ("4 May") or not real (31 2 2024) is
        an answer to put right, not an empty entry for a list to drop without a word."""
        if self.data is not None:
            return True
        return any(isinstance(part, str) and part.strip() for part in self.raw_data or ())

    def answer(self):
        return self.data.isoformat() if self.data else None

    def formdata(self, value, name=None):
        if value in (None, ""):
            return []
        if not isinstance(value, str):
            raise AnswerTypeError("must be a date in the form YYYY-MM-DD")
        try:
            parsed = datetime.date.fromisoformat(value)
        except ValueError as error:
            raise AnswerTypeError("must be a date in the form YYYY-MM-DD") from error
        name = name or self.name
        return [(name, str(parsed.day)), (name, str(parsed.month)), (name, str(parsed.year))]

    def flat_value(self, text):
        """YYYY-MM-DD, or DD/MM/YYYY as UK spreadsheets write dates."""
        try:
            uk = _UK_DATE.fullmatch(text)
            if uk:
                day, month, year = (int(part) for part in uk.groups())
                return datetime.date(year, month, day).isoformat()
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError as error:
            raise InvalidAnswer(
                f"{self.error_name} must be a real date, like 27/03/2015 or 2015-03-27"
            ) from error

    def blank(self):
        return f"[{self.prompt or 'date'}]"

    def json_schema(self):
        date = {"type": "string", "format": "date"}
        return {"anyOf": [date, {"enum": ["", None]}], "description": "YYYY-MM-DD"}

    def summary_html(self):
        return dates.long_date(self.data) if self.data else NOT_GIVEN

    @property
    def first_input_id(self):
        # An input, so focus lands in a box: the first one at fault when there is an error.
        faulty = self.faulty_parts()
        return f"{self.id}-{faulty[0] if faulty else 'day'}"


def _with_example(hint, example):
    """The hint, if any, then 'For example, 27 3 2007': the one example the field uses."""

    def joined(text):
        return f"{text} For example, {example}" if text else f"For example, {example}"

    if isinstance(hint, Varies):
        return Varies(lambda answers: joined(resolve(hint, answers)))
    return joined(hint)


def _not_after_today(_form, field):
    if field.data and field.data > dates.today():
        raise ValidationError(f"{field.error_name} must be today or in the past")


def _not_before_today(_form, field):
    if field.data and field.data < dates.today():
        raise ValidationError(f"{field.error_name} must be today or in the future")


class After:
    """A date that must come after another: a field of the same form, or the answer to an
    earlier step. `message` may use {date}, the other date as a reader writes it. Nothing is
    said when the other date is missing: its own question says so."""

    def __init__(self, other, message, *, or_same_day=False):
        self.other, self.message, self.or_same_day = other, message, or_same_day

    def __call__(self, form, field):
        other = self.other_date(form, field)
        if field.data is None or other is None:
            return
        if field.data < other or (field.data == other and not self.or_same_day):
            raise ValidationError(self.message.format(date=dates.long_date(other)))

    def other_date(self, form, field):
        if self.other in form:
            return form[self.other].data
        value = field.earlier.get(self.other)
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
