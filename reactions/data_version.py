"""The data's version, and the counts cached under it: facets and timelines, keyed by the filters.

The version changes whenever the data changes (an article stored or re-extracted, an analyst's
correction, actors merged or the catalogue loaded, synthetic data loaded): writers call
`statements_changed()`, which bumps it again once their transaction commits, so no reader sees
counts older than the data. With REDIS_URL set the cache is
shared by every web worker; the embedded default keeps one per process.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "statements:version"
TTL = 15 * 60  # counts of filters nobody asks for again leave the cache on their own
LOCK_SECONDS = 60  # a computing caller that died frees its lock after this
WAIT_SECONDS = 30  # how long a caller waits for another's count before counting itself

T = TypeVar("T")

# The version one request reads, once (OneVersionPerRequest): its ETag, its cached answer and its
# cached counts all name the same version, and each cache key costs no extra Redis call. Outside a
# request (a worker, a command) every call reads the cache.
_request_version: ContextVar[list[int | None] | None] = ContextVar("request_version", default=None)


def version() -> int:
    """The data's version: the time of its last change in milliseconds (so it doubles as the API's
    Last-Modified), or of the cache's start when it has forgotten (a flushed cache never hands out a
    version it handed out before)."""
    scope = _request_version.get()
    if scope is not None and scope[0] is not None:
        return scope[0]
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, _now_ms(), timeout=None)
        value = cache.get(VERSION_KEY) or _now_ms()
    if scope is not None:
        scope[0] = value
    return value


class OneVersionPerRequest:
    """Middleware: the data's version is read once per request (see `_request_version`)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set([None])
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)


def _now_ms() -> int:
    return int(time.time() * 1000)


def statements_changed() -> None:
    """Invalidate every cached count now and again once the current transaction commits (a reader
    in between may have counted the old rows under the new version)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    value = max(_now_ms(), (cache.get(VERSION_KEY) or 0) + 1)
    cache.set(VERSION_KEY, value, timeout=None)
    if (scope := _request_version.get()) is not None:  # the writing request reads its own write
        scope[0] = value


def key(kind: str, query: str) -> str:
    """The cache key of this kind of count for this query under the current version."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"counts:{kind}:{version()}:{digest}"


def peek(kind: str, query: str):
    """The fresh cached value for this kind and query, or None: never computes, never waits."""
    return cache.get(key(kind, query))


def peek_many(wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """The fresh cached values of these (kind, query) pairs, those the cache holds, in one call."""
    names = {key(kind, query): (kind, query) for kind, query in wanted}
    return {names[name]: value for name, value in cache.get_many(list(names)).items()}


def cached(kind: str, query: str, compute: Callable[[], T], wait: bool = True) -> T:
    """`compute()` for this kind of count and canonical query string, from the cache when fresh.

    One caller computes a missing value while the others asking for it wait for it (a lock in the
    cache): twenty clients opening the same new filter count it once, not twenty times at once.
    With `wait=False` (a value that costs a few milliseconds, less than the lock's two extra calls
    to the cache and a wait), every caller that misses computes it.
    """
    name = key(kind, query)
    value = cache.get(name)
    if value is not None:
        return value
    if not wait:
        value = compute()
        cache.set(name, value, TTL)
        return value
    if cache.add(f"{name}:lock", 1, timeout=LOCK_SECONDS):
        try:
            value = compute()
            cache.set(name, value, TTL)
        finally:
            cache.delete(f"{name}:lock")
        return value
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
        value = cache.get(name)
        if value is not None:
            return value
    return compute()  # the other caller failed or is very slow: count without waiting longer


@contextmanager
def slot(kind: str, slots: int, seconds: int = LOCK_SECONDS) -> Iterator[bool]:
    """One of `slots` places for heavy work of this kind, shared by every web process through the
    cache: yields True holding a place (freed on exit, or after `seconds` if its holder died), or
    False when all are taken, and the caller answers without doing the work."""
    for i in range(slots):
        name = f"slot:{kind}:{i}"
        if cache.add(name, 1, timeout=seconds):
            try:
                yield True
            finally:
                cache.delete(name)
            return
    yield False
