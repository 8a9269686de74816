"""Who reacted how, and when: each country's and organisation's stance on the CSTO deployment and on
the protests, read from the acts of its statements, its first reaction, and what it said each day.

One function (`overview`) builds it for a set of statement filters; the page (its map, its table and
its day-by-day matrix) and the API's JSON twin show what it returns, so they cannot disagree. The
rule is written down here and on the codebook page (`/methodology/`):

- A statement speaks for the country or organisation of its speaker (`Statement.speaker_country`):
  Russia's statements are those of Russia itself, its ministries and its officials. Groups
  (protesters, the Taliban) speak for no state, and some speakers have no country (an unnamed
  official): their statements are counted apart, as `unplaced`.
- Its act gives a stance (STANCE_OF_ACT): support or cooperate is *support*; appeal or demand is
  *appeal* (a request, whoever it asks); disapprove is *disapprove*; reject is *reject*; a plain
  statement or a consultation is *neutral*.
- Its topic says what it is about: `csto` is the deployment, `protests` the unrest, `both` both.
- A group's stance on a subject is the stance most of its statements on that subject take, neutral
  ones aside; a tie goes to the stance it took last (its latest day said); only neutral statements
  make it *neutral*; none make no stance.
- Its representative statement on a subject is the first it said that takes that stance (undated
  ones last, then the first stored), so a reader sees where the stance began.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.core.validators import EMPTY_VALUES
from django.db import connection
from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum
from django.http import QueryDict
from django.urls import reverse
from django.utils.text import Truncator

from reactions.data_version import cached
from reactions.facets import filters_key
from reactions.filters import StatementFilter
from reactions.lib import world_map
from reactions.models import UNDATED, Actor, DayTally, Statement
from reactions.names import known_names
from reactions.tally_series import Series, kept_series

STANCES = ("support", "appeal", "disapprove", "reject", "neutral")
STANCE_OF_ACT = {
    "support": "support",
    "cooperate": "support",
    "appeal": "appeal",
    "demand": "appeal",
    "disapprove": "disapprove",
    "reject": "reject",
    "statement": "neutral",
    "consult": "neutral",
}
ACTS_OF = {stance: [a for a, s in STANCE_OF_ACT.items() if s == stance] for stance in STANCES}
# Speakers of these kinds speak for no state or organisation, whatever country they are of.
UNPLACED_KINDS = ("group",)
# A subject: what the stance is on, and the topics of the statements about it.
SUBJECTS = {
    "csto": ("the CSTO deployment", ("csto", "both")),
    "protests": ("the protests", ("protests", "both")),
}

# The subjects a statement of each topic is about.
SUBJECTS_OF_TOPIC = {
    topic: tuple(s for s, (_, topics) in SUBJECTS.items() if topic in topics)
    for topic in {t for _, topics in SUBJECTS.values() for t in topics}
}


def stance_of(counts: Mapping[str, int], latest: Mapping[str, date | None] | None = None) -> str | None:
    """The stance of a group on one subject from how many of its statements take each stance (and
    the latest day each was taken, for ties): the rule in this module's docstring."""
    taken = {s: n for s, n in counts.items() if n and s != "neutral"}
    if not taken:
        return "neutral" if counts.get("neutral") else None
    latest = latest or {}
    most = max(taken.values())
    tied = [s for s in STANCES if taken.get(s) == most]
    # The latest day wins a tie; undated counts as earliest; then the order of STANCES.
    return max(tied, key=lambda s: (latest.get(s) or date.min, -STANCES.index(s)))


@dataclass(frozen=True)
class Said:
    """The statement shown beside a side, as much of it as the overview shows: a whole Statement
    with its speaker and outlet cost more to keep in the cache with every new overview than the
    rest of it."""

    pk: int
    content: str
    speaker_name: str
    said_on: date | None
    language: str

    # What the page shows of it and where it links, made once with the record (kept in the cache
    # with it): a page of sixty sides cut and reversed them again for every new overview.
    @cached_property
    def shown(self) -> str:
        return Truncator(self.content).chars(110)

    @cached_property
    def url(self) -> str:
        return reverse("statement", args=[self.pk])


@dataclass
class Side:
    """A group's stance on one subject, how many statements took each stance, and the one shown."""

    stance: str | None
    counts: dict[str, int]
    statement: Said | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def taken(self) -> int:
        """How many of its statements take its stance."""
        return self.counts.get(self.stance, 0) if self.stance else 0


@dataclass(frozen=True)
class Day:
    statements: int
    stance: str | None  # the stance of that day's statements, on any subject, by the same rule


