"""docs/law.md and docs/glossary.md are exactly what scripts/docs.py makes from the code."""

import pytest

from forms import law
from scripts.docs import DOCS, PAGES


@pytest.mark.parametrize("name", sorted(PAGES))
def test_docs_are_current(name):
    assert (DOCS / name).read_text(encoding="utf-8") == PAGES[name](), (
        f"docs/{name} is out of date: run .venv/bin/python -m scripts.docs"
    )


def test_the_law_register_page_names_every_citation_and_how_sure_it_is():
    page = PAGES["law.md"]()
    for citation in law.CITATIONS.values():
        assert citation.source in page
        assert citation.checked in page
    assert "/work/" not in page
