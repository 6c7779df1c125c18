"""Migrations: `flask db upgrade` makes the schema the models describe, on SQLite and
PostgreSQL, from empty or from a database made by the old `flask drafts init`; running it
again changes nothing; it can be undone; and it ships inside the installed package."""

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from cryptography.fernet import Fernet
from sqlalchemy import inspect, text

from service.database import MIGRATION_LOCK, MIGRATIONS
from service.extensions import db
from tests.service.databases import database_url, private_schema
from tests.settings import make_app

ROOT = Path(__file__).resolve().parents[2]
HEAD = "0004"


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request, tmp_path):
    # A SQLite file, not memory: each CLI run and each check opens its own connection.
    sqlite = f"sqlite:///{tmp_path / 'drafts.sqlite3'}"
    with database_url(request.param, request, sqlite=sqlite) as url, app_on(url) as app:
        yield app


@pytest.fixture
def postgresql_app(postgres_url):
    with private_schema(postgres_url) as url, app_on(url) as app:
        yield app


@contextmanager
def app_on(url):
    app = make_app(SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def flask(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result


def differences(app):
    """What alembic finds between the database and the models (nothing, when they agree)."""
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


def revision(app):
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def tables(app):
    return set(inspect(db.engine).get_table_names())


def test_upgrade_from_empty_makes_exactly_the_models_schema(app):
    assert tables(app) == set()
    flask(app, "db", "upgrade")
    assert revision(app) == HEAD
    assert tables(app) == {
        "drafts",
        "return_links",
        "bulk_jobs",
        "organisation_usage",
        "alembic_version",
    }
    assert differences(app) == []


def test_a_second_upgrade_changes_nothing(app):
    flask(app, "db", "upgrade")
    save_a_draft(app)
    flask(app, "db", "upgrade")
    assert revision(app) == HEAD
    assert stored_ids(app) == ["kept"]
    assert differences(app) == []


def test_downgrade_to_base_removes_the_schema_and_upgrade_restores_it(app):
    flask(app, "db", "upgrade")
    flask(app, "db", "downgrade", "base")
    assert revision(app) is None
    assert tables(app) <= {"alembic_version"}
    flask(app, "db", "upgrade")
    assert differences(app) == []


def test_a_database_made_by_drafts_init_upgrades_and_keeps_its_drafts(app):
    # What `flask drafts init` made before migrations: the table as the first revision has it,
    # with no record of any revision.
    flask(app, "db", "upgrade", "0001")
    flask(app, "db", "stamp", "base")
    save_a_draft(app)
    flask(app, "db", "upgrade")
    assert revision(app) == HEAD
    assert stored_ids(app) == ["kept"]
    assert differences(app) == []


def test_drafts_made_before_browsers_held_several_are_given_a_ref(app):
    flask(app, "db", "upgrade", "0001")
    save_a_draft(app)
    flask(app, "db", "upgrade")
    ((ref, owner),) = db.session.execute(text("SELECT ref, owner FROM drafts")).all()
    assert len(ref) >= 12
    assert owner is None  # its browser adopts it on its next visit


def test_drafts_init_still_works_and_names_its_replacement(app):
    result = flask(app, "drafts", "init")
    assert "replaced by 'flask db upgrade'" in result.output
    assert revision(app) == HEAD
    assert differences(app) == []


def test_concurrent_upgrades_on_postgresql_wait_for_each_other(postgresql_app):
    """Several machines may deploy at once, each running `flask db upgrade`. While the
    migration lock is held, both upgrades wait for it; once it is free they run one after
    the other, and only the first has anything to do. (Separate processes, as on separate
    machines: alembic keeps its context in module globals.)"""
    app = postgresql_app
    environment = {
        **os.environ,
        "SERVICE_ENV": "production",
        "SECRET_KEY": app.config["SECRET_KEY"],
        "DRAFT_ENCRYPTION_KEYS": app.config["DRAFT_ENCRYPTION_KEYS"],
        "DATABASE_URL": db.engine.url.render_as_string(hide_password=False),
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"]
    with db.engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        upgrades = [
            subprocess.Popen(command, cwd=ROOT, env=environment, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        try:
            # Until both wait, or one finishes without waiting (as it would with no lock).
            finished = lambda: any(upgrade.poll() is not None for upgrade in upgrades)  # noqa: E731
            wait_for(lambda: waiting_for_the_lock(holder) >= 2 or finished(), seconds=60)
            assert waiting_for_the_lock(holder) >= 2
            assert not finished()
        finally:
            holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            errors = [upgrade.communicate(timeout=60)[1] for upgrade in upgrades]
    assert [upgrade.returncode for upgrade in upgrades] == [0, 0], errors
    assert sum("Running upgrade  -> 0001" in error for error in errors) == 1
    assert revision(app) == HEAD
    assert differences(app) == []


def waiting_for_the_lock(connection):
    """Sessions waiting for the migration lock (PostgreSQL splits a bigint key in two)."""
    return connection.execute(
        text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND classid = :high AND objid = :low"
        ),
        {"high": MIGRATION_LOCK >> 32, "low": MIGRATION_LOCK & 0xFFFFFFFF},
    ).scalar()


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def save_a_draft(app):
    db.session.execute(
        text(
            "INSERT INTO drafts (id, document, payload, updated_at, expires_at) "
            "VALUES ('kept', 'concern-letter', :payload, :now, :now)"
        ),
        {"payload": b"sealed", "now": "2026-12-01 12:00:00+00:00"},
    )
    db.session.commit()


def stored_ids(app):
    return [row for (row,) in db.session.execute(text("SELECT id FROM drafts"))]


def test_the_migrations_ship_in_the_installed_package(tmp_path):
    """A production install is not editable: build the package as pip would (setuptools'
    build_py, from pyproject.toml), then upgrade a database from the built copy alone."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("service", "forms", "templates_docx"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__py*"))
    built = tmp_path / "built"
    run_python(BUILD.format(built=str(built)), cwd=source)
    shipped = {
        path.relative_to(MIGRATIONS)
        for path in MIGRATIONS.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    missing = {path for path in shipped if not (built / "service/migrations" / path).is_file()}
    assert missing == set()

    database = tmp_path / "drafts.sqlite3"
    run_python(
        UPGRADE.format(built=str(built), database=str(database), key=Fernet.generate_key()),
        cwd=tmp_path,
        env={"PYTHONPATH": str(built)},
    )
    assert sqlite3.connect(database).execute(
        "SELECT version_num FROM alembic_version"
    ).fetchall() == [(HEAD,)]


BUILD = """
from setuptools.config.pyprojecttoml import apply_configuration
from setuptools.dist import Distribution

dist = Distribution({{"script_name": "setup.py"}})
apply_configuration(dist, "pyproject.toml")
command = dist.get_command_obj("build_py")
command.build_lib = {built!r}
command.ensure_finalized()
command.run()
"""

UPGRADE = """
import service
assert service.__file__.startswith({built!r}), service.__file__
from flask_migrate import upgrade
from service import create_app
from service.config import ProductionConfig

app = create_app(ProductionConfig, environ={{
    "SECRET_KEY": "a-secret-long-enough-for-production-checks",
    "DRAFT_ENCRYPTION_KEYS": {key!r}.decode(),
    "DATABASE_URL": "sqlite:///{database}",
}})
with app.app_context():
    upgrade()
"""


def run_python(script, cwd, env=None):
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
