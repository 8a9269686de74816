"""Facet counts of a filtered statements list: value, label, count, selected and a ready toggle link.

Shared by the API (`/api/statements/facets/`) and the statements page. Facets are disjunctive, as in
a shop's filter panel: the counts of one facet apply every *other* filter, so choosing «appeal»
still shows how many statements each other act has, and ticking a second act widens the list
(values of one parameter are OR-ed, different parameters AND-ed).

A toggle link keeps every other filter and selects the value, or clears it when it is selected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import and_, or_
from typing import TypeVar
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet, Window
from django.db.models.functions import Rank, TruncMonth, TruncWeek
from django.http import QueryDict

from reactions.data_version import cached, cached_many
from reactions.filters import StatementFilter
from reactions.lib.periods import GROUPS, period_end, period_label, period_start
from reactions.lib.query_syntax import QuerySyntaxError, parse
from reactions.models import Actor, Event, Statement
from reactions.names import known_names

T = TypeVar("T")

# Parameters a toggle link drops: a position in the old list means nothing in the new one.
POSITION_PARAMETERS = ("cursor", "after")


@dataclass(frozen=True)
class Facet:
    field: str  # what statements are grouped by
    parameter: str  # the StatementFilter parameter the facet toggles
    label_field: str | None = None  # a second field giving the label, when the value is a key
    column: str | None = None  # the statement's own column it counts by, for one shared scan


FACETS = {
    "speaker": Facet("speaker__slug", "speaker", "speaker__name", column="speaker_id"),
    "country": Facet("speaker_country", "country", column="speaker_country"),
    "kind": Facet("speaker_kind", "kind", column="speaker_kind"),
    "act": Facet("act", "act", column="act"),
    "topic": Facet("topic", "topic", column="topic"),
    "quote": Facet("quote", "quote", column="quote"),
    "language": Facet("language", "language", column="language"),
    "source": Facet("source__name", "source", column="source_id"),
    "event": Facet("events__slug", "event", "events__name"),
}


class Toggles:
    """The query strings of one set of filters with one parameter changed: every facet value's link.

    A panel has a few hundred links; copying the filters and encoding all of them again for each
    (QueryDict.copy is a deep copy) was a tenth of an uncached facets request. Each parameter is
    encoded once here, and a link encodes only the parameter it changes, in the order QueryDict
    keeps (a changed parameter stays in its place, a new one goes last)."""

    def __init__(self, params: QueryDict) -> None:
        self.values = {k: params.getlist(k) for k in params if k not in POSITION_PARAMETERS}
        self.parts = {k: _encoded(k, v) for k, v in self.values.items()}

    def with_values(self, changes: dict[str, list[str]]) -> str:
        keys = [*self.values, *(k for k in changes if k not in self.values)]
        parts = (_encoded(k, changes[k]) if k in changes else self.parts[k] for k in keys)
        return "?" + "&".join(p for p in parts if p)

    def toggle(self, parameter: str, value: str) -> str:
        """With `value` selected for `parameter`, or cleared if it was selected."""
        current = self.values.get(parameter, [])
        kept = [v for v in current if v.casefold() != value.casefold()]
        return self.with_values({parameter: kept if len(kept) < len(current) else [*current, value]})


def _encoded(key: str, values: list[str]) -> str:
    return urlencode([(key, str(v)) for v in values])


def toggle(params: QueryDict, parameter: str, value: str) -> str:
    """The query string with `value` selected for `parameter`, or cleared if it was selected."""
    return Toggles(params).toggle(parameter, value)


LIMIT = 20  # values a facet shows, its most frequent first
DATES = ("said_from", "said_to")  # the day facet's filters, left out of its counts together


def facets(
    params: QueryDict, statements: QuerySet, limit: int = LIMIT, group: str = "day"
) -> dict[str, list[dict]]:
    """Every facet of `statements` under the filters in `params`; `params` must be valid filters."""
    if searched(params):
        counted = searched_counts(params, limit, group)
        rows, days = counted["facets"], counted["days"]
    else:
        rows, days = _rows_one_facet_at_a_time(params, statements, limit, group)
    labels = _labels()
    toggles = Toggles(params)
    result: dict[str, list[dict]] = {}
    for name, facet in FACETS.items():
        names = labels.get(name, {})
        selected = [v.casefold() for v in params.getlist(facet.parameter)]
        items = [
            {
                "value": r[facet.field],
                "label": r[facet.label_field]
                if facet.label_field
                else names.get(r[facet.field], r[facet.field]),
                "count": r["count"],
                "selected": str(r[facet.field]).casefold() in selected,
                "toggle": toggles.toggle(facet.parameter, r[facet.field]),
            }
            for r in rows[name]
            if r[facet.field] not in (None, "")
        ]
        result[name] = sorted(items, key=lambda item: not item["selected"])  # chosen values first
    result["day"] = period_items(params, days, group)
    return result


def _rows_one_facet_at_a_time(
    params: QueryDict, statements: QuerySet, limit: int, group: str
) -> tuple[dict[str, list[dict]], list[dict]]:
    """Each facet's rows (as `count_query` gives them) and the day facet's, one count a facet, each
    served from the cache when another list counted it under the same filters."""

    # The filters read once: each facet's statements are those of the filters no facet toggles (the
    # words, an article, the days published) under every toggled filter's condition but its own. A
    # FilterSet a facet cost a tenth of an uncached request (its filters and form deep-copied).
    conditions = StatementFilter(params, statements).conditions()
    rest = params.copy()
    for parameter in conditions:
        rest.pop(parameter)
    base = StatementFilter(rest, statements).qs.order_by()

    def filtered_without(*parameters: str) -> QuerySet:
        kept = [condition for name, condition in conditions.items() if name not in parameters]
        return base.filter(*kept) if kept else base

    # The facets whose own filter is not in use all count the same statements: one scan for them.
    shared = [n for n, f in FACETS.items() if f.column and f.parameter not in params]
    shared = shared if len(shared) > 1 else []
    # Each count is cached under every filter but those it leaves out, so another list asking the
    # same reads it: the act facet of `country=RU` is the same whichever act is ticked, so toggling
    # acts (or opening the next act's list) counts it once. All are looked up in one call.
    pieces = {name: (name, (f.parameter,)) for name, f in FACETS.items() if name not in shared}
    pieces |= {"day": ("day", DATES)} | ({"shared": ("+".join(shared), ())} if shared else {})
    keys = {
        p: (f"facet-{kind}", f"{limit}|{group}|{filters_key(params, without)}")
        for p, (kind, without) in pieces.items()
    }
    computers: dict[str, Callable[[], object]] = {
        name: (lambda f=facet: _counts(filtered_without(f.parameter), f, limit))
        for name, facet in FACETS.items()
        if name not in shared
    }
    computers["day"] = lambda: list(period_counts(filtered_without(*DATES), group))
    if shared:
        computers["shared"] = lambda: grouped_counts(filtered_without(), shared, limit)
    counted = cached_many(keys, computers)
    together = counted.get("shared", {})
    rows: dict[str, list[dict]] = {}
    for name, facet in FACETS.items():
        found = together[name] if name in together else counted[name]
        selected = [v.casefold() for v in params.getlist(facet.parameter)]
        missing = [v for v in selected if v not in {str(r[facet.field]).casefold() for r in found}]
        if missing:  # a selected value stays in the panel, so that it can be cleared
            # As they were typed, whatever their case: an outlet is ticked as «Outlet 2».
            if facet.column in KEYED:
                typed = Q(**{f"{facet.column}__in": [int(k) for k in _selected_keys(facet, set(missing))]})
            else:
                typed = reduce(or_, (Q(**{f"{facet.field}__iexact": v}) for v in missing))
            chosen = filtered_without(facet.parameter).filter(typed)
            found = found + _counts(chosen, facet, limit)
        rows[name] = found
    return rows, counted["day"]


def searched(params: QueryDict) -> bool:
    """Whether the filters search the words (a `q` with something to look for in it)."""
    text = params.get("q", "")
    if not text.strip():
        return False
    try:
        parse(text)
    except QuerySyntaxError:
        return False
    return True


def statement_total(params: QueryDict, group: str = "day") -> int:
    """How many statements the (valid) filters keep: for a search, from its one counting pass."""
    if searched(params):
        return searched_counts(params, LIMIT, group)["total"]
    return StatementFilter(params, Statement.objects.all()).qs.count()


def searched_counts(params: QueryDict, limit: int = LIMIT, group: str = "day") -> dict:
    """The total, each facet's rows and the day facet's rows of a searched list, cached.

    Counted in one pass over the rows the search finds: finding them is what a search costs (two
    GIN indexes, then each row read for the recheck), so every facet counting them again, as the
    unsearched facets do over their covering indexes, would pay for the search once a facet."""
    query = f"{limit}|{group}|{filters_key(params)}"
    return cached("searched", query, lambda: _one_pass(params, limit, group))


def _matched(params: QueryDict, group: str) -> tuple[QuerySet, list[str]]:
    """The rows a searched list's counts read, with a `met_<i>` flag for each scope's conditions,
    and the scopes: the facets whose filter is in use ("said_on" for the day facet's two dates)."""
    conditions = StatementFilter(params, Statement.objects.all()).conditions()
    # A facet leaves out its own filter; the day facet both of its dates. Scopes by the column.
    scopes: dict[str, Q] = {}
    for parameter, condition in conditions.items():
        scope = "said_on" if parameter in DATES else parameter
        scopes[scope] = scopes[scope] & condition if scope in scopes else condition
    rest = params.copy()
    for parameter in conditions:
        rest.pop(parameter)
    # The search, and the filters no facet toggles (an article, the dates published).
    found = StatementFilter(rest, Statement.objects.all()).qs.order_by()
    names = list(scopes)
    if len(names) > 1:  # a row that some count counts meets every condition but at most one
        found = found.filter(reduce(or_, (reduce(and_, (scopes[m] for m in names if m != n)) for n in names)))
    met = {f"met_{i}": ExpressionWrapper(scopes[n], output_field=BooleanField()) for i, n in enumerate(names)}
    columns = [f.column for f in FACETS.values() if f.column]
    return found.annotate(period=period_of(group), **met).values("id", *columns, "period", *met), names


def _one_pass(params: QueryDict, limit: int, group: str) -> dict:
    matched, names = _matched(params, group)
    try:
        inner, inner_params = matched.query.sql_with_params()
    except EmptyResultSet:  # a filter no row can match: Django writes no SQL
        return {"total": 0, "facets": {n: [] for n in FACETS}, "days": []}
    # One count per scope: every condition (the total, and facets whose filter is not in use), then
    # every condition but one scope's (that facet's).
    counts = ", ".join(
        _count_where([f"met_{i}" for i, m in enumerate(names) if m != scope]) for scope in [None, *names]
    )
    through = Event.statements.through._meta.db_table
    selects = [
        f"SELECT '{name}', CAST({f.column} AS TEXT), NULL, {counts} FROM matched GROUP BY {f.column}"
        for name, f in FACETS.items()
        if f.column
    ] + [
        f"SELECT 'event', e.slug, e.name, {counts} FROM matched "
        f"JOIN {through} l ON l.statement_id = matched.id JOIN {Event._meta.db_table} e ON e.id = l.event_id "
        "GROUP BY e.slug, e.name",
        f"SELECT 'day', CAST(period AS TEXT), NULL, {counts} FROM matched "
        "WHERE period IS NOT NULL GROUP BY period",
        f"SELECT 'total', NULL, NULL, {counts} FROM matched",
    ]
    sql = f"WITH matched AS ({inner}) " + " UNION ALL ".join(selects)
    by_kind: dict[str, list[tuple[str, str | None, tuple[int, ...]]]] = defaultdict(list)
    with connections[matched.db].cursor() as cursor:
        cursor.execute(sql, inner_params)
        for kind, value, label, *numbers in cursor.fetchall():
            by_kind[kind].append((value, label, tuple(numbers)))

    def scope_of(scope: str) -> int:  # which count a facet reads: 0 is every condition
        return names.index(scope) + 1 if scope in names else 0

    total = by_kind["total"][0][2][0] if by_kind["total"] else 0
    days = sorted(
        (
            {"period": date.fromisoformat(value[:10]), "count": n[scope_of("said_on")]}
            for value, _, n in by_kind["day"]
            if n[scope_of("said_on")]
        ),
        key=lambda r: r["period"],
    )
    rows = {
        name: _searched_facet_rows(params, facet, limit, by_kind[name], scope_of(facet.parameter))
        for name, facet in FACETS.items()
    }
    return {"total": total, "facets": rows, "days": days}


def _count_where(flags: list[str]) -> str:
    return f"COUNT(*) FILTER (WHERE {' AND '.join(flags)})" if flags else "COUNT(*)"


Counted = list[tuple[str, str | None, int]]  # a facet's (value, label, count) from the one pass


def _searched_facet_rows(
    params: QueryDict,
    facet: Facet,
    limit: int,
    found: list[tuple[str, str | None, tuple[int, ...]]],
    scope: int,
) -> list[dict]:
    """One pass's rows of a facet as `count_query` gives them, its `limit` most frequent first, and
    any selected value past them (a selected value stays in the panel, so that it can be cleared).

    Only those are named: a broad search counts thousands of speakers, and reading them all from the
    database to show twenty cost a tenth of the panel."""
    counted: Counted = sorted(
        ((value, label, n[scope]) for value, label, n in found if value is not None and n[scope]),
        key=lambda r: -r[2],
    )
    cutoff = counted[limit - 1][2] if len(counted) >= limit else 0
    head = [r for r in counted if r[2] >= cutoff]  # ties at the cut: ordered by value once named
    selected = {v.casefold() for v in params.getlist(facet.parameter)}
    if selected and len(head) < len(counted):
        chosen = _selected_keys(facet, selected)
        head += [r for r in counted[len(head) :] if r[0] in chosen or r[0].casefold() in selected]
    rows = _named(facet, head)
    rows.sort(key=lambda r: (-r["count"], str(r[facet.field])))
    return rows[:limit] + [r for r in rows[limit:] if str(r[facet.field]).casefold() in selected]


def _selected_keys(facet: Facet, selected: set[str]) -> set[str]:
    """The keys (text, as the one pass gives them) of the speakers or outlets selected by name."""
    known = known_names()
    if facet.column == "speaker_id":
        keys = [known.actors_by_slug[v] for v in selected if v in known.actors_by_slug]
    elif facet.column == "source_id":
        keys = [pk for v in selected for pk in known.sources_by_name.get(v, [])]
    else:
        return set()
    return {str(k) for k in keys}


def _named(facet: Facet, found: Counted) -> list[dict]:
    """Rows as `count_query` gives them: a speaker's slug and name, an outlet's name, for their keys."""
    known = known_names()
    if facet.column == "speaker_id":
        named = [(known.actors.get(int(v)), n) for v, _, n in found]
        return [{facet.field: a[0], facet.label_field: a[1], "count": n} for a, n in named if a]
    if facet.column == "source_id":
        outlets = [(known.sources.get(int(v)), n) for v, _, n in found]
        return [{facet.field: name, "count": n} for name, n in outlets if name is not None]
    if facet.label_field:
        return [{facet.field: v, facet.label_field: label, "count": n} for v, label, n in found]
    return [{facet.field: v, "count": n} for v, _, n in found]


def filters_key(params: QueryDict, without: tuple[str, ...] = ()) -> str:
    """The statement filters in `params` but `without`, as one canonical string: parameters in
    order, each one's values sorted (they are OR-ed), and what is not a filter (a page position,
    a format) left out."""
    return urlencode(
        [
            (key, value)
            for key in sorted(StatementFilter.base_filters)
            if key not in without
            for value in sorted(v for v in params.getlist(key) if v != "")
        ]
    )


def periods(params: QueryDict, statements: QuerySet, group: str = "day") -> list[dict]:
    """Statements per day, week or month said, each with the link that narrows the list to it."""
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}")
    return period_items(params, list(period_counts(statements, group)), group)


