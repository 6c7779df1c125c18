"""POST /api/v1/answers: a Word document the service made, sent back, gives its document and
answers; anything else a JSON error saying what is wrong, never a server error; the file is
neither kept nor logged."""

import io
import json
import logging

import jsonschema_rs
import pytest
from sqlalchemy import func, select

from forms import CATALOGUE
from service import answers_upload
from service.answers import validate_answers
from service.extensions import db
from service.rendering import DOCX_MIMETYPE
from service.rendering.package import read_entries
from tests.service.answers_files import (
    ITEM,
    Trickle,
    billion_laughs,
    external_entity,
    longest_answers,
    made_document,
    other_programs_docx,
    part,
    renamed_zip,
    replaced,
    zeros_bomb,
    zip_of,
    zip_with,
)
from tests.settings import make_app

URL = "/api/v1/answers"
SLUGS = [document.slug for document in CATALOGUE]
TOO_LARGE = "The file is too large: it must be 5 MB or smaller"


def same(left, right):
    """Equal, types included (True == 1 in Python, not in JSON). The API, as everywhere,
    gives an object's names in alphabetical order."""
    return json.dumps(left, sort_keys=True) == json.dumps(right, sort_keys=True)


def post(client, data, content_type=DOCX_MIMETYPE, **kwargs):
    return client.post(URL, data=data, content_type=content_type, **kwargs)


@pytest.fixture
def letter(app):
    with app.test_request_context():
        return made_document(app, "concern-letter")


@pytest.fixture(scope="module")
def openapi():
    return make_app().test_client().get("/api/v1/openapi.json").get_json()


def fits(openapi, name, value):
    schema = {"$ref": f"#/components/schemas/{name}", "components": openapi["components"]}
    return jsonschema_rs.Draft202012Validator(schema).is_valid(value)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_document_the_api_makes_gives_its_answers_back(app, client, slug, openapi):
    example = client.get(f"/api/v1/documents/{slug}/example").get_json()
    made = client.post(f"/api/v1/documents/{slug}", json=example)
    assert made.status_code == 200
    response = post(client, made.data)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    with app.test_request_context():
        expected = validate_answers(app.extensions["catalogue"].get(slug), example).answers
    assert body["document"] == slug
    assert same(body["answers"], expected)
    assert fits(openapi, "DocumentAnswers", body)
    # And the answers make the same document again.
    again = client.post(f"/api/v1/documents/{slug}", json=body["answers"])
    assert again.data == made.data


@pytest.mark.parametrize(
    "content_type",
    [DOCX_MIMETYPE, "application/octet-stream", "application/octet-stream; name=letter.docx"],
)
def test_the_file_may_be_sent_as_word_or_as_bytes(client, letter, content_type):
    data, answers = letter
    response = post(client, data, content_type)
    assert response.status_code == 200
    assert same(response.get_json()["answers"], answers)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x", None]
)
def test_anything_but_a_file_is_415(client, letter, content_type):
    data, _ = letter
    response = client.post(URL, data=data, content_type=content_type)
    assert response.status_code == 415
    [message] = response.get_json()["errors"]["request"]
    assert message.startswith("Send the Word document as the body")


def test_a_document_larger_than_other_requests_may_be_is_read(app, client):
    """MAX_CONTENT_LENGTH keeps other requests small; a Word document may be larger."""
    with app.test_request_context():
        document = app.extensions["catalogue"].get("complaint")
        data, answers = made_document(app, "complaint", longest_answers(document))
    assert len(data) > app.config["MAX_CONTENT_LENGTH"]
    response = post(client, data)
    assert response.status_code == 200
    assert same(response.get_json()["answers"], answers)


def test_a_file_over_the_limit_is_413(client, openapi):
    response = post(client, b"PK" + bytes(5 * 1024 * 1024))
    assert response.status_code == 413
    assert response.get_json() == {"errors": {"file": [TOO_LARGE]}}
    assert fits(openapi, "Errors", response.get_json())


