"""Fixtures shared by every test: the app on an in-memory database, a client, a CLI runner,
and real SMTP servers on 127.0.0.1 (one that takes mail, one that never answers).

Tests that need a real browser or LibreOffice ask for `chromium_path` or `soffice_path`;
tests that need PostgreSQL or Redis ask for `postgres_url` or `redis_url` (set by
`.ci/start-services` as TEST_DATABASE_URL and TEST_REDIS_URL). Locally a missing one skips
the test with a reason; under CI=true it fails the run.
"""

import email
import email.policy
import os
import shutil
import socket
import threading

import pytest
from aiosmtpd.controller import Controller

from tests.settings import app_with_tables

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def app():
    yield from app_with_tables()


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


def require_service(name, variable):
    url = os.environ.get(variable, "")
    if url:
        return url
    message = f"{name} is not running for the tests ({variable} is not set)"
    if IN_CI:
        pytest.fail(f"{message}; CI must start it (see .ci/start-services)")
    pytest.skip(f'{message}: run eval "$(.ci/start-services)" first')
    return None


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL database that tests may fill and empty (one at a time)."""
    return require_service("PostgreSQL", "TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def redis_url():
    """A real Redis server for rate-limit counts; tests flush what they use."""
    return require_service("Redis", "TEST_REDIS_URL")


def free_port():
    """A port nothing listens on now. aiosmtpd cannot take port 0: on start it connects to
    the port it was given, to check it is up."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler keeping every message it is given, parsed."""

    def __init__(self):
        self.envelopes = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd calls it so)
        with self.arrived:
            self.envelopes.append(envelope)
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [
            email.message_from_bytes(envelope.content, policy=email.policy.default)
            for envelope in self.envelopes
        ]

    def wait_for(self, count, timeout=10):
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.envelopes) >= count, timeout)


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on 127.0.0.1; `inbox` is emptied for each test that uses it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.inbox = inbox
    yield controller
    controller.stop()


@pytest.fixture
def smtp(smtp_server):
    smtp_server.inbox.envelopes.clear()
    return smtp_server


@pytest.fixture
def silent_smtp_server():
    """Accepts connections and never says a word, as a hung mail server does."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()
