"""Register uploads and the background jobs that make their documents.

A school's register is kept between the upload page, the column-mapping page and the download,
which are several requests, perhaps served by different processes. A whole register as PDF
takes minutes, so it is made in a background thread while a page shows how far it has got.
This module is the only place any of it is stored: one row per upload, in the drafts'
database, with the file and the settings chosen (`payload`) and the finished ZIP (`result`)
encrypted with the drafts' key, each bound to its row and its browser. Only the browser that
uploaded it can find it, and it is deleted after its download or BULK_JOB_MINUTES after the
upload, whichever comes first.

The job's state (how far it has got, whether it failed) lives in the database, not in the
process, so any process can show the progress page. A process that dies mid-job leaves its
job "running" with no more progress: after a few minutes it reads as failed.
"""

import datetime
import hmac
import logging
import os
import queue
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.fernet import InvalidToken
from flask import Flask, current_app
from sqlalchemy import DateTime, Integer, LargeBinary, String, select, update
from sqlalchemy import delete as delete_rows
from sqlalchemy.orm import Mapped, mapped_column

from service import drafts
from service.extensions import db

log = logging.getLogger(__name__)

HELD = "held"  # uploaded, waiting for its settings or its start
RUNNING = "running"  # started: being made, or waiting its turn in this process
DONE = "done"  # made: the result is ready to download
FAILED = "failed"

FAILED_MESSAGE = "The PDFs could not be made. Download the Word documents instead, or try again."
# A job's progress is written at most this often (and when it is complete), not per item:
# a register of 2,000 pupils must not mean 2,000 writes.
PROGRESS_INTERVAL = 1.0
# A running job whose process has not written for this long is taken as dead (failed). Its
# process writes at least after every item, and one item may wait for a free LibreOffice and
# then convert for up to PDF_QUEUE_WAIT + PDF_TIMEOUT seconds: twice that, and never less
# than this many seconds.
STALE_AFTER_AT_LEAST = 5 * 60


class BulkJob(db.Model):
    """An uploaded register and what is made from it; nothing readable in the database."""

    __tablename__ = "bulk_jobs"

    # Random, in the addresses of its pages; it opens nothing without its browser (owner).
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)  # service/device.py's digest
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), index=True)
    # When its process last wrote: a running job that stops moving has lost its process.
    updated_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    done: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    message: Mapped[str | None] = mapped_column(String(200), nullable=True)  # never answers
    # Loaded only when read: the progress page, refreshed every few seconds, needs neither.
    payload: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    result: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
    result_name: Mapped[str | None] = mapped_column(String(200), nullable=True)


class JobGoneError(LookupError):
    """What was stored for a job cannot be read (another key, or changed in the database):
    the job has been deleted, and the upload must be made again."""


# Rows are chosen by the database alone: SQLite's naive datetimes cannot be compared in Python
# with aware ones, and rows read since are read afresh anyway.
_NOT_IN_PYTHON = {"synchronize_session": False}


def _now():
    return datetime.datetime.now(datetime.UTC)


def _aware(moment):
    # SQLite hands back naive datetimes even for timezone-aware columns; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def lifetime_seconds():
    return current_app.config["BULK_JOB_MINUTES"] * 60


def stale_after_seconds():
    config = current_app.config
    return max(STALE_AFTER_AT_LEAST, 2 * (config["PDF_QUEUE_WAIT"] + config["PDF_TIMEOUT"]))


# Encryption: the drafts' own key and cipher (one key to keep and rotate). Each token is bound
# to its job, its browser and what it is, so no row's bytes can be moved to another.


def _label(job_id, owner, kind):
    return f"{job_id}\n{owner}\n{kind}\n".encode()


def _seal(job_id, owner, kind, data):
    return drafts._cipher().encrypt(_label(job_id, owner, kind) + data)


def _unseal(job_id, owner, kind, token, max_age):
    label = _label(job_id, owner, kind)
    try:
        data = drafts._cipher().decrypt(token, ttl=max_age)
    except (InvalidToken, TypeError):
        return None
    return data[len(label) :] if data.startswith(label) else None


def hold(owner, payload):
    """Keep an uploaded register (and the settings chosen, as the caller encodes them) for the
    browser `owner`: a new job, held until it is started."""
    purge_expired()  # cheap on its index: nothing waits for `flask drafts purge`
    now = _now()
    job_id = secrets.token_urlsafe(24)
    job = BulkJob(
        id=job_id,
        owner=owner,
        created_at=now,
        expires_at=now + datetime.timedelta(seconds=lifetime_seconds()),
        updated_at=now,
        status=HELD,
        done=0,
        total=0,
        payload=_seal(job_id, owner, "payload", payload),
    )
    db.session.add(job)
    db.session.commit()
    return job


