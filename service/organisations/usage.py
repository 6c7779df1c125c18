"""How often families use an organisation's documents, counted with nothing personal in it.

For each organisation, document and month there is one count of each event: journeys started,
documents finished, Word and PDF downloads, and emails sent. A row holds those four names and
the number, nothing else: no answer, no draft, no browser, no address, and no time finer than
the month, so a count cannot be traced back to a family. Only journeys started from an
organisation's front door (wearing its brand) are counted; the service's own pages are not.

Counting is one statement that adds one (inserting the row the first time), so requests in
several processes at once never lose a count. A count that cannot be written is logged and
left: the family's letter matters more than the organisation's figures.
"""

import logging
from dataclasses import dataclass, field

from sqlalchemy import Integer, String, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from service import dates, drafts
from service.extensions import db
from service.organisations import branding

log = logging.getLogger(__name__)

EVENTS = ("started", "finished", "downloaded", "emailed", "pdf")
# Portable "add one" is an UPDATE, then an INSERT if there was no row; another process may
# insert the same row in between, and then the UPDATE is tried again.
ATTEMPTS = 3


class UsageCount(db.Model):
    """How many times `event` happened to `document` of `organisation` in `month`."""

    __tablename__ = "organisation_usage"

    organisation: Mapped[str] = mapped_column(String(40), primary_key=True)  # its slug
    document: Mapped[str] = mapped_column(String(64), primary_key=True)  # its slug
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "YYYY-MM"
    event: Mapped[str] = mapped_column(String(16), primary_key=True)  # one of EVENTS
    count: Mapped[int] = mapped_column(Integer)


_TABLE = UsageCount.__table__
_KEY = ("organisation", "document", "month", "event")
# The databases whose INSERT can add one to the row already there, in the same statement.
_UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def count(organisation_slug, document_slug, event):
    """Add one to this month's count of `event`. Never raises for the database's sake: a
    count that cannot be written is logged (naming no answer) and the request carries on."""
    if event not in EVENTS:
        raise ValueError(f"not an event that is counted: {event!r}")
    key = {
        "organisation": organisation_slug,
        "document": document_slug,
        "month": dates.today().strftime("%Y-%m"),
        "event": event,
    }
    try:
        upsert = _UPSERTS.get(db.session.get_bind().dialect.name)
        if upsert is not None:
            _add_one_in_one_statement(upsert, key)
        else:
            _add_one_portably(key)
    except Exception as error:  # whatever went wrong, the family's request goes on
        db.session.rollback()
        # The error's type only: a database's message quotes the statement's values.
        log.warning("A usage count was not recorded (%s)", type(error).__name__)


def _add_one_in_one_statement(upsert, key):
    statement = upsert(_TABLE).values(**key, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=list(_KEY), set_={"count": _TABLE.c.count + 1}
    )
    db.session.execute(statement)
    db.session.commit()


def _add_one_portably(key):
    where = [_TABLE.c[name] == value for name, value in key.items()]
    for _ in range(ATTEMPTS):
        added = db.session.execute(update(_TABLE).where(*where).values(count=_TABLE.c.count + 1))
        if added.rowcount:
            db.session.commit()
            return
        try:
            db.session.execute(_TABLE.insert().values(**key, count=1))
            db.session.commit()
            return
        except IntegrityError:  # inserted by another request meanwhile: add one to that
            db.session.rollback()
    raise RuntimeError("the count's row kept changing")


def count_for(draft, event):
    """Count `event` for a draft wearing the brand of the organisation it was started from;
    nothing for any other draft."""
    organisation = branding.current()
    if organisation is not None and draft.organisation == organisation.slug:
        count(organisation.slug, draft.document, event)


def count_if_started(draft, was_saved):
    """After a journey's post: a draft stored for the first time (`was_saved` False before
    the post) is a start, whether its first page was complete or still had errors."""
    if not was_saved and draft.is_saved:
        count_for(draft, "started")


def mark_made(draft):
    """`drafts.mark_made` for today; the first time a draft is made, its document is counted
    as finished (a draft keeps the day it was last made, and has none until then)."""
    first = draft.is_saved and draft.made_on is None
    drafts.mark_made(draft, dates.today())
    if first:
        count_for(draft, "finished")


@dataclass
class Month:
    month: str  # "YYYY-MM"
    documents: dict = field(default_factory=dict)  # document slug -> {event: count}


def months_of(organisation_slug):
    """The organisation's counts, one Month for each month with any, newest first; each
    document's events all present (0 where nothing happened)."""
    rows = db.session.execute(
        select(_TABLE.c.month, _TABLE.c.document, _TABLE.c.event, _TABLE.c.count)
        .where(_TABLE.c.organisation == organisation_slug)
        .order_by(_TABLE.c.month.desc())
    )
    months = {}
    for month, document, event, number in rows:
        counts = months.setdefault(month, Month(month)).documents.setdefault(
            document, dict.fromkeys(EVENTS, 0)
        )
        if event in counts:
            counts[event] = number
    return list(months.values())
