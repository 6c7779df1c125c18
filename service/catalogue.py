"""Document types, and the catalogue of them the engine is handed.

A document type is declarative: its steps (forms), its Word template, how answers become
template variables, and realistic example answers. Nothing here knows any one document.
"""

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.fields import AnswerField, GroupField, ListField, LongTextField
from service.steps import StepForm, unbound_fields

# Who a document is for, as the start page says it: "For parents and carers and school staff."
AUDIENCES = {
    "parent": "parents and carers",
    "young-person": "young people aged 16 to 25",
    "school": "school staff",
    "advice-service": "advice services",
}


@dataclass(frozen=True)
class Section:
    """A part of the start page, for some of the audiences."""

    key: str  # its id on the page, for the links that jump to it
    heading: str
    audience: tuple[str, ...]


# Each document is listed once, in the first section for any of its audiences; a later section
# for another of them links to it, so nobody has to scroll past other people's documents.
SECTIONS = (
    Section("for-families", "For parents, carers and young people", ("parent", "young-person")),
    Section("for-schools", "For schools", ("school",)),
    Section("for-advice-services", "For advice services", ("advice-service",)),
)

# How long one answer takes, for the time each document says it takes: choosing an option or
# typing a short answer, and writing something in your own words. On the slow side on purpose:
# many people answer on a phone, and stop to find a date or a letter. An add-another list is
# counted as LIST_ENTRIES entries.
SHORT_ANSWER_SECONDS = 20
WRITTEN_ANSWER_SECONDS = 120
LIST_ENTRIES = 2


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
    build_context: Callable[[dict], dict]
    filename: Callable[[dict], str]
    # Realistic answers: a dict, or a function giving them afresh (so examples can be dated
    # relative to today, and a caller changing its copy changes nothing else).
    example_source: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)
    next_steps: tuple[str, ...] = ()  # what to do with the document, shown when it is ready
    # Where to get free advice about what comes next, the last of the next steps. On an
    # advice service's pages its own helpline stands in its place: families who came through
    # it are not sent to other organisations.
    advice: str = ""
    # What the person receiving it would call it, for emails: titles speak to the writer
    # ("...to your child's school"), which reads wrongly to a head teacher.
    reader_title: str = ""
    template: str = ""  # its file in the catalogue's template folder; "<slug>.docx" by default
    # The dates it works out from the answers (deadlines, the letter's own date), as (label,
    # value) rows for check your answers: nobody should first meet a deadline in the letter.
    worked_out: Callable[[dict], list[tuple[str, str]]] | None = None
    # The dates to remember from the answers, for a calendar file and the done page: objects
    # with `key`, `day` (a date), `title`, `action` and `cites` (e.g. forms.reminders).
    reminders: Callable[[dict], list[Any]] | None = None
    # The documents that can follow it (e.g. forms.follow_ons): objects with `target` (a
    # slug), `offer(answers)`, `after` (a reminder key or None), `carry(answers)` (answers
    # beyond the shared facts, or None) and `applies(answers)`; service/carry.py uses them.
    follow_ons: tuple[Any, ...] = ()
    # Documents made for a whole register (service/bulk): `bulk_flat(flat)` turns a row's flat
    # values the document reads in bulk only (such as a provision's minutes and hourly cost)
    # into its questions' own, as (flat, errors): errors are {column: [message]} for values it
    # cannot read, reported with the row like the forms' own; `bulk_files(made)` gives the
    # extra files for the ZIP, as (name, bytes), from (where, answers) for every document
    # made: where is "Row 14", say, and the answers those the register gave.
    bulk_flat: Callable[[dict], tuple[dict, dict[str, list[str]]]] | None = None
    # The parts of list items only a register gives, for `bulk_flat` to read, by list:
    # {"provision": ("minutes", ...)}. Templates offer them; they are not unknown columns.
    bulk_extras: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Answers usually the same for every pupil of a register (the school, the SENCO, the
    # term's dates), asked once on the whole-register pages rather than needing a column.
    bulk_shared: tuple[str, ...] = ()
    bulk_files: Callable[[list], list[tuple[str, bytes]]] | None = None

    @property
    def example(self) -> dict[str, Any]:
        source = self.example_source
        return source() if callable(source) else copy.deepcopy(source)

    @property
    def name_for_reader(self):
        return self.reader_title or self.title

    def __post_init__(self):
        if not self.template:
            object.__setattr__(self, "template", f"{self.slug}.docx")
        slugs = [step.slug for step in self.steps]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"{self.slug}: step slugs must be unique")
        names = [name for names in self.answer_names.values() for name in names]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.slug}: field names must be unique within a document")
        # A field is an attribute of its form, so it must not hide one the engine uses.
        clashes = sorted(name for name in names if hasattr(StepForm, name))
        if clashes:
            raise ValueError(f"{self.slug}: field names {clashes} clash with the step form's")
        unknown = set(self.audience) - set(AUDIENCES)
        if unknown:
            raise ValueError(f"{self.slug}: unknown audience {sorted(unknown)}")

    def step(self, slug):
        for step in self.steps:
            if step.slug == slug:
                return step
        return None

    def field_names(self, step):
        return self.answer_names[step]

    @functools.cached_property
    def answer_names(self):
        """step -> the names of its questions, in page order."""
        return {step: _question_names(step) for step in self.steps}

    @functools.cached_property
    def question_fields(self):
        """name -> field of every question, in page order, as the steps' prototypes (bound
        once, never filled) hold them: what kind of answer each is, its label, its parts."""
        return {
            field.short_name: field
            for step in self.steps
            for field in step.prototype().answer_fields()
        }

    @functools.cached_property
    def question_names(self):
        """Every question the document asks, on any step."""
        return frozenset(name for names in self.answer_names.values() for name in names)

    @property
    def for_whom(self):
        """Who it is for, in words: "parents and carers and young people aged 16 to 25"."""
        return _and([AUDIENCES[key] for key in self.audience])

    @functools.cached_property
    def minutes(self):
        """About how many minutes it takes to answer every question the document can ask,
        worked out from the questions themselves, so it changes when they do."""
        seconds = sum(_seconds(field) for step in self.steps for _, field in _answer_fields(step))
        return _rounded(seconds / 60)

    @property
    def time_text(self):
        """The time it takes, in words: "about 20 minutes", "about 1 hour 30 minutes"."""
        hours, minutes = divmod(self.minutes, 60)
        parts = [f"{hours} hour" + ("s" if hours > 1 else "")] if hours else []
        parts += [f"{minutes} minutes"] if minutes else []
        return "about " + " ".join(parts)


