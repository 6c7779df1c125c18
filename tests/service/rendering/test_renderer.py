"""DocumentRenderer: one compiled template per (file, title), compiled once, shared."""

import io
import threading
from dataclasses import dataclass

import docx
import pytest

from service.rendering import DOCX_MIMETYPE, CompiledTemplate, DocumentRenderer
from tests.service.rendering import builders


@dataclass(frozen=True)
class Document:
    template: str
    title: str | None


@pytest.fixture
def template(tmp_path):
    builders.build_footnotes(tmp_path / "note.docx")
    return "note.docx"


@pytest.fixture
def renderer(tmp_path):
    return DocumentRenderer(tmp_path)


def test_mimetype():
    assert DOCX_MIMETYPE == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_render_variables_and_cache(template, renderer):
    document = Document(template, "A note")
    compiled = renderer.compiled(document)
    assert isinstance(compiled, CompiledTemplate)
    assert renderer.compiled(Document(template, "A note")) is compiled
    assert renderer.variables(document) == {"subject", "source"}
    data = renderer.render(document, {"subject": "Zoë & Co", "source": "<the law>"})
    parsed = docx.Document(io.BytesIO(data))
    assert parsed.paragraphs[0].text == "Claim about Zoë & Co"
    assert parsed.core_properties.title == "A note"


def test_a_different_title_is_a_different_compiled_template(template, renderer):
    first = renderer.compiled(Document(template, "One"))
    second = renderer.compiled(Document(template, "Two"))
    assert first is not second
    assert (first.title, second.title) == ("One", "Two")


def test_compiles_once_under_concurrent_first_use(template, renderer, monkeypatch):
    calls = []
    original = CompiledTemplate.from_path.__func__

    def counting(cls, path, *, title=None):
        calls.append(path)
        return original(cls, path, title=title)

    monkeypatch.setattr(CompiledTemplate, "from_path", classmethod(counting))
    document = Document(template, None)
    barrier = threading.Barrier(8)
    outputs = []

    def work():
        barrier.wait()
        outputs.append(renderer.render(document, {"subject": "s", "source": "t"}))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(outputs) == 8
    assert len(set(outputs)) == 1


def test_templates_are_found_in_the_folder_it_is_given(template, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    builders.build_footnotes(other / "note.docx")
    first = DocumentRenderer(tmp_path).compiled(Document(template, None))
    second = DocumentRenderer(other).compiled(Document(template, None))
    assert first is not second
