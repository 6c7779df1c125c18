"""Emailing the document from the done page, against real SMTP servers on 127.0.0.1.

Every send goes through the writer's confirmation first (a code emailed to them and typed
back); the confirmation itself is tested in test_email_confirmation.py.
"""

import re
import threading
import time

import pytest
from flask import g

from service import drafts, limits
from service.delivery import mail
from service.delivery.pdf import PdfConverter, PdfFailedError
from service.extensions import db
from tests.addresses import links, without_draft
from tests.conftest import free_port
from tests.service.journey.test_views import BASE, complete
from tests.service.own_document import csrf_token, page, post

TO = "head@school.example.org"
WRITER = "ada@home.example.org"
EMAIL = f"{BASE}/email"
CHECK_EMAIL = f"{BASE}/check-email"


def use_mail(app, **settings):
    """Point the app at a mail server (or an outbox) after it was made."""
    app.config.update({"MAIL_DEFAULT_SENDER": "letters@service.example.org", **settings})
    mail.init_app(app)


@pytest.fixture
def smtp_app(fake_app, smtp):
    use_mail(fake_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    return fake_app


def code_in(message):
    """The security code an email carries."""
    return re.search(r"security code is (\d{6})", message.get_body(("plain",)).get_content())[1]


def ask_for_code(client, address=WRITER, base=BASE):
    token = csrf_token(client, f"{base}/done")
    return post(client, f"{base}/email", {"action": "send-code", "your_email": address}, token)


def enter_code(client, code, base=BASE):
    token = csrf_token(client, f"{base}/check-email")
    return post(client, f"{base}/email", {"action": "confirm", "code": code}, token)


def confirm(client, smtp, address=WRITER, base=BASE):
    """The writer confirms their address as a person would: asks for a code, reads it from
    the email that arrives, types it back. Returns the code's email."""
    already = len(smtp.inbox.envelopes)
    assert ask_for_code(client, address, base).status_code == 303
    assert smtp.inbox.wait_for(already + 1)
    message = smtp.inbox.messages[already]
    response = enter_code(client, code_in(message), base)
    assert redirected(response).endswith(f"{base}/done#email")
    return message


def send_email(client, **fields):
    """The send form posted; Word unless the test chooses, so that the attachment is the
    download and no LibreOffice is started for a test that is not about PDF."""
    data = {"action": "send", "to": TO, "file_format": "docx", **fields}
    return post(client, EMAIL, data, token=csrf_token(client, f"{BASE}/done"))


def redirected(response):
    """Where a post's answer sends the browser: every post about email is answered with a
    redirect, whatever happened. Without the draft's ref, which is random: these tests'
    browsers hold one draft, which an address without a ref opens."""
    assert response.status_code == 303, (response.status_code, response.get_data(as_text=True))
    return without_draft(response.location)


def follow(client, response):
    """The page a post's redirect leads to, as the browser gets it: a normal page (200)."""
    shown = client.get(redirected(response))
    assert shown.status_code == 200
    return shown


def documents(smtp):
    """The emails that carried a document (not codes)."""
    return [
        (envelope, message)
        for envelope, message in zip(smtp.inbox.envelopes, smtp.inbox.messages, strict=True)
        if "security code" not in message["Subject"]
    ]


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


def typed_values(response, names=("to",)):
    doc = page(response)
    return {name: (doc.xpath(f"//input[@name='{name}']/@value") or [""])[0] for name in names}


def new_browser(app, address):
    """Another browser, at another address. Requests in these tests share the app context the
    fixture holds, where Flask-WTF keeps the last page's security token: forget it, or this
    browser would be given the last one's token, which its session cannot match."""
    g.pop("csrf_token", None)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.fixture
def confirmed(smtp_app, fake_client, smtp):
    """A finished draft whose writer has confirmed WRITER; the inbox emptied after."""
    complete(fake_client)
    confirm(fake_client, smtp)
    smtp.inbox.envelopes.clear()
    return fake_client


def test_the_done_page_asks_for_the_writers_address_first(smtp_app, fake_client):
    complete(fake_client)
    doc = page(fake_client.get(f"{BASE}/done"))
    [form] = doc.xpath(f"//form[starts-with(@action, '{EMAIL}?draft=')]")
    assert form.xpath(".//input[@name='your_email' and @type='email' and @autocomplete='email']")
    assert form.xpath(".//button[@value='send-code' and normalize-space()='Send a security code']")
    assert not doc.xpath("//input[@name='to']")


def test_once_confirmed_the_done_page_offers_the_send_form(confirmed):
    doc = page(confirmed.get(f"{BASE}/done"))
    [form] = doc.xpath(f"//form[starts-with(@action, '{EMAIL}?draft=')]")
    assert form.xpath(".//input[@name='to' and @type='email' and @autocomplete='email']")
    assert form.xpath(".//button[@value='send' and normalize-space()='Send email']")
    assert WRITER in doc.xpath("string(//main)")
    assert f"{BASE}/done?email=change#email" in links(doc, "//a/@href")


def test_the_document_goes_to_them_with_a_copy_and_replies_to_the_writer(confirmed, smtp):
    downloaded = confirmed.get(f"{BASE}/download").data
    response = send_email(confirmed)
    assert redirected(response).endswith(f"{BASE}/done#email-sent")

    assert smtp.inbox.wait_for(1)
    envelope = smtp.inbox.envelopes[0]
    assert envelope.mail_from == "letters@service.example.org"
    assert sorted(envelope.rcpt_tos) == [WRITER, TO]
    message = smtp.inbox.messages[0]
    assert message["From"] == "Write SEN letters and plans <letters@service.example.org>"
    assert message["To"] == TO
    assert message["Cc"] == WRITER
    assert message["Reply-To"] == WRITER
    assert message["Subject"] == "Pet letter (sent using Write SEN letters and plans)"
    body = message.get_body(("plain",)).get_content()
    # The pet letter gives its writer no name (writer_name): the body names their address.
    assert f"Someone with the email address {WRITER} asked us to send you" in body
    assert f"Your reply will go to {WRITER}, not to us" in body
    assert "Nobody reads replies" not in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content() == downloaded
    assert attachment.get_filename().startswith("Pet letter, ")
    assert "Ada" not in str(message["Subject"]) + attachment.get_filename()

    done = confirmed.get(f"{BASE}/done")
    assert f"Email sent to {TO} and {WRITER}" in banner_text(done)
    # Said once: a later visit does not claim a second email.
    assert "Email sent" not in banner_text(confirmed.get(f"{BASE}/done"))


def test_sending_only_to_the_writer(confirmed, smtp):
    assert redirected(send_email(confirmed, to="")).endswith("#email-sent")
    assert smtp.inbox.wait_for(1)
    assert smtp.inbox.envelopes[0].rcpt_tos == [WRITER]
    message = smtp.inbox.messages[0]
    assert message["To"] == WRITER
    assert message["Cc"] is None
    assert message["Reply-To"] == WRITER
    assert "You asked us to send it to" in message.get_body(("plain",)).get_content()
    assert f"Email sent to {WRITER}" in banner_text(confirmed.get(f"{BASE}/done"))


def test_the_writers_own_address_typed_again_is_sent_once(confirmed, smtp):
    send_email(confirmed, to=WRITER.upper())
    assert smtp.inbox.wait_for(1)
    assert smtp.inbox.envelopes[0].rcpt_tos == [WRITER]


def test_the_cookie_carries_the_addresses_only_encrypted(confirmed):
    send_email(confirmed)
    serializer = confirmed.application.session_interface.get_signing_serializer(
        confirmed.application
    )
    session = serializer.loads(confirmed.get_cookie("sen_session").value)
    assert "@" not in str(session)
    assert "email_sent" in session
    confirmed.get(f"{BASE}/done")
    session = serializer.loads(confirmed.get_cookie("sen_session").value)
    assert "email_sent" not in session
    assert "@" not in str(session)


WRONG_ADDRESSES = [
    ("head at school", "Enter an email address in the correct format"),
    ("head@school", "Enter an email address in the correct format"),
    ("zoë@school.example.org", "Enter an email address with only letters a to z"),
    ("x" * 250 + "@a.org", "must be 254 characters or fewer"),
]


def test_a_wrong_address_is_explained_and_what_was_typed_is_kept(confirmed, smtp):
    for typed, message in WRONG_ADDRESSES:
        response = follow(confirmed, send_email(confirmed, to=typed))
        assert any(message in text for text in error_texts(response)), error_texts(response)
        assert page(response).xpath("//title")[0].text.startswith("Error: ")
        assert typed_values(response) == {"to": typed}
    assert smtp.inbox.envelopes == []


def test_a_wrong_writers_address_is_explained_and_what_was_typed_is_kept(
    smtp_app, fake_client, smtp
):
    complete(fake_client)
    for typed, message in [("", "Enter your email address"), *WRONG_ADDRESSES]:
        response = follow(fake_client, ask_for_code(fake_client, typed))
        assert any(message in text for text in error_texts(response)), error_texts(response)
        assert typed_values(response, ("your_email",)) == {"your_email": typed}
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


def test_header_injection_through_the_address_to_send_to_is_refused(confirmed, smtp):
    for value in INJECTIONS:
        response = follow(confirmed, send_email(confirmed, to=value))
        assert error_texts(response), value
    assert smtp.inbox.envelopes == []


def test_header_injection_through_the_writers_address_is_refused(smtp_app, fake_client, smtp):
    complete(fake_client)
    for value in INJECTIONS:
        response = follow(fake_client, ask_for_code(fake_client, value))
        assert error_texts(response), value
    assert smtp.inbox.envelopes == []


def test_repeated_fields_cannot_add_recipients(confirmed, smtp):
    """The recipients are the boxes on the page, the writer one of them: a field posted twice
    counts once, and no other field names a recipient."""
    token = csrf_token(confirmed, f"{BASE}/done")
    extra = "spam@elsewhere.example.org"
    data = {
        "csrf_token": token,
        "action": "send",
        "file_format": "docx",
        "to": [TO, extra],
        "copy_to": extra,
        "copy_4": extra,
        "cc": extra,
        "your_email": extra,
    }
    assert redirected(confirmed.post(EMAIL, data=data)).endswith("#email-sent")
    assert smtp.inbox.wait_for(1)
    assert sorted(smtp.inbox.envelopes[0].rcpt_tos) == [WRITER, TO]
    assert smtp.inbox.messages[0]["Reply-To"] == WRITER


def test_injection_through_the_file_format_is_refused(confirmed, smtp, soffice_path):
    response = send_email(confirmed, file_format="docx\r\nBcc: spam@elsewhere.example.org")
    assert "Select whether to send a PDF or a Word document" in error_texts(
        follow(confirmed, response)
    )
    assert smtp.inbox.envelopes == []


def test_answers_never_reach_the_headers(smtp_app, fake_client, smtp):
    """Whatever the answers hold, the message's headers and recipients are fixed."""
    hostile = "Ada\r\nBcc: spam@elsewhere.example.org\r\nSubject: changed"
    # A name is one line; the notes may hold line breaks.
    post(fake_client, f"{BASE}/name", {"name": "Ada Bcc: spam@elsewhere.example.org"})
    assert fake_client.get(f"{BASE}/has-pets").status_code == 200
    post(fake_client, f"{BASE}/has-pets", {"has_pets": "no"})
    post(fake_client, f"{BASE}/details", {"when": ["5", "1", "2026"], "notes": hostile})
    confirm(fake_client, smtp)
    assert redirected(send_email(fake_client)).endswith("#email-sent")
    assert smtp.inbox.wait_for(2)
    for envelope, message in zip(smtp.inbox.envelopes, smtp.inbox.messages, strict=True):
        assert message["Bcc"] is None
        assert "spam@" not in " ".join(envelope.rcpt_tos)
        raw_headers = envelope.content.split(b"\r\n\r\n")[0]
        assert b"spam@" not in raw_headers
        assert b"Ada" not in raw_headers
    assert (
        smtp.inbox.messages[1]["Subject"] == "Pet letter (sent using Write SEN letters and plans)"
    )


def test_a_refused_connection_keeps_the_answers_and_the_download(
    confirmed, smtp_app, free_smtp_port
):
    use_mail(smtp_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_smtp_port)
    response = follow(confirmed, send_email(confirmed))
    assert "We could not send the email just now" in banner_text(response)
    assert "Your answers are saved" in banner_text(response)
    assert typed_values(response) == {"to": TO}
    assert confirmed.get(f"{BASE}/check-answers").status_code == 200
    assert confirmed.get(f"{BASE}/download").status_code == 200


@pytest.fixture
def free_smtp_port():
    return free_port()


def test_problem_banners_are_markup_not_text(confirmed, smtp_app, free_smtp_port):
    """The banner's paragraphs were joined to escaped text with `~`, which escaped them too:
    the page showed `<p class=...>` as words."""
    use_mail(smtp_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_smtp_port)
    response = follow(confirmed, send_email(confirmed))
    assert "&lt;p" not in response.get_data(as_text=True)
    [banner] = page(response).xpath("//*[@id='email-problem']")
    [heading] = banner.xpath(".//p[@class='govuk-notification-banner__heading']")
    assert heading.text_content() == "We could not send the email just now."
    assert "<p" not in banner.text_content()


def test_a_silent_server_is_given_up_on_within_the_timeout(confirmed, smtp_app, silent_smtp_server):
    use_mail(smtp_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=silent_smtp_server, MAIL_TIMEOUT=1)
    started = time.monotonic()
    response = send_email(confirmed)
    assert time.monotonic() - started < 3
    response = follow(confirmed, response)
    assert "We could not send the email just now" in banner_text(response)
    assert confirmed.get(f"{BASE}/download").status_code == 200
    with smtp_app.test_request_context():
        assert stored_drafts() == 1


def test_addresses_never_reach_the_logs(confirmed, smtp_app, free_smtp_port, caplog):
    use_mail(smtp_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_smtp_port)
    send_email(confirmed)
    ask_for_code(confirmed, "other@home.example.org")
    assert "Email not sent" in caplog.text
    assert "Security code not sent" in caplog.text
    assert "example.org" not in caplog.text


def test_sends_per_draft_are_limited(confirmed, smtp_app, smtp):
    smtp_app.config["RATELIMIT_EMAIL_PER_DRAFT"] = "2 per hour"
    assert redirected(send_email(confirmed)).endswith("#email-sent")
    assert redirected(send_email(confirmed)).endswith("#email-sent")
    response = follow(confirmed, send_email(confirmed, to="office@school.example.org"))
    assert "You have emailed this document as many times as we allow" in banner_text(response)
    assert "You can email it again after" in banner_text(response)
    assert typed_values(response) == {"to": "office@school.example.org"}
    assert smtp.inbox.wait_for(2)
    assert len(smtp.inbox.envelopes) == 2


def test_an_emailed_pdf_counts_as_pdf_work(confirmed, smtp_app, smtp, soffice_path):
    smtp_app.config["RATELIMIT_PDF"] = "1 per hour"
    # This client (the test client comes from 127.0.0.1) made its one PDF elsewhere.
    with smtp_app.test_request_context(environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        assert limits.try_spend("pdf") is None
    response = follow(confirmed, send_email(confirmed, file_format="pdf"))
    assert "You have made as many PDFs as we allow for now" in banner_text(response)
    assert "Send it as a Word document instead, or send it as a PDF after" in banner_text(response)
    assert typed_values(response) == {"to": TO}
    # The refusal cost no email: Word still goes, within the email limits.
    smtp_app.config["RATELIMIT_EMAIL_PER_DRAFT"] = "1 per hour"
    assert redirected(send_email(confirmed, file_format="docx")).endswith("#email-sent")
    assert smtp.inbox.wait_for(1)


def test_emails_per_client_are_limited_across_drafts_codes_included(smtp_app, fake_client, smtp):
    smtp_app.config["RATELIMIT_EMAIL"] = "4 per hour"
    complete(fake_client)
    confirm(fake_client, smtp)  # 1: a code is an email too
    assert redirected(send_email(fake_client)).endswith("#email-sent")  # 2
    # A new draft (the old one deleted) is a new document, but the same client.
    post(fake_client, f"{BASE}/delete", {})
    complete(fake_client)
    confirm(fake_client, smtp)  # 3
    assert redirected(send_email(fake_client)).endswith("#email-sent")  # 4
    refused = follow(fake_client, send_email(fake_client))
    assert "You have emailed this document as many times as we allow" in banner_text(refused)
    assert len(smtp.inbox.envelopes) == 4


def test_clients_in_one_ipv6_64_share_a_limit(smtp_app, smtp):
    """One home or phone is given a whole /64: each of its addresses is the same client."""
    smtp_app.config["RATELIMIT_EMAIL"] = "1 per hour"
    first = new_browser(smtp_app, "2001:db8:1:2::10")
    complete(first)
    assert redirected(ask_for_code(first)).endswith(CHECK_EMAIL)
    same_home = new_browser(smtp_app, "2001:db8:1:2:ffff:ffff:ffff:ffff")
    complete(same_home)
    response = follow(same_home, ask_for_code(same_home))
    assert "We have sent as many security codes as we can for now" in banner_text(response)
    neighbour = new_browser(smtp_app, "2001:db8:1:3::10")
    complete(neighbour)
    assert redirected(ask_for_code(neighbour)).endswith(CHECK_EMAIL)
    assert len(smtp.inbox.envelopes) == 2


def test_a_mistyped_address_does_not_count_against_the_limit(confirmed, smtp_app):
    smtp_app.config["RATELIMIT_EMAIL_PER_DRAFT"] = "1 per hour"
    assert error_texts(follow(confirmed, send_email(confirmed, to="nope")))
    assert redirected(send_email(confirmed)).endswith("#email-sent")


def test_at_the_daily_cap_email_stops_for_everyone_and_keeps_what_was_typed(
    smtp_app, fake_client, smtp
):
    """EMAIL_DAILY_LIMIT counts every email the service sends, codes and documents, for
    every client: at the cap, the page says so and offers the downloads instead."""
    smtp_app.config["EMAIL_DAILY_LIMIT"] = 2
    complete(fake_client)
    confirm(fake_client, smtp)  # 1
    assert redirected(send_email(fake_client)).endswith("#email-sent")  # 2
    response = follow(fake_client, send_email(fake_client, to="office@school.example.org"))
    text = banner_text(response)
    assert "Email is not available for the rest of today" in text
    assert "Your answers are saved" in text
    assert typed_values(response) == {"to": "office@school.example.org"}
    assert f"{BASE}/download" in links(page(response), "//*[@id='email-problem']//a/@href")

    # Someone else, somewhere else, cannot even get a code.
    other = new_browser(smtp_app, "192.0.2.77")
    complete(other)
    response = follow(other, ask_for_code(other, "someone@else.example.org"))
    assert "Email is not available for the rest of today" in banner_text(response)
    assert typed_values(response, ("your_email",)) == {"your_email": "someone@else.example.org"}
    assert len(smtp.inbox.envelopes) == 2


def test_outbox_saves_the_code_and_the_email_and_the_pages_say_where(
    fake_app, fake_client, tmp_path
):
    fake_app.instance_path = str(tmp_path)
    use_mail(fake_app, MAIL_OUTBOX=True)
    complete(fake_client)
    done = page(fake_client.get(f"{BASE}/done"))
    assert "Emails are not sent" in done.text_content()

    assert redirected(ask_for_code(fake_client)).endswith(CHECK_EMAIL)
    [saved_code] = (tmp_path / "outbox").glob("*.eml")
    check = page(fake_client.get(CHECK_EMAIL))
    assert str(saved_code) in check.xpath("string(//main)")
    code = re.search(r"security code is (\d{6})", saved_code.read_text())[1]
    assert redirected(enter_code(fake_client, code)).endswith("#email")

    assert redirected(send_email(fake_client)).endswith("#email-sent")
    [saved] = set((tmp_path / "outbox").glob("*.eml")) - {saved_code}
    text = banner_text(fake_client.get(f"{BASE}/done"))
    assert "Email saved as a file" in text
    assert str(saved) in text
    assert f"to {TO} and {WRITER}" in text


def test_without_email_the_page_says_so_and_a_post_is_refused(fake_client):
    complete(fake_client)
    done = page(fake_client.get(f"{BASE}/done"))
    assert not done.xpath(f"//form[starts-with(@action, '{EMAIL}?draft=')]")
    assert "Email is not available on this copy of the service" in done.text_content()
    token = csrf_token(fake_client, f"{BASE}/name")
    for action in ("send-code", "send"):
        data = {"action": action, "to": TO, "your_email": WRITER}
        response = follow(fake_client, post(fake_client, EMAIL, data, token=token))
        assert "Email is not available" in banner_text(response)


def test_email_by_get_goes_to_the_done_page(smtp_app, fake_client):
    complete(fake_client)
    response = fake_client.get(EMAIL)
    assert response.status_code == 302
    assert without_draft(response.location).endswith(f"{BASE}/done")


def test_an_unfinished_draft_cannot_be_emailed(smtp_app, fake_client, smtp):
    post(fake_client, f"{BASE}/name", {"name": "Ada"})
    token = csrf_token(fake_client, f"{BASE}/name")
    for data in ({"action": "send", "to": TO}, {"action": "send-code", "your_email": WRITER}):
        response = fake_client.post(EMAIL, data={"csrf_token": token, **data})
        assert response.status_code == 302
        assert without_draft(response.location).endswith(f"{BASE}/has-pets")
    assert smtp.inbox.envelopes == []


def test_an_expired_form_keeps_the_address(confirmed, smtp):
    """The one post about email answered without a redirect: with no valid token, it must
    not write what was typed into the session, so its page is the answer (400)."""
    data = {"csrf_token": "stale", "action": "send", "to": TO}
    response = confirmed.post(EMAIL, data=data)
    assert response.status_code == 400
    assert typed_values(response) == {"to": TO}
    assert "This page timed out, so we did not send the email" in response.get_data(as_text=True)
    assert smtp.inbox.envelopes == []


def test_without_libreoffice_there_is_no_format_to_choose(confirmed, smtp_app, smtp):
    smtp_app.extensions["pdf"] = PdfConverter("/nowhere/soffice")
    assert not page(confirmed.get(f"{BASE}/done")).xpath("//input[@name='file_format']")
    assert redirected(send_email(confirmed, file_format="pdf")).endswith("#email-sent")
    assert smtp.inbox.wait_for(1)
    [attachment] = list(smtp.inbox.messages[0].iter_attachments())
    assert attachment.get_filename().endswith(".docx")


def test_pdf_is_the_default_and_goes_by_email(confirmed, smtp, soffice_path):
    doc = page(confirmed.get(f"{BASE}/done"))
    assert doc.xpath("//input[@name='file_format']/@value") == ["pdf", "docx"]
    assert doc.xpath("//input[@name='file_format' and @checked]/@value") == ["pdf"]
    # A post that names no format (not one from the page, which always does) gets PDF too.
    token = csrf_token(confirmed, f"{BASE}/done")
    response = post(confirmed, EMAIL, {"action": "send", "to": TO}, token)
    assert redirected(response).endswith("#email-sent")
    assert smtp.inbox.wait_for(1)
    [attachment] = list(smtp.inbox.messages[0].iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")


def fake_soffice(folder, script):
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    return program


def test_a_failed_pdf_sends_nothing_and_keeps_everything(confirmed, smtp_app, smtp, tmp_path):
    smtp_app.extensions["pdf"] = PdfConverter(str(fake_soffice(tmp_path, "exit 1")), warm=False)
    response = follow(confirmed, send_email(confirmed, file_format="pdf"))
    assert "We could not make the PDF just now, so we did not send the email" in banner_text(
        response
    )
    assert typed_values(response) == {"to": TO}
    assert smtp.inbox.envelopes == []
    assert confirmed.get(f"{BASE}/download").status_code == 200


def test_a_full_pdf_queue_sends_nothing_keeps_the_form_and_says_when_to_retry(
    confirmed, smtp_app, smtp, tmp_path
):
    """One converter, no room to wait: while a conversion runs, an email as PDF is told the
    service is busy (503, Retry-After), with what was typed still there."""
    started = tmp_path / "started"
    program = fake_soffice(tmp_path, f"touch {started}; sleep 3; exit 1")
    converter = PdfConverter(
        str(program), warm=False, concurrency=1, queue_length=0, queue_wait=1, timeout=10
    )
    smtp_app.extensions["pdf"] = converter
    outcome = []

    def hold_the_only_converter():
        try:
            converter.convert(b"not a document: the fake LibreOffice fails after a while")
        except PdfFailedError as error:
            outcome.append(error)

    busy = threading.Thread(target=hold_the_only_converter)
    busy.start()
    try:
        deadline = time.monotonic() + 5
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert started.exists()
        response = send_email(confirmed, to="office@school.example.org", file_format="pdf")
    finally:
        busy.join()
    assert outcome, "the conversion holding the converter should have failed, as faked"
    response = follow(confirmed, response)
    assert "We are making a lot of PDFs just now" in banner_text(response)
    assert "try again in a minute" in banner_text(response).lower()
    assert typed_values(response) == {"to": "office@school.example.org"}
    doc = page(response)
    assert doc.xpath("//input[@name='file_format' and @value='pdf']/@checked")
    assert smtp.inbox.envelopes == []


def stored_drafts():
    """How many drafts the database holds."""
    return db.session.query(drafts.DraftRecord).count()
