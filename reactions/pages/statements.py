"""The statements list (the home page), one statement, speaker suggestions, and the list's exports."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from articles.extraction.normalize import normalize
from reactions import cards, export, listing, services
from reactions.citation import cite
from reactions.data_version import version
from reactions.facets import filters_key
from reactions.lib.highlight import context as span_context
from reactions.lib.periods import GROUPS
from reactions.models import Actor, ActorAlias, Correction, Statement
from reactions.pages import common
from reactions.permissions import is_analyst
from reactions.queries import (
    cached_list_counts,
    counts_when_free,
    list_counts,
    list_counts_keys,
)
from reactions.response_cache import anonymous_reads
from reactions.search import ARTICLES, suggestions, understand

# What the filter panel shows as its own controls; other parameters ride along as hidden inputs.
PANEL_PARAMETERS = {"q", "scope", "speaker", "country", "kind", "act", "topic", "quote", "source", "event"}
PANEL_PARAMETERS |= {"said_from", "said_to", "group", "after"}
# How long a list whose counts are coming is served from the cache (reactions/response_cache.py),
# at most: once its counts are cached, the next reader gets the page with them. The page asks for
# its counts as soon as it loads, so keeping the list costs a reader nothing, while rendering it
# again for every reader of a new filter during its first seconds cost the lists their speed
# (bench/web.py, 10 s: p95 170 ms).
PENDING_SECONDS = 30
# The filters the facets tick; while their counts load, the panel keeps them as hidden inputs.
FACET_PARAMETERS = ("speaker", "country", "kind", "act", "topic", "quote", "source", "event")


@require_safe
@anonymous_reads
@common.handles_bad_filters
def statement_list(request: HttpRequest) -> HttpResponse:
    params = common.canonical(request.GET)
    filterset = common.statement_filter(params)
    ordering, group = listing.ordering_of(params), common.group(params)
    common.page_size(params)  # a size the form does not offer is refused before anything is counted
    query = common.without_position(params)
    # The list answers at once and, when the counts of its filters are not cached yet, with a panel
    # that asks for them next (X-Counts: now): at a million statements counting takes seconds, the
    # list milliseconds. A whole page on a small database counts first (it is quick, and the panel
    # does not flicker); without JavaScript, the panel's link asks for a page that counts first.
    counting = bool(request.htmx) and request.headers.get("X-Counts") == "now"
    if counting:
        counts = counts_when_free(QueryDict(query), group)
    elif request.GET.get("counts") == "now" or _counts_first(request):
        counts = list_counts(QueryDict(query), group)
    else:
        counts = cached_list_counts(QueryDict(query), group)
    context = {
        "params": params,
        "query": query,
        "version": version(),
        "pending": counts is None,
        "retry": counting and counts is None,  # every counting slot was busy: ask again in a moment
        "total": counts.total if counts else None,
        "facets": counts.facets if counts else {},
        "selected": [(k, v) for k in FACET_PARAMETERS for v in params.getlist(k)],
        "chips": common.chips(params),
        "filters_said": common.described(params),
        "group": group,
        "groups": GROUPS,
        "hidden": [(k, v) for k in params if k not in PANEL_PARAMETERS for v in params.getlist(k)],
        "orders": _orders(params, ordering),
        "ordering": ordering,
    }
    if counting and counts is None:  # no counting slot free: the panel's link asks again soon
        response = render(request, "reactions/statements.html#counting", context)
        patch_cache_control(response, max_age=1)  # everyone waiting for these counts shares it
        return response
    if counting:  # the panel and the total, swapped in out of band; no list
        return render(request, "reactions/statements.html#counted", context)
    context.update(common.listed(params, filterset.qs, key=f"statements|{filters_key(params)}"))
    if params.get("q", "").strip():
        context.update(_searched(params, context["rows"]))
    response = common.fragment(request, "reactions/statements.html", "results", context)
    if counts is None:
        # The counts are coming: readers of a new filter share its list while it is counted, and
        # the first reader after its counts are cached gets (and shares) the page with them.
        patch_cache_control(response, max_age=PENDING_SECONDS)
        response.stands_until_cached = list_counts_keys(QueryDict(query), group)
    if request.htmx:
        # The address bar shows the canonical filters, not the form's empty fields.
        response["HX-Push-Url"] = request.path + (f"?{params.urlencode()}" if params else "")
    return response


ORDER_LABELS = {"-said_on": "latest said first", "said_on": "earliest said first"}


def _orders(params: QueryDict, chosen: str) -> list[tuple[str, str, bool]]:
    """(label, the list's address in that order, whether it is the one shown) for each order."""
    orders = []
    for value, label in ORDER_LABELS.items():
        query = QueryDict(common.without_position(params), mutable=True)
        query.pop("ordering", None)
        if value != listing.DEFAULT_ORDERING:
            query["ordering"] = value
        orders.append((label, f"?{query.urlencode()}" if query else "?", value == chosen))
    return orders


def _searched(params: QueryDict, rows: list) -> dict:
    """What the page says of its search: how it read the names, the words it matched in each card,
    and for a search that found nothing, the names spelt closest to its words."""
    found = understand(params["q"])
    cards.mark_matches(rows, found.patterns())
    if params.get("scope") == ARTICLES:
        cards.mark_in_articles(rows, found.patterns())
    offers = []
    if not rows and "after" not in params:
        for offer in suggestions(params["q"]):
            query = QueryDict(common.without_position(params), mutable=True)
            query["q"] = offer.text
            offers.append((offer, f"?{query.urlencode()}"))
    return {"search_notes": found.notes, "suggestions": offers}


def _counts_first(request: HttpRequest) -> bool:
    return not request.htmx and not Statement.objects.at_least(settings.COUNTS_FIRST_BELOW)


@require_safe
@anonymous_reads
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.all_objects.for_listing(), pk=pk)
    analyst = is_analyst(request.user)
    if statement.rejected and not analyst:
        # Its permanent link was given out: say what became of it rather than "not found".
        rejection = statement.corrections.filter(field="rejected").first()
        return render(
            request, "reactions/rejected.html", {"s": statement, "rejection": rejection}, status=410
        )
    root = statement.claim_id
    reports = (
        Statement.objects.reports_of([root])
        .exclude(pk=statement.pk)
        .with_outlet()  # a report shows its outlet and day, never its article's text
    )
    # The same claim given twice in this article (a paraphrase, then the quotation) is one group
    # with the other outlets' reports; the page tells them apart.
    again = [r for r in reports if r.article_id == statement.article_id]
    elsewhere = [r for r in reports if r.article_id != statement.article_id]
    before, words, after = span_context(statement.article.text, statement.start, statement.end)
    return render(
        request,
        "reactions/statement.html",
        {
            "s": statement,
            "card": cards.cards_of([statement.pk], Statement.all_objects.all())[0],
            "before": before,
            "words": words,
            "after": after,
            "reports": elsewhere,
            "again": again,
            "events": statement.events.all(),
            "corrections": statement.corrections.select_related("user"),
            "analyst": analyst,
            "open_flags": statement.flags.filter(handled=False).count() if analyst else 0,
            "same_occasion": Statement.objects.at_same_occasion(statement).with_outlet(),
            "citation": cite(
                statement, request.build_absolute_uri(reverse("statement", args=[pk])), timezone.localdate()
            ),
        },
    )


