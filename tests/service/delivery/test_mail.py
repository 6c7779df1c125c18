"""Sending through real SMTP servers on 127.0.0.1, the outbox, and the fixed wording."""

import asyncio
import datetime
import email
import email.policy
import os
import stat
import time

import flask_mail
import pytest
from aiosmtpd.controller import Controller

from service.config import ConfigurationError
from service.delivery import mail
from service.delivery.mail import EmailFailedError, EmailUnavailableError
from service.extensions import db
from tests.conftest import free_port
from tests.forms.readability import flesch_reading_ease
from tests.settings import make_app

DOCX = b"PK\x03\x04 not really a document, but bytes to carry"


def mail_app(tmp_path, **settings):
    return make_app(instance_path=str(tmp_path), **settings)


def smtp_app(tmp_path, port, **settings):
    return mail_app(
        tmp_path,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_DEFAULT_SENDER="letters@service.example.org",
        **settings,
    )


def concern_letter(app):
    return app.extensions["catalogue"].get("concern-letter")


WRITER = "parent@home.example.org"


def send(
    app,
    to="head@school.example.org",
    copies=(WRITER,),
    *,
    file_format="docx",
    data=DOCX,
    writer=WRITER,
    **who,
):
    with app.app_context():
        message = mail.document_message(
            concern_letter(app), data, file_format, to, copies, writer=writer, **who
        )
        return mail.current_mailer().send(message)


def test_message_arrives_with_the_attachment_unchanged(tmp_path, smtp):
    app = smtp_app(tmp_path, smtp.port)
    receipt = send(app)
    assert smtp.inbox.wait_for(1)
    envelope = smtp.inbox.envelopes[0]
    assert envelope.mail_from == "letters@service.example.org"
    assert sorted(envelope.rcpt_tos) == ["head@school.example.org", "parent@home.example.org"]
    assert receipt.recipients
    assert receipt.saved_as is None

    message = smtp.inbox.messages[0]
    assert message["To"] == "head@school.example.org"
    assert message["Cc"] == "parent@home.example.org"
    assert message["From"] == "Write SEN letters and plans <letters@service.example.org>"
    assert message["Reply-To"] == "parent@home.example.org"
    assert message["Subject"] == (
        "Letter about a child's special educational needs (sent using Write SEN letters and plans)"
    )
    assert message["Message-ID"].endswith("@service.example.org>")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == mail.FORMATS["docx"]
    assert attachment.get_content() == DOCX
    assert attachment.get_filename().startswith("Letter about a child's special educational")
    body = message.get_body(("plain",)).get_content()
    assert "Write SEN letters and plans" in body
    assert "Someone with the email address parent@home.example.org asked us to send you" in body
    assert "reply to this email" in body
    assert "contact details are in the document" in body
    assert "Nobody reads replies" not in body


def test_copies_are_cc_in_the_order_given_and_the_body_says_who_asked(tmp_path, smtp):
    copies = ["mo@council.example.org", "sen@council.example.org", "b@academy.example.org"]
    send(
        smtp_app(tmp_path, smtp.port),
        copies=(*copies, WRITER),
        reply_to="sam.jones@letters.example.org",
        writer_name="Sam Jones",
    )
    assert smtp.inbox.wait_for(1)
    assert sorted(smtp.inbox.envelopes[0].rcpt_tos) == sorted(
        ["head@school.example.org", *copies, WRITER]
    )
    message = smtp.inbox.messages[0]
    assert message["Cc"] == ", ".join([*copies, WRITER])
    assert message["Reply-To"] == "sam.jones@letters.example.org"
    body = message.get_body(("plain",)).get_content()
    assert body.startswith("Hello,\r\n\r\nSam Jones asked us to send you the attached document: ")
    assert f"We have checked that {WRITER} is their email address" in body
    assert "Your reply will go to sam.jones@letters.example.org, not to us" in body
    raw_headers = smtp.inbox.envelopes[0].content.split(b"\r\n\r\n")[0]
    assert b"Sam" not in raw_headers


