"""Emailing a finished document from the done page: the forms, the writer's confirmed
address, and the limits every email is counted against.

The service sends a document only for a writer who has shown that an address is theirs:
once per draft we email them a six-digit code, and they type it back. The document then goes
to them, and to one other address and up to three copy addresses if they ask, saying who asked
for it, with replies going to them. So nobody can send words they wrote from the service's
address anonymously or as someone else.

What the browser keeps (the code waiting to be typed, the confirmed address) is sealed in the
session with the drafts' key and bound to the draft's id, so it is unreadable and useless for
another draft. A session cookie can be replayed, so what must never go back (wrong tries at a
code, codes sent, emails sent) is counted server side, in the rate limiter's storage, which
every worker shares when it is Redis.

An email is counted once its form is valid, so a typo costs nothing; it is counted before the
server is tried, so failed sends count too and cannot be used to probe addresses. Each address
the writer types counts as one email, so copies cannot multiply what the limits allow.
"""

import datetime
import enum
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from flask import current_app, session
from limits import RateLimitItemPerDay, RateLimitItemPerSecond, parse_many
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter
from wtforms.validators import ValidationError

from service import drafts
from service.delivery import mail
from service.extensions import limiter_of
from service.fields import ChoiceField, DeliverableEmail, TextField
from service.limits import client_key, draft_key
from service.steps import QuestionForm

UK = ZoneInfo("Europe/London")
ADDRESS_LENGTH = 254  # the longest address SMTP can carry (RFC 5321 with RFC 3696 erratum)
# PDF first, and the default where it can be made: it opens the same on every device, and a
# school's email filter is less wary of it than of a Word file.
FORMAT_CHOICES = (("pdf", "PDF"), ("docx", "Word document (.docx)"))
CODE_DIGITS = 6
# Copy addresses (EmailDocumentForm has a box for each): letters say they are copied to
# someone, such as the council's monitoring officer.
COPIES = 3
# The shared vocabulary's names (docs/glossary.md). The writer's own address: when the answers
# hold it, the address box starts with it, and replies go to it. The writer's name: the body
# says who asked for the email; a young person writing for themselves is named as the child.
SUGGESTED_ADDRESS = "writer_email"
WRITER_NAME = "writer_name"
WRITER_KIND, YOUNG_PERSON, CHILD_NAME = "writer", "young_person", "child_name"

# Session keys: document slug -> a sealed value bound to that document's draft.
CODE_KEY = "email_code"
WRITER_KEY = "email_writer"


def setting(name):
    return current_app.config[name]


# --- Forms -----------------------------------------------------------------------------------


def address_field(label, required=None, *, hint=None, error_name, check=None):
    """A box for an email address: the limit SMTP sets, and no character count (an address
    has a shape of its own, and its length is no help)."""
    return TextField(
        label,
        required,
        hint=hint,
        error_name=error_name,
        max_length=ADDRESS_LENGTH,
        checks=(check or DeliverableEmail(),),
        character_count=False,
    )


class NumberedAddress(DeliverableEmail):
    """DeliverableEmail's check and messages, naming which of several boxes is wrong:
    "Enter copy address 2 in the correct format, like name@example.com"."""

    def __init__(self, name):
        self.message = DeliverableEmail.message.replace("an email address", name, 1)
        self.non_ascii = DeliverableEmail.non_ascii.replace("an email address", name, 1)


def deliverable(address):
    """An address from the answers as the check of a typed one leaves it, or None when it
    fails that check (the answers' own check is looser)."""
    box = SimpleNamespace(data=address)
    try:
        DeliverableEmail()(None, box)
    except ValidationError:
        return None
    return box.data


class WriterEmailForm(QuestionForm):
    your_email = address_field(
        "Your email address",
        "Enter your email address",
        hint="We will email you a security code, to check the address is yours.",
        error_name="Your email address",
    )


class _SixDigits:
    """A code as people copy it: spaces and dashes are ignored, and only digits 0 to 9 count
    (`str.isdigit` would take other scripts' digits, which the code never has)."""

    message = f"The security code must be {CODE_DIGITS} numbers"

    def __call__(self, form, field):
        digits = re.sub(r"[\s-]", "", field.data or "")
        if not re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", digits):
            raise ValidationError(self.message)
        field.data = digits


