"""PDF figures for `make bench`: LibreOffice started cold against a warm pool, and a burst of
conversions with the front page measured, through a real HTTP server, while they run.

Conversions take tenths of a second to seconds, so these are a few runs of wall time, not
interleaved medians of thousands. The target: a warm conversion at least 4 times faster than
a cold one, and the front page never slower than a second while PDFs convert.
"""

import statistics
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from werkzeug.serving import WSGIRequestHandler, make_server

from service.delivery.pdf import PdfBusyError, PdfFailedError
from service.delivery.pdf_cold import convert_cold

TARGET = 4
FRONT_PAGE_LIMIT = 1.0  # seconds
BURST = 8


def pdf_figures(app, data, *, cold_runs=3, warm_runs=7):
    """Lines to print: cold and warm conversion of `data` (a .docx), their ratio, and a burst
    of BURST conversions at once with the front page's latency meanwhile."""
    converter = app.extensions["pdf"]
    if not converter.available:
        return ["PDF: LibreOffice is not installed here, so nothing to measure"]
    cold = statistics.median(
        _seconds(lambda: convert_cold(converter.program, data, timeout=converter.timeout))
        for _ in range(cold_runs)
    )
    started = time.monotonic()
    converter.convert(data)  # starts the pool: LibreOffice starts and warms up
    first = time.monotonic() - started
    warm = statistics.median(_seconds(lambda: converter.convert(data)) for _ in range(warm_runs))
    pool = converter.pool()
    memory = [instance.memory_mb() for instance in pool.instances()]
    burst = _burst(app, converter, data)
    converter.close()

    ratio = cold / warm
    kind = "warm pool" if pool.warm else "NO Python with uno here: cold fallback"
    slowest = burst["front_slowest"]
    return [
        f"PDF through LibreOffice ({kind}; concurrency {len(pool.slots)}, "
        f"queue {pool.queue.length}, wait {pool.queue.wait} s)",
        _row(f"cold, a fresh LibreOffice each (median of {cold_runs})", f"{cold * 1000:6.0f} ms"),
        _row("first of a process (starts the pool)", f"{first * 1000:6.0f} ms"),
        _row(
            f"warm (median of {warm_runs})",
            f"{warm * 1000:6.0f} ms  {ratio:6.2f}x faster than cold "
            f"({_verdict(ratio >= TARGET)} the {TARGET}x target)",
        ),
        _row("memory of each warm instance", ", ".join(f"{mb:.0f} MB" for mb in memory)),
        _row(
            f"{BURST} at once, wall time",
            f"{burst['wall'] * 1000:6.0f} ms  ({burst['served']} served, {burst['busy']} "
            f"refused busy, {burst['failed']} failed)",
        ),
        _row(
            f"front page meanwhile ({burst['front_count']} over HTTP)",
            f"median {burst['front_median'] * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms "
            f"({_verdict(slowest < FRONT_PAGE_LIMIT)} the {FRONT_PAGE_LIMIT:.0f} s limit)",
        ),
    ]


def _row(label, value):
    return f"  {label:<46}: {value}"


def _verdict(met):
    return "meets" if met else "MISSES"


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass  # a line per request would bury the figures


def _seconds(work):
    started = time.monotonic()
    work()
    return time.monotonic() - started


def _burst(app, converter, data):
    """BURST conversions at once, as BURST request threads would ask, while another thread
    asks a real server for the front page again and again."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    front = f"http://127.0.0.1:{server.port}/"
    outcomes = []
    _get(front)  # its templates compiled, as a running service has them

    def convert(_):
        try:
            converter.convert(data)
        except PdfBusyError:
            return "busy"
        except PdfFailedError:
            return "failed"
        return "served"

    latencies = []
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=BURST) as pool:
            futures = [pool.submit(convert, number) for number in range(BURST)]
            while not all(future.done() for future in futures):
                latencies.append(_seconds(lambda: _get(front)))
                time.sleep(0.01)
            outcomes = [future.result() for future in futures]
        wall = time.monotonic() - started
    finally:
        server.shutdown()
        serving.join(timeout=5)
    return {
        "wall": wall,
        "served": outcomes.count("served"),
        "busy": outcomes.count("busy"),
        "failed": outcomes.count("failed"),
        "front_count": len(latencies),
        "front_median": statistics.median(latencies) if latencies else 0.0,
        "front_slowest": max(latencies, default=0.0),
    }


def _get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
        response.read()
