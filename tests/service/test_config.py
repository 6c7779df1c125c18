"""Configuration: production refuses to start without secrets; development makes its own."""

import logging
import os
import sqlite3
import stat

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text
from sqlalchemy.engine import make_url

from service import create_app
from service.config import (
    ENVIRONMENT,
    ConfigurationError,
    DevelopmentConfig,
    ProductionConfig,
    environment_overrides,
)
from service.extensions import db


@pytest.fixture
def clean_environment(monkeypatch, tmp_path):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/test.sqlite3")
    return monkeypatch


def test_production_refuses_to_start_without_a_secret(clean_environment):
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_refuses_a_short_secret(clean_environment):
    clean_environment.setenv("SECRET_KEY", "dev")
    with pytest.raises(ConfigurationError, match="at least 32"):
        create_app(ProductionConfig)


def test_production_refuses_to_start_without_an_encryption_key(clean_environment):
    clean_environment.setenv("SECRET_KEY", "x" * 40)
    with pytest.raises(ConfigurationError, match="DRAFT_ENCRYPTION_KEYS"):
        create_app(ProductionConfig)


def test_development_creates_and_keeps_its_secrets(clean_environment, tmp_path):
    instance = str(tmp_path / "instance")
    first = create_app(DevelopmentConfig, instance_path=instance)
    assert len(first.config["SECRET_KEY"]) >= 32
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0
    assert (tmp_path / "instance").stat().st_mode & 0o077 == 0
    second = create_app(DevelopmentConfig, instance_path=instance)
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]
    assert second.config["DRAFT_ENCRYPTION_KEYS"] == first.config["DRAFT_ENCRYPTION_KEYS"]


def test_environment_values_are_typed():
    overrides = environment_overrides(
        {"DRAFT_RETENTION_DAYS": "7", "SESSION_COOKIE_SECURE": "false", "SERVICE_NAME": ""}
    )
    assert overrides == {"DRAFT_RETENTION_DAYS": 7, "SESSION_COOKIE_SECURE": False}
    with pytest.raises(ConfigurationError, match="whole number"):
        environment_overrides({"DRAFT_RETENTION_DAYS": "a week"})


