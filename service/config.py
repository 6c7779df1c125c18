"""Configuration from the environment, checked at start-up.

Production refuses to start without real secrets; development creates its own on first run
and keeps them in the instance folder, so `make run` works on a fresh machine. In every
configuration a setting that could only fail later (a secret that is blank or not a Fernet key,
a number out of range, a rate limit that cannot be read, a yes or no that is neither) stops the
service starting, with a message naming the variable and saying what it may be.
"""

import logging
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from limits import parse_many
from limits.storage import SCHEMES
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from service.instance import owner_only_file, owner_only_folder, sqlite_file

log = logging.getLogger(__name__)


class ConfigurationError(RuntimeError):
    """A setting the service cannot run without is missing or unsafe."""


# Environment variable -> (config key, type). The README's configuration table lists these.
ENVIRONMENT = {
    "SERVICE_NAME": ("SERVICE_NAME", str),
    "CATALOGUE": ("CATALOGUE", str),
    "GUIDE": ("GUIDE", str),
    "LAW_REGISTER": ("LAW_REGISTER", str),
    "DOCX_TEMPLATES": ("DOCX_TEMPLATES", str),
    "ORGANISATIONS_DIR": ("ORGANISATIONS_DIR", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "DRAFT_ENCRYPTION_KEYS": ("DRAFT_ENCRYPTION_KEYS", str),
    "DRAFT_RETENTION_DAYS": ("DRAFT_RETENTION_DAYS", int),
    "DRAFT_IDLE_MINUTES": ("DRAFT_IDLE_MINUTES", int),
    "RETURN_LINK_HOURS": ("RETURN_LINK_HOURS", int),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "UPLOAD_MAX_BYTES": ("UPLOAD_MAX_BYTES", int),
    "UPLOAD_MAX_ENTRIES": ("UPLOAD_MAX_ENTRIES", int),
    "UPLOAD_ANSWERS_MAX_BYTES": ("UPLOAD_ANSWERS_MAX_BYTES", int),
    "UPLOAD_SECONDS": ("UPLOAD_SECONDS", int),
    "BULK_MAX_ROWS": ("BULK_MAX_ROWS", int),
    "BULK_MAX_BYTES": ("BULK_MAX_BYTES", int),
    "RATELIMIT_BULK": ("RATELIMIT_BULK", str),
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
    "BULK_JOB_MINUTES": ("BULK_JOB_MINUTES", int),
    "BULK_JOBS_AT_ONCE": ("BULK_JOBS_AT_ONCE", int),
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
    "EMAIL_CODE_LIFETIME": ("EMAIL_CODE_LIFETIME", int),
    "EMAIL_CODE_TRIES": ("EMAIL_CODE_TRIES", int),
    "RATELIMIT_EMAIL_CODES_PER_DRAFT": ("RATELIMIT_EMAIL_CODES_PER_DRAFT", str),
    "RATELIMIT_RETURN_LINKS": ("RATELIMIT_RETURN_LINKS", str),
    "RATELIMIT_KEY_PREFIX": ("RATELIMIT_KEY_PREFIX", str),
}

# Whole-number settings: the smallest and largest value allowed (None: no largest), and what
# the number is, for the message. Each range keeps the service working: past it a setting
# fails later instead (a request that waits for ever, a date that overflows, a limit that
# lets one client take everything).
RANGES = {
    # At least a day, so a journey can be finished; at most a year: drafts hold children's
    # health details, and one untouched for a year is abandoned.
    "DRAFT_RETENTION_DAYS": (1, 365, "days answers are kept after their last change"),
    # Long enough to fetch a letter from another room; at most a working day, so a shared
    # computer left on overnight holds nothing in the morning.
    "DRAFT_IDLE_MINUTES": (5, 12 * 60, "minutes a browser keeps its documents unused"),
    # Long enough to open the email on another device tomorrow; a link is a key to a child's
    # record, so not for long.
    "RETURN_LINK_HOURS": (1, 7 * 24, "hours a link to come back to your documents works"),
    # A step with long answers in a 4-byte script, URL-encoded, takes tens of kilobytes; more
    # than 64 MB in one request is memory a client can take from everyone else.
    "MAX_CONTENT_LENGTH": (64 * 1024, 64 * 1024 * 1024, "the largest request, in bytes"),
    # Uploaded Word documents, read back for their answers. The longest answers the forms
    # allow, typed in a 4-byte script, make a document of about 1.6 MB and a part of about
    # 1.2 MB (tests/service/test_answers_upload.py): below these, a document the service made
    # could not be read back. Word can add to a document it saves again.
    "UPLOAD_MAX_BYTES": (4 * 1024 * 1024, 64 * 1024 * 1024, "the largest upload, in bytes"),
    "UPLOAD_ANSWERS_MAX_BYTES": (
        2 * 1024 * 1024,
        64 * 1024 * 1024,
        "bytes of answers read from one upload",
    ),
    # Ours has 16 files; Word's own documents, pictures and all, a few dozen.
    "UPLOAD_MAX_ENTRIES": (50, 10000, "files inside an uploaded document"),
    "UPLOAD_SECONDS": (1, 300, "seconds an upload may take to arrive and be read"),
    # A whole register: a secondary school's SEN register is a few hundred pupils.
    "BULK_MAX_ROWS": (1, 20000, "pupils in one register"),
    # 2,000 plans with every text filled in make a register of several MB; a ZIP of last
    # term's plans, to make their reviews, about 40 kB a plan.
    "BULK_MAX_BYTES": (1024 * 1024, 256 * 1024 * 1024, "the largest register, in bytes"),
    # ProxyFix trusts this many X-Forwarded-For entries; no real chain is longer than 10.
    "TRUSTED_PROXIES": (0, 10, "how many proxies in front set X-Forwarded-For"),
    # 0 would fail every conversion; a page nobody waits more than 10 minutes for.
    "PDF_TIMEOUT": (1, 600, "seconds one PDF conversion may take"),
    # 0 converters means PDF requests wait for ever; each takes about 200 MB.
    "PDF_CONCURRENCY": (1, 16, "PDF conversions at once"),
    # 0 refuses a request at once when every converter is busy; each waiter holds a thread.
    "PDF_QUEUE_LENGTH": (0, 100, "PDF requests that may wait for a converter"),
    "PDF_QUEUE_WAIT": (1, 300, "seconds a PDF request may wait for a converter"),
    # A warm LibreOffice takes about 140 MB and one converting more: a lower limit would
    # restart it after every conversion, so no conversion would ever be warm.
    "PDF_MEMORY_LIMIT_MB": (200, 65536, "megabytes a LibreOffice may grow to"),
    # Long enough for a whole register's PDFs made cold (about 2 s a pupil); at most a day:
    # an upload holds a school's whole SEN register.
    "BULK_JOB_MINUTES": (10, 24 * 60, "minutes an uploaded register is kept"),
    # Each job's PDFs go through the same PDF_CONCURRENCY converters: more at once only
    # hold more memory.
    "BULK_JOBS_AT_ONCE": (1, 16, "background jobs each process runs at once"),
    "MAIL_PORT": (1, 65535, "the SMTP server's port"),
    # The person waits on the page while the email is sent.
    "MAIL_TIMEOUT": (1, 120, "seconds the SMTP conversation may take"),
    # 0 sends no email at all.
    "EMAIL_DAILY_LIMIT": (0, None, "emails the service sends in a day"),
    # Long enough to switch to an email app on a phone and back; short enough that a code
    # read over a shoulder is soon useless.
    "EMAIL_CODE_LIFETIME": (60, 24 * 60 * 60, "seconds a security code works"),
    # At least one try; more than 10 tries at a 6-digit code starts to help a guesser.
    "EMAIL_CODE_TRIES": (1, 10, "tries at one security code"),
}

# Settings read as yes or no, and the words that mean each.
YES = frozenset({"1", "true", "yes", "on"})
NO = frozenset({"0", "false", "no", "off"})

MAKE_SECRET_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'  # noqa: S105
MAKE_FERNET_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)
SECRET_KEY_LENGTH = 32


