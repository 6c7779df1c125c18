"""The done page's dates to remember in real Chromium: the section at phone and desktop
widths with no accessibility violations, and its link downloading a calendar file that
parses and holds the same dates, by keyboard and without JavaScript."""

import datetime
import threading

import icalendar
import pytest
from werkzeug.serving import make_server

from bench.drafts import finished_draft_cookie
from service.extensions import db
from tests.browser.driver import KeyboardFiller
from tests.settings import make_app

pytestmark = pytest.mark.browser
LINK = "main a[href*='/calendar.ics']"
LINK_TEXT = "Add these dates to your calendar (.ics file)"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The service on a free port, with the app at hand to give a browser a finished draft."""
    instance = tmp_path_factory.mktemp("calendar")
    app = make_app(
        instance_path=str(instance),
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{instance}/drafts.sqlite3",
        RATELIMIT_ENABLED=False,
    )
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join(timeout=5)


def finished(page, served, slug):
    """The browser holds a finished draft of `slug`; its done page is open."""
    app, base = served
    name, value = finished_draft_cookie(app, slug).split("=", 1)
    page.context.add_cookies([{"name": name, "value": value, "url": base}])
    page.goto(f"{base}/documents/{slug}/done")
    return base


def shown_dates(page):
    return [text.strip() for text in page.locator("#dates ~ dl dt").all_inner_texts()]


def event_dates(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [event.decoded("DTSTART") for event in calendar.walk("VEVENT")]


def long_date(day):
    return day.strftime("%-d %B %Y")


@pytest.mark.parametrize("slug", ["ehc-needs-assessment-request", "sen-support-plan"])
def test_the_dates_read_well_at_both_widths_and_download_by_keyboard(
    page, served, check_accessible, slug
):
    finished(page, served, slug)
    assert page.inner_text("#dates") == "Dates to remember"
    shown = shown_dates(page)
    assert len(shown) == 3
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("#dates").scroll_into_view_if_needed()
        check_accessible(page, f"done page at {width} px")
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.inner_text(LINK) == LINK_TEXT
    keyboard = KeyboardFiller(page)
    keyboard.focus(LINK)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".ics")
    assert [long_date(day) for day in event_dates(download.value.path())] == shown
    assert page.problems == []


def test_the_link_works_without_javascript(page_without_javascript, served):
    page = page_without_javascript
    finished(page, served, "records-request")
    (shown,) = shown_dates(page)
    with page.expect_download() as download:
        page.click(LINK)
    (day,) = event_dates(download.value.path())
    assert isinstance(day, datetime.date)
    assert long_date(day) == shown


def test_a_document_without_dates_shows_no_section(page, served, check_accessible):
    finished(page, served, "complaint")
    assert page.locator("#dates").count() == 0
    assert page.locator(LINK).count() == 0
    check_accessible(page, "done page without dates")
