"""The web journey fuzzed with hypothesis: whatever is posted to any step of any document
(questions missing, unknown or repeated, huge values, odd Unicode, list buttons naming entries
that do not exist, dates in the wrong number of pieces, bytes that are not UTF-8), the answer
is a page or a redirect, never a server error. And every journey address, asked with any
method and no security token, answers 2xx, 3xx or 4xx.

Each document's draft is first filled with its example answers, posted as a browser would,
so every step can be reached; a fuzzed post that happens to be valid is saved, and the
step's example answers are posted again, so the next example starts from the same draft.
"""

import re
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html
from werkzeug.datastructures import MultiDict

from forms import CATALOGUE
from service.extensions import db
from service.journey.routing import RESERVED_SLUGS
from tests.addresses import without_draft
from tests.settings import make_app, raised_limits

SLUGS = [document.slug for document in CATALOGUE]
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")
# Text people and programs send that has broken form handling elsewhere: digits that are not
# ASCII ("²".isdigit() is True, int("²") fails), numbers too large for a C long, control and
# direction characters, a byte order mark, template-looking text, markup, line breaks.
AWKWARD = [
    "²",
    "٣",
    "-1",
    "0",
    "99999999999999999999",
    "1e9",
    " ",
    "\x00",
    "\x0b",
    "\u202e",
    "\ufeff",
    "\r\n",
    "{{ 7*7 }}",
    "{_{7*7}_}",
    "<script>alert(1)</script>",
    "Zoë",
    "e\u0301",
    "👩🏽‍🦯",
]


@pytest.fixture(scope="module")
def app():
    app = make_app(
        LIBREOFFICE_PATH="/nonexistent/soffice",
        **raised_limits(),
    )
    # No app context held for the tests: requests would share it, and with it `g`, where
    # Flask-WTF keeps the security token of the first browser to ask.
    with app.app_context():
        db.create_all()
    return app


class Journey:
    """One document's journey in one browser, its draft filled with the example answers."""

    def __init__(self, app, slug):
        self.client = app.test_client()
        self.document = app.extensions["catalogue"].get(slug)
        self.slug = slug
        example = self.document.example
        with app.test_request_context():
            # What a browser posts for each step's example answers, as a MultiDict.
            self.example = {
                step.slug: MultiDict(
                    step.prototype().formdata_for(
                        {name: example[name] for name in names if name in example}
                    )
                )
                for step, names in self.document.answer_names.items()
            }
        self.token = None
        for step in self.document.steps:
            self.restore(step.slug)
        final = self.client.get(f"/documents/{slug}/check-answers")
        assert final.status_code == 200, f"{slug}: the example answers do not finish"
        self.inputs = {step.slug: self.read_inputs(step.slug) for step in self.document.steps}

    def url(self, step):
        return f"/documents/{self.slug}/{step}"

    def post(self, step, data, **kwargs):
        """A post as a browser makes it. One the step cannot save redirects back to the step
        (post/redirect/get) and that page is fetched, so what it shows is checked too."""
        response = self.client.post(self.url(step), data=data, **kwargs)
        if response.status_code == 302 and urlsplit(response.location).path == self.url(step):
            return self.client.get(response.location)
        return response

    def restore(self, step):
        """Post the example answers to a step, as a browser would: on a step that does not
        apply they are not saved (a redirect to where the journey is), which is as it was."""
        page = self.client.get(self.url(step))
        if page.status_code == 200:
            self.token = _token(page)
            data = MultiDict(self.example[step])
            data["csrf_token"] = self.token
            answer = self.post(step, data)
            assert answer.status_code == 302, answer.text

    def read_inputs(self, step):
        """The step's input names, less its dates' (three boxes under one name), its dates'
        names, and the values its radios, checkboxes and buttons offer."""
        page = self.client.get(self.url(step))
        if page.status_code != 200:
            return [], [], []
        tree = html.fromstring(page.get_data(as_text=True))
        dates = set(tree.xpath("//main//input[contains(@class, 'govuk-date-input__input')]/@name"))
        named = set(tree.xpath("//main//*[self::input or self::textarea]/@name"))
        names = sorted(named - dates - {"csrf_token"})
        offered = tree.xpath("//main//input[@type='radio' or @type='checkbox']/@value")
        buttons = tree.xpath("//main//button[@name='action']/@value")
        return names, sorted(dates), sorted({*offered, *buttons})


