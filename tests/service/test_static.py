"""Static assets: every URL a page emits carries a content fingerprint and is cached for a
year; a changed file gets a new URL; anything else under /assets/ is cached briefly; pages are
never cached."""

import re
from pathlib import Path

import pytest
from lxml import html

from service.static_files import BRIEFLY, FOREVER
from tests.settings import make_app

# Pages that between them use every part of the layout: the start page, a journey step with a
# back link, an error page, and a page of the site's own.
PAGES = ["/", "/documents/concern-letter/recipient", "/no-such-page", "/privacy"]


def asset_urls(page):
    """Every URL under /assets/ the page asks a browser to load, the module script's import
    included."""
    tree = html.fromstring(page)
    urls = tree.xpath("//link/@href | //script/@src | //img/@src | //source/@srcset")
    for script in tree.xpath("//script/text()"):
        urls += re.findall(r"""from\s+["']([^"']+)["']""", script)
    return sorted({url for url in urls if url.startswith("/assets/")})


def fetch(client, url, **options):
    """The response, read and closed (Flask sends a file it keeps open until then)."""
    response = client.get(url, **options)
    response.get_data()
    response.close()
    return response


@pytest.mark.parametrize("path", PAGES)
def test_every_asset_a_page_loads_is_fingerprinted_and_cached_for_a_year(client, path):
    urls = asset_urls(client.get(path).data)
    assert len(urls) >= 3  # the stylesheet, the favicon and GOV.UK Frontend's script
    for url in urls:
        assert re.search(r"\?v=[0-9a-f]{16}$", url), url
        response = fetch(client, url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == FOREVER, url


def test_a_revalidated_asset_keeps_its_lifetime(client):
    url = asset_urls(client.get("/").data)[0]
    etag = fetch(client, url).headers["ETag"]
    again = fetch(client, url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["Cache-Control"] == FOREVER


def test_an_asset_without_its_fingerprint_is_cached_briefly(client):
    stylesheet = "/assets/stylesheets/application.css"
    for url in (stylesheet, f"{stylesheet}?v=0123456789abcdef", "/assets/images/favicon.svg"):
        response = fetch(client, url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == BRIEFLY, url
        assert response.headers["ETag"]  # so the browser can check back cheaply


def test_pages_and_missing_assets_are_never_cached(client):
    assert client.get("/").headers["Cache-Control"] == "no-store"
    missing = fetch(client, "/assets/stylesheets/missing.css")
    assert missing.status_code == 404
    assert missing.headers["Cache-Control"] == "no-store"


def test_the_stylesheet_loads_no_font_and_no_file_it_could_keep_stale(app, client):
    """A URL named inside the stylesheet has no fingerprint: it must be one the pages never
    load (the GOV.UK crest, for the GOV.UK footer this service does not draw) or be cached
    briefly."""
    stylesheet = Path(app.static_folder) / "stylesheets" / "application.css"
    css = stylesheet.read_text()
    assert "@font-face" not in css
    for url in set(re.findall(r"""url\(["']?(/assets/[^"')]+)""", css)):
        response = fetch(client, url)
        assert response.status_code == 404 or response.headers["Cache-Control"] == BRIEFLY, url


def test_a_changed_file_gets_a_new_url(tmp_path):
    app = make_app()
    app.static_folder = str(tmp_path)
    (tmp_path / "site.css").write_text("body { color: black }")
    client = app.test_client()
    with app.test_request_context():
        first = app.url_for("static", filename="site.css")
    (tmp_path / "site.css").write_text("body { color: navy }")
    with app.test_request_context():
        second = app.url_for("static", filename="site.css")
    assert first != second
    assert fetch(client, second).headers["Cache-Control"] == FOREVER
    assert fetch(client, second).data == b"body { color: navy }"
    # The old page's URL now brings the new file, so it must not be kept long.
    assert fetch(client, first).headers["Cache-Control"] == BRIEFLY


def test_a_url_for_a_missing_file_has_no_fingerprint(app):
    with app.test_request_context():
        assert app.url_for("static", filename="nothing-here.css") == "/assets/nothing-here.css"
        assert app.url_for("static", filename="../config.py") == "/assets/../config.py"
