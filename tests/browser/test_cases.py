"""Cases in real Chromium: a SENCO turns last term's plan into its review and its calendar
file; two tabs keep two letters apart; a link by email moves the documents to another device;
"Clear this device" by keyboard and without JavaScript. Every new page is checked with axe at
phone and desktop widths, and must not scroll sideways on a phone."""

import datetime
import re

import icalendar
import pytest

from tests.browser.conftest import _watch
from tests.browser.driver import KeyboardFiller, PointerFiller, fill_step, step_slug

pytestmark = pytest.mark.browser
PHONE, DESKTOP = 390, 1280
CALENDAR = "main a[href*='/calendar.ics']"
CARD_TITLES = "main .govuk-summary-card__title"
SENCO = "senco@school.example.org"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def check_widths(page, check_accessible, label):
    """No accessibility violation at either width, and nothing wider than a phone's screen."""
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 844})
        check_accessible(page, f"{label} at {width} px")
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        assert scrolled <= width, f"{label} scrolls sideways at {width} px"
    page.set_viewport_size({"width": PHONE, "height": 844})


def made_document(page, base, slug, answers=None):
    """A Word document the service made from `answers` (the example's unless given), as a
    file to choose in the upload box."""
    answers = answers or example(page, base, slug)
    response = page.request.post(f"{base}/api/v1/documents/{slug}", data=answers)
    assert response.ok, response.text()
    return {"name": f"{slug}.docx", "mimeType": DOCX, "buffer": response.body()}


def example(page, base, slug):
    return page.request.get(f"{base}/api/v1/documents/{slug}/example").json()


def listing(page, base, slug):
    documents = page.request.get(f"{base}/api/v1/documents").json()["documents"]
    return next(document for document in documents if document["slug"] == slug)


def go(page, selector):
    with page.expect_navigation():
        page.click(selector)


def upload(page, file):
    """From the upload page, send the file; lands on the page after."""
    page.set_input_files("input[name='document']", file)
    go(page, "main form button")


def card_titles(page):
    return [title.strip() for title in page.locator(CARD_TITLES).all_inner_texts()]


class GapFiller(PointerFiller):
    """Answers only the questions still empty: what an earlier document carried over stays
    exactly as it came, for the test to find on check your answers."""

    def type(self, selector, value):
        if not self.page.input_value(selector):
            super().type(selector, value)

    def choose(self, name, value):
        if not self.page.locator(f"input[type=radio][name='{name}']:checked").count():
            super().choose(name, value)


def finish_gaps(page, base, slug):
    """From the step the page is on to check your answers, filling what is still empty with
    the document's example answers; returns the steps seen."""
    fields_by_step = {}
    for field in listing(page, base, slug)["fields"]:
        fields_by_step.setdefault(field["step"], []).append(field)
    answers = example(page, base, slug)
    filler, seen = GapFiller(page), []
    while (current := step_slug(page.url, slug)) not in ("check-answers", None):
        assert current not in seen, f"the journey came back to {current}"
        seen.append(current)
        fill_step(filler, fields_by_step.get(current, []), answers)
    assert step_slug(page.url, slug) == "check-answers", page.url
    return seen


