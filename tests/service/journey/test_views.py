"""The journey through the web client: steps, guards, lists, check answers, download, delete."""

import io
import re

import docx
import pytest

from bench.drafts import finished_draft_cookie
from service import drafts
from service.delivery.pdf import PdfConverter
from service.extensions import db
from service.fields.date_input import example_text, upcoming_example
from tests.addresses import links, without_draft
from tests.service.own_document import csrf_token, page, post, shown_after

BASE = "/documents/pet-letter"


def complete(client, *, pets=True):
    post(client, f"{BASE}/name", {"name": "Ada Lovelace"})
    post(client, f"{BASE}/has-pets", {"has_pets": "yes" if pets else "no"})
    if pets:
        post(client, f"{BASE}/pets", {"pets-0": "Rex", "pets-1": "Tibbles & <Co>"})
    return post(
        client, f"{BASE}/details", {"when": ["5", "1", "2026"], "notes": "Line 1\r\nLine 2"}
    )


def error_texts(response):
    return [
        text.strip()
        for text in page(response).xpath(
            "//*[contains(@class,'govuk-error-summary__list')]//a/text()"
        )
    ]


def test_start_page_offers_start_and_blank_template(fake_client):
    response = fake_client.get(f"{BASE}/")
    doc = page(response)
    assert doc.xpath("//h1/text()") == ["Pet letter"]
    assert doc.xpath("//a[contains(@class,'govuk-button--start')]/@href") == [
        f"{BASE}/name?draft=new"
    ]
    assert doc.xpath(f"//a[@href='{BASE}/blank']")


def test_unknown_document_and_step_are_404(fake_client):
    assert fake_client.get("/documents/no-such-thing/").status_code == 404
    assert fake_client.get(f"{BASE}/no-such-step").status_code == 404


def test_later_step_redirects_to_first_missing(fake_client):
    response = fake_client.get(f"{BASE}/details")
    assert response.status_code == 302
    assert without_draft(response.location).endswith(f"{BASE}/name")
    for target in ("check-answers", "done", "download"):
        assert without_draft(fake_client.get(f"{BASE}/{target}").location).endswith(f"{BASE}/name")


def test_single_question_page_uses_label_as_heading(fake_client):
    doc = page(fake_client.get(f"{BASE}/name"))
    assert [h.text_content().strip() for h in doc.xpath("//h1")] == ["Your full name"]
    assert doc.xpath("//title/text()")[0].startswith("Your full name")


def test_errors_are_summarised_and_linked_and_title_says_error(fake_client):
    response = shown_after(fake_client, f"{BASE}/name", {"name": "  "})
    assert response.status_code == 200
    assert error_texts(response) == ["Enter your full name"]
    doc = page(response)
    assert doc.xpath("//title/text()")[0].startswith("Error: ")
    assert doc.xpath("//*[contains(@class,'govuk-error-summary__list')]//a/@href") == ["#name"]
    assert doc.xpath("//input[@id='name']")


def test_whole_journey_with_conditional_step(fake_client):
    response = complete(fake_client)
    assert without_draft(response.location).endswith(f"{BASE}/check-answers")
    check = page(fake_client.get(f"{BASE}/check-answers"))
    text = check.text_content()
    for expected in ("Ada Lovelace", "Rex", "Tibbles & <Co>", "5 January 2026", "Line 1", "Line 2"):
        assert expected in text
    assert check.xpath("//a[contains(@href,'/pets?change=1')]")


def test_step_that_no_longer_applies_is_skipped_and_left_out(fake_client):
    complete(fake_client)
    post(fake_client, f"{BASE}/has-pets?change=1", {"has_pets": "no"})
    check = fake_client.get(f"{BASE}/check-answers")
    assert check.status_code == 200
    assert "Rex" not in check.get_data(as_text=True)
    document = docx.Document(io.BytesIO(fake_client.get(f"{BASE}/download").data))
    assert "Pet: Rex" not in [p.text for p in document.paragraphs]


def test_change_returns_to_check_answers_or_to_a_newly_needed_step(fake_client):
    complete(fake_client, pets=False)
    response = post(fake_client, f"{BASE}/name?change=1", {"name": "Grace"})
    assert without_draft(response.location).endswith(f"{BASE}/check-answers")
    # Saying yes to pets now needs the pets step before check answers.
    response = post(fake_client, f"{BASE}/has-pets?change=1", {"has_pets": "yes"})
    assert without_draft(response.location).endswith(f"{BASE}/pets?change=1")
    response = post(fake_client, f"{BASE}/pets?change=1", {"pets-0": "Rex"})
    assert without_draft(response.location).endswith(f"{BASE}/check-answers")


def test_change_page_back_link_goes_to_check_answers(fake_client):
    complete(fake_client)
    doc = page(fake_client.get(f"{BASE}/name?change=1"))
    assert links(doc, "//a[contains(@class,'govuk-back-link')]/@href") == [f"{BASE}/check-answers"]


