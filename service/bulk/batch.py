"""A file in, a checked batch out: the one path the web pages, the API and the command line
share. The file is a register (CSV or XLSX) or a ZIP of documents the service made."""

import io
import zipfile

from flask import current_app

from service.answers_upload import TOO_MANY_ENTRIES, UploadError, check_entry_count
from service.bulk import sheets
from service.bulk.rows import DEFAULT_STATUSES, prepare
from service.bulk.sources import SourceError, document_sources, field_sources

ZIP_MAGIC = b"PK\x03\x04"


class BatchError(Exception):
    """The file as a whole cannot be used: `message` in plain words, `status` for the API."""

    def __init__(self, message, status=422):
        super().__init__(message)
        self.message, self.status = message, status


# Room beside a register's documents in a ZIP the service made: its summary, calendar, map.
EXTRA_ENTRIES = 50


def is_document_zip(data):
    """Whether `data` is a ZIP of Word documents (last term's plans) rather than a workbook.
    Its entries are counted from its end record before zipfile reads its directory."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        check_entry_count(data, current_app.config["BULK_MAX_ROWS"] + EXTRA_ENTRIES)
    except UploadError as refused:
        if refused.message == TOO_MANY_ENTRIES:
            limit = current_app.config["BULK_MAX_ROWS"]
            raise BatchError(
                f"The ZIP holds more than {limit:,} documents. Split it into smaller ZIPs",
                413,
            ) from refused
        return False  # not a zip at all: read as a register, which says what it is
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    return "xl/workbook.xml" not in names and any(n.lower().endswith(".docx") for n in names)


def read_tables(data, filename=None):
    """The tables of a register, within the service's limits; BatchError if it is unreadable."""
    config = current_app.config
    try:
        return sheets.read_tables(
            data,
            filename,
            max_rows=config["BULK_MAX_ROWS"],
            max_bytes=config["BULK_MAX_BYTES"],
        )
    except sheets.SheetError as error:
        raise BatchError(error.message, error.status) from error


def batch_from_file(document, data, *, filename=None, statuses=DEFAULT_STATUSES, sources=None):
    """The checked Batch for a file whose columns are field names (or a ZIP of documents).
    `sources(tables)` makes the sources another way (the web's column mapping)."""
    catalogue = current_app.extensions["catalogue"]
    try:
        if is_document_zip(data):
            found = document_sources(
                catalogue, document, data, max_documents=current_app.config["BULK_MAX_ROWS"]
            )
        else:
            tables = read_tables(data, filename)
            found = sources(tables) if sources else field_sources(document, tables)
    except SourceError as error:
        raise BatchError(error.message, error.status) from error
    if not found:
        raise BatchError("The file has no rows of pupils under its column headings")
    return prepare(document, found, statuses=statuses)
