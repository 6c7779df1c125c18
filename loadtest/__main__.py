# ruff: noqa: T201 (a command-line report: printing is what it is for)
"""`make loadtest`: a bounded load on loopback, and the figures the project holds itself to.

The service runs in gunicorn in the production configuration (bench/config.py: generated
secrets, SQLite in a temporary instance folder, only the rate limits raised), with the
project's gunicorn.conf.py. Rate-limit counts are kept in memory with one worker, or in Redis
with two (--redis, or TEST_REDIS_URL). A minimal Flask app doing plain docxtpl runs in the same
setup at the same time, as the baseline. wrk drives each scenario for a fixed time; then PDFs
are made while the start page is loaded, and a soak reads the workers' memory as it goes.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench.config import describe, production_app, production_environ
from bench.drafts import finished_draft_cookie
from loadtest import pdf_mix, soak, wrk
from loadtest.apps import INSTANCE_VARIABLE
from loadtest.servers import HOST, Server, ServerError, environ_for
from loadtest.watch import WorkerWatch
from service.answers import validate_answers

TARGET_RATIO = 8  # letter downloads a second against the baseline's
TARGET_P99_MS = 100  # at TARGET_CONNECTIONS
TARGET_CONNECTIONS = 32
TARGET_FRONT_PAGE_MS = 1000  # slowest start page while PDFs convert
LETTER, PLAN = "concern-letter", "sen-support-plan"
LETTER_DOWNLOAD, LETTER_API = "letter (journey download)", "letter (API)"
BASELINE = "plain docxtpl baseline"


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="each scenario (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured, before each (2)")
    parser.add_argument(
        "--connections", default="8,32", help="comma-separated connection counts (8,32)"
    )
    parser.add_argument("--pdfs", type=int, default=8, help="PDFs converting at once (8)")
    parser.add_argument("--pdf-seconds", type=int, default=15, help="the PDF mix (15)")
    parser.add_argument("--soak", type=int, default=90, help="seconds of soak, 0 for none (90)")
    parser.add_argument("--soak-interval", type=int, default=10, help="between readings (10)")
    parser.add_argument(
        "--redis",
        default=os.environ.get("TEST_REDIS_URL", ""),
        help="Redis URL for rate-limit counts, with two workers (default TEST_REDIS_URL; "
        "without it, memory:// and one worker)",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        default=None,
        help="override gunicorn.conf.py's worker recycling (0: never recycle)",
    )
    arguments = parser.parse_args(argv)
    arguments.connections = sorted({int(part) for part in arguments.connections.split(",")})
    return arguments


def main(argv=None):
    arguments = parse_arguments(argv)
    try:
        program = wrk.find_wrk()
    except wrk.WrkError as error:
        sys.exit(str(error))
    with tempfile.TemporaryDirectory(prefix="sen-loadtest-") as folder:
        try:
            run(arguments, program, Path(folder))
        except (ServerError, wrk.WrkError) as error:
            sys.exit(f"The load test stopped: {error}")


def run(arguments, program, folder):
    workers, storage = (2, arguments.redis) if arguments.redis else (1, "memory://")
    instance = folder / "instance"
    settings = production_environ(
        RATELIMIT_STORAGE_URI=storage, **{INSTANCE_VARIABLE: str(instance)}
    )
    app = production_app(str(instance), settings)
    bodies = write_bodies(folder, app)
    cookie = finished_draft_cookie(app, LETTER)
    environ = environ_for(settings)

    # No control socket (gunicorn's is one path for all of a user's servers): none is used.
    flags = ["--no-control-socket"]
    if arguments.max_requests is not None:
        flags.append(f"--max-requests={arguments.max_requests}")
    service = Server(
        "the service", "loadtest.apps:service()", workers, environ, folder / "service.log", flags
    )
    baseline = Server(
        "the baseline",
        "loadtest.baseline:create_app()",
        workers,
        environ,
        folder / "baseline.log",
        flags,
    )
    print_setup(arguments, service, storage)
    try:
        service.start()
        baseline.start()
        rows = throughput(arguments, program, scenarios(service, baseline, bodies, cookie))
        baseline.stop()
        print_targets(rows)
        print_pdf_mix(arguments, pdf_figures(arguments, program, service, bodies))
    finally:
        service.stop()
        baseline.stop()
    if arguments.soak:
        run_soak(arguments, program, service, bodies)


def write_bodies(folder, app):
    """The JSON each scenario posts: the letter's and the plan's example answers (dated as
    the API's examples are), and the letter's context for the baseline."""
    catalogue = app.extensions["catalogue"]
    bodies = {}
    with app.test_request_context():
        for slug in (LETTER, PLAN):
            bodies[slug] = catalogue.get(slug).example
        letter = catalogue.get(LETTER)
        bodies["baseline"] = letter.build_context(validate_answers(letter, bodies[LETTER]).answers)
    paths = {}
    for name, body in bodies.items():
        paths[name] = folder / f"{name}.json"
        paths[name].write_text(json.dumps(body))
    return paths


def scenarios(service, baseline, bodies, cookie):
    """(label, server, path, method, body, headers) of each throughput scenario. The letter
    is downloaded twice over: from the journey by a browser whose draft is finished, and
    from the API with its answers posted."""
    api = "/api/v1/documents/"
    download = f"/documents/{LETTER}/download"
    return [
        (LETTER_DOWNLOAD, service, download, "GET", None, {"Cookie": cookie}),
        (LETTER_API, service, api + LETTER, "POST", bodies[LETTER], None),
        (BASELINE, baseline, "/letter", "POST", bodies["baseline"], None),
        ("SEN Support Plan (API)", service, api + PLAN, "POST", bodies[PLAN], None),
        ("start page", service, "/", "GET", None, None),
    ]


def throughput(arguments, program, planned):
    print_header()
    rows = []
    for connections in arguments.connections:
        for label, server, path, method, body, headers in planned:
            options = {
                "connections": connections,
                "method": method,
                "body_file": body,
                "headers": headers,
            }
            if arguments.warmup:
                wrk.run(program, server.url + path, seconds=arguments.warmup, **options)
            with WorkerWatch(server) as watch:
                result = wrk.run(program, server.url + path, seconds=arguments.seconds, **options)
            rows.append((label, connections, result, watch))
            print_row(label, connections, result, watch)
    print_notes()
    return rows


def print_setup(arguments, service, storage):
    conf = "gunicorn.conf.py" if "--config" in " ".join(service.setup_flags()) else "gthread"
    workers = "one worker" if service.workers == 1 else f"{service.workers} workers"
    if arguments.max_requests is not None:
        conf += f", max_requests {arguments.max_requests}"
    print(f"Load test: gunicorn on {HOST} ({conf}, {workers}), rate-limit counts in {storage}")
    print(f"The app: {describe(storage)}")
    print(
        f"wrk: {arguments.seconds} s a scenario after {arguments.warmup} s unmeasured, "
        "no pause between requests, 10 s timeout"
    )


def print_header():
    print()
    print(
        f"{'scenario':<28}{'conns':>6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'errors':>8}{'worker MB':>11}{'restarts':>10}",
        flush=True,
    )


def print_row(label, connections, result, watch):
    latency = result.latency_ms
    print(
        f"{label:<28}{connections:>6}{result.per_second:>9.1f}{latency['p50']:>9.1f}"
        f"{latency['p99']:>9.1f}{latency['max']:>9.1f}{result.errors:>8}"
        f"{watch.largest_mb:>11.0f}{watch.restarts:>10}",
        flush=True,
    )


def print_notes():
    print("(errors: non-2xx answers and socket errors; worker MB: the largest worker's resident")
    print(" memory; restarts: workers replaced during the scenario, as max_requests recycles)")


def verdict(ok):
    return "meets" if ok else "MISSES"


def print_targets(rows):
    """Each way of getting the letter against the targets."""
    found = {(label, connections): result for label, connections, result, _ in rows}
    print()
    for (label, connections), result in found.items():
        if label not in (LETTER_DOWNLOAD, LETTER_API):
            continue
        base = found.get((BASELINE, connections))
        if base is None or not base.per_second:
            continue
        ratio = result.per_second / base.per_second
        print(
            f"The {label} at {connections} connections: {ratio:.1f} times the baseline's "
            f"throughput ({verdict(ratio >= TARGET_RATIO)} the {TARGET_RATIO}x target)"
        )
    for label in (LETTER_DOWNLOAD, LETTER_API):
        letter = found.get((label, TARGET_CONNECTIONS))
        if letter is None:
            continue
        p99 = letter.latency_ms["p99"]
        print(
            f"The {label} at {TARGET_CONNECTIONS} connections: {letter.errors} errors "
            f"({verdict(letter.errors == 0)} the target of none), p99 {p99:.1f} ms "
            f"({verdict(p99 < TARGET_P99_MS)} the {TARGET_P99_MS} ms target)"
        )


def pdf_figures(arguments, program, service, bodies):
    """Waves of PDFs while wrk loads the start page, and a visitor's view of the start page
    (a new connection every tenth of a second); None if this server makes no PDF."""
    path = f"/api/v1/documents/{LETTER}?format=pdf"
    body = bodies[LETTER].read_bytes()
    # Each worker's LibreOffice pool starts on its first PDF request: start them first.
    first = [pdf_mix.post(HOST, service.port, path, body) for _ in range(service.workers * 2)]
    if not any(status == 200 for status, _ in first):
        return None
    size = arguments.pdfs
    background = [
        pdf_mix.in_background(
            lambda stop: pdf_mix.send_waves(HOST, service.port, path, body, size=size, stop=stop)
        ),
        pdf_mix.in_background(
            lambda stop: pdf_mix.probe(HOST, service.port, "/", pause=0.1, stop=stop)
        ),
    ]
    try:
        with WorkerWatch(service) as watch:
            page = wrk.run(program, service.url + "/", seconds=arguments.pdf_seconds, connections=8)
    finally:
        for stop, _, _ in background:
            stop.set()
        for _, thread, _ in background:
            thread.join()
    (_, _, pdfs), (_, _, visits) = background
    return page, pdfs[0], visits[0], watch


def print_pdf_mix(arguments, figures):
    print()
    if figures is None:
        print("PDF mix: skipped, as this server makes no PDF (is LibreOffice installed?)")
        return
    page, pdfs, visits, watch = figures
    median = f"{pdfs.median_seconds:.2f} s" if pdfs.median_seconds is not None else "none"
    print(
        f"PDF mix: waves of {arguments.pdfs} PDFs of the letter at once, for "
        f"{arguments.pdf_seconds} s, while wrk loads the start page with 8 connections"
    )
    print(
        f"  PDFs made {pdfs.made} (median {median} each), busy (503, try again) {pdfs.busy}, "
        f"errors {pdfs.errors}; largest worker {watch.largest_mb:.0f} MB, workers replaced "
        f"{watch.restarts}"
    )
    latency = page.latency_ms
    print(
        f"  start page under wrk: {page.per_second:.1f} req/s, p50 {latency['p50']:.1f} ms, "
        f"p99 {latency['p99']:.1f} ms, slowest {latency['max']:.1f} ms, errors {page.errors}"
    )
    times = sorted(seconds * 1000 for _, seconds in visits)
    failed = sum(1 for status, _ in visits if status != 200)
    slowest = max(times[-1] if times else 0.0, latency["max"])
    ok = slowest < TARGET_FRONT_PAGE_MS and failed == 0 and page.errors == 0
    print(
        f"  start page for a visitor (new connection each time): {len(times)} visits, "
        f"median {statistics.median(times) if times else 0:.1f} ms, slowest "
        f"{times[-1] if times else 0:.1f} ms, errors {failed}"
    )
    print(
        f"  Slowest start page: {slowest:.1f} ms ({verdict(ok)} the "
        f"{TARGET_FRONT_PAGE_MS} ms target, with no errors)"
    )


def run_soak(arguments, program, service, bodies):
    """Letters and plans together; worker recycling is off (max_requests 0), so growth shows
    instead of being reset every few thousand requests."""
    flags = [*service.extra_flags, "--max-requests=0"]
    soaked = Server(
        "the service (soak)", service.app, service.workers, service.environ, service.log_path, flags
    )
    soaked.start()
    try:
        api = soaked.url + "/api/v1/documents/"
        half = max(1, TARGET_CONNECTIONS // 2)
        loads = [
            wrk.start(
                program,
                api + slug,
                seconds=arguments.soak,
                connections=half,
                method="POST",
                body_file=bodies[slug],
            )
            for slug in (LETTER, PLAN)
        ]
        series = soak.sample_series(
            soaked,
            seconds=arguments.soak,
            interval=arguments.soak_interval,
            running=lambda: any(load.poll() is None for load in loads),
        )
        results = [wrk.finish(load) for load in loads]
    finally:
        soaked.stop()
    print_soak(arguments, series, results, half)


def print_soak(arguments, series, results, connections):
    print()
    print(
        f"Soak: {arguments.soak} s of letters and plans together ({connections} connections "
        f"each), worker recycling off; each worker's resident memory every "
        f"{arguments.soak_interval} s"
    )
    pids = sorted({pid for _, sizes in series for pid in sizes})
    print("  " + f"{'s':>5}" + "".join(f"{'worker ' + str(pid):>16}" for pid in pids))
    for seconds, sizes in series:
        cells = "".join(f"{sizes[pid]:>13.1f} MB" if pid in sizes else f"{'-':>16}" for pid in pids)
        print(f"  {seconds:>5}{cells}")
    for label, result in zip(("letters", "plans"), results, strict=True):
        print(f"  {label}: {result.per_second:.1f} req/s, errors {result.errors}")
    changes = soak.growth(series)
    flat = bool(changes) and all(change.flat for change in changes)
    worst = max(changes, key=lambda change: change.mb, default=None)
    detail = f"largest growth {worst.mb:+.1f} MB" if worst else "too few readings to judge"
    print(
        f"  Memory flat: {verdict(flat)} the target ({detail}; allowed {soak.FLAT_MB:.0f} MB "
        f"or {soak.FLAT_SHARE:.0%} a worker, whichever is more)"
    )


if __name__ == "__main__":
    main()
