"""A whole register's documents as one ZIP, streamed as it is made: one document per pupil,
named to sort by year group and surname, a summary of what was made and why anything was not,
one calendar file of every date to remember, and the document's own extra files (an SEN
support plan's provision map).

Each document is rendered, written and let go before the next, so memory stays flat however
long the register: only one document and the summary rows are held at a time.
"""

import dataclasses
import re
import zipfile

from flask import current_app

from service import zip_stream
from service.bulk.rows import NAME
from service.bulk.spreadsheet_out import csv_bytes
from service.calendar_file import calendar_file, identity
from service.delivery.download import safe_filename
from service.documents import render_partial

SUMMARY = "Summary.csv"
CALENDAR = "Dates to remember.ics"
_YEAR = re.compile(r"\s*(?:year|yr|y)\s*(\d{1,2})\b.*", re.IGNORECASE)
_EARLY_YEARS = (("reception", "YR"), ("nursery", "YN"))


def zip_chunks(batch, *, convert=None, progress=None):
    """The ZIP's bytes, a chunk per document. `convert(docx) -> (bytes, extension)` turns each
    document into another format (PDF); `progress(done, total)` hears of each one."""
    document = batch.document
    folder = f"{document.title}s"
    names = file_names(batch)
    sink = zip_stream.Sink()
    total = len(batch.ready)
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        made = {}
        for done, prepared in enumerate(batch.ready, start=1):
            data = render_partial(document, prepared.given, prepared.answers)
            extension = "docx"
            if convert is not None:
                data, extension = convert(data)
            name = f"{folder}/{names[id(prepared)]}.{extension}"
            zip_stream.add_file(archive, name, data)
            made[id(prepared)] = name
            if progress is not None:
                progress(done, total)
            yield sink.take()
        zip_stream.add_file(archive, SUMMARY, csv_bytes(summary_rows(batch, made)))
        calendar = review_calendar(batch)
        if calendar:
            zip_stream.add_file(archive, CALENDAR, calendar)
        for name, data in extra_files(batch):
            zip_stream.add_file(archive, name, data)
    yield sink.take()


def file_names(batch):
    """{id(prepared): file name without extension}, unique within the batch: year group,
    surname, forename, then the document ("Y05 Adeyemi Joshua - SEN support plan"). Two
    pupils of the same name are told apart by their row."""
    stems = {id(prepared): _stem(batch.document, prepared) for prepared in batch.ready}
    counts = {}
    for stem in stems.values():
        counts[stem.casefold()] = counts.get(stem.casefold(), 0) + 1
    names = {}
    for prepared in batch.ready:
        stem = stems[id(prepared)]
        if counts[stem.casefold()] > 1:
            stem = f"{stem} ({prepared.source.where.lower()})"
        names[id(prepared)] = safe_filename(stem, "docx").removesuffix(".docx")
    return names


def _stem(document, prepared):
    surname, forename = prepared.source.names or _split(prepared.pupil)
    person = " ".join(part for part in (surname, forename) if part) or "Pupil"
    year = year_prefix(prepared.given.get("year_group"))
    return f"{year} {person} - {document.title}" if year else f"{person} - {document.title}"


def _split(name):
    """(surname, forename) from a full name: the last word is taken as the surname."""
    *forenames, surname = (name or "").split() or [""]
    return surname, " ".join(forenames)


def year_prefix(year_group):
    """'Year 5' -> 'Y05', 'Reception' -> 'YR', 'Nursery' -> 'YN'; None for anything else.
    Two digits, so that Year 10 sorts after Year 9."""
    text = (year_group or "").strip() if isinstance(year_group, str) else ""
    match = _YEAR.fullmatch(text) or re.fullmatch(r"\s*(\d{1,2})\s*", text)
    if match:
        return f"Y{int(match.group(1)):02d}"
    for word, prefix in _EARLY_YEARS:
        if text.casefold().startswith(word):
            return prefix
    return None


SUMMARY_HEADINGS = ["Row", "Pupil", "Result", "File", "Details"]


def summary_rows(batch, made):
    """The summary CSV's rows: every source in the order given, with what became of it."""
    results = {}
    for prepared in batch.ready:
        name = made.get(id(prepared), "")
        results[id(prepared.source)] = (prepared.pupil, "Made", name, "")
    for skipped in batch.skipped:
        results[id(skipped.source)] = (skipped.pupil, "Left out", "", skipped.reason)
    problems = {}
    for problem in batch.problems:
        problems.setdefault(problem.key, []).append(f"{problem.column}: {problem.message}")
    for source in batch.refused:
        pupil = (source.flat or source.answers or {}).get(NAME) or ""
        details = "; ".join(problems.get(source.key, []))
        results[id(source)] = (pupil, "Not made", "", details)
    return [
        SUMMARY_HEADINGS,
        *([source.where, *results[id(source)]] for source in batch.sources),
    ]


def review_calendar(batch):
    """One calendar file of every pupil's dates to remember, each titled with the pupil's
    name so the school knows whose it is; None when no document gives a date."""
    document = batch.document
    if document.reminders is None:
        return None
    reminders = []
    for prepared in batch.ready:
        # Keyed by the pupil, so a calendar made again next term updates their events.
        pupil = prepared.given.get("upn") or prepared.pupil
        for reminder in document.reminders(prepared.given):
            reminders.append(
                dataclasses.replace(
                    reminder,
                    key=f"{pupil}/{reminder.key}",
                    title=f"{prepared.pupil}: {reminder.title}",
                )
            )
    if not reminders:
        return None
    owner = identity(current_app.config["SECRET_KEY"], f"bulk/{document.slug}")
    return calendar_file(reminders, product=current_app.config["SERVICE_NAME"], owner=owner)


def extra_files(batch):
    """The document's own files for the whole batch (a plan's provision map), if any."""
    hook = batch.document.bulk_files
    if hook is None or not batch.ready:
        return []
    return hook([(prepared.source.where, prepared.given) for prepared in batch.ready])
