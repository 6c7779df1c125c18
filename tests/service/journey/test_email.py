"""Emailing the document from the done page, against real SMTP servers on 127.0.0.1."""

import time

import pytest

from service import drafts
from service.delivery import mail
from service.delivery.pdf import PdfConverter
from service.extensions import db
from tests.conftest import free_port
from tests.service.journey.test_views import BASE, complete
from tests.service.own_document import csrf_token, page, post

TO = "head@school.example.org"
COPY = "ada@home.example.org"
EMAIL = f"{BASE}/email"


def use_mail(app, **settings):
    """Point the app at a mail server (or an outbox) after it was made."""
    app.config.update({"MAIL_DEFAULT_SENDER": "letters@service.example.org", **settings})
    mail.init_app(app)


@pytest.fixture
def smtp_app(fake_app, smtp):
    use_mail(fake_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    return fake_app


def send_email(client, **fields):
    data = {"to": TO, "copy_to": COPY, **fields}
    return post(client, EMAIL, data, token=csrf_token(client, f"{BASE}/done"))


def banner_text(response):
    return " ".join(
        " ".join(node.text_content().split())
        for node in page(response).xpath("//*[contains(@class,'govuk-notification-banner')]")
    )


def error_texts(response):
    return [
        " ".join(link.text_content().split())
        for link in page(response).xpath("//*[contains(@class,'govuk-error-summary')]//li/a")
    ]


def typed_values(response):
    doc = page(response)
    return {
        name: (doc.xpath(f"//input[@name='{name}']/@value") or [""])[0]
        for name in ("to", "copy_to")
    }


def test_done_page_has_the_email_form(smtp_app, fake_client):
    complete(fake_client)
    doc = page(fake_client.get(f"{BASE}/done"))
    [form] = doc.xpath(f"//form[@action='{EMAIL}']")
    assert form.xpath(".//input[@name='to' and @type='email' and @autocomplete='email']")
    assert form.xpath(".//input[@name='copy_to' and @type='email']")
    assert form.xpath(".//button[normalize-space()='Send email']")


def test_email_arrives_with_the_document_exactly_as_downloaded(smtp_app, fake_client, smtp):
    complete(fake_client)
    downloaded = fake_client.get(f"{BASE}/download").data
    response = send_email(fake_client)
    assert response.status_code == 302
    assert response.location.endswith(f"{BASE}/done#email-sent")

    assert smtp.inbox.wait_for(1)
    envelope = smtp.inbox.envelopes[0]
    assert sorted(envelope.rcpt_tos) == [COPY, TO]
    message = smtp.inbox.messages[0]
    assert message["To"] == TO
    assert message["Cc"] == COPY
    assert message["Subject"] == "Pet letter (sent using Write SEN letters and plans)"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content() == downloaded
    assert attachment.get_filename().startswith("Pet letter, ")
    assert "Ada" not in str(message["Subject"]) + attachment.get_filename()

    done = fake_client.get(f"{BASE}/done")
    assert f"Email sent to {TO} and {COPY}" in banner_text(done)
    # Said once: a later visit does not claim a second email.
    assert "Email sent" not in banner_text(fake_client.get(f"{BASE}/done"))


def test_the_cookie_carries_the_addresses_only_encrypted_and_only_once(smtp_app, fake_client):
    complete(fake_client)
    send_email(fake_client)
    serializer = smtp_app.session_interface.get_signing_serializer(smtp_app)
    session = serializer.loads(fake_client.get_cookie("sen_session").value)
    assert "@" not in session["email_sent"]
    fake_client.get(f"{BASE}/done")
    session = serializer.loads(fake_client.get_cookie("sen_session").value)
    assert "email_sent" not in session


def test_without_a_copy_only_one_address_gets_it(smtp_app, fake_client, smtp):
    complete(fake_client)
    send_email(fake_client, copy_to="")
    assert smtp.inbox.wait_for(1)
    assert smtp.inbox.envelopes[0].rcpt_tos == [TO]
    assert smtp.inbox.messages[0]["Cc"] is None


def test_a_copy_to_the_same_address_is_sent_once(smtp_app, fake_client, smtp):
    complete(fake_client)
    send_email(fake_client, copy_to=TO.upper())
    assert smtp.inbox.wait_for(1)
    assert smtp.inbox.envelopes[0].rcpt_tos == [TO]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"to": ""}, "Enter the email address to send the document to"),
        ({"to": "head at school"}, "Enter an email address in the correct format"),
        ({"copy_to": "ada@home"}, "Enter an email address in the correct format"),
        ({"to": "zoë@school.example.org"}, "Enter an email address with only letters a to z"),
        ({"to": "x" * 250 + "@a.org"}, "must be 254 characters or fewer"),
    ],
)
def test_a_wrong_address_is_explained_and_what_was_typed_is_kept(
    smtp_app, fake_client, smtp, fields, message
):
    complete(fake_client)
    response = send_email(fake_client, **fields)
    assert response.status_code == 200
    assert any(message in text for text in error_texts(response)), error_texts(response)
    assert page(response).xpath("//title")[0].text.startswith("Error: ")
    typed = {"to": TO, "copy_to": COPY, **fields}
    assert typed_values(response) == typed
    assert smtp.inbox.envelopes == []


