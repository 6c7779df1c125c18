"""Organisation files are read and checked at start-up: a bad one stops the service with a
message naming the file and the field."""

import copy
import re

import pytest

from service.organisations import registry
from tests.service.organisations.conftest import (
    EXAMPLE_FOLDER,
    LOGO,
    NORTH,
    SOUTH,
    toml_text,
    write_organisation,
)
from tests.settings import make_app

OFFERED = [
    "concern-letter",
    "sen-support-plan",
    "ehc-needs-assessment-request",
    "complaint",
    "records-request",
    "missed-deadline-letter",
    "sen-support-review",
]


def changed(base=NORTH, **changes):
    data = copy.deepcopy(base)
    for key, value in changes.items():
        table, _, field = key.partition("__")
        if field:
            if value is None:
                del data[table][field]
            else:
                data[table][field] = value
        elif value is None:
            del data[key]
        else:
            data[key] = value
    return data


def refusal(tmp_path, data):
    """The message the service stops with for a folder holding `data` alone, written as
    north-advice.toml with the logo it names (unless it names the missing one)."""
    logo = None if data["logo"] == "missing.svg" else LOGO
    write_organisation(tmp_path, data, file_slug="north-advice", logo=logo)
    with pytest.raises(registry.OrganisationFileError) as raised:
        make_app(ORGANISATIONS_DIR=str(tmp_path))
    return str(raised.value)


def test_the_example_organisation_loads_with_every_setting():
    found = registry.load_folder(EXAMPLE_FOLDER, OFFERED)
    example = found["brightwater-sendiass"]
    assert example.name == "Brightwater SENDIASS"
    assert example.logo.media_type == "image/svg+xml"
    assert example.helpline.tel == "08081570192"
    assert example.council.answers()["la_name"] == "Brightwater Council"
    assert example.welcome[0].startswith("Brightwater SENDIASS gives free")
    assert len(example.welcome) == 2
    assert example.line_for("ehc-needs-assessment-request").startswith("Prepared with help")
    assert example.line_for("concern-letter") == ""


def test_the_default_folder_is_the_one_beside_the_service(app):
    assert "brightwater-sendiass" in app.extensions["organisations"]


def test_two_organisations_load_each_as_written(org_app):
    found = org_app.extensions["organisations"]
    assert sorted(found) == ["north-advice", "south-advice"]
    north, south = found["north-advice"], found["south-advice"]
    assert north.documents == tuple(NORTH["documents"])  # in the organisation's order
    assert north.council.address == NORTH["council"]["address"]
    assert south.council is None
    assert south.document_line is None
    assert south.line_for("concern-letter") == ""


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": None}, "name", "is missing"),
        ({"name": ""}, "name", "is empty"),
        ({"name": "N" * 81}, "name", "at most 80"),
        ({"name": "North\u0007Vale"}, "name", "control character"),
        ({"name": 12}, "name", "text in quotes"),
        ({"colour": "blue"}, "colour", "not a setting"),
        ({"slug": "North Advice"}, "slug", "lower-case"),
        ({"slug": "south-advice"}, "slug", "file's name"),
        ({"website": "http://north.example.org"}, "website", "https://"),
        ({"website": "north.example.org"}, "website", "https://"),
        ({"email": "not an address"}, "email", "not an email address"),
        ({"documents": []}, "documents", "list of document names"),
        ({"documents": ["concern-leter"]}, "documents[0]", "'concern-leter' is not a document"),
        ({"documents": ["complaint", "complaint"]}, "documents", "twice"),
        ({"helpline": None}, "helpline", "is missing"),
        ({"helpline__phone": "call us"}, "helpline.phone", "not a phone number"),
        ({"helpline__hours": None}, "helpline.hours", "is missing"),
        ({"helpline__fax": "0"}, "helpline.fax", "not a setting"),
        ({"council__email": "send at north"}, "council.email", "not an email address"),
        ({"council__address": "A" * 301}, "council.address", "at most 300"),
        ({"council__local_offer": "javascript:alert(1)"}, "council.local_offer", "https://"),
        ({"welcome": "W" * 801}, "welcome", "at most 800"),
        ({"charity_number": "charity"}, "charity_number", "not a charity number"),
        ({"figures_secret_hash": "secret"}, "figures_secret_hash", "flask orgs secret"),
        ({"logo": "../logo.svg"}, "logo", "beside this one"),
        ({"logo": "missing.svg"}, "logo", "cannot be read"),
        (
            {"document_line__documents": ["complaint"]},
            "document_line.documents[0]",
            "not in the organisation's documents",
        ),
        ({"document_line__text": "L" * 141}, "document_line.text", "at most 140"),
    ],
)
def test_a_bad_file_stops_the_service_naming_the_file_and_field(tmp_path, changes, field, words):
    message = refusal(tmp_path, changed(**changes))
    assert message.startswith(f"Organisation file north-advice.toml: {field}: ")
    assert words in message


def test_a_file_that_is_not_toml_is_named(tmp_path):
    (tmp_path / "north-advice.toml").write_text('name = "North\nslug = 1\n', encoding="utf-8")
    with pytest.raises(registry.OrganisationFileError, match=r"north-advice\.toml: is not valid"):
        make_app(ORGANISATIONS_DIR=str(tmp_path))


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    (tmp_path / "north-advice.toml").write_bytes(toml_text(NORTH).encode("utf-16"))
    with pytest.raises(registry.OrganisationFileError, match=r"north-advice\.toml: is not UTF-8"):
        make_app(ORGANISATIONS_DIR=str(tmp_path))


def test_one_bad_file_among_good_ones_still_stops_the_service(tmp_path):
    write_organisation(tmp_path, SOUTH)
    message = refusal(tmp_path, changed(email="nobody"))
    assert "north-advice.toml: email" in message


def test_a_folder_named_but_missing_stops_the_service(tmp_path):
    with pytest.raises(registry.OrganisationFileError, match="does not exist"):
        make_app(ORGANISATIONS_DIR=str(tmp_path / "nowhere"))


def test_an_empty_folder_means_no_organisations(tmp_path):
    app = make_app(ORGANISATIONS_DIR=str(tmp_path))
    assert app.extensions["organisations"] == {}


def test_a_document_this_copy_does_not_offer_is_refused(tmp_path):
    """A copy can be handed a smaller catalogue: an organisation cannot offer what it lacks."""
    write_organisation(tmp_path, NORTH)
    with pytest.raises(registry.OrganisationFileError, match=re.escape("documents[0]")):
        registry.load_folder(tmp_path, ["concern-letter", "missed-deadline-letter"])


def test_the_contact_line_names_every_way_to_reach_it(org_app):
    north = org_app.extensions["organisations"]["north-advice"]
    assert north.contact_line == (
        "North Vale Advice · Helpline 0808 157 0101 · help@north-advice.example.org · "
        "north-advice.example.org"
    )


def test_an_app_handed_its_own_catalogue_reads_organisations_only_from_a_folder_named(
    tmp_path, org_folder
):
    from tests.service.own_document import own_app  # noqa: PLC0415

    steps = make_app().extensions["catalogue"].get("concern-letter").steps
    document = {"slug": "own", "steps": steps, "build_context": dict, "filename": str}
    with own_app(tmp_path, ["x"], **document) as app:
        assert app.extensions["organisations"] == {}
    with pytest.raises(registry.OrganisationFileError, match="not a document"):
        make_app(catalogue=[], ORGANISATIONS_DIR=str(org_folder))