def period_items(params: QueryDict, rows: list[dict], group: str = "day") -> list[dict]:
    """The facet items of period counts (`period_counts` rows): label, count, toggle link."""
    out, toggles = [], Toggles(params)
    for r in rows:
        start = period_start(r["period"], group)
        end = period_end(start, group)
        chosen = params.get("said_from") == start.isoformat() and params.get("said_to") == end.isoformat()
        out.append(
            {
                "value": start.isoformat(),
                "end": end.isoformat(),
                "label": period_label(start, group),
                "count": r["count"],
                "selected": chosen,
                "toggle": toggles.with_values(
                    {"said_from": [], "said_to": []}
                    if chosen
                    else {"said_from": [start.isoformat()], "said_to": [end.isoformat()]}
                ),
            }
        )
    return out


def period_counts(statements: QuerySet, group: str = "day") -> QuerySet:
    """Rows of `period` (a day, or a week's or month's first day) and `count`, oldest first."""
    return (
        statements.exclude(said_on=None)
        .annotate(period=period_of(group))
        .values("period")
        .annotate(count=Count("*"))  # not COUNT(id): an index-only scan (see count_query)
        .order_by("period")
    )


def period_of(group: str):
    """The expression giving the first day of a statement's day, week or month said."""
    return {"day": F("said_on"), "week": TruncWeek("said_on"), "month": TruncMonth("said_on")}[group]