def test_retention_sets_cookie_and_token_lifetimes(clean_environment):
    clean_environment.setenv("DRAFT_RETENTION_DAYS", "7")
    clean_environment.setenv("SECRET_KEY", "x" * 40)
    clean_environment.setenv("DRAFT_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    app = create_app(ProductionConfig)
    assert app.config["PERMANENT_SESSION_LIFETIME"] == 7 * 86400
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 7 * 86400


def test_mail_settings_come_from_the_environment_typed():
    overrides = environment_overrides(
        {
            "MAIL_SERVER": "smtp.example.org",
            "MAIL_PORT": "587",
            "MAIL_USE_TLS": "true",
            "MAIL_TIMEOUT": "5",
            "MAIL_DEFAULT_SENDER": "letters@example.org",
        }
    )
    assert overrides == {
        "MAIL_SERVER": "smtp.example.org",
        "MAIL_PORT": 587,
        "MAIL_USE_TLS": True,
        "MAIL_TIMEOUT": 5,
        "MAIL_DEFAULT_SENDER": "letters@example.org",
    }


def test_development_saves_email_to_its_outbox(clean_environment, tmp_path):
    app = create_app(DevelopmentConfig, instance_path=str(tmp_path / "instance"))
    mailer = app.extensions["mailer"]
    assert mailer.available
    assert mailer.uses_outbox
    assert mailer.outbox == tmp_path / "instance" / "outbox"


def test_production_without_a_mail_server_offers_no_email(clean_environment):
    clean_environment.setenv("SECRET_KEY", "x" * 40)
    clean_environment.setenv("DRAFT_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    assert not create_app(ProductionConfig).extensions["mailer"].available
    clean_environment.setenv("MAIL_SERVER", "smtp.example.org")
    clean_environment.setenv("MAIL_DEFAULT_SENDER", "letters@example.org")
    mailer = create_app(ProductionConfig).extensions["mailer"]
    assert mailer.available
    assert not mailer.uses_outbox


# Start-up checks. Each bad value was once accepted and failed later: a secret of spaces signed
# sessions anyone could forge, a key that is not a Fernet key made every save a 500, no PDF
# converters made PDF requests wait for ever.

KEY = Fernet.generate_key().decode()
VALID = {"SECRET_KEY": "k7Vd-secret-that-nobody-could-guess-9QxZ", "DRAFT_ENCRYPTION_KEYS": KEY}


def start(tmp_path, config=ProductionConfig, **environment):
    """Start the app as a deployment would: settings from its environment only."""
    return create_app(
        config,
        environ={"DATABASE_URL": "sqlite://", **VALID, **environment},
        instance_path=str(tmp_path / "instance"),
    )


def test_sqlite_is_not_pinged_before_each_query(tmp_path):
    app = start(tmp_path)
    assert "pool_pre_ping" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert ProductionConfig.SQLALCHEMY_ENGINE_OPTIONS["pool_pre_ping"]  # the default untouched


def test_a_database_server_is_pinged_before_each_use(tmp_path):
    # A connection to a server can be dropped while it waits in the pool (a restart, a
    # firewall's idle timeout); one to a file cannot.
    app = start(tmp_path, DATABASE_URL="postgresql://drafts@127.0.0.1:1/drafts")
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"]


@pytest.mark.parametrize("config", [ProductionConfig, DevelopmentConfig])
@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"SECRET_KEY": " " * 40}, "SECRET_KEY must be set to a random value of at least 32"),
        ({"SECRET_KEY": "short" + " " * 40}, "not counting spaces"),
        ({"DRAFT_ENCRYPTION_KEYS": " "}, "DRAFT_ENCRYPTION_KEYS must be set to one or more"),
        ({"DRAFT_ENCRYPTION_KEYS": "notafernetkey"}, "DRAFT_ENCRYPTION_KEYS: the key is not a"),
        ({"DRAFT_ENCRYPTION_KEYS": f"{KEY},{KEY[:-2]}"}, "key 2 of 2 is not a Fernet key"),
        ({"DRAFT_ENCRYPTION_KEYS": f"{KEY}, ,{KEY}"}, "key 2 of 3 is empty"),
        ({"DRAFT_ENCRYPTION_KEYS": f"{KEY},"}, "key 2 of 2 is empty"),
    ],
)
def test_bad_secrets_stop_the_service_starting(tmp_path, config, environment, message):
    with pytest.raises(ConfigurationError, match=message) as refused:
        start(tmp_path, config, **environment)
    # A secret is never repeated in the message, which logs may keep.
    parts = [part.strip() for value in environment.values() for part in value.split(",")]
    assert [part for part in parts if len(part) >= 8 and part in str(refused.value)] == []


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("PDF_CONCURRENCY", "0", "from 1 to 16"),
        ("PDF_CONCURRENCY", "17", "from 1 to 16"),
        ("PDF_TIMEOUT", "0", "from 1 to 600"),
        ("PDF_QUEUE_LENGTH", "-1", "from 0 to 100"),
        ("PDF_QUEUE_WAIT", "0", "from 1 to 300"),
        ("PDF_MEMORY_LIMIT_MB", "199", "from 200 to 65,536"),
        ("EMAIL_CODE_LIFETIME", "59", "from 60 to 86,400"),
        ("EMAIL_CODE_TRIES", "0", "from 1 to 10"),
        ("EMAIL_CODE_TRIES", "11", "from 1 to 10"),
        ("TRUSTED_PROXIES", "-1", "from 0 to 10"),
        ("MAIL_PORT", "0", "from 1 to 65,535"),
        ("MAIL_PORT", "65536", "from 1 to 65,535"),
        ("MAIL_TIMEOUT", "0", "from 1 to 120"),
        ("EMAIL_DAILY_LIMIT", "-1", "0 or more"),
        ("DRAFT_RETENTION_DAYS", "0", "from 1 to 365"),
        ("DRAFT_RETENTION_DAYS", "1000000000", "from 1 to 365"),
        ("MAX_CONTENT_LENGTH", "100", "from 65,536 to 67,108,864"),
    ],
)
def test_numbers_out_of_range_stop_the_service_starting(tmp_path, name, value, allowed):
    with pytest.raises(ConfigurationError, match=f"^{name} must be a whole number {allowed} "):
        start(tmp_path, **{name: value})


def test_numbers_at_the_edges_of_their_ranges_are_accepted(tmp_path):
    app = start(
        tmp_path,
        PDF_QUEUE_LENGTH="0",
        EMAIL_DAILY_LIMIT="0",
        TRUSTED_PROXIES="10",
        PDF_CONCURRENCY="16",
        PDF_MEMORY_LIMIT_MB="200",
        EMAIL_CODE_TRIES="10",
        MAIL_PORT="65535",
        DRAFT_RETENTION_DAYS="365",
    )
    assert app.config["DRAFT_RETENTION_DAYS"] == 365
    assert app.config["PDF_QUEUE_LENGTH"] == 0


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("RATELIMIT_PDF", "lots", "RATELIMIT_PDF must be one or more limits"),
        ("RATELIMIT_EMAIL_CODES_PER_DRAFT", "3 a day", "RATELIMIT_EMAIL_CODES_PER_DRAFT must"),
        ("LIBREOFFICE_PYTHON", "/no/such/python3", "LIBREOFFICE_PYTHON must be the path of"),
        ("RATELIMIT_API", "60 per minute;600 a hour", "RATELIMIT_API must be one or more"),
        ("RATELIMIT_EMAIL", "0 per day", "RATELIMIT_EMAIL must allow at least 1 request"),
        ("RATELIMIT_STORAGE_URI", "mysql://cache", "RATELIMIT_STORAGE_URI must be memory://"),
        ("MAIL_USE_TLS", "ture", "MAIL_USE_TLS must be true or false"),
        ("SESSION_COOKIE_SECURE", "sometimes", "SESSION_COOKIE_SECURE must be true or false"),
        ("DATABASE_URL", "drafts.sqlite3", "DATABASE_URL must be a database URL"),
    ],
)
def test_unreadable_settings_stop_the_service_starting(tmp_path, name, value, message):
    with pytest.raises(ConfigurationError, match=message):
        start(tmp_path, **{name: value})