@dataclass
class Group:
    """A country or an international organisation that spoke, with everything the overview says of it."""

    code: str
    name: str
    kind: str  # "country" or "organisation"
    statements: int = 0
    first_said_on: date | None = None
    undated: int = 0
    sides: dict[str, Side] = field(default_factory=dict)
    days: dict[date, Day] = field(default_factory=dict)

    @property
    def on_map(self) -> bool:
        return world_map.drawn(self.code)


@dataclass
class Overview:
    groups: list[Group]  # earliest first reaction first, undated last, then by name
    days: list[date]  # every day from the first statement's to the last's
    unplaced: int  # statements whose speaker has no country or organisation

    def group(self, code: str) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)


def cached_overview(params: QueryDict, filterset: StatementFilter) -> Overview:
    """The overview of the statements `filterset` (valid, of `params`) keeps: the page and the API
    share it. Where the tallies can say it, a period's counts are summed from the filter set's
    series held in the process (reactions/tally_series.py), which costs no counting query and less
    than a cached overview costs to fetch and store (an unseen period was a miss, a lock, a store
    and an unlock); else it is counted once per data version, under the filters' canonical form."""
    series = _series_for(params, filterset)  # validates them first: a bad value is refused uncounted
    if series is not None:
        data = filterset.form.cleaned_data
        # No statements: the series answers all (building the filtered query cost more than the sums).
        return overview(None, series=series, period=(data.get("said_from"), data.get("said_to")))
    return cached("overview", filters_key(params), lambda: overview(filterset.qs, tallies_for(filterset)))


def warm_series() -> Series | None:
    """Read the unfiltered overview's series (every statement's tally, held by the cache) again
    after an ingest, as the unfiltered counts are: the overview is the first page of the
    navigation, and its first reader after a write would wait for the whole tally to be read, with
    every other reader of it waiting on them."""
    empty = QueryDict()
    return _series_for(empty, StatementFilter(empty))


# The filters that make a period; the rest of a filter set picks its Series.
PERIOD = ("said_from", "said_to")


def _series_for(params: QueryDict, filterset: StatementFilter) -> Series | None:
    conditions = filterset.conditions()  # validates them
    in_use = {k for k, v in filterset.form.cleaned_data.items() if v not in EMPTY_VALUES}
    if not in_use <= TALLIED:
        return None
    rest = tallied({k: q for k, q in conditions.items() if k not in PERIOD}, in_use - set(PERIOD))
    base = params.copy()
    for name in PERIOD:
        base.pop(name, None)
    return kept_series(filters_key(base), DayTally.objects.filter(rest), UNPLACED_KINDS)


def undated_count(filterset: StatementFilter) -> int:
    """How many of the statements `filterset` (valid) keeps have no day said: from the tallies
    where they can say it, else counted."""
    tallies = tallies_for(filterset)
    if tallies is None:
        return filterset.qs.filter(said_on=None).count()
    return tallies.filter(said_on=UNDATED).aggregate(n=Sum("statements"))["n"] or 0


def tallies_for(filterset: StatementFilter) -> QuerySet | None:
    """The DayTally rows that count the statements `filterset` (valid) keeps, or None when one of
    its filters in use is not a tally's column (`tallied`)."""
    conditions = filterset.conditions()  # validates them
    in_use = {k for k, v in filterset.form.cleaned_data.items() if v not in EMPTY_VALUES}
    condition = tallied(conditions, in_use)
    return DayTally.objects.filter(condition) if condition is not None else None