def _parse(name, kind, value):
    if kind is bool:
        word = value.strip().lower()
        if word in YES | NO:
            return word in YES
        raise ConfigurationError(f"{name} must be true or false (or yes or no), not {value!r}")
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
    # "Which document do I need?": its questions and what they lead to, as "module:attribute"
    # (a service.guide.Guide), or None for none. Answers leading to documents the catalogue
    # lacks are left out.
    GUIDE = "forms.guide:GUIDE"
    # The law register the template packs' guidance notes quote (service/organisations/packs),
    # as "module" or "module:attribute" with LAST_VERIFIED, CITATIONS and TIME_LIMITS; None
    # for none.
    LAW_REGISTER = "forms.law"
    DOCX_TEMPLATES = None
    # The folder of advice services' files (service/organisations); by default the
    # `organisations` folder beside the service.
    ORGANISATIONS_DIR = None
    SECRET_KEY = None
    # Comma-separated Fernet keys: the first encrypts, all decrypt (so keys can be rotated).
    DRAFT_ENCRYPTION_KEYS = None
    DRAFT_RETENTION_DAYS = 30
    # A browser's link to its drafts lasts for the browser session, and is dropped after this
    # long unused, unless the user chooses to keep their answers on the device.
    DRAFT_IDLE_MINUTES = 120
    RETURN_LINK_HOURS = 24  # how long an emailed link to come back works
    RATELIMIT_RETURN_LINKS = "3 per 15 minutes;10 per day"  # emailed links, per client
    SQLALCHEMY_DATABASE_URI = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}  # noqa: RUF012 (Flask reads it as is)

    # Answers can be long (5,000 characters and more in scripts that take 4 bytes a character),
    # but nothing a person types needs more than this.
    MAX_CONTENT_LENGTH = 1024 * 1024
    # A Word document the service made, sent back for its answers (service/answers_upload.py).
    UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    UPLOAD_ANSWERS_MAX_BYTES = 2 * 1024 * 1024  # decompressed, however small the zip says
    UPLOAD_MAX_ENTRIES = 1000
    UPLOAD_SECONDS = 30  # 5 MB over a slow 2 Mbit/s connection takes about 20
    # A school's register, for a document per pupil (service/bulk): rows and bytes per file.
    BULK_MAX_ROWS = 2000
    BULK_MAX_BYTES = 100 * 1024 * 1024

    # The session cookie ends with the browser session unless the user chose to be kept on
    # this device; then, like CSRF, it lives as long as a draft, so a long journey never
    # times out mid-way.
    SESSION_COOKIE_NAME = "sen_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    # The cookie is sent again only when it changes (a draft saved, or the idle clock moved
    # on a minute), so a page that only reads it is not signed again each time.
    SESSION_REFRESH_EACH_REQUEST = False

    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_API = "60 per minute;600 per hour"
    RATELIMIT_FORMS = "120 per minute"
    TRUSTED_PROXIES = 0

    LIBREOFFICE_PATH = None  # found on PATH (soffice or libreoffice) when not set
    PDF_TIMEOUT = 60  # seconds for one conversion
    PDF_CONCURRENCY = 2  # conversions at once; each takes about 200 MB
    PDF_QUEUE_LENGTH = 6  # requests that may wait for a free converter; more are refused (503)
    PDF_QUEUE_WAIT = 15  # seconds a request may wait for a free converter before a 503
    PDF_MEMORY_LIMIT_MB = 600  # a warm LibreOffice that grows past this is restarted
    LIBREOFFICE_PYTHON = None  # a Python that can import uno; found when not set
    # An uploaded register, its settings and the documents made from it are deleted this
    # long after the upload, if they were not downloaded (and so deleted) before.
    BULK_JOB_MINUTES = 60
    BULK_JOBS_AT_ONCE = 2  # background jobs (a register's PDFs) each process runs at once

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
    # Whole registers made or checked, per client: each is up to BULK_MAX_ROWS documents.
    RATELIMIT_BULK = "10 per minute;60 per hour"
    # Before emailing anyone, the writer confirms their own address with a code sent to it.
    EMAIL_CODE_LIFETIME = 30 * 60  # seconds a code works
    EMAIL_CODE_TRIES = 5  # tries at one code, right or wrong; then a new code is needed
    RATELIMIT_EMAIL_CODES_PER_DRAFT = "3 per 15 minutes;10 per day"
    # Put before every rate-limit key, so several copies of the service can share one Redis.
    RATELIMIT_KEY_PREFIX = ""

    TESTING = False
    DEBUG = False

    @classmethod
    def prepare(cls, app):
        """Fill in what depends on the instance folder, check every setting, and make the
        instance folder and SQLite file owner-only before anything is written to them."""
        config = app.config
        config["MAX_FORM_MEMORY_SIZE"] = config["MAX_CONTENT_LENGTH"]
        config["WTF_CSRF_SSL_STRICT"] = config["SESSION_COOKIE_SECURE"]
        if not config["SQLALCHEMY_DATABASE_URI"]:
            path = Path(app.instance_path) / "drafts.sqlite3"
            config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
        check_settings(config)
        config["SQLALCHEMY_DATABASE_URI"] = _with_installed_driver(
            config["SQLALCHEMY_DATABASE_URI"]
        )
        if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            # A file, not a server: no connection to it can have been dropped, so testing it
            # with a query before each use (one more query on every page) gains nothing.
            options = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])
            options.pop("pool_pre_ping", None)
            config["SQLALCHEMY_ENGINE_OPTIONS"] = options
        days = config["DRAFT_RETENTION_DAYS"]
        config["PERMANENT_SESSION_LIFETIME"] = days * 24 * 60 * 60
        config["WTF_CSRF_TIME_LIMIT"] = days * 24 * 60 * 60
        _prepare_instance(app)