INJECTIONS = [
    f"{TO}\r\nBcc: spam@elsewhere.example.org",
    f"{TO}\nBcc: spam@elsewhere.example.org",
    f"{TO}%0d%0aBcc: spam@elsewhere.example.org",
    f"{TO}, spam@elsewhere.example.org",
    f"{TO}; spam@elsewhere.example.org",
    f"Head <{TO}>, spam@elsewhere.example.org",
    f'"{TO}\\r\\nBcc: x"@elsewhere.example.org',
    f"{TO}\rSubject: changed",
]


@pytest.mark.parametrize("field", ["to", "copy_to"])
@pytest.mark.parametrize("value", INJECTIONS)
def test_header_injection_through_an_address_is_refused(smtp_app, fake_client, smtp, field, value):
    complete(fake_client)
    response = send_email(fake_client, **{field: value})
    assert response.status_code == 200
    assert error_texts(response)
    assert smtp.inbox.envelopes == []


def test_repeated_fields_cannot_add_recipients(smtp_app, fake_client, smtp):
    """At most two recipients a send: a field posted twice counts once."""
    complete(fake_client)
    token = csrf_token(fake_client, f"{BASE}/done")
    extra = "spam@elsewhere.example.org"
    data = {"csrf_token": token, "to": [TO, extra], "copy_to": [COPY, extra], "cc": extra}
    assert fake_client.post(EMAIL, data=data).status_code == 302
    assert smtp.inbox.wait_for(1)
    assert sorted(smtp.inbox.envelopes[0].rcpt_tos) == [COPY, TO]


def test_injection_through_the_file_format_is_refused(smtp_app, fake_client, smtp, soffice_path):
    complete(fake_client)
    response = send_email(fake_client, file_format="docx\r\nBcc: spam@elsewhere.example.org")
    assert "Select whether to send a Word document or a PDF" in error_texts(response)
    assert smtp.inbox.envelopes == []


def test_answers_never_reach_the_headers(smtp_app, fake_client, smtp):
    """Whatever the answers hold, the message's headers and recipients are fixed."""
    hostile = "Ada\r\nBcc: spam@elsewhere.example.org\r\nSubject: changed"
    post(fake_client, f"{BASE}/name", {"name": hostile})
    complete_rest = fake_client.get(f"{BASE}/has-pets")
    assert complete_rest.status_code == 200
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "no"})
    post(fake_client, f"{BASE}/details", {"when": ["5", "1", "2026"], "notes": hostile})
    assert send_email(fake_client).status_code == 302
    assert smtp.inbox.wait_for(1)
    assert sorted(smtp.inbox.envelopes[0].rcpt_tos) == [COPY, TO]
    message = smtp.inbox.messages[0]
    assert message["Bcc"] is None
    assert message["Subject"] == "Pet letter (sent using Write SEN letters and plans)"
    raw_headers = smtp.inbox.envelopes[0].content.split(b"\r\n\r\n")[0]
    assert b"spam@" not in raw_headers
    assert b"Ada" not in raw_headers