def test_a_message_to_the_writer_alone_says_so(tmp_path, smtp):
    send(smtp_app(tmp_path, smtp.port), to=WRITER, copies=())
    assert smtp.inbox.wait_for(1)
    assert smtp.inbox.envelopes[0].rcpt_tos == [WRITER]
    message = smtp.inbox.messages[0]
    assert message["Cc"] is None
    assert message["Reply-To"] == WRITER
    body = message.get_body(("plain",)).get_content()
    assert f"You asked us to send it to {WRITER}" in body
    assert "asked us to send you" not in body


def test_a_security_code_arrives_alone(tmp_path, smtp):
    app = smtp_app(tmp_path, smtp.port)
    with app.app_context():
        receipt = mail.current_mailer().send(mail.code_message(WRITER, "042917", 1800))
    assert receipt.saved_as is None
    assert smtp.inbox.wait_for(1)
    assert smtp.inbox.envelopes[0].rcpt_tos == [WRITER]
    message = smtp.inbox.messages[0]
    assert message["Subject"] == "Your security code for Write SEN letters and plans"
    assert message["From"] == "Write SEN letters and plans <letters@service.example.org>"
    assert message["Message-ID"].endswith("@service.example.org>")
    assert message["Cc"] is None
    assert message["Reply-To"] is None
    assert not list(message.iter_attachments())
    body = message.get_body(("plain",)).get_content()
    assert body.startswith("Your security code is 042917\r\n")
    assert "It works for 30 minutes" in body


