"""A date of birth in a real journey, in Chromium: a month typed as a name is accepted and
shown as the letter prints it; each problem has its own message, marks only the boxes at
fault, keeps what was typed, passes axe, and its error summary link focuses the first box
at fault."""

import datetime

import pytest

from forms.vocabulary import usual_school_year
from service import dates
from tests.addresses import without_draft
from tests.browser.driver import CONTINUE, PointerFiller, fill_step, step_slug

pytestmark = pytest.mark.browser
SLUG = "concern-letter"  # asks the child's date of birth and year group on one step
STEP = "child"
PARTS = ("day", "month", "year")
REAL = "Date of birth must be a real date, like 27 3 2007"
NEXT_YEAR = str(dates.today().year + 1)

PROBLEMS = [
    (("", "", ""), "Enter your child's date of birth", PARTS),
    (("12", "", "2017"), "Date of birth must include a month", ("month",)),
    (("12", " ", " "), "Date of birth must include a month and year", ("month", "year")),
    (("", "", "2017"), "Date of birth must include a day and month", ("day", "month")),
    (("12", "Mayy", "2017"), REAL, ("month",)),
    (("twelve", "5", "2017"), REAL, ("day",)),
    (("12", "5", "17"), "Date of birth must have 4 numbers in the year, like 2007", ("year",)),
    (("31", "2", "2024"), REAL, PARTS),
    (("1", "1", NEXT_YEAR), "Date of birth must be today or in the past", PARTS),
]


def to_the_child_step(page, base):
    """Through the steps before the child's, answered with the example; returns the API's
    listing of the document and its example answers."""
    documents = page.request.get(f"{base}/api/v1/documents").json()["documents"]
    listing = next(document for document in documents if document["slug"] == SLUG)
    example = page.request.get(f"{base}/api/v1/documents/{SLUG}/example").json()
    fields = {}
    for field in listing["fields"]:
        fields.setdefault(field["step"], []).append(field)
    filler = PointerFiller(page)
    page.goto(f"{base}/documents/{SLUG}/")
    filler.press_button("a.govuk-button--start")
    while (current := step_slug(page.url, SLUG)) != STEP:
        fill_step(filler, fields.get(current, []), example)
    return filler, fields, example


def post_date(filler, boxes, year_group):
    for part, text in zip(PARTS, boxes, strict=True):
        filler.type(f"#child_dob-{part}", text)
    filler.type("[name='year_group']", year_group)
    filler.press_button(CONTINUE)


def marked_boxes(page):
    return {
        part
        for part in PARTS
        if "govuk-input--error" in page.get_attribute(f"#child_dob-{part}", "class").split()
    }


def follow_summary_link(page):
    """GOV.UK Frontend focuses the error summary; Tab to its first link and press Enter."""
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    return page.evaluate("document.activeElement.id")


def year_group_for(born):
    return f"Year {usual_school_year(born, dates.today())}"


def test_each_date_problem_has_its_own_message_and_marks_only_its_boxes(
    page, live_server, check_accessible
):
    filler, _, example = to_the_child_step(page, live_server)
    filler.type("[name='child_name']", example["child_name"])
    for boxes, message, faulty in PROBLEMS:
        post_date(filler, boxes, year_group_for(datetime.date(2017, 5, 12)))
        assert step_slug(page.url, SLUG) == STEP
        assert page.title().startswith("Error: ")
        assert page.inner_text(".govuk-error-summary__list").strip() == message
        assert message in page.inner_text("#child_dob-error")
        assert marked_boxes(page) == set(faulty), boxes
        typed = [page.input_value(f"#child_dob-{part}") for part in PARTS]
        assert typed == list(boxes)  # nothing typed is lost or changed
        check_accessible(page, f"date error {boxes}")
        assert follow_summary_link(page) == f"child_dob-{faulty[0]}"


def test_a_date_of_birth_must_fit_the_year_group(page, live_server, check_accessible):
    filler, _, example = to_the_child_step(page, live_server)
    filler.type("[name='child_name']", example["child_name"])
    post_date(filler, ("12", "May", "2017"), "Year 10")
    message = page.inner_text(".govuk-error-summary__list").strip()
    assert message.startswith("Date of birth must be between 1 September ")
    assert "for a child in Year 10. Check the date of birth and the year group." in message
    assert marked_boxes(page) == set(PARTS)
    check_accessible(page, "date of birth and year group apart")
    assert follow_summary_link(page) == "child_dob-day"


def test_a_month_typed_as_a_name_is_accepted_and_shown_as_the_letter_prints_it(page, live_server):
    filler, fields, example = to_the_child_step(page, live_server)
    filler.type("[name='child_name']", example["child_name"])
    post_date(filler, (" 12 ", "May", "2017"), year_group_for(datetime.date(2017, 5, 12)))
    assert step_slug(page.url, SLUG) != STEP, page.inner_text("main")
    while (current := step_slug(page.url, SLUG)) not in ("check-answers", None):
        fill_step(filler, fields.get(current, []), example)
    assert without_draft(page.url).endswith("/check-answers")
    row = page.locator(".govuk-summary-list__row", has=page.locator("dt", has_text="Date of birth"))
    assert row.locator(".govuk-summary-list__value").inner_text().strip() == "12 May 2017"


def test_the_month_name_journey_works_without_javascript(page_without_javascript, live_server):
    page = page_without_javascript
    filler, _, example = to_the_child_step(page, live_server)
    filler.type("[name='child_name']", example["child_name"])
    post_date(filler, ("12", "", "2017"), year_group_for(datetime.date(2017, 5, 12)))
    assert page.inner_text(".govuk-error-summary__list").strip() == (
        "Date of birth must include a month"
    )
    assert page.get_attribute(".govuk-error-summary__list a", "href") == "#child_dob-month"
    post_date(filler, ("12", "feb", "2017"), year_group_for(datetime.date(2017, 2, 12)))
    assert step_slug(page.url, SLUG) != STEP
