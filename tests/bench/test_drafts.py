"""The bench's and load test's returning browser: a cookie naming a finished draft."""

import io

import docx

from bench.config import production_app
from bench.drafts import finished_draft_cookie
from bench.wsgi import WsgiRequest
from service.rendering import DOCX_MIMETYPE

DOWNLOAD = "/documents/concern-letter/download"


def test_the_cookie_downloads_the_finished_letter_from_the_journey(tmp_path):
    app = production_app(str(tmp_path))
    cookie = finished_draft_cookie(app, "concern-letter")
    with app.test_request_context():
        child = app.extensions["catalogue"].get("concern-letter").example["child_name"]

    response = WsgiRequest(app, "GET", DOWNLOAD, headers={"Cookie": cookie})()

    assert response.status == 200
    assert response.headers["Content-Type"] == DOCX_MIMETYPE
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.body)).paragraphs)
    assert child in text


def test_without_the_cookie_the_journey_starts_again(tmp_path):
    app = production_app(str(tmp_path))
    finished_draft_cookie(app, "concern-letter")

    assert WsgiRequest(app, "GET", DOWNLOAD)().status == 302
