"""Every document's journey in real Chromium: by keyboard with axe on every page, and again
with JavaScript turned off. The answers typed are the document's example answers."""

import re

import docx
import pytest

from forms import CATALOGUE
from tests.addresses import without_draft
from tests.browser.driver import KeyboardFiller, PointerFiller, walk_journey

pytestmark = pytest.mark.browser
SLUGS = [document.slug for document in CATALOGUE]


def listing_for(page, base, slug):
    documents = page.request.get(f"{base}/api/v1/documents").json()["documents"]
    return next(document for document in documents if document["slug"] == slug)


def text_values(value):
    """Every piece of free text in an answer, for checking it comes back."""
    if isinstance(value, str):
        return [line.strip() for line in value.split("\n") if line.strip()]
    if isinstance(value, list):
        return [text for item in value for text in text_values(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in text_values(item)]
    return []


TEXT_TYPES = ("text", "long-text")


def free_text(listing, example):
    fields = {field["name"]: field for field in listing["fields"]}
    found = []
    for name, value in example.items():
        field = fields.get(name, {})
        if "fields" in field:  # a repeating group: only its text answers come back as typed
            texts = [sub["name"] for sub in field["fields"] if sub["type"] in TEXT_TYPES]
            found += text_values([{key: item.get(key, "") for key in texts} for item in value])
        elif field.get("type") in (*TEXT_TYPES, "list"):
            found += text_values(value)
    return found


def docx_text(path):
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("slug", SLUGS)
def test_journey_by_keyboard_with_no_accessibility_violations(
    page, live_server, check_accessible, slug
):
    listing = listing_for(page, live_server, slug)
    keyboard = KeyboardFiller(page)
    seen, example = walk_journey(page, live_server, listing, keyboard, on_page=check_accessible)
    assert seen, "the journey has no steps"

    check_accessible(page, "check your answers")
    keyboard.focus("main summary.govuk-details__summary")
    page.keyboard.press("Enter")
    assert page.is_visible(".app-preview")
    check_accessible(page, "check your answers with the preview open")
    page_text = page.inner_text("main")
    for text in free_text(listing, example):
        assert text in page_text

    # Change the first answer, and land back on check your answers.
    keyboard.press_button("main .govuk-summary-list__actions a")
    check_accessible(page, "change an answer")
    keyboard.press_button("button.govuk-button[value='continue']:not(.app-default-submit)")
    assert without_draft(page.url).endswith("/check-answers")

    keyboard.press_button("main a.govuk-button")
    assert without_draft(page.url).endswith("/done")
    check_accessible(page, "done")
    keyboard.focus("main a.govuk-button")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    text = docx_text(download.value.path())
    for value in free_text(listing, example):
        assert value in text

    # Leave and come back: the draft is still there.
    page.goto(f"{live_server}/documents/{slug}/")
    check_accessible(page, "start page with a draft")
    assert page.is_visible("text=Continue where you left off")

    keyboard.press_button("main a[href='/your-documents']")
    check_accessible(page, "your documents")
    keyboard.press_button("main a[href*='/delete?draft=']")
    check_accessible(page, "delete")
    keyboard.press_button("main form button")
    assert without_draft(page.url).endswith("/deleted")
    check_accessible(page, "deleted")
    page.goto(f"{live_server}/documents/{slug}/")
    assert page.is_visible("text=Start now")


@pytest.mark.parametrize("slug", SLUGS)
def test_journey_without_javascript(page_without_javascript, live_server, slug):
    page = page_without_javascript
    listing = listing_for(page, live_server, slug)
    walk_journey(page, live_server, listing, PointerFiller(page))
    assert without_draft(page.url).endswith("/check-answers")
    with page.expect_navigation():
        page.click("main a.govuk-button")
    assert without_draft(page.url).endswith("/done")
    with page.expect_download() as download:
        page.click("main a.govuk-button")
    example = page.request.get(f"{live_server}/api/v1/documents/{slug}/example").json()
    text = docx_text(download.value.path())
    for value in free_text(listing, example):
        assert value in text


@pytest.mark.parametrize("slug", SLUGS)
def test_error_state_is_accessible_and_links_to_the_field(
    page, live_server, check_accessible, slug
):
    page.goto(f"{live_server}/documents/{slug}/")
    # Wait for each page to load in full: axe run on a half-parsed page sees no <main>.
    with page.expect_navigation():
        page.click("a.govuk-button--start")
    with page.expect_navigation():
        page.click("button.govuk-button[value='continue']:not(.app-default-submit)")
    follow_first_error(page, check_accessible, "error summary")
    assert page.evaluate("['INPUT','TEXTAREA'].includes(document.activeElement.tagName)")


def follow_first_error(page, check_accessible, label):
    """An error page is titled and accessible. GOV.UK Frontend moves focus to the error
    summary; its first link, followed by keyboard, moves focus to the field."""
    assert page.title().startswith("Error: ")
    check_accessible(page, label)
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def test_pages_outside_journeys_are_accessible(page, live_server, check_accessible):
    paths = ["/", "/privacy", "/accessibility", "/cookies", "/no-such-page"]
    paths += [f"/documents/{slug}/" for slug in SLUGS]
    paths += [f"/documents/{slug}/delete" for slug in SLUGS]
    for path in paths:
        page.goto(f"{live_server}{path}")
        check_accessible(page, path)


def test_start_page_links_reach_every_document_by_keyboard(page, live_server):
    page.goto(f"{live_server}/")
    keyboard = KeyboardFiller(page)
    for slug in SLUGS:
        keyboard.focus(f"main a[href='/documents/{slug}/']")


def test_blank_template_downloads(page, live_server):
    page.goto(f"{live_server}/documents/{SLUGS[0]}/")
    with page.expect_download() as download:
        page.click("a[href$='/blank']")
    assert "[" in docx_text(download.value.path())


def finish_by_pointer(page, base, slug):
    """Through the journey quickly, to reach the done page."""
    walk_journey(page, base, listing_for(page, base, slug), PointerFiller(page))
    with page.expect_navigation():
        page.click("main a.govuk-button")
    assert without_draft(page.url).endswith("/done")


WRITER = "parent@home.example.org"
SCHOOL = "head@school.example.org"


def security_code(smtp, count):
    """The code in the `count`th email the test server has been given."""
    assert smtp.inbox.wait_for(count)
    body = smtp.inbox.messages[count - 1].get_body(("plain",)).get_content()
    return re.search(r"security code is (\d{6})", body)[1]


def test_email_a_document_by_keyboard(page, live_server, check_accessible, smtp):
    finish_by_pointer(page, live_server, SLUGS[0])
    keyboard = KeyboardFiller(page)
    page.evaluate("document.activeElement && document.activeElement.blur()")

    # The writer's own address first, mistyped: the error is announced, linked, fixed.
    keyboard.type("input[name='your_email']", "parent at home")
    keyboard.press_button("main form button[value='send-code']")
    follow_first_error(page, check_accessible, "your email address with an error")
    assert page.evaluate("document.activeElement.name") == "your_email"
    page.keyboard.press("Control+A")
    page.keyboard.type(WRITER)
    keyboard.press_button("main form button[value='send-code']")

    # "Check your email": a wrong code, then the right one.
    assert without_draft(page.url).endswith("/check-email")
    check_accessible(page, "check your email")
    assert WRITER in page.inner_text("main")
    code = security_code(smtp, 1)
    keyboard.type("input[name='code']", "000000" if code != "000000" else "111111")
    keyboard.press_button("main form button[value='confirm']")
    follow_first_error(page, check_accessible, "check your email with a wrong code")
    assert page.evaluate("document.activeElement.name") == "code"
    page.keyboard.press("Control+A")
    page.keyboard.type(code)
    keyboard.press_button("main form button[value='confirm']")

    # Confirmed: the send form, where a mistyped address is explained too.
    assert without_draft(page.url).endswith("/done#email")
    check_accessible(page, "done, address confirmed")
    keyboard.type("input[name='to']", "head at school")
    keyboard.press_button("main form button[value='send']")
    follow_first_error(page, check_accessible, "email form with an error")
    assert page.evaluate("document.activeElement.name") == "to"
    page.keyboard.press("Control+A")
    page.keyboard.type(SCHOOL)
    if page.locator("input[name='file_format']").count():  # offered when PDF is
        keyboard.choose("file_format", "docx")
    keyboard.press_button("main form button[value='send']")

    assert without_draft(page.url).endswith("/done#email-sent")
    check_accessible(page, "email sent")
    assert f"Email sent to {SCHOOL} and {WRITER}" in page.inner_text("main")
    assert smtp.inbox.wait_for(2)
    assert sorted(smtp.inbox.envelopes[1].rcpt_tos) == [SCHOOL, WRITER]
    message = smtp.inbox.messages[1]
    # Replies go to the address the letter gives for its writer (the example answers').
    example = page.request.get(f"{live_server}/api/v1/documents/{SLUGS[0]}/example").json()
    assert message["Reply-To"] == example["writer_email"]
    [attachment] = list(message.iter_attachments())
    downloaded = page.request.get(f"{live_server}/documents/{SLUGS[0]}/download").body()
    assert attachment.get_content() == downloaded


def test_asking_for_a_new_code_is_accessible(page, live_server, check_accessible, smtp):
    finish_by_pointer(page, live_server, SLUGS[2])
    page.fill("input[name='your_email']", WRITER)
    with page.expect_navigation():
        page.click("main form button[value='send-code']")
    keyboard = KeyboardFiller(page)
    keyboard.focus("main summary.govuk-details__summary")
    page.keyboard.press("Enter")
    check_accessible(page, "check your email, not received open")
    keyboard.press_button("main details button[value='new-code']")
    assert without_draft(page.url).endswith("/check-email?code=new")
    check_accessible(page, "check your email, new code sent")
    assert "We have sent you a new security code" in page.inner_text("main")
    keyboard.type("input[name='code']", security_code(smtp, 2))
    keyboard.press_button("main form button[value='confirm']")
    assert without_draft(page.url).endswith("/done#email")


def test_email_a_document_without_javascript(page_without_javascript, live_server, smtp):
    page = page_without_javascript
    finish_by_pointer(page, live_server, SLUGS[1])
    page.fill("input[name='your_email']", WRITER)
    with page.expect_navigation():
        page.click("main form button[value='send-code']")
    page.fill("input[name='code']", security_code(smtp, 1))
    with page.expect_navigation():
        page.click("main form button[value='confirm']")
    with page.expect_navigation():  # to the writer only
        page.click("main form button[value='send']")
    assert f"Email sent to {WRITER}" in page.inner_text("main")
    assert smtp.inbox.wait_for(2)
    assert smtp.inbox.envelopes[1].rcpt_tos == [WRITER]