def find(job_id, owner):
    """The job, if it is this browser's and has not expired; else None. A running job whose
    process has died is marked failed here."""
    if not isinstance(job_id, str) or not 20 <= len(job_id) <= 64 or not owner:
        return None
    # Read afresh: its process writes its progress from another thread, or another process.
    job = db.session.get(BulkJob, job_id, populate_existing=True)
    if job is None or not hmac.compare_digest(job.owner, owner):
        return None
    now = _now()
    if _aware(job.expires_at) <= now:
        delete(job)
        return None
    stale = now - datetime.timedelta(seconds=stale_after_seconds())
    if job.status == RUNNING and _aware(job.updated_at) <= stale:
        log.warning("Bulk job %s stopped moving and is marked failed", job.id)
        db.session.execute(
            _failing(job.id).where(BulkJob.updated_at <= stale), execution_options=_NOT_IN_PYTHON
        )
        db.session.commit()
        db.session.refresh(job)
    return job


def payload(job):
    """The register and settings, as given to `hold` or `replace_payload`."""
    data = _unseal(job.id, job.owner, "payload", job.payload, lifetime_seconds() + 60)
    if data is None:
        _lost(job)
    return data


def replace_payload(job, payload):
    """New settings for a held job (the columns mapped, the pupils chosen)."""
    job.payload = _seal(job.id, job.owner, "payload", payload)
    job.updated_at = _now()
    db.session.commit()


def result(job):
    """The finished ZIP of a job that is done."""
    if job.status != DONE or job.result is None:
        raise ValueError(f"job is {job.status}, not done")
    data = _unseal(job.id, job.owner, "result", job.result, lifetime_seconds() + 60)
    if data is None:
        _lost(job)
    return data


def take_result(job):
    """The finished ZIP and its file name, deleting the job: once downloaded, nothing of the
    register is kept."""
    data, name = result(job), job.result_name
    delete(job)
    return data, name


def delete(job):
    db.session.execute(delete_rows(BulkJob).where(BulkJob.id == job.id))
    db.session.commit()


MOST_HELD = 3  # registers one browser keeps uploaded at once: plans and reviews, and a spare


def keep_newest_held(owner, count=MOST_HELD):
    """Delete this browser's uploads waiting to be made beyond its `count` newest, so that
    uploading again and again does not pile registers up until they expire."""
    held = select(BulkJob.id).where(BulkJob.owner == owner, BulkJob.status == HELD)
    newest = held.order_by(BulkJob.created_at.desc()).limit(count)
    kept = set(db.session.scalars(newest))
    spare = [job_id for job_id in db.session.scalars(held) if job_id not in kept]
    if spare:
        db.session.execute(
            delete_rows(BulkJob).where(BulkJob.id.in_(spare)), execution_options=_NOT_IN_PYTHON
        )
        db.session.commit()


def purge_expired(now=None):
    """Delete every job past its time, finished or not; returns how many went."""
    result = db.session.execute(
        delete_rows(BulkJob).where(BulkJob.expires_at <= (now or _now())),
        execution_options=_NOT_IN_PYTHON,
    )
    db.session.commit()
    return result.rowcount


def _lost(job):
    log.warning("Bulk job %s could not be decrypted and was deleted", job.id)
    delete(job)
    raise JobGoneError(job.id)


def _failing(job_id):
    return (
        update(BulkJob)
        .where(BulkJob.id == job_id, BulkJob.status == RUNNING)
        .values(status=FAILED, message=FAILED_MESSAGE, updated_at=_now())
    )


# Running jobs.


def start(job, work, total, *, result_name="documents.zip"):
    """Make the job's result in the background: `work(payload, progress)` runs in a daemon
    thread with an app context, calls `progress(done)` as it goes (out of `total`), and
    returns the bytes of the ZIP to keep as the result, named `result_name`. If it raises,
    the job is marked failed with a plain message, and only the job's id and the kind of
    error are logged. A failed or finished job may be started again."""
    if job.status == RUNNING:
        raise ValueError("job is already running")
    job.status = RUNNING
    job.done = 0
    job.total = total
    job.message = None
    job.result = None
    job.result_name = result_name
    job.updated_at = _now()
    db.session.commit()
    app = current_app._get_current_object()  # the app itself, for the thread
    _runner(app.config["BULK_JOBS_AT_ONCE"]).submit(_Entry(app, job.id, job.owner, work, total))