# Facets whose value is a key of the statement's own (a speaker, an outlet): counted by the key, with
# no join (an index-only scan: half the time of grouping by the joined slug and name at a million
# statements), and named from memory (reactions/names.py).
KEYED = ("speaker_id", "source_id")


def count_query(queryset: QuerySet, facet: Facet, limit: int) -> QuerySet:
    """The GROUP BY of one facet: its `limit` most frequent values with their counts; for a KEYED
    facet, its keys ranked by count, the ties at the cut included (`_counts` names and orders them)."""
    # Values a panel cannot show are not counted: for the event facet this makes the join an inner
    # one, from the few linked statements, instead of every statement the filters match.
    # COUNT(*), not COUNT(id): the covering indexes answer it without reading the rows.
    if facet.column in KEYED:
        counted = Count("*")
        return (
            queryset.filter(**{f"{facet.column}__isnull": False})
            .order_by()
            .values(facet.column)
            .annotate(count=counted, rank=Window(Rank(), order_by=counted.desc()))
            .filter(rank__lte=limit)
        )
    fields = [facet.field] + ([facet.label_field] if facet.label_field else [])
    queryset = queryset.filter(**{f"{facet.field}__isnull": False})
    return queryset.values(*fields).annotate(count=Count("*")).order_by("-count", facet.field)[:limit]


