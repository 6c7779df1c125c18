"""The load test's baseline: a minimal Flask app doing plain docxtpl, giving the same letter."""

import io

import docx

from loadtest.baseline import create_app
from service.answers import validate_answers
from service.rendering import DOCX_MIMETYPE


def paragraphs(data):
    return [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]


def test_the_baseline_renders_the_letter_the_service_renders(app, client):
    document = app.extensions["catalogue"].get("concern-letter")
    with app.test_request_context():
        example = document.example
        context = document.build_context(validate_answers(document, example).answers)
    baseline = create_app(app.extensions["catalogue"].template_path(document)).test_client()

    response = baseline.post("/letter", json=context)
    service = client.post("/api/v1/documents/concern-letter", json=example)

    assert response.status_code == 200
    assert response.mimetype == DOCX_MIMETYPE
    text = paragraphs(response.data)
    assert any(example["child_name"] in line for line in text)
    assert text == paragraphs(service.data)


def test_the_baseline_takes_only_a_json_object():
    baseline = create_app().test_client()

    assert baseline.post("/letter", data="not json").status_code == 400
    assert baseline.get("/").status_code == 200  # what the load test waits for
