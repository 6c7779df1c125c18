"""Steps: one page of a journey each, a form that can see the answers to the steps before it.

A step is a WTForms form class with a slug (its URL, endpoint and storage key), a title, an
optional hint and `should_show(answers)`. Its form is built with `earlier`, the answers to
the steps before it, so that its labels, its validators and which questions it asks can
follow them (a label in the voice of whoever is writing; a date that must come after one
given earlier).
"""

import functools
from typing import ClassVar

from flask_wtf import FlaskForm
from wtforms.fields.core import UnboundField

from service.fields import AnswerField, AnswerTypeError, resolve
from service.fields.base import NO_ANSWERS, summary_item


class Posted(dict):
    """Form data as a browser would post it, name -> [values], with what WTForms reads of
    werkzeug's MultiDict (`in`, `getlist`, the names) and quicker to build: the API builds
    one for every step on every request."""

    __slots__ = ()

    def getlist(self, name):
        return list(self.get(name, ()))


class QuestionForm(FlaskForm):
    """A form of questions (AnswerFields), some of which may not be asked this time."""

    def answer_fields(self):
        """Every question of the form, whether or not it is asked this time."""
        return [field for field in self if isinstance(field, AnswerField)]

    def fields_asked(self):
        return [field for field in self.answer_fields() if field.asked]

    def validate(self, extra_validators=None):
        """WTForms' validation, for the questions asked only."""
        success = True
        for name, field in self._fields.items():
            if isinstance(field, AnswerField) and not field.asked:
                field.errors = []
                continue
            if not field.validate(self, _inline_validators(type(self), name)):
                success = False
        return success

    def error_items(self):
        """The error summary's items, each linked to the input it is about; a timed-out
        security token first, since it is about the whole page."""
        items = [item for field in self.fields_asked() for item in field.error_items()]
        token = self._fields.get("csrf_token")
        if token is not None and token.errors:
            items.insert(0, summary_item(token.errors[0], token.id))
        return items


class StepForm(QuestionForm):
    """One page of a journey. The slug is the URL, the endpoint and the storage key."""

    slug: ClassVar[str]
    title: ClassVar = ""  # text, or a Varies worked out from earlier answers
    hint: ClassVar = ""
    show_if: ClassVar = None  # answers -> bool; None: the step always applies
    earlier = NO_ANSWERS  # the answers to the steps before, given to each form

    def __init__(self, *args, earlier=None, **kwargs):
        self.earlier = NO_ANSWERS if earlier is None else earlier
        super().__init__(*args, **kwargs)

    def process(self, *args, **kwargs):
        # Adapted first: what is typed is read with the labels and names the page shows.
        self.adapt(self.earlier)
        super().process(*args, **kwargs)

    def refill(self, formdata, earlier):
        """Reuse this form for another set of answers, seeing `earlier` answers.

        What `process(formdata)` does, less what only other uses of a form need (object
        data, keyword data, `filter_<name>` methods, which no step has): the API refills
        every step's form on every request."""
        if _inline_filters(type(self)):
            self.earlier = earlier
            self.process(formdata)
            return
        self.adapt(earlier)
        formdata = self.meta.wrap_formdata(self, formdata)
        for field in self._fields.values():
            field.process(formdata)
        self.post_process(formdata)

    @classmethod
    def should_show(cls, answers):
        """Whether this step applies, given the answers to the steps before it."""
        return cls.show_if is None or cls.show_if(answers)

    def answer_fields(self):
        # A step's fields are fixed once bound, and every use of the form walks them.
        fields = self.__dict__.get("_answer_fields")
        if fields is None:
            fields = self.__dict__["_answer_fields"] = super().answer_fields()
        return fields

    @classmethod
    def prototype(cls):
        """A form of this step bound once and never filled, for describing its questions and
        converting answers. Shared by every request: only read, never adapted or filled."""
        form = cls.__dict__.get("_prototype")
        if form is None:
            form = cls(formdata=None, meta={"csrf": False})
            cls._prototype = form
        return form

    def adapt(self, earlier):
        """Work out the title, hint and questions from the answers to the steps before."""
        self.earlier = earlier
        self.title = resolve(type(self).title, earlier)
        self.hint = resolve(type(self).hint, earlier)
        for field in self.answer_fields():
            field.adapt(earlier)

    def answers(self):
        return {field.short_name: field.answer() for field in self.fields_asked()}

    def apply_list_action(self, action):
        """`add:<field>` or `remove:<field>:<index>` from an add-another list's buttons, which
        work without JavaScript. The ListChange made, or None: anything else does nothing."""
        verb, _, rest = action.partition(":")
        name, _, index = rest.partition(":")
        field = self._fields.get(name)
        if isinstance(field, AnswerField) and field.asked:
            return field.list_action(verb, index)
        return None

    def formdata_for(self, answers):
        """What a browser would post to give these JSON answers."""
        posted = Posted()
        for field in self.answer_fields():
            if field.short_name in answers:
                try:
                    pairs = field.formdata(answers[field.short_name])
                except AnswerTypeError as error:
                    raise AnswerTypeError(f"{field.short_name} {error}", field.short_name) from None
                for name, value in pairs:
                    posted.setdefault(name, []).append(value)
        return posted

    def forget(self):
        """Empty every question of what was typed and what came before."""
        for field in self.answer_fields():
            field.forget()
            field.earlier = NO_ANSWERS
        self.earlier = NO_ANSWERS


def make_step(slug, title, *, hint="", show_if=None, **fields):
    """A step class from its slug, title and questions, asked in the order given here (not
    the order the fields were made in, as WTForms would have it: shared steps add questions
    a document made first)."""
    for field in fields.values():
        UnboundField.creation_counter += 1
        field.creation_counter = UnboundField.creation_counter
    namespace = {"slug": slug, "title": title, "hint": hint, **fields}
    if show_if is not None:
        namespace["show_if"] = staticmethod(show_if)
    class_name = "".join(part.title() for part in slug.split("-")) + "Step"
    return type(class_name, (StepForm,), namespace)


def step_form(step, stored=None, *, earlier=None, csrf=True):
    """A step's form filled from stored answers, as if the user had posted them."""
    meta = {} if csrf else {"csrf": False}
    formdata = None if stored is None else step.prototype().formdata_for(stored)
    return step(formdata=formdata, meta=meta, earlier=earlier)


@functools.cache
def _inline_validators(form_class, name):
    """The form's own `validate_<name>` method as WTForms' extra validators, looked up once."""
    inline = getattr(form_class, f"validate_{name}", None)
    return (inline,) if inline else ()


@functools.cache
def _inline_filters(form_class):
    """Whether a form class has WTForms' inline `filter_<name>` methods."""
    return any(name.startswith("filter_") for name in dir(form_class))


@functools.cache
def unbound_fields(form_class):
    """(name, UnboundField) pairs of a form class in declaration order, without binding it.
    Cached: form classes are fixed at import."""
    found = {}
    for klass in reversed(form_class.__mro__):
        for name, value in vars(klass).items():
            if hasattr(value, "field_class") and hasattr(value, "creation_counter"):
                found[name] = value
            else:  # a subclass that sets a field to None (or anything else) removes it
                found.pop(name, None)
    return tuple(sorted(found.items(), key=lambda pair: pair[1].creation_counter))
