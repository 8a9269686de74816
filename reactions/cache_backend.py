"""Redis as Django's cache, degrading to "no cache" while Redis is away or does not answer.

The cache holds throttle counters, counts and rendered facet panels: all of it can be recomputed.
Without this, a Redis outage would turn every page and API read into a 500; with it, reads go on
(slower, unthrottled) and the outage is logged once a minute. Ingest, which needs Redis as its
queue, still fails with a 503 (articles/jobs.py).

A Redis that accepts connections but never answers costs each call its socket timeout
(`CACHE_SOCKET_TIMEOUT_MS`), and a page makes dozens of calls: so the first call that times out or
cannot connect opens a breaker, and for `CACHE_RETRY_SECONDS` every call in this process is a miss
without touching the network; the first call after that tries Redis again.
"""

from __future__ import annotations

import logging
import time

import redis
from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = logging.getLogger(__name__)
_LOG_EVERY = 60.0  # seconds between two warnings of the same outage
_last_warning = 0.0


def _warn(exc: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= _LOG_EVERY:
        _last_warning = now
        log.warning("cache unavailable, serving without it: %s", exc)


class Breaker:
    """Open for a while after Redis failed to answer: the cache is skipped meanwhile."""

    def __init__(self) -> None:
        self.open_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self) -> None:
        self.open_until = time.monotonic() + settings.CACHE_RETRY_SECONDS


breaker = Breaker()


def _tolerant(name: str, fallback, implementation=None):
    def method(self, *args, **kwargs):
        if breaker.is_open():
            return fallback(*args, **kwargs) if callable(fallback) else fallback
        try:
            return (implementation or getattr(RedisCache, name))(self, *args, **kwargs)
        except redis.RedisError as exc:
            if isinstance(exc, redis.ConnectionError | redis.TimeoutError):
                breaker.trip()
            _warn(exc)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


class ReusedClients(RedisCacheClient):
    """One redis-py client per connection pool, made once. Django makes a new client on every cache
    call, and redis-py fills a table of about 170 reply parsers each time: 0.2-0.5 ms of Python per
    call, so the three calls of an answer served from the cache spent more time there than in
    Redis. A client is safe to share between threads (each command borrows a pooled connection)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


def _add_many(cache: RedisCache, keys: list[str], timeout: int) -> list[str]:
    """`add` of each key (to the value 1), in one round trip: the keys that were not there."""
    client = cache._cache.get_client(None, write=True)
    pipeline = client.pipeline(transaction=False)
    for key in keys:
        pipeline.set(cache.make_and_validate_key(key), 1, nx=True, ex=timeout)
    return [key for key, added in zip(keys, pipeline.execute(), strict=True) if added]


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients

    get = _tolerant("get", lambda key, default=None, version=None: default)
    get_many = _tolerant("get_many", lambda keys, version=None: {})
    has_key = _tolerant("has_key", False)
    set = _tolerant("set", None)
    set_many = _tolerant("set_many", lambda data, *a, **k: list(data))  # the keys not stored
    # `add` answers "stored" so a caller taking a lock computes at once instead of waiting for a
    # holder that does not exist.
    add = _tolerant("add", True)
    add_many = _tolerant("add_many", lambda keys, timeout: list(keys), _add_many)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    clear = _tolerant("clear", None)


class LocalCache(LocMemCache):
    """The embedded default's cache (one per process), with `add_many` as the Redis cache has it."""

    def add_many(self, keys: list[str], timeout: int) -> list[str]:
        return [key for key in keys if self.add(key, 1, timeout=timeout)]
