"""What the load test reads of processes: a gunicorn master's workers and their memory."""

import os
import subprocess
import sys

from loadtest.servers import HOST, Server, child_pids, environ_for, get_status, rss_mb


def test_the_children_of_a_process_are_found():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in child_pids(os.getpid())
        assert child_pids(child.pid) == []
    finally:
        child.kill()
        child.wait()


def test_resident_memory_is_read_in_megabytes():
    size = rss_mb(os.getpid())

    assert 10 < size < 4096  # a Python process running pytest


def test_a_process_that_has_gone_has_no_memory():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()

    assert rss_mb(child.pid) is None


def test_gunicorn_gets_only_the_settings_given_and_the_path(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-shell")
    monkeypatch.setenv("RATELIMIT_API", "1 per day")

    environ = environ_for({"SERVICE_ENV": "production"})

    assert environ["SERVICE_ENV"] == "production"
    assert "SECRET_KEY" not in environ
    assert "RATELIMIT_API" not in environ
    assert environ["PATH"] == os.environ["PATH"]


def test_gunicorn_serves_the_baseline_as_the_load_test_starts_it(tmp_path):
    server = Server(
        "the baseline",
        "loadtest.baseline:create_app()",
        1,
        environ_for({}),
        tmp_path / "gunicorn.log",
        ["--no-control-socket"],
    )
    server.start(timeout=60)
    try:
        (worker,) = server.worker_pids()
        assert server.worker_rss_mb()[worker] > 10
        assert get_status(HOST, server.port, "/") == 200
    finally:
        server.stop()
    assert server.process.returncode is not None
    assert get_status(HOST, server.port, "/") is None
