"""The engine is handed its content: it imports nothing from forms/, and an app built with a
small catalogue of its own, from a template folder of its own, works through the API and the
web journey alike."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.addresses import without_draft
from tests.service.own_document import document_text, own_app, post
from tests.service.steps_for_tests import First, Later, More

SERVICE = Path(__file__).resolve().parents[2] / "service"


def test_no_module_of_the_engine_imports_the_content():
    found = []
    for path in SERVICE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0] == "forms"]
    assert found == []


def test_importing_every_part_of_the_engine_loads_no_content():
    # Migrations are scripts Alembic runs by path, inside `flask db`; they import no content.
    modules = sorted(
        ".".join(path.relative_to(SERVICE.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in SERVICE.rglob("*.py")
        if path.relative_to(SERVICE).parts[0] != "migrations"
    )
    script = "import sys\n" + "".join(f"import {name}\n" for name in modules)
    script += (
        "assert not [m for m in sys.modules if m.split('.')[0] in ('forms', 'templates_docx')]"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=SERVICE.parent)


def build_context(answers):
    return {"name": answers["name"], "items": answers.get("items", []),
            "started": answers["started"], "ended": answers["ended"]}  # fmt: skip


TEMPLATE = (
    "{{ name }}",
    "{%p for item in items %}",
    "Item: {{ item }}",
    "{%p endfor %}",
    "From {{ started }} to {{ ended }}",
)
EXAMPLE = {
    "name": "Ada",
    "wants_more": True,
    "items": ["Rex"],
    "started": "2026-01-05",
    "ended": "2026-02-01",
    "nickname": "Countess",
}


@pytest.fixture
def own(tmp_path):
    with own_app(
        tmp_path,
        TEMPLATE,
        slug="own",
        title="A document of our own",
        steps=(First, More, Later),
        build_context=build_context,
        filename=lambda answers: f"Own document for {answers['name']}",
        example_source=EXAMPLE,
    ) as app:
        yield app


def test_a_catalogue_of_its_own_through_the_api(own):
    client = own.test_client()
    listing = client.get("/api/v1/documents").get_json()
    assert [document["slug"] for document in listing["documents"]] == ["own"]
    example = client.get("/api/v1/documents/own/example").get_json()
    response = client.post("/api/v1/documents/own", json=example)
    assert response.status_code == 200, response.get_json()
    assert "Item: Rex" in document_text(response.data)
    assert "From 2026-01-05 to 2026-02-01" in document_text(response.data)
    wrong = client.post("/api/v1/documents/own", json={**example, "ended": "2026-01-01"})
    assert wrong.get_json() == {
        "errors": {"ended": ["It must end after it started, 5 January 2026"]}
    }
    assert client.get("/api/v1/documents/concern-letter/example").status_code == 404


def test_a_catalogue_of_its_own_through_the_web_journey(own):
    client = own.test_client()
    assert (
        post(client, "/documents/own/first", {"name": "Ada", "wants_more": "yes"}).status_code
        == 302
    )
    post(client, "/documents/own/more", {"items-0": "Rex"})
    page = client.get("/documents/own/later").get_data(as_text=True)
    assert "About Ada" in page  # the step's title follows the earlier answer
    assert "What do people call Ada? (optional)" in page
    later = {"started": ["5", "1", "2026"], "ended": ["1", "2", "2026"], "nickname": "Countess"}
    assert without_draft(post(client, "/documents/own/later", later).location).endswith(
        "/check-answers"
    )
    assert "Countess" in client.get("/documents/own/check-answers").get_data(as_text=True)
    response = client.get("/documents/own/download")
    assert response.status_code == 200
    assert "Item: Rex" in document_text(response.data)
