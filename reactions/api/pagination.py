"""The API's pages: statements as the pages list them, everything else newest first by id."""

from __future__ import annotations

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from reactions import listing
from reactions.data_version import cached, peek_many
from reactions.facets import searched
from reactions.lib.ids import as_id
from reactions.search import WORDS, understand

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
# Up to this many statements a list's `count` is exact; past it, PostgreSQL's planner estimate,
# marked as such: counting every row a broad search finds costs more than the page itself
# (measured with bench/web.py; the figures are in the closing note of the stop that set it).
COUNT_EXACT_UP_TO = 1_000


SEARCH_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "How `q` was read (null without one): the words taken for an actor, the reporting "
    "verbs left out as attribution, and the same in sentences",
    "required": ["scope", "names", "attribution", "notes"],
    "properties": {
        "scope": {
            "type": "string",
            "enum": ["words", "articles"],
            "description": "Where `q` looked: the reported words, or the whole text of their articles",
        },
        "names": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["typed", "speaker", "name", "spelt_like"],
                "properties": {
                    "typed": {"type": "string", "description": "The words of `q` taken for the actor"},
                    "speaker": {"type": "string", "description": "The actor's slug (`speaker=` takes it)"},
                    "name": {"type": "string"},
                    "spelt_like": {
                        "type": "string",
                        "description": "The name the words were taken for when they do not spell one of"
                        " its names (else empty)",
                    },
                },
            },
        },
        "attribution": {"type": "array", "items": {"type": "string"}},
        "notes": {"type": "array", "items": {"type": "string"}},
    },
}


def page_size_of(request) -> int:
    """`page_size`, or the default; a size the API cannot serve is a 400 naming it (DRF would drop
    it silently and echo it into `next`)."""
    return listing.page_size_of(request.query_params, DEFAULT_PAGE_SIZE, range(1, MAX_PAGE_SIZE + 1))


def _page_size_parameter() -> dict:
    return {
        "name": "page_size",
        "required": False,
        "in": "query",
        "description": "Number of results to return per page.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    }


class DaySaid(BasePagination):
    """Statements as the statements page lists them (reactions/listing.py): in `ordering` (the latest
    day said first by default, undated last, then newest first), a page at a time after a position
    (`after=2022-01-10.123` or `after=none.123`, as the pages write it), each statement the item the
    exports give. The page and its JSON twin list the same statements in the same order, and a deep
    page costs what the first does (a seek, never an OFFSET).

    A view may give `listing_key(request)`: the canonical form of the filters that made the
    queryset, under which the page's statements and its count are cached with the page's own."""

    def paginate_queryset(self, queryset, request, view=None) -> list[dict]:
        self.request = request
        params = request.query_params
        size, ordering, after = (
            page_size_of(request),
            listing.ordering_of(params),
            listing.position_of(params),
        )
        key = view.listing_key(request) if hasattr(view, "listing_key") else None
        if key and searched(request.query_params):  # finding a search's page is worth keeping
            found = listing.page(
                queryset, after, size, ordering, key=f"statements|{key}", count_up_to=COUNT_EXACT_UP_TO
            )
            items = listing.page_items(found.ids)
        else:
            found = listing.page_of_items(queryset, after, size, ordering)
            items = found.items
        self.next = found.next
        self.count, self.count_exact = count_of(queryset, key, found.counted, found.estimate)
        return items

    def get_paginated_response(self, data) -> Response:
        counted = {"count": self.count, "count_exact": self.count_exact}
        text = self.request.query_params.get("q", "")
        scope = self.request.query_params.get("scope") or WORDS
        found = {**understand(text).described(), "scope": scope} if text.strip() else None
        return Response({**counted, "next": self.get_next_link(), "search": found, "results": data})

    def get_next_link(self) -> str | None:
        if self.next is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), "after", self.next.encode())

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "count_exact", "next", "search", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": f"How many statements the filters keep: exact up to "
                    f"{COUNT_EXACT_UP_TO:,}, past it the database's estimate",
                },
                "count_exact": {"type": "boolean", "description": "Whether `count` is exact or an estimate"},
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page (the same filters, `after` its last statement), or null",
                },
                "search": SEARCH_SCHEMA,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        after = {
            "name": "after",
            "required": False,
            "in": "query",
            "description": "The position the page starts after, as `next` writes it: a day and an id "
            "(2022-01-10.123), or none and an id for undated statements",
            "schema": {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2}|none)\.\d{1,18}$"},
        }
        ordering = {
            "name": "ordering",
            "required": False,
            "in": "query",
            "description": "The list's order: "
            + "; ".join(f"`{value}`: {meaning}" for value, meaning in listing.ORDERINGS.items())
            + ". Undated statements come last in both",
            "schema": {
                "type": "string",
                "enum": list(listing.ORDERINGS),
                "default": listing.DEFAULT_ORDERING,
            },
        }
        return [after, ordering, _page_size_parameter()]


class NewestFirst(CursorPagination):
    """Actors, articles and events: stable deep paging whatever is ingested meanwhile, newest first."""

    ordering = "-id"
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return page_size_of(request)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = [p for p in super().get_schema_operation_parameters(view) if p["name"] != "page_size"]
        return [*parameters, _page_size_parameter()]

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = False
        # Every cursor this API hands out holds a position; one without (edited, truncated, made up)
        # is a bad parameter, not a missing page. The position is compared with ids: «abc», «NaN» or
        # a NUL would reach the database.
        if cursor is False or (cursor is not None and as_id(cursor.position or "") is None):
            raise ValidationError({"cursor": ["This cursor is not valid: start again without it."]})
        return cursor


def count_of(
    queryset, key: str | None = None, counted: int | None = None, estimate: int | None = None
) -> tuple[int, bool]:
    """(how many rows, whether that is exact): the statements page's own total when it is cached
    under `key` (the same filters), else counted up to COUNT_EXACT_UP_TO (or `counted` so, with the
    first page), past it PostgreSQL's planner estimate (`estimate`, when the first page asked for
    it; at least what was counted; elsewhere, what was counted), cached under `key` too."""
    if key is None:
        return _count_up_to(queryset, counted, estimate)
    # Both looked up in one call: the page's total is found for lists the page counted, the count up
    # to COUNT_EXACT_UP_TO for the next pages of a list (a new address, the same filters).
    total, up_to = ("count", key), ("count-up-to", f"{key}|{COUNT_EXACT_UP_TO}")
    found = peek_many([total, up_to])
    if total in found:
        return found[total], True
    if up_to in found:
        return tuple(found[up_to])
    count = cached(*up_to, lambda: _count_up_to(queryset, counted, estimate), wait=False, looked=True)
    return tuple(count)


def _count_up_to(queryset, counted: int | None = None, estimate: int | None = None) -> tuple[int, bool]:
    if counted is None:
        counted = queryset.order_by()[: COUNT_EXACT_UP_TO + 1].count()
    if counted <= COUNT_EXACT_UP_TO:
        return counted, True
    return max(counted, estimate if estimate is not None else queryset.estimated() or 0), False
