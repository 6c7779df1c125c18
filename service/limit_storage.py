"""Rate-limit counts kept in the process (memory://), without a thread for every few counts.

The limits library's in-memory storage, each time it counts, starts a thread to clear expired
counts 10 ms later unless one is already waiting: under load, a new thread for about every
second request, which costs more than the count. This storage clears expired counts in the
request that counts, at most once a second. A count past its window is ignored when read
whether or not it has been cleared, so every limit is exactly as before; clearing only frees
memory.

Registering the class under "memory" makes every memory:// storage this one. It overrides a
private method of limits 5.8 (pinned through Flask-Limiter in pyproject.toml); the tests check
that no thread is started and that expired counts still go.
"""

import threading
import time

from limits.storage import MemoryStorage

SWEEP_EVERY = 1.0  # seconds between clearings of expired counts


class InlineSweptMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = ["memory"]  # noqa: RUF012 (the limits library reads a list)

    def __init__(self, uri=None, wrap_exceptions=False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._next_sweep = 0.0
        self._sweeping = threading.Lock()

    def _MemoryStorage__schedule_expiry(self):  # noqa: N802 (the name the base class calls)
        now = time.monotonic()
        if now < self._next_sweep or not self._sweeping.acquire(blocking=False):
            return
        try:
            self._next_sweep = now + SWEEP_EVERY
            self._MemoryStorage__expire_events()
        finally:
            self._sweeping.release()