class SecurityCodeForm(QuestionForm):
    code = TextField(
        "Security code",
        "Enter the security code",
        hint=f"The {CODE_DIGITS} numbers in the email we sent you",
        error_name="The security code",
        max_length=50,
        checks=(_SixDigits(),),
        character_count=False,
    )


def copy_name(number):
    return f"copy address {number}"


def _copy_field(number):
    name = copy_name(number)
    return address_field(
        name.capitalize(), error_name=name.capitalize(), check=NumberedAddress(name)
    )


class EmailDocumentForm(QuestionForm):
    to = address_field(
        "Also send it to (optional)",
        hint="For example, the school office or the council's SEN team. We will send you a copy.",
        error_name="The email address to send it to",
    )
    copy_1 = _copy_field(1)
    copy_2 = _copy_field(2)
    copy_3 = _copy_field(3)
    file_format = ChoiceField(
        "Send it as",
        FORMAT_CHOICES,
        "Select whether to send a PDF or a Word document",
        hint="A PDF looks the same on every device. Choose Word if you or they may want to "
        "change it.",
        error_name="The kind of file",
    )

    writer = None  # the writer's confirmed address, which copies need not repeat

    def copy_fields(self):
        return [self[f"copy_{number}"] for number in range(1, COPIES + 1)]

    def validate(self, extra_validators=None):
        """Each box checked alone, then each copy address against the addresses before it:
        the same address twice would send the same email twice."""
        valid = super().validate(extra_validators)
        earlier = {}
        if self.writer:
            earlier[self.writer.casefold()] = "your own email address, which gets a copy anyway"
        if self.to.data and not self.to.errors:
            earlier.setdefault(self.to.data.casefold(), "the email address to send it to")
        for number, field in enumerate(self.copy_fields(), start=1):
            if not field.data or field.errors:
                continue
            key = field.data.casefold()
            if key in earlier:
                field.errors = [
                    f"{copy_name(number).capitalize()} is the same as {earlier[key]}. "
                    "Enter a different address or leave it empty"
                ]
                valid = False
            else:
                earlier[key] = copy_name(number)
        return valid

    def recipients(self, writer):
        """(to, copies): the other address, or the writer when there is none or it is
        theirs; then the copy addresses, and the writer unless the email is to them."""
        other = self.to.data or None
        to = writer if other is None or other.casefold() == writer.casefold() else other
        copies = []
        seen = {to.casefold()}
        for address in [field.data for field in self.copy_fields()] + [writer]:
            if address and address.casefold() not in seen:
                seen.add(address.casefold())
                copies.append(address)
        return to, copies

    def chosen_format(self):
        return self.file_format.data if "file_format" in self else "docx"


def addresses_typed(to, copies, writer):
    """How many emails a send counts as: one for each address other than the writer's own,
    and one when it goes to the writer alone."""
    return max(1, sum(1 for address in [to, *copies] if address.casefold() != writer.casefold()))


def email_form(*, pdf_available, formdata=None, writer=None):
    """The form; without PDF there is nothing to choose, so the format question goes. PDF
    is the default where it can be made."""
    form = EmailDocumentForm(formdata=formdata) if formdata is not None else EmailDocumentForm()
    form.writer = writer
    if not pdf_available:
        del form.file_format
    elif not form.file_format.data:
        form.file_format.data = "pdf"
    return form


def writer_form(*, formdata=None, suggested=None):
    """The address form: what was posted, or else the address suggested (the one waiting
    for its code, the one confirmed, or the one in the answers)."""
    if formdata is not None:
        return WriterEmailForm(formdata=formdata)
    form = WriterEmailForm()
    form.your_email.data = suggested if isinstance(suggested, str) else None
    return form


def code_form(*, formdata=None):
    return SecurityCodeForm(formdata=formdata) if formdata is not None else SecurityCodeForm()


# --- The writer's address ----------------------------------------------------------------------


@dataclass(frozen=True)
class PendingCode:
    """A code sent and not yet typed back."""

    address: str
    code: str
    nonce: str  # names this code's count of tries in the limiter's storage
    sent_at: float
    saved_as: str | None = None  # the outbox file, when there is no mail server

    @property
    def expires_at(self):
        return datetime.datetime.fromtimestamp(self.sent_at + setting("EMAIL_CODE_LIFETIME"), UK)

    @property
    def expired(self):
        return time.time() >= self.sent_at + setting("EMAIL_CODE_LIFETIME")


