"""Alembic's environment for `flask db`: the app's own engine and models.

Every deploy may run `flask db upgrade`, on several machines at once: on PostgreSQL the
upgrades take an advisory lock, so they run one after another and each later one finds the
work done, instead of two creating the same table.
"""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import text

from service.database import MIGRATION_LOCK

config = context.config
# "Running upgrade ..." on the command line, without replacing logging that something else
# (a test runner, the app's host) has set up already.
if config.config_file_name and not logging.getLogger().handlers:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

migrate = current_app.extensions["migrate"]


def skip_empty_revisions(_context, _revision, directives):
    """`flask db migrate` with no change to the models writes no empty migration."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logging.getLogger("alembic.env").info("No changes in schema detected.")


def run_offline():
    """`flask db upgrade --sql`: the SQL, for a database administrator to run."""
    context.configure(
        url=migrate.db.engine.url.render_as_string(hide_password=False),
        target_metadata=migrate.db.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online():
    arguments = {"process_revision_directives": skip_empty_revisions, **migrate.configure_args}
    with migrate.db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=migrate.db.metadata, **arguments)
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Held until this transaction ends; the version is read after it is taken.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                )
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
