"""Facet counts: each facet counted once for every list that applies the same other filters, the
same counts whichever list asked first, and (on PostgreSQL) counts that the indexes answer alone."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date, timedelta
from unittest.mock import patch

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import services
from articles.models import Article, Source
from reactions.facets import (
    FACETS,
    count_query,
    facets,
    filters_key,
    period_counts,
    searched,
    statement_total,
)
from reactions.filters import StatementFilter
from reactions.models import Actor, Event, Statement
from reactions.queries import list_counts, timeline

SPEAKERS = [
    "vladimir-putin",
    "sergey-lavrov",
    "russian-foreign-ministry",
    "kassym-jomart-tokayev",
    "kazakhstan",
    "antony-blinken",
    "us-state-department",
    "wang-yi",
    "csto",
]
ACTS = ["appeal", "support", "disapprove", "reject", "statement"]
TOPICS = ["protests", "csto", "both", "other"]
QUOTES = ["direct", "indirect", "mixed"]


@pytest.fixture
def varied(loaded_catalogue):
    """120 statements of nine speakers (persons, ministries, a country, an organisation; five
    countries), three outlets, every act, topic and quote type, over ten days, a few with no day,
    a quarter linked to three events."""
    rng = random.Random(7)
    sources = [Source.objects.create(name=f"Outlet {n}") for n in range(3)]
    speakers = [Actor.objects.get(slug=s) for s in SPEAKERS]
    events = [
        Event.objects.create(
            slug=f"event-{n}", name=f"Event {n}", kind=Event.DEVELOPMENT, start=date(2022, 1, 5 + n)
        )
        for n in range(3)
    ]
    rows = []
    for n in range(120):
        text = f"نص {n}\nكلمات المقال رقم {n}"
        article = Article.objects.create(
            source=rng.choice(sources), text=text, text_sha256=services.text_hash(text), language="ar"
        )
        rows.append(
            Statement(
                article=article,
                speaker=rng.choice(speakers),
                content=text[-12:],
                normalised=text[-12:],
                start=len(text) - 12,
                end=len(text),
                quote=rng.choice(QUOTES),
                said_on=None if n % 15 == 0 else date(2022, 1, 2) + timedelta(days=rng.randrange(10)),
                topic=rng.choice(TOPICS),
                act=rng.choice(ACTS),
            )
        )
    for row in rows:
        row.copy_speaker_and_source()
    Statement.objects.bulk_create(rows)
    for n, statement in enumerate(Statement.objects.order_by("id")):
        if n % 4 == 0:
            statement.events.add(events[n % len(events)])
    cache.clear()


FILTERS = {
    "act": st.sampled_from(ACTS),
    "country": st.sampled_from(["RU", "KZ", "US", "CN"]),
    "topic": st.sampled_from(TOPICS),
    "quote": st.sampled_from(QUOTES),
    "speaker": st.sampled_from(SPEAKERS),
    "source": st.sampled_from(["Outlet 0", "Outlet 1", "Outlet 2"]),
}
queries = st.dictionaries(st.sampled_from(sorted(FILTERS)), st.just(None), max_size=3).flatmap(
    lambda keys: st.fixed_dictionaries({k: st.lists(FILTERS[k], min_size=1, max_size=2) for k in keys})
)


def as_params(query: dict[str, list[str]], dates: tuple[int, int] | None = None) -> QueryDict:
    params = QueryDict(mutable=True)
    for key, values in query.items():
        params.setlist(key, values)
    if dates:
        params["said_from"] = (date(2022, 1, 2) + timedelta(days=dates[0])).isoformat()
        params["said_to"] = (date(2022, 1, 2) + timedelta(days=dates[1])).isoformat()
    return params


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=queries, then=queries, dates=st.none() | st.tuples(st.integers(0, 4), st.integers(5, 9)))
def test_facets_are_the_same_whichever_list_was_counted_before(varied, first, then, dates):
    cache.clear()
    facets(as_params(first), Statement.objects.all())  # fills the cache of the facets they share
    served = facets(as_params(then, dates), Statement.objects.all())
    cache.clear()
    assert served == facets(as_params(then, dates), Statement.objects.all())


def test_a_facet_is_counted_once_whatever_value_of_its_own_filter_is_ticked(varied):
    facets(QueryDict("country=RU&act=appeal"), Statement.objects.all())
    with CaptureQueriesContext(connection) as captured:
        body = facets(QueryDict("country=RU&act=support"), Statement.objects.all())
    grouped_by_act = [q["sql"] for q in captured if q["sql"].startswith('SELECT "reactions_statement"."act"')]
    assert grouped_by_act == []  # the act facet of country=RU was counted for «appeal» already
    expected = Statement.objects.filter(speaker_country="RU", act="support").count()
    assert next(f["count"] for f in body["act"] if f["value"] == "support") == expected
    assert next(f for f in body["act"] if f["value"] == "support")["selected"]


def test_a_list_s_counts_cost_a_handful_of_calls_to_the_cache(varied, client):
    """Each call to the cache is a round trip to Redis: counting a page's panel called it 20 times
    (each count's read, lock, write and unlock), the API's facets about as often."""
    client.get("/", {"speaker": "vladimir-putin", "counts": "now"})  # the names, the data's version
    calls, inside = Counter(), []
    backend = caches["default"]

    def counting(name):
        original = getattr(backend, name)

        def call(keys, *args, **kwargs):
            # One call of the caller's (the embedded cache makes a get_many of gets), of counts.
            named = [keys] if isinstance(keys, str) else keys
            if not inside and any(str(k).startswith("counts:") for k in named):
                calls[name] += 1
            inside.append(name)
            try:
                return original(keys, *args, **kwargs)
            finally:
                inside.pop()

        return call

    methods = ["get", "get_many", "set", "set_many", "add", "add_many", "delete", "delete_many", "has_key"]
    with patch.multiple(backend, **{m: counting(m) for m in methods}):
        page = client.get("/", {"speaker": "sergey-lavrov", "said_from": "2022-01-03", "counts": "now"})
        on_page = +calls
        calls.clear()
        api = client.get("/api/statements/facets/", {"country": "RU", "said_from": "2022-01-04"})
    assert page.status_code == api.status_code == 200
    assert "Counting the statements" not in page.content.decode()  # counted, not deferred
    # The counts' read, their lock, the shared counts' read, their locks, their write, their unlock,
    # the write of all, the unlock; the page also reads and writes its list (listing.page).
    assert on_page.total() <= 10, on_page
    assert calls.total() <= 8, calls


def test_a_cached_facet_is_not_used_once_the_data_changed(varied):
    before = facets(QueryDict("country=RU&act=appeal"), Statement.objects.all())
    putin = Actor.objects.get(slug="vladimir-putin")
    Statement.objects.filter(speaker=putin).update(act="reject")
    from reactions.data_version import statements_changed

    statements_changed()
    after = facets(QueryDict("country=RU&act=support"), Statement.objects.all())
    counts = {f["value"]: f["count"] for f in after["act"]}
    assert counts.get("reject", 0) == Statement.objects.filter(speaker_country="RU", act="reject").count()
    assert counts != {f["value"]: f["count"] for f in before["act"]}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("act=appeal&country=RU", "country=RU&act=appeal"),
        ("act=appeal&act=reject", "act=reject&act=appeal"),
        ("act=appeal&cursor=abc&page_size=50&format=json", "act=appeal"),
        ("act=appeal&q=", "act=appeal"),
    ],
)
def test_the_filters_key_reads_the_same_whatever_the_order_or_the_other_parameters(one, other):
    assert filters_key(QueryDict(one)) == filters_key(QueryDict(other))


@pytest.mark.parametrize(
    ("one", "other", "without"),
    [
        ("act=appeal&country=RU", "act=support&country=RU", ("act",)),
        ("said_from=2022-01-02&act=x", "said_to=2022-01-09&act=x", ("said_from", "said_to")),
    ],
)
def test_the_filters_key_leaves_out_the_facets_own_filter(one, other, without):
    assert filters_key(QueryDict(one), without) == filters_key(QueryDict(other), without)
    assert filters_key(QueryDict(one)) != filters_key(QueryDict(other))


def plan(queryset) -> str:
    """PostgreSQL's plan for `queryset` when it may not scan the whole table: after VACUUM, an
    index-only scan wherever one index holds every column the query reads."""
    sql, params = queryset.query.sql_with_params()
    scans = ("enable_seqscan", "enable_bitmapscan")
    with connection.cursor() as cursor:
        try:
            for setting in scans:
                cursor.execute(f"SET {setting} = off")
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            for setting in scans:
                cursor.execute(f"RESET {setting}")


# A scan that visits the statements' rows (an index-only scan, of any index, does not).
READS_ROWS = re.compile(
    r"(Seq Scan|Bitmap Heap Scan|(?<!Only )Index Scan(?: Backward)? using \w+) on reactions_statement\b"
)
BROAD = [
    "act=appeal",
    "topic=csto",
    "country=RU",
    "kind=person",
    "speaker=vladimir-putin",
    "speaker=vladimir-putin&said_from=2022-01-05",
    "said_from=2022-01-03&said_to=2022-01-08",
    "",
]
# Not the event facet: it starts from the events' links, by an index-only scan or, when the links
# are few beside the statements, by looking each one up (test_the_event_facet_counts_only_...).
COUNTS = [n for n, f in FACETS.items() if f.column] + ["day", "timeline"]


def counting(facet: str, statements):
    """The query that counts `facet` of `statements`, as the facets and the timeline write it."""
    if facet == "day":
        return period_counts(statements)
    if facet == "timeline":
        with CaptureQueriesContext(connection) as captured:
            timeline(statements, stack="act")
        return _Raw(next(q["sql"] for q in captured if "GROUP BY" in q["sql"]))
    if facet in ("speaker", "source"):  # counted by key; the names come from the actors and outlets
        return statements.values(FACETS[facet].column.removesuffix("_id")).annotate(n=Count("*"))
    return count_query(statements, FACETS[facet], 20)


class _Raw:
    """Just enough of a queryset for `plan()`: SQL already written, its values inlined."""

    def __init__(self, sql: str):
        self.query = self
        self.sql = sql

    def sql_with_params(self):
        return self.sql, ()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="covering indexes are PostgreSQL's")
@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction
def test_counts_under_a_broad_filter_never_read_the_statements_rows(varied):
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # every table: the plans depend on the links' size too
    reads_rows = []
    for query in BROAD:
        statements = StatementFilter(QueryDict(query), Statement.objects.all()).qs.order_by()
        for facet in COUNTS:
            found = plan(counting(facet, statements))
            if READS_ROWS.search(found):
                reads_rows.append(f"{facet} under {query!r}:\n{found}")
    assert reads_rows == [], "\n\n".join(reads_rows)


def test_the_event_facet_counts_only_statements_linked_to_an_event(varied):
    sql = str(count_query(Statement.objects.filter(act="appeal"), FACETS["event"], 20).query)
    assert "LEFT OUTER JOIN" not in sql  # an inner join: from the few links, not from every statement
    body = facets(QueryDict("act=appeal"), Statement.objects.all())
    linked = Statement.objects.filter(act="appeal", events__isnull=False)
    assert sum(f["count"] for f in body["event"]) == linked.count()


SEARCHES = ["1", "2", "رقم", "رقم 3", "المقال 4", "لا شيء"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=queries,
    words=st.sampled_from(SEARCHES),
    dates=st.none() | st.tuples(st.integers(0, 4), st.integers(5, 9)),
    event=st.booleans(),
)
def test_a_searched_list_counts_in_one_pass_what_each_facet_counts_alone(varied, query, words, dates, event):
    params = as_params(query, dates)
    params["q"] = words
    if event:
        params["event"] = "event-1"
    cache.clear()
    one_pass = (facets(params, Statement.objects.all()), statement_total(params))
    cache.clear()
    with patch("reactions.facets.searched", return_value=False):  # each facet counted on its own
        alone = (facets(params, Statement.objects.all()), statement_total(params))
    assert ordered(one_pass[0]) == ordered(alone[0])
    assert one_pass[1] == alone[1] == StatementFilter(params, Statement.objects.all()).qs.count()


def ordered(body: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Facets in one order whatever the database's collation made of values counted the same."""
    return {
        name: sorted(items, key=lambda i: (not i["selected"], -i["count"], str(i["value"])))
        for name, items in body.items()
    }


def test_a_searched_panel_searches_the_words_once(varied):
    params = QueryDict("act=appeal&country=RU&q=رقم")
    with CaptureQueriesContext(connection) as captured:
        counts = list_counts(params)
    searches = [q["sql"] for q in captured if "LIKE" in q["sql"].upper()]
    assert len(searches) == 1, searches
    assert counts.total == StatementFilter(params, Statement.objects.all()).qs.count() > 0
    act = {f["value"]: f["count"] for f in counts.facets["act"]}
    expected = StatementFilter(QueryDict("country=RU&q=رقم"), Statement.objects.all()).qs
    assert act == dict(Counter(expected.values_list("act", flat=True)))


@pytest.mark.parametrize(
    ("query", "is_searched"),
    [("q=رقم", True), ("q=+++", False), ("q=", False), ("act=appeal", False), ("q=%D9%8E", False)],
)
def test_only_a_query_with_a_word_in_it_is_a_search(query, is_searched):
    assert searched(QueryDict(query)) is is_searched


@pytest.mark.parametrize(
    ("parameter", "facet"),
    [("speaker", "speaker"), ("source", "source"), ("act", "act"), ("country", "country")],
)
def test_a_searched_facet_keeps_a_selected_value_past_its_most_frequent(varied, parameter, facet):
    def body(params):
        return facets(params, Statement.objects.all(), limit=2)[facet]

    params = QueryDict("q=رقم", mutable=True)
    ranked = [f["value"] for f in facets(params, Statement.objects.all(), limit=50)[facet]]
    params[parameter] = ranked[-1]  # the least frequent: past the two shown
    cache.clear()
    one_pass = body(params)
    cache.clear()
    with patch("reactions.facets.searched", return_value=False):
        alone = body(params)
    assert ordered({facet: one_pass}) == ordered({facet: alone})
    assert [f["value"] for f in one_pass if f["selected"]] == [ranked[-1]]
    assert len(one_pass) == 3


@pytest.mark.parametrize(
    "query",
    [
        "",
        "act=appeal",
        "speaker=a&act=appeal&act=reject&after=2022-01-01.5",
        "q=ضبط+النفس&said_from=2022-01-02",
    ],
)
@pytest.mark.parametrize(
    ("parameter", "value"),
    [("act", "appeal"), ("act", "support"), ("speaker", "б"), ("said_to", "2022-01-09")],
)
def test_a_toggle_link_is_the_filters_with_one_value_flipped_in_the_filters_order(query, parameter, value):
    """The links are built without copying the filters for each; they read as QueryDict writes them."""
    from django.http import QueryDict

    from reactions.facets import Toggles

    params = QueryDict(query)
    expected = params.copy()
    expected.pop("after", None)
    current = expected.getlist(parameter)
    kept = [v for v in current if v.casefold() != value.casefold()]
    expected.setlist(parameter, kept if len(kept) < len(current) else [*current, value])
    assert Toggles(params).toggle(parameter, value) == "?" + expected.urlencode()