def check_settings(config):
    """Refuse, naming the variable, any setting that would only fail once people use it."""
    _check_secret_key(config.get("SECRET_KEY"))
    _check_encryption_keys(config.get("DRAFT_ENCRYPTION_KEYS"))
    _check_database_url(config["SQLALCHEMY_DATABASE_URI"])
    for key, (smallest, largest, meaning) in RANGES.items():
        _check_range(key, config[key], smallest, largest, meaning)
    for key in rate_limit_settings():
        _check_rate_limit(key, config[key])
    _check_storage_uri(config["RATELIMIT_STORAGE_URI"])
    _check_mail(config)
    _check_programs(config)


def rate_limit_settings():
    """The settings that are rate-limit strings such as "10 per minute;60 per hour"."""
    return [
        key
        for key, kind in ENVIRONMENT.values()
        if key.startswith("RATELIMIT_")
        and kind is str
        and key not in {"RATELIMIT_STORAGE_URI", "RATELIMIT_KEY_PREFIX"}
    ]


def _check_secret_key(secret):
    # Counted without spaces: 40 spaces, or a short word padded out, sign nothing safely.
    if not isinstance(secret, str | bytes) or len("".join(secret.split())) < SECRET_KEY_LENGTH:
        raise ConfigurationError(
            f"SECRET_KEY must be set to a random value of at least {SECRET_KEY_LENGTH} "
            f"characters, not counting spaces (make one with: {MAKE_SECRET_KEY})"
        )


