"""Email a finished document, through SMTP or, with no server set up, into a local outbox.

Flask-Mail builds the message, but its connection opens SMTP with no timeout, so a silent
server would hold a worker forever. `DeadlineConnection` gives the whole conversation one
deadline: every socket operation waits only for the time left, so a send gives up within
MAIL_TIMEOUT seconds however the server stalls.

Nothing a user typed goes into a header except the recipients' addresses, and those are
checked (email-validator, in the form) before they get here. The subject, the body and the
attachment's name are fixed text made from the document's title and the service's name.
"""

import datetime
import os
import secrets
import smtplib
import time
from dataclasses import dataclass
from email.utils import make_msgid
from pathlib import Path

import flask_mail
from flask import current_app

from service import dates
from service.delivery.download import safe_filename
from service.delivery.pdf import PDF_MIMETYPE
from service.rendering import DOCX_MIMETYPE

OUTBOX_FOLDER = "outbox"
FORMATS = {"docx": DOCX_MIMETYPE, "pdf": PDF_MIMETYPE}


class EmailUnavailableError(RuntimeError):
    """This copy of the service has no way to send email."""


class EmailFailedError(RuntimeError):
    """The mail server could not be reached, refused the message, or took too long."""


@dataclass(frozen=True)
class Sent:
    """What happened to a message: sent through SMTP, or saved as a file in the outbox."""

    recipients: tuple[str, ...]
    saved_as: str | None = None


class _Deadline:
    """Mixin for smtplib.SMTP: before each read or write, shrink the socket's timeout to the
    time left, and stop once it has run out."""

    deadline = None

    def _time_left(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the mail server took too long")
        if self.sock is not None:
            self.sock.settimeout(left)
        return left

    def send(self, s):
        self._time_left()
        return super().send(s)

    def getreply(self):
        self._time_left()
        return super().getreply()


class _DeadlineSMTP(_Deadline, smtplib.SMTP):
    pass


class _DeadlineSMTPSSL(_Deadline, smtplib.SMTP_SSL):
    pass


class DeadlineConnection(flask_mail.Connection):
    """Flask-Mail's connection with one deadline for connecting, logging in and sending."""

    def __init__(self, mail, timeout):
        super().__init__(mail)
        self.timeout = timeout

    def configure_host(self):
        kind = _DeadlineSMTPSSL if self.mail.use_ssl else _DeadlineSMTP
        host = kind(timeout=self.timeout)
        host.deadline = time.monotonic() + self.timeout
        try:
            host.connect(self.mail.server, self.mail.port)
            if self.mail.use_tls:
                host.starttls()
            if self.mail.username and self.mail.password:
                host.login(self.mail.username, self.mail.password)
        except BaseException:
            host.close()
            raise
        return host

    def __exit__(self, exc_type, exc_value, tb):
        if self.host is None:
            return
        if exc_type is None:
            self.host.quit()
        else:  # a polite QUIT to a server that has just failed would wait out the timeout
            self.host.close()


class Mailer:
    """Sends through SMTP when MAIL_SERVER is set; otherwise writes .eml files into the
    instance folder when MAIL_OUTBOX is on (development); otherwise email is unavailable."""

    def __init__(self, app):
        self.server = app.config.get("MAIL_SERVER")
        self.timeout = app.config["MAIL_TIMEOUT"]
        self.outbox = Path(app.instance_path) / OUTBOX_FOLDER
        self.uses_outbox = not self.server and app.config["MAIL_OUTBOX"]
        self.sender = app.config.get("MAIL_DEFAULT_SENDER") or "no-reply@localhost"
        self.state = flask_mail.Mail().init_app(app)

    @property
    def available(self):
        return bool(self.server) or self.uses_outbox

    def send(self, message):
        if self.server:
            return self._send_smtp(message)
        if self.uses_outbox:
            return self._save(message)
        raise EmailUnavailableError("no mail server is set up (MAIL_SERVER)")

    def _send_smtp(self, message):
        try:
            with DeadlineConnection(self.state, self.timeout) as connection:
                connection.send(message)
        except (smtplib.SMTPException, OSError) as error:
            # The type only: SMTP errors can quote the recipients' addresses.
            raise EmailFailedError(type(error).__name__) from error
        return Sent(tuple(message.send_to))

    def _save(self, message):
        if message.has_bad_headers():
            raise flask_mail.BadHeaderError
        message.date = message.date or time.time()
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = self.outbox / f"{stamp}-{secrets.token_hex(4)}.eml"
        try:
            # Owner-only, like the rest of the instance folder: each holds a child's details.
            self.outbox.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(message.as_bytes())
        except OSError as error:  # a full disk or a folder we cannot write to
            raise EmailFailedError(type(error).__name__) from error
        return Sent(tuple(message.send_to), saved_as=str(path))

    def purge_outbox(self, older_than):
        """Delete saved messages last changed before `older_than` (a UTC datetime)."""
        if not self.outbox.is_dir():
            return 0
        cutoff = older_than.timestamp()
        removed = 0
        for path in self.outbox.glob("*.eml"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def document_message(document, data, file_format, to, copy_to=None):
    """The email carrying one document: fixed words, the file attached."""
    config = current_app.config
    service_name = config["SERVICE_NAME"]
    mailer = current_mailer()
    title = document.name_for_reader
    message = flask_mail.Message(
        subject=f"{title} (sent using {service_name})",
        sender=(service_name, mailer.sender),
        recipients=[to],
        cc=[copy_to] if copy_to else None,
        body=message_body(title, service_name, config.get("ORGANISATION_NAME")),
    )
    # A Message-ID from the sender's own domain rather than this machine's name.
    message.msgId = make_msgid(domain=mailer.sender.rpartition("@")[2].strip("> ") or None)
    # The attachment's name is the title and date only: names of children and schools stay
    # out of headers, which mail servers log.
    name = safe_filename(f"{title}, {dates.today():%-d %B %Y}", file_format)
    message.attach(name, FORMATS[file_format], data)
    return message


def message_body(title, service_name, organisation=None):
    signature = f"{service_name}, run by {organisation}" if organisation else service_name
    return (
        "Hello,\n\n"
        f"Attached to this email is a document: {title}.\n\n"
        f"The person who wrote it used {service_name}, a free online service, and asked us "
        "to email it to you. Their name and contact details are in the document.\n\n"
        "Nobody reads replies to this email. To reply, please use the contact details in "
        "the document.\n\n"
        "If you were not expecting this email, you can delete it.\n\n"
        f"{signature}\n"
    )


def current_mailer():
    return current_app.extensions["mailer"]


def init_app(app):
    app.extensions["mailer"] = Mailer(app)
