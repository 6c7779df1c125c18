"""Answers in progress: stored server side, encrypted at rest, expiring.

A browser holds drafts through the random key in its session cookie (service/device.py):
each row is stored against a digest of that key, so the database alone opens nothing. A
browser can hold several drafts, of the same document or of others; each has a short random
`ref`, which is in the address of every page about it, so two tabs can hold two drafts. The
ref is no secret: a draft opens only in the browser that holds it.

A row holds the answers of each completed step as one Fernet token, bound to its own id so
rows cannot be swapped. Drafts expire a configurable number of days after they were last
changed.
"""

import datetime
import json
import secrets
from dataclasses import dataclass, field

import click
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app, session
from flask_migrate import upgrade
from sqlalchemy import DateTime, Index, LargeBinary, String, bindparam, select, update
from sqlalchemy import delete as delete_rows
from sqlalchemy.orm import Mapped, mapped_column

from service import device
from service.extensions import db

# Where a browser kept its drafts before it had a device key: {document slug: draft id}.
# Read once, to adopt those drafts, and then dropped.
OLD_SESSION_KEY = "drafts"
NEW = "new"  # the ref in an address that starts another draft of a document


class DraftRecord(db.Model):
    """A draft as stored: its answers one Fernet token, never readable in the database."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), index=True)
    # The digest of the device key of the browser holding it (none: claimed by nobody yet).
    owner: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    ref: Mapped[str | None] = mapped_column(String(32), nullable=True)

    __table_args__ = (Index("ix_drafts_ref", "ref", unique=True),)


# Every page of a journey reads its draft: a plain SELECT of the columns it needs, built once,
# costs a quarter of loading the row through the ORM.
_TABLE = DraftRecord.__table__
_COLUMNS = (
    _TABLE.c.id,
    _TABLE.c.document,
    _TABLE.c.ref,
    _TABLE.c.payload,
    _TABLE.c.updated_at,
    _TABLE.c.expires_at,
)
_BY_REF = select(*_COLUMNS).where(
    _TABLE.c.ref == bindparam("ref"), _TABLE.c.owner == bindparam("owner")
)
_NEWEST = (
    select(*_COLUMNS)
    .where(_TABLE.c.owner == bindparam("owner"), _TABLE.c.document == bindparam("document"))
    .order_by(_TABLE.c.updated_at.desc())
    .limit(1)
)
_ALL = select(*_COLUMNS).where(_TABLE.c.owner == bindparam("owner"))


@dataclass
class Draft:
    """A document in progress: its decrypted answers, step slug -> {field name: answer}."""

    document: str
    id: str | None = None
    steps: dict = field(default_factory=dict)
    expires_at: datetime.datetime | None = None
    # What was posted to a step but not saved as its answers (it had errors, or was an Add
    # another or Remove): kept so that the page after the redirect shows it, and so that
    # nothing typed is lost on Back or Refresh. {"step": slug, "form": [[name, value]], ...}
    pending: dict | None = None
    ref: str | None = None
    # Answers carried from another document for steps not yet done: step slug -> answers,
    # shown filled in on the step for the user to finish and save.
    prefill: dict = field(default_factory=dict)
    name: str | None = None  # the name the user gave it, if they did
    updated_at: datetime.datetime | None = None
    # The address named a draft this browser does not hold (deleted, expired, or another
    # device's): the page says so rather than starting an empty one silently.
    lost: bool = False
    # The last day the document was made (downloaded, emailed, shown as done), ISO: dates it
    # works out from "today" (a letter's reply-by date) are worked out again as of that day.
    made_on: str | None = None
    # The advice service whose front door it was started from (its slug), whose brand its
    # pages wear; None for a draft started on the service's own pages.
    organisation: str | None = None

    @property
    def is_saved(self):
        return self.id is not None


def _now():
    return datetime.datetime.now(datetime.UTC)


def _cipher():
    keys = current_app.config["DRAFT_ENCRYPTION_KEYS"]
    return MultiFernet([Fernet(key.strip().encode()) for key in keys.split(",") if key.strip()])


def seal(data):
    """A small JSON value encrypted with the drafts' key, for carrying in the session
    cookie (which is signed but readable) without exposing what it holds."""
    return _cipher().encrypt(json.dumps(data).encode()).decode()


def unseal(token, max_age):
    """What `seal` made, if it is genuine and younger than `max_age` seconds; else None."""
    try:
        return json.loads(_cipher().decrypt(token.encode(), ttl=max_age))
    except (InvalidToken, ValueError, AttributeError):
        return None


def _retention():
    return datetime.timedelta(days=current_app.config["DRAFT_RETENTION_DAYS"])


def _aware(moment):
    # SQLite hands back naive datetimes even for timezone-aware columns; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def new_ref():
    return secrets.token_urlsafe(9)


def load(document_slug, ref=None):
    """This browser's draft of the document: the one `ref` names, or without a ref its most
    recently changed one; a new empty draft (not yet stored) when it has none, or when `ref`
    is NEW. A ref this browser does not hold gives an empty draft marked `lost`."""
    if ref == NEW:
        return Draft(document_slug)
    owner = _owner()
    if owner is None:
        return Draft(document_slug, lost=bool(ref))
    if ref:
        row = db.session.execute(_BY_REF, {"ref": ref, "owner": owner}).one_or_none()
        if row is None or row.document != document_slug:
            return Draft(document_slug, lost=True)
    else:
        row = db.session.execute(_NEWEST, {"owner": owner, "document": document_slug})
        row = row.one_or_none()
        if row is None:
            return Draft(document_slug)
    draft = _from_row(row)
    return draft if draft is not None else Draft(document_slug, lost=bool(ref))


def held_as(ref):
    """The draft with this ref, of any document, if this browser holds it; else None."""
    owner = _owner()
    if owner is None or not ref or ref == NEW:
        return None
    row = db.session.execute(_BY_REF, {"ref": ref, "owner": owner}).one_or_none()
    return _from_row(row) if row is not None else None


def held():
    """Every draft this browser holds, most recently changed first."""
    owner = _owner()
    if owner is None:
        return []
    rows = db.session.execute(_ALL, {"owner": owner}).all()
    found = [draft for draft in map(_from_row, rows) if draft is not None]
    return sorted(found, key=lambda draft: draft.updated_at, reverse=True)


def _from_row(row):
    """The draft a row holds; None (and the row deleted) if expired or unreadable."""
    if _aware(row.expires_at) <= _now():
        _delete_row(row.id)
        return None
    data = _decrypt(row.id, row.payload)
    if data is None:
        _delete_row(row.id)
        return None
    return Draft(
        row.document,
        row.id,
        data.get("steps", {}),
        _aware(row.expires_at),
        data.get("pending"),
        ref=row.ref,
        prefill=data.get("prefill") or {},
        name=data.get("name"),
        updated_at=_aware(row.updated_at),
        made_on=data.get("made_on"),
        organisation=data.get("organisation"),
    )


def save(draft):
    """Store the draft in this browser, creating it on first save, and push its expiry back."""
    now = _now()
    owner = device.owner(create=True)
    row = db.session.get(DraftRecord, draft.id) if draft.id is not None else None
    if row is None:  # new, or purged meanwhile: a new row with what we have
        draft.id = draft.id or secrets.token_urlsafe(32)
        draft.ref = draft.ref or new_ref()
        row = DraftRecord(id=draft.id, document=draft.document, ref=draft.ref)
        db.session.add(row)
    row.owner = owner
    data = {"id": draft.id, "steps": draft.steps}
    if draft.pending is not None:
        data["pending"] = draft.pending
    if draft.prefill:
        data["prefill"] = draft.prefill
    if draft.name:
        data["name"] = draft.name
    if draft.made_on:
        data["made_on"] = draft.made_on
    if draft.organisation:
        data["organisation"] = draft.organisation
    row.payload = _cipher().encrypt(json.dumps(data).encode())
    row.updated_at = draft.updated_at = now
    row.expires_at = draft.expires_at = now + _retention()
    db.session.commit()


def mark_made(draft, today):
    """Note the day the document was made; stored once a day at most."""
    if draft.is_saved and draft.made_on != today.isoformat():
        draft.made_on = today.isoformat()
        save(draft)


def made_on(draft):
    """The day the document was last made, or None."""
    try:
        return datetime.date.fromisoformat(draft.made_on) if draft.made_on else None
    except ValueError:
        return None


def delete(draft):
    """Delete a draft this browser holds. True if there was one."""
    owner = _owner()
    if owner is None or draft.id is None:
        return False
    result = db.session.execute(
        delete_rows(DraftRecord).where(DraftRecord.id == draft.id, DraftRecord.owner == owner)
    )
    db.session.commit()
    return bool(result.rowcount)


def claim(draft_ids):
    """Move the drafts named, those still kept, into this browser. How many moved."""
    if not draft_ids:
        return 0
    owner = device.owner(create=True)
    result = db.session.execute(
        update(DraftRecord)
        .where(DraftRecord.id.in_(list(draft_ids)), DraftRecord.expires_at > _now())
        .values(owner=owner)
    )
    db.session.commit()
    return result.rowcount


def purge_expired(now=None):
    """Delete every expired draft; returns how many went."""
    result = db.session.execute(
        delete_rows(DraftRecord).where(DraftRecord.expires_at <= (now or _now()))
    )
    db.session.commit()
    return result.rowcount


def _owner():
    """This browser's owner digest, adopting drafts it kept the old way first."""
    old = session.get(OLD_SESSION_KEY)
    if old is not None:
        session.pop(OLD_SESSION_KEY)
        ids = (
            [value for value in old.values() if isinstance(value, str)]
            if isinstance(old, dict)
            else []
        )
        if ids:
            claim(ids)
    return device.owner()


