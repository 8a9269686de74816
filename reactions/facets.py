"""Facet counts of a filtered statements query: value, label, count and a ready toggle link.

Shared by the API (`/api/statements/facets/`) and, later, the pages. A toggle link keeps every other
filter and selects the value, or clears it when it is already selected.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import QueryDict

FACETS = {
    # name: (field to group by, field giving the label, the filter parameter it toggles)
    "speaker": ("speaker__slug", "speaker__name", "speaker"),
    "country": ("speaker__country", "speaker__country", "country"),
    "act": ("act", "act", "act"),
    "topic": ("topic", "topic", "topic"),
    "quote": ("quote", "quote", "quote"),
    "outlet": ("article__source__name", "article__source__name", "source"),
}


def toggle(params: QueryDict, parameter: str, value: str) -> str:
    """The query string with `value` selected for `parameter`, or cleared if it was selected."""
    query = params.copy()
    query.pop("cursor", None)
    current = query.getlist(parameter)
    if value in current:
        current.remove(value)
    else:
        current.append(value)
    query.setlist(parameter, current)
    return "?" + query.urlencode()


def facets(queryset: QuerySet, params: QueryDict, limit: int = 20) -> dict[str, list[dict]]:
    ordered = queryset.order_by()
    result: dict[str, list[dict]] = {}
    for name, (field, label, parameter) in FACETS.items():
        rows = ordered.values(field, label).annotate(count=Count("id")).order_by("-count", field)[:limit]
        selected = set(params.getlist(parameter))
        result[name] = [
            {
                "value": r[field],
                "label": r[label],
                "count": r["count"],
                "selected": r[field] in selected,
                "toggle": toggle(params, parameter, r[field]),
            }
            for r in rows
            if r[field] not in (None, "")
        ]
    days = ordered.exclude(said_on=None).values("said_on").annotate(count=Count("id")).order_by("said_on")
    result["day"] = [
        {
            "value": r["said_on"].isoformat(),
            "label": r["said_on"].isoformat(),
            "count": r["count"],
            "toggle": _day_toggle(params, r["said_on"].isoformat()),
        }
        for r in days
    ]
    return result


def _day_toggle(params: QueryDict, day: str) -> str:
    query = params.copy()
    query.pop("cursor", None)
    if query.get("said_from") == day and query.get("said_to") == day:
        query.pop("said_from")
        query.pop("said_to")
    else:
        query["said_from"] = query["said_to"] = day
    return "?" + query.urlencode()
