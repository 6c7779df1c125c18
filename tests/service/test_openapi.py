"""The API's OpenAPI 3.1 document: valid by the specification's own meta-schema, made from the
catalogue (so a document or question added is described at once), and true of what the API
answers. tests/service/test_api_fuzz.py sends it schemathesis' requests."""

import jsonschema_rs
import pytest
from schemathesis.specs.openapi.definitions import OPENAPI_31

from forms import CATALOGUE
from service.fields import DateField, ListField, TextField
from service.steps import make_step
from tests.service.own_document import own_app
from tests.settings import make_app

OPENAPI = "/api/v1/openapi.json"
PREFIX = "/api/v1"


@pytest.fixture(scope="module")
def described():
    """The app, its document as served, and its listing."""
    app = make_app()
    client = app.test_client()
    response = client.get(OPENAPI)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return app, response.get_json(), client.get(f"{PREFIX}/documents").get_json()


def validator(openapi, name):
    """A JSON-schema validator for one of the document's schemas, its references resolved
    within the document."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": openapi["components"]}
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def answers_schema_name(openapi, slug):
    body = openapi["paths"][f"{PREFIX}/documents/{slug}"]["post"]["requestBody"]
    return body["content"]["application/json"]["schema"]["$ref"].rpartition("/")[2]


def test_it_is_valid_openapi_3_1(described):
    _, openapi, _ = described
    assert openapi["openapi"] == "3.1.0"
    jsonschema_rs.Draft202012Validator(OPENAPI_31).validate(openapi)
    for name, schema in openapi["components"]["schemas"].items():
        assert jsonschema_rs.meta.is_valid(schema), name


def test_every_api_route_is_described_with_its_methods(described):
    """Routes are read from the app, each filled with every document: a route added to the API
    and not to the description fails here."""
    app, openapi, _ = described
    slugs = [document.slug for document in app.extensions["catalogue"]]
    served = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        methods = {method.lower() for method in rule.methods - {"HEAD", "OPTIONS"}}
        for slug in slugs if "<slug>" in rule.rule else [None]:
            served[rule.rule.replace("<slug>", slug or "")] = methods
    described_paths = {path: set(operations) for path, operations in openapi["paths"].items()}
    assert described_paths == served


def test_each_document_s_answers_are_its_questions(described):
    _, openapi, listing = described
    for document in listing["documents"]:
        schema = openapi["components"]["schemas"][answers_schema_name(openapi, document["slug"])]
        names = [field["name"] for field in document["fields"]]
        assert list(schema["properties"]) == names
        assert schema["additionalProperties"] is False
        required = {field["name"] for field in document["fields"] if field["required"]}
        assert schema["required"]
        assert set(schema["required"]) <= required


@pytest.mark.parametrize("slug", [document.slug for document in CATALOGUE])
def test_example_answers_fit_their_schema_and_make_a_document(described, slug):
    """The schema must not be stricter than the API: realistic answers that the API turns into
    a document fit it, and so does the example the description itself carries."""
    app, openapi, _ = described
    client = app.test_client()
    check = validator(openapi, answers_schema_name(openapi, slug))
    example = client.get(f"{PREFIX}/documents/{slug}/example").get_json()
    check.validate(example)
    carried = openapi["paths"][f"{PREFIX}/documents/{slug}"]["post"]["requestBody"]
    check.validate(carried["content"]["application/json"]["example"])
    assert client.post(f"{PREFIX}/documents/{slug}", json=example).status_code == 200


def test_answers_of_the_wrong_shape_do_not_fit(described):
    _, openapi, _ = described
    check = validator(openapi, answers_schema_name(openapi, "concern-letter"))
    example = make_app().test_client().get(f"{PREFIX}/documents/concern-letter/example")
    answers = example.get_json()
    for wrong in (
        {"child_name": 7},
        {"child_name": "x" * 201},
        {"child_dob": "27/03/2015"},
        {"school_type": "not-a-choice"},
        {"surprise": "x"},
    ):
        assert not check.is_valid({**answers, **wrong}), wrong
    assert not check.is_valid({k: v for k, v in answers.items() if k != "child_name"})


def test_the_listing_and_errors_fit_their_schemas(described):
    app, openapi, listing = described
    validator(openapi, "DocumentList").validate(listing)
    response = app.test_client().post(f"{PREFIX}/documents/concern-letter", json={"x": 1})
    assert response.status_code == 422
    validator(openapi, "Errors").validate(response.get_json())


def test_a_new_document_is_described_at_once(tmp_path):
    """Made from the catalogue: a document the engine has never seen, with a date and a list,
    is described, and its answers' rules are its own."""
    name = make_step("name", "Name", name=TextField("Your name", "Enter your name"))
    pets = make_step(
        "pets",
        "Pets",
        pets=ListField(TextField("Pet"), "Pets", max_entries=3),
        since=DateField("Since when?", error_name="The date"),
    )
    with own_app(
        tmp_path,
        ["{{ name }}"],
        slug="pet-letter",
        steps=(name, pets),
        build_context=lambda answers: answers,
        filename=lambda _answers: "pets",
        example_source={"name": "Ada", "pets": ["Rex"]},
    ) as app:
        openapi = app.test_client().get(OPENAPI).get_json()
    assert set(openapi["paths"]) == {
        f"{PREFIX}/documents",
        OPENAPI,
        f"{PREFIX}/documents/pet-letter",
        f"{PREFIX}/documents/pet-letter/example",
        f"{PREFIX}/documents/pet-letter/bulk",
        f"{PREFIX}/answers",
    }
    schema = openapi["components"]["schemas"]["PetLetter"]
    assert schema["required"] == ["name"]
    assert schema["properties"]["pets"]["maxItems"] == 3
    assert schema["properties"]["pets"]["items"] == {"type": ["string", "null"], "maxLength": 200}
    check = validator(openapi, "PetLetter")
    assert check.is_valid({"name": "Ada", "pets": ["a", "b"], "since": "2020-01-31"})
    assert not check.is_valid({"name": "Ada", "pets": ["a", "b", "c", "d"]})
    assert not check.is_valid({"name": "Ada", "since": "31/01/2020"})
