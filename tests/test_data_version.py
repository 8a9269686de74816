"""Cached counts: one computation per key and data version, shared by callers that ask at once."""

import threading
import time

import pytest
from django.core.cache import cache

from reactions import data_version


def test_a_count_is_computed_once_until_the_data_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert data_version.cached("t", "q", compute) == 1
    assert data_version.cached("t", "q", compute) == 1
    assert data_version.cached("t", "other", compute) == 2
    data_version._bump()
    assert data_version.cached("t", "q", compute) == 3


def test_a_caller_waits_for_the_count_another_is_computing():
    first = threading.Event()

    def slow():
        first.set()
        time.sleep(0.3)
        return "counted by the first caller"

    results = []
    worker = threading.Thread(target=lambda: results.append(data_version.cached("t", "busy", slow)))
    worker.start()
    first.wait(2)
    # The second caller finds the lock and waits instead of computing.
    assert data_version.cached("t", "busy", lambda: "counted twice") == "counted by the first caller"
    worker.join()
    assert results == ["counted by the first caller"]


def test_a_waiting_caller_takes_a_count_of_zero_as_counted():
    first = threading.Event()

    def slow():
        first.set()
        time.sleep(0.3)
        return 0

    worker = threading.Thread(target=lambda: data_version.cached("t", "none", slow))
    worker.start()
    first.wait(2)
    assert data_version.cached("t", "none", lambda: "counted twice") == 0
    worker.join()


def test_values_counted_together_are_written_with_what_they_counted_on_the_way():
    calls = []

    def both():
        calls.append(1)
        shared = data_version.cached("piece", "p", lambda: 5)
        # Read back within the batch, not counted again.
        assert data_version.cached("piece", "p", lambda: "counted twice") == 5
        return {("total", "q"): shared + 1, ("facets", "q"): [shared]}

    wanted = [("total", "q"), ("facets", "q")]
    assert data_version.counted_together(wanted, both) == {("total", "q"): 6, ("facets", "q"): [5]}
    assert data_version.counted_together(wanted, both) == {("total", "q"): 6, ("facets", "q"): [5]}
    assert calls == [1]
    assert data_version.peek("piece", "p") == 5  # written with them, for another list to read
    data_version._bump()
    data_version.counted_together(wanted, both)
    assert calls == [1, 1]


def test_a_caller_waits_for_values_another_is_counting_together():
    first = threading.Event()
    wanted = [("total", "busy")]

    def slow():
        first.set()
        time.sleep(0.3)
        return {("total", "busy"): "counted by the first caller"}

    worker = threading.Thread(target=lambda: data_version.counted_together(wanted, slow))
    worker.start()
    first.wait(2)
    found = data_version.counted_together(wanted, lambda: {("total", "busy"): "counted twice"})
    worker.join()
    assert found == {("total", "busy"): "counted by the first caller"}


