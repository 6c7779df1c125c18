"""PDF requests in waves, sent while wrk loads the start page: does the front page stay fast
while documents convert?

Each wave is `size` requests at once, the next sent when the last of them has its answer. A
busy answer (503 with Retry-After, when every converter and queue place is taken) is the
service protecting itself, and is counted apart from errors.
"""

import http.client
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

BUSY = 503


@dataclass
class PdfResults:
    seconds: list = field(default_factory=list)  # of each PDF made
    statuses: dict = field(default_factory=dict)

    def add(self, status, seconds):
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == 200:
            self.seconds.append(seconds)

    @property
    def made(self):
        return self.statuses.get(200, 0)

    @property
    def busy(self):
        return self.statuses.get(BUSY, 0)

    @property
    def errors(self):
        return sum(self.statuses.values()) - self.made - self.busy

    @property
    def median_seconds(self):
        return statistics.median(self.seconds) if self.seconds else None


def request(host, port, method, path, *, body=None, timeout=30):
    """(status, seconds) of one request on a new connection, status 0 if it failed: a
    visitor's whole wait, connecting included (wrk's latencies leave out the wait for a
    connection to be accepted)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def get(host, port, path, timeout=30):
    return request(host, port, "GET", path, timeout=timeout)


def probe(host, port, path, *, pause, stop):
    """[(status, seconds)] of GETs of `path`, one every `pause` seconds until `stop`."""
    answers = []
    while not stop.wait(pause):
        answers.append(get(host, port, path))
    return answers


def post(host, port, path, body, timeout=120):
    """(status, seconds) of one POST of JSON."""
    return request(host, port, "POST", path, body=body, timeout=timeout)


def send_waves(host, port, path, body, *, size, stop):
    """Send waves of `size` PDF requests until `stop` (a threading.Event) is set."""
    results = PdfResults()
    with ThreadPoolExecutor(max_workers=size) as pool:
        while not stop.is_set():
            for status, seconds in pool.map(lambda _: post(host, port, path, body), range(size)):
                results.add(status, seconds)
    return results


def in_background(work):
    """Run `work(stop)` in a thread; returns (stop, thread, box): set `stop` to end it, join
    the thread, and box[0] holds what `work` returned."""
    stop = threading.Event()
    box = []
    thread = threading.Thread(target=lambda: box.append(work(stop)), daemon=True)
    thread.start()
    return stop, thread, box
