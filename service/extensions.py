"""Flask extensions, created unbound so blueprints can import them without the app."""

from flask_limiter import Limiter
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()


def make_limiter():
    """A rate limiter for one app. Flask-Limiter keeps its storage and on/off switch on the
    Limiter object, so apps sharing one would share counts; each app gets its own. No default
    limits: each blueprint states its own (RATELIMIT_API, RATELIMIT_FORMS), and views that
    make documents count against service.limits. Every count is per client: an IPv4 address
    or an IPv6 /64."""
    # Imported here: service.limits reads the drafts' session key, and drafts needs `db`.
    from service.limits import client_key  # noqa: PLC0415

    return Limiter(key_func=client_key, default_limits=[])


def limiter_of(app):
    return app.extensions["rate_limiter"]
