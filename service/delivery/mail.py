"""Email a finished document, through SMTP or, with no server set up, into a local outbox.

Flask-Mail builds the message, but its connection opens SMTP with no timeout, so a silent
server would hold a worker forever. `DeadlineConnection` gives the whole conversation one
deadline: every socket operation waits only for the time left, so a send gives up within
MAIL_TIMEOUT seconds however the server stalls.

Nothing a user typed goes into a header except addresses, checked (email-validator, in the
forms) before they get here: the recipients, and as Reply-To the writer's own address (the one
their document gives, or the one they confirmed with a code), never with a display name. The
subject and the attachment's name are fixed text made from the document's title and the
service's name, so no child's name is in a header, where mail servers log it. Only the body
names anyone: the writer who asked for the email, by the name their document gives them.
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


class _CopiedInOrder(flask_mail.Message):
    """Flask-Mail's message, with copies as the writer gave them: in their order (Flask-Mail
    passes them through a set, so the writer's own copy could come first), and checked for
    line breaks as every other address is (Flask-Mail's check leaves out Cc)."""

    def _message(self):
        built = super()._message()
        if self.cc:
            copies = flask_mail.sanitize_addresses(self.cc, self.charset or "utf-8")
            built.replace_header("Cc", ", ".join(copies))
        return built

    def has_bad_headers(self):
        line_break = any("\r" in address or "\n" in address for address in self.cc or ())
        return line_break or super().has_bad_headers()


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


def document_message(
    document, data, file_format, to, copies=(), *, writer, reply_to=None, writer_name=None
):
    """The email carrying one document for `writer` (their confirmed address): fixed words,
    the file attached, and replies going to `reply_to` (the writer's own address, the one
    their document gives when it gives one). From stays the service's own address, the one
    its domain's SPF and DKIM vouch for.

    Copies go as Cc on the one message, as a letter's "copy to" line does: everyone sees
    who else has it, so a school knows the monitoring officer has the same letter, and a
    reply to all reaches them all. The writer is one of the copies when it goes to others."""
    config = current_app.config
    service_name = config["SERVICE_NAME"]
    title = document.name_for_reader
    reply_to = reply_to or writer
    message = _message(
        f"{title} (sent using {service_name})",
        [to],
        message_body(
            title,
            service_name,
            config.get("ORGANISATION_NAME"),
            writer=writer,
            writer_name=writer_name,
            reply_to=reply_to,
            to_writer=to == writer and not copies,
        ),
    )
    if copies:
        message.cc = list(copies)
    message.reply_to = reply_to
    # The attachment's name is the title and date only: names of children and schools stay
    # out of headers, which mail servers log.
    name = safe_filename(f"{title}, {dates.today():%-d %B %Y}", file_format)
    message.attach(name, FORMATS[file_format], data)
    return message


def code_message(address, code, lifetime):
    """The email carrying a security code: it names no child and carries no document, so a
    code sent to the wrong address tells its reader nothing."""
    config = current_app.config
    service_name = config["SERVICE_NAME"]
    return _message(
        f"Your security code for {service_name}",
        [address],
        code_body(code, service_name, lifetime, config.get("ORGANISATION_NAME")),
    )


def return_link_message(address, link, lifetime):
    """The email carrying a link back to someone's documents: like a code, it names no child
    and carries no document, and the link works once."""
    config = current_app.config
    service_name = config["SERVICE_NAME"]
    signature = _signature(service_name, config.get("ORGANISATION_NAME"))
    body = (
        "Hello,\n\n"
        f"Use this link to open your documents on any phone, tablet or computer:\n\n{link}\n\n"
        f"The link works once, for {duration(lifetime)}. Opening it moves your documents to "
        "the browser you open it in. Do not forward this email: anyone with the link can "
        "open them.\n\n"
        f"We sent this because someone asked {service_name} for a link to their documents. "
        "If it was not you, you can ignore this email.\n\n"
        f"{signature}\n"
    )
    return _message(f"Your link to your documents on {service_name}", [address], body)


def _message(subject, recipients, body):
    service_name = current_app.config["SERVICE_NAME"]
    sender = current_mailer().sender
    message = _CopiedInOrder(
        subject=subject, sender=(service_name, sender), recipients=recipients, body=body
    )
    # A Message-ID from the sender's own domain rather than this machine's name.
    message.msgId = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    return message


def _signature(service_name, organisation):
    return f"{service_name}, run by {organisation}" if organisation else service_name


def message_body(
    title,
    service_name,
    organisation=None,
    *,
    writer,
    writer_name=None,
    reply_to=None,
    to_writer=False,
):
    """The words of a document's email. To others it says who asked for it to be sent: the
    writer by the name their document gives, or by their confirmed address when it gives
    none."""
    signature = _signature(service_name, organisation)
    reply_to = reply_to or writer
    if to_writer:
        return (
            "Hello,\n\n"
            f"Attached to this email is the document you wrote using {service_name}: "
            f"{title}.\n\n"
            f"You asked us to send it to {writer}. Keep a copy of what you send, and a note "
            "of the date you sent it.\n\n"
            f"{signature}\n"
        )
    who = writer_name or f"Someone with the email address {writer}"
    checked = (
        f"We have checked that {writer} is their email address."
        if writer_name
        else "We have checked that this email address is theirs."
    )
    return (
        "Hello,\n\n"
        f"{who} asked us to send you the attached document: {title}.\n\n"
        f"They wrote it using {service_name}, a free online service. {checked} Their "
        "contact details are in the document.\n\n"
        f"To reply to them, reply to this email. Your reply will go to {reply_to}, not to "
        "us.\n\n"
        f"{signature}\n"
    )


def code_body(code, service_name, lifetime, organisation=None):
    return (
        f"Your security code is {code}\n\n"
        f"Enter it on the page that asked for it. It works for {duration(lifetime)}.\n\n"
        f"We sent this because someone asked {service_name} to check that this email "
        "address is theirs before it sends a document. If it was not you, you can ignore "
        "this email.\n\n"
        f"{_signature(service_name, organisation)}\n"
    )


def duration(seconds):
    """'30 minutes', '1 hour', '45 seconds': how long a code works, in words."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def current_mailer():
    return current_app.extensions["mailer"]


def init_app(app):
    app.extensions["mailer"] = Mailer(app)