def _counts(queryset: QuerySet, facet: Facet, limit: int) -> list[dict]:
    """A facet's `limit` most frequent values, most statements first, then by value."""
    rows = list(count_query(queryset, facet, limit))
    if facet.column not in KEYED:
        return rows
    named = _named(facet, [(row[facet.column], None, row["count"]) for row in rows])
    named.sort(key=lambda r: (-r["count"], r[facet.field]))
    return named[:limit]


def grouped_counts(queryset: QuerySet, names: list[str], limit: int) -> dict[str, list[dict]]:
    """The counts of several facets over the same statements in one scan (GROUP BY GROUPING SETS),
    as `_counts` gives them one by one. PostgreSQL only; elsewhere one query a facet."""
    if connections[queryset.db].vendor != "postgresql":
        return {n: _counts(queryset, FACETS[n], limit) for n in names}
    columns = [FACETS[n].column for n in names]
    fields = [c.removesuffix("_id") for c in columns]  # values() names a foreign key by its field
    try:
        inner, inner_params = queryset.order_by().values(*fields).query.sql_with_params()
    except EmptyResultSet:  # a filter no row can match (an id out of range): Django writes no SQL
        return {n: [] for n in names}
    quote = connections[queryset.db].ops.quote_name
    cols = [quote(f) for f in fields]
    sql = (
        f"SELECT {', '.join(cols)}, {', '.join(f'GROUPING({c})' for c in cols)}, COUNT(*) "
        f"FROM ({inner}) AS filtered GROUP BY GROUPING SETS ({', '.join(f'({c})' for c in cols)})"
    )
    by_column: dict[str, list[tuple]] = {c: [] for c in columns}
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, inner_params)
        for row in cursor.fetchall():
            values, flags, count = row[: len(columns)], row[len(columns) : -1], row[-1]
            i = flags.index(0)  # the one column this row is grouped by
            by_column[columns[i]].append((values[i], count))
    known = known_names()
    out = {}
    for name, column in zip(names, columns, strict=True):
        facet = FACETS[name]
        rows = []
        for value, count in by_column[column]:
            if value is None:  # as count_query: a value the panel cannot show is not counted
                continue
            if column == "speaker_id":
                slug, label = known.actors.get(value, (None, None))
                row = {facet.field: slug, facet.label_field: label}
            elif column == "source_id":
                row = {facet.field: known.sources.get(value)}
            else:
                row = {facet.field: value}
            rows.append({**row, "count": count})
        # As count_query orders them: most statements first, then by value.
        rows.sort(key=lambda r: (-r["count"], r[facet.field] or ""))
        out[name] = rows[:limit]
    return out


def _labels() -> dict[str, dict[str, str]]:
    """Readable labels for facets whose value is a code: countries and blocs by their actor's name."""
    countries = known_names().country_names
    kinds = dict(Actor._meta.get_field("kind").choices)
    return {"country": countries, "kind": kinds}
