"""Real Chromium, moving from page to page, asks the server for each static asset once:
fingerprinted assets are cached for a year (tests/service/test_static.py checks the headers)."""

import threading

import pytest
from werkzeug.serving import make_server

from tests.settings import make_app

pytestmark = pytest.mark.browser


def test_a_real_browser_loads_each_asset_once(browser):
    """One browser context, so one cache, as a person's browser has."""
    app = make_app(RATELIMIT_ENABLED=False)
    asked = []
    serve = app.wsgi_app

    def counting(environ, start_response):
        asked.append(environ["PATH_INFO"])
        return serve(environ, start_response)

    app.wsgi_app = counting
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context()
    try:
        page = context.new_page()
        for path in ("/", "/privacy", "/accessibility", "/"):
            page.goto(f"http://127.0.0.1:{server.port}{path}", wait_until="load")
    finally:
        context.close()
        server.shutdown()
        thread.join(timeout=5)
    # Chromium's favicon loader keeps its own store and may ask for the icon again on a
    # later visit; the page's own stylesheet, script and images are what the cache must hold.
    assets = [path for path in asked if path.startswith("/assets/") and "favicon" not in path]
    assert sorted(assets) == sorted(set(assets))
    assert "/assets/stylesheets/application.css" in assets
    assert "/assets/javascripts/govuk-frontend.min.js" in assets
