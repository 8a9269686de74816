"""Facet counts of a filtered statements list: value, label, count, selected and a ready toggle link.

Shared by the API (`/api/statements/facets/`) and the statements page. Facets are disjunctive, as in
a shop's filter panel: the counts of one facet apply every *other* filter, so choosing «appeal»
still shows how many statements each other act has, and ticking a second act widens the list
(values of one parameter are OR-ed, different parameters AND-ed).

A toggle link keeps every other filter and selects the value, or clears it when it is selected.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek
from django.http import QueryDict

from reactions.filters import StatementFilter
from reactions.lib.periods import GROUPS, period_end, period_label, period_start
from reactions.models import Actor

# Parameters a toggle link drops: a position in the old list means nothing in the new one.
POSITION_PARAMETERS = ("cursor", "after")


@dataclass(frozen=True)
class Facet:
    field: str  # what statements are grouped by
    parameter: str  # the StatementFilter parameter the facet toggles
    label_field: str | None = None  # a second field giving the label, when the value is a key


FACETS = {
    "speaker": Facet("speaker__slug", "speaker", "speaker__name"),
    "country": Facet("speaker_country", "country"),
    "kind": Facet("speaker_kind", "kind"),
    "act": Facet("act", "act"),
    "topic": Facet("topic", "topic"),
    "quote": Facet("quote", "quote"),
    "outlet": Facet("source__name", "source"),
    "event": Facet("events__slug", "event", "events__name"),
}


def toggle(params: QueryDict, parameter: str, value: str) -> str:
    """The query string with `value` selected for `parameter`, or cleared if it was selected."""
    query = _without_position(params)
    current = query.getlist(parameter)
    kept = [v for v in current if v.casefold() != value.casefold()]
    query.setlist(parameter, kept if len(kept) < len(current) else [*current, value])
    return "?" + query.urlencode()


def facets(
    params: QueryDict, statements: QuerySet, limit: int = 20, group: str = "day"
) -> dict[str, list[dict]]:
    """Every facet of `statements` under the filters in `params`; `params` must be valid filters."""

    def filtered_without(*parameters: str) -> QuerySet:
        kept = params.copy()
        for p in parameters:
            kept.pop(p, None)
        return StatementFilter(kept, statements).qs.order_by()

    labels = _labels()
    result: dict[str, list[dict]] = {}
    for name, facet in FACETS.items():
        names = labels.get(name, {})
        selected = [v.casefold() for v in params.getlist(facet.parameter)]
        queryset = filtered_without(facet.parameter)
        rows = _counts(queryset, facet, limit)
        missing = [v for v in selected if v not in {str(r[facet.field]).casefold() for r in rows}]
        if missing:  # a selected value stays in the panel, so that it can be cleared
            rows += _counts(queryset.filter(**{f"{facet.field}__in": missing}), facet, limit)
        items = [
            {
                "value": r[facet.field],
                "label": r[facet.label_field]
                if facet.label_field
                else names.get(r[facet.field], r[facet.field]),
                "count": r["count"],
                "selected": str(r[facet.field]).casefold() in selected,
                "toggle": toggle(params, facet.parameter, r[facet.field]),
            }
            for r in rows
            if r[facet.field] not in (None, "")
        ]
        result[name] = sorted(items, key=lambda item: not item["selected"])  # chosen values first
    result["day"] = periods(params, filtered_without("said_from", "said_to"), group)
    return result


def periods(params: QueryDict, statements: QuerySet, group: str = "day") -> list[dict]:
    """Statements per day, week or month said, each with the link that narrows the list to it."""
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}")
    rows = (
        statements.exclude(said_on=None)
        .annotate(period=period_of(group))
        .values("period")
        .annotate(count=Count("id"))
        .order_by("period")
    )
    out = []
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
                "toggle": _period_toggle(params, start.isoformat(), end.isoformat(), chosen),
            }
        )
    return out


def period_of(group: str):
    """The expression giving the first day of a statement's day, week or month said."""
    return {"day": F("said_on"), "week": TruncWeek("said_on"), "month": TruncMonth("said_on")}[group]


def count_query(queryset: QuerySet, facet: Facet, limit: int) -> QuerySet:
    """The GROUP BY of one facet: its `limit` most frequent values with their counts."""
    fields = [facet.field] + ([facet.label_field] if facet.label_field else [])
    return queryset.values(*fields).annotate(count=Count("id")).order_by("-count", facet.field)[:limit]


def _counts(queryset: QuerySet, facet: Facet, limit: int) -> list[dict]:
    return list(count_query(queryset, facet, limit))


def _labels() -> dict[str, dict[str, str]]:
    """Readable labels for facets whose value is a code: countries and blocs by their actor's name."""
    countries = dict(
        Actor.objects.filter(parent=None, kind__in=["country", "organisation"])
        .exclude(country="")
        .values_list("country", "name")
    )
    kinds = dict(Actor._meta.get_field("kind").choices)
    return {"country": countries, "kind": kinds}


def _without_position(params: QueryDict) -> QueryDict:
    query = params.copy()
    for p in POSITION_PARAMETERS:
        query.pop(p, None)
    return query


def _period_toggle(params: QueryDict, start: str, end: str, chosen: bool) -> str:
    query = _without_position(params)
    if chosen:
        query.pop("said_from", None)
        query.pop("said_to", None)
    else:
        query["said_from"], query["said_to"] = start, end
    return "?" + query.urlencode()