def _token(response):
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.text)
    return found[1] if found else None


@pytest.fixture(scope="module")
def journeys(app):
    return {}


@pytest.fixture
def journey(app, journeys, request):
    slug = request.param
    if slug not in journeys:
        journeys[slug] = Journey(app, slug)
    return journeys[slug]


def values(offered):
    huge = st.builds(
        lambda text, times: text * times,
        st.text(min_size=1, max_size=3),
        st.integers(2_000, 60_000),
    )
    return st.one_of(
        st.text(max_size=40),
        st.sampled_from(AWKWARD),
        st.sampled_from(offered) if offered else st.nothing(),
        st.integers(-(10**25), 10**25).map(str),
        huge,
    )


# A date is three boxes under one name: pieces that are numbers, years, too large, not ASCII.
DATE_PARTS = st.one_of(
    st.sampled_from(["1", "31", "12", "2020", "0", "13", "99999999999999999999", "²", " 7 ", ""]),
    st.text(max_size=5),
)


@st.composite
def form_posts(draw, journey):
    """(step, data): data is pairs of names and values as a form posts them, or raw bytes.
    Each of the page's own inputs is left out, given once, or given several times (a date in
    too few or too many pieces); names of its own are added, and a button's action."""
    step = draw(st.sampled_from([step.slug for step in journey.document.steps]))
    names, dates, offered = journey.inputs[step]
    if draw(st.integers(0, 9)) == 0:
        return step, draw(st.binary(max_size=300))
    pairs = []
    for name in names:
        given = draw(st.sampled_from([0, 1, 1, 1, 2]))
        pairs += [(name, draw(values(offered))) for _ in range(given)]
    for name in dates:
        parts = draw(st.sampled_from([0, 2, 3, 3, 3, 4]))
        pairs += [(name, draw(DATE_PARTS)) for _ in range(parts)]
    lists = sorted({name.split("-")[0] for name in names if "-" in name})
    entry = st.integers(-2, 40).map(str) | st.sampled_from(["999999999999", "²", "x", ""])
    listed = st.nothing()
    if lists:
        listed = st.builds(lambda name, at: f"{name}-{at}", st.sampled_from(lists), entry)
    extra = st.one_of(listed, st.text(max_size=20))
    pairs += draw(st.lists(st.tuples(extra, values(offered)), max_size=4))
    actions = [st.just("continue"), st.text(max_size=30)]
    if offered:
        actions.append(st.sampled_from(offered))
    if lists:
        actions.append(st.builds(lambda name: f"add:{name}", st.sampled_from(lists)))
        removes = st.builds(lambda name, at: f"remove:{name}:{at}", st.sampled_from(lists), entry)
        actions += [removes, removes]  # the buttons most likely to be sent by hand
    if draw(st.integers(0, 2)):
        pairs.append(("action", draw(st.one_of(actions))))
    return step, pairs


def check_answer(response, what):
    assert response.status_code < 500, what
    assert b"Traceback" not in response.data, what


@pytest.mark.parametrize("journey", SLUGS, indirect=True)
@settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_is_posted_to_a_step_the_answer_is_never_a_server_error(journey, data):
    step, posted = data.draw(form_posts(journey))
    if isinstance(posted, bytes):
        body = b"csrf_token=" + journey.token.encode() + b"&" + posted
        response = journey.post(step, body, content_type="application/x-www-form-urlencoded")
    else:
        form = MultiDict(posted)
        form["csrf_token"] = journey.token
        response = journey.post(step, form)
    check_answer(response, (step, posted))
    if response.status_code == 302 and not without_draft(response.location).endswith(
        journey.url(step)
    ):
        journey.restore(step)


