"""The API fuzzed by schemathesis from its own OpenAPI document, against a real server on
loopback: whatever it is sent, it never answers with a server error, and every answer is one
the document describes (status, content type, headers, JSON shape).

Every operation gets the document's examples and random requests, valid and invalid; the
concern letter also gets schemathesis' systematic cases (each question's boundaries and wrong
types, missing and unexpected parts, other methods), which cost too many requests to run for
every document in a fast test. The run is deterministic.

Not checked: schemathesis' `negative_data_rejection`. The API rightly accepts some requests
the schema calls invalid: an answer to a question that does not apply is ignored, whatever it
is (the README says so), and text is trimmed before its length is counted.

PDF is unavailable (LIBREOFFICE_PATH names no program), so `format=pdf` gets the documented
503 at once instead of waiting on LibreOffice. The rate limits are raised, not turned off, so
the limiter runs on every request but refuses none.
"""

import threading
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks
from werkzeug.serving import make_server

from tests.settings import make_app, raised_limits

PDF_UNAVAILABLE = "PDF is not available on this server: ask for docx instead"
EXAMPLES = 40  # random requests per operation
CHECKS = (
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "unsupported_method",
)
FUZZING = {"stateful": {"enabled": False}, "coverage": {"enabled": False}}
COVERAGE = {"stateful": {"enabled": False}, "fuzzing": {"enabled": False}}


# The API's document as the app serves it, read at collection: schemathesis makes one test
# per operation from it (its fixture-based loader does not run under this pytest).
DOCUMENT = make_app().test_client().get("/api/v1/openapi.json").get_json()


def load(phases):
    config = {"seed": 10, "generation": {"mode": "all", "database": "none"}, "phases": phases}
    return schemathesis.openapi.from_dict(DOCUMENT, config=schemathesis.Config.from_dict(config))


fuzzed = load(FUZZING)
covered = load(COVERAGE).include(path="/api/v1/documents/concern-letter")
deterministic = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def server_url():
    app = make_app(
        LIBREOFFICE_PATH="/nonexistent/soffice",
        **raised_limits(),
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join()


@fuzzed.parametrize()
@deterministic
def test_random_requests_are_answered_as_described(case, server_url):
    call_and_check(case, server_url)


@covered.parametrize()
@deterministic
def test_each_question_s_boundaries_are_answered_as_described(case, server_url):
    call_and_check(case, server_url)


def call_and_check(case, server_url):
    chosen = [no_server_error_but_pdf_unavailable, *(getattr(checks, name) for name in CHECKS)]
    case.call_and_validate(base_url=server_url, checks=chosen)


def no_server_error_but_pdf_unavailable(ctx, response, case):
    """schemathesis' own check, less the one 5xx this server must give: PDF asked for where
    LibreOffice is not installed (503, documented)."""
    sent = parse_qs(urlsplit(response.request.url).query)
    if response.status_code == 503 and sent.get("format", [""])[0] == "pdf":
        assert response.json()["errors"]["format"] == [PDF_UNAVAILABLE]
        return None
    return checks.not_a_server_error(ctx, response, case)