def test_a_count_several_lists_share_is_computed_once_when_they_ask_at_once():
    computed = []

    def broad():
        computed.append("broad")
        time.sleep(0.3)
        return "every statement since the day"

    def ask(own: str) -> dict:
        wanted = {"broad": ("piece", "since-day"), "own": ("piece", own)}
        return data_version.cached_many(wanted, {"broad": broad, "own": lambda: f"{own} counted"})

    results = {}
    threads = [threading.Thread(target=lambda o=o: results.update({o: ask(o)})) for o in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert computed == ["broad"]
    assert {o: r["broad"] for o, r in results.items()} == dict.fromkeys(
        "abc", "every statement since the day"
    )
    assert {o: r["own"] for o, r in results.items()} == {o: f"{o} counted" for o in "abc"}


def test_a_caller_writes_what_it_counted_before_it_waits_for_what_another_counts():
    """Each of two callers may hold a count the other needs: neither may keep its own until the
    other's is written, or both wait until WAIT_SECONDS."""
    mine, theirs = data_version.key("piece", "mine"), data_version.key("piece", "theirs")
    assert cache.add(f"{theirs}:lock", 1)  # another caller is counting «theirs»

    def other_caller():
        deadline = time.monotonic() + 5
        while cache.get(mine) is None and time.monotonic() < deadline:
            time.sleep(0.02)  # it needs «mine» before it can finish «theirs»
        cache.set(theirs, "counted by the other caller")
        cache.delete(f"{theirs}:lock")

    other = threading.Thread(target=other_caller)
    other.start()
    began = time.monotonic()
    found = data_version.cached_many(
        {"mine": ("piece", "mine"), "theirs": ("piece", "theirs")},
        {"mine": lambda: "counted here", "theirs": lambda: "counted twice"},
    )
    other.join()
    assert found == {"mine": "counted here", "theirs": "counted by the other caller"}
    assert time.monotonic() - began < 5


def test_slots_bound_how_many_callers_work_at_once():
    with (
        data_version.slot("t", 2) as first,
        data_version.slot("t", 2) as second,
        data_version.slot("t", 2) as third,
    ):
        assert (first, second, third) == (True, True, False)
    with data_version.slot("t", 1) as again:
        assert again  # every place was freed on the way out
    with data_version.slot("other", 1) as other, data_version.slot("t", 1) as t:
        assert other  # kinds do not share places
        assert t


def test_a_flushed_cache_never_hands_out_an_old_version():
    before = data_version.version()
    cache.clear()
    time.sleep(0.002)
    assert data_version.version() > before


@pytest.mark.django_db
def test_an_edit_of_an_actor_or_a_statement_outside_the_services_refreshes_the_counts(loaded_catalogue):
    from reactions.models import Actor

    before = data_version.version()
    time.sleep(0.002)
    actor = Actor.objects.get(slug="sergey-lavrov")
    actor.role = "Minister"
    actor.save()  # what the admin does
    assert data_version.version() > before


def test_a_cache_whose_redis_is_away_answers_as_an_empty_cache():
    from reactions.cache_backend import TolerantRedisCache

    away = TolerantRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 1}})
    assert away.get("k", "default") == "default"
    assert away.get_many(["a", "b"]) == {}
    assert away.add("lock", 1) is True  # a lock taker computes at once instead of waiting
    assert away.add_many(["a", "b"], 60) == ["a", "b"]
    assert away.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored
    away.set("k", 1)
    away.delete("k")
    assert away.has_key("k") is False


def test_the_redis_cache_takes_the_locks_it_can_in_one_call():
    import redis

    from reactions.cache_backend import TolerantRedisCache, breaker
    from tests.processes import TEST_REDIS_URL

    breaker.open_until = 0.0  # as if the away Redis of the test before had not tripped it
    shared = TolerantRedisCache(TEST_REDIS_URL, {"KEY_PREFIX": "add-many-test"})
    shared.delete_many(["a", "b", "c"])
    assert shared.add("b", 1, timeout=60)  # another caller's
    assert shared.add_many(["a", "b", "c"], 60) == ["a", "c"]
    assert shared.add_many(["a", "c"], 60) == []
    assert shared.get_many(["a", "b", "c"]) == {"a": 1, "b": 1, "c": 1}
    client = redis.Redis.from_url(TEST_REDIS_URL)
    assert 0 < client.ttl(shared.make_key("a")) <= 60  # a holder that dies frees it
    shared.delete_many(["a", "b", "c"])


def _rename_outlet(store):
    from articles.models import Source

    source = Source.objects.first()
    source.name = "Renamed outlet"
    source.save()


def _delete_statement(store):
    from reactions.models import Statement

    Statement.objects.first().delete()


def _delete_article(store):
    from articles.models import Article

    Article.objects.first().delete()


def _add_event(store):
    from reactions.models import Event

    Event.objects.create(slug="a-call", name="A call", kind="occasion", start="2022-01-07")


def _add_alias(store):
    from reactions.models import Actor, ActorAlias

    ActorAlias.objects.create(actor=Actor.objects.first(), text="Another name", language="en")


@pytest.mark.django_db
@pytest.mark.parametrize("edit", [_rename_outlet, _delete_statement, _delete_article, _add_event, _add_alias])
def test_an_admin_edit_or_deletion_is_a_new_version_of_the_data(store_with_article_a, edit):
    store_with_article_a("عنوان ب\nوأكد بيتر ستانو، الاثنين، أن قوات حفظ السلام يجب أن تنسحب قريبا.\n")
    before = data_version.version()
    time.sleep(0.002)
    edit(store_with_article_a)
    assert data_version.version() > before
