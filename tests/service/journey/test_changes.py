"""Changing an earlier answer when later steps are already done: a question the change makes
necessary is asked, and no document is made from answers that no longer fit together."""

import io

import docx
import pytest
from lxml import html

from service.catalogue import DocumentType
from service.extensions import db
from service.fields import DateField, TextField, Varies
from service.steps import make_step
from tests.service.steps_for_tests import First, More
from tests.settings import make_app

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
    template = docx.Document()
    template.add_paragraph("{{ name }} {{ reason }}")
    template.save(tmp_path / "changes.docx")
    document = DocumentType(
        slug="changes",
        title="Changes",
        summary="s",
        needs="n",
        audience=("parent",),
        steps=(First, More, Why),
        build_context=lambda a: {"name": a["name"], "reason": a.get("reason", "")},
        filename=lambda _answers: "Changes",
    )
    app = make_app(catalogue=[document], templates=tmp_path)
    with app.app_context():
        db.create_all()
        yield app.test_client()


def document_text(data):
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


def post(client, path, data):
    page = html.fromstring(client.get(path).get_data(as_text=True))
    token = page.xpath("//input[@name='csrf_token']/@value")[0]
    return client.post(path, data={"csrf_token": token, **data})


def test_a_change_that_makes_a_question_necessary_asks_it_before_the_document(client):
    post(client, f"{BASE}/first", {"name": "Ada", "wants_more": "no"})
    done = post(client, f"{BASE}/why", {"when": ["5", "1", "2026"]})
    assert done.location.endswith("/check-answers")
    assert client.get(f"{BASE}/download").status_code == 200

    # Now wanting more: the list is asked, then "why", which is required now.
    changed = post(client, f"{BASE}/first?change=1", {"name": "Ada", "wants_more": "yes"})
    assert changed.location.endswith(f"{BASE}/more?change=1")
    assert client.get(f"{BASE}/download").location.endswith(f"{BASE}/more")
    after_list = post(client, f"{BASE}/more?change=1", {"items-0": "Rex"})
    assert after_list.location.endswith(f"{BASE}/why?change=1")
    for page in ("check-answers", "done", "download"):
        assert client.get(f"{BASE}/{page}").location.endswith(f"{BASE}/why")
    page = client.get(f"{BASE}/why").get_data(as_text=True)
    assert "Why do you want more?" in page
    assert "5" in page  # the date given before is still there

    fixed = post(client, f"{BASE}/why?change=1", {"reason": "Curious", "when": ["5", "1", "2026"]})
    assert fixed.location.endswith("/check-answers")
    response = client.get(f"{BASE}/download")
    assert response.status_code == 200
    text = "\n".join(
        p.text for p in docx.Document(__import__("io").BytesIO(response.data)).paragraphs
    )
    assert "Ada Curious" in text


def test_answers_to_a_question_no_longer_asked_are_left_out_of_the_document(client):
    post(client, f"{BASE}/first", {"name": "Ada", "wants_more": "yes"})
    post(client, f"{BASE}/more", {"items-0": "Rex"})
    post(client, f"{BASE}/why", {"reason": "Curious", "when": ["5", "1", "2026"]})
    post(client, f"{BASE}/first?change=1", {"name": "Ada", "wants_more": "no"})
    response = client.get(f"{BASE}/download")
    assert response.status_code == 200
    text = "\n".join(
        p.text for p in docx.Document(__import__("io").BytesIO(response.data)).paragraphs
    )
    assert "Curious" not in text
