"""Watching a gunicorn's workers during a scenario: their memory, and any that were replaced."""

import threading
from dataclasses import dataclass, field


@dataclass
class WorkerWatch:
    """Samples the workers of `server` every `interval` seconds until stopped: the largest
    resident memory of each, and every worker seen (so a restart, such as gunicorn's
    max_requests recycling, shows as a new process)."""

    server: object
    interval: float = 0.5
    peak_mb: dict = field(default_factory=dict)
    first_pids: frozenset = frozenset()
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread = None

    def __enter__(self):
        self.first_pids = frozenset(self.server.worker_pids())
        self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self):
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self):
        for pid, size in self.server.worker_rss_mb().items():
            self.peak_mb[pid] = max(size, self.peak_mb.get(pid, 0.0))

    @property
    def restarts(self):
        """Workers started during the scenario."""
        return len(set(self.peak_mb) - self.first_pids)

    @property
    def largest_mb(self):
        return max(self.peak_mb.values(), default=0.0)