def _draft_lifetime():
    return current_app.config["DRAFT_RETENTION_DAYS"] * 24 * 60 * 60


def _unseal(key, draft):
    """The value sealed under `key` for this draft, or None (none, tampered with, too old,
    or left from another draft of the same document)."""
    token = session.get(key, {}).get(_name(draft))
    value = drafts.unseal(token, _draft_lifetime()) if isinstance(token, str) else None
    if not isinstance(value, dict) or draft.id is None or value.get("draft") != draft.id:
        return None
    return value


def _seal(key, draft, value):
    session[key] = {**session.get(key, {}), _name(draft): drafts.seal(value)}


def _name(draft):
    """What a draft's sealed values are filed under in the session: its ref (a browser may
    hold several drafts of one document)."""
    return draft.ref or draft.document


def _drop(key, name):
    entries = dict(session.get(key, {}))
    if entries.pop(name, None) is not None:
        session[key] = entries


def confirmed_writer(draft):
    """The address the writer confirmed for this draft, or None."""
    value = _unseal(WRITER_KEY, draft)
    return value.get("address") if value else None


def pending_code(draft):
    """The code waiting to be typed back for this draft (perhaps expired), or None."""
    value = _unseal(CODE_KEY, draft)
    if not value:
        return None
    try:
        return PendingCode(
            value["address"], value["code"], value["nonce"], value["sent_at"], value["saved_as"]
        )
    except KeyError:
        return None


def suggested_address(draft, answers=None):
    pending = pending_code(draft)
    if pending:
        return pending.address
    return confirmed_writer(draft) or (answers or {}).get(SUGGESTED_ADDRESS)


def reply_address(writer, answers):
    """Where replies go: the address the document gives for its writer, which is the one
    its readers will expect, when it is one we could send to; else the confirmed address.
    It is never given a display name, which for a young person would be a child's name."""
    given = (answers or {}).get(SUGGESTED_ADDRESS)
    return (deliverable(given) if isinstance(given, str) and given else None) or writer


def writer_name(answers):
    """The name the document gives its writer, for the email's body; None when it gives
    none (a plan, which a school writes)."""
    answers = answers or {}
    key = CHILD_NAME if answers.get(WRITER_KIND) == YOUNG_PERSON else WRITER_NAME
    name = answers.get(key)
    return name.strip() if isinstance(name, str) and name.strip() else None


def send_code(draft, address):
    """Email a new code to `address` for this draft. A Refusal if a limit stops it, else
    None; raises as `Mailer.send` does when the email cannot go."""
    refusal = spend_code_allowance(draft.id)
    if refusal is not None:
        return refusal
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    lifetime = setting("EMAIL_CODE_LIFETIME")
    receipt = mail.current_mailer().send(mail.code_message(address, code, lifetime))
    _seal(
        CODE_KEY,
        draft,
        {
            "draft": draft.id,
            "address": address,
            "code": code,
            "nonce": secrets.token_urlsafe(16),
            "sent_at": time.time(),
            "saved_as": receipt.saved_as,
        },
    )
    return None


class CodeCheck(enum.Enum):
    CONFIRMED = "confirmed"
    WRONG = "wrong"
    TOO_MANY = "too many"
    EXPIRED = "expired"
    MISSING = "missing"


def check_code(draft, typed):
    """Compare a typed code with the one sent; on a match the address is confirmed for this
    draft. Every try is counted first, in one atomic step, so neither a replayed cookie nor
    tries sent at once can get more than EMAIL_CODE_TRIES at a code; the right code then
    spends what is left, so it works only once."""
    pending = pending_code(draft)
    if pending is None:
        return CodeCheck.MISSING
    tries = _tries_item()
    counts = _counts()
    keys = _keys("email-code-tries", pending.nonce)
    if not counts.hit(tries, *keys):
        return CodeCheck.TOO_MANY
    if pending.expired:
        return CodeCheck.EXPIRED
    if not hmac.compare_digest(typed.encode(), pending.code.encode()):
        return CodeCheck.WRONG if counts.test(tries, *keys) else CodeCheck.TOO_MANY
    counts.hit(tries, *keys, cost=tries.amount)
    _seal(WRITER_KEY, draft, {"draft": draft.id, "address": pending.address})
    _drop(CODE_KEY, _name(draft))
    return CodeCheck.CONFIRMED


