"""The /api/v1 contract: listing, example, render, and JSON errors with the web's messages."""

import io
import json

import docx
import jsonschema_rs
import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from service.fields import (
    AnswerTypeError,
    ChoiceField,
    DateField,
    EmailField,
    GroupField,
    ListField,
    LongTextField,
    MoneyField,
    MultiChoiceField,
    NumberField,
    TextField,
    YesNoField,
)
from service.rendering import DOCX_MIMETYPE
from service.steps import make_step
from tests.settings import make_app

URL = "/api/v1/documents/concern-letter"
JSON = "application/json"


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


def test_unknown_names_inside_a_list_item_are_422_not_dropped(client):
    plan = client.get("/api/v1/documents/sen-support-plan/example").get_json()
    plan["outcomes"][0] = {**plan["outcomes"][0], "surprise": "kept nowhere"}
    response = client.post("/api/v1/documents/sen-support-plan", json=plan)
    assert response.status_code == 422
    [message] = response.get_json()["errors"]["outcomes"]
    assert message.startswith("outcomes has an item with 'surprise', which is not one of its")


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


# --- bodies a program might send by mistake or on purpose: never a server error -----------


def post_raw(client, body, content_type="application/json"):
    return client.post(URL, data=body, content_type=content_type)


def request_errors(response):
    assert response.mimetype == "application/json"
    return response.get_json()["errors"]


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_422_not_a_recursion_error(client, depth):
    for body in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        response = post_raw(client, body)
        assert response.status_code == 422
        assert "nested too deeply" in request_errors(response)["request"][0]


def test_deep_json_inside_an_answer_is_that_answer_s_error(client, example):
    nested = "[" * 500 + "]" * 500
    body = json.dumps(example)[:-1] + f', "child_name": {nested}' + "}"
    response = post_raw(client, body)
    assert response.status_code == 422


@pytest.mark.parametrize("body", ["[]", '"answers"', "7", "null", "true", ""])
def test_a_body_that_is_not_an_object_is_422(client, body):
    response = post_raw(client, body)
    assert response.status_code == 422
    assert request_errors(response)["request"]


def test_bytes_that_are_not_utf8_are_422(client):
    response = post_raw(client, b'{"child_name": "Ad\xe9\xff"}')
    assert response.status_code == 422
    assert "UTF-8" in request_errors(response)["request"][0]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(client, example, literal):
    body = json.dumps(example)[:-1] + f', "child_name": {literal}' + "}"
    response = post_raw(client, body)
    assert response.status_code == 422
    assert literal.lstrip("-") in request_errors(response)["request"][0]


@pytest.mark.parametrize("number", ["1e999", "-1e999", "1" * 5_000, "0." + "1" * 5_000])
def test_huge_numbers_are_422(client, example, number):
    body = json.dumps(example)[:-1] + f', "child_name": {number}' + "}"
    response = post_raw(client, body)
    assert response.status_code == 422
    assert "errors" in response.get_json()


def test_a_name_given_twice_is_422_not_silently_the_last(client, example):
    """JSON parsers keep the last of two equal names: the first answer would be lost."""
    body = json.dumps(example)[:-1] + ', "child_name": "Someone else"}'
    response = post_raw(client, body)
    assert response.status_code == 422
    assert "child_name" in request_errors(response)["request"][0]


def test_a_name_given_twice_inside_a_list_entry_is_422(client):
    plan = client.get("/api/v1/documents/sen-support-plan/example").get_json()
    lists = {name: value for name, value in plan.items() if value and isinstance(value, list)}
    name, entries = next((n, v) for n, v in lists.items() if isinstance(v[0], dict))
    entry = json.dumps(entries[0])
    key = next(iter(entries[0]))
    doubled = entry[:-1] + f", {json.dumps(key)}: {json.dumps(entries[0][key])}" + "}"
    body = json.dumps({**plan, name: "PLACEHOLDER"}).replace('"PLACEHOLDER"', f"[{doubled}]")
    response = client.post("/api/v1/documents/sen-support-plan", data=body, content_type=JSON)
    assert response.status_code == 422
    assert key in request_errors(response)["request"][0]


def test_a_long_string_is_the_answer_s_error_and_a_body_over_the_limit_is_413(client, example):
    response = client.post(URL, json={**example, "child_name": "x" * 1_000_000})
    assert response.status_code == 422
    assert "characters or fewer" in request_errors(response)["child_name"][0]
    response = client.post(URL, json={**example, "child_name": "x" * (1024 * 1024)})
    assert response.status_code == 413
    assert request_errors(response)["request"]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None]
)
def test_answers_not_labelled_as_json_are_415(client, example, content_type):
    response = client.post(URL, data=json.dumps(example), content_type=content_type)
    assert response.status_code == 415
    assert request_errors(response)["request"]


def test_json_with_a_charset_is_read(client, example):
    body = json.dumps(example)
    response = client.post(URL, data=body, content_type="application/json; charset=utf-8")
    assert response.status_code == 200


@pytest.mark.parametrize(("blank", "status"), [("1", 200), ("0", 415), ("yes", 400), ("", 400)])
def test_blank_takes_1_or_0_and_nothing_else(client, blank, status):
    response = client.post(f"{URL}?blank={blank}")
    assert response.status_code == status
    if status == 400:
        assert request_errors(response)["blank"] == ["blank must be 1 or 0"]


# --- each field type's JSON schema, for the OpenAPI document -------------------------------

SCHEMA_PROBES = [
    None, "", " ", "a", "x", "b", "y" * 201, "4", "1,200", "£12.50", "2020-01-31", "31/01/2020",
    "2020-02-30", 0, 4, 4.0, 4.5, -3, 10**7, True, False, [], ["x"], ["a", "x"], [None],
    [{"what": "x"}], [{"what": 7}], {}, {"what": "x"},
]  # fmt: skip


def probe_step():
    """A step asking one question of each field type."""
    return make_step(
        "probe",
        "Probe",
        who=ChoiceField("Who?", [("a", "A"), ("b", "B")], "Select who"),
        level=ChoiceField("Level (optional)", [("a", "A")]),
        which=MultiChoiceField("Which?", choices=[("x", "X")]),
        agreed=YesNoField("Agreed?"),
        items=ListField(TextField("Item"), "Items", max_entries=2),
        events=ListField(GroupField(Event), "Events"),
        size=NumberField("Group size", "Enter the group size", maximum=100),
        cost=MoneyField("Cost (optional)", maximum=1000),
        email=EmailField(),
        name=TextField("Name", error_name="The name"),
        notes=LongTextField("Notes"),
        when=DateField("When?", error_name="The date"),
    )


def test_each_field_type_s_schema_accepts_every_answer_it_accepts(app):
    """The schema may be looser than the question (what depends on other answers is for
    validation to say) but never stricter: an answer the API takes must fit it."""
    step = probe_step()
    accepted = 0
    with app.test_request_context():
        for field in step.prototype().answer_fields():
            schema = jsonschema_rs.Draft202012Validator(field.json_schema(), validate_formats=True)
            for value in SCHEMA_PROBES:
                try:
                    posted = step.prototype().formdata_for({field.short_name: value})
                except AnswerTypeError:
                    continue
                form = step(formdata=MultiDict(posted), meta={"csrf": False})
                form.validate()
                if not form[field.short_name].errors:
                    accepted += 1
                    assert schema.is_valid(value), (field.short_name, value)
    assert accepted > 50  # the probes reach every type with answers it takes
