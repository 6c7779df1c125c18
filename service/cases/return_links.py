"""Links to come back to your documents on another device, sent by email.

A link carries a random token; only its digest is stored, with the drafts it opens
(encrypted) and when it stops working. It works once: opening it (a POST from the page the
link shows, so a mail scanner that follows links uses nothing up) moves the drafts into that
browser and deletes the link. The email address it went to is never stored.
"""

import datetime
import hashlib
import secrets

from flask import current_app
from sqlalchemy import DateTime, LargeBinary, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from service import drafts
from service.extensions import db


class ReturnLink(db.Model):
    __tablename__ = "return_links"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), index=True)


def digest_of(token):
    return hashlib.sha256(token.encode()).hexdigest()


def lifetime_seconds():
    return current_app.config["RETURN_LINK_HOURS"] * 60 * 60


def create(draft_ids):
    """A new link opening these drafts: its token, to put in the email and nowhere else."""
    token = secrets.token_urlsafe(32)
    now = datetime.datetime.now(datetime.UTC)
    payload = drafts.seal({"drafts": list(draft_ids)}).encode()
    db.session.add(
        ReturnLink(
            digest=digest_of(token),
            payload=payload,
            expires_at=now + datetime.timedelta(seconds=lifetime_seconds()),
        )
    )
    db.session.commit()
    return token


def usable(token):
    """Whether a link would open anything now (without using it up)."""
    return _find(token) is not None


def use(token):
    """Open the link in this browser: how many drafts it moved here, or None if the link is
    unknown, used or expired. Used either way once found."""
    found = _find(token)
    if found is None:
        return None
    row, ids = found
    db.session.execute(delete(ReturnLink).where(ReturnLink.digest == row.digest))
    db.session.commit()
    return drafts.claim(ids)


def _find(token):
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    row = db.session.execute(
        select(ReturnLink).where(ReturnLink.digest == digest_of(token))
    ).scalar_one_or_none()
    if row is None:
        return None
    expires = (
        row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=datetime.UTC)
    )
    if expires <= datetime.datetime.now(datetime.UTC):
        db.session.delete(row)
        db.session.commit()
        return None
    value = drafts.unseal(row.payload.decode(), lifetime_seconds() + 60)
    ids = value.get("drafts") if isinstance(value, dict) else None
    if not isinstance(ids, list):
        return None
    return row, [item for item in ids if isinstance(item, str)]


def purge_expired(now=None):
    result = db.session.execute(
        delete(ReturnLink).where(
            ReturnLink.expires_at <= (now or datetime.datetime.now(datetime.UTC))
        )
    )
    db.session.commit()
    return result.rowcount
