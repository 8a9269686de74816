"""Search over statements' words that understands names.

The text is read by reactions/lib/query_syntax.py (words, "phrases", OR, -exclusions). Then:

- **Names.** Consecutive words that name a catalogue actor in any of its aliases (any language,
  any spelling the normaliser folds: «Tokayev», «توقاييف», «Токаев», «CSTO») stand for the
  actor: they find the statements it made (for a country, those of its institutions and officials
  too) and the statements whose words name it by any of its names, in any language. A word spelt
  close to a one-word name (trigram similarity, as pg_trgm measures it) also finds that actor, and
  the answer says which name it was taken for.
- **Words.** Both the stored words (`Statement.normalised`) and the query go through the
  project's normaliser (articles.extraction.normalize), so spelling variants, harakat, tatweel, alef,
  yeh and teh marbuta forms, case and ё do not matter. A word matches as a substring (a clitic or
  an ending attached still matches); an English or Russian word of five letters or more by the part
  it shares with its Snowball stem («protesters» finds «protest»). On PostgreSQL a word also matches
  when the `arabic` stemmer finds its stem (الإرهابيين finds إرهابي): the `arabic` configuration does
  not fold letters itself, which is why it runs on the normalised copy (Statement.arabic).
- **Phrases** match their words in the order given; a trigram index serves every substring test
  and a GIN index on the stored `arabic` vector serves the stemmer.
- A reporting verb typed beside a name («وقال دوجاريك: "…"», «Putin said») is the attribution a
  pasted fragment carries, not part of the words: it is left out, and the answer says so.
- **Scope.** `ARTICLES` looks in the whole text of the statements' articles instead of their words
  (`Article.words`, the same stemmer's vector of the normalised text, each word a lexeme prefix).
- A search that finds nothing is offered the closest names and the closest spelling the statements
  hold (`suggestions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Func, Lookup, Q, QuerySet, TextField

from articles.extraction.lexicon import CUES
from articles.extraction.profiles import profile_for
from reactions.lib.query_syntax import Parsed, QuerySyntaxError, Term, parse
from reactions.lib.stems import stem_of

# Where a search looks: the reported words (the default), or the whole text of their articles.
WORDS, ARTICLES = "words", "articles"
SCOPES = {WORDS: "in the words", ARTICLES: "in the whole articles"}
# The lowest trigram similarity at which a word is taken for a one-word name it does not spell
# (توكاييفا, Tokaev, Лаврова are above it; «Russian» for «Russia» too, and that is right).
NAME_SIMILARITY = 0.5
# Suggestions for a search that found nothing go lower: they are offered, not applied.
SUGGEST_SIMILARITY = 0.3
SPELL_SIMILARITY = 0.4  # a word respelt: many more words than names are near any spelling
# A word shorter than this is not respelt: four letters have too many neighbours to guess from.
SPELL_MIN_LETTERS = 5
# How many statements each piece of a word reads to gather the words spelt like it.
SPELL_SAMPLE = 100


class ArabicStems(Func):
    """The `arabic` text search vector of a text column, for Statement.arabic: PostgreSQL's stemmer;
    NULL elsewhere, where search compares substrings only."""

    template = "to_tsvector('arabic'::regconfig, COALESCE(%(expressions)s, ''))"

    def as_sqlite(self, compiler, connection, **extra):
        return "NULL", []


@TextField.register_lookup
class InOrder(Lookup):
    """`normalised__in_order=("a", "b")`: the words occur in this order (LIKE '%a%b%'); a trigram
    index serves it as it serves `contains`."""

    lookup_name = "in_order"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        escaped = ("".join("\\" + c if c in "%_\\" else c for c in word) for word in value)
        return "%s", ["%" + "%".join(escaped) + "%"]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs} ESCAPE '\\'", [*lhs_params, *rhs_params]


@dataclass(frozen=True)
class Named:
    """Words of the query taken for an actor."""

    typed: str
    actor: int
    name: str
    slug: str
    country: str = ""  # a country's code: its institutions and officials speak for it
    spelt_like: str = ""  # the name the typed word was taken for, when it does not spell one

    @property
    def note(self) -> str:
        who = f"{self.name} (its institutions and officials included)" if self.country else self.name
        taken = f" (taken for «{self.spelt_like}»)" if self.spelt_like else ""
        return f"{self.typed}{taken}: statements by and about {who}"


@dataclass(frozen=True)
class Suggestion:
    text: str  # what to search for instead
    label: str


@dataclass
class Search:
    """A search's text as understood: what each term matches, and what to tell the reader."""

    parsed: Parsed
    named: dict[Term, Named] = field(default_factory=dict)
    attribution: list[str] = field(default_factory=list)  # reporting verbs left out

    @property
    def notes(self) -> list[str]:
        notes = [n.note for n in dict.fromkeys(self.named.values())]
        if self.attribution:
            notes.append(f"{', '.join(self.attribution)}: taken as the attribution, not as the words")
        return notes

    def described(self) -> dict:
        """How the search was read, for the API (reactions/api/pagination.py: SEARCH_SCHEMA)."""
        names = [
            {"typed": n.typed, "speaker": n.slug, "name": n.name, "spelt_like": n.spelt_like}
            for n in dict.fromkeys(self.named.values())
        ]
        return {"names": names, "attribution": self.attribution, "notes": self.notes}

    def condition(self, postgres: bool, scope: str = WORDS) -> Q:
        """What a statement must meet: in `scope` WORDS its reported words, in ARTICLES the whole
        text of its article (a name finds what its actor said there too)."""
        term_condition = self._term if scope == WORDS else self._in_article
        found = Q()
        for group in self.parsed.groups:
            alternatives = Q()
            for term in group:
                alternatives |= term_condition(term, postgres)
            found &= alternatives
        for term in self.parsed.excluded:
            found &= ~term_condition(term, postgres)
        return found

    def _term(self, term: Term, postgres: bool) -> Q:
        if term in self.named:
            return _about(self.named[term]) | _by(self.named[term]) | _words(term, postgres)
        return _words(term, postgres)

    def _in_article(self, term: Term, postgres: bool) -> Q:
        found = _article_has(term.words, not term.phrase, postgres)
        if term in self.named:
            found |= _by(self.named[term])
            for pattern in _name_patterns(self.named[term]):
                found |= _article_has(pattern, False, postgres)
        return found

    def patterns(self) -> list[tuple[str, ...]]:
        """What to highlight in a statement's normalised words: each pattern's parts in order."""
        from reactions.names import known_names

        names = known_names()
        out: list[tuple[str, ...]] = []
        for term in self.parsed.terms:
            if term.phrase:
                out.append(term.words)
            else:
                out.extend((stem_of(w),) for w in term.words)
            if term in self.named:
                out.extend(names.name_patterns.get(self.named[term].actor, ()))
        return out


