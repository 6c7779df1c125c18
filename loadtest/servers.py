"""gunicorn on loopback: started in the production setup, waited for, measured, stopped."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from service.delivery.office import process_stats

PROJECT = Path(__file__).resolve().parent.parent
CONF = PROJECT / "gunicorn.conf.py"
# The README's flags, for a checkout without gunicorn.conf.py.
FALLBACK_FLAGS = ["--worker-class=gthread", "--threads=8"]
HOST = "127.0.0.1"


class ServerError(RuntimeError):
    """gunicorn did not start, or stopped."""


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    name: str
    app: str  # gunicorn's APP_MODULE, such as "loadtest.apps:service()"
    workers: int
    environ: dict
    log_path: Path
    extra_flags: list = field(default_factory=list)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen = None

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def setup_flags(self):
        """How gunicorn is configured: the project's gunicorn.conf.py if it has one."""
        if CONF.exists():
            return [f"--config={CONF}"]
        return list(FALLBACK_FLAGS)

    def start(self, timeout=60):
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            *self.setup_flags(),
            f"--bind={HOST}:{self.port}",
            f"--workers={self.workers}",
            *self.extra_flags,
            self.app,
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own Python, fixed arguments)
                argv, cwd=PROJECT, env=self.environ, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_until_ready(timeout)
        return self

    def _wait_until_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"{self.name} stopped at start:\n{self.log_tail()}")
            if get_status(HOST, self.port, "/") == 200 and len(self.worker_pids()) == self.workers:
                return
            time.sleep(0.2)
        raise ServerError(f"{self.name} was not ready in {timeout} s:\n{self.log_tail()}")

    def worker_pids(self):
        return child_pids(self.process.pid) if self.process else []

    def worker_rss_mb(self):
        """Resident memory of each worker now, in MB, by process id."""
        sizes = {}
        for pid in self.worker_pids():
            size = rss_mb(pid)
            if size is not None:
                sizes[pid] = size
        return sizes

    def log_tail(self, lines=30):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout=30):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def get_status(host, port, path):
    """The status of one GET, or None if nothing answered."""
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def child_pids(parent):
    """Processes whose parent is `parent`: a gunicorn master's workers."""
    return sorted(pid for pid, fields in process_stats() if int(fields[1]) == parent)


def rss_mb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def environ_for(settings):
    """The process environment for gunicorn: this one's PATH and locale, and `settings`;
    nothing else of the shell's, so no stray setting changes what is measured."""
    kept = {
        name: os.environ[name] for name in ("PATH", "LANG", "LC_ALL", "HOME") if name in os.environ
    }
    return {**kept, "PYTHONPATH": str(PROJECT), **settings}