@pytest.mark.parametrize("journey", SLUGS, indirect=True)
def test_every_journey_address_with_any_method_and_no_token_is_never_a_server_error(journey):
    """With the draft finished, so each page goes as far as it can; a browser of its own, so
    the filled draft is not changed."""
    pages = [step.slug for step in journey.document.steps] + sorted(RESERVED_SLUGS)
    for page in ["", *pages, "no-such-step"]:
        for method in METHODS:
            response = journey.client.open(journey.url(page), method=method)
            if page == "download.pdf" and method in ("GET", "HEAD"):
                assert response.status_code == 503  # no LibreOffice here: said on the page
                continue
            check_answer(response, (method, page))
            if method not in ("GET", "HEAD"):
                assert 300 <= response.status_code < 500, (method, page)


# Entry numbers and date pieces that are numbers to str.isdigit() but not to int(), or too
# large for a date: each is tried on every list and every date of every step.
ENTRIES = ["²", "-1", "99999999999999999999999", "999"]
DATES = [
    ["99999999999999999999", "1", "2020"],
    ["1", "99999999999999999999", "2020"],
    ["²", "1", "2020"],
    ["1", "1", "2020", "1"],
]


@pytest.mark.parametrize("journey", SLUGS, indirect=True)
def test_every_remove_button_and_date_takes_awkward_values(journey):
    """What random posts rarely hit, tried everywhere: a remove button naming an entry that
    is not a plain number, and a date in pieces that are not a date."""
    for step in journey.document.steps:
        names, dates, _ = journey.inputs[step.slug]
        lists = sorted({name.split("-")[0] for name in names if "-" in name})
        posts = [[("action", f"remove:{name}:{at}")] for name in lists for at in ENTRIES]
        posts += [[(name, part) for part in parts] for name in dates for parts in DATES]
        for changed in posts:
            form = MultiDict(journey.example[step.slug])
            for name in {name for name, _ in changed}:
                form.setlist(name, [value for key, value in changed if key == name])
            form["csrf_token"] = journey.token
            response = journey.post(step.slug, form)
            check_answer(response, (step.slug, changed))
            assert response.status_code == 200, (step.slug, changed)


# --- what the fuzzing found, kept as plain tests ---------------------------------------------


@pytest.mark.parametrize("journey", ["concern-letter"], indirect=True)
@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["99999999999999999999", "1", "2020"], "must be a real date"),
        (["1", "99999999999999999999", "2020"], "must be a real date"),
        (["1", "1", "99999999999999999999"], "must have 4 numbers in the year"),
    ],
)
def test_a_date_with_a_number_too_large_is_an_error_message(journey, parts, message):
    """int() reads any number of digits, and datetime.date then overflowed (a 500)."""
    form = MultiDict(journey.example["child"])
    form.setlist("child_dob", parts)
    form["csrf_token"] = journey.token
    response = journey.post("child", form)
    assert response.status_code == 200
    assert message in response.text


@pytest.mark.parametrize("journey", ["concern-letter"], indirect=True)
@pytest.mark.parametrize("entry", ["²", "٣", "99999999999999999999999", "-1"])
def test_a_remove_button_naming_no_entry_removes_nothing(journey, entry):
    """ "²".isdigit() is True but int("²") fails: the page used to fail with a 500."""
    form = MultiDict(journey.example["concerns"])
    form["action"] = f"remove:concerns:{entry}"
    form["csrf_token"] = journey.token
    response = journey.post("concerns", form)
    assert response.status_code == 200
    shown = html.fromstring(response.text).xpath("//main//textarea/text()")
    assert [text.strip() for text in shown] == list(journey.example["concerns"].values())


@pytest.mark.parametrize("journey", ["concern-letter"], indirect=True)
def test_head_is_answered_as_get_everywhere_in_the_journey(journey):
    """The email page answered HEAD as a post (a 503 here, with no mail server), because
    views that take GET and POST treat every method but GET as a post."""
    pages = [step.slug for step in journey.document.steps] + sorted(RESERVED_SLUGS)
    for page in ["", *pages]:
        got = journey.client.get(journey.url(page))
        head = journey.client.head(journey.url(page))
        assert (head.status_code, head.location) == (got.status_code, got.location), page
        assert head.data == b""
