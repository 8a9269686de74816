"""The actor catalogue as the pipeline sees it: plain data, built once from the file or the database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    language: str  # ar, en or ru
    kind: str = "name"  # name, title or handle


@dataclass(frozen=True, slots=True)
class CatalogueActor:
    key: str
    name: str
    kind: str  # person, organisation, government_body, country, group
    country: str = ""
    parent: str | None = None
    role: str = ""
    role_code: str = ""
    wikidata: str = ""
    aliases: tuple[Alias, ...] = ()


@dataclass
class Catalogue:
    """Actors by key, with the institution chain of each."""

    actors: dict[str, CatalogueActor] = field(default_factory=dict)

    @classmethod
    def of(cls, actors: Iterable[CatalogueActor]) -> Catalogue:
        return cls({a.key: a for a in actors})

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, key: object) -> bool:
        return key in self.actors

    def get(self, key: str) -> CatalogueActor | None:
        return self.actors.get(key)

    def chain(self, key: str) -> list[str]:
        """The keys of the actor's institutions, nearest first; stops on a cycle."""
        chain: list[str] = []
        node = self.actors.get(key)
        while node is not None and node.parent and node.parent not in chain and node.parent != key:
            chain.append(node.parent)
            node = self.actors.get(node.parent)
        return chain
