"""Every URL the service answers, so none appears or disappears without a decision; and what
it answers to a method or an address it does not take: 405 or 404, never a server error."""

import re

import pytest

from service.extensions import db
from tests.settings import make_app

EXPECTED = {
    ("/", "pages.start", "GET"),
    ("/which-document", "pages.which_document", "GET"),
    ("/privacy", "pages.privacy", "GET"),
    ("/accessibility", "pages.accessibility", "GET"),
    ("/cookies", "pages.cookies", "GET"),
    ("/assets/<path:filename>", "static", "GET"),
    ("/documents/<slug>/", "journey.start", "GET"),
    ("/documents/<slug>/<step>", "journey.step", "GET,POST"),
    ("/documents/<slug>/check-answers", "journey.check", "GET"),
    ("/documents/<slug>/done", "journey.done", "GET"),
    ("/documents/<slug>/download", "journey.download", "GET"),
    ("/documents/<slug>/download.pdf", "journey.download_pdf", "GET"),
    ("/documents/<slug>/calendar.ics", "journey.calendar", "GET"),
    ("/documents/<slug>/email", "journey.email", "GET,POST"),
    ("/documents/<slug>/check-email", "journey.check_email", "GET"),
    ("/documents/<slug>/blank", "journey.blank", "GET"),
    ("/documents/<slug>/delete", "journey.delete", "GET,POST"),
    ("/documents/<slug>/deleted", "journey.deleted", "GET"),
    ("/api/v1/documents", "api.documents", "GET"),
    ("/api/v1/documents/<slug>/example", "api.example", "GET"),
    ("/api/v1/documents/<slug>", "api.produce", "POST"),
    ("/api/v1/openapi.json", "api.openapi", "GET"),
    ("/api/v1/answers", "api.answers", "POST"),
    ("/your-documents", "cases.your_documents", "GET"),
    ("/your-documents/<ref>/name", "cases.rename", "GET,POST"),
    ("/your-documents/keep", "cases.keep", "POST"),
    ("/your-documents/<ref>/next", "cases.choose_next", "GET,POST"),
    ("/your-documents/<ref>/next/<target>", "cases.start_next", "GET,POST"),
    ("/your-documents/email-link", "cases.email_link", "GET,POST"),
    ("/come-back/<token>", "cases.come_back", "GET,POST"),
    ("/clear-device", "cases.clear_device", "GET,POST"),
    ("/device-cleared", "cases.device_cleared", "GET"),
    ("/your-documents/upload", "cases.upload", "GET,POST"),
    ("/your-documents/<ref>/opened", "cases.uploaded", "GET"),
    ("/api/v1/documents/<slug>/bulk", "api.bulk", "POST"),
    ("/whole-register/", "bulk.index", "GET,POST"),
    ("/whole-register/<job_id>/columns", "bulk.columns", "GET,POST"),
    ("/whole-register/<job_id>/check", "bulk.check", "GET"),
    ("/whole-register/<job_id>/documents.zip", "bulk.download", "GET"),
    ("/whole-register/<job_id>/pdf", "bulk.make_pdfs", "POST"),
    ("/whole-register/<job_id>/progress", "bulk.progress", "GET"),
    ("/whole-register/<job_id>/pdfs.zip", "bulk.download_pdfs", "GET"),
    ("/whole-register/<job_id>/delete", "bulk.delete", "POST"),
    ("/whole-register/template/<slug>.csv", "bulk.template_as_csv", "GET"),
    ("/whole-register/template/<slug>.xlsx", "bulk.template_as_xlsx", "GET"),
    ("/o/<org>/", "organisations.front_door", "GET"),
    ("/o/<org>/logo.<extension>", "organisations.logo", "GET"),
    ("/o/<org>/leaflet", "organisations.leaflet", "GET"),
    ("/o/<org>/pack", "organisations.pack", "GET"),
    ("/o/<org>/pack.zip", "organisations.pack_zip", "GET"),
    ("/o/<org>/figures/<secret>", "organisations.figures", "GET"),
    ("/o/<org>/figures/<secret>.csv", "organisations.figures_csv", "GET"),
}


def test_route_snapshot(app):
    routes = {
        (
            rule.rule,
            rule.endpoint,
            ",".join(sorted(rule.methods - {"HEAD", "OPTIONS"})),
        )
        for rule in app.url_map.iter_rules()
    }
    assert routes == EXPECTED


# --- wrong methods and unknown addresses: 405 or 404, never 500 ---------------------------

METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH")
FILLED = {"slug": "concern-letter", "step": "child", "filename": "no-such-file.css"}


@pytest.fixture
def unlimited():
    """The app with rate limits off: these tests send many requests, about routing only."""
    app = make_app(RATELIMIT_ENABLED=False)
    with app.app_context():
        db.create_all()
        yield app


def token_from(app, client, slug="concern-letter"):
    """A real security token, from the first step of a journey."""
    first = app.extensions["catalogue"].get(slug).steps[0]
    page = client.get(f"/documents/{slug}/{first.slug}").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]


def _filled(rule):
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda match: FILLED.get(match[1], "x"), rule.rule)


def _declared(rule):
    return rule.methods | {"OPTIONS"}  # werkzeug adds HEAD where there is GET


def test_every_address_answers_every_method_without_a_server_error(unlimited):
    """No token, no draft, no cookie: whatever is sent, the answer is never a 5xx, and a
    method an address does not take gets 405 with `Allow`."""
    client = unlimited.test_client()
    for rule in unlimited.url_map.iter_rules():
        url = _filled(rule)
        for method in METHODS:
            response = client.open(url, method=method)
            assert response.status_code < 500, (method, url)
            if method not in _declared(rule):
                assert response.status_code == 405, (method, url)
                assert set(response.headers["Allow"].split(", ")) >= _declared(rule)
                if url.startswith("/api/") and method != "HEAD":  # JSON, in the API's shape
                    assert response.get_json()["errors"]["request"], (method, url)


@pytest.mark.parametrize(
    "page",
    ["check-answers", "done", "download", "download.pdf", "calendar.ics", "blank", "deleted"],
)
def test_a_post_to_a_journey_page_that_takes_none_is_405_not_500(unlimited, page):
    """These pages share their address's shape with the steps (`/documents/<slug>/<step>`),
    which take POST: a POST without a token used to reach the CSRF handler, whose page for a
    step could not find one and failed with a 500."""
    client = unlimited.test_client()
    response = client.post(f"/documents/concern-letter/{page}", data={"x": "1"})
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "This page cannot do what your browser asked" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "/documents/concern-letter/nonsense",
        "/documents/no-such-document/child",
        "/documents/no-such-document/email",
        "/documents/no-such-document/delete",
    ],
)
@pytest.mark.parametrize("token", [False, True])
def test_a_post_to_an_unknown_step_or_document_is_404(unlimited, url, token):
    client = unlimited.test_client()
    data = {"child_name": "Ada"}
    if token:  # a real token from a real page: the answer must not depend on it
        data["csrf_token"] = token_from(unlimited, client)
    response = client.post(url, data=data)
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
