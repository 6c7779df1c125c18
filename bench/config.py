"""The app the benchmark and the load test measure: the production configuration.

It is built as a deployment builds it, from the environment: ProductionConfig (SERVICE_ENV is
production), secrets made for the run, the default SQLite file in the instance folder,
sessions, security headers, default logging and Flask-Limiter counting on `memory://`. Only
the rate limits are raised, each window kept and its number multiplied, so every limit is still
checked and counted on every request but none refuses the measured load.
"""

import re
import secrets

from cryptography.fernet import Fernet

from service import create_app
from service.config import Config, rate_limit_settings
from service.extensions import db

LIMIT_FACTOR = 100_000
_NUMBER = re.compile(r"\d+")


def describe(storage="memory://"):
    """What is measured, in a line, for the report."""
    return (
        "production configuration: ProductionConfig from the environment, generated secrets, "
        "SQLite in the instance folder, sessions, security headers, default logging, "
        f"rate limits counted on {storage}, every one raised {LIMIT_FACTOR:,} times"
    )


def raised(limits, factor=LIMIT_FACTOR):
    """The same limits, each number multiplied: '60 per minute' -> '6000000 per minute'."""
    return _NUMBER.sub(lambda match: str(int(match.group()) * factor), limits)


def production_environ(**extra):
    """An environment a deployment could have: real (generated) secrets, raised limits."""
    return {
        "SERVICE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DRAFT_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        **{name: raised(getattr(Config, name)) for name in rate_limit_settings()},
        **extra,
    }


def production_app(instance_path, environ=None):
    """The service as deployed, its database (SQLite in `instance_path`) ready."""
    app = create_app(environ=environ or production_environ(), instance_path=instance_path)
    with app.app_context():
        db.create_all()
    return app
