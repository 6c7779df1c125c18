"""A GOV.UK date input, and checks that put dates in order, within a step or across steps."""

import datetime
import re

from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import fields as wtf
from wtforms.validators import StopValidation, ValidationError

from service import dates
from service.fields.base import NOT_GIVEN, AnswerField, AnswerTypeError, InvalidAnswer, Required

_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class DateField(AnswerField, wtf.DateField):
    """A GOV.UK date input. The answer is an ISO date string."""

    widget = GovDateInput()
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
        **kwargs,
    ):
        validators = [Required()]
        if not_after_today:
            validators.append(_not_after_today)
        if not_before_today:
            validators.append(_not_before_today)
        super().__init__(None, validators=[*validators, *checks], format="%d %m %Y", **kwargs)
        self._setup(
            label, required=required, hint=hint, error_name=error_name, prompt=prompt, asked=asked
        )

    @property
    def invalid_message(self):
        return f"{self.error_name} must be a real date, like 27 3 2015"

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
        except (ValueError, OverflowError) as error:  # a day of 20 digits overflows
            self.data = None
            raise ValueError(self.invalid_message) from error

    def pre_validate(self, form):
        # A date that failed to parse has already said why; don't add "Enter ..." as well.
        if self.process_errors:
            raise StopValidation()

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
        return f"{self.id}-day"  # the day box: focus must land on an input


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
