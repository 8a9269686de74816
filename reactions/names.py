"""The names the statement filters read, held in memory: actors by id, slug, name and alias, outlets
by id and name, events by id and slug, and the countries speakers have.

They are read once per version of the data (any write that adds or renames one bumps the
version: reactions/data_version.py) in four small queries, by one worker for all (the cache), and
every filter by a name is then a dictionary lookup: reading the names a request typed cost two
queries of the four of an uncached list, and a newsroom asks for thousands of different speakers,
so a cache of the names asked before missed at every new one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from articles.extraction.normalize import normalize
from articles.models import Source
from reactions.data_version import cached, version
from reactions.lib.ids import as_id
from reactions.lib.stems import stem_of
from reactions.lib.trigrams import similarity
from reactions.models import Actor, ActorAlias, Event


@dataclass(frozen=True)
class Names:
    actors: dict[int, tuple[str, str]]  # an actor's id -> its slug and name
    roles: dict[int, str]  # an actor's id -> its role, where it has one
    provisional: frozenset[int]  # the actors extraction made that no analyst has reviewed yet
    actors_by_slug: dict[str, int]
    actors_by_name: dict[str, list[int]]  # the name in lower case
    actors_by_alias: dict[str, list[int]]  # the alias as the normaliser folds it
    sources: dict[int, str]  # an outlet's id -> its name
    sources_by_name: dict[str, list[int]]  # the name in lower case
    events: frozenset[int]
    events_by_slug: dict[str, int]
    countries: frozenset[str]
    country_names: dict[str, str]  # a country's or bloc's code -> the name of its actor
    country_kinds: dict[str, str]  # the same code -> its actor's kind: "country" or "organisation"
    # For search (reactions/search.py): an actor's names as patterns to find in statements' words
    # (each a run of stems in order), the country code of each country's actor, and the one-word
    # names (normalised -> as written, and whose) that a word spelt close to one is taken for.
    name_patterns: dict[int, tuple[tuple[str, ...], ...]]
    country_of_country_actor: dict[int, str]
    one_word_names: dict[str, tuple[str, list[int]]]

    def actors_named(self, value: str) -> list[tuple[int, str]]:
        """The (id, slug) of each actor `value` names: its id, its slug, its name in any case, or
        any alias in any spelling the normaliser folds; the slug's actor first."""
        if (pk := as_id(value)) is not None:
            return [(pk, self.actors[pk][0])] if pk in self.actors else []
        ids = [self.actors_by_slug[value]] if value in self.actors_by_slug else []
        ids += self.actors_by_alias.get(normalize(value), []) + self.actors_by_name.get(value.lower(), [])
        return [(pk, self.actors[pk][0]) for pk in dict.fromkeys(ids)]

    def closest_names(self, word: str, at_least: float, limit: int) -> list[tuple[str, list[int]]]:
        """The one-word names spelt closest to `word` (trigram similarity at least `at_least`), as
        written with their actors, closest first."""
        scored = [(similarity(word, n), n) for n in self.one_word_names]
        best = sorted(((s, n) for s, n in scored if s >= at_least), key=lambda sn: (-sn[0], sn[1]))
        return [self.one_word_names[n] for _, n in best[:limit]]

    def closest_name(self, word: str, at_least: float) -> tuple[str, list[int]] | None:
        close = self.closest_names(word, at_least, 1)
        return close[0] if close else None

    def sources_named(self, value: str) -> list[int]:
        """The outlet whose id `value` is, or the outlets of that name in any case."""
        if (pk := as_id(value)) is not None:
            return [pk] if pk in self.sources else []
        return self.sources_by_name.get(value.lower(), [])

    def events_named(self, value: str) -> list[int]:
        """The event whose id or slug `value` is."""
        if (pk := as_id(value)) is not None:
            return [pk] if pk in self.events else []
        return [self.events_by_slug[value]] if value in self.events_by_slug else []


_loaded: tuple[int, Names] | None = None


def known_names() -> Names:
    """The names as the current version of the data has them: read by one worker and shared with
    the others through the cache (at 5,217 actors and 18,321 aliases, reading them took 0.4 to 0.7 s
    and loading them from the cache 21 ms; every worker reading them at once after an ingest made
    the first seconds after it slow on every page)."""
    global _loaded
    current = version()
    if _loaded is None or _loaded[0] != current:
        # One assignment: a thread reads the old or the new, whole.
        _loaded = (current, cached("names", "all", _read))
    return _loaded[1]


