"""Configuration: production refuses to start without secrets; development makes its own."""

import pytest

from service import create_app
from service.config import (
    ENVIRONMENT,
    ConfigurationError,
    DevelopmentConfig,
    ProductionConfig,
    environment_overrides,
)


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
    clean_environment.setenv("DRAFT_ENCRYPTION_KEYS", "x")
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
    clean_environment.setenv("DRAFT_ENCRYPTION_KEYS", "x")
    assert not create_app(ProductionConfig).extensions["mailer"].available
    clean_environment.setenv("MAIL_SERVER", "smtp.example.org")
    clean_environment.setenv("MAIL_DEFAULT_SENDER", "letters@example.org")
    mailer = create_app(ProductionConfig).extensions["mailer"]
    assert mailer.available
    assert not mailer.uses_outbox
