"""A browser's hold on its drafts: for the browser session only, dropped after the idle time
(and the next page says so), kept for the retention period only when the user asks, and
cleared at once with "Clear this device"."""

import time

from lxml import html

from service import device
from service.config import RANGES
from tests.service.cases.holding import hold
from tests.service.own_document import csrf_token, post


def titles(client):
    doc = html.fromstring(client.get("/your-documents").get_data(as_text=True))
    return [
        t.strip() for t in doc.xpath("//h2[contains(@class, 'govuk-summary-card__title')]/text()")
    ]


def age(client, seconds):
    """Make the browser's last use `seconds` ago, as if it had sat unused."""
    with client.session_transaction() as stored:
        stored[device.SEEN] = int(time.time()) - seconds


def keep(client, choice):
    token = csrf_token(client, "/your-documents")
    response = post(client, "/your-documents/keep", {"keep": choice}, token)
    assert response.status_code == 303
    return client.get(response.location).get_data(as_text=True)


def session_cookie(client):
    return client.get_cookie("sen_session")


def test_the_cookie_lasts_for_the_browser_session_unless_the_user_asks(app, client):
    hold(client, app, "concern-letter")
    response = client.get("/your-documents")
    assert response.status_code == 200
    assert session_cookie(client).expires is None
    said = keep(client, "yes")
    assert "This device will keep your documents for 30 days after you last use" in said
    assert session_cookie(client).expires is not None
    said = keep(client, "no")
    assert "This device will forget your documents when you close your browser" in said
    assert session_cookie(client).expires is None


def test_after_the_idle_time_the_device_no_longer_opens_the_drafts(app, client):
    hold(client, app, "concern-letter", name="Sam’s letter")
    age(client, app.config["DRAFT_IDLE_MINUTES"] * 60 - 30)
    assert titles(client) == ["Sam’s letter"]  # within the time: kept, and the clock restarts
    age(client, app.config["DRAFT_IDLE_MINUTES"] * 60 + 1)
    page = client.get("/your-documents").get_data(as_text=True)
    assert "This device no longer holds your documents." in page
    assert "2 hours" in page
    assert titles(client) == []
    assert "This device no longer holds" not in client.get("/").get_data(as_text=True)


def test_a_device_the_user_chose_to_keep_is_not_dropped_when_idle(app, client):
    hold(client, app, "concern-letter", name="Kept")
    keep(client, "yes")
    age(client, app.config["DRAFT_IDLE_MINUTES"] * 60 * 5)
    assert titles(client) == ["Kept"]


def test_clear_this_device_asks_first_then_forgets_everything(app, client):
    hold(client, app, "concern-letter", name="Sam’s letter")
    home = html.fromstring(client.get("/").get_data(as_text=True))
    assert home.xpath("//nav//a[normalize-space()='Clear this device']/@href") == ["/clear-device"]
    confirm = client.get("/clear-device").get_data(as_text=True)
    assert "This removes your document from this phone, tablet or computer" in confirm
    response = post(client, "/clear-device", {})
    assert response.status_code == 303
    assert "This device has been cleared" in client.get(response.location).get_data(as_text=True)
    assert titles(client) == []
    with client.session_transaction() as stored:
        assert device.KEY not in stored


def test_the_idle_time_is_a_setting_with_bounds(app):
    assert RANGES["DRAFT_IDLE_MINUTES"][:2] == (5, 12 * 60)
    assert app.config["DRAFT_IDLE_MINUTES"] == 120
