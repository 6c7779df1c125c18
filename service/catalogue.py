"""Document types and the registry built from `forms.CATALOGUE`.

A document type is declarative: its steps (form classes), its Word template, how answers
become template variables, and realistic example answers. Nothing here knows any one document.
"""

import functools
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from service.fields import AnswerField, AnswerTypeError, forget_values, unbound_fields

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates_docx"

AUDIENCES = {
    "parent": "Parents and carers",
    "young-person": "Young people aged 16 to 25",
    "school": "Schools and SENCOs",
    "advice-service": "Advice services",
}


class StepForm(FlaskForm):
    """One page of a journey. The slug is the URL, the endpoint and the storage key."""

    slug: ClassVar[str]
    title: ClassVar[str]
    hint: ClassVar[str] = ""

    @classmethod
    def should_show(cls, answers):
        """Whether this step applies, given the answers to the steps before it."""
        return True

    def answers(self):
        return {f.name: f.answer() for f in self if isinstance(f, AnswerField)}


class Prompt(str):
    """A bracketed prompt standing in for an answer in a blank document."""

    __slots__ = ()


def is_prompt(value):
    return isinstance(value, Prompt)


@dataclass(frozen=True)
class DocumentType:
    slug: str
    title: str
    summary: str  # one line on the start page: when to use it
    needs: str  # one line on the start page: what you will need
    audience: tuple[str, ...]
    steps: tuple[type[StepForm], ...]
    template: str
    build_context: Callable[[dict], dict]
    filename: Callable[[dict], str]
    example: dict[str, Any] = field(default_factory=dict)
    next_steps: tuple[str, ...] = ()  # what to do with the document, shown when it is ready
    # What the person receiving it would call it, for emails: titles speak to the writer
    # ("...to your child's school"), which reads wrongly to a head teacher.
    reader_title: str = ""

    @property
    def name_for_reader(self):
        return self.reader_title or self.title

    def __post_init__(self):
        slugs = [step.slug for step in self.steps]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"{self.slug}: step slugs must be unique")
        names = [name for step in self.steps for name, _ in unbound_fields(step)]
        names = [name for name in names if name != "csrf_token"]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.slug}: field names must be unique within a document")
        unknown = set(self.audience) - set(AUDIENCES)
        if unknown:
            raise ValueError(f"{self.slug}: unknown audience {sorted(unknown)}")

    @property
    def template_path(self):
        return TEMPLATES_DIR / self.template

    def step(self, slug):
        for step in self.steps:
            if step.slug == slug:
                return step
        return None

    def field_names(self, step):
        return [name for name, _ in unbound_fields(step)]

    @functools.cached_property
    def answer_names(self):
        """step -> the names of its answers (its fields, the CSRF token aside)."""
        return {
            step: tuple(name for name, _ in unbound_fields(step) if name != "csrf_token")
            for step in self.steps
        }


class Catalogue:
    def __init__(self, documents):
        self.documents = {document.slug: document for document in documents}

    def get(self, slug):
        return self.documents.get(slug)

    def __iter__(self):
        return iter(self.documents.values())

    def by_audience(self):
        """Documents grouped for the start page, in the order of AUDIENCES."""
        groups = []
        for key, heading in AUDIENCES.items():
            documents = [d for d in self.documents.values() if key in d.audience]
            if documents:
                groups.append((key, heading, documents))
        return groups


def step_form(step, stored=None, *, csrf=True):
    """A step's form filled from stored answers, as if the user had posted them."""
    meta = {} if csrf else {"csrf": False}
    if stored is None:
        return step(formdata=None, meta=meta)
    return step(formdata=answers_to_formdata(step, stored), meta=meta)


def answers_to_formdata(step, answers):
    pairs = []
    for name, unbound in unbound_fields(step):
        if name in answers:
            pairs += unbound.field_class.formdata_for(name, answers[name], unbound)
    return MultiDict(pairs)


@dataclass
class Validated:
    answers: dict  # the answers of the steps that apply, as the forms cleaned them
    errors: dict  # field name -> [messages], in the order the pages ask


def visible_steps(document, answers_by_step):
    """Steps that apply, each judged on the answers to the steps before it."""
    effective = {}
    visible = []
    for step in document.steps:
        if step.should_show(effective):
            visible.append(step)
            effective.update(answers_by_step.get(step.slug, {}))
    return visible, effective


class _FormPool(threading.local):
    """Bound step forms, reused by `validate_answers`, one set per thread.

    Binding WTForms fields is most of the cost of validating a whole answers object (the API
    validates every step per request), and `process()` resets a bound form completely. Each
    form is emptied after use, so no answer outlives its request.
    """

    def __init__(self):
        self.forms = {}

    @contextmanager
    def filled(self, step, given):
        form = self.forms.pop(step, None) or step(formdata=None, meta={"csrf": False})
        try:
            form.process(answers_to_formdata(step, given))
            yield form
        finally:
            forget_values(form)
            self.forms[step] = form


_pool = _FormPool()


def validate_answers(document, answers):
    """Validate a whole answers object through the step forms (API, CLI, bulk)."""
    errors = {}
    effective = {}
    for step, names in document.answer_names.items():
        if not step.should_show(effective):
            continue
        given = {name: answers[name] for name in names if name in answers}
        try:
            with _pool.filled(step, given) as form:
                if form.validate():
                    effective.update(form.answers())
                else:
                    for name, messages in _flat_errors(form).items():
                        errors.setdefault(name, []).extend(messages)
                    effective.update({k: v for k, v in form.answers().items() if k not in errors})
        except AnswerTypeError as error:
            name = _field_of_type_error(step, given)
            errors.setdefault(name, []).append(f"{name} {error}")

    known = {name for names in document.answer_names.values() for name in names}
    for name in answers:
        if name not in known:
            errors.setdefault(name, []).append(f"{name} is not a question in this document")
    return Validated(answers=effective, errors=errors)


def _field_of_type_error(step, given):
    for name, unbound in unbound_fields(step):
        if name in given:
            try:
                unbound.field_class.formdata_for(name, given[name], unbound)
            except AnswerTypeError:
                return name
    return step.slug


def _flat_errors(form):
    """Errors keyed by field name; those of list entries stay with their list, first first."""
    flat = {}
    for field_ in form:
        if field_.name == "csrf_token" or not field_.errors:
            continue
        flat[field_.name] = list(_messages(field_.errors))
    return flat


def _messages(errors):
    if isinstance(errors, dict):
        for value in errors.values():
            yield from _messages(value)
    elif isinstance(errors, list | tuple):
        for value in errors:
            yield from _messages(value)
    elif errors:
        yield errors


def blank_answers(document):
    """Answers made of bracketed prompts, for printable templates."""
    answers = {}
    for step in document.steps:
        form = step_form(step, csrf=False)
        for field_ in form:
            if isinstance(field_, AnswerField):
                answers[field_.name] = _as_prompts(field_.blank())
    return answers


def _as_prompts(value):
    if isinstance(value, str):
        return Prompt(value)
    if isinstance(value, list):
        return [_as_prompts(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_prompts(item) for key, item in value.items()}
    return value