def _tries_item():
    # Counted for as long as the code lives, from the first try (which comes after sending).
    return RateLimitItemPerSecond(setting("EMAIL_CODE_TRIES"), setting("EMAIL_CODE_LIFETIME"))


def _counts():
    """Where tries at codes are counted: the rate limiter's storage, or, with rate limits
    switched off (some tests, the bench), this process's memory. Switching limits off must
    not switch off the count that stops codes being guessed."""
    limiter = limiter_of(current_app)
    if limiter.enabled:
        return limiter.limiter
    return current_app.extensions.setdefault(
        "email_code_counts", FixedWindowRateLimiter(MemoryStorage())
    )


# --- Limits --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """A limit stopped an email: `daily` when it is the whole service's daily cap rather than
    one user's limit, and the time (UK) when the refused limits let it go. For an email to
    several addresses, `room`: how many addresses the limits would take now (0: none), and
    `most`: how many they take at once at best."""

    daily: bool
    retry_at: datetime.datetime
    room: int = 0
    most: int = 1


DAILY = "email-daily"


def _keys(*keys):
    # Flask-Limiter's own prefix, so one storage can serve several copies of the service.
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX")
    return (prefix, *keys) if prefix else keys


def _per(setting_value, *keys):
    return [(limit, _keys(*keys)) for limit in parse_many(setting_value)]


def _daily_cap():
    """Every email the service sends (documents and codes), whoever asks, in one count
    that every worker shares."""
    limit = RateLimitItemPerDay(current_app.config["EMAIL_DAILY_LIMIT"])
    return [(limit, _keys(DAILY, "service"))]


def _spend(checks, cost=1):
    """Count `cost` emails against each (limit, keys) if all allow them; else a Refusal."""
    limiter = limiter_of(current_app)
    if not limiter.enabled:
        return None
    strategy = limiter.limiter
    refused = [
        (limit, keys) for limit, keys in checks if not strategy.test(limit, *keys, cost=cost)
    ]
    if refused:
        reset = max(strategy.get_window_stats(limit, *keys).reset_time for limit, keys in refused)
        daily = any(DAILY in keys for _limit, keys in refused)
        room = min(strategy.get_window_stats(limit, *keys).remaining for limit, keys in checks)
        most = min(limit.amount for limit, _keys in checks)
        return Refusal(daily, datetime.datetime.fromtimestamp(reset, UK), max(0, room), most)
    for limit, keys in checks:
        strategy.hit(limit, *keys, cost=cost)
    return None


def spend_allowance(draft_id, emails=1):
    """Count a document sent as `emails` emails (addresses_typed): per client, per draft,
    and against the daily cap."""
    config = current_app.config
    return _spend(
        _per(config["RATELIMIT_EMAIL"], "email-client", client_key())
        + _per(config["RATELIMIT_EMAIL_PER_DRAFT"], "email-draft", draft_key(draft_id))
        + _daily_cap(),
        emails,
    )


def spend_code_allowance(draft_id):
    """Count one code sent: it is an email too (per client and against the daily cap), and
    codes for one draft have their own limit."""
    config = current_app.config
    return _spend(
        _per(config["RATELIMIT_EMAIL"], "email-client", client_key())
        + _per(setting("RATELIMIT_EMAIL_CODES_PER_DRAFT"), "email-code-draft", draft_key(draft_id))
        + _daily_cap()
    )


def spend_return_link_allowance():
    """Count one emailed link to come back: an email (per client and against the daily cap),
    and links have their own, tighter limit per client."""
    config = current_app.config
    return _spend(
        _per(config["RATELIMIT_EMAIL"], "email-client", client_key())
        + _per(setting("RATELIMIT_RETURN_LINKS"), "return-link-client", client_key())
        + _daily_cap()
    )


def uk_time(moment, today=None):
    """'3:05pm', or '3:05pm on 24 November' when it is not today."""
    today = today or datetime.datetime.now(UK).date()
    clock = moment.strftime("%-I:%M%p").lower()
    if moment.date() == today:
        return clock
    return f"{clock} on {moment:%-d %B}"
