"""The soak: steady load for a while, each worker's memory read at intervals. Memory is flat
when no worker grew, from its first reading to its last, by more than the tolerance."""

import time
from dataclasses import dataclass

# Growth allowed over a soak: the allocator settling, not a leak. A leak of one letter's
# answers a request (a few kilobytes) would pass 10 MB within a minute at these rates.
FLAT_MB = 10.0
FLAT_SHARE = 0.05


@dataclass(frozen=True)
class Growth:
    pid: int
    first_mb: float
    last_mb: float

    @property
    def mb(self):
        return self.last_mb - self.first_mb

    @property
    def allowed_mb(self):
        return max(FLAT_MB, self.first_mb * FLAT_SHARE)

    @property
    def flat(self):
        return self.mb <= self.allowed_mb


def sample_series(server, *, seconds, interval, running):
    """[(seconds since start, {pid: MB})] every `interval` seconds for `seconds`, while the
    load (`running()`) lasts."""
    series = []
    started = time.monotonic()
    next_at = started + interval
    while True:
        time.sleep(max(0.0, next_at - time.monotonic()))
        series.append((round(time.monotonic() - started), server.worker_rss_mb()))
        next_at += interval
        if next_at > started + seconds + 0.5 or not running():
            return series


def growth(series):
    """Each worker's growth between its first and last reading (workers read once: none)."""
    readings = {}
    for _, sizes in series:
        for pid, size in sizes.items():
            readings.setdefault(pid, []).append(size)
    return [
        Growth(pid, sizes[0], sizes[-1])
        for pid, sizes in sorted(readings.items())
        if len(sizes) > 1
    ]
