"""The start page, the privacy, accessibility and cookies pages, the layout and the error pages.

The pages must not look like a gov.uk service: no crown, no GOV.UK name or icons.
"""

import re
from dataclasses import replace
from itertools import pairwise

import pytest
from flask import abort, render_template_string, request, url_for
from flask_wtf import FlaskForm
from lxml import html
from werkzeug.exceptions import TooManyRequests
from wtforms import StringField
from wtforms.validators import InputRequired

from tests.service.steps_for_tests import First
from tests.service.steps_for_tests import make as make_document
from tests.settings import make_app

PAGES = ["/", "/which-document", "/privacy", "/accessibility", "/cookies"]
# A made-up document for two audiences, beside the real catalogue: it must be listed once,
# saying it is for both.
TWO_AUDIENCES = replace(
    make_document("example-two-audiences", audience=("parent", "young-person"), steps=(First,)),
    title="Ask for your child’s records (example)",
    summary="Use this to ask a school for the information it holds.",
)


@pytest.fixture
def app(app):
    """The real app (tests/conftest.py) handed one extra document in its catalogue."""
    return make_app(catalogue=[*app.extensions["catalogue"], TWO_AUDIENCES])


@pytest.fixture
def error_routes(app):
    """Routes that fail on purpose, in the web part and under /api/."""

    def fail(code):
        if code == 429:
            raise TooManyRequests(retry_after=60)
        abort(code)

    def read_form():
        return str(len(request.form))

    for prefix in ("/_test", "/api/_test"):
        app.add_url_rule(f"{prefix}/fail/<int:code>", f"{prefix}-fail", fail)
        app.add_url_rule(f"{prefix}/form", f"{prefix}-form", read_form, methods=["POST"])
    return app


def parse(response):
    return html.fromstring(response.get_data(as_text=True))


def text(element):
    return " ".join(element.text_content().split())


def get_page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status
    return parse(response)


def test_start_page_lists_each_document_once_in_its_section(app, client):
    page = get_page(client, "/")
    catalogue = app.extensions["catalogue"]
    sections = catalogue.sections()
    headings = [
        text(h2) for h2 in page.xpath("//main//h2[contains(@class, 'app-section-heading')]")
    ]
    assert headings == [section.heading for section, _, _ in sections]

    with app.test_request_context():
        for section, documents, _ in sections:
            (h2,) = page.xpath("//main//h2[@id=$key]", key=section.key)
            assert text(h2) == section.heading
            items = h2.xpath("following-sibling::ul[contains(@class, 'app-document-list')][1]/li")
            assert len(items) == len(documents)
            for item, document in zip(items, documents, strict=True):
                (link,) = item.xpath(".//h3/a")
                assert text(link) == document.title
                assert link.get("href") == url_for("journey.start", slug=document.slug)
                details = [text(p) for p in item.xpath("p")]
                assert details == [
                    document.summary,
                    f"For {document.for_whom}. It takes {document.time_text}.",
                ]
        for document in catalogue:
            href = url_for("journey.start", slug=document.slug)
            assert len(page.xpath("//main//h3/a[@href=$href]", href=href)) == 1, document.slug


def test_a_document_for_two_audiences_is_listed_once_saying_so(client):
    page = get_page(client, "/")
    (link,) = page.xpath(f"//main//h3/a[normalize-space()='{TWO_AUDIENCES.title}']")
    (facts,) = link.xpath("ancestor::li[1]/p[contains(@class, 'app-document-list__facts')]")
    assert text(facts).startswith("For parents and carers, and young people aged 16 to 25.")


def test_start_page_says_what_it_is(app, client):
    main = text(get_page(client, "/").xpath("//main")[0])
    assert "It is free." in main
    assert f"We keep your answers for {app.config['DRAFT_RETENTION_DAYS']} days" in main
    assert "not legal advice" in main
    assert "special educational needs (SEN)" in main


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_one_h1_and_headings_in_order(client, path):
    page = get_page(client, path)
    assert len(page.xpath("//h1")) == 1
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    main_levels = [int(h.tag[1]) for h in page.xpath("//main")[0].iter("h1", "h2", "h3", "h4")]
    assert main_levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


