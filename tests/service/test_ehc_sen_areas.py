"""The EHC request's special educational needs, by the SEND Code's four broad areas, through
the API and the web journey. The areas are flat answers like any other. An answer given
before there were areas (the step's one box, `reasons_sen`) is neither lost nor enough: an
API request that has only it gets a clear error, and a draft that has only it leads back to
the step, with the old answer still in its box."""

import io

import docx
from flask import session

from service import drafts
from service.answers import validate_answers
from tests.addresses import without_draft
from tests.service.own_document import page, post

SLUG = "ehc-needs-assessment-request"
API = f"/api/v1/documents/{SLUG}"
NEEDS = f"/documents/{SLUG}/special-educational-needs"
AREAS = ("need_communication", "need_cognition", "need_semh", "need_sensory")
OLD_ANSWER = "Leo cannot read yet and is very unhappy at school."
AT_LEAST_ONE = "Describe at least one area of your child's special educational needs"


def old_answers(example):
    """The example as it was before the areas: the needs in one answer."""
    answers = {name: value for name, value in example.items() if name not in AREAS}
    return {**answers, "reasons_sen": OLD_ANSWER}


def test_the_api_lists_each_area_as_an_optional_long_answer(client):
    listing = client.get("/api/v1/documents").get_json()
    (document,) = [found for found in listing["documents"] if found["slug"] == SLUG]
    fields = {field["name"]: field for field in document["fields"]}
    for name in (*AREAS, "reasons_sen"):
        assert (fields[name]["type"], fields[name]["required"]) == ("long-text", False)
    assert fields["need_communication"]["label"] == "Communication and interaction (optional)"


def test_the_example_prints_each_area_it_answers_under_its_own_heading(client):
    example = client.get(f"{API}/example").get_json()
    response = client.post(API, json=example)
    assert response.status_code == 200
    paragraphs = docx.Document(io.BytesIO(response.data)).paragraphs
    headings = [p.text for p in paragraphs if p.style.name == "Heading 3"]
    assert headings[:3] == [
        "Communication and interaction",
        "Cognition and learning",
        "Social, emotional and mental health",
    ]
    assert "Sensory and/or physical needs" not in headings  # the example leaves it blank


def test_a_request_with_only_the_old_answer_gets_a_clear_error(client):
    example = client.get(f"{API}/example").get_json()
    response = client.post(API, json=old_answers(example))
    assert response.status_code == 422
    assert response.get_json() == {"errors": {"need_communication": [AT_LEAST_ONE]}}


def old_draft_cookie(app):
    """A browser whose draft was finished before the areas: the needs step holds only the
    old answer, as the journey stored it then."""
    document = app.extensions["catalogue"].get(SLUG)
    with app.test_request_context():
        checked = validate_answers(document, document.example)
        assert checked.errors == {}
        steps = {
            step.slug: {name: checked.answers[name] for name in names if name in checked.answers}
            for step, names in document.answer_names.items()
            if step.should_show(checked.answers)
        }
        steps["special-educational-needs"] = {"reasons_sen": OLD_ANSWER}
        drafts.save(drafts.Draft(SLUG, steps=steps))
        value = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    return app.config["SESSION_COOKIE_NAME"], value


def test_a_draft_with_only_the_old_answer_leads_back_to_the_step_with_it_kept(app):
    client = app.test_client()
    client.set_cookie(*old_draft_cookie(app))

    later = client.get(f"/documents/{SLUG}/check-answers")
    assert later.status_code == 302
    assert without_draft(later.location).endswith(NEEDS)

    shown = page(client.get(NEEDS))
    summary = shown.xpath("//div[contains(@class,'govuk-error-summary')]//a")
    assert [(link.text_content().strip(), link.get("href")) for link in summary] == [
        (AT_LEAST_ONE, "#need_communication")
    ]
    assert shown.xpath("string(//textarea[@name='reasons_sen'])").strip() == OLD_ANSWER
    assert shown.xpath("//textarea[@id='need_communication']")

    # Describing one area is enough: the journey goes on, and the old answer is kept.
    done = post(
        client,
        NEEDS,
        {"need_cognition": "He reads at the level of a six-year-old.", "reasons_sen": OLD_ANSWER},
    )
    assert done.status_code == 302
    assert not without_draft(done.location).endswith(NEEDS)
    assert client.get(f"/documents/{SLUG}/check-answers").status_code == 200
