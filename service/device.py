"""This browser, as the drafts know it: a random key in the session cookie, and the choices
that decide how long the cookie keeps it.

Drafts are stored against a digest of the key, never the key itself, so the database alone
opens nothing. The cookie lasts for the browser session, and the key is dropped after
DRAFT_IDLE_MINUTES without use, unless the user chose to keep their answers on this device
(then the cookie lasts DRAFT_RETENTION_DAYS): on a shared or library computer, the next
person must not find a child's record.
"""

import hashlib
import secrets
import time

from flask import current_app, g, request, session

from service.delivery.mail import duration

KEY = "device"
SEEN = "seen"  # when this browser last used the service, in whole seconds
REMEMBER = "remember"
CLOSED = "closed"  # the key was dropped for being idle; the next page says so, once
# "seen" is written again only when this much older, so that not every page sets a cookie.
SEEN_RESOLUTION = 60


def owner(*, create=False):
    """The digest the drafts of this browser are stored against; None if it has no key yet
    (and `create` is false)."""
    key = session.get(KEY)
    if not isinstance(key, str) or not key:
        if not create:
            return None
        key = session[KEY] = secrets.token_urlsafe(32)
        session[SEEN] = int(time.time())
        session.permanent = bool(session.get(REMEMBER))
    return digest(key)


def digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


def remembered():
    return bool(session.get(REMEMBER))


def remember(keep):
    """Keep this browser's link to its drafts for the retention period (`keep`), or only for
    the browser session with the idle timeout."""
    session[REMEMBER] = bool(keep)
    session.permanent = bool(keep)


def clear():
    """Forget everything this browser holds: the link to every draft, confirmed email
    addresses, codes waiting, the choice to be remembered."""
    session.clear()


def idle_minutes():
    return current_app.config["DRAFT_IDLE_MINUTES"]


def _check_idle():
    """Before each request: drop an idle browser's key, and note when it was last used."""
    if request.endpoint == "static" or KEY not in session:
        return
    now = int(time.time())
    seen = session.get(SEEN)
    seen = seen if isinstance(seen, int) else 0
    if not remembered() and now - seen > idle_minutes() * 60:
        session.clear()
        session[CLOSED] = True
        # The security token went with the session: the page must carry a new one (Flask-WTF
        # keeps the request's token in `g` once it has checked it).
        g.pop("csrf_token", None)
        return
    if now - seen >= SEEN_RESOLUTION:
        session[SEEN] = now


def take_closed_notice():
    """True once, on the first page after an idle browser's key was dropped."""
    return bool(session.pop(CLOSED, False)) if CLOSED in session else False


def _duration_words(minutes):
    return duration(minutes * 60)


def init_app(app):
    app.before_request(_check_idle)
    app.add_template_filter(_duration_words, "duration_words")
    app.add_template_global(take_closed_notice, "device_was_closed")
    app.add_template_global(lambda: KEY in session, "device_holds_documents")
