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
K = TypeVar("K")

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


# The counts computed under `counted_together`, by key, written to the cache in one call at its end.
_batch: ContextVar[dict[str, Any] | None] = ContextVar("counts_batch", default=None)


def cached(kind: str, query: str, compute: Callable[[], T], wait: bool = True, looked: bool = False) -> T:
    """`compute()` for this kind of count and canonical query string, from the cache when fresh.

    One caller computes a missing value while the others asking for it wait for it (a lock in the
    cache): twenty clients opening the same new filter count it once, not twenty times at once.
    With `wait=False` (a value that costs a few milliseconds, less than the lock's two extra calls
    to the cache and a wait), every caller that misses computes it. Under `counted_together`, whose
    lock covers the values of its one filter set, a missing value is computed at once and written
    with the others (values shared by several filter sets go through `cached_many`).
    `looked`: the caller found it missing a moment ago (`peek_many`), so it is not looked up again.
    """
    name = key(kind, query)
    batch = _batch.get()
    if batch is not None and name in batch:
        return batch[name]
    value = None if looked else cache.get(name)
    if value is not None:
        return value
    if batch is not None:
        batch[name] = value = compute()
        return value
    if not wait:
        value = compute()
        cache.set(name, value, TTL)
        return value
    with _locked(name) as first:
        if first:
            value = compute()
            cache.set(name, value, TTL)
            return value
    value = _waited(lambda: cache.get(name))
    return value if value is not None else compute()


def cached_many(wanted: dict[K, tuple[str, str]], computers: dict[K, Callable[[], Any]]) -> dict[K, Any]:
    """The value of each (kind, query) pair in `wanted`, by its name, from the cache (one call), else
    computed by its computer and written, all in one call.

    The missing ones are locked in one call, as `cached` locks one: a broad count that many lists
    share (the speakers of every statement since a day: most of a second at a million) is computed by
    the first caller while the others wait for it. A caller writes and unlocks what it computed before
    it waits for what others compute, so two callers never wait for each other."""
    names = {piece: key(kind, query) for piece, (kind, query) in wanted.items()}
    stored = cache.get_many(list(names.values()))
    found = {piece: stored[name] for piece, name in names.items() if name in stored}
    missing = [piece for piece in names if piece not in found]
    if not missing:
        return found
    locks = {piece: f"{names[piece]}:lock" for piece in missing}
    taken = set(cache.add_many(list(locks.values()), LOCK_SECONDS))  # reactions/cache_backend.py
    computed = {piece: computers[piece]() for piece in missing if locks[piece] in taken}
    if computed:
        values = {names[piece]: value for piece, value in computed.items()}
        cache.set_many(values, TTL)
        cache.delete_many([locks[piece] for piece in computed])
        found |= computed
    others = [piece for piece in missing if piece not in computed]
    if others:

        def all_written() -> dict[str, Any] | None:
            got = cache.get_many([names[piece] for piece in others])
            return got if len(got) == len(others) else None

        waited = _waited(all_written) or {}
        found |= {p: waited[names[p]] if names[p] in waited else computers[p]() for p in others}
    return found


def counted_together(
    wanted: list[tuple[str, str]], compute: Callable[[], dict[tuple[str, str], Any]]
) -> dict[tuple[str, str], Any]:
    """The values of these (kind, query) pairs, read from the cache in one call, or else computed
    together by `compute` (which returns them by pair) under one lock, as `cached` computes one.

    What `compute` counts through `cached` on the way is written with them, all in one call (what it
    counts through `cached_many`, shared with other filters, is written as soon as it is counted,
    for the callers waiting for it): a counts request computes a dozen values, and each value's
    read, lock, write and unlock were a round trip to the cache of their own."""
    found = peek_many(wanted)
    if len(found) == len(wanted):
        return found
    with _locked(key("together", "&".join(f"{kind}={query}" for kind, query in wanted))) as first:
        if first:
            return _computed_in_one_batch(compute)

    def all_found() -> dict[tuple[str, str], Any] | None:
        found = peek_many(wanted)
        return found if len(found) == len(wanted) else None

    waited = _waited(all_found)
    return waited if waited is not None else _computed_in_one_batch(compute)


def _computed_in_one_batch(compute: Callable[[], dict[tuple[str, str], Any]]) -> dict[tuple[str, str], Any]:
    batch: dict[str, Any] = {}
    token = _batch.set(batch)
    try:
        values = compute()
    finally:
        _batch.reset(token)
    batch.update({key(kind, query): value for (kind, query), value in values.items()})
    cache.set_many(batch, TTL)
    return values


@contextmanager
def _locked(name: str) -> Iterator[bool]:
    """Whether this caller took the lock on `name` (held until the block ends, or LOCK_SECONDS if
    its holder dies): the caller that did computes, the others wait for its value."""
    if not cache.add(f"{name}:lock", 1, timeout=LOCK_SECONDS):
        yield False
        return
    try:
        yield True
    finally:
        cache.delete(f"{name}:lock")


def _waited(look: Callable[[], T | None]) -> T | None:
    """What `look` finds once another caller has computed it, or None after WAIT_SECONDS (that
    caller failed or is very slow: the waiter then computes it without waiting longer)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
        value = look()
        if value is not None:
            return value
    return None


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