@pytest.mark.parametrize("path", [*PAGES, "/no-such-page"])
def test_layout_is_our_own_not_gov_uk(app, client, path):
    response = client.get(path)
    page = parse(response)
    service_name = app.config["SERVICE_NAME"]

    assert page.get("lang") == "en-GB"
    title = text(page.find(".//title"))
    assert title == service_name or title.endswith(f" – {service_name}")

    header = page.xpath("//header")[0]
    assert "GOV.UK" not in text(header)
    assert not page.xpath("//svg")  # no crown, no crest
    assert not page.xpath("//*[contains(@class, 'govuk-header__logo')]")
    assert not page.xpath("//*[contains(@class, 'copyright-logo')]")
    assert "crown" not in response.get_data(as_text=True).lower()
    (home,) = header.xpath(".//a[contains(@class, 'govuk-service-navigation__link')]")
    assert text(home) == service_name
    assert home.get("href") == "/"

    icons = page.xpath("//link[contains(@rel, 'icon') or @rel='manifest']")
    # Asset URLs carry a content fingerprint (?v=...), tested in test_static.py.
    assert [(icon.get("rel"), icon.get("href").split("?")[0]) for icon in icons] == [
        ("icon", "/assets/images/favicon.svg")
    ]
    assert not page.xpath("//meta[@property='og:image']")
    stylesheets = [link.get("href") for link in page.xpath("//link[@rel='stylesheet']")]
    assert [href.split("?")[0] for href in stylesheets] == ["/assets/stylesheets/application.css"]


@pytest.mark.parametrize("path", [*PAGES, "/no-such-page"])
def test_footer_links_and_disclaimer(client, path):
    page = get_page(client, path, status=404 if path == "/no-such-page" else 200)
    (footer,) = page.xpath("//footer")
    links = {text(a): a.get("href") for a in footer.xpath(".//a")}
    assert links["Privacy"] == "/privacy"
    assert links["Accessibility"] == "/accessibility"
    assert links["Cookies"] == "/cookies"
    assert "IPSEA" in links
    words = text(footer)
    assert "not a government service" in words
    assert "not legal advice" in words
    assert "SENDIASS" in words


@pytest.mark.parametrize("path", PAGES)
def test_scripts_are_modules_with_the_nonce(client, path):
    response = client.get(path)
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    scripts = parse(response).xpath("//script")
    assert scripts
    assert all(script.get("nonce") == nonce for script in scripts)
    (module,) = [s for s in scripts if s.get("type") == "module"]
    assert '"/assets/javascripts/govuk-frontend.min.js?v=' in module.text
    assert "initAll()" in module.text


def test_organisation_header_only_when_configured(app, client):
    assert not get_page(client, "/").xpath("//*[contains(@class, 'govuk-generic-header')]")
    app.config.update(ORGANISATION_NAME="Anytown SENDIASS", ORGANISATION_URL="https://example.org/")
    page = get_page(client, "/")
    (link,) = page.xpath("//header//a[contains(@class, 'govuk-generic-header__homepage-link')]")
    assert text(link) == "Anytown SENDIASS"
    assert link.get("href") == "https://example.org/"


def test_privacy_page(app, client):
    main = text(get_page(client, "/privacy").xpath("//main")[0])
    assert f"for {app.config['DRAFT_RETENTION_DAYS']} days after you last change them" in main
    assert "encrypted" in main
    assert "We do not keep a copy" in main
    assert "We do not write your answers into our logs" in main
    assert "not added its contact details" in main

    app.config["PRIVACY_CONTACT"] = "Anytown SENDIASS, privacy@example.org"
    main = text(get_page(client, "/privacy").xpath("//main")[0])
    assert "Anytown SENDIASS, privacy@example.org" in main
    assert "not added its contact details" not in main


def test_accessibility_page(app, client):
    page = get_page(client, "/accessibility")
    main = text(page.xpath("//main")[0])
    assert "WCAG" in main
    assert "2.2" in main
    assert "axe" in main
    assert "JavaScript turned off" in main
    assert not page.xpath("//main//a[contains(normalize-space(), 'issue tracker')]")

    app.config["ISSUES_URL"] = "https://example.org/issues"
    page = get_page(client, "/accessibility")
    (link,) = page.xpath("//main//a[contains(normalize-space(), 'issue tracker')]")
    assert link.get("href") == "https://example.org/issues"


def test_issues_url_must_be_a_web_address(app, client):
    app.config["ISSUES_URL"] = "javascript:alert(1)"
    page = get_page(client, "/accessibility")
    assert not page.xpath("//a[starts-with(@href, 'javascript')]")


