"""The timeline: statements per day across the crisis, stacked by country or act, events marked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reactions.data_version import cached
from reactions.facets import filters_key
from reactions.lib import refusals
from reactions.lib.periods import period_end, period_label
from reactions.overview import undated_count
from reactions.pages import common
from reactions.queries import STACKS, cached_timeline
from reactions.response_cache import anonymous_reads


@require_safe
@anonymous_reads
@common.handles_bad_filters
def timeline_page(request: HttpRequest) -> HttpResponse:
    params = common.canonical(request.GET)
    stack = params.get("stack") or "country"
    if stack not in STACKS:
        raise refusals.Refusal({"stack": [f"Must be one of: {', '.join(STACKS)}."]})
    group = common.group(params)
    filterset = common.statement_filter(params)  # a bad value is a 400 before anything is counted
    list_query = params.copy()  # the list's filters: what the chart counts and a bar links to
    for p in ("stack", "group"):
        list_query.pop(p, None)
    line = cached_timeline(list_query, stack, group)
    undated = cached("undated", filters_key(list_query), lambda: undated_count(filterset))
    context = {
        "line": line,
        "chart": line.as_chart(),
        "rows": [
            (p, period_end(p, group), period_label(p, group), n)
            for p, n in zip(line.periods, line.totals(), strict=True)
        ],
        "stack": stack,
        "group": group,
        "params": params,
        "list_query": list_query.urlencode(),
        "filters_said": common.described(list_query),
        "undated": undated,
        "query": params.urlencode(),
    }
    return render(request, "reactions/timeline.html", context)
