"""The real catalogue's app, and browsers that have finished one of its documents."""

from bench.drafts import finished_draft_cookie
from service.extensions import db
from tests.settings import make_app


def catalogue_app(folder):
    """An app on the real catalogue with its tables in a SQLite file in `folder`, limits off:
    the tests that use it make many documents."""
    app = make_app(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/drafts.sqlite3", RATELIMIT_ENABLED=False
    )
    with app.app_context():
        db.create_all()
    return app


def finished_client(app, slug):
    """A browser whose draft of `slug` holds the document's example answers."""
    client = app.test_client()
    name, value = finished_draft_cookie(app, slug).split("=", 1)
    client.set_cookie(name, value)
    return client
