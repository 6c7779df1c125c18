"""Register uploads and their background jobs: held for one browser only, encrypted at rest,
deleted after their time (by `flask drafts purge` too), made in the background with their
progress in the database, failing with a plain message and a log that quotes nothing; on
SQLite and on PostgreSQL, each with the schema its migrations make."""

import datetime
import io
import json
import logging
import threading
import time
import zipfile

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text, update

from forms.common import example_answers
from service import device
from service.answers import validate_answers
from service.bulk import jobs
from service.bulk.jobs import BulkJob
from service.delivery import pdf
from service.documents import render_document
from service.extensions import db
from tests.service.databases import database_url
from tests.settings import make_app

OWNER = device.digest("the-school-office-browser-key")
ANOTHER = device.digest("a-browser-in-another-school")
# Recognisable, and long enough that random ciphertext never holds it by chance.
MARKER = "Zoë Marker-Pupilname UPN A123456789012"
REGISTER = f"UPN,Forename,Surname\nA123456789012,Zoë,{MARKER}\n".encode()


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request, tmp_path):
    # A SQLite file, not memory: the job's thread writes through connections of its own.
    sqlite = f"sqlite:///{tmp_path / 'drafts.sqlite3'}"
    with database_url(request.param, request, sqlite=sqlite) as url:
        app = make_app(SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            upgrade()
            yield app
            db.session.remove()
            db.engine.dispose()


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"not so within {seconds} s")


def finished(job_id):
    job = jobs.find(job_id, OWNER)
    return job if job.status in {jobs.DONE, jobs.FAILED} else None


def set_row(job_id, **values):
    db.session.execute(update(BulkJob).where(BulkJob.id == job_id).values(**values))
    db.session.commit()


def ago(**delta):
    return datetime.datetime.now(datetime.UTC) - datetime.timedelta(**delta)


def aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def ids():
    return {job_id for (job_id,) in db.session.execute(text("SELECT id FROM bulk_jobs"))}


def test_a_held_register_is_found_by_its_browser_and_read_back(app):
    job = jobs.hold(OWNER, REGISTER)
    assert len(job.id) >= 22  # 16 random bytes or more, URL-safe
    found = jobs.find(job.id, OWNER)
    assert found.status == jobs.HELD
    assert (found.done, found.total, found.message, found.result_name) == (0, 0, None, None)
    assert jobs.payload(found) == REGISTER


def test_each_upload_has_its_own_random_id(app):
    first, second = jobs.hold(OWNER, REGISTER), jobs.hold(OWNER, REGISTER)
    assert first.id != second.id
    assert jobs.payload(first) == jobs.payload(second) == REGISTER


def test_another_browser_cannot_find_it(app):
    job = jobs.hold(OWNER, REGISTER)
    assert jobs.find(job.id, ANOTHER) is None
    assert jobs.find(job.id, None) is None
    assert jobs.find(job.id, OWNER) is not None  # and it is still there for its own


@pytest.mark.parametrize("job_id", [None, 7, "", "short", "x" * 65, "an-id-of-nothing-at-all-here"])
def test_ids_of_nothing_find_nothing(app, job_id):
    jobs.hold(OWNER, REGISTER)
    assert jobs.find(job_id, OWNER) is None


def test_settings_replace_the_payload(app):
    job = jobs.hold(OWNER, REGISTER)
    settings = json.dumps({"register": REGISTER.decode(), "columns": {"UPN": "upn"}}).encode()
    jobs.replace_payload(job, settings)
    assert jobs.payload(jobs.find(job.id, OWNER)) == settings


def test_a_deleted_job_is_gone(app):
    job = jobs.hold(OWNER, REGISTER)
    jobs.delete(job)
    assert jobs.find(job.id, OWNER) is None
    assert ids() == set()


def test_a_job_expires_bulk_job_minutes_after_its_upload(app):
    job = jobs.hold(OWNER, REGISTER)
    lifetime = jobs.find(job.id, OWNER).expires_at - jobs.find(job.id, OWNER).created_at
    assert lifetime == datetime.timedelta(minutes=60)
    app.config["BULK_JOB_MINUTES"] = 15
    job = jobs.hold(OWNER, REGISTER)
    assert job.expires_at - job.created_at == datetime.timedelta(minutes=15)


