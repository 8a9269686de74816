"""What the Explorer pages ask of the database: keyset pages, the timeline, an actor's neighbours,
side-by-side comparisons. Views call these; templates only show what they return."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import QueryDict

from articles.extraction.aliases import alias_tokens
from articles.extraction.catalogue import Catalogue
from articles.extraction.pipeline import matcher_for
from reactions.data_version import cached, counted_together, peek_many, slot
from reactions.data_version import key as cache_key
from reactions.facets import facets, filters_key, period_of, statement_total
from reactions.filters import StatementFilter
from reactions.lib.periods import period_end, period_start, span
from reactions.models import NEWEST_FIRST, Actor, Event, Statement
from reactions.names import known_names
from reactions.overview import warm_series

# The list order of every statements page, and its index (statement_newest_idx, migration 0005).
STACKS = ("country", "act")
MAX_SERIES = 8  # a chart stacks at most this many countries; the rest is "other"


@dataclass
class Counts:
    total: int
    facets: dict[str, list[dict]]


def list_counts(params: QueryDict, group: str = "day") -> Counts:
    """The total and the facets of the statements list for these (valid) filters, from the cache when
    fresh. The pages, the API and the after-ingest warm-up share it, so they share its keys: the
    filters' canonical form (`filters_key`), whatever else the address holds (an order, a page).
    Counted together, under one lock, and written to the cache in one call (`counted_together`)."""
    query = filters_key(params)
    total, counted = ("count", query), ("facets", f"{query}|{group}")
    found = counted_together(
        [total, counted],
        lambda: {
            total: statement_total(params, group),
            counted: facets(params, Statement.objects.all(), group=group),
        },
    )
    return Counts(total=found[total], facets=found[counted])


def cached_list_counts(params: QueryDict, group: str = "day") -> Counts | None:
    """`list_counts` when both its parts are in the cache, else None (nothing is counted)."""
    query = filters_key(params)
    found = peek_many([("count", query), ("facets", f"{query}|{group}")])
    total, counted = found.get(("count", query)), found.get(("facets", f"{query}|{group}"))
    return Counts(total=total, facets=counted) if total is not None and counted is not None else None


def list_counts_keys(params: QueryDict, group: str = "day") -> list[str]:
    """The cache keys `list_counts` fills: a list served while they were missing stands until then."""
    query = filters_key(params)
    return [cache_key("count", query), cache_key("facets", f"{query}|{group}")]


def counts_when_free(params: QueryDict, group: str = "day") -> Counts | None:
    """The counts from the cache, or counted now if one of the COUNTING_SLOTS is free, else None
    (the panel asks again a moment later). At a million statements a broad search takes seconds of
    both cores to count: bounding how many are counted at once keeps every list answering while
    they are, instead of twenty new filters counted at once slowing everything for everyone."""
    found = cached_list_counts(params, group)
    if found is not None:
        return found
    with slot("counts", settings.COUNTING_SLOTS) as free:
        return list_counts(params, group) if free else None


def cached_timeline(params: QueryDict, stack: str = "country", group: str = "day") -> Timeline:
    query = f"{filters_key(params)}|{stack}|{group}"
    return cached(
        "timeline", query, lambda: timeline(StatementFilter(params, Statement.objects.all()).qs, stack, group)
    )


def warm_counts() -> None:
    """Count the unfiltered list, timeline and overview again after an ingest, so the first visitor
    after it does not wait for a million rows to be counted."""
    empty = QueryDict()
    list_counts(empty)
    for stack in STACKS:
        cached_timeline(empty, stack)
    warm_series()


@dataclass
class Series:
    name: str
    key: str
    counts: list[int]


@dataclass
class Timeline:
    periods: list[date]  # the first day of each day, week or month
    series: list[Series]
    events: list[Event] = field(default_factory=list)
    group: str = "day"

    def totals(self) -> list[int]:
        return [sum(col) for col in zip(*(s.counts for s in self.series), strict=True)] if self.series else []

    def as_chart(self) -> dict:
        """The plain data the chart script reads (json_script): no markup, no code."""
        return {
            "periods": [p.isoformat() for p in self.periods],
            "ends": [period_end(p, self.group).isoformat() for p in self.periods],
            "series": [{"name": s.name, "key": s.key, "counts": s.counts} for s in self.series],
            "events": [{"day": e.start.isoformat(), "name": e.name} for e in self.events],
        }


def timeline(statements: QuerySet, stack: str = "country", group: str = "day") -> Timeline:
    """Statements per period said, stacked by the speaker's country or by act, with the curated
    developments that fall in the same span."""
    if stack not in STACKS:
        raise ValueError(f"stack must be one of {', '.join(STACKS)}")
    key = "speaker_country" if stack == "country" else "act"
    rows = (
        statements.order_by()
        .exclude(said_on=None)
        .annotate(period=period_of(group))
        .values("period", key)
        .annotate(n=Count("*"))  # not COUNT(id): the covering indexes answer it alone
    )
    grid: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        grid[r[key] or "?"][period_start(r["period"], group)] += r["n"]
    if not grid:
        return Timeline([], [], group=group)
    seen = sorted({d for counts in grid.values() for d in counts})
    days = span(seen[0], seen[-1], group)
    if days[-1] < seen[-1]:  # a span too wide to draw every period: only the periods with words
        days = seen
    ranked = sorted(grid, key=lambda k: -sum(grid[k].values()))
    if stack == "country" and len(ranked) > MAX_SERIES:
        other = Counter()
        for k in ranked[MAX_SERIES - 1 :]:
            other.update(grid.pop(k))
        grid["other"] = other
        ranked = [*ranked[: MAX_SERIES - 1], "other"]
    labels = known_names().country_names if stack == "country" else {}
    series = [Series(labels.get(k, k), k, [grid[k][d] for d in days]) for k in ranked]
    events = list(
        Event.objects.filter(
            kind=Event.DEVELOPMENT, start__range=(days[0], period_end(days[-1], group))
        ).order_by("start")
    )
    return Timeline(days, series, events, group)


@dataclass
class Neighbour:
    actor: Actor
    count: int


def spoke_alongside(actor: Actor, limit: int = 8, sample: int = 500) -> list[Neighbour]:
    """Other speakers in the articles that quote `actor`, by how many of those articles they share.

    Over the actor's latest `sample` statements' articles: a head of state quoted in 100,000
    articles would otherwise make one page read a tenth of the database."""
    articles = Statement.objects.filter(speaker=actor).order_by(*NEWEST_FIRST).values("article_id")[:sample]
    rows = (
        Statement.objects.filter(article_id__in=articles)
        .exclude(speaker=actor)
        .values("speaker_id")
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", "speaker_id")[:limit]
    )
    return _neighbours(rows, "n")


def spoke_about(actor: Actor, catalogue: Catalogue, limit: int = 8, sample: int = 1000) -> list[Neighbour]:
    """Actors named in the words of `actor`'s latest statements (the catalogue's names and titles)."""
    matcher = matcher_for(catalogue)
    words = Statement.objects.filter(speaker=actor).order_by(*NEWEST_FIRST).values_list("content", flat=True)
    counts: Counter = Counter()
    own = {actor.slug, *(a.slug for a in actor.chain())}
    for content in words[:sample]:
        found = {m.key for m in matcher.find(list(alias_tokens(content)))} - own
        counts.update(found)
    by_slug = Actor.objects.in_bulk([k for k, _ in counts.most_common(limit)], field_name="slug")
    return [Neighbour(by_slug[k], n) for k, n in counts.most_common(limit) if k in by_slug]


def _neighbours(rows: Iterable[dict], count: str) -> list[Neighbour]:
    rows = list(rows)
    actors = Actor.objects.in_bulk([r["speaker_id"] for r in rows])
    return [Neighbour(actors[r["speaker_id"]], r[count]) for r in rows if r["speaker_id"] in actors]


@dataclass
class CompareDay:
    day: date | None
    cells: list[tuple[Actor, list[Statement]]]  # one per compared actor, in the order given


def compare(actors: list[Actor], statements: QuerySet) -> list[CompareDay]:
    """What each actor said, day by day (newest first; undated words last), side by side."""
    column = {a.pk: i for i, a in enumerate(actors)}
    days: dict[date | None, list[list[Statement]]] = {}
    rows = statements.filter(speaker__in=actors).with_outlet().order_by(*NEWEST_FIRST)
    for s in rows[:2000]:
        days.setdefault(s.said_on, [[] for _ in actors])[column[s.speaker_id]].append(s)
    return [CompareDay(d, list(zip(actors, cells, strict=True))) for d, cells in days.items()]