def test_cookies_page_names_the_one_cookie(app, client):
    page = get_page(client, "/cookies")
    cells = [text(td) for td in page.xpath("//main//table//tbody//*[self::th or self::td]")]
    assert cells[0] == app.config["SESSION_COOKIE_NAME"] == "sen_session"
    assert f"{app.config['DRAFT_RETENTION_DAYS']} days" in cells[2]
    assert len(page.xpath("//main//table//tbody/tr")) == 1


ERROR_HEADINGS = {
    400: "Sorry, that did not work",
    404: "Page not found",
    405: "Sorry, that did not work",
    413: "The information you sent was too large",
    415: "Sorry, that did not work",
    429: "You have sent too many requests",
    500: "Sorry, there is a problem with the service",
}


@pytest.mark.parametrize("code", sorted(ERROR_HEADINGS))
def test_error_pages(app, error_routes, client, code):
    response = client.get(f"/_test/fail/{code}")
    assert response.status_code == code
    assert response.mimetype == "text/html"
    page = parse(response)
    (h1,) = page.xpath("//h1")
    assert text(h1) == ERROR_HEADINGS[code]
    assert text(page.find(".//title")) == f"{ERROR_HEADINGS[code]} – {app.config['SERVICE_NAME']}"


@pytest.mark.parametrize("code", sorted(ERROR_HEADINGS))
def test_api_errors_are_json(error_routes, client, code):
    response = client.get(f"/api/_test/fail/{code}")
    assert response.status_code == code
    assert response.mimetype == "application/json"
    errors = response.get_json()["errors"]
    assert list(errors) == ["request"]
    assert len(errors["request"]) == 1
    assert errors["request"][0]


def test_unknown_address_is_404_in_html_and_json(client):
    assert text(get_page(client, "/nowhere", status=404).xpath("//h1")[0]) == "Page not found"
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert "request" in response.get_json()["errors"]


def test_too_large_form_post_is_413_with_what_to_do(app, error_routes, client):
    too_big = {"answer": "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)}
    response = client.post("/_test/form", data=too_big)
    assert response.status_code == 413
    page = parse(response)
    assert text(page.xpath("//h1")[0]) == "The information you sent was too large"
    assert page.xpath("//main//h2[normalize-space()='What to do']")

    response = client.post("/api/_test/form", data=too_big)
    assert response.status_code == 413
    assert response.get_json() == {"errors": {"request": ["The request was too large"]}}


def test_error_responses_keep_their_own_headers(error_routes, client):
    response = client.post("/privacy")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}
    assert client.get("/_test/fail/429").headers["Retry-After"] == "60"
    assert client.get("/api/_test/fail/429").headers["Retry-After"] == "60"


class NameForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Your name", validators=[InputRequired("Enter your name")])


PAGE_WITH_FORM = """{% extends "base.html" %}
{% block page_title %}Your name{% endblock %}
{% block content_main %}<h1 class="govuk-heading-l">Your name</h1>{% endblock %}"""


def test_form_errors_prefix_the_title_and_show_one_summary(app):
    with app.test_request_context(method="POST", data={}):
        form = NameForm()
        assert not form.validate()
        page = html.fromstring(render_template_string(PAGE_WITH_FORM, form=form))
    assert text(page.find(".//title")) == f"Error: Your name – {app.config['SERVICE_NAME']}"
    (summary,) = page.xpath("//*[contains(@class, 'govuk-error-summary')][@data-module]")
    (link,) = summary.xpath(".//a")
    assert (text(link), link.get("href")) == ("Enter your name", "#name")


def test_error_items_given_by_the_view_win(app):
    items = [{"text": "Enter the first target", "href": "#targets-0-text"}]
    with app.test_request_context(method="POST", data={}):
        form = NameForm()
        form.validate()
        page = html.fromstring(render_template_string(PAGE_WITH_FORM, form=form, error_items=items))
    links = page.xpath("//*[contains(@class, 'govuk-error-summary')]//a")
    assert [(text(a), a.get("href")) for a in links] == [
        ("Enter the first target", "#targets-0-text")
    ]


def test_a_form_without_errors_has_no_summary(app):
    with app.test_request_context():
        page = html.fromstring(render_template_string(PAGE_WITH_FORM, form=NameForm()))
    assert text(page.find(".//title")) == f"Your name – {app.config['SERVICE_NAME']}"
    assert not page.xpath("//*[contains(@class, 'govuk-error-summary')]")
