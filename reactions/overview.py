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
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Count, F, Max, Min, QuerySet
from django.http import QueryDict

from reactions.data_version import cached
from reactions.facets import filters_key
from reactions.lib import world_map
from reactions.models import Actor, Statement
from reactions.names import known_names

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
# Speakers of these kinds speak for no state or organisation, whatever country they are of.
UNPLACED_KINDS = ("group",)
# A subject: what the stance is on, and the topics of the statements about it.
SUBJECTS = {
    "csto": ("the CSTO deployment", ("csto", "both")),
    "protests": ("the protests", ("protests", "both")),
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


@dataclass
class Side:
    """A group's stance on one subject, how many statements took each stance, and the one shown."""

    stance: str | None
    counts: dict[str, int]
    statement: Statement | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def taken(self) -> int:
        """How many of its statements take its stance."""
        return self.counts.get(self.stance, 0) if self.stance else 0


@dataclass
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


def cached_overview(params: QueryDict, statements: QuerySet) -> Overview:
    """The overview of `statements`, which `params` filtered, cached per data version under the
    filters' canonical form: the page and the API share it."""
    return cached("overview", filters_key(params), lambda: overview(statements))


def overview(statements: QuerySet) -> Overview:
    """The overview of these (already filtered) statements: three grouped queries and one for the
    representative statements, whatever their number."""
    names, kinds = known_names().country_names, _kinds()
    by_subject = (
        statements.values("speaker_country", "speaker_kind", "topic", "act")
        .annotate(n=Count("id"), first=Min("said_on"), last=Max("said_on"))
        .order_by()
    )
    groups: dict[str, Group] = {}
    unplaced = 0
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    latest: dict[tuple[str, str], dict[str, date | None]] = defaultdict(dict)
    for row in by_subject:
        code = row["speaker_country"]
        if not code or row["speaker_kind"] in UNPLACED_KINDS:
            unplaced += row["n"]
            continue
        group = groups.setdefault(code, Group(code, names.get(code, code), kinds.get(code, "country")))
        group.statements += row["n"]
        if row["first"] and (group.first_said_on is None or row["first"] < group.first_said_on):
            group.first_said_on = row["first"]
        stance = STANCE_OF_ACT[row["act"]]
        for subject, (_, topics) in SUBJECTS.items():
            if row["topic"] in topics:
                counts[code, subject][stance] += row["n"]
                seen = latest[code, subject].get(stance)
                if row["last"] and (seen is None or row["last"] > seen):
                    latest[code, subject][stance] = row["last"]
    for code, group in groups.items():
        for subject in SUBJECTS:
            found = counts[code, subject]
            group.sides[subject] = Side(stance_of(found, latest[code, subject]), dict(found))
    placed = statements.exclude(speaker_country="").exclude(speaker_kind__in=UNPLACED_KINDS)
    _add_days(placed, groups)
    _add_representatives(placed, groups)
    ordered = sorted(groups.values(), key=lambda g: (*_day_order(g.first_said_on), g.name))
    said = [d for g in ordered for d in g.days]
    return Overview(ordered, _every_day(min(said), max(said)) if said else [], unplaced)


def _kinds() -> dict[str, str]:
    """Each country or bloc code -> "country" or "organisation", from the catalogue's actors."""
    rows = Actor.objects.filter(kind__in=("country", "organisation"), parent=None).exclude(country="")
    return dict(rows.values_list("country", "kind"))


def _add_days(statements: QuerySet, groups: dict[str, Group]) -> None:
    """What each group said each day (the matrix), and how many of its statements have no day."""
    per_day: dict[tuple[str, date], Counter] = defaultdict(Counter)
    rows = statements.values("speaker_country", "said_on", "act").annotate(n=Count("id"))
    for row in rows.order_by():
        group = groups[row["speaker_country"]]
        if row["said_on"] is None:
            group.undated += row["n"]
        else:
            per_day[group.code, row["said_on"]][STANCE_OF_ACT[row["act"]]] += row["n"]
    for (code, day), found in sorted(per_day.items()):
        groups[code].days[day] = Day(sum(found.values()), stance_of(found))


def _add_representatives(statements: QuerySet, groups: dict[str, Group]) -> None:
    """Each side's first statement taking its stance: one query on PostgreSQL (a UNION ALL of one
    seek per side down statement_country_idx), one a side where a compound query cannot be sliced."""
    wanted = []
    for group in groups.values():
        for subject, side in group.sides.items():
            if side.stance is None:
                continue
            acts = [a for a, s in STANCE_OF_ACT.items() if s == side.stance]
            first = (
                statements.filter(speaker_country=group.code, topic__in=SUBJECTS[subject][1], act__in=acts)
                .order_by(F("said_on").asc(nulls_last=True), "id")
                .values_list("id", flat=True)[:1]
            )
            wanted.append(((group.code, subject), first))
    if not wanted:
        return
    if connection.features.supports_slicing_ordering_in_compound:
        head, *rest = [q for _, q in wanted]
        ids = list(head.union(*rest, all=True)) if rest else list(head)
    else:
        ids = [pk for _, q in wanted for pk in q]
    found = Statement.objects.with_outlet().select_related("speaker").in_bulk(ids)
    for (code, subject), _ in wanted:
        side = groups[code].sides[subject]
        side.statement = next(
            (
                s
                for s in sorted(found.values(), key=lambda s: (*_day_order(s.said_on), s.pk))
                if s.speaker_country == code
                and s.topic in SUBJECTS[subject][1]
                and STANCE_OF_ACT[s.act] == side.stance
            ),
            None,
        )


def _day_order(day: date | None) -> tuple[bool, date]:
    """Sorts days earliest first, None last."""
    return day is None, day or date.min


def _every_day(first: date, last: date) -> list[date]:
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