def test_every_rate_limit_setting_is_checked(tmp_path):
    not_limits = {"RATELIMIT_STORAGE_URI", "RATELIMIT_KEY_PREFIX"}
    for name, (key, _) in ENVIRONMENT.items():
        if key.startswith("RATELIMIT_") and name not in not_limits:
            with pytest.raises(ConfigurationError, match=f"^{name} must"):
                start(tmp_path, **{name: "often"})


def test_yes_and_no_are_read_in_their_usual_words():
    words = {"true": True, "Yes": True, "on": True, "1": True}
    words |= {"false": False, "NO": False, "off": False, "0": False}
    for word, meaning in words.items():
        assert environment_overrides({"MAIL_USE_TLS": word}) == {"MAIL_USE_TLS": meaning}


# The instance folder and the SQLite database: owner-only in every configuration, from the
# first start on a fresh checkout (where nothing had created the folder, and SQLite would have
# made the database readable by every user of the machine).


@pytest.fixture
def usual_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("usual_umask")
@pytest.mark.parametrize(
    ("config", "environment"), [(ProductionConfig, VALID), (DevelopmentConfig, {})]
)
def test_a_fresh_start_makes_the_instance_folder_and_database_owner_only(
    tmp_path, config, environment
):
    """`flask db upgrade` on a fresh checkout, as the README's deployment and `make run` do."""
    instance = tmp_path / "checkout" / "instance"
    app = create_app(config, environ=environment, instance_path=str(instance))
    assert mode(instance) == 0o700
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    made = {path.name: mode(path) for path in instance.iterdir()}
    assert made["drafts.sqlite3"] == 0o600
    assert set(made.values()) == {0o600}  # the keys too, in development


@pytest.mark.usefixtures("usual_umask")
def test_sqlite_gives_its_journal_and_wal_files_the_database_files_mode(tmp_path):
    start(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'data' / 'drafts.sqlite3'}")
    assert mode(tmp_path / "data") == 0o700
    connection = sqlite3.connect(tmp_path / "data" / "drafts.sqlite3")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE answers (text)")
    connection.commit()
    made = {path.name: mode(path) for path in (tmp_path / "data").iterdir()}
    connection.close()
    assert made == {
        "drafts.sqlite3": 0o600,
        "drafts.sqlite3-wal": 0o600,
        "drafts.sqlite3-shm": 0o600,
    }


def test_an_instance_folder_made_by_hand_is_made_owner_only(tmp_path, caplog):
    instance = tmp_path / "instance"
    instance.mkdir()
    os.chmod(instance, 0o755)  # noqa: S103 (as made by hand: the fault this test repeats)
    (instance / "drafts.sqlite3").touch(mode=0o644)
    os.chmod(instance / "drafts.sqlite3", 0o644)
    with caplog.at_level(logging.WARNING):
        create_app(ProductionConfig, environ=VALID, instance_path=str(instance))
    assert mode(instance) == 0o700
    assert mode(instance / "drafts.sqlite3") == 0o600
    assert "now owner-only" in caplog.text


def test_a_postgresql_deployment_needs_no_instance_folder(tmp_path):
    url = "postgresql+psycopg://sen:password@db.invalid/sen"
    create_app(
        ProductionConfig,
        environ={**VALID, "DATABASE_URL": url},
        instance_path=str(tmp_path / "instance"),
    )
    assert not (tmp_path / "instance").exists()


def test_the_outbox_keeps_the_instance_folder_owner_only(tmp_path):
    start(tmp_path, MAIL_OUTBOX="true")
    assert mode(tmp_path / "instance") == 0o700


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_a_postgresql_url_without_a_driver_connects_through_psycopg(tmp_path, postgres_url, scheme):
    """Heroku-style `postgres://` and plain `postgresql://` URLs: SQLAlchemy would look for
    psycopg2, which the production extra does not install."""
    url = make_url(postgres_url).set(drivername=scheme).render_as_string(hide_password=False)
    app = start(tmp_path, DATABASE_URL=url)
    with app.app_context():
        assert db.session.execute(text("SELECT 1")).scalar() == 1
        db.session.remove()
        db.engine.dispose()