def _check_encryption_keys(keys):
    if not isinstance(keys, str) or not keys.strip():
        raise ConfigurationError(
            "DRAFT_ENCRYPTION_KEYS must be set to one or more Fernet keys, separated by commas "
            f"(make one with: {MAKE_FERNET_KEY})"
        )
    parts = [part.strip() for part in keys.split(",")]
    for number, part in enumerate(parts, start=1):
        where = f"key {number} of {len(parts)}" if len(parts) > 1 else "the key"
        # An empty key is refused, not skipped: "$NEW,$OLD" with OLD unset would otherwise
        # drop the old key, and every draft it encrypted would be deleted as unreadable.
        if not part:
            raise ConfigurationError(
                f"DRAFT_ENCRYPTION_KEYS: {where} is empty; give each key between the commas"
            )
        try:
            Fernet(part.encode())
        except ValueError as error:  # the key itself is never shown: it protects the answers
            raise ConfigurationError(
                f"DRAFT_ENCRYPTION_KEYS: {where} is not a Fernet key (44 characters of "
                f"URL-safe base64; make one with: {MAKE_FERNET_KEY})"
            ) from error


def _check_database_url(url):
    try:
        make_url(url)
    except ArgumentError as error:  # the URL is not shown: it may hold a password
        raise ConfigurationError(
            "DATABASE_URL must be a database URL, such as "
            "postgresql+psycopg://user:password@host/database"
        ) from error


