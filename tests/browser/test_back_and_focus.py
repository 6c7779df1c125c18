"""Back, Refresh, focus and the error summary's links in real journeys, in Chromium, with
JavaScript and without.

Every post to a step ends in a redirect, so Back and Refresh only ever fetch a page: no
"Confirm Form Resubmission", nothing posted twice, nothing typed lost. After Add another,
focus is on the new entry's first box (or its heading, when its first question is not a
box); after Remove, on the list's heading, which is described by a message saying what went.
Every link in an error summary moves focus to the box it names, on every step of documents
that between them ask every kind of question, empty lists and questions inside list entries
included.
"""

from typing import NamedTuple

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.driver import CONTINUE, PointerFiller, fill_step, step_slug

pytestmark = pytest.mark.browser
WITH_AND_WITHOUT_JAVASCRIPT = pytest.mark.parametrize(
    "javascript", [True, False], ids=["javascript", "no-javascript"]
)


def browser_page(request, javascript):
    return request.getfixturevalue("page" if javascript else "page_without_javascript")


class Journey:
    """One document's journey, answered with its example answers by pointer."""

    def __init__(self, page, base, slug):
        self.page, self.base, self.slug = page, base, slug
        documents = page.request.get(f"{base}/api/v1/documents").json()["documents"]
        listing = next(document for document in documents if document["slug"] == slug)
        self.example = page.request.get(f"{base}/api/v1/documents/{slug}/example").json()
        self.fields = {}
        for field in listing["fields"]:
            self.fields.setdefault(field["step"], []).append(field)
        self.filler = PointerFiller(page)

    @property
    def step(self):
        return step_slug(self.page.url, self.slug)

    def start(self):
        self.page.goto(f"{self.base}/documents/{self.slug}/")
        self.filler.press_button("a.govuk-button--start")

    def answer(self):
        """Answer the step on the page as the example does, and continue."""
        fill_step(self.filler, self.fields.get(self.step, []), self.example)

    def to_step(self, step):
        self.start()
        while self.step != step:
            assert self.step not in ("check-answers", None), f"{self.slug} never asked {step}"
            self.answer()

    def press(self, selector):
        self.filler.press_button(selector)


# --- Back and Refresh ------------------------------------------------------------------------


def fetched_not_posted(page, navigate):
    """Go Back or Refresh: the page comes by GET with a 200, and nothing is posted again."""
    sent = []

    def record(request):
        sent.append(request)

    page.on("request", record)
    try:
        response = navigate()
    except PlaywrightError as error:  # net::ERR_CACHE_MISS is "Confirm Form Resubmission"
        pytest.fail(f"{navigate.__name__} did not give a page: {error.message.splitlines()[0]}")
    finally:
        page.remove_listener("request", record)
    assert response is not None, "the page was not loaded"
    assert (response.request.method, response.status) == ("GET", 200), response.url
    assert [request.url for request in sent if request.method != "GET"] == []


def boxes(page, name):
    """What the page's entries of a list hold, in order."""
    return page.eval_on_selector_all(
        f"main textarea[name^='{name}-']", "boxes => boxes.map(box => box.value)"
    )


@WITH_AND_WITHOUT_JAVASCRIPT
def test_back_and_refresh_after_error_add_and_remove_never_post_again(
    request, live_server, javascript
):
    page = browser_page(request, javascript)
    journey = Journey(page, live_server, "concern-letter")
    journey.to_step("concerns")
    here = page.url

    # Each action is posted once; the page after it, and Refresh of it, are fetched.
    journey.press(CONTINUE)  # nothing typed: an error
    assert page.title().startswith("Error: ")
    fetched_not_posted(page, page.reload)
    page.fill("[name='concerns-0']", "Reading")
    journey.press("button[value='add:concerns']")
    assert page.url.split("#")[0] == here
    fetched_not_posted(page, page.reload)
    assert boxes(page, "concerns") == ["Reading", ""]
    page.fill("[name='concerns-1']", "Writing")
    journey.press("button[value='remove:concerns:0']")
    assert page.url.split("#")[0] == here
    fetched_not_posted(page, page.reload)
    assert boxes(page, "concerns") == ["Writing"]
    journey.press(CONTINUE)
    assert journey.step == "examples"

    # Back through every one of them: each a normal page of the step, never a post again.
    # (What the boxes hold is left alone: Chromium puts back what was typed on each page.)
    for _ in range(4):
        fetched_not_posted(page, page.go_back)
        assert journey.step == "concerns"
        assert page.is_visible(CONTINUE)
    fetched_not_posted(page, page.go_back)
    assert journey.step == "child"


# --- Focus after Add another and Remove ------------------------------------------------------


class AddAnother(NamedTuple):
    step: str
    name: str  # the list's, which its ids start with
    first: str  # the end of the id of an entry's first box: "-target" for outcomes-1-target
    item: str  # what an entry is called
    after_tab: str  # what Tab reaches from the new entry's focus ({n}: the entry's index)
    heading_first: bool = False  # its first question is not a box: its heading takes focus


