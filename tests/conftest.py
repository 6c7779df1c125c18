"""Fixtures shared by every test: the app on an in-memory database, a client, a CLI runner.

Tests that need a real browser or LibreOffice ask for `chromium_path` or `soffice_path`.
Locally a missing one skips the test with a reason; under CI=true it fails the run.
"""

import os
import shutil

import pytest

from service import create_app
from service.config import TestConfig
from service.extensions import db

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def app():
    app = create_app(TestConfig)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def require_program(name, *candidates):
    for candidate in candidates:
        path = shutil.which(candidate)
        if path:
            return path
    message = f"{name} is not installed ({' or '.join(candidates)} not found)"
    if IN_CI:
        pytest.fail(f"{message}; CI must install it (see .ci/run)")
    pytest.skip(message)
    return None


@pytest.fixture(scope="session")
def chromium_path():
    return require_program("Chromium", "chromium", "chromium-browser")


@pytest.fixture(scope="session")
def soffice_path():
    return require_program("LibreOffice", "soffice", "libreoffice")
