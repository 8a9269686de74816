"""The overview (`/reactions/`): who reacted how, and when, on a map, in a table and day by day."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from html import escape  # Django's escape is this, behind a check for lazy text that costs more

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import dateformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles.extraction.vocab import TOPICS
from reactions.lib import refusals, world_map
from reactions.overview import STANCES, SUBJECTS, Group, Overview, Side, cached_overview
from reactions.pages import common
from reactions.pages.common import LANGUAGE_NAMES
from reactions.response_cache import anonymous_reads
from reactions.templatetags.display import plain

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
    list_query = filters.urlencode()
    # A group's statements (its country for the filters' countries), and a day's of them.
    group_query = common.without(filters, "country")
    statements = reverse("statements")
    links = {g.code: _group_link(statements, g.code, group_query) for g in found.groups}
    language = get_language()  # a month's name is written in it; read once, not for each day shown
    day_link = _day_link(statements, filters)
    return render(
        request,
        "reactions/overview.html",
        {
            "overview": found,
            "subject": subject,
            "subjects": [(key, label, _with_map(filters, key)) for key, (label, _) in SUBJECTS.items()],
            "subject_label": SUBJECTS[subject][0],
            "map": _map(found, subject, links),
            "off_map": [(g, g.sides[subject]) for g in found.groups if not g.on_map],
            # The table's rows and the day-by-day matrix's, a cell a day, each joined into one
            # value: a template loop costs more a row than the row costs to make.
            "table_rows": mark_safe("".join(_table_row(g, links[g.code], language) for g in found.groups)),
            "matrix_rows": mark_safe("".join(_matrix_row(g, found, day_link) for g in found.groups)),
            "matrix_days": _matrix_days(found.days, language),
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


# The table, the map and the matrix are made here, not in the template: thirty groups are a thousand
# values, and a template's lookup of each cost more than counting the whole overview. Every value
# that came with the data is escaped (names and words also isolated, as the `isolated` filter does).


@lru_cache(maxsize=4096)
def _day(day: date, style: str, language: str) -> str:
    """The day as the template's `date` filter writes it in this style, in `language`, the active
    language (part of the key only: remembered, as a page has a hundred and the month thirty-one)."""
    return dateformat.format(day, style)


def _group_link(statements: str, code: str, group_query: str) -> str:
    """The address of a group's statements, escaped for an attribute."""
    link = f"{statements}?country={code}"
    return escape(f"{link}&{group_query}" if group_query else link)


def _day_link(statements: str, filters: QueryDict) -> str:
    """The address of a group's statements on a day, escaped, with {country} and {day} to fill in
    (a code and an ISO day need no escaping): every part but those is escaped once a page."""
    rest = common.without(filters, "country", "said_from", "said_to")
    rest = escape(f"&{rest}") if rest else ""
    base = escape(statements).replace("{", "{{").replace("}", "}}")
    rest = rest.replace("{", "{{").replace("}", "}}")
    return f"{base}?country={{country}}&amp;said_from={{day}}&amp;said_to={{day}}{rest}"


def _table_row(group: Group, link: str, language: str) -> SafeString:
    """A group's row of the stances table: who, its first reaction, how many statements, and its
    stance on each subject with the first statement that took it."""
    if group.first_said_on:
        day = group.first_said_on
        first = f'<time datetime="{day.isoformat()}">{escape(_day(day, "D j M Y", language))}</time>'
    else:
        first = '<span class="meta">no day known</span>'
    undated = f' <span class="meta">({group.undated:d} with no day)</span>' if group.undated else ""
    sides = []
    for key, (label, _) in SUBJECTS.items():
        side = group.sides[key]
        if not side.stance:
            said = '<span class="meta">nothing said</span>'
        else:
            stance = escape(side.stance)
            said = (
                f'<span class="stance-word stance-{stance}">{stance}</span>'
                f' <span class="meta">{side.taken:d} of {side.total:d}</span>\n        '
            )
            if side.statement:
                quoted = side.statement
                when = escape(_day(quoted.said_on, "j M", language)) if quoted.said_on else "no day"
                said += (
                    f'<a class="said" href="{escape(quoted.url)}">«<bdi>{escape(quoted.shown)}</bdi>»</a>'
                    f' <span class="meta"><bdi>{escape(quoted.speaker_name)}</bdi>, {when}</span>'
                )
            said += "\n      "
        sides.append(f'<td data-label="On {escape(label)}">{said}</td>')
    return mark_safe(  # every part escaped above
        f'<tr id="group-{escape(group.code)}">\n      <th scope="row">'
        f'<a href="{link}"><bdi>{escape(group.name)}</bdi></a>'
        f' <span class="meta">{escape(group.kind)}</span></th>\n'
        f'      <td data-label="First reaction">{first}</td>\n'
        f'      <td data-label="Statements">{group.statements:d}{undated}</td>\n'
        f"      {''.join(sides)}\n    </tr>"
    )


