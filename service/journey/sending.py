"""The email form on the done page, and the two rate limits every send is counted against.

A send is counted only once the form is valid, so a typo costs nothing; it is counted before
the server is tried, so failed sends count too and cannot be used to probe addresses.
"""

import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse_many

from service.extensions import limiter_of
from service.fields import ChoiceField, DeliverableEmail, TextField
from service.steps import QuestionForm

UK = ZoneInfo("Europe/London")
ADDRESS_LENGTH = 254  # the longest address SMTP can carry (RFC 5321 with RFC 3696 erratum)
FORMAT_CHOICES = (("docx", "Word document (.docx)"), ("pdf", "PDF"))


class EmailDocumentForm(QuestionForm):
    to = TextField(
        "Email address to send it to",
        "Enter the email address to send the document to",
        hint="For example, the school office or the person the document is for",
        error_name="The email address to send it to",
        max_length=ADDRESS_LENGTH,
        checks=(DeliverableEmail(),),
    )
    copy_to = TextField(
        "Your email address, to get a copy (optional)",
        error_name="Your email address",
        max_length=ADDRESS_LENGTH,
        checks=(DeliverableEmail(),),
    )
    file_format = ChoiceField(
        "Send it as",
        FORMAT_CHOICES,
        "Select whether to send a Word document or a PDF",
        hint="Choose Word if you or they may want to change it. A PDF looks the same on "
        "every device.",
        error_name="The kind of file",
    )

    def recipients(self):
        """The address to send to and the copy, with the copy dropped if it is the same."""
        copy = self.copy_to.data or None
        if copy and copy.lower() == self.to.data.lower():
            copy = None
        return self.to.data, copy

    def chosen_format(self):
        return self.file_format.data if "file_format" in self else "docx"


def email_form(*, pdf_available, formdata=None):
    """The form; without PDF there is nothing to choose, so the format question goes."""
    form = EmailDocumentForm(formdata=formdata) if formdata is not None else EmailDocumentForm()
    if not pdf_available:
        del form.file_format
    elif not form.file_format.data:
        form.file_format.data = "docx"
    return form


def spend_allowance(draft_id):
    """Count one send against the per-client and per-draft limits. None if allowed; if
    not, the time (UK) when the earliest refused limit lets the user send again."""
    limiter = limiter_of(current_app)
    if not limiter.enabled:
        return None
    config = current_app.config
    checks = [
        (limit, ("email-client", get_remote_address()))
        for limit in parse_many(config["RATELIMIT_EMAIL"])
    ] + [
        (limit, ("email-draft", draft_id))
        for limit in parse_many(config["RATELIMIT_EMAIL_PER_DRAFT"])
    ]
    strategy = limiter.limiter
    refused = [(limit, keys) for limit, keys in checks if not strategy.test(limit, *keys)]
    if refused:
        reset = max(strategy.get_window_stats(limit, *keys).reset_time for limit, keys in refused)
        return datetime.datetime.fromtimestamp(reset, UK)
    for limit, keys in checks:
        strategy.hit(limit, *keys)
    return None


def uk_time(moment, today=None):
    """'3:05pm', or '3:05pm on 24 November' when it is not today."""
    today = today or datetime.datetime.now(UK).date()
    clock = moment.strftime("%-I:%M%p").lower()
    if moment.date() == today:
        return clock
    return f"{clock} on {moment:%-d %B}"
