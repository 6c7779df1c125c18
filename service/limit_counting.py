"""Counting one request against several rate limits at once.

Work that makes a document is counted against up to four limits (per client and per draft,
each a short and a long window), and an API request against the API's limits as well. On
Redis, counting them one by one is a round trip each, which cost more than the rest of the
request; here they are counted by one script in one round trip. It does what limits'
fixed-window strategy does counting them in turn: each count goes up by one and starts its
window when it is new, a count over its limit still counts, and counting stops at the first
limit that refuses, so being refused for the minute does not use up the hour. The keys are the
strategy's own, so either way of counting reads the other's counts.
"""

import math
import time
import weakref
from dataclasses import dataclass, field

from limits.storage import RedisClusterStorage, RedisStorage

# KEYS: the counts, shortest window first. ARGV: each one's window in seconds, then its limit.
# Returns each count made and the seconds left in its window, stopping after a refusal.
_COUNT_SCRIPT = """
local counted = {}
for i, key in ipairs(KEYS) do
    local count = redis.call("incrby", key, 1)
    if count == 1 then
        redis.call("expire", key, ARGV[2 * i - 1])
    end
    table.insert(counted, count)
    table.insert(counted, redis.call("ttl", key))
    if count > tonumber(ARGV[2 * i]) then
        break
    end
end
return counted
"""
_scripts = weakref.WeakKeyDictionary()  # storage -> its registered script


@dataclass(frozen=True)
class Window:
    """One limit as counted: what is left of it, and when its window ends (epoch seconds)."""

    limit: object  # a limits RateLimitItem
    identifiers: tuple
    remaining: int
    resets_at: float


@dataclass
class Counted:
    windows: list = field(default_factory=list)  # each limit counted, in order
    refused: bool = False  # the last window counted refused the request

    @property
    def wait(self):
        """None if allowed; else the whole seconds until the refusing window ends."""
        if not self.refused:
            return None
        return max(1, math.ceil(self.windows[-1].resets_at - time.time()))


def count(limiter, steps):
    """Count a request against `steps`, [(limit, identifiers)] shortest window first."""
    if not steps:
        return Counted()
    storage = limiter.storage
    # A cluster keeps keys of different clients on different nodes, out of one script's reach.
    if isinstance(storage, RedisStorage) and not isinstance(storage, RedisClusterStorage):
        return _count_in_redis(storage, steps)
    return _count_one_by_one(storage, steps)


def _count_one_by_one(storage, steps):
    """As the fixed-window strategy's `hit` counts (a count over its limit refuses), with
    what is left read from the same count rather than asked for again."""
    counted = Counted()
    for limit, identifiers in steps:
        key = limit.key_for(*identifiers)
        number = storage.incr(key, limit.get_expiry())
        remaining = max(0, limit.amount - number)
        counted.windows.append(Window(limit, identifiers, remaining, storage.get_expiry(key)))
        if number > limit.amount:
            counted.refused = True
            break
    return counted


def _count_in_redis(storage, steps):
    script = _scripts.get(storage)
    if script is None:
        script = _scripts[storage] = storage.get_connection().register_script(_COUNT_SCRIPT)
    keys = [storage.prefixed_key(limit.key_for(*identifiers)) for limit, identifiers in steps]
    arguments = [value for limit, _ in steps for value in (limit.get_expiry(), limit.amount)]
    figures = script(keys, arguments)
    now = time.time()
    counted = Counted()
    for (limit, identifiers), number, seconds_left in zip(
        steps, figures[::2], figures[1::2], strict=False
    ):
        remaining = max(0, limit.amount - int(number))
        counted.windows.append(
            Window(limit, identifiers, remaining, now + max(int(seconds_left), 0))
        )
        counted.refused = int(number) > limit.amount
    return counted
