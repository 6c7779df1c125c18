"""Answers checked through the step forms: a whole answers object (API, command line, bulk) or
one step's stored answers (the journey); turned into bracketed prompts (blank documents), or
read from flat values (spreadsheets).

Each step is judged on the answers to the steps before it, as in the web journey: a step that
does not apply is neither required nor kept, and its questions see the earlier answers.
"""

import threading
from dataclasses import dataclass

from service.catalogue import Prompt
from service.fields import AnswerTypeError, InvalidAnswer


@dataclass
class Validated:
    answers: dict  # the answers of the steps that apply, as the forms cleaned them
    errors: dict  # field name -> [messages], in the order the pages ask


class _FormPool(threading.local):
    """Bound step forms, reused by `validate_answers`, one set per thread.

    Binding WTForms fields is most of the cost of validating a whole answers object (the API
    validates every step per request), and `process()` resets a bound form completely. Each
    form is emptied after use, so no answer outlives its request.
    """

    def __init__(self):
        self.forms = {}

    def take(self, step):
        """This thread's form of `step`, empty; give it back with `give_back`, in a
        `finally`. (Not a context manager: one costs more than the form's own work for a
        small step, and the API takes every step's form on every request.)"""
        return self.forms.pop(step, None) or step(formdata=None, meta={"csrf": False})

    def give_back(self, step, form):
        form.forget()
        self.forms[step] = form


_pool = _FormPool()


def checked_step_answers(step, stored, earlier):
    """A step's stored answers as its form cleans them, seeing the answers before it; None if
    they are no longer valid for those answers (an earlier answer changed since)."""
    form = _pool.take(step)
    try:
        form.refill(form.formdata_for(stored), earlier)
        return form.answers() if form.validate() else None
    except AnswerTypeError:
        return None
    finally:
        _pool.give_back(step, form)


def validate_answers(document, answers, *, answered_only=False, always=()):
    """Validate a whole answers object through the step forms. With `answered_only`, a step
    given no answer at all is passed over, unless it asks one of `always`: a register's row
    leaves most of a plan to write in, and such a step could only say its questions are
    unanswered."""
    errors = {}
    effective = {}
    for step, names in document.answer_names.items():
        if not step.should_show(effective):
            continue
        given = {name: answers[name] for name in names if name in answers}
        if answered_only and not given and not set(always) & set(names):
            continue
        form = _pool.take(step)
        try:
            form.refill(form.formdata_for(given), effective)
            if form.validate():
                effective.update(form.answers())
            else:
                found = _errors_by_name(form)
                for name, messages in found.items():
                    errors.setdefault(name, []).extend(messages)
                effective.update({k: v for k, v in form.answers().items() if k not in found})
        except AnswerTypeError as error:
            errors.setdefault(error.field, []).append(str(error))
        finally:
            _pool.give_back(step, form)

    for name in answers:
        if name not in document.question_names:
            errors.setdefault(name, []).append(f"{name} is not a question in this document")
    return Validated(answers=effective, errors=errors)


def _errors_by_name(form):
    """Errors keyed by question; those of list entries stay with their list, first first."""
    return {
        field.short_name: list(_messages(field.errors))
        for field in form.fields_asked()
        if field.errors
    }


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
    return {
        field.short_name: _as_prompts(field.blank())
        for step in document.steps
        for field in step.prototype().answer_fields()
    }


def _as_prompts(value):
    if isinstance(value, str):
        return Prompt(value)
    if isinstance(value, list):
        return [_as_prompts(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_prompts(item) for key, item in value.items()}
    return value


def flat_answers(document, flat):
    """(answers, errors) from a flat mapping of strings such as a spreadsheet row, read by
    each question by the README's conventions. The answers still need `validate_answers`."""
    answers, errors = {}, {}
    for step in document.steps:
        for field in step.prototype().answer_fields():
            try:
                value = field.from_flat(flat)
            except InvalidAnswer as error:
                errors[field.short_name] = [str(error)]
                continue
            if value is not None:
                answers[field.short_name] = value
    return answers, errors
