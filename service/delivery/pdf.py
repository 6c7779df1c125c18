"""Word to PDF with LibreOffice, run headless as a separate process.

Each conversion gets its own temporary folder holding its LibreOffice profile, input and
output: conversions sharing a profile fail silently. A semaphore bounds how many run at once
(each takes about 200 MB), every run has a timeout, and the folder is removed afterwards,
whatever happened. The PDF is tagged for accessibility; its title and language come from the
document's own properties, which the rendering engine fixes and which hold no user data.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from flask import current_app
from werkzeug.exceptions import ServiceUnavailable

from service.delivery.download import attachment

PDF_MIMETYPE = "application/pdf"
# LibreOffice 7.4+ takes export options as JSON after the filter name.
_EXPORT = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


class PdfUnavailableError(RuntimeError):
    """LibreOffice is not installed here, so PDF cannot be offered."""


class PdfFailedError(RuntimeError):
    """LibreOffice ran but gave no PDF, or took too long."""


class PdfBusyError(ServiceUnavailable):
    """Every converter is busy and the queue is full, or the wait for one ran out. An HTTP
    503 with Retry-After: the error handlers answer it with a "busy, try again" page (JSON
    under /api/); a view that can do better (keep a form's answers) catches it."""

    def __init__(self, retry_after=60):
        super().__init__(retry_after=retry_after)


class PdfConverter:
    def __init__(self, program=None, *, timeout=60, concurrency=2):
        self.program = program or shutil.which("soffice") or shutil.which("libreoffice")
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(concurrency)

    @property
    def available(self):
        return bool(self.program) and Path(self.program).exists()

    def convert(self, docx_bytes):
        if not self.available:
            raise PdfUnavailableError("LibreOffice is not installed on this server")
        with self._slots, tempfile.TemporaryDirectory(prefix="sen-pdf-") as folder:
            work = Path(folder)
            source = work / "document.docx"
            source.write_bytes(docx_bytes)
            command = [
                self.program,
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--convert-to",
                _EXPORT,
                "--outdir",
                str(work),
                str(source),
            ]
            self._run(command)
            output = work / "document.pdf"
            if not output.exists():
                raise PdfFailedError("LibreOffice did not produce a PDF")
            return output.read_bytes()

    def _run(self, command):
        # Its own session, so a timeout kills LibreOffice's whole process group: the launcher
        # starts the real office process as a child, which killing the launcher would orphan.
        process = subprocess.Popen(  # noqa: S603 (a fixed program and arguments, no shell)
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise PdfFailedError(f"LibreOffice took longer than {self.timeout} seconds") from error


def pdf_response(data, name):
    return attachment(data, name, extension="pdf", mimetype=PDF_MIMETYPE)


def converter():
    return current_app.extensions["pdf"]


def init_app(app):
    app.extensions["pdf"] = PdfConverter(
        app.config.get("LIBREOFFICE_PATH"),
        timeout=app.config["PDF_TIMEOUT"],
        concurrency=app.config["PDF_CONCURRENCY"],
    )
