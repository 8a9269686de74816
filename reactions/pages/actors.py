"""An actor's page: who they are, what they said over time, and who they speak about or alongside."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from articles.services import current_catalogue
from reactions.data_version import cached
from reactions.models import Actor, Statement
from reactions.pages import common
from reactions.queries import spoke_about, spoke_alongside, timeline
from reactions.response_cache import anonymous_reads


@require_safe
@anonymous_reads
@common.handles_bad_filters
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("parent__parent"), slug=slug)
    params = common.canonical(request.GET)
    params.pop("speaker", None)  # the page is the speaker filter
    filterset = common.statement_filter(params, Statement.objects.filter(speaker=actor))
    counted = f"{actor.slug}|{common.without_position(params)}"
    context = {
        "actor": actor,
        "aliases": actor.aliases.order_by("language", "text"),
        "institutions": actor.chain(),
        "members": actor.children.order_by("name")[:30],
        **common.listed(params, filterset.qs),
        # A head of state has a tenth of the statements: their count and chart are cached too.
        "total": cached("actor-count", counted, filterset.qs.count),
        "chart": cached("actor-chart", counted, lambda: timeline(filterset.qs, stack="act").as_chart()),
        # Both read all of an actor's statements: counted once per version of the data.
        "alongside": cached("alongside", actor.slug, lambda: spoke_alongside(actor)),
        "about": cached("about", actor.slug, lambda: spoke_about(actor, current_catalogue())),
    }
    return common.fragment(request, "reactions/actor.html", "results", context)
