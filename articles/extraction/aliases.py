"""The alias automaton: which catalogue actors a run of words names.

Built once per catalogue: a trie of the words of every normalised alias (names, titles, handles).
Matching walks the tokens once, following the trie from each token
(and from the token stripped of a clitic: و، ف، ب، ل، ك، لل→ال), longest match first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.extraction.catalogue import Alias, Catalogue
from articles.extraction.morphology import english_stem, russian_case_forms
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


def _forms(alias: Alias, person: bool) -> list[tuple[str, ...]]:
    """The alias's words, and for a Russian alias those of each of its case forms («Лаврову»)."""
    texts = russian_case_forms(alias.text, person and alias.kind == "name") if alias.language == "ru" else ()
    out = [alias_tokens(alias.text)]
    for text in texts:
        toks = alias_tokens(text)
        if toks not in out:
            out.append(toks)
    if alias.language == "ar":
        # «وزارة الخارجية و التعاون الدولي»: writers may set the conjunction apart from its word.
        apart = tuple(p for t in out[0] for p in (("و", t[1:]) if t.startswith("وال") else (t,)))
        if apart != out[0]:
            out.append(apart)
    return [t for t in out if t]


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


# A node of the alias trie: the next word -> the node after it; _END -> the alias ending here.
_Node = dict
_END = ""  # never a token, so it cannot clash with a word


class AliasAutomaton:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        root: _Node = {}
        prefixes: dict[tuple[str, ...], set[str]] = {}
        title_heads: dict[str, set[str]] = {}
        # A title's first word (without its article) -> (holder, the title's words without theirs).
        self._titles: dict[str, list[tuple[str, frozenset[str]]]] = {}
        # Short Latin capitals (US, EU, UN): matched only where the text writes them in capitals
        # (`capitals`), or they would match English words («us»).
        self.capitals: dict[str, str] = {}
        for actor in catalogue.actors.values():
            for alias in actor.aliases:
                if len(alias.text) <= 3 and alias.text.isascii():
                    if alias.text.isupper() and alias.text.isalpha():
                        self.capitals.setdefault(alias.text.lower(), actor.key)
                    continue
                for toks in _forms(alias, actor.kind == "person"):
                    self._add(root, prefixes, title_heads, actor, alias, toks)
                    if alias.kind == "title":
                        words = frozenset(_bare(t) for t in toks)
                        self._titles.setdefault(_bare(toks[0]), []).append((actor.key, words))
        self._root = root
        self._prefixes = prefixes
        # Per word, the trie nodes of its clitic variants: words repeat, so that work is done once.
        self._starts: dict[str, tuple[_Node, ...]] = {}
        self._title_heads = title_heads
        self._spellings = _Spellings(root)

    @staticmethod
    def _add(root, prefixes, title_heads, actor, alias: Alias, toks: tuple[str, ...]) -> None:
        node = root
        for tok in toks:
            node = node.setdefault(tok, {})
        # Two actors sharing an alias: the first in catalogue order keeps it.
        node.setdefault(_END, (actor.key, alias.kind))
        # Shortened later mentions («رئيس مجلس الأمن» after «مجلس الأمن في كازاخستان»).
        for n in range(2, len(toks)):
            prefixes.setdefault(toks[:n], set()).add(actor.key)
        # A title's first word alone names its holder once the holder is known («المتحدث»,
        # «الوزير», «الخارجية»); a person's first name alone does not.
        if alias.kind == "title" or (actor.kind != "person" and len(toks) > 1):
            title_heads.setdefault(_bare(toks[0]), set()).add(actor.key)

    def find(self, words: list[str]) -> list[Mention]:
        """Non-overlapping mentions in a list of normalised words, left to right, longest first.

        Where two clitic readings of a word start aliases of the same length, the reading with
        fewer letters stripped wins.
        """
        starts, candidates = self._starts, self._candidates
        # Most words start no alias: one comprehension picks the positions worth trying.
        hits = [i for i, w in enumerate(words) if (starts[w] if w in starts else candidates(w))]
        mentions: list[Mention] = []
        n = len(words)
        free = 0  # the first word not inside a mention already found
        for i in hits:
            if i < free:
                continue
            best, best_end = None, 0
            for node in starts.get(words[i]) or candidates(words[i]):
                found, end, j = node.get(_END), i + 1, i + 1
                while j < n:
                    node = node.get(words[j])
                    if node is None:
                        break
                    j += 1
                    if _END in node:
                        found, end = node[_END], j
                if found is not None and end > best_end:
                    best, best_end = found, end
            if best is not None:
                mentions.append(Mention(i, best_end, best[0], best[1]))
                free = best_end
        return mentions

    def _candidates(self, word: str) -> tuple[_Node, ...]:
        found = self._starts.get(word)
        if found is None:
            root = self._root
            found = tuple(root[v] for v in clitic_variants(word) if v in root)
            if len(self._starts) > 500_000:
                self._starts.clear()
            self._starts[word] = found
        return found

    def spelled(self, word: str) -> str:
        """The alias word a capitalised Latin word misspells by one letter, else the word itself."""
        return self._spellings.of(word)

    def holders_of(self, words: tuple[str, ...]) -> set[str]:
        """Actors with a title that holds all these words, the first one heading it: «الوزير
        الروسي» is a short form of «وزير الخارجية الروسي» and of «وزير الدفاع الروسي»."""
        wanted = {_bare(w) for w in words}
        return {key for key, title in self._titles.get(_bare(words[0]), ()) if wanted <= title}

    def prefix_of(self, words: tuple[str, ...]) -> set[str]:
        """Actors one of whose aliases starts with these words: two or more words, or one title word."""
        if len(words) == 1:
            return self._title_heads.get(_bare(words[0]), set())
        return self._prefixes.get(words, set())


