"""The bulk figure for `make bench`: a whole register from a CSV to a finished ZIP of plans,
in one process, against plain docxtpl rendering as many plans from the same template.

Both sides make the same number of documents from the same answers: the engine's side reads
the CSV, checks every row through the plan's forms, renders, and streams the ZIP (with its
summary, calendar and provision map) into a sink that only counts bytes, as a download would
send them. Peak memory is measured across the bulk run alone, to show it stays flat: the ZIP
is streamed, never held.
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


def register_csv(document, answers, rows):
    """A register of `rows` pupils with the example's answers, each with its own name."""
    flat = flat_values(document, answers)
    headings = list(flat)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for number in range(rows):
        writer.writerow(
            [flat[h] if h != "child_name" else f"Pupil {number} Example" for h in headings]
        )
    return out.getvalue().encode()


def _peak_rss_kb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def _current_rss_kb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def _reset_peak():
    """Start the peak memory count afresh (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def bulk_figures(app, rows):
    document = app.extensions["catalogue"].get(SLUG)
    template = app.extensions["catalogue"].template_path(document)
    with app.test_request_context():
        answers = document.example
        data = register_csv(document, answers, rows)
        context = document.build_context(answers)
        # Warm: templates compiled and forms bound, as in a process that has served before.
        b"".join(zip_chunks(batch_from_file(document, register_csv(document, answers, 2))))
        before = _current_rss_kb()
        reset = _reset_peak()
        start = time.perf_counter()
        sent = 0
        batch = batch_from_file(document, data)
        if len(batch.ready) != rows:
            raise RuntimeError(
                f"only {len(batch.ready)} of {rows} rows were made: {batch.problems[:3]}"
            )
        for chunk in zip_chunks(batch):
            sent += len(chunk)
        bulk = time.perf_counter() - start
        peak = _peak_rss_kb()
    start = time.perf_counter()
    for _ in range(rows):
        plain_docxtpl_render(template, context)
    plain = time.perf_counter() - start
    ratio = plain / bulk
    verdict = "meets" if ratio >= TARGET else "MISSES"
    peak_text = (
        f"peak RSS {peak / 1024:.0f} MB against {before / 1024:.0f} MB before it"
        if reset and peak and before
        else "peak RSS not measured on this system"
    )
    return [
        f"Bulk: {rows:,} {document.title}s from one CSV ({len(data) / 1e6:.1f} MB) to one ZIP "
        f"({sent / 1e6:.1f} MB), in one process",
        f"  plain docxtpl, {rows:,} renders of the same template: {plain:8.2f} s",
        f"  CSV to finished ZIP (read, check, render, zip):  {bulk:8.2f} s   {ratio:6.2f}x "
        f"faster ({verdict} the {TARGET}x target)",
        f"  memory: {peak_text}",
    ]