def test_a_file_sent_in_chunks_past_the_limit_is_413(client):
    """No Content-Length: the body is counted as it is read."""
    response = client.post(
        URL,
        input_stream=io.BytesIO(bytes(6 * 1024 * 1024)),
        content_type=DOCX_MIMETYPE,
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert response.get_json() == {"errors": {"file": [TOO_LARGE]}}


def test_a_file_that_arrives_too_slowly_is_408(letter):
    client = make_app(UPLOAD_SECONDS=1).test_client()
    data, _ = letter
    response = client.post(
        URL,
        input_stream=Trickle(data, size=4096, pause=0.2),
        content_type=DOCX_MIMETYPE,
        content_length=len(data),
    )
    assert response.status_code == 408
    assert response.get_json() == {"errors": {"file": [answers_upload.TOO_SLOW]}}


def _bomb(data):
    head = part(text='{"child_name": "').removesuffix(b'"}</answers>')[:-1]
    bomb = zeros_bomb(ITEM, head, 1024, b'"}</answers>')
    return zip_with([*(entry for entry in read_entries(data) if entry.name != ITEM), bomb])


HOSTILE = {
    "empty body": (lambda _: b"", answers_upload.EMPTY),
    "a text file": (lambda _: b"Dear Ms Patel,\n", answers_upload.NOT_WORD),
    "another program's .docx": (lambda _: other_programs_docx(), answers_upload.NOT_OURS),
    "a renamed zip": (lambda _: renamed_zip(), answers_upload.NOT_OURS),
    "a zip bomb": (_bomb, answers_upload.TOO_MUCH_DATA),
    "a huge part": (
        lambda data: replaced(data, {ITEM: part(answers={"x": "x" * 3 * 1024 * 1024})}),
        answers_upload.TOO_MUCH_DATA,
    ),
    "very many entries": (
        lambda _: zip_of([(f"customXml/item{n}.xml", b"") for n in range(1001)]),
        answers_upload.TOO_MANY_ENTRIES,
    ),
    "billion laughs": (
        lambda data: replaced(data, {ITEM: billion_laughs()}),
        answers_upload.UNREADABLE,
    ),
    "an external entity": (
        lambda data: replaced(data, {ITEM: external_entity("answers.json")}),
        answers_upload.UNREADABLE,
    ),
    "another namespace": (
        lambda data: replaced(data, {ITEM: part(namespace="urn:someone-else")}),
        answers_upload.NOT_OURS,
    ),
    "a newer format": (
        lambda data: replaced(data, {ITEM: part(version="2")}),
        answers_upload.UNKNOWN_VERSION,
    ),
    "an unknown document": (
        lambda data: replaced(data, {ITEM: part("letter-to-santa")}),
        answers_upload.UNKNOWN_DOCUMENT,
    ),
    "broken JSON": (
        lambda data: replaced(data, {ITEM: part(text='{"child_name": ')}),
        answers_upload.UNREADABLE,
    ),
    "a cut-off file": (lambda data: data[: len(data) // 2], answers_upload.NOT_WORD),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_or_foreign_file_is_422_with_a_clear_message(client, letter, openapi, name):
    make, message = HOSTILE[name]
    data, _ = letter
    response = post(client, make(data))
    assert response.status_code == 422
    assert response.get_json() == {"errors": {"file": [message]}}
    assert fits(openapi, "Errors", response.get_json())


def test_answers_the_forms_refuse_are_422_with_the_forms_messages(app, client, letter):
    data, answers = letter
    changed = {**answers, "child_name": "", "writer_email": "not an address"}
    response = post(client, replaced(data, {ITEM: part(answers=changed)}))
    assert response.status_code == 422
    with app.test_request_context():
        expected = validate_answers(app.extensions["catalogue"].get("concern-letter"), changed)
    assert expected.errors
    assert response.get_json() == {"errors": expected.errors}


def test_other_methods_are_405(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert "errors" in response.get_json()


def test_it_is_rate_limited_like_the_rest_of_the_api(letter):
    app = make_app(RATELIMIT_API="2 per minute")
    client = app.test_client()
    data, _ = letter
    statuses = [post(client, data).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = post(client, data)
    assert limited.headers["Retry-After"]
    assert "errors" in limited.get_json()


def test_nothing_of_the_file_is_kept_or_logged(app, client, letter, caplog):
    data, answers = letter
    caplog.set_level(logging.DEBUG)
    assert post(client, data).status_code == 200
    assert post(client, replaced(data, {ITEM: part(answers={**answers, "x": 1})})).status_code
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for value in (answers["child_name"], answers["writer_name"], "customXml"):
        assert value not in logged
    with app.app_context():
        for table in db.metadata.sorted_tables:
            assert db.session.scalar(select(func.count()).select_from(table)) == 0, table.name
