"""An actor's page: who they are, what they said over time, and who they speak about or alongside."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from articles.services import current_catalogue
from reactions.data_version import cached
from reactions.models import Actor, Statement
from reactions.overview import UNPLACED_KINDS
from reactions.pages import common
from reactions.queries import spoke_about, spoke_alongside, timeline
from reactions.response_cache import anonymous_reads

# The address of a country's page that lists only what the country itself said.
OWN = "own"


@require_safe
@anonymous_reads
@common.handles_bad_filters
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("parent__parent"), slug=slug)
    params = common.canonical(request.GET)
    params.pop("speaker", None)  # the page is the speaker filter
    # A country's or an organisation's page lists what its bodies and officials said too, as the
    # country facet counts them (`own=1`: only what it said itself).
    speaks_for = actor.speaks_for() and params.get(OWN) != "1"
    statements = (
        Statement.objects.filter(speaker_country=actor.country).exclude(speaker_kind__in=UNPLACED_KINDS)
        if speaks_for
        else Statement.objects.filter(speaker=actor)
    )
    filterset = common.statement_filter(params, statements)
    counted = f"{actor.slug}|{speaks_for}|{common.without_position(params)}"
    context = {
        "actor": actor,
        "speaks_for": speaks_for,
        "own": actor.speaks_for() and not speaks_for,
        "own_total": cached("actor-own", counted, Statement.objects.filter(speaker=actor).count)
        if speaks_for
        else None,
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