def test_back_links_follow_applicable_steps(fake_client):
    complete(fake_client, pets=False)
    doc = page(fake_client.get(f"{BASE}/details"))
    assert links(doc, "//a[contains(@class,'govuk-back-link')]/@href") == [f"{BASE}/has-pets"]


def test_saved_answers_fill_the_form_again(fake_client):
    complete(fake_client)
    doc = page(fake_client.get(f"{BASE}/details"))
    assert doc.xpath("//input[@id='when-day']/@value") == ["5"]
    assert doc.xpath("//textarea[@id='notes']/text()")[0].strip() == "Line 1\nLine 2"


def test_add_another_and_remove_without_javascript(fake_client):
    post(fake_client, f"{BASE}/name", {"name": "Ada"})
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "yes"})
    url = f"{BASE}/pets"
    token = csrf_token(fake_client, url)
    added = shown_after(fake_client, url, {"pets-0": "Rex", "action": "add:pets"}, token)
    doc = page(added)
    assert doc.xpath("//input[@name='pets-0']/@value") == ["Rex"]
    assert doc.xpath("//input[@name='pets-1']")
    assert not error_texts(added)
    removed = shown_after(
        fake_client, url, {"pets-0": "Rex", "pets-1": "Tom", "action": "remove:pets:0"}, token
    )
    assert page(removed).xpath("//input[@name='pets-0']/@value") == ["Tom"]
    assert not page(removed).xpath("//input[@name='pets-1']")
    # The first submit button is Continue, so Enter in a text box never removes an entry.
    buttons = doc.xpath("//form//button")
    assert buttons[0].get("value") == "continue"


def test_list_requires_one_entry_and_links_to_it(fake_client):
    post(fake_client, f"{BASE}/name", {"name": "Ada"})
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "yes"})
    response = shown_after(fake_client, f"{BASE}/pets", {"pets-0": ""})
    assert error_texts(response) == ["Enter at least one pet"]
    assert page(response).xpath("//*[contains(@class,'govuk-error-summary__list')]//a/@href") == [
        "#pets-0"
    ]


def test_bad_date_keeps_what_was_typed(fake_client):
    complete(fake_client, pets=False)
    response = shown_after(
        fake_client, f"{BASE}/details", {"when": ["31", "2", "2026"], "notes": "Keep me"}
    )
    example = example_text(upcoming_example())
    assert error_texts(response) == [f"The start must be a real date, like {example}"]
    doc = page(response)
    assert doc.xpath("//input[@id='when-day']/@value") == ["31"]
    assert doc.xpath("//textarea[@id='notes']/text()")[0].strip() == "Keep me"
    assert doc.xpath("//*[contains(@class,'govuk-error-summary__list')]//a/@href") == ["#when-day"]


def test_partial_date_post_is_an_error_not_a_crash(fake_client):
    complete(fake_client, pets=False)
    response = shown_after(fake_client, f"{BASE}/details", {"when": ["5", "1"]})
    assert response.status_code == 200
    assert error_texts(response)


def test_download_has_every_answer_and_a_meaningful_name(fake_client):
    complete(fake_client)
    response = fake_client.get(f"{BASE}/download")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "Pet letter from Ada Lovelace.docx" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    text = [p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs]
    assert "Name: Ada Lovelace" in text
    assert "Pet: Tibbles & <Co>" in text


def test_blank_template_has_prompts(fake_client):
    response = fake_client.get(f"{BASE}/blank")
    text = [p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs]
    assert "Name: [Your full name]" in text
    assert "(blank template)" in response.headers["Content-Disposition"]


def test_leave_and_come_back_then_delete(fake_app, fake_client):
    complete(fake_client)
    start = page(fake_client.get(f"{BASE}/"))
    assert links(start, "//a[contains(@class,'govuk-button--start')]/@href") == [
        f"{BASE}/check-answers"
    ]
    response = post(fake_client, f"{BASE}/delete", {})
    assert without_draft(response.location).endswith(f"{BASE}/deleted")
    assert without_draft(fake_client.get(f"{BASE}/check-answers").location).endswith(f"{BASE}/name")
    assert stored_drafts() == 0


def test_expired_csrf_token_keeps_what_was_typed(fake_client):
    csrf_token(fake_client, f"{BASE}/name")
    response = fake_client.post(f"{BASE}/name", data={"csrf_token": "stale", "name": "Keep me"})
    assert response.status_code == 400
    doc = page(response)
    assert doc.xpath("//input[@id='name']/@value") == ["Keep me"]
    assert any("timed out" in text for text in error_texts(response))
    fresh = doc.xpath("//input[@name='csrf_token']/@value")[0]
    again = fake_client.post(f"{BASE}/name", data={"csrf_token": fresh, "name": "Keep me"})
    assert without_draft(again.location).endswith(f"{BASE}/has-pets")


