"""The bulk figures for `make bench`: a whole register from a CSV to a finished ZIP of plans,
in one process, against plain docxtpl rendering as many plans from the same template with
the same answers.

Two registers are measured. The first is what a SENCO uploads: the facts a school's
management information system exports (name, date of birth, year, class, UPN, SEN status and
needs) with the school's details given once, so each plan leaves the rest as prompts to
write in. The second is the heaviest there is: every answer filled in, outcomes and provision
included. On both sides of each figure the documents are the same.

The engine's side reads the CSV, checks every row through the plan's forms, renders, and
streams the ZIP (with its summary, calendar and provision map) into a sink that only counts
bytes, as a download would send them. Peak memory is measured across the bulk runs alone, to
show it stays flat: the ZIP is streamed, never held.
"""

import csv
import io
import time
from pathlib import Path

from bench.rendering import plain_docxtpl_render
from service.bulk.batch import batch_from_file
from service.bulk.flat import flat_values
from service.bulk.output import zip_chunks

TARGET = 15
SLUG = "sen-support-plan"
# What an MIS export gives, and what the whole-register pages take once for every pupil.
REGISTER_FACTS = (
    "child_name", "child_known_as", "child_dob", "year_group", "upn", "class_name",
    "sen_status", "primary_need", "secondary_need", "school_name", "senco_name", "plan_start",
    "review_1",
)  # fmt: skip


def register_csv(document, answers, rows, columns=None):
    """A register of `rows` pupils with these answers (those of `columns`, if given), each
    pupil with a name of their own."""
    flat = flat_values(document, answers)
    headings = [h for h in flat if columns is None or h in columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for number in range(rows):
        writer.writerow(
            [flat[h] if h != "child_name" else f"Pupil {number} Example" for h in headings]
        )
    return out.getvalue().encode()


def _status_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return None


def _reset_peak():
    """Start the peak memory count afresh (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _run(app, document, answers, rows, columns):
    """(CSV bytes, seconds, ZIP bytes sent, the context of the first plan) for a register."""
    with app.test_request_context():
        data = register_csv(document, answers, rows, columns)
        # Warm: templates compiled and forms bound, as in a process that has served before.
        b"".join(zip_chunks(batch_from_file(document, register_csv(document, answers, 1, columns))))
        start = time.perf_counter()
        batch = batch_from_file(document, data)
        if len(batch.ready) != rows:
            raise RuntimeError(f"{len(batch.ready)} of {rows} rows made: {batch.problems[:3]}")
        sent = sum(len(chunk) for chunk in zip_chunks(batch))
        seconds = time.perf_counter() - start
        context = document.build_context(batch.ready[0].answers)
    return len(data), seconds, sent, context


def _plain(template, context, rows):
    start = time.perf_counter()
    for _ in range(rows):
        plain_docxtpl_render(template, context)
    return time.perf_counter() - start


def bulk_figures(app, rows):
    document = app.extensions["catalogue"].get(SLUG)
    template = app.extensions["catalogue"].template_path(document)
    with app.test_request_context():
        answers = document.example
    registers = [
        ("register facts, the rest left to write in", REGISTER_FACTS),
        ("every answer filled in, the heaviest", None),
    ]
    lines = [f"Bulk: {rows:,} {document.title}s from one CSV to one ZIP, in one process"]
    before = _status_kb("VmRSS")
    reset = _reset_peak()
    for label, columns in registers:
        size, seconds, sent, context = _run(app, document, answers, rows, columns)
        plain = _plain(template, context, rows)
        ratio = plain / seconds
        verdict = "meets" if ratio >= TARGET else "MISSES"
        lines += [
            f"  {label} ({size / 1e6:.1f} MB of CSV, {sent / 1e6:.1f} MB of ZIP):",
            f"    plain docxtpl, {rows:,} renders of the same template: {plain:8.2f} s",
            f"    CSV to finished ZIP (read, check, render, zip):  {seconds:8.2f} s   "
            f"{ratio:6.2f}x faster ({verdict} the {TARGET}x target)",
        ]
    peak = _status_kb("VmHWM")
    lines.append(
        f"  memory: peak RSS {peak / 1024:.0f} MB across both runs, against "
        f"{before / 1024:.0f} MB before them"
        if reset and peak and before
        else "  memory: peak RSS not measured on this system"
    )
    return lines
