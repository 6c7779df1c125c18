"""Real Chromium (Debian's, through Playwright) against the app served on 127.0.0.1.

axe-core is injected through the DevTools protocol (page.evaluate), which the page's
Content-Security-Policy does not govern, so the tests run under the real CSP and any CSP
violation the page itself causes fails the test.
"""

import json
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from service.extensions import db
from tests.settings import make_app

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def serve(tmp_path_factory, **settings):
    """Serve the service on a free port, with its drafts in a SQLite file of its own and rate
    limits off, plus `settings`; yields its address, for a fixture to yield in turn."""
    instance = tmp_path_factory.mktemp("instance")
    app = make_app(
        instance_path=str(instance),
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{instance}/drafts.sqlite3",
        RATELIMIT_ENABLED=False,
        **settings,
    )
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, smtp_server):
    """The service on a free port, sending email to the test SMTP server."""
    yield from serve(
        tmp_path_factory,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        MAIL_DEFAULT_SENDER="letters@service.example.org",
    )


@pytest.fixture(scope="session")
def browser(chromium_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _watch(page):
    """Collect script errors, CSP violations and sub-resources that failed to load.
    The page's own status is not a problem here (a 404 page is meant to be a 404)."""
    problems = []

    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    return page


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield _watch(context.new_page())
    context.close()


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def check_accessible(axe_source):
    """Run axe on the page as it is now; fail with a readable list of any violation."""

    def check(page, label=""):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source + "\n;undefined")
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = [
            {
                "id": violation["id"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
        ]
        assert violations == [], f"{label or page.url}: {json.dumps(violations, indent=1)}"
        assert getattr(page, "problems", []) == [], f"{label or page.url}: {page.problems}"

    return check
