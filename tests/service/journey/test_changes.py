"""Changing an earlier answer when later steps are already done: a question the change makes
necessary is asked, and no document is made from answers that no longer fit together."""

import pytest
from lxml import html

from service.fields import DateField, TextField, Varies
from service.steps import make_step
from tests.addresses import without_draft
from tests.service.own_document import document_text, own_app, post
from tests.service.steps_for_tests import First, More

BASE = "/documents/changes"

# Asked, and required, only of someone who wants more; its date must follow the first step's.
Why = make_step(
    "why",
    "Why",
    reason=TextField(
        "Why do you want more?",
        Varies(lambda answers: "Enter why you want more" if answers.get("wants_more") else None),
        error_name="Why",
        asked=Varies(lambda answers: answers.get("wants_more") is True),
    ),
    when=DateField("When?", "Enter when", error_name="When"),
)


@pytest.fixture
def client(tmp_path):
    with own_app(
        tmp_path,
        ["{{ name }} {{ reason }}"],
        slug="changes",
        steps=(First, More, Why),
        build_context=lambda a: {"name": a["name"], "reason": a.get("reason", "")},
        filename=lambda _answers: "Changes",
    ) as app:
        yield app.test_client()


def test_a_change_that_makes_a_question_necessary_asks_it_before_the_document(client):
    post(client, f"{BASE}/first", {"name": "Ada", "wants_more": "no"})
    done = post(client, f"{BASE}/why", {"when": ["5", "1", "2026"]})
    assert without_draft(done.location).endswith("/check-answers")
    assert client.get(f"{BASE}/download").status_code == 200

    # Now wanting more: the list is asked, then "why", which is required now.
    changed = post(client, f"{BASE}/first?change=1", {"name": "Ada", "wants_more": "yes"})
    assert without_draft(changed.location).endswith(f"{BASE}/more?change=1")
    assert without_draft(client.get(f"{BASE}/download").location).endswith(f"{BASE}/more")
    after_list = post(client, f"{BASE}/more?change=1", {"items-0": "Rex"})
    assert without_draft(after_list.location).endswith(f"{BASE}/why?change=1")
    for page in ("check-answers", "done", "download"):
        assert without_draft(client.get(f"{BASE}/{page}").location).endswith(f"{BASE}/why")
    page = client.get(f"{BASE}/why").get_data(as_text=True)
    assert "Why do you want more?" in page
    assert "5" in page  # the date given before is still there
    # The page says at once what the change made necessary, as an error it links to.
    summary = html.fromstring(page).xpath("//*[contains(@class,'govuk-error-summary__list')]//a")
    assert [(link.text.strip(), link.get("href")) for link in summary] == [
        ("Enter why you want more", "#reason")
    ]

    fixed = post(client, f"{BASE}/why?change=1", {"reason": "Curious", "when": ["5", "1", "2026"]})
    assert without_draft(fixed.location).endswith("/check-answers")
    response = client.get(f"{BASE}/download")
    assert response.status_code == 200
    text = document_text(response.data)
    assert "Ada Curious" in text


def test_answers_to_a_question_no_longer_asked_are_left_out_of_the_document(client):
    post(client, f"{BASE}/first", {"name": "Ada", "wants_more": "yes"})
    post(client, f"{BASE}/more", {"items-0": "Rex"})
    post(client, f"{BASE}/why", {"reason": "Curious", "when": ["5", "1", "2026"]})
    post(client, f"{BASE}/first?change=1", {"name": "Ada", "wants_more": "no"})
    response = client.get(f"{BASE}/download")
    assert response.status_code == 200
    text = document_text(response.data)
    assert "Curious" not in text
