"""Word to PDF with LibreOffice, kept warm, behind a bounded queue.

A process keeps PDF_CONCURRENCY LibreOffice instances running (office_pool.py), started on
its first PDF request, never before, and stopped when it exits. A conversion takes about a
tenth of the time a cold start does. At most PDF_QUEUE_LENGTH requests wait for a free one,
each for at most PDF_QUEUE_WAIT seconds; any other gets PdfBusyError, a 503 "busy, try again
in a minute" that loses nobody's answers. So PDF work can never hold every thread, and the
rest of the service stays quick while documents convert.

Without a Python that can import uno (python3-uno), each conversion starts LibreOffice cold,
under the same queue, and the log says so once. The PDF is tagged for accessibility; its
title and language come from the document's own properties, which the rendering engine fixes
and which hold no user data.
"""

import logging
import os
import shutil
import threading
import weakref
from pathlib import Path

from flask import current_app

from service.delivery.download import attachment
from service.delivery.office import find_uno_python
from service.delivery.office_pool import OfficePool
from service.delivery.pdf_errors import PdfBusyError, PdfFailedError, PdfUnavailableError

__all__ = [
    "PDF_MIMETYPE",
    "PdfBusyError",
    "PdfConverter",
    "PdfFailedError",
    "PdfUnavailableError",
    "converter",
    "init_app",
    "pdf_response",
]

PDF_MIMETYPE = "application/pdf"
log = logging.getLogger(__name__)


class PdfConverter:
    """`python`: a Python that can import uno (None: found); `warm=False` converts cold."""

    def __init__(
        self,
        program=None,
        *,
        timeout=60,
        concurrency=2,
        queue_length=4,
        queue_wait=15,
        memory_limit_mb=600,
        python=None,
        warm=True,
        start_timeout=None,
    ):
        self.program = program or shutil.which("soffice") or shutil.which("libreoffice")
        self.timeout = timeout
        self.concurrency = concurrency
        self.queue_length = queue_length
        self.queue_wait = queue_wait
        self.memory_limit_mb = memory_limit_mb
        self.python = python
        self.warm = warm
        self.start_timeout = start_timeout
        self._pool = None
        self._stop_pool = lambda: None
        self._lock = threading.Lock()
        _converters.add(self)

    @property
    def available(self):
        return bool(self.program) and Path(self.program).exists()

    def convert(self, docx_bytes):
        if not self.available:
            raise PdfUnavailableError("LibreOffice is not installed on this server")
        return self.pool().convert(docx_bytes)

    def pool(self):
        """The pool, made on first use (finding a Python for UNO takes a moment)."""
        with self._lock:
            if self._pool is None:
                self._pool = OfficePool(
                    self.program,
                    self._uno_python(),
                    size=self.concurrency,
                    timeout=self.timeout,
                    queue_length=self.queue_length,
                    queue_wait=self.queue_wait,
                    memory_limit_mb=self.memory_limit_mb,
                    start_timeout=self.start_timeout,
                )
                # Stopped when this converter is dropped, or at the latest when Python exits.
                self._stop_pool = weakref.finalize(self, self._pool.close)
            return self._pool

    def close(self):
        """Stop every LibreOffice this converter started. It starts afresh if used again."""
        with self._lock:
            stop_pool, self._pool = self._stop_pool, None
        stop_pool()

    def forget_after_fork(self):
        """In a forked child: the parent's instances and locks are not this process's."""
        self._lock = threading.Lock()
        if self._pool is not None:
            self._pool.forget_after_fork()

    def _uno_python(self):
        if not self.warm:
            return None
        python = find_uno_python(self.program, self.python)
        if python:
            log.info("PDF: %s warm LibreOffice instances, driven by %s", self.concurrency, python)
        elif self.python:
            log.warning(
                "PDF: LIBREOFFICE_PYTHON (%s) cannot import uno, so every PDF starts "
                "LibreOffice afresh (slow)",
                self.python,
            )
        else:
            log.warning(
                "PDF: no Python that can import uno was found (install python3-uno, or set "
                "LIBREOFFICE_PYTHON), so every PDF starts LibreOffice afresh (slow)"
            )
        return python


# Every converter of this process, to let go of the parent's LibreOffice after a fork.
_converters = weakref.WeakSet()
_shared = {}
_shared_lock = threading.Lock()


def shared_converter(program=None, **settings):
    """One converter for each set of settings in a process: apps made alike (tests, or one
    app per worker) share its instances rather than start their own."""
    key = (program, *sorted(settings.items()))
    with _shared_lock:
        if key not in _shared:
            _shared[key] = PdfConverter(program, **settings)
        return _shared[key]


def _forget_after_fork():
    # gunicorn's workers are forked: the parent's instances and locks are not the child's.
    global _shared_lock  # noqa: PLW0603 (a fresh lock in a fresh process)
    _shared_lock = threading.Lock()
    for converter in list(_converters):
        converter.forget_after_fork()


os.register_at_fork(after_in_child=_forget_after_fork)


def pdf_response(data, name):
    return attachment(data, name, extension="pdf", mimetype=PDF_MIMETYPE)


def converter():
    return current_app.extensions["pdf"]


def init_app(app):
    config = app.config
    app.extensions["pdf"] = shared_converter(
        config.get("LIBREOFFICE_PATH"),
        timeout=config["PDF_TIMEOUT"],
        concurrency=config["PDF_CONCURRENCY"],
        queue_length=config["PDF_QUEUE_LENGTH"],
        queue_wait=config["PDF_QUEUE_WAIT"],
        memory_limit_mb=config["PDF_MEMORY_LIMIT_MB"],
        python=config.get("LIBREOFFICE_PYTHON"),
    )