def test_pdf_attachments_say_they_are_pdf(tmp_path, smtp):
    send(smtp_app(tmp_path, smtp.port), file_format="pdf", data=b"%PDF-1.7 bytes")
    assert smtp.inbox.wait_for(1)
    [attachment] = list(smtp.inbox.messages[0].iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename().endswith(".pdf")
    assert attachment.get_content() == b"%PDF-1.7 bytes"


@pytest.mark.parametrize(
    ("to_writer", "writer_name"), [(False, None), (False, "Sam Jones"), (True, None)]
)
def test_body_is_plain_english_and_names_the_organisation_when_set(to_writer, writer_name):
    body = mail.message_body(
        "SEN support plan",
        "Write SEN letters and plans",
        "Anytown SENDIASS",
        writer=WRITER,
        writer_name=writer_name,
        to_writer=to_writer,
    )
    # Scored without the address, which a readability formula would count as a long word.
    assert flesch_reading_ease(body.replace(WRITER, "Sam").split("\n\n")) >= 60
    assert body.endswith("\n\nWrite SEN letters and plans, run by Anytown SENDIASS\n")
    plain = mail.message_body("SEN support plan", "Our service", writer=WRITER)
    assert plain.endswith("\n\nOur service\n")


def test_refused_connection_fails_quickly_and_plainly(tmp_path):
    app = smtp_app(tmp_path, free_port(), MAIL_TIMEOUT=5)
    started = time.monotonic()
    with pytest.raises(EmailFailedError):
        send(app)
    assert time.monotonic() - started < 5


def test_silent_server_is_given_up_on_within_the_timeout(tmp_path, silent_smtp_server):
    app = smtp_app(tmp_path, silent_smtp_server, MAIL_TIMEOUT=1)
    started = time.monotonic()
    with pytest.raises(EmailFailedError):
        send(app)
    assert 0.9 < time.monotonic() - started < 2.5


class _Stalls:
    """Talks normally, then holds the message far longer than any timeout."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd calls it so)
        await asyncio.sleep(4)
        return "250 OK"


def test_one_deadline_covers_the_whole_conversation(tmp_path):
    """A server that answers each command but stalls on the message still cannot hold a
    send beyond MAIL_TIMEOUT, and the failed connection is closed without a QUIT wait."""
    controller = Controller(_Stalls(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        app = smtp_app(tmp_path, controller.port, MAIL_TIMEOUT=1)
        started = time.monotonic()
        with pytest.raises(EmailFailedError):
            send(app)
        assert time.monotonic() - started < 2.5
    finally:
        controller.stop()


def test_outbox_saves_each_message_owner_only(tmp_path):
    app = mail_app(tmp_path, MAIL_OUTBOX=True)
    receipt = send(app)
    path = tmp_path / "outbox" / os.path.basename(receipt.saved_as)
    assert path.exists()
    assert path.suffix == ".eml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert saved["To"] == "head@school.example.org"
    assert saved["Cc"] == "parent@home.example.org"
    assert saved["From"] == "Write SEN letters and plans <no-reply@localhost>"
    assert saved["Reply-To"] == "parent@home.example.org"
    [attachment] = list(saved.iter_attachments())
    assert attachment.get_content() == DOCX


def test_an_outbox_that_cannot_be_written_fails_plainly(tmp_path):
    (tmp_path / "outbox").write_text("a file where the folder should be")
    with pytest.raises(EmailFailedError):
        send(mail_app(tmp_path, MAIL_OUTBOX=True))


def test_outbox_purge_removes_only_old_messages(tmp_path):
    app = mail_app(tmp_path, MAIL_OUTBOX=True)
    old = send(app).saved_as
    new = send(app).saved_as
    month_ago = time.time() - 31 * 24 * 60 * 60
    os.utime(old, (month_ago, month_ago))
    with app.app_context():
        cutoff = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=30)
        assert mail.current_mailer().purge_outbox(cutoff) == 1
    assert not os.path.exists(old)
    assert os.path.exists(new)


def test_drafts_purge_also_clears_old_outbox_messages(tmp_path):
    app = mail_app(tmp_path, MAIL_OUTBOX=True)
    old = send(app).saved_as
    month_ago = time.time() - 31 * 24 * 60 * 60
    os.utime(old, (month_ago, month_ago))
    with app.app_context():
        db.create_all()
        result = app.test_cli_runner().invoke(args=["drafts", "purge"])
    assert "Deleted 1 saved email from the outbox." in result.output
    assert not os.path.exists(old)


def test_without_server_or_outbox_email_is_unavailable(tmp_path):
    app = mail_app(tmp_path)
    with app.app_context():
        assert not mail.current_mailer().available
    with pytest.raises(EmailUnavailableError):
        send(app)


def test_a_line_break_in_an_address_never_reaches_the_server(tmp_path, smtp):
    """Addresses are checked in the form; this is the last guard behind it."""
    app = smtp_app(tmp_path, smtp.port)
    with pytest.raises(flask_mail.BadHeaderError):
        send(app, to="head@school.example.org\r\nBcc: spam@elsewhere.example.org")
    with pytest.raises(flask_mail.BadHeaderError):
        send(app, writer="parent@home.example.org\r\nBcc: spam@elsewhere.example.org")
    with pytest.raises(flask_mail.BadHeaderError):
        send(mail_app(tmp_path, MAIL_OUTBOX=True), to="a@b.example.org\nBcc: c@d.example.org")
    # Flask-Mail's own check leaves out copies; ours does not.
    with pytest.raises(flask_mail.BadHeaderError):
        send(app, copies=("mo@council.example.org\r\nBcc: spam@elsewhere.example.org", WRITER))
    outbox = mail_app(tmp_path, MAIL_OUTBOX=True)
    with pytest.raises(flask_mail.BadHeaderError):
        send(outbox, copies=("a@b.example.org\nBcc: c@d.example.org",))
    assert smtp.inbox.envelopes == []


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"MAIL_SERVER": "smtp.example.org"}, "MAIL_DEFAULT_SENDER must be set"),
        (
            {"MAIL_USE_TLS": True, "MAIL_USE_SSL": True},
            "not both",
        ),
        ({"MAIL_TIMEOUT": 0}, "MAIL_TIMEOUT"),
    ],
)
def test_mail_settings_that_cannot_work_stop_the_service_starting(tmp_path, settings, message):
    with pytest.raises(ConfigurationError, match=message):
        mail_app(tmp_path, **settings)
