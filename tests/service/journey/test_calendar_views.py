"""The calendar file of a finished document, and its dates on the done page."""

import icalendar
import pytest
from lxml import html

from bench.drafts import finished_draft_cookie
from forms import CATALOGUE
from tests.service.journey.finished import catalogue_app, finished_client
from tests.settings import make_app

DOCUMENTS = {document.slug: document for document in CATALOGUE}
DATED = [slug for slug in DOCUMENTS if slug != "complaint"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return catalogue_app(tmp_path_factory.mktemp("calendar"))


@pytest.mark.parametrize("slug", DATED)
def test_a_finished_document_gives_its_dates_as_a_calendar_file(app, slug):
    response = finished_client(app, slug).get(f"/documents/{slug}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert disposition.endswith('.ics"')
    assert f"Dates to remember, {DOCUMENTS[slug].name_for_reader}" in disposition
    assert response.headers["Cache-Control"] == "no-store"
    calendar = icalendar.Calendar.from_ical(response.data)
    assert calendar.walk("VEVENT")


def test_neither_the_file_nor_its_name_names_the_child(app):
    slug = "ehc-needs-assessment-request"
    child = DOCUMENTS[slug].example["child_name"]
    response = finished_client(app, slug).get(f"/documents/{slug}/calendar.ics")
    assert child not in response.headers["Content-Disposition"]
    assert child.encode() not in response.data


def test_the_events_are_the_done_pages_dates(app):
    slug = "sen-support-plan"
    client = finished_client(app, slug)
    page = html.fromstring(client.get(f"/documents/{slug}/done").get_data(as_text=True))
    (section,) = page.xpath("//h2[@id='dates']")
    assert section.text_content() == "Dates to remember"
    shown = [key.text_content().strip() for key in page.xpath("//dl/div/dt")]
    events = icalendar.Calendar.from_ical(client.get(f"/documents/{slug}/calendar.ics").data)
    days = [event.decoded("DTSTART").strftime("%-d %B %Y") for event in events.walk("VEVENT")]
    assert shown == days
    (link,) = page.xpath("//a[normalize-space()='Add these dates to your calendar (.ics file)']")
    assert link.get("href").split("?")[0] == f"/documents/{slug}/calendar.ics"


def test_a_document_without_dates_has_no_file_and_no_section(app):
    client = finished_client(app, "complaint")
    assert client.get("/documents/complaint/calendar.ics").status_code == 404
    page = client.get("/documents/complaint/done").get_data(as_text=True)
    assert "Dates to remember" not in page
    assert "calendar.ics" not in page


def test_an_unfinished_draft_goes_to_the_first_question_left(app):
    response = app.test_client().get("/documents/ehc-needs-assessment-request/calendar.ics")
    assert response.status_code == 302
    assert "calendar" not in response.headers["Location"]
    assert response.headers["Location"].startswith("/documents/ehc-needs-assessment-request/")


def test_the_address_takes_no_post(app):
    client = finished_client(app, "concern-letter")
    assert client.post("/documents/concern-letter/calendar.ics").status_code == 405


def test_the_file_is_counted_as_work(app):
    limited = make_app(
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        RATELIMIT_RENDER="1 per minute",
    )
    client = limited.test_client()
    name, value = finished_draft_cookie(limited, "concern-letter").split("=", 1)
    client.set_cookie(name, value)
    assert client.get("/documents/concern-letter/calendar.ics").status_code == 200
    assert client.get("/documents/concern-letter/calendar.ics").status_code == 429
