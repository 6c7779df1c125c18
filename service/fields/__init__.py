"""Field types for document forms: each question type in one class, with everything the web
journey, the API, check your answers and flat values (spreadsheets) need of it."""

from service.fields.base import (
    DEFAULT_MAX_LENGTH,
    NOT_GIVEN,
    SHORT_MAX_LENGTH,
    AnswerField,
    AnswerTypeError,
    InvalidAnswer,
    Varies,
    XmlSafe,
    resolve,
)
from service.fields.choices import ChoiceField, MultiChoiceField, YesNoField
from service.fields.date_input import After, DateField
from service.fields.lists import GroupField, ListField
from service.fields.text import (
    DeliverableEmail,
    EmailField,
    LongTextField,
    MoneyField,
    NumberField,
    PhoneField,
    TextField,
)

__all__ = [
    "DEFAULT_MAX_LENGTH",
    "NOT_GIVEN",
    "SHORT_MAX_LENGTH",
    "After",
    "AnswerField",
    "AnswerTypeError",
    "ChoiceField",
    "DateField",
    "DeliverableEmail",
    "EmailField",
    "GroupField",
    "InvalidAnswer",
    "ListField",
    "LongTextField",
    "MoneyField",
    "MultiChoiceField",
    "NumberField",
    "PhoneField",
    "TextField",
    "Varies",
    "XmlSafe",
    "YesNoField",
    "resolve",
]