def overview(
    statements: QuerySet | None,
    tallies: QuerySet | None = None,
    series: Series | None = None,
    period: tuple[date | None, date | None] = (None, None),
) -> Overview:
    """The overview of these (already filtered) statements: two grouped queries and one for the
    representative statements, whatever their number. With `tallies` (the DayTally rows of the same
    filters, where the filters are all columns of a tally: `tallied`), the counts are read from them:
    at a million statements, a few tens of thousands of rows instead of a million. With `series`
    (the tally of the same filters but the period, in the process), they are summed over `period`
    without a query, and `statements` are not needed."""
    known = known_names()
    names, kinds = known.country_names, known.country_kinds
    groups: dict[str, Group] = {}
    unplaced = 0
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    latest: dict[tuple[str, str], dict[str, date | None]] = defaultdict(dict)
    by_subject = series.by_subject(*period) if series else _by_subject(statements, tallies)
    for code, kind, topic, act, n, first, last in by_subject:
        if not code or kind in UNPLACED_KINDS:
            unplaced += n
            continue
        group = groups.get(code)
        if group is None:
            groups[code] = group = Group(code, names.get(code, code), kinds.get(code, "country"))
        group.statements += n
        if first and (group.first_said_on is None or first < group.first_said_on):
            group.first_said_on = first
        stance = STANCE_OF_ACT[act]
        for subject in SUBJECTS_OF_TOPIC.get(topic, ()):
            counts[code, subject][stance] += n
            seen = latest[code, subject].get(stance)
            if last and (seen is None or last > seen):
                latest[code, subject][stance] = last
    for code, group in groups.items():
        for subject in SUBJECTS:
            found = counts[code, subject]
            # In the order of STANCES, whatever order the rows came in: the same answer, byte for
            # byte, from every process (an ETag depends on it).
            counted = {stance: found[stance] for stance in STANCES if stance in found}
            group.sides[subject] = Side(stance_of(found, latest[code, subject]), counted)
    if series:
        _add_days(series.acts_by_day(*period), groups, series.cells)
    else:
        _add_days(_by_day(statements, tallies), groups)
    _add_representatives(statements, groups, series, period)
    ordered = sorted(groups.values(), key=lambda g: (*_day_order(g.first_said_on), g.name))
    said = [d for g in ordered for d in g.days]
    return Overview(ordered, _every_day(min(said), max(said)) if said else [], unplaced)


def tallied(conditions: dict[str, Q], in_use: set[str]) -> Q | None:
    """The condition on DayTally rows that keeps the statements these filters keep, when every
    filter in use (`in_use`: the parameters with a value) is one of a tally's columns; else None."""
    if not in_use <= TALLIED:
        return None
    condition = Q(statements__gt=0)  # a tally row whose statements were all deleted counts nothing
    for kept in conditions.values():
        condition &= kept
    if "said_to" in conditions:  # an undated statement has no day before any: UNDATED is not one
        condition &= ~Q(said_on=UNDATED)
    return condition


# The filters a tally can answer: those of its columns (reactions.filters.CONDITIONS of them).
TALLIED = {"country", "kind", "act", "topic", "language", "said_from", "said_to", "scope"}


def _placed(rows: QuerySet) -> QuerySet:
    return rows.exclude(speaker_country="").exclude(speaker_kind__in=UNPLACED_KINDS)


def _dated(day: date | None) -> date | None:
    return None if day == UNDATED else day


def _by_subject(statements: QuerySet, tallies: QuerySet | None) -> list[tuple]:
    """How many statements of each country, kind, topic and act, and their first and last day:
    (country, kind, topic, act, how many, first day, last day)."""
    keys = ("speaker_country", "speaker_kind", "topic", "act")
    if tallies is None:
        rows = statements.values_list(*keys).annotate(
            n=Count("id"), first=Min("said_on"), last=Max("said_on")
        )
        return list(rows.order_by())
    dated = Q(said_on__gt=UNDATED)
    rows = tallies.values_list(*keys).annotate(
        n=Sum("statements"), first=Min("said_on", filter=dated), last=Max("said_on", filter=dated)
    )
    return list(rows.order_by())


def _by_day(statements: QuerySet, tallies: QuerySet | None) -> Iterator[tuple[str, date | None, Counter]]:
    """(country, day said or None, statements per act) for each country (none of a group) and day."""
    keys = ("speaker_country", "said_on", "act")
    if tallies is None:
        rows = _placed(statements).values_list(*keys).annotate(n=Count("id")).order_by()
    else:
        rows = _placed(tallies).values_list(*keys).annotate(n=Sum("statements")).order_by()
    acts: dict[tuple[str, date | None], Counter] = defaultdict(Counter)
    for code, day, act, n in rows:
        acts[code, _dated(day)][act] += n
    for (code, day), found in acts.items():
        yield code, day, found


def _add_days(
    days: Iterable[tuple[str, date | None, Counter]], groups: dict[str, Group], kept: dict | None = None
) -> None:
    """What each group said each day (the matrix), and how many of its statements have no day.
    `days` gives each (country, day) once; a day's cell depends on nothing else, so with `kept`
    (the filter set's series' memo) it is made once for every period that shows it."""
    for code, day, acts in sorted(days, key=lambda row: (row[0], *_day_order(row[1]))):
        group = groups[code]
        if day is None:
            group.undated += sum(acts.values())
            continue
        cell = kept.get((code, day)) if kept is not None else None
        if cell is None:
            found: Counter = Counter()
            for act, n in acts.items():
                found[STANCE_OF_ACT[act]] += n
            cell = Day(sum(found.values()), stance_of(found))
            if kept is not None:
                kept[code, day] = cell
        group.days[day] = cell