def _words(term: Term, postgres: bool) -> Q:
    if term.phrase:
        return Q(normalised__in_order=term.words)
    (word,) = term.words
    found = Q(normalised__contains=stem_of(word))
    if postgres:
        found |= Q(arabic=SearchQuery(word, config="arabic", search_type="plain"))
    return found


def _by(named: Named) -> Q:
    return Q(speaker_country=named.country) if named.country else Q(speaker_id=named.actor)


def _about(named: Named) -> Q:
    about = Q()
    for pattern in _name_patterns(named):
        about |= Q(normalised__contains=pattern[0]) if len(pattern) == 1 else Q(normalised__in_order=pattern)
    return about


def _name_patterns(named: Named) -> tuple[tuple[str, ...], ...]:
    from reactions.names import known_names

    return tuple(known_names().name_patterns.get(named.actor, ()))


def _article_has(words: tuple[str, ...], stem: bool, postgres: bool) -> Q:
    """The statements whose article's text holds `words` in this order (one word: by its stem).

    On PostgreSQL through the article's stored `arabic` vector and its GIN index (an article is long:
    no trigram index over every article's text), each word as a prefix of a lexeme, adjacent in a
    phrase; elsewhere as substrings of the normalised text, in order."""
    parts = tuple(stem_of(w) for w in words) if stem else words
    if not postgres:
        if len(parts) == 1:
            return Q(article__normalised__contains=parts[0])
        return Q(article__normalised__in_order=parts)
    lexemes = [lexeme for lexeme in map(_prefix, parts) if lexeme]
    if not lexemes:
        return Q(pk__in=[])
    return Q(article__words=SearchQuery(" <-> ".join(lexemes), config="arabic", search_type="raw"))


def _prefix(part: str) -> str:
    """`part` as a quoted tsquery lexeme that matches as a prefix («'protest':*»), or "" for a part
    without a letter or digit."""
    kept = "".join(c for c in part if c.isalnum())
    return f"'{kept}':*" if kept else ""


def understand(text: str) -> Search:
    """`text` parsed and its names found; a QuerySyntaxError when it asks for nothing.

    Read once per text and version of the data in each process: one answer builds its filters up to
    four times (the list, its count, the facets) and says how it read the search, and reading a
    word that names nobody compares it with every one-word name."""
    from reactions.data_version import version

    return _understood(text, version())