def test_a_refused_connection_keeps_the_answers_and_the_download(fake_app, fake_client):
    use_mail(fake_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    complete(fake_client)
    response = send_email(fake_client)
    assert response.status_code == 503
    assert "We could not send the email just now" in banner_text(response)
    assert "Your answers are saved" in banner_text(response)
    assert typed_values(response) == {"to": TO, "copy_to": COPY}
    assert fake_client.get(f"{BASE}/check-answers").status_code == 200
    assert fake_client.get(f"{BASE}/download").status_code == 200


def test_a_silent_server_is_given_up_on_within_the_timeout(
    fake_app, fake_client, silent_smtp_server
):
    use_mail(fake_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=silent_smtp_server, MAIL_TIMEOUT=1)
    complete(fake_client)
    started = time.monotonic()
    response = send_email(fake_client)
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert "We could not send the email just now" in banner_text(response)
    assert fake_client.get(f"{BASE}/download").status_code == 200
    with fake_app.test_request_context():
        assert stored_drafts() == 1


def test_addresses_never_reach_the_logs(fake_app, fake_client, caplog):
    use_mail(fake_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    complete(fake_client)
    send_email(fake_client)
    assert "Email not sent" in caplog.text
    assert "example.org" not in caplog.text


def test_sends_per_draft_are_limited(smtp_app, fake_client, smtp):
    smtp_app.config["RATELIMIT_EMAIL_PER_DRAFT"] = "2 per hour"
    complete(fake_client)
    assert send_email(fake_client).status_code == 302
    assert send_email(fake_client).status_code == 302
    response = send_email(fake_client, to="office@school.example.org")
    assert response.status_code == 429
    assert "You have emailed this document as many times as we allow" in banner_text(response)
    assert "You can email it again after" in banner_text(response)
    assert typed_values(response) == {"to": "office@school.example.org", "copy_to": COPY}
    assert smtp.inbox.wait_for(2)
    assert len(smtp.inbox.envelopes) == 2


def test_sends_per_client_are_limited_across_drafts(smtp_app, fake_client, smtp):
    smtp_app.config["RATELIMIT_EMAIL"] = "3 per hour"
    complete(fake_client)
    assert send_email(fake_client).status_code == 302
    assert send_email(fake_client).status_code == 302
    # A new draft (the old one deleted) is a new document, but the same client.
    post(fake_client, f"{BASE}/delete", {})
    complete(fake_client)
    assert send_email(fake_client).status_code == 302
    assert send_email(fake_client).status_code == 429
    assert len(smtp.inbox.envelopes) == 3


def test_a_mistyped_address_does_not_count_against_the_limit(smtp_app, fake_client, smtp):
    smtp_app.config["RATELIMIT_EMAIL_PER_DRAFT"] = "1 per hour"
    complete(fake_client)
    assert send_email(fake_client, to="nope").status_code == 200
    assert send_email(fake_client).status_code == 302


def test_outbox_saves_the_email_and_the_page_says_where(fake_app, fake_client, tmp_path):
    fake_app.instance_path = str(tmp_path)
    use_mail(fake_app, MAIL_OUTBOX=True)
    complete(fake_client)
    done = page(fake_client.get(f"{BASE}/done"))
    assert "Emails are not sent" in done.text_content()
    assert send_email(fake_client).status_code == 302
    [saved] = (tmp_path / "outbox").glob("*.eml")
    text = banner_text(fake_client.get(f"{BASE}/done"))
    assert "Email saved as a file" in text
    assert str(saved) in text
    assert f"to {TO} and {COPY}" in text


def test_without_email_the_page_says_so_and_a_post_is_refused(fake_client):
    complete(fake_client)
    done = page(fake_client.get(f"{BASE}/done"))
    assert not done.xpath(f"//form[@action='{EMAIL}']")
    assert "Email is not available on this copy of the service" in done.text_content()
    response = post(fake_client, EMAIL, {"to": TO}, token=csrf_token(fake_client, f"{BASE}/name"))
    assert response.status_code == 503
    assert "Email is not available" in banner_text(response)


def test_email_by_get_goes_to_the_done_page(smtp_app, fake_client):
    complete(fake_client)
    response = fake_client.get(EMAIL)
    assert response.status_code == 302
    assert response.location.endswith(f"{BASE}/done")


def test_an_unfinished_draft_cannot_be_emailed(smtp_app, fake_client, smtp):
    post(fake_client, f"{BASE}/name", {"name": "Ada"})
    token = csrf_token(fake_client, f"{BASE}/name")
    response = fake_client.post(EMAIL, data={"csrf_token": token, "to": TO})
    assert response.status_code == 302
    assert response.location.endswith(f"{BASE}/has-pets")
    assert smtp.inbox.envelopes == []


def test_an_expired_form_keeps_the_addresses(smtp_app, fake_client, smtp):
    complete(fake_client)
    response = fake_client.post(EMAIL, data={"csrf_token": "stale", "to": TO, "copy_to": COPY})
    assert response.status_code == 400
    assert typed_values(response) == {"to": TO, "copy_to": COPY}
    assert "This page timed out, so we did not send the email" in response.get_data(as_text=True)
    assert smtp.inbox.envelopes == []


def test_without_libreoffice_there_is_no_format_to_choose(smtp_app, fake_client, smtp):
    smtp_app.extensions["pdf"] = PdfConverter("/nowhere/soffice")
    complete(fake_client)
    assert not page(fake_client.get(f"{BASE}/done")).xpath("//input[@name='file_format']")
    assert send_email(fake_client, file_format="pdf").status_code == 302
    assert smtp.inbox.wait_for(1)
    [attachment] = list(smtp.inbox.messages[0].iter_attachments())
    assert attachment.get_filename().endswith(".docx")


def test_pdf_by_email(smtp_app, fake_client, smtp, soffice_path):
    complete(fake_client)
    radios = page(fake_client.get(f"{BASE}/done")).xpath("//input[@name='file_format']/@value")
    assert radios == ["docx", "pdf"]
    assert send_email(fake_client, file_format="pdf").status_code == 302
    assert smtp.inbox.wait_for(1)
    [attachment] = list(smtp.inbox.messages[0].iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")


def test_a_failed_pdf_sends_nothing_and_keeps_everything(smtp_app, fake_client, smtp, tmp_path):
    failing = tmp_path / "soffice"
    failing.write_text("#!/bin/sh\nexit 1\n")
    failing.chmod(0o755)
    smtp_app.extensions["pdf"] = PdfConverter(str(failing))
    complete(fake_client)
    response = send_email(fake_client, file_format="pdf")
    assert response.status_code == 503
    assert "We could not make the PDF just now, so we did not send the email" in banner_text(
        response
    )
    assert typed_values(response) == {"to": TO, "copy_to": COPY}
    assert smtp.inbox.envelopes == []
    assert fake_client.get(f"{BASE}/download").status_code == 200


def stored_drafts():
    """How many drafts the database holds."""
    return db.session.query(drafts.DraftRecord).count()