@login_required
@require_POST
def undo_correction(request: HttpRequest, pk: int, correction: int) -> HttpResponse:
    """Put back what a correction changed (analysts only; CSRF-protected): itself a correction."""
    if not is_analyst(request.user):
        raise PermissionDenied("Only analysts may correct statements.")
    found = get_object_or_404(Correction, pk=correction, statement_id=pk)
    services.undo(found, request.user)
    return redirect(reverse("statement", args=[pk]) + "#corrections")


@require_safe
def speaker_suggestions(request: HttpRequest) -> HttpResponse:
    """`<option>`s for the speaker box: actors whose name or any alias contains what was typed."""
    # The statements page's box is `speaker`; the compare page's boxes are `actor`.
    typed = (request.GET.get("speaker") or request.GET.get("actor") or "").strip()[:100]
    actors = Actor.objects.none()
    if len(typed) >= 2:
        aliases = ActorAlias.objects.filter(normalised__contains=normalize(typed)).values("actor_id")
        actors = (
            Actor.objects.filter(Q(name__icontains=typed) | Q(pk__in=aliases))
            .select_related("parent")
            .order_by("provisional", "name")[:15]
        )
    return render(request, "reactions/speaker_options.html", {"actors": actors})


@require_safe
@common.handles_bad_filters
def statements_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The whole filtered list, streamed in the list's order: no page, no row cap."""
    params = common.canonical(request.GET)
    filterset, ordering = common.statement_filter(params), listing.ordering_of(params)
    stream = export.stream_csv if fmt == "csv" else export.stream_json
    return stream(filterset.qs, ordering)
