"""Emailing a document in real Chromium: copies, and Back and Refresh after a send that
failed or went, which must give a normal page and never post the form again."""

import pytest

from tests.addresses import without_draft
from tests.browser.driver import KeyboardFiller
from tests.browser.test_journeys import SCHOOL, SLUGS, WRITER, finish_by_pointer, security_code

pytestmark = pytest.mark.browser
COPY = "mo@council.example.org"


def watch_posts(page):
    """Every form the browser posts from now on (a resubmission would be one more)."""
    posts = []
    page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )
    return posts


def confirm_writer(page, smtp, count):
    """The writer's address confirmed with the `count`th email's code, as a person would."""
    page.fill("input[name='your_email']", WRITER)
    with page.expect_navigation():
        page.click("main form button[value='send-code']")
    page.fill("input[name='code']", security_code(smtp, count))
    with page.expect_navigation():
        page.click("main form button[value='confirm']")
    assert without_draft(page.url).endswith("/done#email")


def errors_shown(page):
    return page.locator(".govuk-error-summary").count() > 0


def test_back_and_refresh_after_a_failed_send_give_a_normal_page(
    page, live_server, check_accessible, smtp
):
    finish_by_pointer(page, live_server, SLUGS[0])
    before = len(smtp.inbox.envelopes)
    confirm_writer(page, smtp, before + 1)
    check_accessible(page, "done, with copy boxes")
    posts = watch_posts(page)

    keyboard = KeyboardFiller(page)
    keyboard.type("input[name='to']", SCHOOL)
    keyboard.type("input[name='copy_1']", "mo at council")
    keyboard.type("input[name='copy_2']", SCHOOL)
    keyboard.press_button("main form button[value='send']")
    assert len(posts) == 1
    assert without_draft(page.url).endswith("/done")
    assert page.title().startswith("Error: ")
    check_accessible(page, "done, copy addresses refused")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    summary = page.inner_text(".govuk-error-summary")
    assert "Enter copy address 1 in the correct format" in summary
    assert "Copy address 2 is the same as the email address to send it to" in summary
    # What was typed is there to put right, and the summary leads to the first box at fault.
    assert page.input_value("input[name='copy_1']") == "mo at council"
    assert page.input_value("input[name='copy_2']") == SCHOOL
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "copy_1"

    # Refresh: the page again, by GET, with nothing posted and the errors said once already.
    response = page.reload()
    assert (response.request.method, response.status) == ("GET", 200)
    assert not errors_shown(page)
    check_accessible(page, "done, refreshed after the refused send")

    # Back: the page before the post, by GET or from the cache, never a resubmission.
    page.go_back()
    assert without_draft(page.url).endswith("/done#email")
    assert page.locator("main h1, main .govuk-panel__title").count()
    check_accessible(page, "done, back after the refused send")
    page.go_forward()
    assert without_draft(page.url).endswith("/done")
    assert len(posts) == 1
    assert len(smtp.inbox.envelopes) == before + 1  # the security code only


def test_copies_go_without_javascript_and_refresh_sends_nothing_again(
    page_without_javascript, live_server, smtp
):
    page = page_without_javascript
    finish_by_pointer(page, live_server, SLUGS[2])
    before = len(smtp.inbox.envelopes)
    confirm_writer(page, smtp, before + 1)
    posts = watch_posts(page)
    page.fill("input[name='to']", SCHOOL)
    page.fill("input[name='copy_1']", COPY)
    if page.locator("input[name='file_format']").count():  # offered where PDF is
        assert page.is_checked("input[name='file_format'][value='pdf']")
        page.check("input[name='file_format'][value='docx']")
    with page.expect_navigation():
        page.click("main form button[value='send']")
    assert without_draft(page.url).endswith("/done#email-sent")
    assert f"Email sent to {SCHOOL}, {COPY} and {WRITER}" in page.inner_text("main")
    assert smtp.inbox.wait_for(before + 2)
    message = smtp.inbox.messages[before + 1]
    assert message["To"] == SCHOOL
    assert message["Cc"] == f"{COPY}, {WRITER}"

    response = page.reload()
    assert (response.request.method, response.status) == ("GET", 200)
    assert "Email sent" not in page.inner_text("main")
    page.go_back()
    assert without_draft(page.url).endswith("/done#email")
    assert len(posts) == 1
    assert len(smtp.inbox.envelopes) == before + 2
