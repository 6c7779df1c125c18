"""GOV.UK's character count in a real journey (the concern letter): with JavaScript it counts
as the user types, in a one-line box and in a list item's text area; without it the hint
states the limit. Either way the server refuses text over the limit and keeps all of it."""

import re

import pytest

from tests.browser.driver import CONTINUE, open_step

pytestmark = pytest.mark.browser
SLUG = "concern-letter"
SCHOOL = "#school_name"  # one line, up to 200 characters
CONCERN = "#concerns-0"  # a list item's text area, up to 2,000 characters
WORDS = "She cannot read the words on the board and is falling behind. " * 40


def written(length):
    """Sentences of exactly `length` characters."""
    return WORDS[: length - 1] + "."


# Three paragraphs, 3,000 characters with their line breaks, as pasted from somewhere else.
PASTED = "\n".join([written(1000), written(999), written(999)])
TOO_LONG = re.compile(r"must be 2,000 characters or fewer")


def count_message(page, box):
    """The count govuk-frontend shows under the box (it hides the hint stating the limit)."""
    group = page.locator(".govuk-character-count", has=page.locator(box))
    return group.locator(".govuk-character-count__status")


def test_the_count_says_how_many_characters_too_many(page, live_server, check_accessible):
    open_step(page, live_server, SLUG, "school")
    message = count_message(page, SCHOOL)
    page.fill(SCHOOL, "")
    assert message.inner_text() == "You have 200 characters remaining"
    # The hint stating the limit stays, out of sight, for screen readers to describe the box.
    assert "govuk-visually-hidden" in page.get_attribute(f"{SCHOOL}-info", "class")
    page.fill(SCHOOL, "Oak Hill Primary School " * 8 + "Oak Hill")  # 200 characters
    assert message.inner_text() == "You have 0 characters remaining"
    page.focus(SCHOOL)
    page.keyboard.type(" and Nursery")  # 12 more
    assert message.inner_text() == "You have 12 characters too many"
    assert "govuk-error-message" in message.get_attribute("class")
    check_accessible(page, "a one-line box over its limit")

    open_step(page, live_server, SLUG, "concerns")
    message = count_message(page, CONCERN)
    page.fill(CONCERN, "")
    assert message.inner_text() == "You have 2,000 characters remaining"
    page.fill(CONCERN, written(2000))
    page.focus(CONCERN)
    page.keyboard.press("End")
    page.keyboard.type(" And spelling")  # 13 more, then one taken back
    page.keyboard.press("Backspace")
    assert message.inner_text() == "You have 12 characters too many"
    # The live region says it too, for screen readers.
    status = page.locator(f"{CONCERN} ~ .govuk-character-count__sr-status")
    status.filter(has_text="You have 12 characters too many").wait_for()
    check_accessible(page, "a list item's text area over its limit")


def test_pasted_text_over_the_limit_is_refused_and_kept(page, live_server, check_accessible):
    open_step(page, live_server, SLUG, "concerns")
    page.fill(CONCERN, "")
    page.focus(CONCERN)
    page.keyboard.insert_text(PASTED)
    message = count_message(page, CONCERN)
    assert message.inner_text() == "You have 1,000 characters too many"
    with page.expect_navigation():
        page.click(CONTINUE)
    assert page.title().startswith("Error: ")
    assert TOO_LONG.search(page.inner_text(".govuk-error-summary"))
    assert TOO_LONG.search(page.inner_text(f"{CONCERN}-error"))
    assert page.input_value(CONCERN) == PASTED
    assert message.inner_text() == "You have 1,000 characters too many"
    check_accessible(page, "a pasted answer over the limit, refused")


def test_without_javascript_the_hint_states_the_limit(page_without_javascript, live_server):
    page = page_without_javascript
    open_step(page, live_server, SLUG, "school")
    assert page.inner_text(f"{SCHOOL}-info") == "You can enter up to 200 characters"
    assert page.get_attribute(SCHOOL, "maxlength") is None

    open_step(page, live_server, SLUG, "concerns")
    assert page.inner_text(f"{CONCERN}-info") == "You can enter up to 2,000 characters"
    described = page.get_attribute(CONCERN, "aria-describedby").split()
    assert described[0] == "concerns-0-info"
    assert page.get_attribute(CONCERN, "maxlength") is None

    page.fill(CONCERN, PASTED)
    with page.expect_navigation():
        page.click(CONTINUE)
    assert TOO_LONG.search(page.inner_text(".govuk-error-summary"))
    assert TOO_LONG.search(page.inner_text(f"{CONCERN}-error"))
    assert page.input_value(CONCERN) == PASTED
    assert page.inner_text(f"{CONCERN}-info") == "You can enter up to 2,000 characters"
    described = page.get_attribute(CONCERN, "aria-describedby").split()
    assert "concerns-0-info" in described
    assert "concerns-0-error" in described