def _bare(word: str) -> str:
    """A word without its article: «الوزير» and «وزير» head the same titles."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


_LATIN_WORD = re.compile(r"^[a-z]{6,}$")


class _Spellings:
    """One letter away from an alias word: «Chines Foreign Minster» is the Chinese Foreign Minister.

    Small outlets misspell; a reader does not notice and neither should extraction. A word is
    corrected only when it is Latin, six letters or more, not an alias word itself, one deletion,
    insertion, substitution or swap from exactly one alias word of seven letters or more with the same
    first letter, and not the same word inflected (same Snowball stem: «ministers» stays).
    Shorter words are left alone: «Syria» is a letter from «Syrian», «Gurman» from «German».
    Found by symmetric deletion: each alias word is indexed under itself and its one-letter deletions.
    """

    def __init__(self, root: _Node) -> None:
        known: set[str] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            for word, child in node.items():
                if word != _END:
                    known.add(word)
                    stack.append(child)
        self._known = known
        self._vocab = vocab = {w for w in known if len(w) >= 7 and _LATIN_WORD.match(w)}
        self._deleted: dict[str, set[str]] = {}
        for word in vocab:
            for variant in _deletions(word):
                self._deleted.setdefault(variant, set()).add(word)
        self._seen: dict[str, str] = {}

    def of(self, word: str) -> str:
        found = self._seen.get(word)
        if found is None:
            found = self._correct(word)
            if len(self._seen) > 200_000:
                self._seen.clear()
            self._seen[word] = found
        return found

    def _correct(self, word: str) -> str:
        if word in self._known or not _LATIN_WORD.match(word):
            return word
        near = set(self._deleted.get(word, ()))  # a letter missing («chines»)
        for variant in _deletions(word):
            if variant in self._vocab:  # a letter too many
                near.add(variant)
            near |= self._deleted.get(variant, set())  # a letter changed, or two swapped
        near = {w for w in near if w[0] == word[0] and _one_edit(word, w)}
        if len(near) != 1:
            return word
        (fixed,) = near
        return word if english_stem(fixed) == english_stem(word) else fixed


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance 1 (symmetric deletion also pairs words two substitutions apart)."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(long_) - len(short) == 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    )
