"""Cached counts: one computation per key and data version, shared by callers that ask at once."""

import threading
import time

import pytest
from django.core.cache import cache

from reactions import caching


def test_a_count_is_computed_once_until_the_data_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert caching.cached("t", "q", compute) == 1
    assert caching.cached("t", "q", compute) == 1
    assert caching.cached("t", "other", compute) == 2
    caching._bump()
    assert caching.cached("t", "q", compute) == 3


def test_a_caller_waits_for_the_count_another_is_computing():
    first = threading.Event()

    def slow():
        first.set()
        time.sleep(0.3)
        return "counted by the first caller"

    results = []
    worker = threading.Thread(target=lambda: results.append(caching.cached("t", "busy", slow)))
    worker.start()
    first.wait(2)
    # The second caller finds the lock and waits instead of computing.
    assert caching.cached("t", "busy", lambda: "counted twice") == "counted by the first caller"
    worker.join()
    assert results == ["counted by the first caller"]


def test_a_flushed_cache_never_hands_out_an_old_version():
    before = caching.version()
    cache.clear()
    time.sleep(0.002)
    assert caching.version() > before


@pytest.mark.django_db
def test_an_edit_of_an_actor_or_a_statement_outside_the_services_refreshes_the_counts(loaded_catalogue):
    from reactions.models import Actor

    before = caching.version()
    time.sleep(0.002)
    actor = Actor.objects.get(slug="sergey-lavrov")
    actor.role = "Minister"
    actor.save()  # what the admin does
    assert caching.version() > before


def test_a_cache_whose_redis_is_away_answers_as_an_empty_cache():
    from reactions.cache_backend import TolerantRedisCache

    away = TolerantRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 1}})
    assert away.get("k", "default") == "default"
    assert away.get_many(["a", "b"]) == {}
    assert away.add("lock", 1) is True  # a lock taker computes at once instead of waiting
    assert away.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored
    away.set("k", 1)
    away.delete("k")
    assert away.has_key("k") is False
