"""The drafts database: Flask-SQLAlchemy, with its schema made and changed by Alembic
migrations (Flask-Migrate). The migrations ship inside the package, so `flask db upgrade`
works the same on an installed copy as on a checkout."""

from pathlib import Path

from flask_migrate import Migrate

from service.extensions import db

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: the PostgreSQL advisory lock that upgrades take, one at a time.
MIGRATION_LOCK = 7_306_155_042


def init_app(app):
    db.init_app(app)
    # One Migrate per app, like the limiter: it keeps its settings on itself.
    Migrate(app, db, directory=str(MIGRATIONS))
