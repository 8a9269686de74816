"""Find catalogue actors named in a run of tokens: a word-level automaton over normalised aliases.

Built once per catalogue. Matching walks the tokens once, trying at each position the aliases that
start with that token (or with the token stripped of a clitic: و، ف، ب، ل، ك، لل→ال), longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.extraction.catalogue import Catalogue
from articles.extraction.normalize import normalize

_WORD = re.compile(r"[\w@]+(?:[.\-][\w]+)*")
_PREFIXES = ("و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    key: str
    kind: str  # name, title, handle


def alias_tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize(text)))


def clitic_variants(token: str) -> list[str]:
    """The token, and the token without a leading conjunction or preposition."""
    out = [token]
    if len(token) > 3:
        if token.startswith("لل"):
            out.append("ال" + token[2:])
        if token[0] in _PREFIXES:
            rest = token[1:]
            out.append(rest)
            if len(rest) > 3 and rest.startswith("لل"):
                out.append("ال" + rest[2:])
            elif len(rest) > 3 and rest[0] in _PREFIXES[2:]:
                out.append(rest[1:])
    return out


class AliasMatcher:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        prefixes: dict[tuple[str, ...], set[str]] = {}
        title_heads: dict[str, set[str]] = {}
        for actor in catalogue.actors.values():
            for alias in actor.aliases:
                toks = alias_tokens(alias.text)
                # Short Latin capitals (US, EU) would match English words; they stay for display.
                if not toks or (len(alias.text) <= 3 and alias.text.isascii()):
                    continue
                first.setdefault(toks[0], []).append((toks, actor.key, alias.kind))
                # Shortened later mentions («رئيس مجلس الأمن» after «مجلس الأمن في كازاخستان»).
                for n in range(2, len(toks)):
                    prefixes.setdefault(toks[:n], set()).add(actor.key)
                # A title's first word alone names its holder once the holder is known («المتحدث»,
                # «الوزير», «الخارجية»); a person's first name alone does not.
                if alias.kind == "title" or (actor.kind != "person" and len(toks) > 1):
                    title_heads.setdefault(_bare(toks[0]), set()).add(actor.key)
        for entries in first.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._first = first
        self._prefixes = prefixes
        # Per word, the aliases that can start there: words repeat, so the clitic work is done once.
        self._starts: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]] = {}
        self._title_heads = title_heads

    def find(self, words: list[str]) -> list[Mention]:
        """Non-overlapping mentions in a list of normalised words, left to right, longest first."""
        mentions: list[Mention] = []
        i, n = 0, len(words)
        while i < n:
            best: Mention | None = None
            best_size = 0
            for toks, key, kind in self._candidates(words[i]):
                size = len(toks)
                if (
                    size > best_size
                    and i + size <= n
                    and (size == 1 or tuple(words[i + 1 : i + size]) == toks[1:])
                ):
                    best, best_size = Mention(i, i + size, key, kind), size
            if best:
                mentions.append(best)
                i = best.end
            else:
                i += 1
        return mentions

    def _candidates(self, word: str) -> tuple[tuple[tuple[str, ...], str, str], ...]:
        found = self._starts.get(word)
        if found is None:
            found = tuple(e for v in clitic_variants(word) for e in self._first.get(v, ()))
            if len(self._starts) > 500_000:
                self._starts.clear()
            self._starts[word] = found
        return found

    def prefix_of(self, words: tuple[str, ...]) -> set[str]:
        """Actors one of whose aliases starts with these words: two or more words, or one title word."""
        if len(words) == 1:
            return self._title_heads.get(_bare(words[0]), set())
        return self._prefixes.get(words, set())


def _bare(word: str) -> str:
    """A word without its article: «الوزير» and «وزير» head the same titles."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word