class _Runner:
    """A few worker threads taking jobs in turn from one queue.

    Every PDF goes through the process's LibreOffice pool (PDF_CONCURRENCY instances), so
    more jobs at once would finish no sooner: they would only hold more threads and memory,
    and fill the pool's queue so that one person's PDF on the web is told the service is
    busy. Later jobs wait their turn, and show as running with nothing made yet.
    """

    def __init__(self, size):
        self.size = size
        self.jobs = queue.SimpleQueue()
        self.threads = []
        self.waiting = {}  # job id -> app: written to as alive while the running ones move
        self.lock = threading.Lock()

    def submit(self, entry):
        with self.lock:
            self.waiting[entry.job_id] = entry.app
            if len(self.threads) < self.size:
                thread = threading.Thread(
                    target=self._serve, name=f"bulk-job-{len(self.threads) + 1}", daemon=True
                )
                self.threads.append(thread)
                thread.start()
        self.jobs.put(entry)

    def waiting_for(self, app):
        with self.lock:
            return [job_id for job_id, its_app in self.waiting.items() if its_app is app]

    def _serve(self):
        while True:
            entry = self.jobs.get()
            with self.lock:
                self.waiting.pop(entry.job_id, None)
            _run(entry, lambda app=entry.app: self.waiting_for(app))


@dataclass(frozen=True)
class _Entry:
    app: Flask
    job_id: str
    owner: str
    work: Callable
    total: int


def _run(entry, waiting):
    """Run one job; `waiting()`: the jobs of its app waiting their turn in this process."""
    job_id, owner, total = entry.job_id, entry.owner, entry.total
    # No database session lives through the run: each write is a short transaction of its own.
    with entry.app.app_context():
        try:
            sealed = _stored_payload(job_id)
            if sealed is None:
                return  # deleted, or expired, while it waited
            data = _unseal(job_id, owner, "payload", sealed, lifetime_seconds() + 60)
            if data is None:
                raise JobGoneError(job_id)
            progress = Progress(job_id, total, waiting)
            progress.write(0)
            made = entry.work(data, progress)
            del data
            if not isinstance(made, bytes | bytearray):
                raise TypeError(f"work returned {type(made).__name__}, not bytes")
            _write(
                update(BulkJob)
                .where(BulkJob.id == job_id, BulkJob.status == RUNNING)
                .values(
                    status=DONE,
                    done=total,
                    result=_seal(job_id, owner, "result", bytes(made)),
                    updated_at=_now(),
                )
            )
        except Exception as error:
            # The id and the kind of error only: its text could quote the register.
            log.error("Bulk job %s failed: %s", job_id, type(error).__name__)
            _write(_failing(job_id))


def _stored_payload(job_id):
    with db.engine.connect() as connection:
        return connection.execute(
            select(BulkJob.payload).where(BulkJob.id == job_id, BulkJob.status == RUNNING)
        ).scalar_one_or_none()


def _write(statement):
    with db.engine.begin() as connection:
        connection.execute(statement)


class Progress:
    """What `work` calls as each item is made: `progress(done)`. Written at most once every
    PROGRESS_INTERVAL seconds, and when complete; each write also shows the jobs waiting
    behind it in this process as alive."""

    def __init__(self, job_id, total, waiting):
        self.job_id = job_id
        self.total = total
        self.waiting = waiting
        self.written_at = None

    def __call__(self, done):
        now = time.monotonic()
        if done < self.total and self.written_at and now - self.written_at < PROGRESS_INTERVAL:
            return
        self.write(done)

    def write(self, done):
        self.written_at = time.monotonic()
        now = _now()
        with db.engine.begin() as connection:
            connection.execute(
                update(BulkJob)
                .where(BulkJob.id == self.job_id, BulkJob.status == RUNNING)
                .values(done=min(max(int(done), 0), self.total), updated_at=now)
            )
            waiting = self.waiting()
            if waiting:
                connection.execute(
                    update(BulkJob)
                    .where(BulkJob.id.in_(waiting), BulkJob.status == RUNNING)
                    .values(updated_at=now)
                )


# One runner for each size in a process: apps made alike (tests, or one app per worker) share
# its threads.
_runners = {}
_runners_lock = threading.Lock()


def _runner(size):
    with _runners_lock:
        if size not in _runners:
            _runners[size] = _Runner(size)
        return _runners[size]


def _forget_after_fork():
    # A forked child has none of its parent's threads: it starts its own when it needs them.
    global _runners_lock  # noqa: PLW0603 (a fresh lock in a fresh process)
    _runners_lock = threading.Lock()
    _runners.clear()


os.register_at_fork(after_in_child=_forget_after_fork)
