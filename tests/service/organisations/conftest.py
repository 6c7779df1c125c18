"""Organisation files for tests: two advice services, each with its own council, written to a
folder of the test's own, and an app that reads them."""

import json
import shutil
from pathlib import Path

import pytest

from tests.settings import app_with_tables

EXAMPLE_FOLDER = Path(__file__).parents[3] / "organisations"
LOGO = EXAMPLE_FOLDER / "brightwater-sendiass.svg"

NORTH = {
    "slug": "north-advice",
    "name": "North Vale Advice",
    "logo": "north-advice.svg",
    "website": "https://north-advice.example.org/",
    "email": "help@north-advice.example.org",
    "welcome": "North Vale Advice helps families.\n\nCall us if you get stuck.",
    "documents": ["ehc-needs-assessment-request", "concern-letter", "missed-deadline-letter"],
    "helpline": {"phone": "0808 157 0101", "hours": "Weekdays, 10am to 3pm"},
    "council": {
        "name": "North Vale Council",
        "team": "SEND Team",
        "address": "Town Hall\nNorth Street\nNorth Vale\nNV1 1AA",
        "email": "send@north-vale.example.org",
        "local_offer": "https://north-vale.example.org/local-offer",
    },
    "document_line": {
        "text": "Prepared with help from North Vale Advice",
        "documents": ["ehc-needs-assessment-request"],
    },
}

SOUTH = {
    "slug": "south-advice",
    "name": "South Shore Family Support",
    "logo": "south-advice.svg",
    "website": "https://south-shore.example.org/",
    "email": "advice@south-shore.example.org",
    "welcome": "South Shore Family Support is here for you.",
    "documents": ["concern-letter", "complaint"],
    "helpline": {"phone": "0808 157 0202", "hours": "Tuesdays, 9am to 1pm"},
}


def toml_text(data):
    """`data` as TOML: top-level values, then one table for each dict. JSON strings are
    valid TOML basic strings for the text these tests use."""
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    for name, table in tables:
        lines.append(f"\n[{name}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in table.items())
    return "\n".join(lines) + "\n"


def write_organisation(folder, data, *, logo=LOGO, file_slug=None):
    """Write `data` as `<file_slug or its slug>.toml`, with `logo` copied beside it under the
    name the file gives (none when `logo` is None)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_slug or data['slug']}.toml"
    path.write_text(toml_text(data), encoding="utf-8")
    if logo is not None:
        shutil.copyfile(logo, folder / data["logo"])
    return path


@pytest.fixture
def org_folder(tmp_path):
    folder = tmp_path / "organisations"
    write_organisation(folder, NORTH)
    write_organisation(folder, SOUTH)
    return folder


@pytest.fixture
def org_app(org_folder):
    yield from app_with_tables(ORGANISATIONS_DIR=str(org_folder), RATELIMIT_ENABLED=False)


@pytest.fixture
def org_client(org_app):
    return org_app.test_client()