def test_an_expired_job_is_not_found_and_is_deleted(app):
    job = jobs.hold(OWNER, REGISTER)
    set_row(job.id, expires_at=ago(seconds=1))
    assert jobs.find(job.id, OWNER) is None
    assert ids() == set()


def test_purge_deletes_only_expired_jobs(app):
    kept, gone = jobs.hold(OWNER, REGISTER), jobs.hold(OWNER, REGISTER)
    set_row(gone.id, expires_at=ago(minutes=1))
    assert jobs.purge_expired() == 1
    assert ids() == {kept.id}


def test_holding_a_new_register_deletes_expired_ones(app):
    gone = jobs.hold(ANOTHER, REGISTER)
    set_row(gone.id, expires_at=ago(minutes=1))
    kept = jobs.hold(OWNER, REGISTER)
    assert ids() == {kept.id}


def test_the_purge_command_deletes_expired_uploads(app):
    kept, gone = jobs.hold(OWNER, REGISTER), jobs.hold(OWNER, REGISTER)
    set_row(gone.id, expires_at=ago(minutes=1))
    result = app.test_cli_runner().invoke(args=["drafts", "purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 expired register upload." in result.output
    assert ids() == {kept.id}
    help_text = app.test_cli_runner().invoke(args=["drafts", "--help"]).output
    assert "register uploads" in help_text


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_started_job_shows_its_progress_and_keeps_its_result(app, monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL", 0)  # every step written, to be seen
    job = jobs.hold(OWNER, REGISTER)
    halfway, release = threading.Event(), threading.Event()

    def work(payload, progress):
        assert payload == REGISTER
        progress(1)
        progress(2)
        halfway.set()
        release.wait(20)
        progress(3)
        return zip_of({"Y5 Marker Zoë - SEN support plan.docx": payload})

    jobs.start(job, work, 3, result_name="SEN support plans.zip")
    assert halfway.wait(20)
    during = wait_for(lambda: (found := jobs.find(job.id, OWNER)).done == 2 and found)
    assert (during.status, during.total) == (jobs.RUNNING, 3)
    with pytest.raises(ValueError, match="already running"):
        jobs.start(during, work, 3)
    release.set()
    done = wait_for(lambda: finished(job.id))
    assert (done.status, done.done, done.message) == (jobs.DONE, 3, None)
    with zipfile.ZipFile(io.BytesIO(jobs.result(done))) as archive:
        assert archive.read("Y5 Marker Zoë - SEN support plan.docx") == REGISTER
    data, name = jobs.take_result(done)
    assert name == "SEN support plans.zip"
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["Y5 Marker Zoë - SEN support plan.docx"]
    assert jobs.find(job.id, OWNER) is None  # downloaded: nothing of it is kept
    assert ids() == set()


def test_progress_is_written_now_and_then_not_for_every_item(app, monkeypatch):
    written = []
    write = jobs.Progress.write

    def counted(progress, done):
        written.append(done)
        write(progress, done)

    monkeypatch.setattr(jobs.Progress, "write", counted)
    job = jobs.hold(OWNER, REGISTER)

    def work(payload, progress):
        for done in range(1, 2001):
            progress(done)
        return b"made"

    jobs.start(job, work, 2000)
    assert wait_for(lambda: finished(job.id)).status == jobs.DONE
    assert written[0] == 0
    assert written[-1] == 2000  # the last is always written
    assert len(written) <= 4  # 2,000 items in well under a few seconds


def test_a_result_cannot_be_read_before_it_is_made(app):
    job = jobs.hold(OWNER, REGISTER)
    with pytest.raises(ValueError, match="held, not done"):
        jobs.result(job)


def test_failing_work_marks_the_job_failed_and_logs_nothing_of_the_register(app, caplog):
    caplog.set_level(logging.DEBUG)
    job = jobs.hold(OWNER, REGISTER)

    def work(payload, progress):
        progress(1)
        raise ValueError(f"could not read {payload.decode()}")

    jobs.start(job, work, 5)
    failed = wait_for(lambda: finished(job.id))
    assert failed.status == jobs.FAILED
    assert failed.message == (
        "The PDFs could not be made. Download the Word documents instead, or try again."
    )
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert job.id in logged
    assert "ValueError" in logged
    assert "Zoë" not in logged
    assert MARKER not in logged
    assert "A123456789012" not in logged
    assert not any(record.exc_info for record in caplog.records)  # no traceback, no locals


def test_work_that_returns_no_bytes_fails(app):
    job = jobs.hold(OWNER, REGISTER)
    jobs.start(job, lambda _payload, _progress: {"not": "a zip"}, 1)
    assert wait_for(lambda: finished(job.id)).status == jobs.FAILED


def test_a_failed_job_can_be_started_again(app):
    job = jobs.hold(OWNER, REGISTER)
    jobs.start(job, lambda _payload, _progress: 1 / 0, 1)
    failed = wait_for(lambda: finished(job.id))
    jobs.start(failed, lambda _payload, _progress: b"made the second time", 1)
    done = wait_for(lambda: finished(job.id))
    assert (done.status, done.message) == (jobs.DONE, None)
    assert jobs.result(done) == b"made the second time"


def test_a_running_job_that_stopped_moving_reads_as_failed(app):
    """Its process died: nothing will ever write to it again."""
    stale, moving = jobs.hold(OWNER, REGISTER), jobs.hold(OWNER, REGISTER)
    set_row(stale.id, status=jobs.RUNNING, total=40, done=12, updated_at=ago(minutes=6))
    set_row(moving.id, status=jobs.RUNNING, total=40, done=12, updated_at=ago(minutes=4))
    found = jobs.find(stale.id, OWNER)
    assert (found.status, found.done) == (jobs.FAILED, 12)
    assert found.message.startswith("The PDFs could not be made.")
    assert jobs.find(moving.id, OWNER).status == jobs.RUNNING


def test_a_job_taken_as_dead_is_not_brought_back_by_late_progress(app):
    app.config["BULK_JOBS_AT_ONCE"] = 1  # one thread: the next job runs once this one ended
    job = jobs.hold(OWNER, REGISTER)
    working, release = threading.Event(), threading.Event()

    def work(payload, progress):
        working.set()
        release.wait(20)
        progress(1)
        return b"too late"

    jobs.start(job, work, 1)
    assert working.wait(20)  # its first write is done: nothing more until it is released
    set_row(job.id, updated_at=ago(minutes=10))
    assert jobs.find(job.id, OWNER).status == jobs.FAILED
    release.set()
    after = jobs.hold(OWNER, REGISTER)
    jobs.start(after, lambda _payload, _progress: b"made", 1)
    wait_for(lambda: finished(after.id))
    late = jobs.find(job.id, OWNER)
    assert (late.status, late.done, late.result_name) == (jobs.FAILED, 0, "documents.zip")
    with pytest.raises(ValueError, match="failed, not done"):
        jobs.result(late)


def test_jobs_past_the_limit_wait_their_turn_and_are_kept_alive_meanwhile(app, monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL", 0)
    app.config["BULK_JOBS_AT_ONCE"] = 1
    first, second = jobs.hold(OWNER, REGISTER), jobs.hold(OWNER, REGISTER)
    release = threading.Event()
    running = []
    most = []

    def work(payload, progress):
        running.append(1)
        most.append(len(running))
        done = 0
        while not release.is_set():
            done = min(done + 1, 9)
            progress(done)
            time.sleep(0.05)
        running.pop()
        return b"made"

    jobs.start(first, work, 10)
    jobs.start(second, work, 10)
    wait_for(lambda: jobs.find(first.id, OWNER).done > 0)
    # As if it had waited a while: the job running before it shows that its process lives.
    set_row(second.id, updated_at=ago(minutes=2))
    wait_for(lambda: aware(jobs.find(second.id, OWNER).updated_at) > ago(seconds=30))
    waiting = jobs.find(second.id, OWNER)
    assert (waiting.status, waiting.done) == (jobs.RUNNING, 0)
    release.set()
    assert wait_for(lambda: finished(first.id)).status == jobs.DONE
    assert wait_for(lambda: finished(second.id)).status == jobs.DONE
    assert max(most) == 1


def test_nothing_readable_reaches_the_database(app):
    job = jobs.hold(OWNER, REGISTER)
    jobs.start(job, lambda payload, _progress: zip_of({f"{MARKER}.docx": payload}), 1)
    wait_for(lambda: finished(job.id))
    ((payload, result),) = db.session.execute(text("SELECT payload, result FROM bulk_jobs"))
    for stored in (bytes(payload), bytes(result)):
        assert stored.startswith(b"gAAAAA")  # a Fernet token
        for plain in (MARKER, "Zoë", "A123456789012", "UPN,Forename"):
            assert plain.encode() not in stored
    # Zipped, the marker is stored uncompressed in the file name: it would have shown.
    assert MARKER.encode() in jobs.result(jobs.find(job.id, OWNER))


def test_stored_bytes_moved_to_another_row_do_not_open(app):
    """Each token is bound to its own job and browser: bytes copied into another row (by
    someone who can write to the database) open nothing, and that row is deleted."""
    theirs = jobs.hold(ANOTHER, REGISTER)
    mine = jobs.hold(OWNER, b"my own register")
    (sealed,) = db.session.execute(
        text("SELECT payload FROM bulk_jobs WHERE id = :id"), {"id": theirs.id}
    ).one()
    set_row(mine.id, payload=sealed)
    with pytest.raises(jobs.JobGoneError):
        jobs.payload(jobs.find(mine.id, OWNER))
    assert ids() == {theirs.id}
    set_row(theirs.id, owner=OWNER)  # taking another browser's job for one's own
    with pytest.raises(jobs.JobGoneError):
        jobs.payload(jobs.find(theirs.id, OWNER))


def test_the_migration_makes_the_table_and_its_indexes(app):
    inspector = inspect(db.engine)
    columns = {column["name"] for column in inspector.get_columns("bulk_jobs")}
    assert columns == {
        "id", "owner", "created_at", "expires_at", "updated_at", "status", "done", "total",
        "message", "payload", "result", "result_name",
    }  # fmt: skip
    indexed = {tuple(index["column_names"]) for index in inspector.get_indexes("bulk_jobs")}
    assert {("owner",), ("expires_at",)} <= indexed
    downgrade(revision="0002")
    assert "bulk_jobs" not in inspect(db.engine).get_table_names()
    upgrade()
    assert "bulk_jobs" in inspect(db.engine).get_table_names()


@pytest.mark.libreoffice
def test_a_register_becomes_a_zip_of_pdfs_in_the_background(app, soffice_path):
    document = app.extensions["catalogue"].get("sen-support-plan")
    example = example_answers("sen-support-plan")
    pupils = ["Ada Okafor", "Ben Hughes"]
    job = jobs.hold(OWNER, json.dumps(pupils).encode())

    def work(payload, progress):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for done, name in enumerate(json.loads(payload), start=1):
                validated = validate_answers(document, {**example, "child_name": name})
                assert not validated.errors
                docx = render_document(document, validated.answers)
                archive.writestr(f"{name} - SEN support plan.pdf", pdf.converter().convert(docx))
                progress(done)
        return buffer.getvalue()

    jobs.start(job, work, len(pupils), result_name="SEN support plans (PDF).zip")
    done = wait_for(lambda: finished(job.id), seconds=180)
    assert done.status == jobs.DONE, done.message
    data, name = jobs.take_result(done)
    assert name == "SEN support plans (PDF).zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == [
            "Ada Okafor - SEN support plan.pdf",
            "Ben Hughes - SEN support plan.pdf",
        ]
        for entry in archive.namelist():
            assert archive.read(entry).startswith(b"%PDF")