@lru_cache(maxsize=256)
def _understood(text: str, data_version: int) -> Search:
    parsed = parse(text)
    found = Search(parsed)
    groups = list(parsed.groups)
    # Runs of single-word groups (not alternatives) may spell a name of several words: the longest
    # name at each place wins («Vladimir Putin» is one name, not two words).
    merged: list[tuple[Term, ...]] = []
    i = 0
    while i < len(groups):
        run_end = i
        while run_end < len(groups) and len(groups[run_end]) == 1 and not groups[run_end][0].phrase:
            run_end += 1
        taken = False
        for stop in range(min(run_end, i + 6), i + 1, -1):
            words = tuple(g[0].words[0] for g in groups[i:stop])
            named = _named(" ".join(words), " ".join(g[0].typed for g in groups[i:stop]))
            if named is not None:
                term = Term(named.typed, words, phrase=True)
                merged.append((term,))
                found.named[term] = named
                i, taken = stop, True
                break
        if not taken:
            merged.append(groups[i])
            i += 1
    for term in [t for g in merged for t in g] + list(parsed.excluded):
        if term not in found.named and (named := _named(" ".join(term.words), term.typed)) is not None:
            found.named[term] = named
    if found.named:
        kept = [g for g in merged if not (len(g) == 1 and g[0] not in found.named and _reporting(g[0]))]
        found.attribution = [g[0].typed for g in merged if g not in kept]
        merged = kept or merged
    found.parsed = Parsed(tuple(merged), parsed.excluded)
    return found


def _named(normalised: str, typed: str) -> Named | None:
    from reactions.names import known_names

    names = known_names()
    ids = names.actors_by_alias.get(normalised)
    spelt_like = ""
    if not ids and " " not in normalised and len(normalised) >= 5:
        close = names.closest_name(normalised, NAME_SIMILARITY)
        if close is not None:
            spelt_like, ids = close
    if not ids:
        return None
    actor = ids[0]
    slug, name = names.actors[actor]
    return Named(typed, actor, name, slug, names.country_of_country_actor.get(actor, ""), spelt_like)


def _reporting(term: Term) -> bool:
    return not term.phrase and reporting_word(term.words[0])


def reporting_word(word: str) -> bool:
    """A reporting verb of any of the three languages («وقال», «said», «заявил»), normalised."""
    if word in CUES:
        return True
    return any(word in p.cues or p.key(word) in p.cues for p in (profile_for("en"), profile_for("ru")))


def suggestions(text: str, limit: int = 3) -> list[Suggestion]:
    """For a search that found nothing: the names spelt closest to its words («Guterez»: Guterres),
    then the query with a word respelt as the closest word the statements hold («peacekeepres»:
    «peacekeepers»)."""
    from reactions.names import known_names

    names = known_names()
    try:
        parsed = parse(text)
    except QuerySyntaxError:
        return []
    out: dict[str, Suggestion] = {}
    for term in parsed.terms:
        for word in term.words:
            for alias, ids in names.closest_names(word, SUGGEST_SIMILARITY, limit):
                _, name = names.actors[ids[0]]
                out.setdefault(alias, Suggestion(alias, name))
    for term in parsed.terms:
        if term.phrase or len(term.words[0]) < SPELL_MIN_LETTERS or _named(term.words[0], term.typed):
            continue
        for spelt in spellings(term.words[0])[:1]:
            respelt = text.replace(term.typed, spelt, 1)
            out.setdefault(respelt, Suggestion(respelt, f"«{spelt}» is in the statements"))
    return list(out.values())[:limit]


def spellings(word: str) -> list[str]:
    """Words of the stored statements spelt closest to `word` (normalised), closest first, at a
    trigram similarity of SPELL_SIMILARITY or more.

    The candidates are the words that share a piece of four letters with it (its start, middle or
    end: a typo leaves at least one whole), read from at most SPELL_SAMPLE statements a piece
    through the trigram index: no vocabulary to keep in step with the data, and a bounded cost."""
    from reactions.lib.trigrams import similarity
    from reactions.models import Statement

    middle = len(word) // 2
    pieces = {word[:4], word[middle - 2 : middle + 2], word[-4:]}
    seen: set[str] = set()
    for piece in pieces:
        texts = Statement.objects.filter(normalised__contains=piece).values_list("normalised", flat=True)
        for normalised in texts[:SPELL_SAMPLE]:
            seen.update(w for w in _TOKENS.findall(normalised) if piece in w)
    seen.discard(word)
    scored = sorted(((similarity(word, w), w) for w in seen), key=lambda s: (-s[0], s[1]))
    return [w for score, w in scored if score >= SPELL_SIMILARITY]


_TOKENS = re.compile(r"[^\W_]+")


def search(queryset: QuerySet, text: str, scope: str = WORDS) -> QuerySet:
    """The statements of `queryset` the search `text` finds in `scope` (every statement for a blank
    text)."""
    if not text.strip():
        return queryset
    postgres = connections[queryset.db].vendor == "postgresql"
    return queryset.filter(understand(text).condition(postgres, scope))