def test_csrf_failure_elsewhere_is_a_friendly_page(fake_client):
    response = fake_client.post(f"{BASE}/delete", data={})
    assert response.status_code == 400
    assert "This page timed out" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["name", "check-answers", "done"])
def test_pages_are_never_cached(fake_client, path):
    complete(fake_client)
    assert fake_client.get(f"{BASE}/{path}").headers["Cache-Control"] == "no-store"


def test_session_cookie_holds_only_a_draft_id(fake_client):
    complete(fake_client)
    cookie = fake_client.get_cookie("sen_session")
    assert cookie is not None
    assert cookie.http_only
    assert "Ada" not in cookie.value
    assert re.fullmatch(r"[A-Za-z0-9_.\-]+", cookie.value)


def test_done_page_offers_pdf_when_libreoffice_is_there(fake_app, fake_client, soffice_path):
    complete(fake_client)
    doc = page(fake_client.get(f"{BASE}/done"))
    assert f"{BASE}/download.pdf" in links(doc, "//a/@href")
    response = fake_client.get(f"{BASE}/download.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "Pet letter from Ada Lovelace.pdf" in response.headers["Content-Disposition"]


def test_without_libreoffice_pdf_is_explained_not_offered(fake_app, fake_client):
    fake_app.extensions["pdf"] = PdfConverter("/nowhere/soffice")
    complete(fake_client)
    doc = page(fake_client.get(f"{BASE}/done"))
    assert not doc.xpath(f"//a[@href='{BASE}/download.pdf']")
    assert "PDF is not available on this copy of the service" in doc.text_content()
    response = fake_client.get(f"{BASE}/download.pdf")
    assert response.status_code == 503
    assert "We could not make the PDF just now" in response.get_data(as_text=True)
    # Nothing is lost: the answers and the Word download are still there.
    assert fake_client.get(f"{BASE}/check-answers").status_code == 200
    assert fake_client.get(f"{BASE}/download").status_code == 200


def test_check_answers_previews_the_document_with_typed_markup_as_text(fake_client):
    post(fake_client, f"{BASE}/name", {"name": "<script>alert(1)</script>"})
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "no"})
    post(fake_client, f"{BASE}/details", {"when": ["5", "1", "2026"]})
    doc = page(fake_client.get(f"{BASE}/check-answers"))
    (preview,) = doc.xpath("//div[contains(@class,'app-preview')]")
    assert "Name: <script>alert(1)</script>" in preview.text_content()
    assert doc.xpath("//script[contains(., 'alert')]") == []


def stored_drafts():
    """How many drafts the database holds."""
    return db.session.query(drafts.DraftRecord).count()


def test_the_cookie_is_sent_again_only_when_a_draft_is_saved(fake_client):
    saved = post(fake_client, f"{BASE}/name", {"name": "Ada Lovelace"})
    assert "sen_session=" in saved.headers.get("Set-Cookie", "")
    # Reading pages leaves the cookie as it was, so it expires with the draft it names.
    assert "Set-Cookie" not in fake_client.get(f"{BASE}/has-pets").headers
    assert "Set-Cookie" not in fake_client.get(f"{BASE}/name").headers


def test_check_answers_labels_leave_out_optional(app):
    cookie = finished_draft_cookie(app, "records-request")
    client = app.test_client()
    name, value = cookie.split("=", 1)
    client.set_cookie(name, value)

    keys = page(client.get("/documents/records-request/check-answers")).xpath(
        "//dt[contains(@class,'govuk-summary-list__key')]"
    )
    labels = [" ".join(key.text_content().split()) for key in keys]

    assert "Email address" in labels  # asked as "Email address (optional)"
    assert not [label for label in labels if "optional" in label]


def test_list_items_are_headed_and_removed_with_a_secondary_button(app):
    cookie = finished_draft_cookie(app, "sen-support-plan")
    client = app.test_client()
    name, value = cookie.split("=", 1)
    client.set_cookie(name, value)

    html = page(client.get("/documents/sen-support-plan/outcomes"))
    items = html.xpath("//div[contains(@class,'app-add-another__item')]")

    assert len(items) >= 2
    for number, item in enumerate(items, start=1):
        assert item.xpath("string(.//legend//h2)").strip() == f"Outcome {number}"
        # A question inside the item is drawn at the size of the labels, below its heading.
        assert item.xpath(".//legend[contains(@class,'govuk-fieldset__legend--s')]")
        assert not item.xpath(".//legend[contains(@class,'govuk-fieldset__legend--m')][not(h2)]")
        remove = item.xpath(".//button[@name='action']")[0]
        assert "govuk-button--secondary" in remove.get("class")
        assert "govuk-button--warning" not in remove.get("class")


