"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`.

Command-line options win over these (`-w 4`, `-b 0.0.0.0:8000`). The environment can set
HOST and PORT (where to listen, 127.0.0.1:8000 unless told: put a proxy in front), and
WEB_CONCURRENCY (how many worker processes).

Rate-limit counts live where RATELIMIT_STORAGE_URI says. In memory (`memory://`, the default)
each worker process keeps its own, so with two workers every limit is doubled; gunicorn
refuses to start like that.
"""

import os

from service.config import Config  # the PDF defaults, without building an app

# Several threads a worker: most requests wait on the database, SMTP or LibreOffice. PDF
# requests can hold at most PDF_CONCURRENCY + PDF_QUEUE_LENGTH threads (8 by default; more
# are refused as busy), so 12 leaves 4 for every other page however many PDFs are asked for.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = 12
_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8000")
bind = [f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"]  # IPv6 in brackets

# A worker silent this long is killed and replaced (with gthread a long request does not
# count as silence). On a restart, requests in progress get graceful_timeout to finish: long
# enough for a PDF that waited its turn (PDF_QUEUE_WAIT) and then converted (PDF_TIMEOUT).
timeout = 30
graceful_timeout = 90
keepalive = 5

# Load the app once in the master and fork workers from it: a recycled worker is serving
# again in milliseconds instead of the second or two a fresh import and start take, which
# with one worker would be a pause for everyone. Nothing connects before the fork: the
# database, Redis and LibreOffice are all opened on first use, and post_fork drops the
# database pool anyway in case that ever changes.
preload_app = True

# Recycle each worker after about ten thousand requests, at staggered times, so slow growth in
# memory never builds up and the workers never all restart at once. Not more often: a new
# worker pauses its share of requests while it starts (and its LibreOffice starts cold), and
# `make loadtest`'s soak shows memory flat over that many requests.
max_requests = 10000
max_requests_jitter = 1000

# No access log: addresses in it can carry one-time codes and identify families. Errors go to
# standard error.
accesslog = None
errorlog = "-"

# No control socket: by default every gunicorn of one user shares one path for it
# (~/.gunicorn/gunicorn.ctl), so two copies on one machine would take it from each other, and
# it can add workers behind the check below. Signals (HUP, TERM) still work.
control_socket_disable = True

# Heartbeat files in memory, not on a disk that may stall (as container overlays can).
if os.path.isdir("/dev/shm"):  # noqa: S108 (a tmpfs for heartbeats, gunicorn's documented use)
    worker_tmp_dir = "/dev/shm"  # noqa: S108

SHARED_STORAGE_NEEDED = (
    "RATELIMIT_STORAGE_URI is {uri!r}: rate-limit counts kept in memory are per process, so "
    "with {workers} workers every limit would be {workers} times what it says. Set "
    "RATELIMIT_STORAGE_URI to a shared store such as redis://127.0.0.1:6379, or run one "
    "worker (-w 1)."
)


def storage_problem(uri, workers):
    """Why these settings would break the rate limits, or None."""
    if workers > 1 and uri.strip().lower().startswith("memory:"):
        return SHARED_STORAGE_NEEDED.format(uri=uri, workers=workers)
    return None


def threads_problem(threads, environ):
    """Why PDF requests could take every thread of a worker, or None."""

    def setting(name):
        value = environ.get(name, "")
        return int(value) if value.strip().isdigit() else getattr(Config, name)

    pdf = setting("PDF_CONCURRENCY") + setting("PDF_QUEUE_LENGTH")
    if threads <= pdf:
        return (
            f"--threads is {threads}, but PDF requests can hold {pdf} threads a worker "
            "(PDF_CONCURRENCY + PDF_QUEUE_LENGTH): while PDFs are made, no other page could be "
            f"served. Use at least {pdf + 2} threads, or lower PDF_QUEUE_LENGTH."
        )
    return None


def on_starting(server):
    """Refuse to start, before any worker is made, with settings that break the limits or
    let PDF work hold every thread. gunicorn prints a RuntimeError raised here as
    "Error: ..." and exits with status 1."""
    uri = os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"
    problem = storage_problem(uri, server.cfg.workers) or threads_problem(
        server.cfg.threads, os.environ
    )
    if problem:
        raise RuntimeError(problem)


def nworkers_changed(server, new_value, old_value):
    """Workers added while running (TTIN, or a reload): warn, since stopping a running
    service would do more harm. (At start-up, old_value is None and on_starting decides.)"""
    uri = os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"
    problem = storage_problem(uri, new_value)
    if problem and old_value is not None:
        server.log.warning(problem)


def when_ready(server):
    """With the app loaded in the master (preload_app), compile its templates there once, so
    that every worker forked from it, recycled ones too, serves at full speed at once."""
    if not server.cfg.preload_app:
        return
    app = server.app.wsgi()
    if "catalogue" in getattr(app, "extensions", {}):  # the service, not another app
        from service.warm import warm  # noqa: PLC0415 (the service's, once it is loaded)

        warm(app)


def post_fork(server, _worker):
    """A forked worker must not share the master's database connections (none are open
    today; this keeps it so if start-up ever queries)."""
    from service.extensions import db  # noqa: PLC0415 (only workers need it, after the fork)

    app = server.app.wsgi()
    if "sqlalchemy" in getattr(app, "extensions", {}):  # the service, not another app
        with app.app_context():
            db.engine.dispose(close=False)