def _decrypt(draft_id, payload):
    try:
        data = json.loads(_cipher().decrypt(payload))
    except (InvalidToken, ValueError):
        current_app.logger.warning("A draft could not be decrypted and was deleted")
        return None
    if data.get("id") != draft_id:
        current_app.logger.warning("A draft did not belong to its row and was deleted")
        return None
    return data


def _delete_row(draft_id):
    """Delete a stored draft; True if there was one."""
    deleted = db.session.execute(
        delete_rows(DraftRecord).where(DraftRecord.id == draft_id)
    ).rowcount
    db.session.commit()
    return bool(deleted)


@click.group("drafts", help="Manage stored answers in progress.")
def drafts_cli():
    pass


@drafts_cli.command("init", help="Replaced by `flask db upgrade`, which this runs.")
def init_command():
    # Kept so deploy scripts written for earlier versions still work, and learn the new name.
    click.echo("'flask drafts init' is replaced by 'flask db upgrade'; running that.", err=True)
    upgrade()


@drafts_cli.command(
    "purge",
    help="Delete every draft past its expiry date, expired register uploads, and outbox "
    "emails as old as the drafts.",
)
def purge_command():
    # Imported here: links to come back and register uploads use this module's cipher, so
    # those modules import this one.
    from service.bulk import jobs  # noqa: PLC0415
    from service.cases import return_links  # noqa: PLC0415

    removed = purge_expired()
    click.echo(f"Deleted {removed} expired draft{'s' if removed != 1 else ''}.")
    links = return_links.purge_expired()
    if links:
        click.echo(f"Deleted {links} expired link{'s' if links != 1 else ''} to come back.")
    uploads = jobs.purge_expired()
    if uploads:
        click.echo(f"Deleted {uploads} expired register upload{'s' if uploads != 1 else ''}.")
    # Saved emails hold the same details as drafts, so they are kept no longer.
    emails = current_app.extensions["mailer"].purge_outbox(_now() - _retention())
    if emails:
        click.echo(f"Deleted {emails} saved email{'s' if emails != 1 else ''} from the outbox.")


def init_app(app):
    # Register uploads are kept in the same database: their table is part of its schema.
    from service.bulk import jobs  # noqa: F401, PLC0415

    app.cli.add_command(drafts_cli)