def _map_link(group: Group, side: Side, subject: str, link: str, shapes: str) -> SafeString:
    """A country that spoke, on the map: its shape coloured by its stance on `subject`, linking to
    its statements, titled with its name and what its stance counts."""
    label = SUBJECTS[subject][0]
    if side.stance:
        n = side.total
        said = f"{side.stance} ({side.taken:d} of {n:d} statement{pluralize(n)} on {label})"
    else:
        n = group.statements
        said = f"nothing on {label} ({n:d} statement{pluralize(n)} on other things)"
    stance = side.stance or "none"
    return mark_safe(  # every part escaped
        f'<a href="{link}">'
        f"<title>{escape(plain(group.name))}: {escape(said)}</title>"
        f'<use class="stance-{escape(stance)}" data-country="{escape(group.code)}"'
        f' href="{escape(shapes)}#{escape(group.code)}"/></a>'
    )


def _matrix_row(group: Group, found: Overview, day_link: str) -> SafeString:
    """A group's row of the day-by-day matrix: for each day it spoke, how many statements, coloured
    by that day's stance and linking to them (`_day_link`); an empty cell for the others; then its
    undated ones."""
    country = escape(group.code)
    cells = []
    for day in found.days:
        cell = group.days.get(day)
        if cell is None:
            cells.append("<td></td>")
            continue
        link = day_link.format(country=country, day=day.isoformat())
        stance = cell.stance or "none"
        cells.append(f'<td class="stance-{stance}"><a href="{link}">{cell.statements:d}</a></td>')
    undated = f"{group.undated:d}" if group.undated else ""
    return mark_safe(  # every part escaped above
        f'<tr><th scope="row"><bdi>{escape(group.name)}</bdi></th>\n      {"".join(cells)}\n'
        f"      <td>{undated}</td></tr>"
    )


def _matrix_days(days: list[date], language: str) -> SafeString:
    """The matrix's header cells, a day each."""
    return mark_safe(  # an ISO day and a day's label in words need no escaping; escaped all the same
        "".join(
            f'<th scope="col"><time datetime="{d.isoformat()}">{escape(_day(d, "j M", language))}</time></th>'
            for d in days
        )
    )


def _with_map(filters: QueryDict, subject: str) -> str:
    query = filters.copy()
    if subject != "csto":
        query[MAP] = subject
    return query.urlencode()


def _map(found: Overview, subject: str, links: dict[str, str]) -> dict:
    """The map's layers, drawn from the countries' document (`world_map_document`): every country
    in grey, then each that spoke over it, with its stance on this subject (none: it spoke, but
    not of this)."""
    shapes = reverse("world-map")
    return {
        "width": world_map.WIDTH,
        "height": world_map.HEIGHT,
        "shapes": shapes,
        # Each country's shape, a line each.
        "spoke": mark_safe(
            "".join(
                f"{_map_link(g, g.sides[subject], subject, links[g.code], shapes)}\n    "
                for g in found.groups
                if g.on_map
            )
        ),
    }


@require_safe
@cache_control(max_age=WORLD_MAP_SECONDS, public=True)
def world_map_document(request: HttpRequest) -> HttpResponse:
    """The countries' shapes, for the overview's map to draw (reactions/lib/world_map.py)."""
    return HttpResponse(world_map.document(), content_type="image/svg+xml")
