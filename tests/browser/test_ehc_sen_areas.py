"""The EHC request's special educational needs step in a real browser, with and without
JavaScript: one box for each of the SEND Code's four broad areas and one for anything else;
with none of the areas described, the error summary takes the user to the first area's box,
and one area described is enough to go on. Every state is checked with axe (which needs
JavaScript, so runs on the pages drawn with it)."""

import pytest

from tests.browser.driver import CONTINUE, open_step, step_slug

pytestmark = pytest.mark.browser
SLUG = "ehc-needs-assessment-request"
NEEDS = "special-educational-needs"
AREAS = ("need_communication", "need_cognition", "need_semh", "need_sensory")
MESSAGE = "Describe at least one area of your child's special educational needs"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_one_area_must_be_described_and_the_error_leads_to_the_first(
    javascript, page, page_without_javascript, live_server, check_accessible
):
    page = page if javascript else page_without_javascript
    filler = open_step(page, live_server, SLUG, NEEDS)
    labels = [page.inner_text(f"label[for='{name}']").strip() for name in AREAS]
    assert labels == [
        "Communication and interaction (optional)",
        "Cognition and learning (optional)",
        "Social, emotional and mental health (optional)",
        "Sensory and/or physical needs (optional)",
    ]
    if javascript:
        check_accessible(page, "the needs step")

    page.fill("#reasons_sen", "He has been referred for an autism assessment.")
    filler.press_button(CONTINUE)
    assert step_slug(page.url, SLUG) == NEEDS
    summary = page.locator(".govuk-error-summary a")
    assert summary.all_inner_texts() == [MESSAGE]
    assert page.input_value("#reasons_sen") == "He has been referred for an autism assessment."
    assert summary.get_attribute("href") == "#need_communication"
    assert page.locator("#need_communication").get_attribute("name") == "need_communication"
    if javascript:
        check_accessible(page, "the needs step with its error")
        summary.click()
        assert page.evaluate("document.activeElement.id") == "need_communication"

    page.fill("#need_semh", "He is anxious every morning before school.")
    filler.press_button(CONTINUE)
    assert step_slug(page.url, SLUG) == "plan-necessary"
