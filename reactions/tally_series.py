"""A filter set's tally, day by day, held in the process: any period of it is summed without a query.

The overview's most varied question is the period (an analyst brushes a range of days; every range
of January is a new filter set, which no cached answer has seen). Its other filters (a topic, a
language, a country) vary far less. So the tally rows of the filters other than the period are read
once per version of the data (one grouped query over DayTally, shared by the processes through the
cache), and kept in each process as running sums per (country, kind, topic, act), so that a period
is two bisections a series; and as the
day-by-day counts per act the matrix shows. A period's overview then costs no query for its counts, only
the one that finds its representative statements.

The rows this gives are those `reactions.overview` reads from the tally in SQL (`_by_subject`,
`_by_day`), the same numbers, so the overview is built from them by the same code;
tests/test_overview.py compares the two for every period of a week.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Case, F, Min, QuerySet, Sum, Value, When

from reactions.data_version import cached, version
from reactions.models import UNDATED

# How many filter sets (without their period) a process keeps: the whole tally's series held 3.2 MB
# at 1,000,000 statements (66,282 tally rows; 4.9 MB with its days in lists of Python ints).
KEPT = 16
Key = tuple[str, str, str, str]  # speaker_country, speaker_kind, topic, act


@dataclass(frozen=True)
class Series:
    """One filter set's tally (its period aside), ready to be summed over any period. Speakers'
    kinds are folded at reading: the overview tells only those of the `unplaced` kinds apart, so
    every other kind is kept as "" (a fifth of the keys at 1,000,000 statements)."""

    # The days said (ordinals), the running sums, and each day's first statement (least id).
    days: dict[Key, tuple[array, array, array]]
    undated: dict[Key, tuple[int, int]]  # how many, and the first
    # What the matrix counts, speakers of a country and not of the unplaced kinds only: statements
    # per act, by day (ordinal) and country; and undated, by country.
    acts_on: dict[int, dict[str, Counter]]
    acts_undated: dict[str, Counter]
    # Each country's keys, dated or not: what a side's first day is looked up in.
    keys_of: dict[str, list[Key]]
    # The overview's representative statements read so far, by id: a period whose sides start
    # with the same statements asks for nothing.
    firsts: dict[tuple, Any] = field(default_factory=dict, compare=False)
    # The overview's matrix cells made so far, by (country, day): a day's cell is the same in
    # every period that shows it.
    cells: dict[tuple, Any] = field(default_factory=dict, compare=False)

    def by_subject(self, first: date | None, last: date | None) -> list[tuple]:
        """The rows `overview._by_subject` reads, for the statements said from `first` to `last`
        (either None: no bound; with a bound, undated statements are out, as in SQL): (country,
        kind, topic, act, how many, first day, last day)."""
        lo_day = first.toordinal() if first else None
        hi_day = last.toordinal() if last else None
        fromordinal = date.fromordinal
        rows = []
        for key, (days, sums, _) in self.days.items():
            lo = bisect_left(days, lo_day) if lo_day is not None else 0
            hi = bisect_right(days, hi_day) if hi_day is not None else len(days)
            if hi > lo:
                rows.append((*key, sums[hi] - sums[lo], fromordinal(days[lo]), fromordinal(days[hi - 1])))
        if first is None and last is None and self.undated:
            at = {row[:4]: i for i, row in enumerate(rows)}
            for key, (n, _) in self.undated.items():
                i = at.get(key)
                if i is None:
                    rows.append((*key, n, None, None))
                else:
                    *same, counted, day, last_day = rows[i]
                    rows[i] = (*same, counted + n, day, last_day)
        return rows

    def acts_by_day(
        self, first: date | None, last: date | None
    ) -> Iterator[tuple[str, date | None, Counter]]:
        """(country, day said, statements per act) for each day of the period a country spoke on,
        and (country, None, ...) for its undated statements when the period has no bound."""
        lo_day = first.toordinal() if first else min(self.acts_on, default=0)
        hi_day = last.toordinal() if last else max(self.acts_on, default=-1)
        for day in range(lo_day, hi_day + 1):
            for country, acts in self.acts_on.get(day, {}).items():
                yield country, date.fromordinal(day), acts
        if first is None and last is None:
            for country, acts in self.acts_undated.items():
                yield country, None, acts

    def first_statement(
        self,
        country: str,
        topics: Iterable[str],
        acts: Iterable[str],
        unplaced: tuple[str, ...],
        first: date | None,
        last: date | None,
    ) -> int | None:
        """The first statement (its id) `country` said of these topics and acts (by speakers not
        of the `unplaced` kinds) from `first` to `last`: the least id of the first day it said
        any; of the undated ones when all it said is undated (counted only without a bound, as in
        SQL); None when it said nothing of them."""
        lo_day = first.toordinal() if first else None
        hi_day = last.toordinal() if last else None
        found: tuple[int, int] | None = None  # (day, id)
        undated: int | None = None
        for key in self.keys_of.get(country, ()):
            _, kind, topic, act = key
            if kind in unplaced or topic not in topics or act not in acts:
                continue
            if key in self.days:
                days, _, firsts = self.days[key]
                i = bisect_left(days, lo_day) if lo_day is not None else 0
                if i < len(days) and (hi_day is None or days[i] <= hi_day):
                    found = min(found or (days[i], firsts[i]), (days[i], firsts[i]))
            if first is None and last is None and key in self.undated:
                undated = min(undated or self.undated[key][1], self.undated[key][1])
        return found[1] if found is not None else undated


def series_of(tallies: QuerySet, unplaced: tuple[str, ...]) -> Series:
    """Read `tallies` (DayTally rows of a filter set, its period aside) into a Series, the kinds of
    speakers other than `unplaced` folded into one."""
    kind = Case(When(speaker_kind__in=unplaced, then=F("speaker_kind")), default=Value(""))
    rows = (
        tallies.annotate(folded=kind)
        .values_list("said_on", "speaker_country", "folded", "topic", "act")
        .annotate(n=Sum("statements"), first=Min("first_id"))
        .order_by("said_on")
    )
    per_key: dict[Key, list[tuple[int, int, int]]] = defaultdict(list)
    undated: dict[Key, tuple[int, int]] = {}
    acts_on: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    acts_undated: dict[str, Counter] = defaultdict(Counter)
    for said_on, country, folded, topic, act, n, first in _as_the_driver_gives(rows):
        if not n:
            continue
        key = (country, folded, topic, act)
        placed = bool(country) and folded not in unplaced
        if said_on == UNDATED:
            undated[key] = (n, first)
            if placed:
                acts_undated[country][act] += n
            continue
        day = said_on.toordinal()
        per_key[key].append((day, n, first))
        if placed:
            acts_on[day][country][act] += n
    days = {}
    for key, found in per_key.items():
        sums = [0]
        for _, n, _ in found:
            sums.append(sums[-1] + n)
        firsts = array("q", [f for *_, f in found])
        days[key] = (array("i", [d for d, _, _ in found]), array("q", sums), firsts)
    keys_of: dict[str, list[Key]] = defaultdict(list)
    for key in {*days, *undated}:
        keys_of[key[0]].append(key)
    return Series(
        days,
        undated,
        {day: dict(countries) for day, countries in acts_on.items()},
        dict(acts_undated),
        dict(keys_of),
    )


def _as_the_driver_gives(rows: QuerySet) -> Iterable[tuple]:
    """The rows of `rows` as the database's driver gives them, on PostgreSQL: Django's converters
    for five columns of a hundred thousand rows cost as much as the query, and psycopg already
    gives dates and ints. SQLite's driver gives days as text, which Django's converters read."""
    if connection.vendor != "postgresql":
        return rows
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_kept: OrderedDict[tuple[int, str], Series] = OrderedDict()
_lock = threading.Lock()


def kept_series(filters_key: str, tallies: QuerySet, unplaced: tuple[str, ...]) -> Series:
    """The Series of the filter set `filters_key` names (its period aside), read once per version
    of the data and kept in the shared cache, and in each process the KEPT most recently used."""
    name = (version(), filters_key)
    with _lock:
        found = _kept.get(name)
        if found is not None:
            _kept.move_to_end(name)
            return found
    # Read once for every process: the first to miss it reads the tally while the others wait for
    # it in the cache (reading the whole tally costs about twenty times what loading it does).
    found = cached("series", filters_key, lambda: series_of(tallies, unplaced))
    with _lock:
        _kept[name] = found
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return found
