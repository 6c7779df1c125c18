"""Security headers, the nonce-based CSP, request size and form rate limits."""

import re

from lxml import html

from tests.settings import make_app


def test_security_headers_and_nonce_csp(client):
    response = client.get("/")
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    scripts = html.fromstring(response.data).xpath("//script")
    assert scripts
    assert all(script.get("nonce") == nonce for script in scripts)


def test_nonce_changes_per_request(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_form_posts_are_rate_limited():
    app = make_app(RATELIMIT_FORMS="2 per minute")
    client = app.test_client()
    statuses = [
        client.post("/documents/concern-letter/delete", data={}).status_code for _ in range(3)
    ]
    assert statuses[-1] == 429


def test_oversized_form_post_is_a_friendly_413(client):
    response = client.post("/documents/concern-letter/delete", data={"x": "y" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert b"too large" in response.data


def test_answers_are_never_logged(app, caplog):
    client = app.test_client()
    page = client.get("/documents/concern-letter/recipient")
    token = html.fromstring(page.data).xpath("//input[@name='csrf_token']/@value")[0]
    with caplog.at_level("DEBUG"):
        client.post(
            "/documents/concern-letter/recipient",
            data={"csrf_token": token, "recipient": "head", "head_name": "Secret-Name-123"},
        )
    assert "Secret-Name-123" not in caplog.text


def test_each_security_header_is_sent_once_on_every_kind_of_response(client):
    """They are added, not set (see service.security): nothing else may set them."""
    requests = [
        ("GET", "/", None),
        ("GET", "/no-such-page", None),
        ("GET", "/assets/stylesheets/application.css", None),
        ("GET", "/api/v1/documents", None),
        ("POST", "/api/v1/documents/concern-letter", {"child_name": "Ada"}),  # a 422
        ("POST", "/api/v1/documents/concern-letter?blank=1", None),
    ]
    names = (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
        "Permissions-Policy",
    )
    for method, path, answers in requests:
        response = client.open(path, method=method, json=answers)
        response.close()  # a static file is sent from an open file
        for name in names:
            assert len(response.headers.getlist(name)) == 1, (path, name)
