"""Several limits counted at once, in memory and on a real Redis server (one round trip)."""

import contextlib
import threading
import time
import uuid
from types import SimpleNamespace

import pytest
from limits import parse, parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from service import limit_counting
from service.limit_storage import InlineSweptMemoryStorage


@pytest.fixture(params=["memory", "redis"])
def limiter(request):
    """What Flask-Limiter offers the counting: its storage and fixed-window strategy. On
    Redis each test counts under its own name and removes its keys afterwards."""
    if request.param == "memory":
        storage = storage_from_string("memory://")
    else:
        pytest.importorskip("redis")
        storage = storage_from_string(request.getfixturevalue("redis_url"))
    name = f"test-{uuid.uuid4().hex}"
    yield SimpleNamespace(storage=storage, limiter=FixedWindowRateLimiter(storage), name=name)
    if request.param == "redis":
        with contextlib.closing(storage.get_connection()) as server:
            keys = list(server.scan_iter(match=f"*{name}*"))
            if keys:
                server.delete(*keys)


def steps(limiter, limits, *who):
    return [(limit, (limiter.name, *who)) for limit in parse_many(limits)]


def remaining(limiter, limit, *who):
    return limiter.limiter.get_window_stats(parse(limit), limiter.name, *who).remaining


def test_every_limit_is_counted_while_all_allow(limiter):
    planned = steps(limiter, "3 per minute;10 per hour", "client")
    assert limit_counting.count(limiter, planned).wait is None
    assert limit_counting.count(limiter, planned).wait is None
    assert remaining(limiter, "3 per minute", "client") == 1
    assert remaining(limiter, "10 per hour", "client") == 8


def test_counting_stops_at_the_first_limit_that_refuses(limiter):
    planned = steps(limiter, "2 per minute;10 per hour", "client")
    assert [limit_counting.count(limiter, planned).wait for _ in range(2)] == [None, None]
    wait = limit_counting.count(limiter, planned).wait
    assert 1 <= wait <= 60
    # Refused for the minute, and the hour not used up by the refusal.
    assert remaining(limiter, "10 per hour", "client") == 8


def test_a_refusal_of_the_longer_window_waits_for_it(limiter):
    planned = steps(limiter, "5 per minute;1 per hour", "client")
    assert limit_counting.count(limiter, planned).wait is None
    wait = limit_counting.count(limiter, planned).wait
    assert 60 < wait <= 3600


def test_each_window_says_what_is_left_and_when_it_ends(limiter):
    planned = steps(limiter, "3 per minute;10 per hour", "client")
    limit_counting.count(limiter, planned)
    counted = limit_counting.count(limiter, planned)
    assert [window.remaining for window in counted.windows] == [1, 8]
    now = time.time()
    minute, hour = (window.resets_at - now for window in counted.windows)
    assert 0 < minute <= 60
    assert 60 < hour <= 3600


def test_clients_are_counted_apart(limiter):
    assert limit_counting.count(limiter, steps(limiter, "1 per minute", "one")).wait is None
    assert limit_counting.count(limiter, steps(limiter, "1 per minute", "two")).wait is None
    assert limit_counting.count(limiter, steps(limiter, "1 per minute", "one")).wait is not None


def test_the_strategy_reads_the_counts_and_counts_on_from_them(limiter):
    limit = parse("3 per minute")
    planned = [(limit, (limiter.name, "client"))]
    limit_counting.count(limiter, planned)
    assert limiter.limiter.hit(limit, limiter.name, "client")
    assert limit_counting.count(limiter, planned).wait is None
    assert limit_counting.count(limiter, planned).wait is not None


def test_nothing_to_count_is_allowed(limiter):
    assert limit_counting.count(limiter, []).wait is None


def test_memory_counts_start_no_thread():
    storage = storage_from_string("memory://")
    assert isinstance(storage, InlineSweptMemoryStorage)
    strategy = FixedWindowRateLimiter(storage)
    time.sleep(0.05)  # the thread the base class starts once, when made, has finished
    before = threading.active_count()
    for number in range(50):
        strategy.hit(parse("100 per minute"), "client", str(number))
    assert threading.active_count() == before


def test_memory_counts_past_their_window_are_cleared(monkeypatch):
    storage = storage_from_string("memory://")
    strategy = FixedWindowRateLimiter(storage)
    strategy.hit(parse("5 per second"), "client", "old")
    assert storage.storage
    later = time.time() + 5
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "monotonic", lambda: later)
    strategy.hit(parse("5 per hour"), "client", "new")
    assert [key for key in storage.storage if "old" in key] == []
    assert [key for key in storage.storage if "new" in key]
