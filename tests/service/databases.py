"""The two databases the service runs on, for tests that must pass on both: an in-memory
SQLite database, and a schema of its own in the test PostgreSQL database."""

import secrets
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SQLITE = "sqlite://"


@contextmanager
def private_schema(postgres_url):
    """A URL of the test PostgreSQL database whose connections see only a new, empty schema,
    dropped afterwards: tables a test makes never meet those of another test or another run
    using the same database at the same time."""
    name = f"test_{secrets.token_hex(6)}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        url = make_url(postgres_url).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@contextmanager
def database_url(kind, request, sqlite=SQLITE):
    """A URL for `kind`: `sqlite` for "sqlite", or for "postgresql" a private schema through
    the `postgres_url` fixture, which skips (or fails under CI) when no server runs."""
    if kind == "sqlite":
        yield sqlite
        return
    with private_schema(request.getfixturevalue("postgres_url")) as url:
        yield url
