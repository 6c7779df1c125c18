"""Your documents: every draft this browser holds, named, with how far it has got, when it
goes, and what can follow it; renamed, deleted, and none of another browser's."""

import datetime

from lxml import html

from forms.deadlines import reply_by
from service import dates
from service.drafts import DraftRecord
from service.extensions import db
from tests.addresses import draft_of, without_draft
from tests.service.cases.holding import hold, other_device
from tests.service.own_document import csrf_token, post

PAGE = "/your-documents"


def page(response):
    assert response.status_code == 200, response.status_code
    return html.fromstring(response.get_data(as_text=True))


def card_titles(client):
    return [
        t.strip()
        for t in page(client.get(PAGE)).xpath(
            "//h2[contains(@class, 'govuk-summary-card__title')]/text()"
        )
    ]


def test_an_empty_device_says_so_and_offers_to_start_or_upload(client):
    doc = page(client.get(PAGE))
    assert "There are no documents on this device." in doc.text_content()
    assert doc.xpath("//a[@href='/your-documents/upload']")
    assert not doc.xpath("//nav//a[text()='Clear this device']")  # nothing to clear


def test_each_draft_is_listed_by_the_document_and_the_childs_first_name(app, client):
    hold(client, app, "concern-letter")
    hold(client, app, "sen-support-plan")
    example = app.extensions["catalogue"].get("concern-letter").example
    first = (example.get("child_known_as") or example["child_name"]).split(" ")[0]
    titles = card_titles(client)
    assert len(titles) == 2
    assert f"Letter to school about your child’s needs: {first}" in [
        t.replace("'", "’") for t in titles
    ]
    text = page(client.get(PAGE)).text_content()
    assert "Ready to download" in text
    deleted_on = dates.today() + datetime.timedelta(days=app.config["DRAFT_RETENTION_DAYS"])
    assert (
        dates.long_date(deleted_on) in text
        or dates.long_date(deleted_on - datetime.timedelta(days=1)) in text
    )


def test_a_draft_can_be_renamed_and_the_name_is_kept_encrypted(app, client):
    draft = hold(client, app, "concern-letter")
    url = f"{PAGE}/{draft.ref}/name"
    response = post(client, url, {"name": "Sam – Year 4 letter"})
    assert response.status_code == 303
    assert card_titles(client) == ["Sam – Year 4 letter"]
    assert b"Year 4 letter" not in db.session.get(DraftRecord, draft.id).payload


def test_a_name_too_long_is_refused_with_its_message_and_kept(app, client):
    draft = hold(client, app, "concern-letter")
    url = f"{PAGE}/{draft.ref}/name"
    long_name = "N" * 101
    response = post(client, url, {"name": long_name})
    doc = html.fromstring(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "The name must be 100 characters or fewer" in doc.text_content()
    assert doc.xpath("//input[@name='name']/@value") == [long_name]


def test_another_browsers_drafts_are_not_listed_or_opened(app, client):
    draft = hold(client, app, "concern-letter")
    other = other_device(app)
    assert card_titles(other) == []
    assert other.get(f"{PAGE}/{draft.ref}/name").status_code == 404
    lost = other.get(f"/documents/concern-letter/check-answers?draft={draft.ref}")
    assert lost.status_code == 404
    assert "This document is not on this device" in lost.get_data(as_text=True)


def test_delete_from_the_list_removes_only_that_draft(app, client):
    first = hold(client, app, "concern-letter")
    second = hold(client, app, "concern-letter", name="Second")
    delete = f"/documents/concern-letter/delete?draft={first.ref}"
    response = post(client, delete, {})
    assert response.status_code == 302
    assert card_titles(client) == ["Second"]
    assert second.ref


def test_the_links_of_a_card_name_its_draft(app, client):
    draft = hold(client, app, "concern-letter")
    doc = page(client.get(PAGE))
    card = doc.xpath(f"//div[@id='{draft.ref}']")[0]
    journey_links = [h for h in card.xpath(".//a/@href") if h.startswith("/documents/")]
    assert journey_links
    assert all(draft_of(h) == draft.ref for h in journey_links)
    download = client.get(f"/documents/concern-letter/download?draft={draft.ref}")
    assert download.status_code == 200


def test_when_a_letters_date_has_passed_the_list_says_so_and_offers_the_next_letter(app, client):
    made = dates.today() - datetime.timedelta(days=40)
    hold(client, app, "concern-letter", made_on=made)
    text = " ".join(page(client.get(PAGE)).text_content().split())
    due = reply_by(made)
    assert f"This date has passed: Reply due from the school, {dates.long_date(due)}." in text
    assert f"No reply by {dates.long_date(due)}? Write a formal complaint" in text


def test_a_letter_made_today_offers_the_complaint_without_saying_a_date_has_passed(app, client):
    hold(client, app, "concern-letter", made_on=dates.today())
    text = " ".join(page(client.get(PAGE)).text_content().split())
    assert "has passed" not in text
    assert "Write a formal complaint" in text


def test_starting_a_new_draft_of_a_document_already_held_keeps_both(app, client):
    held = hold(client, app, "concern-letter")
    start = page(client.get("/documents/concern-letter/"))
    new_url = start.xpath("//a[text()='Start a new one']/@href")[0]
    assert draft_of(new_url) == "new"
    first_step = without_draft(new_url)
    token = csrf_token(client, new_url)
    response = client.post(new_url, data={"csrf_token": token, "writer_name": "Ada Lovelace"})
    assert response.status_code == 302
    assert draft_of(response.location) not in (None, "new", held.ref)
    assert len(card_titles(client)) == 2
    assert first_step.startswith("/documents/concern-letter/")


def test_when_the_councils_six_weeks_have_passed_the_list_offers_the_missed_limit_letter(
    app, client
):
    made = dates.today() - datetime.timedelta(days=50)
    document = app.extensions["catalogue"].get("ehc-needs-assessment-request")
    with dates.as_of(made):
        answers = document.example
        hold(client, app, document.slug, answers, made_on=made)
    text = " ".join(page(client.get(PAGE)).text_content().split())
    assert "This date has passed" in text
    assert "Ready to download" in text  # as it was when it was made
    assert "Write to the council about the missed time limit" in text
