"""The configuration every test builds its app with, and the way to build one."""

from cryptography.fernet import Fernet

from service import create_app
from service.config import Config, rate_limit_settings
from service.extensions import db


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-that-is-long-enough-for-production-checks"
    DRAFT_ENCRYPTION_KEYS = Fernet.generate_key().decode()
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SESSION_COOKIE_SECURE = False


def make_app(config=TestConfig, **settings):
    """An app on the real catalogue and templates; the shell's environment is ignored, so no
    test depends on where it runs."""
    return create_app(config, environ={}, **settings)


def app_with_tables(**settings):
    """An app (as make_app) whose tables exist while its context is pushed: a fixture yields
    from it, and the tables go when the test ends."""
    app = make_app(**settings)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


def raised_limits(limit="100000 per minute"):
    """Every rate limit set high, for tests that send far more requests than a person would
    (fuzzing): limits stay on and counted, but none refuses."""
    return dict.fromkeys(rate_limit_settings(), limit)
