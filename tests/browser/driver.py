"""Fill a document's journey from its example answers, as a person would.

Field names and types come from the API's listing, so one driver serves every document.
`KeyboardFiller` moves only with Tab, arrow keys, Space and Enter; `PointerFiller` fills and
clicks, for the journey with JavaScript turned off.
"""

import re

MAX_TABS = 120


class KeyboardFiller:
    def __init__(self, page):
        self.page = page

    def focus(self, selector):
        """Press Tab until the element is focused, as a keyboard user would."""
        for _ in range(MAX_TABS):
            if self.page.evaluate(
                "s => document.activeElement && document.activeElement.matches(s)", selector
            ):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{selector} cannot be reached with the Tab key")

    def type(self, selector, value):
        self.focus(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(value)

    def choose(self, name, value):
        values = self.page.eval_on_selector_all(
            f"input[type=radio][name='{name}']", "els => els.map(e => e.value)"
        )
        checked = self.page.eval_on_selector_all(
            f"input[type=radio][name='{name}']", "els => els.findIndex(e => e.checked)"
        )
        target = values.index(value)
        start = max(checked, 0)
        self.focus(f"input[type=radio][name='{name}'][value='{values[start]}']")
        if checked < 0:
            self.page.keyboard.press("Space")
        key = "ArrowDown" if target >= start else "ArrowUp"
        for _ in range(abs(target - start)):
            self.page.keyboard.press(key)

    def tick(self, name, value):
        selector = f"input[type=checkbox][name='{name}'][value='{value}']"
        if not self.page.is_checked(selector):
            self.focus(selector)
            self.page.keyboard.press("Space")

    def press_button(self, selector):
        self.focus(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


class PointerFiller:
    def __init__(self, page):
        self.page = page

    def type(self, selector, value):
        self.page.fill(selector, value)

    def choose(self, name, value):
        self.page.check(f"input[type=radio][name='{name}'][value='{value}']")

    def tick(self, name, value):
        self.page.check(f"input[type=checkbox][name='{name}'][value='{value}']")

    def press_button(self, selector):
        with self.page.expect_navigation():
            self.page.click(selector)


CONTINUE = "button.govuk-button[value='continue']:not(.app-default-submit)"


def fill_step(filler, fields, example):
    """Answer every question on the current page that has an example value, then continue.
    A step may leave out questions that earlier answers make unnecessary."""
    for field in fields:
        if field["name"] in example and asked_here(filler.page, field["name"]):
            fill_field(filler, field, field["name"], example[field["name"]])
    filler.press_button(CONTINUE)


def asked_here(page, name):
    return page.query_selector(f"main [name='{name}'], main [name^='{name}-']") is not None


def fill_field(filler, field, name, value):
    kind = field["type"]
    if value in (None, "", []):
        return
    if kind in ("text", "long-text", "email", "phone", "number", "money"):
        filler.type(f"[name='{name}']", str(value))
    elif kind == "date":
        year, month, day = value.split("-")
        for part, text in (("day", day), ("month", month), ("year", year)):
            filler.type(f"#{name}-{part}", str(int(text)))
    elif kind == "boolean":
        filler.choose(name, "yes" if value else "no")
    elif kind == "choice":
        filler.choose(name, value)
    elif kind == "multi-choice":
        for item in value:
            filler.tick(name, item)
    elif kind == "list":
        fill_list(filler, field, name, value)
    else:
        raise AssertionError(f"no way to fill a {kind} field")


def fill_list(filler, field, name, items):
    """Type each item, pressing "Add another" when the page has no empty box left."""
    for index, item in enumerate(items):
        if index > 0 and not filler.page.query_selector(f"[name^='{name}-{index}']"):
            filler.press_button(f"button[value='add:{name}']")
        if "fields" not in field:
            filler.type(f"[name='{name}-{index}']", item)
            continue
        for sub in field["fields"]:
            if sub["name"] in item:
                fill_field(filler, sub, f"{name}-{index}-{sub['name']}", item[sub["name"]])


def step_slug(url, slug):
    match = re.search(rf"/documents/{re.escape(slug)}/([^/?#]+)", url)
    return match.group(1) if match else None


def walk_journey(page, base, listing, filler, on_page=None):
    """From the document's start page to check your answers; returns the pages seen."""
    slug = listing["slug"]
    fields_by_step = {}
    for field in listing["fields"]:
        fields_by_step.setdefault(field["step"], []).append(field)
    example = page.request.get(f"{base}/api/v1/documents/{slug}/example").json()
    page.goto(f"{base}/documents/{slug}/")
    if on_page:
        on_page(page)
    filler.press_button("a.govuk-button--start")
    seen = []
    while (current := step_slug(page.url, slug)) not in ("check-answers", None):
        assert current not in seen, f"the journey came back to {current}"
        seen.append(current)
        if on_page:
            on_page(page)
        fill_step(filler, fields_by_step.get(current, []), example)
    return seen, example


def open_step(page, base, slug, step):
    """Answer each step before `step` with the document's example answers, with the pointer,
    and stop on `step`'s page; returns the filler."""
    listing = next(
        document
        for document in page.request.get(f"{base}/api/v1/documents").json()["documents"]
        if document["slug"] == slug
    )
    example = page.request.get(f"{base}/api/v1/documents/{slug}/example").json()
    fields_by_step = {}
    for field in listing["fields"]:
        fields_by_step.setdefault(field["step"], []).append(field)
    filler = PointerFiller(page)
    page.goto(f"{base}/documents/{slug}/")
    filler.press_button("a.govuk-button--start")
    while (current := step_slug(page.url, slug)) != step:
        assert current not in (None, "check-answers"), f"the journey never reached {step}"
        fill_step(filler, fields_by_step.get(current, []), example)
    return filler