def test_last_terms_plan_becomes_its_review_and_a_calendar_file(
    page, live_server, check_accessible
):
    base = live_server
    plan = example(page, base, "sen-support-plan")
    plan_file = made_document(page, base, "sen-support-plan", plan)

    page.goto(f"{base}/your-documents")
    assert "There are no documents on this device." in page.inner_text("main")
    check_widths(page, check_accessible, "your documents, none yet")
    go(page, "main a[href='/your-documents/upload']")
    assert page.inner_text("main h1") == "Upload a document you made before"
    check_widths(page, check_accessible, "upload")

    # Another program's file first: refused with a message that leads to the file box.
    upload(page, {"name": "notes.docx", "mimeType": DOCX, "buffer": b"Notes from the meeting"})
    assert page.title().startswith("Error: ")
    check_widths(page, check_accessible, "upload refused")
    assert page.locator(".govuk-error-summary a[href='#document']").count() == 1

    upload(page, plan_file)
    assert page.inner_text("main h1") == "We have opened your SEN support plan"
    check_widths(page, check_accessible, "opened")
    go(page, "main a[href*='/next/sen-support-review']")
    assert page.inner_text("main h1") == "SEN support plan review"
    carried = page.locator("main ul.govuk-list--bullet li").all_inner_texts()
    assert "Outcomes" in carried
    check_widths(page, check_accessible, "start the review")
    go(page, "main form button.govuk-button--start")

    # The review starts at its first question the plan could not answer.
    assert step_slug(page.url, "sen-support-review") == "meeting"
    seen = finish_gaps(page, base, "sen-support-review")
    assert "plan" not in seen  # pupil, school, SENCO and start date came from the plan
    checked = page.inner_text("main")
    for text in (plan["child_name"], plan["school_name"], plan["senco_name"]):
        assert text in checked
    for outcome in plan["outcomes"]:
        assert outcome["target"] in checked
    # Each planned intervention came as the plan described it, not as a new one typed over it.
    for provision in plan["provision"]:
        assert f"{provision['intervention']} ({provision['frequency'].lower()}," in checked

    go(page, "main a.govuk-button")
    assert page.url.split("?")[0].endswith("/documents/sen-support-review/done")
    check_widths(page, check_accessible, "the review's done page")
    review = example(page, base, "sen-support-review")
    next_review = datetime.date.fromisoformat(review["next_review"])
    shown = [text.strip() for text in page.locator("#dates ~ dl dt").all_inner_texts()]
    assert f"{next_review.day} {next_review:%B %Y}" in shown
    with page.expect_download() as download:
        page.click(CALENDAR)
    assert download.value.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    starts = [event.decoded("DTSTART") for event in calendar.walk("VEVENT")]
    assert next_review in starts

    # Both documents are listed; the review can be renamed and lead to another document.
    page.goto(f"{base}/your-documents")
    titles = card_titles(page)
    assert len(titles) == 2
    assert all(title.endswith(": Josh") for title in titles), titles
    check_widths(page, check_accessible, "your documents, a plan and its review")
    review_card = page.locator("main .govuk-summary-card", has_text="SEN support plan review")
    with page.expect_navigation():
        review_card.locator("a", has_text="Change name").click()
    check_widths(page, check_accessible, "change the name")
    page.fill("input[name='name']", "Josh – autumn review")
    go(page, "main form button")
    assert "Josh – autumn review" in card_titles(page)
    assert "The document’s name has been changed." in page.inner_text("main")

    review_card = page.locator("main .govuk-summary-card", has_text="Josh – autumn review")
    with page.expect_navigation():
        review_card.locator("a", has_text="Start another document about this child").click()
    check_widths(page, check_accessible, "choose the next document")
    assert "From Josh – autumn review" in page.inner_text("main .govuk-caption-l")
    go(page, "main form button")  # nothing chosen
    assert page.title().startswith("Error: ")
    check_widths(page, check_accessible, "choose the next document, none chosen")
    page.check("input[name='target'][value='sen-support-plan']")
    go(page, "main form button")
    assert page.inner_text("main h1") == "SEN support plan"
    assert page.problems == []


def letter_answers(page, base, child):
    answers = example(page, base, "concern-letter")
    answers["child_name"] = child
    answers.pop("child_known_as", None)
    return answers


def test_two_tabs_write_two_letters_at_once_without_mixing_them(
    page, live_server, check_accessible
):
    base = live_server
    slug = "concern-letter"
    fields_by_step = {}
    for field in listing(page, base, slug)["fields"]:
        fields_by_step.setdefault(field["step"], []).append(field)
    second = _watch(page.context.new_page())
    tabs = {
        page: letter_answers(page, base, "Ada Brown"),
        second: letter_answers(page, base, "Ben Green"),
    }
    for tab in tabs:
        tab.goto(f"{base}/documents/{slug}/")
        go(tab, "a.govuk-button--start")
    # Each step is open in both tabs before either sends it: each tab's form must name its
    # own draft, whatever the other tab sent last.
    while (current := step_slug(page.url, slug)) != "check-answers":
        assert step_slug(second.url, slug) == current
        for tab, answers in tabs.items():
            fill_step(PointerFiller(tab), fields_by_step.get(current, []), answers)
    assert step_slug(second.url, slug) == "check-answers"
    assert "Ada Brown" in page.inner_text("main")
    assert "Ben Green" not in page.inner_text("main")
    assert "Ben Green" in second.inner_text("main")
    assert "Ada Brown" not in second.inner_text("main")

    # Refreshed, each tab still shows its own letter; both are listed.
    page.reload()
    second.reload()
    assert "Ada Brown" in page.inner_text("main")
    assert "Ben Green" in second.inner_text("main")
    page.goto(f"{base}/your-documents")
    assert sorted(card_titles(page)) == [
        "Letter to school about your child's needs: Ada",
        "Letter to school about your child's needs: Ben",
    ]
    check_widths(page, check_accessible, "your documents, two letters")
    assert second.problems == []


