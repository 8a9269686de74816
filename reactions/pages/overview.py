"""The overview (`/reactions/`): who reacted how, and when, on a map, in a table and day by day."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles.extraction.vocab import TOPICS
from reactions.lib import refusals, world_map
from reactions.overview import STANCES, SUBJECTS, Group, Overview, cached_overview
from reactions.pages import common
from reactions.pages.common import LANGUAGE_NAMES
from reactions.response_cache import anonymous_reads

# Which subject the map colours by; not a filter of the statements.
MAP = "map"
# How long a browser keeps the countries' shapes: they change only with the vendored world-atlas.
WORLD_MAP_SECONDS = 7 * 24 * 3600


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
    found = cached_overview(filters, common.statement_filter(filters))
    subjects = [(label, key) for key, (label, _) in SUBJECTS.items()]
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
                (g, [(label, g.sides[key]) for label, key in subjects], _matrix_row(g, found, filters))
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
            # A group's statements (its country for the filters' countries), and a day's of them.
            "group_query": common.without(filters, "country"),
            "query": params.urlencode(),
        },
    )


def _matrix_row(group: Group, found: Overview, filters: QueryDict) -> SafeString:
    """A group's cells in the day-by-day matrix, as HTML: for each day it spoke, how many statements,
    coloured by that day's stance and linking to them; an empty cell for the others. Made here, not
    in the template: a month of thirty groups is a thousand cells, and a template's lookups of each
    cell's parts cost more than the whole overview's counting."""
    # Every part of a cell's address is escaped once a row: the day is ISO digits, the rest of the
    # filters urlencoded (an & becomes &amp; in the attribute), the stance one of STANCES.
    base = escape(reverse("statements") + f"?country={group.code}")
    rest = common.without(filters, "country", "said_from", "said_to")
    rest = escape(f"&{rest}") if rest else ""
    cells = []
    for day in found.days:
        cell = group.days.get(day)
        if cell is None:
            cells.append("<td></td>")
            continue
        iso = day.isoformat()
        link = f"{base}&amp;said_from={iso}&amp;said_to={iso}{rest}"
        stance = cell.stance or "none"
        cells.append(f'<td class="stance-{stance}"><a href="{link}">{cell.statements:d}</a></td>')
    return mark_safe("".join(cells))  # every part escaped above


def _with_map(filters: QueryDict, subject: str) -> str:
    query = filters.copy()
    if subject != "csto":
        query[MAP] = subject
    return query.urlencode()


def _map(found: Overview, subject: str) -> dict:
    """The map's layers, drawn from the countries' document (`world_map_document`): every country
    in grey, then each that spoke over it, with its stance on this subject (None: it spoke, but
    not of this)."""
    return {
        "width": world_map.WIDTH,
        "height": world_map.HEIGHT,
        "spoke": [(g, g.sides[subject]) for g in found.groups if g.on_map],
    }


@require_safe
@cache_control(max_age=WORLD_MAP_SECONDS, public=True)
def world_map_document(request: HttpRequest) -> HttpResponse:
    """The countries' shapes, for the overview's map to draw (reactions/lib/world_map.py)."""
    return HttpResponse(world_map.document(), content_type="image/svg+xml")
