"""What one extraction remembers as it reads an article: its statements so far, the last speaker,
the actors named, the occasions found. Every stage reads it; only `add` and `mention` change who
was spoken of last."""

from __future__ import annotations

from datetime import date

from articles.extraction.aliases import AliasAutomaton
from articles.extraction.catalogue import Catalogue
from articles.extraction.statement import ArticleMeta, ExtractedStatement


class ArticleState:
    def __init__(
        self,
        catalogue: Catalogue,
        aliases: AliasAutomaton,
        by_role: dict[tuple[str, str], str],
        text: str,
        meta: ArticleMeta,
    ) -> None:
        self.cat = catalogue
        self.aliases = aliases
        self.by_role = by_role  # (country code, role code) -> actor key: «الحكومة» left unqualified
        self.text = text
        self.meta = meta
        self.statements: list[ExtractedStatement] = []
        self.last: ExtractedStatement | None = None
        self.mentioned: dict[str, int] = {}  # actor key -> order of its latest mention
        self.country_counts: dict[str, int] = {}
        self.occasions: list[tuple[int, date, str]] = []  # (offset, day, rule) of «جاء ذلك ...»
        self.untopical: set[int] = set()  # starts of statements whose words name no topic
        self.earlier: set[int] = set()  # starts of statements said «earlier» (ранее, سابقا)
        self.dateline: date | None = None  # the day a dateline before the first statement names
        self._serial = 0
        self.floor = 0
        self._spans: set[tuple[int, int]] = set()

    def mention(self, key: str) -> None:
        """`key` is the actor spoken of last (a shortened title refers back to the latest)."""
        self.mentioned[key] = self._serial
        self._serial += 1

    def serial(self) -> int:
        """A number that orders what the article names: later is larger (shared with `mention`)."""
        self._serial += 1
        return self._serial

    def count(self, key: str) -> None:
        """One more mention of the actor's country: the most mentioned is the article's country."""
        actor = self.cat.get(key)
        if actor and actor.country:
            self.country_counts[actor.country] = self.country_counts.get(actor.country, 0) + 1

    def add(self, statement: ExtractedStatement) -> None:
        """Keep a statement (once per span); its speaker becomes the last speaker."""
        if (statement.start, statement.end) in self._spans:
            return
        self._spans.add((statement.start, statement.end))
        self.statements.append(statement)
        self.last = statement
        if statement.speaker_key:
            self.mention(statement.speaker_key)

    def begin_sentence(self) -> None:
        """What a sentence names is marked before it is read: `floor` is where its marks begin, so
        a pronoun or a title refers back to what was named before the sentence."""
        self.floor = self._serial

    def discard(self, start: int, end: int) -> None:
        """Forget the statements within text[start:end], the last ones read: a later rule read
        those words better («X ... . Об этом заявил Y»)."""
        while self.statements and start <= self.statements[-1].start and self.statements[-1].end <= end:
            dropped = self.statements.pop()
            self._spans.discard((dropped.start, dropped.end))
            self.last = self.statements[-1] if self.statements else None

    def name(self, key: str) -> str:
        actor = self.cat.get(key)
        return actor.name if actor else key

    def is_person(self, key: str) -> bool:
        actor = self.cat.get(key)
        return actor is not None and actor.kind == "person"
