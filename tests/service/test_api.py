"""The /api/v1 contract: listing, example, render, and JSON errors with the web's messages."""

import io

import docx
import pytest
from wtforms import Form

from service.fields import (
    ChoiceField,
    EmailField,
    GroupField,
    ListField,
    MoneyField,
    MultiChoiceField,
    NumberField,
    TextField,
)
from service.rendering import DOCX_MIMETYPE
from tests.settings import make_app

URL = "/api/v1/documents/concern-letter"


@pytest.fixture
def example(client):
    return client.get(f"{URL}/example").get_json()


def test_listing_describes_every_document_and_field(client):
    listing = client.get("/api/v1/documents").get_json()
    slugs = [document["slug"] for document in listing["documents"]]
    assert "concern-letter" in slugs
    for document in listing["documents"]:
        assert set(document) >= {"slug", "title", "audience", "fields"}
        for field in document["fields"]:
            assert set(field) >= {"name", "label", "type", "required"}
            if field["type"] in ("choice", "multi-choice"):
                assert field["choices"]


def test_example_renders_to_docx(client, example):
    response = client.post(URL, json=example)
    assert response.status_code == 200
    assert response.mimetype == DOCX_MIMETYPE
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert example["child_name"] in text


def test_blank_needs_no_answers(client):
    response = client.post(f"{URL}?blank=1")
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert "[" in text


def test_missing_answers_give_422_with_the_web_messages(client, example):
    del example["child_name"]
    response = client.post(URL, json=example)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert list(errors) == ["child_name"]
    assert errors["child_name"][0].startswith("Enter")


def test_wrong_types_and_unknown_fields_are_422(client, example):
    response = client.post(URL, json={**example, "child_name": 7, "surprise": "x"})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors["child_name"] == ["child_name must be text"]
    assert errors["surprise"] == ["surprise is not a question in this document"]


def test_invalid_characters_are_422_not_silently_dropped(client, example):
    response = client.post(URL, json={**example, "child_name": "Ada\u0000 \ud800"})
    assert response.status_code == 422
    assert "hidden characters" in response.get_json()["errors"]["child_name"][0]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"data": "child_name=x", "content_type": "application/x-www-form-urlencoded"}, 415),
        ({"data": "{not json", "content_type": "application/json"}, 422),
        ({"json": ["a", "list"]}, 422),
    ],
)
def test_bad_bodies_are_json_errors(client, kwargs, status):
    response = client.post(URL, **kwargs)
    assert response.status_code == status
    assert "errors" in response.get_json()


def test_unknown_document_and_format(client, example):
    response = client.post("/api/v1/documents/no-such-document", json=example)
    assert response.status_code == 404
    assert "errors" in response.get_json()
    response = client.post(f"{URL}?format=rtf", json=example)
    assert response.status_code == 400


def test_too_large_is_413_json(client):
    response = client.post(URL, data="x" * (2 * 1024 * 1024), content_type="application/json")
    assert response.status_code == 413
    assert "errors" in response.get_json()


def test_api_needs_no_csrf_token_but_is_rate_limited(example):
    app = make_app(RATELIMIT_API="3 per minute")
    client = app.test_client()
    statuses = [client.post(URL, json=example).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "errors" in client.post(URL, json=example).get_json()


class Event(Form):
    what = TextField("What happened", "Enter what happened")


class Described(Form):
    who = ChoiceField("Who?", [("a", "A"), ("b", "B")], "Select who")
    which = MultiChoiceField("Which?", choices=[("x", "X")])
    items = ListField(TextField("Item"), "Items", "Add an item")
    events = ListField(GroupField(Event), "Events")
    size = NumberField("Group size", "Enter the group size")
    cost = MoneyField("Cost (optional)")
    email = EmailField()


def test_each_field_describes_itself_for_the_listing():
    form = Described()
    assert form.who.describe() == {
        "name": "who",
        "label": "Who?",
        "type": "choice",
        "required": True,
        "choices": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
    }
    assert form.which.describe()["required"] is False
    assert form.which.describe()["type"] == "multi-choice"
    assert form.items.describe() == {
        "name": "items",
        "label": "Items",
        "type": "list",
        "required": True,
        "items": "text",
    }
    described = form.events.describe()
    assert described["fields"] == [
        {"name": "what", "label": "What happened", "type": "text", "required": True}
    ]
    assert described["required"] is False
    assert form.size.describe() == {
        "name": "size",
        "label": "Group size",
        "type": "number",
        "required": True,
    }
    assert form.cost.describe()["type"] == "money"
    assert form.email.describe() == {
        "name": "email",
        "label": "Email address (optional)",
        "type": "email",
        "required": False,
    }


def test_the_listing_gives_each_field_its_step(client):
    listing = client.get("/api/v1/documents").get_json()
    (letter,) = [d for d in listing["documents"] if d["slug"] == "concern-letter"]
    steps = {field["name"]: field["step"] for field in letter["fields"]}
    assert steps["child_name"] == "child"
    assert steps["writer_name"] == "you"
    assert steps["school_type"] == "school-type"
