"""Cached counts of the statements lists: facets and timelines, keyed by the filters and a version.

The version changes whenever statements change (an article stored or re-extracted, an analyst's
correction, actors merged, synthetic data loaded): writers call `statements_changed()` once their
transaction commits, so no reader sees counts older than the data. With REDIS_URL set the cache is
shared by every web worker; the embedded default keeps one per process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "statements:version"
TTL = 15 * 60  # counts of filters nobody asks for again leave the cache on their own

T = TypeVar("T")


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        value = cache.get(VERSION_KEY, 1)
    return value


def statements_changed() -> None:
    """Invalidate every cached count now and again once the current transaction commits (a reader
    in between may have counted the old rows under the new version)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (a fresh cache): start a version no reader has used
        cache.add(VERSION_KEY, 2, timeout=None)


def cached(kind: str, query: str, compute: Callable[[], T]) -> T:
    """`compute()` for this kind of count and canonical query string, from the cache when fresh."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    key = f"counts:{kind}:{version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value
