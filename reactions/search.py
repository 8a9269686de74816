"""Arabic-aware search over statements' words.

Both the stored words (`Statement.normalised`) and the query go through the project's normaliser
(articles.extraction.normalize), so spelling variants (توكايف / توكاييف), harakat, tatweel and
alef, yeh and teh marbuta forms do not matter. PostgreSQL's `arabic` configuration does not fold
these itself, which is why it runs on the normalised copy.

A statement matches when every word of the query occurs in its words (a substring, so a prefix or
a word with a clitic attached matches too). An English or Russian word is looked for by its stem
(the Snowball stemmer's, cut to the part the word and the stem share): «protesters» finds
«protest», «беспорядков» finds «беспорядки»; case and ё do not matter (the normaliser folds them).
On PostgreSQL a statement also matches when the `arabic` stemmer finds all the query's stems
(الإرهابيين finds إرهابي); a trigram index serves the substring test and a GIN index on the stored
`arabic` vector (Statement.arabic) serves the stemmer.
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer
from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Func, Q, QuerySet

from articles.extraction.normalize import normalize

MAX_QUERY_WORDS = 20


class ArabicStems(Func):
    """The `arabic` text search vector of a text column, for Statement.arabic: PostgreSQL's stemmer;
    NULL elsewhere, where search compares substrings only."""

    template = "to_tsvector('arabic'::regconfig, COALESCE(%(expressions)s, ''))"

    def as_sqlite(self, compiler, connection, **extra):
        return "NULL", []


def query_words(text: str) -> list[str]:
    """The normalised words a query searches for (at most MAX_QUERY_WORDS)."""
    return normalize(text).split()[:MAX_QUERY_WORDS]


def stem_of(word: str) -> str:
    """What a normalised query word is looked for as: an English or Russian word of five letters or
    more by the part it shares with its Snowball stem («countries» -> «countr»), any other as it is."""
    if len(word) < 5:
        return word
    if word.isascii() and word.isalpha():
        stem = _stemmer("english").stemWord(word)
    elif all("а" <= c <= "я" or c == "-" for c in word):
        stem = _stemmer("russian").stemWord(word)
    else:
        return word
    shared = next(
        (n for n, (a, b) in enumerate(zip(word, stem, strict=False)) if a != b), min(len(word), len(stem))
    )
    return word[: max(shared, 4)]


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def search(queryset: QuerySet, text: str) -> QuerySet:
    words = query_words(text)
    if not words:
        return queryset
    substrings = Q()
    for word in words:
        substrings &= Q(normalised__contains=stem_of(word))
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(substrings)
    stems = SearchQuery(" ".join(words), config="arabic", search_type="plain")
    return queryset.filter(substrings | Q(arabic=stems))
