"""wrk, the load generator: found, checked, run with scenario.lua, and its report read."""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("scenario.lua")
REQUIRED_VERSION = (4, 1, 0)
INSTALL = "Install it with: apt-get install wrk (Debian and Ubuntu package wrk 4.1.0)"
_VERSION = re.compile(r"^wrk\s+(?:\S*/)?(\d+)\.(\d+)\.(\d+)")
_MARKER = "LOADTEST "


class WrkError(RuntimeError):
    """wrk is missing, is not the version the scripts are written for, or failed."""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    statuses: dict  # HTTP status -> responses
    socket_errors: int  # connect, read, write and timeout errors
    latency_ms: dict  # min, mean, max, p50, p90, p99

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def non_2xx(self):
        return sum(count for status, count in self.statuses.items() if not 200 <= status < 300)

    @property
    def errors(self):
        return self.non_2xx + self.socket_errors


def find_wrk():
    """The wrk program, checked to be 4.1 (the Lua API scenario.lua is written for)."""
    program = shutil.which("wrk")
    if program is None:
        raise WrkError(f"wrk is not installed. {INSTALL}")
    # `wrk -v` prints its version and usage, and exits with 1.
    shown = subprocess.run(  # noqa: S603 (a program found on PATH, fixed arguments)
        [program, "-v"], capture_output=True, text=True, check=False
    )
    version = parse_version(shown.stdout + shown.stderr)
    if version is None or version[:2] != REQUIRED_VERSION[:2]:
        found = ".".join(map(str, version)) if version else "an unknown version"
        raise WrkError(f"wrk 4.1 is needed, and {program} is {found}. {INSTALL}")
    return program


def parse_version(text):
    """(4, 1, 0) from "wrk debian/4.1.0-3+b2 [epoll] ..." or "wrk 4.1.0 [epoll] ..."."""
    for line in text.splitlines():
        match = _VERSION.match(line.strip())
        if match:
            return tuple(int(part) for part in match.groups())
    return None


def command(
    program,
    url,
    *,
    seconds,
    connections,
    threads=2,
    method="GET",
    body_file=None,
    headers=None,
    timeout=10,
):
    """The wrk command for one scenario, sending `headers` ({name: value}) with each request.
    A long timeout, so that a slow response is measured (wrk leaves a timed-out request out
    of its latencies) rather than hidden."""
    arguments = [method]
    if body_file is not None:
        arguments += [str(body_file), "application/json"]
    return [
        program,
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        f"--timeout={timeout}s",
        f"--script={SCRIPT}",
        *(f"--header={name}: {value}" for name, value in (headers or {}).items()),
        url,
        "--",
        *arguments,
    ]


def run(program, url, **options):
    """Run one scenario to its end and read its report."""
    argv = command(program, url, **options)
    finished = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise WrkError(f"wrk failed ({finished.returncode}): {finished.stderr.strip()}")
    return parse_report(finished.stdout)


def start(program, url, **options):
    """Start one scenario in the background; read it with `finish`."""
    argv = command(program, url, **options)
    return subprocess.Popen(  # noqa: S603
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process):
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise WrkError(f"wrk failed ({process.returncode}): {stderr.strip()}")
    return parse_report(stdout)


def parse_report(text):
    """The figures from wrk's output: the LOADTEST line scenario.lua writes at the end."""
    lines = [line for line in text.splitlines() if line.startswith(_MARKER)]
    if not lines:
        raise WrkError("wrk's output has no LOADTEST line: was it run with scenario.lua?")
    figures = json.loads(lines[-1].removeprefix(_MARKER))
    errors = figures["errors"]
    requests = figures["requests"]
    latency = figures["latency_us"]
    return WrkResult(
        requests=requests,
        seconds=figures["duration_us"] / 1_000_000,
        statuses={int(status): count for status, count in figures["statuses"].items()},
        socket_errors=sum(errors[kind] for kind in ("connect", "read", "write", "timeout")),
        # With no response at all, wrk's latency figures are meaningless (min is 2^64 - 1).
        latency_ms={key: value / 1000 if requests else 0.0 for key, value in latency.items()},
    )
