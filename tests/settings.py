"""The configuration every test builds its app with, and the way to build one."""

from cryptography.fernet import Fernet

from service import create_app
from service.config import Config, rate_limit_settings


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


def raised_limits(limit="100000 per minute"):
    """Every rate limit set high, for tests that send far more requests than a person would
    (fuzzing): limits stay on and counted, but none refuses."""
    return dict.fromkeys(rate_limit_settings(), limit)
