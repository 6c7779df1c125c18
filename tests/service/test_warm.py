"""Warming the app before gunicorn forks: every template compiled once, nothing else opened."""

import pytest
from jinja2 import TemplateNotFound
from sqlalchemy import event

from service.extensions import db
from service.rendering import CompiledTemplate
from service.warm import warm
from tests.settings import make_app


@pytest.fixture
def warmed():
    app = make_app()
    warm(app)
    return app


def test_every_document_is_compiled_before_the_first_request(warmed, monkeypatch):
    def compile_again(*_args, **_kwargs):
        raise AssertionError("a template was compiled after warming")

    monkeypatch.setattr(CompiledTemplate, "from_path", compile_again)
    client = warmed.test_client()
    for document in warmed.extensions["catalogue"]:
        filled = client.get(f"/api/v1/documents/{document.slug}/example").get_json()
        assert client.post(f"/api/v1/documents/{document.slug}", json=filled).status_code == 200
        assert client.get(f"/documents/{document.slug}/blank").status_code == 200


def test_pages_are_parsed_before_the_first_request(warmed, monkeypatch):
    def read_again(*_args, **_kwargs):
        raise TemplateNotFound("a page template was read after warming")

    monkeypatch.setattr(warmed.jinja_env.loader, "get_source", read_again)
    assert warmed.test_client().get("/").status_code == 200


def test_warming_opens_no_database_and_no_libreoffice(monkeypatch):
    app = make_app()
    used = []
    monkeypatch.setattr("service.delivery.pdf.converter", lambda: used.append("pdf"))
    with app.app_context():
        event.listen(db.engine, "checkout", lambda *_: used.append("database"))
        warm(app)
    assert used == []
