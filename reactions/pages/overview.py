"""The overview (`/reactions/`): who reacted how, and when, on a map, in a table and day by day."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.extraction.vocab import TOPICS
from reactions.lib import refusals, world_map
from reactions.overview import STANCES, SUBJECTS, Overview, cached_overview
from reactions.pages import common
from reactions.pages.common import LANGUAGE_NAMES
from reactions.response_cache import anonymous_reads

# Which subject the map colours by; not a filter of the statements.
MAP = "map"


def subject_of(params: QueryDict) -> str:
    subject = params.get(MAP) or "csto"
    if subject not in SUBJECTS:
        raise refusals.Refusal({MAP: [f"Must be one of: {', '.join(SUBJECTS)}."]})
    return subject


@require_safe
@anonymous_reads
@common.handles_bad_filters
def overview_page(request: HttpRequest) -> HttpResponse:
    params = common.canonical(request.GET)
    subject = subject_of(params)
    filters = params.copy()
    filters.pop(MAP, None)
    # A bad value is a 400 before anything is counted.
    found = cached_overview(filters, common.statement_filter(filters).qs)
    list_query = filters.urlencode()
    return render(
        request,
        "reactions/overview.html",
        {
            "overview": found,
            "subject": subject,
            "subjects": [(key, label, _with_map(filters, key)) for key, (label, _) in SUBJECTS.items()],
            "subject_label": SUBJECTS[subject][0],
            "map": _map(found, subject),
            "off_map": [(g, g.sides[subject]) for g in found.groups if not g.on_map],
            # Each group with its sides in SUBJECTS' order and its matrix row, a cell a day.
            "rows": [
                (
                    g,
                    [(label, g.sides[key]) for key, (label, _) in SUBJECTS.items()],
                    [(d, g.days.get(d)) for d in found.days],
                )
                for g in found.groups
            ],
            "topics": TOPICS,
            "topic_chosen": filters.getlist("topic"),
            "languages": LANGUAGE_NAMES.items(),
            "language_chosen": filters.getlist("language"),
            "filters_said": common.described(filters),
            "stances": STANCES,
            "params": params,
            "filters": filters,
            "list_query": list_query,
            "query": params.urlencode(),
        },
    )


def _with_map(filters: QueryDict, subject: str) -> str:
    query = filters.copy()
    if subject != "csto":
        query[MAP] = subject
    return query.urlencode()


def _map(found: Overview, subject: str) -> dict:
    """The map's layers: every country that did not speak as one grey path (one element instead of
    a hundred and fifty), and a path per country that did, with its stance on this subject (None:
    it spoke, but not of this)."""
    shapes = world_map.countries()
    spoke = {g.code: g for g in found.groups if g.on_map}
    return {
        "width": world_map.WIDTH,
        "height": world_map.HEIGHT,
        "silent": "".join(path for code, path in shapes.items() if code not in spoke),
        "spoke": [(g, shapes[g.code], g.sides[subject]) for g in spoke.values()],
    }