def _check_range(key, value, smallest, largest, meaning):
    is_number = isinstance(value, int) and not isinstance(value, bool)
    if is_number and smallest <= value and (largest is None or value <= largest):
        return
    allowed = f"from {smallest:,} to {largest:,}" if largest is not None else f"{smallest} or more"
    raise ConfigurationError(
        f"{_variable(key)} must be a whole number {allowed} ({meaning}), not {value!r}"
    )


def _check_rate_limit(key, value):
    try:
        limits = parse_many(value)
    except (ValueError, TypeError) as error:
        raise ConfigurationError(
            f"{key} must be one or more limits separated by ';', such as "
            f"'10 per minute;60 per hour', not {value!r}"
        ) from error
    # A limit of 0 turns every request into "too many requests", which misleads people.
    if any(limit.amount < 1 for limit in limits):
        raise ConfigurationError(f"{key} must allow at least 1 request in each period")


def _check_storage_uri(uri):
    scheme = urlsplit(uri or "").scheme
    if scheme not in SCHEMES or scheme.startswith("async+"):
        raise ConfigurationError(
            "RATELIMIT_STORAGE_URI must be memory:// or a storage URL such as redis://host:6379"
        )


def _check_programs(config):
    """A Python named for LibreOffice must exist: otherwise every PDF would quietly start
    LibreOffice afresh, taking seconds, and nobody would know why. (A missing LibreOffice
    itself shows: PDF is offered as unavailable.)"""
    path = config.get("LIBREOFFICE_PYTHON")
    if path and not Path(path).is_file():
        raise ConfigurationError(
            f"LIBREOFFICE_PYTHON must be the path of a Python that can import uno; "
            f"{path!r} is not a file"
        )


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


def _with_installed_driver(url):
    """A PostgreSQL URL that names no driver (`postgresql://`, or Heroku's `postgres://`)
    through psycopg 3, the driver the production extra installs; SQLAlchemy would otherwise
    look for psycopg2 and fail at the first request."""
    parsed = make_url(url)
    if parsed.drivername in {"postgres", "postgresql"}:
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _variable(key):
    """The environment variable that sets a config key (they differ for DATABASE_URL)."""
    return next((name for name, (each, _) in ENVIRONMENT.items() if each == key), key)


def _prepare_instance(app):
    """The instance folder owner-only whenever the service keeps something in it, and the
    SQLite file owner-only before SQLite first opens it."""
    instance = Path(app.instance_path)
    database = sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"], instance)
    uses_instance = app.config["MAIL_OUTBOX"] or (
        database is not None and instance in database.parents
    )
    try:
        if uses_instance and owner_only_folder(instance):
            log.warning("The instance folder was open to other users; it is now owner-only")
        if database is not None and owner_only_file(database):
            log.warning("The SQLite database was open to other users; it is now owner-only")
    except PermissionError as error:
        raise ConfigurationError(
            f"The service cannot create {error.filename}, or make it readable by its own user "
            "only: give the user it runs as ownership of that place, or set DATABASE_URL to "
            "one it owns"
        ) from error


class ProductionConfig(Config):
    """The default: every secret comes from the environment."""


class DevelopmentConfig(Config):
    """`make run`: secrets made on first run and kept in the instance folder."""

    DEBUG = False  # the Werkzeug debugger would show answers in tracebacks
    SESSION_COOKIE_SECURE = False  # served over plain http on 127.0.0.1
    MAIL_OUTBOX = True  # `make run` shows the whole email flow without a mail server

    @classmethod
    def prepare(cls, app):
        instance = Path(app.instance_path)
        # Owner-only: it holds the keys and the database of children's details.
        owner_only_folder(instance)
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