def link_in(smtp, count):
    assert smtp.inbox.wait_for(count)
    body = smtp.inbox.messages[count - 1].get_body(("plain",)).get_content()
    return re.search(r"http://\S+/come-back/[A-Za-z0-9_\-]+", body)[0]


@pytest.fixture
def other_device(browser):
    """A page in a browser of its own, as on another phone or computer."""
    context = browser.new_context(viewport={"width": PHONE, "height": 844})
    yield _watch(context.new_page())
    context.close()


def test_a_link_by_email_moves_the_documents_to_another_device(
    page, other_device, live_server, check_accessible, smtp
):
    base = live_server
    letter = made_document(page, base, "concern-letter")
    page.goto(f"{base}/your-documents/upload")
    upload(page, letter)
    page.goto(f"{base}/your-documents")
    (title,) = card_titles(page)

    go(page, "main a[href='/your-documents/email-link']")
    assert page.inner_text("main h1") == "Email me a link to my documents"
    check_widths(page, check_accessible, "email me a link")
    page.fill("input[name='your_email']", "senco at school")
    go(page, "main form button")
    assert page.title().startswith("Error: ")
    check_widths(page, check_accessible, "email me a link, address refused")
    assert page.input_value("input[name='your_email']") == "senco at school"
    page.fill("input[name='your_email']", SENCO)
    go(page, "main form button")
    assert "We have sent you a link to your documents." in page.inner_text("main")
    check_widths(page, check_accessible, "your documents, link sent")
    link = link_in(smtp, 1)
    assert smtp.inbox.messages[0]["To"] == SENCO

    other = other_device
    other.goto(link)
    assert other.inner_text("main h1") == "Open your documents on this device"
    check_widths(other, check_accessible, "come back")
    go(other, "main form button")
    assert "We have opened your document on this device." in other.inner_text("main")
    assert card_titles(other) == [title]
    check_widths(other, check_accessible, "your documents, opened from the link")

    # The link worked once.
    response = other.goto(link)
    assert response.status == 404
    assert other.inner_text("main h1") == "This link does not work"
    check_widths(other, check_accessible, "link not working")

    page.goto(f"{base}/your-documents")
    assert card_titles(page) == []
    assert "There are no documents on this device." in page.inner_text("main")


def test_clear_this_device_from_the_header_by_keyboard(page, live_server, check_accessible):
    base = live_server
    letter = made_document(page, base, "concern-letter")
    page.goto(f"{base}/your-documents/upload")
    upload(page, letter)
    address = page.locator("main a", has_text="Check or change its answers").get_attribute("href")

    # On a phone the header's links are behind its menu button.
    keyboard = KeyboardFiller(page)
    keyboard.focus(".govuk-service-navigation__toggle")
    page.keyboard.press("Enter")
    keyboard.press_button("nav a[href='/clear-device']")
    assert page.inner_text("main h1") == "Clear this device"
    assert "This removes your document from this phone, tablet or computer" in page.inner_text(
        "main"
    )
    check_widths(page, check_accessible, "clear this device")
    keyboard.press_button("main form button.govuk-button--warning")
    assert page.url.endswith("/device-cleared")
    check_widths(page, check_accessible, "device cleared")
    assert page.locator("a[href='/clear-device']").count() == 0  # nothing left to clear

    response = page.goto(f"{base}{address}")
    assert response.status == 404
    assert page.inner_text("main h1") == "This document is not on this device"
    check_widths(page, check_accessible, "not on this device")
    page.goto(f"{base}/your-documents")
    assert card_titles(page) == []


def test_upload_start_the_next_document_and_clear_the_device_without_javascript(
    page_without_javascript, live_server
):
    page = page_without_javascript
    base = live_server
    plan = made_document(page, base, "sen-support-plan")
    page.goto(f"{base}/your-documents/upload")
    upload(page, plan)
    go(page, "main a[href*='/next/sen-support-review']")
    go(page, "main form button")
    assert step_slug(page.url, "sen-support-review") == "meeting"

    go(page, "nav a[href='/your-documents']")
    assert len(card_titles(page)) == 2
    go(page, "nav a[href='/clear-device']")
    go(page, "main form button")
    assert page.url.endswith("/device-cleared")
    page.goto(f"{base}/your-documents")
    assert card_titles(page) == []
    assert page.locator("nav a[href='/clear-device']").count() == 0
