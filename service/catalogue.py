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

from service.fields import AnswerField
from service.steps import StepForm, unbound_fields

AUDIENCES = {
    "parent": "Parents and carers",
    "young-person": "Young people aged 16 to 25",
    "school": "Schools and SENCOs",
    "advice-service": "Advice services",
}


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
    # What the person receiving it would call it, for emails: titles speak to the writer
    # ("...to your child's school"), which reads wrongly to a head teacher.
    reader_title: str = ""
    template: str = ""  # its file in the catalogue's template folder; "<slug>.docx" by default

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
    def question_names(self):
        """Every question the document asks, on any step."""
        return frozenset(name for names in self.answer_names.values() for name in names)


def _question_names(step):
    """The names of a step's questions, read from the class without binding a form."""
    return tuple(
        name for name, field in unbound_fields(step) if issubclass(field.field_class, AnswerField)
    )


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

    def by_audience(self):
        """Documents grouped for the start page, in the order of AUDIENCES."""
        groups = []
        for key, heading in AUDIENCES.items():
            documents = [d for d in self.documents.values() if key in d.audience]
            if documents:
                groups.append((key, heading, documents))
        return groups