# --- post/redirect/get: every post ends in a redirect -----------------------------------------


def _stored_draft(app):
    with app.app_context():
        return db.session.execute(db.select(drafts.DraftRecord)).scalars().one()


def test_every_post_to_a_step_answers_with_a_redirect(fake_client):
    url = f"{BASE}/name"
    for data in ({"name": " "}, {"name": "Ada"}):
        response = post(fake_client, url, data)
        assert response.status_code == 302, data
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "yes"})
    pets = f"{BASE}/pets"
    for data in (
        {"pets-0": "Rex", "action": "add:pets"},
        {"pets-0": "Rex", "pets-1": "Tom", "action": "remove:pets:1"},
        {"pets-0": ""},
        {"pets-0": "Rex"},
    ):
        assert post(fake_client, pets, data).status_code == 302, data


def test_errors_are_shown_once_and_what_was_typed_stays_until_saved(fake_client):
    post(fake_client, f"{BASE}/name", {"name": "Ada"})
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "no"})
    url = f"{BASE}/details"
    first = shown_after(fake_client, url, {"when": ["31", "2", "2026"], "notes": "Keep me"})
    assert error_texts(first)
    # Refresh, or Back to this page later: no errors, and nothing typed is lost.
    again = page(fake_client.get(url))
    assert not again.xpath("//*[contains(@class,'govuk-error-summary')]")
    assert again.xpath("//input[@id='when-day']/@value") == ["31"]
    assert again.xpath("//textarea[@id='notes']/text()")[0].strip() == "Keep me"
    # Saved at last: the page shows the saved answers, not what was kept.
    post(fake_client, url, {"when": ["5", "1", "2026"], "notes": "Saved"})
    saved = page(fake_client.get(url))
    assert saved.xpath("//input[@id='when-day']/@value") == ["5"]
    assert saved.xpath("//textarea[@id='notes']/text()")[0].strip() == "Saved"


def test_what_was_typed_is_kept_encrypted_with_the_draft(fake_app, fake_client):
    post(fake_client, f"{BASE}/name", {"name": "Ada"})
    shown_after(fake_client, f"{BASE}/name", {"name": "Secret typed name\nwith a line"})
    row = _stored_draft(fake_app)
    assert b"Secret typed name" not in row.payload
    with fake_app.test_request_context():
        kept = drafts._decrypt(row.id, row.payload)["pending"]
    assert kept["step"] == "name"
    assert ["name", "Secret typed name\nwith a line"] in kept["form"]
    assert not any(name in ("csrf_token", "action") for name, _ in kept["form"])


def test_add_another_puts_focus_on_the_new_entry_without_javascript(fake_client):
    post(fake_client, f"{BASE}/name", {"name": "Ada"})
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "yes"})
    url = f"{BASE}/pets"
    added = shown_after(fake_client, url, {"pets-0": "Rex", "action": "add:pets"})
    assert added.fragment == ""  # a fragment would stop the browser using autofocus
    doc = page(added)
    assert doc.xpath("//*[@autofocus]/@id") == ["pets-1"]
    assert doc.xpath("//*[@id='pets-1-item']//input/@id") == ["pets-1"]
    # Only once: a refresh keeps the new box but does not take focus again.
    again = page(fake_client.get(url))
    assert again.xpath("//input[@name='pets-1']")
    assert not again.xpath("//*[@autofocus]")


def test_remove_puts_focus_on_the_list_heading_and_says_what_went(fake_client):
    post(fake_client, f"{BASE}/name", {"name": "Ada"})
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "yes"})
    url = f"{BASE}/pets"
    data = {"pets-0": "Rex", "pets-1": "Tom", "pets-2": "Fido", "action": "remove:pets:1"}
    removed = shown_after(fake_client, url, data)
    assert removed.fragment == ""
    doc = page(removed)
    (focused,) = doc.xpath("//*[@autofocus]")
    assert focused.get("id") == "pets-heading"
    assert focused.get("tabindex") == "-1"
    status = doc.xpath("//*[@id='pets-status']")[0]
    assert status.get("role") == "status"
    assert status.text_content().strip() == "Pet 2 has been removed."
    assert focused.get("aria-describedby") == "pets-status"
    assert doc.xpath("//input[starts-with(@name, 'pets-')]/@value") == ["Rex", "Fido"]
    assert not page(fake_client.get(url)).xpath("//*[@id='pets-status']")


def test_a_change_keeps_its_place_through_the_redirect(fake_client):
    complete(fake_client)
    response = post(fake_client, f"{BASE}/name?change=1", {"name": " "})
    assert response.status_code == 302
    assert without_draft(response.location).endswith(f"{BASE}/name?change=1")
    doc = page(fake_client.get(response.location))
    assert links(doc, "//a[contains(@class,'govuk-back-link')]/@href") == [f"{BASE}/check-answers"]