def _add_representatives(
    statements: QuerySet | None,
    groups: dict[str, Group],
    series: Series | None = None,
    period: tuple[date | None, date | None] = (None, None),
) -> None:
    """Each side's first statement taking its stance. With the filter set's `series`, read from it
    (the tally keeps each row's first statement: DayTally.first_id), and what is read of it kept
    with the series; without, sought in the statements (`_first_ids`: one query on PostgreSQL)."""
    wanted: list[tuple[str, str, bool]] = []  # (country, subject, whether read from the series)
    ids: list[int | None] = []
    seeks: list[Seek] = []
    for group in groups.values():
        for subject, side in group.sides.items():
            if side.stance is None:
                continue
            topics, acts = SUBJECTS[subject][1], ACTS_OF[side.stance]
            if series is None:
                wanted.append((group.code, subject, False))
                seeks.append(Seek(group.code, topics, tuple(acts)))
                continue
            first = series.first_statement(group.code, topics, acts, UNPLACED_KINDS, *period)
            if first is None:
                continue
            if first in series.firsts:
                side.statement = series.firsts[first]
                continue
            wanted.append((group.code, subject, True))
            ids.append(first)
    if seeks:
        ids = _first_ids(_placed(statements), seeks)
    if not wanted:
        return
    found = _said([pk for pk in ids if pk])
    for (code, subject, from_series), pk in zip(wanted, ids, strict=True):
        side = groups[code].sides[subject]
        side.statement = found.get(pk)
        if from_series:
            series.firsts[pk] = side.statement


def _said(ids: list[int]) -> dict[int, Said]:
    """The statements shown beside the sides, by id: one query, written out (Django's took five
    times as long to build as to run, for a dozen rows)."""
    if not ids:
        return {}
    statement, actor = Statement._meta.db_table, Actor._meta.db_table
    sql = (
        f"SELECT s.id, s.content, a.name, s.said_on, s.language FROM {statement} s"
        f" JOIN {actor} a ON a.id = s.speaker_id WHERE s.id IN ({', '.join(['%s'] * len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        rows = cursor.fetchall()
    # SQLite's driver gives a day as text.
    return {
        pk: Said(pk, content, name, _day_of(said_on), language)
        for pk, content, name, said_on, language in rows
    }


def _day_of(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Seek:
    """Where a side's first statement is looked for: a country's statements of these topics and acts."""

    country: str
    topics: tuple[str, ...]
    acts: tuple[str, ...]


def _first_ids(statements: QuerySet, seeks: list[Seek]) -> list[int | None]:
    """The id of the first of `statements` (dated ones first, then the first stored) each seek
    finds, None where it finds none. On PostgreSQL, one query: the statements' own SQL as a
    subquery correlated to a VALUES list of the seeks, each one short walk of the country's index
    (a UNION of one Django query a side cost more to build than to run). Elsewhere, one a side."""
    if connection.vendor != "postgresql":
        return [_first_id(statements, seek) for seek in seeks]
    columns = ("id", "speaker_country", "said_on", "topic", "act")
    base, params = statements.order_by().values(*columns).query.sql_with_params()
    params = list(params)
    for n, seek in enumerate(seeks):
        params += [n, seek.country, list(seek.topics), list(seek.acts)]
    rows = ", ".join(["(%s, %s, %s::varchar[], %s::varchar[])"] * len(seeks))
    sql = (
        f"SELECT w.n, (SELECT b.id FROM ({base}) b WHERE b.speaker_country = w.c"
        " AND b.topic = ANY(w.t) AND b.act = ANY(w.a) ORDER BY b.said_on ASC NULLS LAST, b.id LIMIT 1)"
        f" FROM (VALUES {rows}) AS w(n, c, t, a)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = dict(cursor.fetchall())
    return [ids.get(n) for n in range(len(seeks))]


def _first_id(statements: QuerySet, seek: Seek) -> int | None:
    rows = statements.filter(speaker_country=seek.country, topic__in=seek.topics, act__in=seek.acts)
    return rows.order_by(F("said_on").asc(nulls_last=True), "id").values_list("id", flat=True).first()


def _day_order(day: date | None) -> tuple[bool, date]:
    """Sorts days earliest first, None last."""
    return day is None, day or date.min


def _every_day(first: date, last: date) -> list[date]:
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
