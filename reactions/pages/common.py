"""What every Explorer page shares: reading the filters from the URL, the 400 page, htmx fragments."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from reactions import cards, listing
from reactions.facets import POSITION_PARAMETERS, Toggles
from reactions.filters import StatementFilter, ValuesField, actors_named
from reactions.lib import refusals
from reactions.lib.keyset import Position
from reactions.lib.periods import GROUPS
from reactions.models import Statement
from reactions.names import known_names

PAGE_SIZES = (10, 25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 25
# Values a form always sends that mean "as if not given": left out of canonical addresses.
DEFAULTS = {
    "group": "day",
    "page_size": str(DEFAULT_PAGE_SIZE),
    "ordering": listing.DEFAULT_ORDERING,
    "scope": "words",
}
# Parameters that ask how to answer, not what to list: left out too (`counts=now`: count first).
NOT_FILTERS = {"counts"}
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English", "ru": "Russian"}
# How a page's title names each filter (`described`), in this order; others go by their parameter.
FILTER_WORDS = {
    "q": "search",
    "speaker": "speaker",
    "country": "country",
    "kind": "kind",
    "act": "act",
    "topic": "topic",
    "quote": "quote",
    "language": "language",
    "source": "outlet",
    "event": "event",
    "said_from": "said from",
    "said_to": "said until",
    "scope": "search in",
}
# Parameters that say how to show the list, not which statements: never a chip or in a title.
NOT_FILTERING = ("group", "page_size", "ordering", "map")


def handles_bad_filters(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn a Refusal into a 400 that names the parameters: a page (or its htmx fragment), or for an
    export the API's error shape (reactions/lib/refusals.py)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except refusals.Refusal as exc:
            if refusals.wants_data(request):
                return refusals.as_json(400, refusals.message_of(exc.fields), exc.fields)
            template = "reactions/bad_request.html#message" if request.htmx else "reactions/bad_request.html"
            return render(request, template, _to_fix(request, exc.fields), status=400)

    return wrapper


def _to_fix(request: HttpRequest, fields: dict[str, list[str]]) -> dict:
    """What the 400 page shows: each value it could not read, in a form to correct it (the other
    parameters kept as they were), and a reversed range the right way round."""
    asked = request.GET
    wrong = [(name, asked.get(name, ""), messages) for name, messages in fields.items()]
    kept = [(k, v) for k in asked if k not in (*fields, "after", "counts") for v in asked.getlist(k)]
    swapped = None
    for start, end in (("said_from", "said_to"), ("published_from", "published_to")):
        if start in fields and asked.get(start) and asked.get(end):
            query = asked.copy()
            query[start], query[end] = asked[end], asked[start]
            query.pop("after", None)
            swapped = f"{request.path}?{query.urlencode()}"
    return {"fields": fields, "wrong": wrong, "kept": kept, "swapped": swapped}


def canonical(params: QueryDict) -> QueryDict:
    """The filters as the pages write them: empty and default values dropped, speakers by slug.

    Speakers typed as a name or alias («توكايف», «Lavrov») become the slug of the actor they name,
    so the facet panel shows them ticked and a shared link reads the same whoever typed it.
    """
    query = QueryDict(mutable=True)
    for key in params:
        if key in NOT_FILTERS:
            continue
        values = [v for v in params.getlist(key) if v.strip() and v != DEFAULTS.get(key)]
        if key == "speaker":
            values = _speaker_slugs(values)
        if values:
            query.setlist(key, values)
    return query


def _speaker_slugs(values: list[str]) -> list[str]:
    """Each typed speaker as the slugs it names (at most five), else as typed. The values are
    checked (how many, how long) before any query, and resolved in one go."""
    try:
        parts = ValuesField(required=False).clean(values)
    except ValidationError as exc:
        raise refusals.Refusal({"speaker": exc.messages}) from None
    named = actors_named(parts)
    out: list[str] = []
    for part in parts:
        for slug in [slug for _, slug in named[part][:5]] or [part]:
            if slug not in out:
                out.append(slug)
    return out


def statement_filter(params: QueryDict, queryset=None) -> StatementFilter:
    """The statements filter for these parameters; a Refusal when one cannot be read."""
    filterset = StatementFilter(params, queryset if queryset is not None else Statement.objects.all())
    if not filterset.is_valid():
        raise refusals.Refusal({k: [str(m) for m in v] for k, v in filterset.errors.items()})
    return filterset


def listed(params: QueryDict, statements: QuerySet, key: str | None = None) -> dict:
    """What a page shows of its list of statements (reactions/listing.py): the cards of the page the
    parameters ask for, in their order (reactions/cards.py), and where the next page starts. With
    `key`, the page its JSON twin lists (`listing.page`)."""
    ordering, position, size = listing.ordering_of(params), listing.position_of(params), page_size(params)
    if key is None:
        page = listing.page_of_items(statements, position, size, ordering, extra=cards.EXTRA)
        rows = cards.cards(page.items)
    else:
        page = listing.page(statements, position, size, ordering, key=key)
        rows = cards.cards_of(page.ids)
    before = None
    if position is not None and rows:  # a deeper page: where the page before it starts
        first = rows[0]
        before = listing.earlier(statements, Position(first["said"], first["id"]), size, ordering)
    preceding = before.rows if before else 0
    return {
        "rows": rows,
        "ordering": ordering,
        "next": page.next.encode() if page.next else None,
        "deep": position is not None,
        "previous": before.previous.encode() if before and before.previous else "",
        # "26–50": the page's first and last numbers in the list (at least, past RANK_LIMIT).
        "numbers": (preceding + 1, preceding + len(rows), bool(before and before.capped)),
        "query": without_position(params),
    }


def described(params: QueryDict) -> str:
    """The filters in words, for a page's title: «topic csto or both, country Russia, said 2022-01-05
    to 2022-01-07». Codes and slugs are named as the panel names them; what is not a filter is left out."""
    named = _namer()
    parts = [
        f"{_word(key)} {' or '.join(named(key, v) for v in params.getlist(key))}"
        for key in _filter_keys(params)
        if key not in ("said_from", "said_to")
    ]
    said = _span(params.get("said_from"), params.get("said_to"))
    return ", ".join([*parts, *([said] if said else [])])


def chips(params: QueryDict) -> list[tuple[str, str, str]]:
    """Each filter value the list is under as (what it filters, the value as the panel names it,
    the address without it): the removable chips above the results."""
    named, toggles = _namer(), Toggles(params)
    return [
        (_word(key), named(key, value), toggles.toggle(key, value))
        for key in _filter_keys(params)
        for value in params.getlist(key)
    ]


def _word(key: str) -> str:
    return FILTER_WORDS.get(key, key.replace("_", " "))


def _filter_keys(params: QueryDict) -> list[str]:
    """The keys of `params` that filter, in the order FILTER_WORDS names them, the others after."""
    keys = [*(k for k in FILTER_WORDS if k in params), *(k for k in params if k not in FILTER_WORDS)]
    return [k for k in keys if k not in (*POSITION_PARAMETERS, *NOT_FILTERING) and params.getlist(k)]


def _namer() -> Callable[[str, str], str]:
    """A filter's value as the panel names it: a speaker's slug by their name, a country's code by
    its name, a language's code by the language, a search in guillemets."""
    names = known_names()

    def named(key: str, value: str) -> str:
        if key == "speaker" and value in names.actors_by_slug:
            return names.actors[names.actors_by_slug[value]][1]
        if key == "country":
            return names.country_names.get(value, value)
        if key == "language":
            return LANGUAGE_NAMES.get(value, value)
        if key == "scope":
            return "the whole articles" if value == "articles" else "the words"
        return f"«{value}»" if key == "q" else value

    return named


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"said {start} to {end}" if start != end else f"said on {start}"
    return f"said from {start}" if start else f"said until {end}" if end else ""


def page_size(params: QueryDict) -> int:
    """How many statements a page lists: one of PAGE_SIZES (the form's choices)."""
    return listing.page_size_of(params, DEFAULT_PAGE_SIZE, PAGE_SIZES)


def group(params: QueryDict) -> str:
    value = params.get("group") or "day"
    if value not in GROUPS:
        raise refusals.Refusal({"group": [f"Must be one of: {', '.join(GROUPS)}."]})
    return value


def without_position(params: QueryDict) -> str:
    """The query string for links that keep the filters and start the list again."""
    return without(params, *POSITION_PARAMETERS)


def without(params: QueryDict, *parameters: str) -> str:
    """The query string of `params` without `parameters`."""
    query = params.copy()
    for parameter in parameters:
        query.pop(parameter, None)
    return query.urlencode()


def fragment(request: HttpRequest, template: str, name: str, context: dict) -> HttpResponse:
    """The whole page, or only its `name` fragment when htmx asked for it."""
    return render(request, f"{template}#{name}" if request.htmx else template, context)
