"""Word to PDF by starting LibreOffice afresh: about 2 s and 200 MB a conversion.

The fallback where no Python can drive a warm LibreOffice (no python3-uno), and the baseline
`make bench` measures the warm pool against. Each conversion gets its own temporary folder
holding its LibreOffice profile, input and output (conversions sharing a profile fail
silently), a timeout, and the folder is removed afterwards, whatever happened.
"""

import os
import signal
import subprocess
import tempfile
from pathlib import Path

from service.delivery.pdf_errors import PdfFailedError

# LibreOffice 7.4+ takes export options as JSON after the filter name.
_EXPORT = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def convert_cold(program, docx_bytes, *, timeout):
    with tempfile.TemporaryDirectory(prefix="sen-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(docx_bytes)
        command = [
            program,
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
        _run(command, timeout)
        output = work / "document.pdf"
        if not output.exists():
            raise PdfFailedError("LibreOffice did not produce a PDF")
        return output.read_bytes()


def _run(command, timeout):
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
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise PdfFailedError(f"LibreOffice took longer than {timeout} seconds") from error
