"""What a search box's text asks for: words, "phrases", alternatives (OR) and exclusions (-word).

Pure: it reads the text and says what it could not read; reactions/search.py decides what each
term matches. The syntax is the one people bring from web search engines:

    Tokayev CSTO            both words (in any order, anywhere in the words)
    "peacekeeping forces"   these words together, as written («…» and “…” quote too)
    Putin OR Lavrov         either (also `|`); OR binds the terms either side of it
    -Putin  -"red lines"    not this word or phrase
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.extraction.normalize import normalize

MAX_QUERY_CHARS = 500
MAX_TERMS = 20
# A word longer than this is not a word of any of the three languages: a paste gone wrong. Refused,
# because a trigram index has nothing selective to look up in 5,000 letters of one kind.
MAX_WORD_CHARS = 60

# A term: an optional minus, then a quoted phrase (closed or not: a pasted fragment often loses its
# closing mark) or a run of non-space characters.
_TERM = re.compile(r'(-?)(?:["«“„]([^"»”]*)["»”]?|(\S+))')
_WORDS = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_MARKUP = re.compile(r"<[^<>]{0,200}>")
_OR = frozenset({"OR", "|", "ИЛИ"})
# Letters and digits of the scripts the statements are written in (Arabic, Latin, Cyrillic), without
# their punctuation («،» and «؟» are Arabic).
KNOWN_SCRIPT = re.compile(r"[0-9A-Za-zÀ-ɏЀ-ӿء-ي٠-٩ٱ-ۓ]")


class QuerySyntaxError(ValueError):
    """Text that asks for nothing a statement could match, said in words a reader understands."""


@dataclass(frozen=True)
class Term:
    typed: str  # as the reader typed it, for messages
    words: tuple[str, ...]  # normalised (reactions' normaliser: letter forms, case, ё)
    phrase: bool = False  # quoted: the words together, as written


@dataclass(frozen=True)
class Parsed:
    groups: tuple[tuple[Term, ...], ...]  # every group must match; a group matches when any of its terms does
    excluded: tuple[Term, ...] = ()

    @property
    def terms(self) -> list[Term]:
        return [t for group in self.groups for t in group]


def parse(text: str) -> Parsed:
    """The terms of `text`; a QuerySyntaxError when it holds nothing to search for."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"is {len(text):,} characters long; a search takes up to {MAX_QUERY_CHARS}")
    text = _MARKUP.sub(" ", text)  # pasted with its markup: the words are what is searched
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for match in _TERM.finditer(text):
        minus, quoted, bare = match.groups()
        if bare is not None and bare in _OR:
            join_next = bool(groups)
            continue
        raw = quoted if quoted is not None else bare
        words = tuple(_WORDS.findall(normalize(raw)))
        if not words:
            continue
        for word in words:
            if len(word) > MAX_WORD_CHARS:
                raise QuerySyntaxError(
                    f"has a word of {len(word):,} letters; no word of Arabic, English or Russian is"
                    f" longer than {MAX_WORD_CHARS}"
                )
        # An unquoted run of words joined by punctuation ("U.S.-Russian") is looked for together.
        term = Term(raw.strip().strip(":;,.،؛!?"), words, phrase=quoted is not None or len(words) > 1)
        if minus:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups and not excluded:
        raise QuerySyntaxError("has no letters or digits to search for")
    if not groups:
        raise QuerySyntaxError("only excludes words: give at least one word to look for as well")
    if len(groups) + len(excluded) > MAX_TERMS:
        raise QuerySyntaxError(f"has {len(groups) + len(excluded)} terms; a search takes up to {MAX_TERMS}")
    every = [*(t for g in groups for t in g), *excluded]
    unknown = [t.typed for t in every if not KNOWN_SCRIPT.search(t.typed)]
    if unknown:
        raise QuerySyntaxError(
            f"«{unknown[0]}» is not written in Arabic, Latin or Cyrillic letters; the statements are in"
            " Arabic, English and Russian"
        )
    return Parsed(tuple(tuple(g) for g in groups), tuple(excluded))
