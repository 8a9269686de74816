"""Compare two to four actors side by side, day by day, on one topic or all."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.extraction.vocab import TOPICS
from reactions.filters import actors_named
from reactions.lib import refusals
from reactions.models import Actor
from reactions.pages import common
from reactions.queries import compare
from reactions.response_cache import anonymous_reads

MAX_ACTORS = 4


@require_safe
@anonymous_reads
@common.handles_bad_filters
def compare_page(request: HttpRequest) -> HttpResponse:
    names = [v.strip() for v in request.GET.getlist("actor") if v.strip()]
    if len(names) > MAX_ACTORS:
        raise refusals.Refusal({"actor": [f"Compare at most {MAX_ACTORS} actors at a time."]})
    actors, unknown = [], []
    named = actors_named(names)
    for name in names:
        ids = [pk for pk, _ in named[name]]
        found = Actor.objects.filter(pk__in=ids).order_by("provisional", "name").first() if ids else None
        if found is None:
            unknown.append(name)
        elif found not in actors:
            actors.append(found)
    if unknown:
        raise refusals.Refusal({"actor": [f"No actor is named {n!r}." for n in unknown]})
    # The other filters of the statements list apply too (topic, act, dates...); `actor` is ours.
    statements = common.statement_filter(common.canonical(request.GET)).qs
    days = compare(actors, statements) if len(actors) >= 2 else []
    context = {
        "actors": actors,
        "topic": request.GET.get("topic", ""),
        "topics": TOPICS,
        "days": days,
        "slots": [*(a.slug for a in actors), *[""] * (MAX_ACTORS - len(actors))],
    }
    return render(request, "reactions/compare.html", context)