LISTS = {
    "concern-letter": [
        AddAnother("concerns", "concerns", "", "concern", "button[value='remove:concerns:{n}']")
    ],
    "sen-support-plan": [
        AddAnother("outcomes", "outcomes", "-target", "outcome", "#outcomes-{n}-start_point"),
        AddAnother(
            "provision", "provision", "-intervention", "intervention", "[name='provision-{n}-area']"
        ),
    ],
    "complaint": [
        AddAnother("events", "events", "-date-day", "event", "#events-{n}-date-day", True)
    ],
}

FOCUSED = """() => {
    const element = document.activeElement;
    const item = element.closest('.app-add-another__item');
    return {
        id: element.id,
        tag: element.tagName,
        tabindex: element.getAttribute('tabindex'),
        item: item ? item.id : null,
        describedBy: element.getAttribute('aria-describedby'),
        name: element.getAttribute('name'),
        value: element.value || null,
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab(page):
    page.keyboard.press("Tab")
    return focused(page)


def type_into(page, box, text):
    """Type an entry's first answer: text in a box, or a whole date in a date's three."""
    if box.endswith("-day"):
        for part, number in zip(("day", "month", "year"), text.split(), strict=True):
            page.fill(f"#{box.removesuffix('-day')}-{part}", number)
    else:
        page.fill(f"#{box}", text)


def answer_for(box, which):
    """Something to type in an entry's first box: a date, or words."""
    dates = {"first": "3 5 2024", "second": "4 6 2024"}
    return dates[which] if box.endswith("-day") else f"The {which} answer"


def shown_in(box, answer):
    """What the box itself holds after `answer` was typed (a date's day box: the day)."""
    return answer.split(maxsplit=1)[0] if box.endswith("-day") else answer


# Without JavaScript, focus comes from the same `autofocus` attribute: one text list and the
# group whose first question is a date are enough to show it.
FOCUS_CASES = [
    pytest.param(slug, javascript, id=f"{slug}-{'javascript' if javascript else 'no-javascript'}")
    for slug in LISTS
    for javascript in (True, False)
    if javascript or slug != "sen-support-plan"
]


@pytest.mark.parametrize(("slug", "javascript"), FOCUS_CASES)
def test_focus_after_add_another_and_remove(
    request, live_server, check_accessible, slug, javascript
):
    page = browser_page(request, javascript)
    journey = Journey(page, live_server, slug)
    journey.to_step(LISTS[slug][0][0])
    for case in LISTS[slug]:
        name, item = case.name, case.item
        while journey.step != case.step:
            journey.answer()
        type_into(page, f"{name}-0{case.first}", answer_for(case.first, "first"))

        journey.press(f"button[value='add:{name}']")
        now = focused(page)
        if case.heading_first:
            assert (now["tag"], now["tabindex"], now["item"]) == ("H2", "-1", f"{name}-1-item")
        else:
            assert (now["id"], now["item"]) == (f"{name}-1{case.first}", f"{name}-1-item"), now
        heading = page.locator(f"#{name}-1-item :is(h2, label)").first.inner_text()
        assert heading.startswith(f"{item.capitalize()} 2")
        if javascript:
            check_accessible(page, f"{slug}: after Add another {item}")
        # Tab goes on through the new entry.
        page.keyboard.press("Tab")
        next_one = case.after_tab.format(n=1)
        assert page.evaluate("s => document.activeElement.matches(s)", next_one), (
            f"Tab from {now} reached {focused(page)}, not {next_one}"
        )

        second = answer_for(case.first, "second")
        type_into(page, f"{name}-1{case.first}", second)
        journey.press(f"button[value='remove:{name}:0']")
        now = focused(page)
        assert (now["id"], now["tabindex"], now["describedBy"]) == (
            f"{name}-heading",
            "-1",
            f"{name}-status",
        ), now
        status = page.locator(f"#{name}-status")
        assert status.get_attribute("role") == "status"
        assert status.inner_text() == f"{item.capitalize()} 1 has been removed."
        if javascript:
            check_accessible(page, f"{slug}: after Remove {item}")
        # Tab reaches the entry that was kept, holding what was typed in it.
        after = tab(page)
        assert (after["id"], after["value"]) == (
            f"{name}-0{case.first}",
            shown_in(case.first, second),
        )
        journey.answer()


# --- Nothing typed is dropped -----------------------------------------------------------------


def test_a_date_half_typed_in_another_entry_is_refused_not_dropped(
    page_without_javascript, live_server
):
    page = page_without_javascript
    journey = Journey(page, live_server, "complaint")
    journey.to_step("events")
    type_into(page, "events-0-date-day", "3 2 2024")
    page.fill("#events-0-what", "The school cut her hours")
    journey.press("button[value='add:events']")
    page.fill("#events-1-date-day", "4")
    page.fill("#events-1-date-month", "May")
    journey.press(CONTINUE)
    assert journey.step == "events"
    assert "event 2" in page.inner_text(".govuk-error-summary")
    assert (page.input_value("#events-1-date-day"), page.input_value("#events-1-date-month")) == (
        "4",
        "May",
    )


# --- Every error summary link ----------------------------------------------------------------

