"""Where a batch's pupils come from: the rows of a register (columns named by field, or
matched to fields on the mapping screen), lists given one item a row on a sheet of their own
(keyed by UPN), or the documents the service made last time (a ZIP of plans becomes their
reviews).
"""

import io
import zipfile

from flask import current_app

from service.answers_upload import UploadError, answers_from_docx, too_large
from service.bulk import headers
from service.bulk.rows import Source, flat_parts, unknown_columns
from service.carry import carried_answers

KEY = "upn"  # what ties a list sheet's rows to the register's pupils
MAX_DOCUMENTS = 2000  # documents read from one ZIP; each is also read within its own limits


class SourceError(Exception):
    """The file as a whole cannot be used: `message` says why, in plain words."""

    def __init__(self, message, status=422):
        super().__init__(message)
        self.message, self.status = message, status


def field_sources(document, tables):
    """Sources from tables whose headings are field names (the template, the API and the
    command line): the first table is the register, and a table named after a list field
    ("outcomes", "provision") gives that list's items, one a row, keyed by UPN."""
    register, *others = tables
    headings = [heading.strip() for heading in register.headers]
    unknown = unknown_columns(document, headings)
    if unknown:
        listed = ", ".join(f"'{heading}'" for heading in unknown[:10])
        raise SourceError(
            f"These column headings are not questions in this document: {listed}. Use the "
            "field names in the template, or leave the column out"
        )
    sources = [
        Source(
            where=f"Row {row.number}",
            key=f"row {row.number}",
            flat=dict(zip(headings, row.cells, strict=True)),
        )
        for row in register.rows
    ]
    add_list_sheets(document, sources, others)
    return sources


def list_sheet_field(document, table):
    """The list field a table gives the items of, by its name ('Provision' -> 'provision'),
    or None."""
    name = table.name.strip().casefold().replace(" ", "_")
    return name if flat_parts(document).get(name) else None


def add_list_sheets(document, sources, tables):
    """Add each list sheet's items to its pupils' rows, numbered after any the register's
    own columns give. A row for a UPN the register does not have is a problem for the
    whole file: its items would otherwise be lost without a word."""
    by_key = {}
    for source in sources:
        key = (source.flat.get(KEY) or "").strip().upper()
        if key:
            by_key.setdefault(key, source)
    for table in tables:
        field = list_sheet_field(document, table)
        if field is None:
            continue
        headers = [heading.strip() for heading in table.headers]
        if KEY not in headers:
            raise SourceError(
                f"The '{table.name}' sheet needs a column headed '{KEY}', the pupil's unique "
                "pupil number, so that each row goes with its pupil"
            )
        unknown = unknown_columns(document, [f"{field}.1.{h}" for h in headers if h != KEY])
        if unknown:
            listed = ", ".join(f"'{name.partition('.1.')[2]}'" for name in unknown[:10])
            raise SourceError(f"These column headings on the '{table.name}' sheet are not parts "
                              f"of {field}: {listed}")  # fmt: skip
        for row in table.rows:
            cells = dict(zip(headers, row.cells, strict=True))
            key = cells.pop(KEY).strip().upper()
            source = by_key.get(key)
            if source is None:
                raise SourceError(
                    f"Row {row.number} of the '{table.name}' sheet is for UPN "
                    f"'{key or '(blank)'}', which is not in the register"
                )
            number = _next_item(source.flat, field)
            for part, cell in cells.items():
                source.flat[f"{field}.{number}.{part}"] = cell


def _next_item(flat, field):
    numbers = [
        int(number)
        for key in flat
        for head, _, rest in [key.partition(".")]
        if head == field
        for number in [rest.partition(".")[0]]
        if number.isdigit()
    ]
    return max(numbers, default=0) + 1


def document_sources(catalogue, document, data, *, max_documents=MAX_DOCUMENTS):
    """Sources from a ZIP of documents the service made (last term's plans): each document's
    answers, carried into `document` as "start the next document" carries them. Files that
    are not the service's documents (the summary, a calendar) are passed over; a document the
    service cannot read is reported by its name."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise SourceError("The file is not a ZIP of Word documents, or it is damaged") from error
    with archive:
        members = [
            info
            for info in archive.infolist()
            if info.filename.lower().endswith(".docx") and not info.is_dir()
        ]
        if any("/" in info.filename for info in members):
            # A ZIP this service made: documents in their folder, its own extra files (the
            # provision map) beside it, which hold no answers.
            members = [info for info in members if "/" in info.filename]
        if not members:
            raise SourceError("The ZIP holds no Word documents (.docx)")
        if len(members) > max_documents:
            raise SourceError(
                f"The ZIP holds more than {max_documents:,} documents. Split it into smaller "
                f"ZIPs of up to {max_documents:,}",
                413,
            )
        sources = []
        for info in sorted(members, key=lambda info: info.filename):
            where = info.filename.rpartition("/")[2]
            try:
                slug, answers = _answers(archive, info)
            except UploadError as refused:
                sources.append(Source(where, f"file {where}", refusal=refused.message))
                continue
            source_document = catalogue.get(slug)
            carried = (
                answers
                if slug == document.slug
                else carried_answers(source_document, answers, document)
            )
            sources.append(Source(where=where, key=f"file {where}", answers=carried))
    return sources


def _answers(archive, info):
    """(slug, answers) of one document in the ZIP. A document whose answers its forms now
    refuse (a date to send on that has passed) still gives them: the new document checks
    what it takes, as an upload on Your documents does."""
    if info.file_size > current_app.config["UPLOAD_MAX_BYTES"]:
        raise too_large()  # before reading: zipfile reads no more than the size declared
    try:
        return answers_from_docx(archive.read(info))
    except UploadError as refused:
        if refused.document is None:
            raise
        return refused.document, refused.answers


SHARED_COLUMN = "the same for every pupil"  # how a problem names an answer given once


def mapped_sources(document, tables, mapping, shared=None):
    """Sources from a register whose columns a person matched to the document's answers on
    the mapping screen (`mapping`: a target or None for each column of the first table);
    list sheets as `field_sources` reads them. `shared` answers, given once, fill each row
    that has no answer of its own."""
    register, *others = tables
    shared = {name: value for name, value in (shared or {}).items() if value.strip()}
    columns = {}
    for heading, target in zip(register.headers, mapping, strict=False):
        if target:
            columns.setdefault(_named(target), heading)
    for name in shared:
        columns.setdefault(name, f"{headers.label_for(document, name)} ({SHARED_COLUMN})")
    forename = _column_of(mapping, headers.FORENAME, headers.PREFERRED_FORENAME)
    surname = _column_of(mapping, headers.SURNAME, headers.PREFERRED_SURNAME)
    sources = []
    for row in register.rows:
        names = None
        if surname is not None:
            names = (row.cells[surname].strip(), _cell(row, forename))
        sources.append(
            Source(
                where=f"Row {row.number}",
                key=f"row {row.number}",
                flat=_with_shared(headers.flat_row(mapping, row.cells, document), shared),
                columns=columns,
                names=names,
            )
        )
    add_list_sheets(document, sources, others)
    return sources


def _with_shared(flat, shared):
    return {**flat, **{name: value for name, value in shared.items() if not flat.get(name)}}


def _named(target):
    """The answer a column's target fills: a name part fills the pupil's name."""
    return "child_name" if target in headers.NAME_PARTS else target


def _column_of(mapping, *targets):
    for target in targets:
        if target in mapping:
            return mapping.index(target)
    return None


def _cell(row, column):
    return row.cells[column].strip() if column is not None else ""
