"""Configuration from the environment.

Production refuses to start without real secrets; development creates its own on first run
and keeps them in the instance folder, so `make run` works on a fresh machine.
"""

import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet


class ConfigurationError(RuntimeError):
    """A setting the service cannot run without is missing or unsafe."""


# Environment variable -> (config key, type). The README's configuration table lists these.
ENVIRONMENT = {
    "SERVICE_NAME": ("SERVICE_NAME", str),
    "CATALOGUE": ("CATALOGUE", str),
    "DOCX_TEMPLATES": ("DOCX_TEMPLATES", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "DRAFT_ENCRYPTION_KEYS": ("DRAFT_ENCRYPTION_KEYS", str),
    "DRAFT_RETENTION_DAYS": ("DRAFT_RETENTION_DAYS", int),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", bool),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "RATELIMIT_API": ("RATELIMIT_API", str),
    "RATELIMIT_FORMS": ("RATELIMIT_FORMS", str),
    "TRUSTED_PROXIES": ("TRUSTED_PROXIES", int),
    "PRIVACY_CONTACT": ("PRIVACY_CONTACT", str),
    "ORGANISATION_NAME": ("ORGANISATION_NAME", str),
    "ORGANISATION_URL": ("ORGANISATION_URL", str),
    "ISSUES_URL": ("ISSUES_URL", str),
    "LIBREOFFICE_PATH": ("LIBREOFFICE_PATH", str),
    "PDF_TIMEOUT": ("PDF_TIMEOUT", int),
    "PDF_CONCURRENCY": ("PDF_CONCURRENCY", int),
    "PDF_QUEUE_LENGTH": ("PDF_QUEUE_LENGTH", int),
    "PDF_QUEUE_WAIT": ("PDF_QUEUE_WAIT", int),
    "PDF_MEMORY_LIMIT_MB": ("PDF_MEMORY_LIMIT_MB", int),
    "LIBREOFFICE_PYTHON": ("LIBREOFFICE_PYTHON", str),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", bool),
    "MAIL_USE_SSL": ("MAIL_USE_SSL", bool),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_DEFAULT_SENDER": ("MAIL_DEFAULT_SENDER", str),
    "MAIL_TIMEOUT": ("MAIL_TIMEOUT", int),
    "MAIL_OUTBOX": ("MAIL_OUTBOX", bool),
    "RATELIMIT_EMAIL": ("RATELIMIT_EMAIL", str),
    "RATELIMIT_EMAIL_PER_DRAFT": ("RATELIMIT_EMAIL_PER_DRAFT", str),
    "RATELIMIT_PDF": ("RATELIMIT_PDF", str),
    "RATELIMIT_PDF_PER_DRAFT": ("RATELIMIT_PDF_PER_DRAFT", str),
    "RATELIMIT_RENDER": ("RATELIMIT_RENDER", str),
    "RATELIMIT_RENDER_PER_DRAFT": ("RATELIMIT_RENDER_PER_DRAFT", str),
    "EMAIL_DAILY_LIMIT": ("EMAIL_DAILY_LIMIT", int),
}


def _parse(name, kind, value):
    if kind is bool:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if kind is int:
        try:
            return int(value)
        except ValueError as error:
            raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from error
    return value


def environment_overrides(environ):
    """Settings given in the environment, typed; empty values count as not given."""
    return {
        key: _parse(name, kind, environ[name])
        for name, (key, kind) in ENVIRONMENT.items()
        if environ.get(name, "") != ""
    }


class Config:
    SERVICE_NAME = "Write SEN letters and plans"
    # The documents offered, as "module:attribute", and the folder of their Word templates
    # (None: the templates_docx package's). create_app can be handed both instead.
    CATALOGUE = "forms:CATALOGUE"
    DOCX_TEMPLATES = None
    SECRET_KEY = None
    # Comma-separated Fernet keys: the first encrypts, all decrypt (so keys can be rotated).
    DRAFT_ENCRYPTION_KEYS = None
    DRAFT_RETENTION_DAYS = 30
    SQLALCHEMY_DATABASE_URI = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}  # noqa: RUF012 (Flask reads it as is)

    # Answers can be long (5,000 characters and more in scripts that take 4 bytes a character),
    # but nothing a person types needs more than this.
    MAX_CONTENT_LENGTH = 1024 * 1024

    # Session and CSRF live as long as a draft, so a long journey never times out mid-way.
    SESSION_COOKIE_NAME = "sen_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True

    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_API = "60 per minute;600 per hour"
    RATELIMIT_FORMS = "120 per minute"
    TRUSTED_PROXIES = 0

    LIBREOFFICE_PATH = None  # found on PATH (soffice or libreoffice) when not set
    PDF_TIMEOUT = 60  # seconds for one conversion
    PDF_CONCURRENCY = 2  # conversions at once; each takes about 200 MB
    PDF_QUEUE_LENGTH = 4  # requests that may wait for a free converter; more are refused (503)
    PDF_QUEUE_WAIT = 15  # seconds a request may wait for a free converter before a 503
    PDF_MEMORY_LIMIT_MB = 600  # a warm LibreOffice that grows past this is restarted
    LIBREOFFICE_PYTHON = None  # a Python that can import uno; found when not set

    MAIL_SERVER = None  # no server: email is off, or saved to the outbox when MAIL_OUTBOX is on
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = None
    MAIL_TIMEOUT = 10  # seconds for the whole SMTP conversation
    MAIL_OUTBOX = False  # write .eml files into instance/outbox instead of sending
    MAIL_SUPPRESS_SEND = False  # Flask-Mail skips sending when TESTING; tests use a real server
    # Emails of documents: per client address, and per draft (one document's answers).
    RATELIMIT_EMAIL = "20 per hour;50 per day"
    RATELIMIT_EMAIL_PER_DRAFT = "5 per hour;10 per day"
    EMAIL_DAILY_LIMIT = 500  # emails the whole service sends in a day, whoever asks
    # Expensive work per client (IPv6 grouped by /64) and per draft: PDF, and the rest that
    # renders a document (check your answers' preview, Word download, blank templates).
    RATELIMIT_PDF = "10 per minute;60 per hour"
    RATELIMIT_PDF_PER_DRAFT = "5 per minute;30 per hour"
    RATELIMIT_RENDER = "60 per minute;600 per hour"
    RATELIMIT_RENDER_PER_DRAFT = "30 per minute;300 per hour"

    TESTING = False
    DEBUG = False

    @classmethod
    def prepare(cls, app):
        """Fill in what depends on the instance folder and check what must be set."""
        app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
        app.config["WTF_CSRF_SSL_STRICT"] = app.config["SESSION_COOKIE_SECURE"]
        if not app.config["SQLALCHEMY_DATABASE_URI"]:
            path = Path(app.instance_path) / "drafts.sqlite3"
            app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        if url.startswith("postgres://"):  # Heroku-style URLs name a dialect SQLAlchemy dropped
            app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://" + url.removeprefix(
                "postgres://"
            )
        days = app.config["DRAFT_RETENTION_DAYS"]
        if days < 1:
            raise ConfigurationError("DRAFT_RETENTION_DAYS must be 1 or more")
        app.config["PERMANENT_SESSION_LIFETIME"] = days * 24 * 60 * 60
        app.config["WTF_CSRF_TIME_LIMIT"] = days * 24 * 60 * 60
        _check_mail(app.config)