KIND = """target => {
    const element = document.getElementById(target);
    const entry = element.closest('.app-add-another__item');
    let kind = element.tagName === 'TEXTAREA' ? 'textarea'
        : element.type === 'radio' ? 'radios'
        : element.type === 'checkbox' ? 'checkboxes'
        : /-(day|month|year)$/.test(target) ? 'date' : 'text';
    if (entry) {
        const inGroup = entry.querySelector('h2') !== null;
        kind = (inGroup ? 'group-in-list: ' : 'list: ') + kind;
    }
    return kind;
}"""

# What each document's empty steps must show between them, so that every kind of question
# (and a list left empty, and questions inside a group's entry) is followed from its link.
MUST_COVER = {
    "concern-letter": {"text", "textarea", "date", "radios", "checkboxes", "list: textarea"},
    "sen-support-plan": {
        "group-in-list: textarea",
        "group-in-list: text",
        "group-in-list: date",
        "group-in-list: radios",
    },
    "complaint": {"group-in-list: date", "list: textarea"},
}


def blur(page):
    page.evaluate("document.activeElement && document.activeElement.blur()")


def follow_every_link(page, label):
    """Click each link of the error summary, then follow it by keyboard (focus and Enter):
    each time focus must land on the box whose id the link names. Returns the kinds of
    question the links led to."""
    links = page.locator(".govuk-error-summary__list a")
    count = links.count()
    assert count, f"{label}: an error page with no links in its summary"
    kinds = set()
    for index in range(count):
        link = links.nth(index)
        href = link.get_attribute("href")
        assert href.startswith("#"), f"{label}: {href}"
        target = href[1:]
        for way in ("click", "keyboard"):
            blur(page)
            if way == "click":
                link.click()
            else:
                link.focus()
                page.keyboard.press("Enter")
            now = focused(page)
            assert now["tag"] in ("INPUT", "TEXTAREA", "SELECT"), f"{label} {href} ({way}): {now}"
            assert now["id"] == target, f"{label} {href} ({way}): {now}"
        kinds.add(page.evaluate(KIND, target))
    return kinds


def group_lists(fields):
    return [field for field in fields if field["type"] == "list" and "fields" in field]


def half_an_entry(journey, field):
    """Answer only the first text question of a group list's first entry and continue: the
    other questions of that entry are refused, each message naming the entry."""
    name = field["name"]
    first = next(sub for sub in field["fields"] if sub["type"] in ("text", "long-text"))
    journey.page.fill(f"[name='{name}-0-{first['name']}']", "Something")
    journey.press(CONTINUE)
    heading = journey.page.inner_text(f"#{name}-0-item h2").strip()  # "Outcome 1"
    messages = journey.page.eval_on_selector_all(
        f".govuk-error-summary__list a[href^='#{name}-0-']", "links => links.map(a => a.text)"
    )
    assert messages, f"{journey.slug}: half an entry of {name} gave no error"
    for message in messages:
        assert heading.lower() in message.lower(), f"{message!r} does not say {heading}"


def every_error_state(page, base, slug, on_error, until="check-answers"):
    """Walk the journey, pressing Continue on each step with nothing typed first. A step that
    is refused is handed to `on_error`; one that may be left empty is saved so, and Back
    returns to it. Then it is answered as the example does."""
    journey = Journey(page, base, slug)
    journey.start()
    seen = []
    while (step := journey.step) not in (until, None):
        assert step not in seen, f"{slug}: the journey came back to {step}"
        seen.append(step)
        journey.press(CONTINUE)
        if journey.step == step:
            on_error(f"{slug}/{step}")
            for field in group_lists(journey.fields.get(step, [])):
                half_an_entry(journey, field)
                on_error(f"{slug}/{step}, half an entry of {field['name']}")
        else:
            fetched_not_posted(page, page.go_back)
            assert journey.step == step
        journey.answer()
    assert len(seen) > 1


# Documents whose every step is refused empty and followed link by link, with axe on each
# error page: between them they ask every kind of question (see MUST_COVER). The others ask
# the same kinds; their first error page is followed in test_journeys, and walking them all
# here would take minutes more on a small machine.
SAMPLED = list(MUST_COVER)


@pytest.mark.parametrize("slug", SAMPLED)
def test_every_error_link_moves_focus_to_its_box(page, live_server, check_accessible, slug):
    kinds = set()

    def on_error(label):
        assert page.title().startswith("Error: "), label
        check_accessible(page, label)
        kinds.update(follow_every_link(page, label))

    every_error_state(page, live_server, slug, on_error)
    missing = MUST_COVER[slug] - kinds
    assert not missing, f"{slug}: no error link led to a question of kind {missing}"


def test_error_links_move_focus_without_javascript(page_without_javascript, live_server):
    """Without JavaScript the browser itself focuses the box a link's fragment names."""
    page = page_without_javascript
    kinds = set()

    def on_error(label):
        assert page.title().startswith("Error: "), label
        kinds.update(follow_every_link(page, label))

    every_error_state(page, live_server, "concern-letter", on_error, until="school-type")
    assert MUST_COVER["concern-letter"] <= kinds
