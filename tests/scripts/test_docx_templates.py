"""templates_docx/ holds exactly what scripts/docx_templates writes, for every template."""

import io

import pytest

from forms import CATALOGUE
from scripts.docx_templates import builders
from scripts.docx_templates.styles import TEMPLATES_DIR, save_reproducibly

BUILDERS = builders()


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_committed_template_is_what_the_builder_makes(name):
    buffer = io.BytesIO()
    save_reproducibly(BUILDERS[name](), buffer)
    assert buffer.getvalue() == (TEMPLATES_DIR / name).read_bytes(), (
        f"run: .venv/bin/python -m scripts.docx_templates {name}"
    )


def test_every_document_has_a_builder():
    assert {document.template for document in CATALOGUE} <= set(BUILDERS)