def speakers_and_outlets(
    speakers: set[int], outlets: set[int | None]
) -> tuple[dict[int, tuple[str, str, str]], dict[int, str]]:
    """The name, slug and role of each of `speakers` and the name of each of `outlets`, from the
    names held in memory; any these do not hold yet (written since they were read, before the write
    bumped the version) read from the database."""
    names = known_names()
    found = {
        pk: (names.actors[pk][1], names.actors[pk][0], names.roles.get(pk, ""))
        for pk in speakers
        if pk in names.actors
    }
    if missing := speakers - found.keys():
        for pk, name, slug, role in Actor.objects.filter(pk__in=missing).values_list(
            "pk", "name", "slug", "role"
        ):
            found[pk] = (name, slug, role)
    named = {pk: names.sources[pk] for pk in outlets if pk in names.sources}
    if missing := {pk for pk in outlets if pk is not None} - named.keys():
        named.update(Source.objects.filter(pk__in=missing).values_list("pk", "name"))
    return found, named


def _read() -> Names:
    actors: dict[int, tuple[str, str]] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    countries: set[str] = set()
    country_names: dict[str, str] = {}
    country_kinds: dict[str, str] = {}
    country_actors: dict[int, str] = {}
    names: dict[int, list[tuple[str, str]]] = defaultdict(list)  # an actor's names: (as written, normalised)
    roles: dict[int, str] = {}
    provisional: set[int] = set()
    rows = Actor.objects.order_by("name", "pk").values_list(
        "pk", "slug", "name", "country", "kind", "parent", "role", "provisional"
    )
    for pk, slug, name, country, kind, parent, role, unreviewed in rows:
        actors[pk] = (slug, name)
        if unreviewed:
            provisional.add(pk)
        if role:
            roles[pk] = role
        by_name[name.lower()].append(pk)
        countries.add(country)
        names[pk].append((name, normalize(name)))
        if kind in ("country", "organisation") and parent is None and country:
            country_names.setdefault(country, name)
            country_kinds.setdefault(country, kind)
        if kind == "country" and country:
            country_actors[pk] = country
    by_alias: dict[str, list[int]] = defaultdict(list)
    aliases = ActorAlias.objects.order_by("pk").values_list("text", "normalised", "actor_id", "kind")
    for text, normalised, actor, kind in aliases:
        by_alias[normalised].append(actor)
        if kind == "name":
            names[actor].append((text, normalised))
    for pk, (_, name) in actors.items():  # an actor's own name names it as its aliases do
        by_alias.setdefault(normalize(name), []).append(pk)
    sources = dict(Source.objects.order_by("pk").values_list("pk", "name"))
    sources_by_name: dict[str, list[int]] = defaultdict(list)
    for pk, name in sources.items():
        sources_by_name[name.lower()].append(pk)
    events_by_slug = dict(Event.objects.values_list("slug", "pk"))
    return Names(
        actors=actors,
        roles=roles,
        provisional=frozenset(provisional),
        actors_by_slug={slug: pk for pk, (slug, _) in actors.items()},
        actors_by_name=dict(by_name),
        actors_by_alias=dict(by_alias),
        sources=sources,
        sources_by_name=dict(sources_by_name),
        events=frozenset(events_by_slug.values()),
        events_by_slug=events_by_slug,
        countries=frozenset(countries - {""}),
        country_names=country_names,
        country_kinds=country_kinds,
        name_patterns={pk: _patterns(n) for pk, n in names.items()},
        country_of_country_actor=country_actors,
        one_word_names=_one_word_names(names),
    )


# A name shorter than this (UN, US, РФ) would be found inside other words; of three letters, only
# one outside Latin (ООН) is looked for.
_SHORTEST_NAME = 4


def _long_enough(normalised: str) -> bool:
    return len(normalised) >= _SHORTEST_NAME or (len(normalised) == 3 and not normalised.isascii())


def _patterns(names: list[tuple[str, str]]) -> tuple[tuple[str, ...], ...]:
    """An actor's names as runs of stems to find in order («Российская Федерация» -> «российск»,
    «федерац»), without those another of its patterns already finds («قاسم جومارت توكاييف» once
    «توكاييف» is there)."""
    patterns = {
        tuple(stem_of(w) for w in normalised.split()) for _, normalised in names if _long_enough(normalised)
    }
    return tuple(
        sorted(
            p
            for p in patterns
            if not any(q != p and all(any(w in v for v in p) for w in q) for q in patterns)
        )
    )


def _one_word_names(names: dict[int, list[tuple[str, str]]]) -> dict[str, tuple[str, list[int]]]:
    found: dict[str, tuple[str, list[int]]] = {}
    for pk, written in names.items():
        for text, normalised in written:
            if " " not in normalised and len(normalised) >= _SHORTEST_NAME + 1:
                found.setdefault(normalised, (text, []))[1].append(pk)
    return found
