"""The events: the crisis's curated developments and the occasions statements were made at."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from reactions.models import Event, Statement
from reactions.pages import common
from reactions.response_cache import anonymous_reads


@require_safe
@anonymous_reads
def event_list(request: HttpRequest) -> HttpResponse:
    events = Event.objects.annotate(statement_count=Count("statements")).prefetch_related("participants")
    return render(
        request,
        "reactions/events.html",
        {
            "developments": [e for e in events if e.kind == Event.DEVELOPMENT],
            "occasions": [e for e in events if e.kind == Event.OCCASION],
        },
    )


@require_safe
@anonymous_reads
@common.handles_bad_filters
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.prefetch_related("participants"), slug=slug)
    params = common.canonical(request.GET)
    statements = Statement.objects.filter(events=event)
    context = {
        "event": event,
        **common.listed(params, statements),
        "total": statements.count(),
    }
    return common.fragment(request, "reactions/event.html", "results", context)
