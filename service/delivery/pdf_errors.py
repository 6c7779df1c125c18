"""What can go wrong making a PDF, as the views and the API tell it apart."""

from werkzeug.exceptions import ServiceUnavailable


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
