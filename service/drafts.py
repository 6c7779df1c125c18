"""Answers in progress: stored server side, encrypted at rest, expiring.

The session cookie holds only draft ids (one per document type). A draft row holds the answers
of each completed step as one Fernet token, bound to its own id so rows cannot be swapped.
Drafts expire a configurable number of days after they were last changed.
"""

import datetime
import json
import secrets
from dataclasses import dataclass, field

import click
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app, session
from flask_migrate import upgrade
from sqlalchemy import DateTime, LargeBinary, String, bindparam, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from service.extensions import db

SESSION_KEY = "drafts"


class DraftRecord(db.Model):
    """A draft as stored: its answers one Fernet token, never readable in the database."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), index=True)


# Every page of a journey reads its draft: a plain SELECT of the three columns it needs, built
# once, costs a quarter of loading the row through the ORM.
_TABLE = DraftRecord.__table__
_READ = select(_TABLE.c.document, _TABLE.c.payload, _TABLE.c.expires_at).where(
    _TABLE.c.id == bindparam("id")
)


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


def load(document_slug):
    """The current user's draft for this document, or a new empty one (not yet stored)."""
    draft_id = session.get(SESSION_KEY, {}).get(document_slug)
    if draft_id:
        row = db.session.execute(_READ, {"id": draft_id}).one_or_none()
        if row is not None and row.document == document_slug:
            if _aware(row.expires_at) <= _now():
                _delete_row(draft_id)
            else:
                data = _decrypt(draft_id, row.payload)
                if data is not None:
                    steps, pending = data.get("steps", {}), data.get("pending")
                    return Draft(document_slug, draft_id, steps, _aware(row.expires_at), pending)
                _delete_row(draft_id)
        _forget(document_slug)
    return Draft(document_slug)


def save(draft):
    """Store the draft, creating it on first save, and push its expiry back."""
    now = _now()
    if draft.id is None:
        draft.id = secrets.token_urlsafe(32)
        row = DraftRecord(id=draft.id, document=draft.document)
        db.session.add(row)
    else:
        row = db.session.get(DraftRecord, draft.id)
        if row is None:  # purged meanwhile; start a new row with what we have
            row = DraftRecord(id=draft.id, document=draft.document)
            db.session.add(row)
    data = {"id": draft.id, "steps": draft.steps}
    if draft.pending is not None:
        data["pending"] = draft.pending
    row.payload = _cipher().encrypt(json.dumps(data).encode())
    row.updated_at = now
    row.expires_at = now + _retention()
    draft.expires_at = row.expires_at
    db.session.commit()
    session.permanent = True
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), draft.document: draft.id}


def delete_for(document_slug):
    """Delete the user's draft for this document. True if there was one."""
    draft_id = session.get(SESSION_KEY, {}).get(document_slug)
    _forget(document_slug)
    if not draft_id:
        return False
    return _delete_row(draft_id)


def purge_expired(now=None):
    """Delete every expired draft; returns how many went."""
    result = db.session.execute(
        delete(DraftRecord).where(DraftRecord.expires_at <= (now or _now()))
    )
    db.session.commit()
    return result.rowcount


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
    deleted = db.session.execute(delete(DraftRecord).where(DraftRecord.id == draft_id)).rowcount
    db.session.commit()
    return bool(deleted)


def _forget(document_slug):
    drafts = dict(session.get(SESSION_KEY, {}))
    if document_slug in drafts:
        del drafts[document_slug]
        session[SESSION_KEY] = drafts


@click.group("drafts", help="Manage stored answers in progress.")
def drafts_cli():
    pass


@drafts_cli.command("init", help="Replaced by `flask db upgrade`, which this runs.")
def init_command():
    # Kept so deploy scripts written for earlier versions still work, and learn the new name.
    click.echo("'flask drafts init' is replaced by 'flask db upgrade'; running that.", err=True)
    upgrade()


@drafts_cli.command(
    "purge", help="Delete every draft past its expiry date, and outbox emails as old."
)
def purge_command():
    removed = purge_expired()
    click.echo(f"Deleted {removed} expired draft{'s' if removed != 1 else ''}.")
    # Saved emails hold the same details as drafts, so they are kept no longer.
    emails = current_app.extensions["mailer"].purge_outbox(_now() - _retention())
    if emails:
        click.echo(f"Deleted {emails} saved email{'s' if emails != 1 else ''} from the outbox.")


def init_app(app):
    app.cli.add_command(drafts_cli)
