"""Flask extensions, created unbound so blueprints can import them without the app."""

from flask import request
from flask_limiter import Limiter
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

import service.limit_storage  # noqa: F401 (memory:// counts without a thread per count)


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()


def make_limiter():
    """A rate limiter for one app. Flask-Limiter keeps its storage and on/off switch on the
    Limiter object, so apps sharing one would share counts; each app gets its own. No default
    limits: the journey's blueprint states its own (RATELIMIT_FORMS), and the API and views
    that make documents count through service.limits, in the limiter's storage. Every count
    is per client: an IPv4 address or an IPv6 /64."""
    # Imported here: service.limits reads the drafts' session key, and drafts needs `db`.
    from service.limits import client_key  # noqa: PLC0415

    limiter = Limiter(key_func=client_key, default_limits=[])
    limiter.request_filter(_not_a_form_post)
    return limiter


def _not_a_form_post():
    """True for every request but a form's POST: Flask-Limiter's one limit, RATELIMIT_FORMS,
    counts only those. It is told so up front, rather than working it out on every page."""
    return request.method != "POST" or request.blueprint == "api"


def limiter_of(app):
    return app.extensions["rate_limiter"]
