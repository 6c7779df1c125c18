"""Drafts: encrypted at rest, bound to their row, expiring, purged, deletable; on SQLite and
on PostgreSQL, each with the schema its migrations make."""

import datetime

import pytest
from cryptography.fernet import Fernet
from flask_migrate import upgrade
from sqlalchemy import select

from service import drafts
from service.drafts import DraftRecord
from service.extensions import db
from tests.service.databases import database_url
from tests.settings import make_app


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request):
    with database_url(request.param, request) as url:
        app = make_app(SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            upgrade()
            yield app
            db.session.remove()
            db.engine.dispose()


def save_draft(app, steps):
    with app.test_request_context():
        answers = drafts.Draft("concern-letter", steps=steps)
        drafts.save(answers)
        return answers.id


def test_answers_are_encrypted_at_rest(app):
    draft_id = save_draft(app, {"child": {"child_name": "Zoë Smith"}})
    row = db.session.get(DraftRecord, draft_id)
    # Long enough that random ciphertext never contains them by chance.
    assert b"child_name" not in row.payload
    assert "Zoë Smith".encode() not in row.payload


def test_a_saved_draft_loads_back_through_the_session(app):
    with app.test_request_context():
        answers = drafts.Draft("concern-letter", steps={"child": {"child_name": "Zoë"}})
        drafts.save(answers)
        loaded = drafts.load("concern-letter")
        assert loaded.id == answers.id
        assert loaded.steps == {"child": {"child_name": "Zoë"}}
        assert drafts.load("another-document").id is None


def test_expired_drafts_are_not_loaded_and_are_purged(app):
    with app.test_request_context():
        answers = drafts.Draft("concern-letter", steps={"a": {}})
        drafts.save(answers)
        row = db.session.get(DraftRecord, answers.id)
        row.expires_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
        db.session.commit()
        assert drafts.load("concern-letter").id is None
        assert db.session.get(DraftRecord, answers.id) is None


def test_purge_command_deletes_only_expired(app, runner):
    keep = save_draft(app, {"a": {}})
    gone = save_draft(app, {"b": {}})
    row = db.session.get(DraftRecord, gone)
    row.expires_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    db.session.commit()
    result = runner.invoke(args=["drafts", "purge"])
    assert result.exit_code == 0
    assert "Deleted 1 expired draft." in result.output
    assert [r for (r,) in db.session.execute(select(DraftRecord.id))] == [keep]


def test_expiry_is_retention_days_after_last_change(app):
    draft_id = save_draft(app, {"a": {}})
    row = db.session.get(DraftRecord, draft_id)
    expires = row.expires_at.replace(tzinfo=datetime.UTC)
    expected = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)
    assert abs((expires - expected).total_seconds()) < 60


def test_rows_swapped_between_ids_are_refused(app):
    with app.test_request_context():
        first = drafts.Draft("concern-letter", steps={"a": {"x": "first"}})
        second = drafts.Draft("concern-letter", steps={"a": {"x": "second"}})
        drafts.save(first)
        drafts.save(second)
        db.session.get(DraftRecord, first.id).payload = db.session.get(
            DraftRecord, second.id
        ).payload
        db.session.commit()
        assert drafts.load("concern-letter", first.ref).lost
        assert db.session.get(DraftRecord, first.id) is None


def test_old_key_still_decrypts_after_rotation(app):
    with app.test_request_context():
        draft = drafts.Draft("concern-letter", steps={"a": {"x": "kept"}})
        drafts.save(draft)
        old = app.config["DRAFT_ENCRYPTION_KEYS"]
        app.config["DRAFT_ENCRYPTION_KEYS"] = f"{Fernet.generate_key().decode()},{old}"
        assert drafts.load("concern-letter", draft.ref).steps == {"a": {"x": "kept"}}


def test_init_command_still_creates_the_table(app, runner):
    assert runner.invoke(args=["db", "downgrade", "base"]).exit_code == 0
    result = runner.invoke(args=["drafts", "init"])
    assert result.exit_code == 0
    assert stored_drafts() == 0


def test_sealed_values_hide_their_content_and_refuse_tampering(app):
    token = drafts.seal({"to": ["head@school.example.org"]})
    assert "school" not in token
    assert drafts.unseal(token, max_age=60) == {"to": ["head@school.example.org"]}
    assert drafts.unseal(token[:-4] + "AAAA", max_age=60) is None
    assert drafts.unseal("not a token", max_age=60) is None
    other_key = Fernet(Fernet.generate_key()).encrypt(b'{"to": []}').decode()
    assert drafts.unseal(other_key, max_age=60) is None


def test_sealed_values_expire(app, monkeypatch):
    token = drafts.seal({"slug": "x"})
    later = datetime.datetime.now(datetime.UTC).timestamp() + 120
    monkeypatch.setattr("cryptography.fernet.time.time", lambda: later)
    assert drafts.unseal(token, max_age=60) is None


def stored_drafts():
    """How many drafts the database holds."""
    return db.session.query(drafts.DraftRecord).count()
