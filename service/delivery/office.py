"""One warm LibreOffice, as the service sees it: office_worker.py run in a process group of its
own, spoken to by JSON lines over its stdin and stdout.

The worker runs under a Python that can `import uno` (Debian's python3 with python3-uno, or
the one LibreOffice bundles), which is rarely the service's own. Killing the worker's process
group takes LibreOffice with it; if the service dies instead, the worker sees its stdin close
and kills the group itself, so no LibreOffice is ever left behind.
"""

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from time import monotonic

WORKER = Path(__file__).with_name("office_worker.py")
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


class OfficeError(RuntimeError):
    """LibreOffice did not start, or could not convert a document."""


class OfficeDied(OfficeError):  # noqa: N818 (an event, as the worker reports it)
    """LibreOffice or its worker stopped: crashed, or was killed."""


class OfficeHung(OfficeError):  # noqa: N818
    """No answer within the time allowed."""


_uno_checked = {}
_uno_lock = threading.Lock()


def find_uno_python(program, configured=None):
    """A Python that can import uno: the configured one, else LibreOffice's own (bundled with
    The Document Foundation's builds), else the system's. None if there is none."""
    if configured:
        candidates = [configured]
    else:
        bundled = Path(os.path.realpath(program)).with_name("python") if program else None
        candidates = [str(bundled) if bundled else None, "/usr/bin/python3"]
        candidates.append(shutil.which("python3"))
    for candidate in filter(None, candidates):
        if _imports_uno(candidate):
            return candidate
    return None


def _imports_uno(python):
    with _uno_lock:
        if python not in _uno_checked:
            try:
                completed = subprocess.run(  # noqa: S603 (a configured or well-known program)
                    [python, "-I", "-c", "import uno"],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=30,
                    check=False,
                )
                _uno_checked[python] = completed.returncode == 0
            except (OSError, subprocess.TimeoutExpired):
                _uno_checked[python] = False
        return _uno_checked[python]


class OfficeInstance:
    """A started, warmed LibreOffice that converts one document at a time."""

    def __init__(self, process, folder):
        self.process = process
        self.folder = folder
        self.conversions = 0
        self._buffer = b""

    @classmethod
    def launch(cls, program, python):
        """Start one; it is ready to convert once `wait_ready` returns."""
        # Owner-only: the documents converted here hold children's details.
        folder = Path(tempfile.mkdtemp(prefix="sen-office-"))
        process = subprocess.Popen(  # noqa: S603 (fixed programs and arguments, no shell)
            [python, "-I", str(WORKER), program, str(folder), folder.name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            # Its own process group, so stopping it takes LibreOffice's launcher and office too.
            start_new_session=True,
        )
        return cls(process, folder)

    def wait_ready(self, timeout):
        """Wait for it to start and warm up; on any failure it is stopped and OfficeError
        (OfficeHung past `timeout` seconds) raised."""
        try:
            reply = self._read(timeout)
        except OfficeError:
            self.stop()
            raise
        if not reply.get("ready"):
            self.stop()
            raise OfficeError(f"LibreOffice did not start: {reply.get('error')}")

    @property
    def pgid(self):
        """Its process group (the worker's pid): every process it started is in it."""
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def convert(self, docx_bytes, *, timeout):
        source = self.folder / "document.docx"
        target = self.folder / "document.pdf"
        try:
            source.write_bytes(docx_bytes)
            try:
                line = json.dumps({"source": str(source), "target": str(target)}) + "\n"
                self.process.stdin.write(line.encode())
                self.process.stdin.flush()
            except (BrokenPipeError, ValueError) as error:
                raise OfficeDied("the LibreOffice worker has stopped") from error
            reply = self._read(timeout)
            if not reply.get("ok"):
                kind = OfficeDied if reply.get("dead") else OfficeError
                raise kind(f"LibreOffice could not convert the document ({reply.get('error')})")
            if not target.exists():
                raise OfficeError("LibreOffice did not produce a PDF")
            self.conversions += 1
            return target.read_bytes()
        finally:
            # Nothing of the document is kept once it is converted.
            source.unlink(missing_ok=True)
            target.unlink(missing_ok=True)

    def office_pids(self):
        """LibreOffice's own processes (launcher and office), not the worker."""
        descendants = _descendants(self.pgid)
        if descendants is None:  # a kernel that does not list children: scan every process
            return [pid for pid in _group_members(self.pgid) if pid != self.pgid]
        return descendants

    def memory_mb(self):
        """Resident memory of LibreOffice's processes, in MB, read from /proc."""
        pages = 0
        for pid in self.office_pids():
            try:
                pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
            except (OSError, IndexError, ValueError):
                continue  # gone meanwhile
        return pages * _PAGE_SIZE / (1024 * 1024)

    def kill(self):
        """Kill the whole group at once, worker and LibreOffice. A conversion under way sees
        the worker's stdout close, and fails with OfficeDied."""
        with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
            os.killpg(self.pgid, signal.SIGKILL)

    def stop(self):
        """Kill it and remove its folder: only by whoever is using it (or nobody is). Safe to
        call more than once, and on an instance that has already died."""
        self.kill()
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def forget(self):
        """In a forked child: let go of the parent's instance without touching it, so the
        worker still sees its stdin close when the parent itself goes."""
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()

    def _read(self, timeout):
        """One JSON line from the worker, within `timeout` seconds."""
        deadline = monotonic() + timeout
        stdout = self.process.stdout
        poller = select.poll()  # not select(): a busy server's descriptors pass 1024
        poller.register(stdout, select.POLLIN | select.POLLHUP)
        while b"\n" not in self._buffer:
            remaining = deadline - monotonic()
            if remaining <= 0 or not poller.poll(remaining * 1000):
                raise OfficeHung(f"LibreOffice did not answer within {timeout} seconds")
            try:
                chunk = os.read(stdout.fileno(), 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise OfficeDied("the LibreOffice worker has stopped")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError as error:
            raise OfficeError("the LibreOffice worker gave an answer it should not") from error


def _descendants(pid):
    """Every process started by `pid`, and by those, from /proc/PID/task/TID/children (a
    millisecond, against tens for a scan of /proc); None where the kernel has no such file."""
    if not Path(f"/proc/{pid}/task/{pid}/children").exists():
        return [] if not Path(f"/proc/{pid}").exists() else None
    found, parents = [], [pid]
    while parents:
        for task in _tasks(parents.pop()):
            try:
                children = [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue  # gone meanwhile
            found += children
            parents += children
    return found


def _tasks(pid):
    try:
        return list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []


def process_stats():
    """(pid, fields of /proc/<pid>/stat after the command name) for every process now. The
    name is in brackets and may hold spaces, so the fields are read from after it: state,
    parent, process group, ..."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone since listed
        yield int(entry.name), stat.rpartition(")")[2].split()


def _group_members(pgid):
    return [pid for pid, fields in process_stats() if int(fields[2]) == pgid and fields[0] != "Z"]