def _question_names(step):
    """The names of a step's questions, read from the class without binding a form."""
    return tuple(name for name, _ in _answer_fields(step))


def _answer_fields(form_class):
    return [
        (name, field)
        for name, field in unbound_fields(form_class)
        if issubclass(field.field_class, AnswerField)
    ]


def _seconds(field):
    """How long a question (an unbound field) takes to answer: a list is its entry counted
    LIST_ENTRIES times, and a group of questions the sum of its own."""
    kind = field.field_class
    if issubclass(kind, ListField):
        return LIST_ENTRIES * _seconds(field.args[0])
    if issubclass(kind, GroupField):
        return sum(_seconds(inner) for _, inner in _answer_fields(field.args[0]))
    if issubclass(kind, LongTextField):
        return WRITTEN_ANSWER_SECONDS
    return SHORT_ANSWER_SECONDS


def _rounded(minutes):
    """To the nearest 5 minutes under an hour, and the nearest 15 after: an estimate that
    looks exact would promise more than it knows."""
    step = 5 if minutes < 60 else 15
    return max(step, step * round(minutes / step))


def _and(words):
    """Words joined as a list is said; with a comma before the last "and" when a word has one
    already ("parents and carers, and young people")."""
    if len(words) == 1:
        return words[0]
    last = ", and " if any(" and " in word for word in words[:-1]) else " and "
    return ", ".join(words[:-1]) + last + words[-1]


class Catalogue:
    """The documents a running copy of the service offers, and the folder of their Word
    templates."""

    def __init__(self, documents, templates):
        self.documents = {document.slug: document for document in documents}
        self.templates = Path(templates)

    def get(self, slug):
        return self.documents.get(slug)

    def __iter__(self):
        return iter(self.documents.values())

    def template_path(self, document):
        return self.templates / document.template

    def sections(self):
        """The start page's sections that have documents: each section with the documents
        listed in it, and those listed in an earlier section that are also for its readers."""
        listed, sections = set(), []
        for section in SECTIONS:
            documents = [
                d for d in self.documents.values() if set(d.audience) & set(section.audience)
            ]
            own = [d for d in documents if d.slug not in listed]
            also = [d for d in documents if d.slug in listed]
            listed.update(d.slug for d in own)
            if own:
                sections.append((section, own, also))
        return sections
