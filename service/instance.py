"""Where the service keeps children's details on disk: readable by its own user only.

The instance folder holds the default SQLite database, development's keys and the outbox of
saved emails. SQLite gives its journal and WAL files the mode of the database file, so a
database file made 0600 before SQLite first opens it keeps those private too (left to SQLite,
the file would be made 0644, readable by every user of the machine).
"""

import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

FOLDER_MODE = 0o700
FILE_MODE = 0o600
# The files SQLite keeps beside a database while it writes (rollback journal, WAL).
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")


def owner_only_folder(path):
    """Create the folder owner-only, or take other users' access away if it exists.
    True if an existing folder had to be tightened."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        return _tighten(path)
    os.chmod(path, FOLDER_MODE)  # mkdir's mode is reduced by the umask; be exact
    return False


def owner_only_file(path):
    """Create an empty file owner-only, or take other users' access away from it (and from
    SQLite's journal files beside it) if it exists. True if anything had to be tightened."""
    path = Path(path)
    if not path.parent.exists():
        owner_only_folder(path.parent)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tightened = [_tighten(path)]
        tightened += [
            _tighten(companion)
            for companion in (path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS)
            if companion.exists()
        ]
        return any(tightened)
    os.close(descriptor)  # an empty file is an empty SQLite database
    return False


def _tighten(path):
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & 0o077:
        return False
    os.chmod(path, mode & 0o700)
    return True


def sqlite_file(url, instance_path):
    """The file a SQLite database URL names, or None for another database, an in-memory one,
    or a `file:` URI (whose options the service leaves alone). A relative path is in the
    instance folder, as Flask-SQLAlchemy reads it."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    uri = str(url.query.get("uri", "")).lower() in {"true", "1"}
    if database in {"", ":memory:"} or uri or database.startswith("file:"):
        return None
    path = Path(database)
    return path if path.is_absolute() else Path(instance_path) / path
