"""One family, many documents: the next document starts with the answers it shares, from a
draft on this device or from a document the service made, uploaded; the done page offers the
next document in the escalation."""

import datetime
import io

from lxml import html

from service import dates
from tests.addresses import draft_of, without_draft
from tests.service.cases.holding import answers_held, hold
from tests.service.own_document import csrf_token, post


def page(response):
    assert response.status_code == 200, (response.status_code, response.location)
    return html.fromstring(response.get_data(as_text=True))


def send_file(client, content, name="document.docx"):
    """A file posted on the upload page, as a browser posts it."""
    upload = "/your-documents/upload"
    response = client.post(
        upload,
        data={"csrf_token": csrf_token(client, upload), "document": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )
    # The test client spools a large body to a file of its own, which it leaves open.
    response.request.input_stream.close()
    return response


def start_next(client, ref, target):
    url = f"/your-documents/{ref}/next/{target}"
    shown = page(client.get(url))
    response = post(client, url, {})
    assert response.status_code == 303
    return shown, response.location


def test_a_complaint_starts_with_the_concern_letters_writer_child_and_school(app, client):
    letter = app.extensions["catalogue"].get("concern-letter").example
    source = hold(client, app, "concern-letter")
    shown, location = start_next(client, source.ref, "complaint")
    listed = " ".join(shown.text_content().split())
    assert "We will fill in these answers" in listed
    ref = draft_of(location)
    filled = answers_held(app, client, "complaint", ref)
    for name in ("writer_name", "writer_address", "child_name", "school_name"):
        assert filled[name] == letter[name], name
    assert source.ref != ref


def test_choosing_the_next_document_needs_a_choice(app, client):
    source = hold(client, app, "concern-letter")
    url = f"/your-documents/{source.ref}/next"
    response = post(client, url, {})
    assert "Select the document you want to start" in response.get_data(as_text=True)
    chosen = post(client, url, {"target": "records-request"})
    assert chosen.status_code == 303
    assert chosen.location.endswith(f"/your-documents/{source.ref}/next/records-request")


def test_the_done_page_offers_the_next_letter_in_the_escalation(app, client):
    source = hold(client, app, "concern-letter")
    done = page(client.get(f"/documents/concern-letter/done?draft={source.ref}"))
    offers = done.xpath("//h2[@id='next-documents']/following-sibling::ul[1]//a")
    texts = [" ".join(a.text_content().split()) for a in offers]
    assert any(
        text.startswith("No reply by ") and "Write a formal complaint" in text for text in texts
    )
    assert all(a.get("href").startswith(f"/your-documents/{source.ref}/next/") for a in offers)


def test_last_terms_plan_uploaded_becomes_its_review_with_pupil_school_and_outcomes(app, client):
    plan = app.extensions["catalogue"].get("sen-support-plan").example
    made = client.post("/api/v1/documents/sen-support-plan", json=plan)
    assert made.status_code == 200
    response = send_file(client, made.data, "plan.docx")
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    opened = page(client.get(response.location))
    assert "We have opened your SEN support plan" in opened.text_content()
    review_link = [
        a.get("href") for a in opened.xpath("//a") if "/next/sen-support-review" in a.get("href")
    ]
    assert review_link
    ref = review_link[0].split("/")[2]
    _shown, location = start_next(client, ref, "sen-support-review")
    filled = answers_held(app, client, "sen-support-review", draft_of(location))
    assert filled["child_name"] == plan["child_name"]
    assert filled["school_name"] == plan["school_name"]
    assert [entry["outcome"] for entry in filled["reviewed"]] == [
        outcome["target"] for outcome in plan["outcomes"]
    ]
    assert len(filled["delivery"]) == len(plan["provision"])


def test_an_upload_that_is_not_ours_is_refused_with_a_message_and_nothing_is_kept(app, client):
    response = send_file(client, b"not a word document", "x.docx")
    assert response.status_code == 422
    doc = html.fromstring(response.get_data(as_text=True))
    assert doc.xpath("//title/text()")[0].startswith("Error: ")
    assert doc.xpath("//*[contains(@class,'govuk-error-summary__list')]//a/@href") == ["#document"]
    assert "There are no documents on this device." in client.get("/your-documents").get_data(
        as_text=True
    )


def test_an_upload_without_a_file_asks_for_one(client):
    upload = "/your-documents/upload"
    token = csrf_token(client, upload)
    response = client.post(upload, data={"csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Select a Word document to upload" in response.get_data(as_text=True)


def test_a_revised_upload_keeps_every_answer_and_goes_to_check_answers(app, client):
    letter = app.extensions["catalogue"].get("concern-letter").example
    made = client.post("/api/v1/documents/concern-letter", json=letter)
    response = send_file(client, made.data, "letter.docx")
    opened = page(client.get(response.location))
    first = opened.xpath("//main//ul//a/@href")[0]
    assert without_draft(first) == "/documents/concern-letter/check-answers"
    assert page(client.get(first)).xpath("//h1")


def test_an_upload_whose_dates_have_passed_opens_with_those_answers_to_check(app, client):
    """A request dated to be sent "today" is refused as it stands a day later; the upload
    still opens it, with the steps the forms now refuse left to finish, not lost."""
    request = app.extensions["catalogue"].get("ehc-needs-assessment-request").example
    made = client.post("/api/v1/documents/ehc-needs-assessment-request", json=request)
    assert made.status_code == 200
    with dates.as_of(dates.today() + datetime.timedelta(days=30)):
        response = send_file(client, made.data, "request.docx")
        assert response.status_code == 303
        assert "check=1" in response.location
        opened = page(client.get(response.location))
        assert "Some of its answers need checking" in opened.text_content()
        finish = opened.xpath("//main//ul//a/@href")[0]
        step = page(client.get(finish))
        assert step.xpath("//form[@method='post']")


def test_a_document_larger_than_a_form_but_within_the_upload_limit_is_read(app, client):
    big = b"PK" + b"\0" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = send_file(client, big)
    assert response.status_code == 422  # read, and refused as not ours: not a 413
    huge = b"\0" * (app.config["UPLOAD_MAX_BYTES"] + 100 * 1024)
    response = send_file(client, huge)
    assert response.status_code == 413
    assert "The file is too large" in response.get_data(as_text=True)


def test_the_next_documents_offered_are_what_this_one_leads_to_then_the_same_writers(app, client):
    plan = hold(client, app, "sen-support-plan")
    doc = page(client.get(f"/your-documents/{plan.ref}/next"))
    offered = doc.xpath("//input[@name='target']/@value")
    assert offered[0] == "sen-support-review"
    assert "complaint" not in offered  # a parent's letter, not the school's
    letter = hold(client, app, "concern-letter")
    offered = page(client.get(f"/your-documents/{letter.ref}/next")).xpath(
        "//input[@name='target']/@value"
    )
    assert offered[0] == "complaint"
    assert "ehc-needs-assessment-request" in offered


def test_the_missed_limit_letter_from_an_old_request_carries_when_and_how_it_was_sent(app, client):
    made = dates.today() - datetime.timedelta(days=50)
    document = app.extensions["catalogue"].get("ehc-needs-assessment-request")
    with dates.as_of(made):
        answers = document.example
        source = hold(client, app, document.slug, answers, made_on=made)
    _shown, location = start_next(client, source.ref, "missed-deadline-letter")
    filled = answers_held(app, client, "missed-deadline-letter", draft_of(location))
    assert filled["sent_on"] == answers["sent_on"]
    assert filled["sent_by"] == answers["sent_by"]
    assert filled["la_name"] == answers["la_name"]
