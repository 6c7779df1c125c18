"""Advice services' front doors in real Chromium: a journey started on one wears its brand
(name, logo, helpline) on every page to the Word file, with no other organisation's name, with
and without JavaScript; its council's details arrive filled in and can be changed; its line
is in the footer of the documents it chose it for only; keyboard alone gets from the front door
to the first question; two organisations' journeys in one browser stay apart while the main
start page stays unbranded; a front door with a long name and welcome fits a phone. axe at
phone and desktop widths wherever the page has JavaScript to run it."""

import docx
import pytest

from tests.addresses import without_draft
from tests.browser.conftest import _watch, serve
from tests.browser.driver import CONTINUE, KeyboardFiller, PointerFiller, fill_step, step_slug
from tests.browser.test_cases import DESKTOP, PHONE, check_widths, example, go, listing
from tests.service.organisations.conftest import NORTH, SOUTH, write_organisation

pytestmark = pytest.mark.browser
EHC = "ehc-needs-assessment-request"
CONCERN = "concern-letter"  # offered by both organisations
LINE = NORTH["document_line"]["text"]  # chosen for the EHC request only
COUNCIL = NORTH["council"]
CHANGED_COUNCIL = "North Vale Borough Council"
# Each organisation's name, and the national charity the unbranded footer names: a page
# wearing one brand shows none of the others.
NAMES = {NORTH["slug"]: NORTH["name"], SOUTH["slug"]: SOUTH["name"]}
UNBRANDED_ONLY = "IPSEA"
# The longest name and welcome a file may give, the welcome with an address that cannot wrap
# at a space.
LONG = {
    **SOUTH,
    "slug": "long-name-advice",
    "logo": "long-name-advice.svg",
    "name": "Riverside and Northern Valleys Special Educational Needs and Disability Services",
    "welcome": (
        "Read more at https://www.riversidenorthernvalleyssendiass.example.org/familyletters "
        + "Families in our area can ask us about support at school. " * 13
    )[:800],
}
assert len(LONG["name"]) == 80
assert len(LONG["welcome"]) == 800
WITH_AND_WITHOUT_JAVASCRIPT = pytest.mark.parametrize(
    "javascript", [True, False], ids=["javascript", "no-javascript"]
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The service on a free port, reading three organisations' files."""
    folder = tmp_path_factory.mktemp("organisations")
    for organisation in (NORTH, SOUTH, LONG):
        write_organisation(folder, organisation)
    yield from serve(tmp_path_factory, ORGANISATIONS_DIR=str(folder))


def browser_page(request, javascript):
    return request.getfixturevalue("page" if javascript else "page_without_javascript")


def check_brand(page, organisation, label):
    """The page wears `organisation`'s brand: its name and logo in the header, its helpline
    in the footer, and no other organisation's name (nor the unbranded footer's) anywhere."""
    label = f"{label} ({without_draft(page.url)})"
    assert page.inner_text("header .app-org-header__name") == organisation["name"], label
    logo = "header img.app-org-header__logo"
    assert page.get_attribute(logo, "src") == f"/o/{organisation['slug']}/logo.svg", label
    assert page.eval_on_selector(logo, "img => img.complete && img.naturalWidth > 0"), label
    footer = page.inner_text(".govuk-footer")
    assert organisation["name"] in footer, label
    assert organisation["helpline"]["phone"] in footer, label
    html = page.content().lower()
    for slug, name in NAMES.items():
        if slug != organisation["slug"]:
            assert name.lower() not in html, f"{label} shows {name}"
    assert UNBRANDED_ONLY.lower() not in html, f"{label} shows {UNBRANDED_ONLY}"


def check_unbranded(page, label):
    """The page looks as it did before organisations: no organisation's name anywhere and
    the usual footer."""
    assert page.locator(".app-org-header__link").count() == 0, label
    text = page.inner_text("body")
    for name in NAMES.values():
        assert name not in text, f"{label} shows {name}"
    footer = page.inner_text(".govuk-footer")
    assert "SEND Information, Advice and Support Service (SENDIASS)" in footer, label
    assert UNBRANDED_ONLY in footer, label


def check_layout(page, javascript, check_accessible, label):
    """axe at both widths (axe needs scripts to run: with JavaScript only); never wider than
    the screen."""
    if javascript:
        check_widths(page, check_accessible, label)
        return
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, label


def start_from_front_door(page, base, organisation, slug, filler, *, on_page=None):
    """From the organisation's front door, choose the document and press Start now; lands on
    the journey's first question. `on_page` sees the two pages on the way."""
    page.goto(f"{base}/o/{organisation['slug']}/")
    if on_page:
        on_page(page, "front door")
    filler.press_button(f"main a[href^='/documents/{slug}/']")
    assert without_draft(page.url) == f"{base}/documents/{slug}/?org={organisation['slug']}"
    if on_page:
        on_page(page, "the document's start page")
    filler.press_button("a.govuk-button--start")


def answer_steps(page, base, slug, filler, *, answers, on_page=None):
    """Answer every step with `answers` until check your answers; returns the steps seen."""
    fields_by_step = {}
    for field in listing(page, base, slug)["fields"]:
        fields_by_step.setdefault(field["step"], []).append(field)
    seen = []
    while (current := step_slug(page.url, slug)) not in ("check-answers", None):
        assert current not in seen, f"the journey came back to {current}"
        seen.append(current)
        if on_page:
            on_page(page, current)
        fill_step(filler, fields_by_step.get(current, []), answers)
    assert step_slug(page.url, slug) == "check-answers", page.url
    return seen


def download(page):
    """From the done page, the Word file: (its body's text, its footers' text)."""
    with page.expect_download() as downloaded:
        page.click("main a.govuk-button")
    document = docx.Document(downloaded.value.path())
    body = [p.text for p in document.paragraphs]
    body += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    footers = [p.text for section in document.sections for p in section.footer.paragraphs]
    return "\n".join(body), "\n".join(footers)


@WITH_AND_WITHOUT_JAVASCRIPT
def test_branded_journey_keeps_the_brand_to_the_word_file(
    request, served, check_accessible, javascript
):
    page = browser_page(request, javascript)
    filler = PointerFiller(page)

    def on_page(page, step):
        check_brand(page, NORTH, step)
        check_layout(page, javascript, check_accessible, step)

    start_from_front_door(page, served, NORTH, EHC, filler, on_page=on_page)
    seen = answer_steps(
        page, served, EHC, filler, answers=example(page, served, EHC), on_page=on_page
    )
    assert "council" in seen

    check_brand(page, NORTH, "check your answers")
    check_layout(page, javascript, check_accessible, "check your answers")
    go(page, "main a.govuk-button")
    assert without_draft(page.url).endswith(f"/documents/{EHC}/done?org=north-advice")
    check_brand(page, NORTH, "done")
    helpline = page.inner_text("main .app-helpline")
    assert f"Get help from {NORTH['name']}" in helpline
    assert NORTH["helpline"]["phone"] in helpline
    assert NORTH["helpline"]["hours"] in helpline
    assert NORTH["email"] in helpline
    check_layout(page, javascript, check_accessible, "done")
    body, footer = download(page)
    assert LINE in footer
    assert LINE not in body  # a footer, never the sender


def test_council_details_arrive_filled_in_and_can_be_changed(page, served):
    filler = PointerFiller(page)
    start_from_front_door(page, served, NORTH, EHC, filler)
    # The example's own council left out: the organisation's must be what the step shows.
    answers = {
        name: value
        for name, value in example(page, served, EHC).items()
        if not name.startswith("la_") or name == "la_officer"
    }

    def on_council(page, step):
        if step != "council":
            return
        assert page.input_value("[name='la_name']") == COUNCIL["name"]
        assert page.input_value("[name='la_address']") == COUNCIL["address"]
        assert page.input_value("[name='la_officer']") == ""  # a person the council names
        page.fill("[name='la_name']", CHANGED_COUNCIL)

    assert "council" in answer_steps(page, served, EHC, filler, answers=answers, on_page=on_council)
    summary = page.inner_text("main")
    assert CHANGED_COUNCIL in summary
    assert COUNCIL["address"].splitlines()[0] in summary
    go(page, "main a.govuk-button")
    body, footer = download(page)
    assert CHANGED_COUNCIL in body
    assert COUNCIL["name"] not in body.replace(CHANGED_COUNCIL, "")
    assert COUNCIL["address"].splitlines()[-1] in body
    assert LINE in footer

    # The same front door's concern letter: NORTH chose its line for the EHC request only.
    start_from_front_door(page, served, NORTH, CONCERN, filler)
    answer_steps(page, served, CONCERN, filler, answers=example(page, served, CONCERN))
    check_brand(page, NORTH, "concern letter's check your answers")
    go(page, "main a.govuk-button")
    body, footer = download(page)
    assert LINE not in body
    assert LINE not in footer
    assert NORTH["name"] not in body + footer


def test_council_team_arrives_filled_in_where_a_letter_asks_for_it(page, served):
    """The EHC request writes to the council's SEN team without asking its name; the letter
    about a missed time limit asks, and gets the organisation's."""
    start_draft(page, served, NORTH, "missed-deadline-letter")
    assert step_slug(page.url, "missed-deadline-letter") == "council"
    assert page.input_value("[name='la_name']") == COUNCIL["name"]
    assert page.input_value("[name='la_team']") == COUNCIL["team"]
    assert page.input_value("[name='la_address']") == COUNCIL["address"]


def test_front_door_to_the_first_question_by_keyboard(page, served, check_accessible):
    keyboard = KeyboardFiller(page)
    page.goto(f"{served}/o/{NORTH['slug']}/")
    keyboard.press_button(f"main a[href^='/documents/{EHC}/']")
    check_brand(page, NORTH, "the document's start page")
    check_accessible(page, "the document's start page")
    keyboard.press_button("a.govuk-button--start")
    assert step_slug(page.url, EHC) == listing(page, served, EHC)["fields"][0]["step"]
    check_brand(page, NORTH, "the first question")
    assert page.is_visible(CONTINUE)


def start_draft(tab, base, organisation, slug):
    """From the organisation's front door, a draft of `slug` with its first step answered;
    lands on the second step."""
    filler = PointerFiller(tab)
    start_from_front_door(tab, base, organisation, slug, filler)
    check_brand(tab, organisation, "the first question")
    first = step_slug(tab.url, slug)
    fields = [field for field in listing(tab, base, slug)["fields"] if field["step"] == first]
    fill_step(filler, fields, example(tab, base, slug))
    assert step_slug(tab.url, slug) not in (first, None)
    check_brand(tab, organisation, "the second question")


def test_two_organisations_in_one_browser_stay_apart(page, served):
    north, south = page, _watch(page.context.new_page())
    start_draft(north, served, NORTH, CONCERN)
    start_draft(south, served, SOUTH, "complaint")

    for tab, organisation in ((north, NORTH), (south, SOUTH), (north, NORTH)):
        tab.reload()
        check_brand(tab, organisation, "after a reload")
    for tab, organisation in ((south, SOUTH), (north, NORTH)):
        tab.go_back()
        check_brand(tab, organisation, "after Back")
        tab.reload()
        check_brand(tab, organisation, "after Back and a reload")

    north.goto(f"{served}/")
    check_unbranded(north, "the main start page")
    south.go_forward()
    check_brand(south, SOUTH, "after Forward, with the other tab on the main start page")


def test_a_draft_from_one_front_door_is_not_offered_on_another(page, served):
    """Both organisations offer the concern letter: South's families must not be sent on to
    a draft that wears North's brand."""
    north, south = page, _watch(page.context.new_page())
    start_draft(north, served, NORTH, CONCERN)
    south.goto(f"{served}/o/{SOUTH['slug']}/")
    go(south, f"main a[href^='/documents/{CONCERN}/']")
    check_brand(south, SOUTH, "the concern letter's start page")
    go(south, "a.govuk-button--start")
    check_brand(south, SOUTH, "where South's start button leads")


@pytest.mark.parametrize("organisation", [NORTH, LONG], ids=["north", "long-name"])
def test_front_door_fits_phone_and_desktop(page, served, check_accessible, organisation):
    page.goto(f"{served}/o/{organisation['slug']}/")
    check_brand(page, organisation, "front door")
    check_widths(page, check_accessible, "front door")  # leaves the page at phone width
    # Nothing cut off either: every line of the name and the welcome is inside its box.
    for selector in ("header .app-org-header__name", "main p"):
        for element in page.locator(selector).all():
            assert element.evaluate("e => e.scrollWidth <= e.clientWidth"), element.inner_text()
            box = element.bounding_box()
            assert box["x"] + box["width"] <= PHONE, element.inner_text()
    welcome = page.locator("main h1 ~ p").first
    assert welcome.inner_text() == organisation["welcome"].split("\n\n")[0].strip()
    # Large type for a sentence or two only: a long welcome in it is a wall of text.
    short = len(welcome.inner_text()) <= 200
    assert welcome.evaluate("p => p.classList.contains('govuk-body-l')") == short
