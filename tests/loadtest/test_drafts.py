"""The load test's returning browser: a cookie naming a finished draft of the letter."""

import io

import docx
from werkzeug.http import parse_cookie

from bench.config import production_app, production_environ
from loadtest.drafts import finished_draft_cookie
from service.rendering import DOCX_MIMETYPE


def test_the_cookie_downloads_the_finished_letter_from_the_journey(tmp_path):
    app = production_app(str(tmp_path), production_environ(SESSION_COOKIE_SECURE="false"))
    cookie = finished_draft_cookie(app, "concern-letter")
    with app.test_request_context():
        child = app.extensions["catalogue"].get("concern-letter").example["child_name"]
    client = app.test_client()
    for name, value in parse_cookie(cookie).items():
        client.set_cookie(name, value)

    response = client.get("/documents/concern-letter/download")

    assert response.status_code == 200
    assert response.mimetype == DOCX_MIMETYPE
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert child in text


def test_without_the_cookie_the_journey_starts_again(tmp_path):
    app = production_app(str(tmp_path), production_environ(SESSION_COOKIE_SECURE="false"))
    finished_draft_cookie(app, "concern-letter")

    response = app.test_client().get("/documents/concern-letter/download")

    assert response.status_code == 302
