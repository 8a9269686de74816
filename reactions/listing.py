"""The one statements list: its orders, its pages and its item, for the page, the API and the exports.

The statements page, `GET /api/statements/`, `/statements.json`, `/statements.csv` and the API's
`?format=csv` all list statements through here: the same order (ORDERINGS), the same keyset pages
(`after=`, as `Position` writes it) and the same item (ITEM: one flat record a statement, the
columns of the CSV), which the pages show as cards (reactions/cards.py). Every format reads plain
values, so a row costs its own columns and never a model instance or its article's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from reactions.data_version import cached
from reactions.lib.ids import as_id
from reactions.lib.keyset import BadPosition, Position, decode
from reactions.lib.refusals import Refusal
from reactions.models import Statement

# The orders the indexes serve (reactions/models.py, Statement.Meta.indexes), by the `ordering`
# parameter's value. Undated statements come last in both.
ORDERINGS = {
    "-said_on": "The latest day said first (the default)",
    "said_on": "The earliest day said first: who said it first",
}
DEFAULT_ORDERING = "-said_on"

# The item: each field of a listed statement and the column it is read from. The statement's own
# copies of its speaker's country and kind and of its outlet are read, not the speaker's and the
# article's: they are what the filters and facets match, so an item always agrees with them.
ITEM = (
    ("id", "id"),
    ("said_on", "said_on"),
    ("date_rule", "date_rule"),
    ("speaker", "speaker__name"),
    ("speaker_slug", "speaker__slug"),
    ("role", "speaker__role"),
    ("country", "speaker_country"),
    ("kind", "speaker_kind"),
    ("act", "act"),
    ("topic", "topic"),
    ("quote", "quote"),
    ("content", "content"),
    ("language", "language"),
    ("cue", "cue"),
    ("confidence", "confidence"),
    ("corrected", "corrected_by_human"),
    ("outlet", "source__name"),
    ("outlets", "outlets"),
    ("published", "article__published"),
    ("title", "article__title"),
    ("url", "article__url"),
    ("article_id", "article_id"),
    ("start", "start"),
    ("end", "end"),
)
COLUMNS = [column for column, _ in ITEM]
# The speaker's name, slug and role and the outlet's name come from the names every process holds
# (reactions/names.py), by the ids the row reads, not from joins: without the joins to the actors
# and the outlets, the item query of a page (an uncached two-filter list) plans in less time and
# does not hash the 5,000 actors (docs/scaling.md).
_NAMED = {"speaker__name", "speaker__slug", "speaker__role", "source__name"}
_READ = [field for _, field in ITEM if field not in _NAMED] + ["speaker_id", "source_id", "first_report_id"]
_ID, _SAID_ON = _READ.index("id"), _READ.index("said_on")
_SPEAKER, _SOURCE = _READ.index("speaker_id"), _READ.index("source_id")
CHUNK = 2000  # rows an export reads a query


def ordering_of(params: Mapping[str, str]) -> str:
    """`ordering`, or the default; an order no index serves is refused naming the parameter."""
    value = params.get("ordering") or DEFAULT_ORDERING
    if value not in ORDERINGS:
        raise Refusal({"ordering": [f"Must be one of: {', '.join(ORDERINGS)}."]})
    return value


def position_of(params: Mapping[str, str]) -> Position | None:
    """Where the page starts (`after`, as `Position.encode` writes it), or None for the first page."""
    value = params.get("after")
    if not value:
        return None
    try:
        return decode(value)
    except BadPosition as exc:
        raise Refusal({"after": [str(exc)]}) from None


def page_size_of(params: Mapping[str, str], default: int, allowed: Sequence[int]) -> int:
    """`page_size`, or `default`; a size outside `allowed` is refused naming the parameter (never
    dropped silently)."""
    value = params.get("page_size")
    if not value:
        return default
    size = as_id(value)
    if size not in allowed:
        if isinstance(allowed, range):
            rule = f"Must be a whole number from {allowed.start} to {allowed.stop - 1}."
        else:
            rule = f"Must be one of {', '.join(map(str, allowed))}."
        raise Refusal({"page_size": [rule]})
    return size


def _values(statements: QuerySet) -> QuerySet:
    # Values from a plain queryset: a caller's select_related/defer would only get in the way.
    return statements.select_related(None).with_outlets().values_list(*_READ)


def _items(rows: list[tuple], extra: tuple[str, ...] = ()) -> list[dict]:
    """The items of rows `_values` read, with their speakers' and outlets' names, and the `extra`
    columns of `_READ` that are not the item's (a card's speaker id and claim: reactions/cards.py)."""
    from reactions.names import speakers_and_outlets

    speakers, outlets = speakers_and_outlets({r[_SPEAKER] for r in rows}, {r[_SOURCE] for r in rows})
    out = []
    for values in rows:
        read = dict(zip(_READ, values, strict=True))
        for day in ("said_on", "article__published"):
            read[day] = read[day].isoformat() if read[day] else None
        name, slug, role = speakers[read["speaker_id"]]
        read.update(
            speaker__name=name,
            speaker__slug=slug,
            speaker__role=role,
            source__name=outlets.get(read["source_id"]),
        )
        item = {column: read[field] for column, field in ITEM}
        out.append(item | {field: read[field] for field in extra} if extra else item)
    return out


def items(statements: QuerySet, ordering: str = DEFAULT_ORDERING) -> Iterator[dict]:
    """Every statement of `statements` as an item, in `ordering`: the exports.

    Read in chunks, each its own short query that seeks past the last row of the one before (not one
    cursor held open for the whole export): however long the export, no query runs longer than a
    chunk's, so `DB_STATEMENT_TIMEOUT` never cuts an export short, and a chunk that fails ends the
    stream with an error (the client sees the transfer cut, and no closing mark)."""
    after = None
    while True:
        rows = list(_values(statements.in_order(ordering, after))[:CHUNK])
        yield from _items(rows)
        if len(rows) < CHUNK:
            return
        after = Position(rows[-1][_SAID_ON], rows[-1][_ID])


@dataclass
class Page:
    ids: list[int]
    next: Position | None
    items: list[dict] | None = None  # the items, when they were read with the page
    counted: int | None = None  # how many the list holds, up to `count_up_to` + 1, when read with it
    estimate: int | None = None  # how many the planner expected, when it was asked (`count_up_to`)


def _split(rows: list, size: int, position: Callable[[Any], Position]) -> tuple[list, Position | None]:
    """A page of `rows` (read one more than the page holds) and the position after its last row
    when more rows follow: every page here is found this way."""
    return rows[:size], (position(rows[size - 1]) if len(rows) > size else None)


def page(
    statements: QuerySet,
    after: Position | None,
    size: int,
    ordering: str = DEFAULT_ORDERING,
    key: str | None = None,
    count_up_to: int | None = None,
) -> Page:
    """Which statements make the page of `statements` after `after`: a seek, never an OFFSET.

    With `key` (a canonical string of the filters that made `statements`), looked up once per data
    version and shared by every format: a page shown while its counts were coming is shown again with
    them, and its JSON twin is the same page; finding a search's newest rows at a million statements
    takes longer than all the rest of the answer.

    With `count_up_to`, the first page also counts the list up to that many and one more (`counted`)
    in the same query when PostgreSQL's plan for reading that many in order sorts them: it then reads
    every match (a bitmap of a search's rows) before returning the first, so reading a thousand costs
    what reading a page does, where counting them in a query of their own found them twice. A plan
    that walks an index in order stops at the page instead, and counting in any order is cheaper than
    reading a thousand in order (`bench/web.py`'s "api: search" of single common words: p95 15 -> 25
    ms when they were read so). The plan's row estimate comes back too (`estimate`), for a count
    past `count_up_to`."""
    asked = count_up_to is not None and after is None

    def find() -> tuple[list[int], Position | None, int | None, int | None]:
        rows = statements.in_order(ordering, after).values_list("id", "said_on")
        counting, estimate = False, None
        if asked:
            plan = rows[: count_up_to + 1].explained()
            scan = plan["Plans"][0] if plan and plan["Node Type"] == "Limit" else plan
            counting = scan is None or scan["Node Type"] == "Sort"
            estimate = int(scan["Plan Rows"]) if scan else None
        found_rows = list(rows[: max(size, count_up_to) + 1 if counting else size + 1])
        found, last = _split(found_rows, size, lambda r: Position(r[1], r[0]))
        return [pk for pk, _ in found], last, len(found_rows) if counting else None, estimate

    if key is None:
        ids, last, counted, estimate = find()
    else:
        position = after.encode() if after else ""
        query = f"{key}|{ordering}|{position}|{size}" + (f"|{count_up_to}" if asked else "")
        ids, last, counted, estimate = cached("list-page", query, find, wait=False)
    return Page(ids, last, counted=counted, estimate=estimate)


# How many rows before a page are counted to number it ("26–50 of 108"); past it, "after 10,000".
RANK_LIMIT = 10_000


@dataclass
class Earlier:
    """What comes before a page: where the page before it starts (None: the list's first page) and
    how many rows precede it (`RANK_LIMIT` at most: then at least that many)."""

    previous: Position | None
    rows: int

    @property
    def capped(self) -> bool:
        return self.rows >= RANK_LIMIT


def earlier(statements: QuerySet, first: Position, size: int, ordering: str = DEFAULT_ORDERING) -> Earlier:
    """The page before the page starting at `first`, sought backwards as pages are sought forwards,
    and how many rows precede it (a count that stops at RANK_LIMIT: bounded, whatever the list)."""
    back = statements.before(ordering, first)
    rows = list(back.values_list("id", "said_on")[: size + 1])
    previous = Position(rows[size][1], rows[size][0]) if len(rows) > size else None
    counted = len(rows) if len(rows) <= size else back.values("id")[:RANK_LIMIT].count()
    return Earlier(previous, counted)


def page_of_items(
    statements: QuerySet,
    after: Position | None,
    size: int,
    ordering: str = DEFAULT_ORDERING,
    extra: tuple[str, ...] = (),
) -> Page:
    """The page as `page` finds it, its items read in the same query: for a list its indexes find
    in a few milliseconds (no search), where looking the page up in the cache and reading its items
    by id again cost more than finding it. `extra` as `_items` takes it."""
    rows = list(_values(statements.in_order(ordering, after))[: size + 1])
    found, last = _split(rows, size, lambda r: Position(r[_SAID_ON], r[_ID]))
    return Page([r[_ID] for r in found], last, items=_items(found, extra))


def page_items(ids: list[int], extra: tuple[str, ...] = (), statements: QuerySet | None = None) -> list[dict]:
    """The items of these statements, in the order of `ids`; by their ids alone (with the filters
    again, the planner may seek them as it first did). `extra` as `_items` takes it; `statements`
    where to look (the listed ones by default: a rejected statement is not)."""
    if not ids:
        return []
    among = Statement.objects.all() if statements is None else statements
    found = {row[_ID]: row for row in _values(among.filter(pk__in=ids))}
    return _items([found[pk] for pk in ids if pk in found], extra)