def _check_mail(config):
    if config["MAIL_SERVER"] and not config["MAIL_DEFAULT_SENDER"]:
        raise ConfigurationError(
            "MAIL_DEFAULT_SENDER must be set when MAIL_SERVER is: emails need a From address"
        )
    if config["MAIL_USE_TLS"] and config["MAIL_USE_SSL"]:
        raise ConfigurationError(
            "Set MAIL_USE_TLS (STARTTLS, usually port 587) or MAIL_USE_SSL (usually port 465), "
            "not both"
        )
    if config["MAIL_TIMEOUT"] < 1:
        raise ConfigurationError("MAIL_TIMEOUT must be 1 second or more")


class ProductionConfig(Config):
    @classmethod
    def prepare(cls, app):
        super().prepare(app)
        secret = app.config.get("SECRET_KEY") or ""
        if len(secret) < 32:
            raise ConfigurationError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production"
            )
        if not app.config.get("DRAFT_ENCRYPTION_KEYS"):
            raise ConfigurationError(
                "DRAFT_ENCRYPTION_KEYS must be set in production "
                '(make one with: python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())")'
            )


class DevelopmentConfig(Config):
    """`make run`: secrets made on first run and kept in the instance folder."""

    DEBUG = False  # the Werkzeug debugger would show answers in tracebacks
    SESSION_COOKIE_SECURE = False  # served over plain http on 127.0.0.1
    MAIL_OUTBOX = True  # `make run` shows the whole email flow without a mail server

    @classmethod
    def prepare(cls, app):
        instance = Path(app.instance_path)
        # Owner-only: it holds the keys and the database of children's details.
        instance.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not app.config.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = _instance_secret(
                instance / "secret_key", lambda: secrets.token_urlsafe(48)
            )
        if not app.config.get("DRAFT_ENCRYPTION_KEYS"):
            app.config["DRAFT_ENCRYPTION_KEYS"] = _instance_secret(
                instance / "draft_key", lambda: Fernet.generate_key().decode()
            )
        super().prepare(app)


def _instance_secret(path, make):
    if path.exists():
        return path.read_text().strip()
    value = make()
    # Created readable by the owner only: it protects children's data at rest.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


CONFIGS = {
    "production": ProductionConfig,
    "development": DevelopmentConfig,
}


def config_from_environment(environ):
    """The config named by SERVICE_ENV; production unless told otherwise, so a deployment
    that forgets to configure itself fails fast instead of running on development secrets."""
    name = environ.get("SERVICE_ENV", "production")
    try:
        return CONFIGS[name]
    except KeyError as error:
        raise ConfigurationError(
            f"SERVICE_ENV must be one of {', '.join(CONFIGS)}, not {name!r}"
        ) from error
