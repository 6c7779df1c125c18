"""The start page and 'Which document do I need?' in real Chromium: every answer path walked
by keyboard with axe on every page, again with JavaScript turned off, and the school section
one tap from the top of a phone's screen."""

import pytest

from tests.browser.driver import KeyboardFiller
from tests.service.test_pages_which_document import PATHS

pytestmark = pytest.mark.browser
CONTINUE = "main form button.govuk-button"
PHONE_HEIGHT = 844  # the `page` fixture's viewport, 390 by 844


def title_of(page, base, slug):
    documents = page.request.get(f"{base}/api/v1/documents").json()["documents"]
    return next(document["title"] for document in documents if document["slug"] == slug)


@pytest.mark.parametrize(("path", "slug"), PATHS.items(), ids=str)
def test_every_path_by_keyboard_with_no_accessibility_violations(
    page, live_server, check_accessible, path, slug
):
    keyboard = KeyboardFiller(page)
    page.goto(live_server)
    check_accessible(page, "start page")
    keyboard.press_button("main a.govuk-button[href='/which-document']")

    for key, value in path:
        assert page.is_visible(f"input[type=radio][name='{key}']")
        check_accessible(page, f"question {key}")
        keyboard.choose(key, value)
        keyboard.press_button(CONTINUE)

    assert page.inner_text("h1") == title_of(page, live_server, slug)
    check_accessible(page, f"recommendation for {path}")
    keyboard.press_button("main a.govuk-button--start")
    assert page.url == f"{live_server}/documents/{slug}/"


def test_choosing_nothing_shows_the_error_and_its_link_moves_focus(
    page, live_server, check_accessible
):
    keyboard = KeyboardFiller(page)
    page.goto(f"{live_server}/which-document")
    keyboard.press_button(CONTINUE)
    assert page.title().startswith("Error: Who are you?")
    # GOV.UK Frontend's script moves focus to the summary; its link to the first radio.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    check_accessible(page, "no answer chosen")
    keyboard.focus(".govuk-error-summary a[href='#who']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "who"


def test_back_and_change_keep_the_answers_without_resubmitting(page, live_server):
    keyboard = KeyboardFiller(page)
    page.goto(f"{live_server}/which-document")
    for key, value in (("who", "parent"), ("need", "ehc"), ("requested", "late")):
        keyboard.choose(key, value)
        keyboard.press_button(CONTINUE)
    assert page.inner_text("h1") == title_of(page, live_server, "missed-deadline-letter")

    page.go_back()  # the browser's own Back: a GET page, shown again with no warning
    assert page.is_visible("input[name='requested']")
    page.go_forward()
    keyboard.press_button("a.govuk-back-link")  # the page's Back link
    assert page.is_checked("input[name='requested'][value='late']")
    keyboard.choose("requested", "no")
    keyboard.press_button(CONTINUE)
    assert page.inner_text("h1") == title_of(page, live_server, "ehc-needs-assessment-request")


@pytest.mark.parametrize(("path", "slug"), PATHS.items(), ids=str)
def test_every_path_without_javascript(page_without_javascript, live_server, path, slug):
    page = page_without_javascript
    page.goto(live_server)
    with page.expect_navigation():
        page.click("text=Help me choose")
    with page.expect_navigation():
        page.click(CONTINUE)  # nothing chosen: the error, from the server alone
    assert page.is_visible(".govuk-error-summary")
    for key, value in path:
        page.check(f"input[type=radio][name='{key}'][value='{value}']")
        with page.expect_navigation():
            page.click(CONTINUE)
    assert page.inner_text("h1") == title_of(page, live_server, slug)


def test_the_school_section_is_one_tap_from_the_top_of_a_phone(page, live_server):
    page.goto(live_server)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4000  # it was 5,200 px with every document and the EHC request thrice
    link = page.locator("nav a[href='#for-schools']")
    assert link.bounding_box()["y"] + link.bounding_box()["height"] <= PHONE_HEIGHT
    link.click()
    top = page.evaluate("document.getElementById('for-schools').getBoundingClientRect().top")
    assert 0 <= top < PHONE_HEIGHT / 4


def test_start_page_with_the_escalation_open(page, live_server, check_accessible):
    keyboard = KeyboardFiller(page)
    page.goto(live_server)
    keyboard.focus("#for-families + details summary")
    page.keyboard.press("Enter")
    assert page.is_visible("ol.app-escalation")
    check_accessible(page, "start page with the order of escalation open")


def test_wide_screen_puts_help_beside_the_documents(browser, live_server, check_accessible):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server)
        aside = page.locator(".app-start-aside").bounding_box()
        documents = page.locator("ul.app-document-list").first.bounding_box()
        assert aside["x"] > documents["x"] + documents["width"] - 1
        assert aside["y"] < PHONE_HEIGHT
        check_accessible(page, "start page at 1280 px")
    finally:
        context.close()
