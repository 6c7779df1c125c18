"""The docx engine: Word templates compiled once per process and rendered many times.

`DocumentRenderer(templates)` is the process-wide cache the app keeps in
`app.extensions["renderer"]`, for the Word templates in the folder `templates`:

    renderer.render(document, context) -> bytes   # the finished .docx
    renderer.render(document, context, answers_xml=answers_part.item_xml(slug, answers))
                                                  # the same, carrying its answers
    renderer.compiled(document) -> CompiledTemplate
    renderer.variables(document) -> frozenset[str]  # what the template asks for

`document` is anything with `.template` (a file in the folder) and `.title` (the core property
title, or None to keep the template's). The output equals what plain docxtpl gives with
`autoescape=True` in text and structure; compiled.py lists where it deliberately differs.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

# The one variable every template may read that no document's context gives: the line an
# advice service chose for the foot of the documents made with its help (service/documents.py
# adds it, "" for none). The templates' footers print it only when there is one.
ORGANISATION_LINE = "organisation_line"

from service.rendering.compiled import (  # noqa: E402 (after the name its users import)
    CompiledTemplate,
    InvalidCharacterError,
    MalformedOutputError,
    RenderingError,
    TemplateCompileError,
)

__all__ = [
    "DOCX_MIMETYPE",
    "ORGANISATION_LINE",
    "CompiledTemplate",
    "DocumentRenderer",
    "InvalidCharacterError",
    "MalformedOutputError",
    "RenderingError",
    "TemplateCompileError",
]

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class RenderableDocument(Protocol):
    @property
    def template(self) -> str: ...

    @property
    def title(self) -> str | None: ...


class DocumentRenderer:
    """Compiled templates by (template file, title), compiled on first use.

    Safe to share between threads: lookups take no lock; a template is compiled at most once,
    under a lock, and compiled templates are immutable.
    """

    def __init__(self, templates: str | Path):
        self.templates = Path(templates)
        self._compiled: dict[tuple[Path, str | None], CompiledTemplate] = {}
        self._lock = threading.Lock()

    def compiled(self, document: RenderableDocument) -> CompiledTemplate:
        key = (self.templates / document.template, document.title)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key)
                if compiled is None:
                    compiled = CompiledTemplate.from_path(key[0], title=key[1])
                    self._compiled[key] = compiled
        return compiled

    def render(
        self,
        document: RenderableDocument,
        context: Mapping[str, Any],
        *,
        answers_xml: bytes | None = None,
    ) -> bytes:
        return self.compiled(document).render(context, answers_xml=answers_xml)

    def variables(self, document: RenderableDocument) -> frozenset[str]:
        return self.compiled(document).variables
