"""Check a quote: which stored statements a pasted fragment or passage holds, ranked by how closely.

A journalist pastes words (a fragment, or a whole passage with its attribution, in any of the three
languages). The statements to compare are found, on PostgreSQL, first by runs of the passage's claim
words (articles.extraction.normalize.word_runs: three in a row, as each statement stores them, found
through their GIN index): a quote shares them with the statements it is cut from however common each
word is. The passage's words that the statements so found do not hold (a statement reworded, or
reordered by an outlet) are looked up by the rarest of them, by the statistics the database keeps
of the stored word vector (`Statement.arabic`), found together in pairs through its GIN index.
Elsewhere the passage's longest words find them, by substring. At most CANDIDATES a lookup, those
sharing the most first; each is then scored by the overlap coefficient of the two claim-word bags:
the words they share over the words of the shorter, so a fragment inside a long statement and a
statement inside a long passage both score 1. A statement matches at MATCH_AT or above and with at
least MIN_SHARED words in common (or all the shorter's words). The attribution counts too: a
statement whose speaker the passage names by one of the speaker's names ranks first among equals.

Each match comes with its claim's reports (articles/services.py groups them): every outlet that
carried the words and the earliest of them.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, reduce
from itertools import combinations

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from articles.extraction.normalize import claim_bag, claim_words, normalize, passage_runs
from reactions import listing
from reactions.cards import EXTRA
from reactions.data_version import version
from reactions.lib.query_syntax import KNOWN_SCRIPT, MAX_WORD_CHARS
from reactions.models import Statement
from reactions.search import reporting_word

MAX_CHARS = 5_000
MATCH_AT = 0.5
MIN_SHARED = 3
CANDIDATES = 300
# How many of the passage's words find the candidates: by substring, the longest (the rarest, as a
# rule); on PostgreSQL, the rarest stems, asked in pairs (6 words: 15 pairs).
LOOKUP_WORDS = 8
LOOKUP_STEMS = 6
TOGETHER = 2  # a candidate holds this many of the lookup words (3 cost as much at 1,000,000)
SHOWN = 20


class CheckRefused(ValueError):
    """Text no statement could be checked against, said in words a reader understands."""


@dataclass(frozen=True)
class Report:
    """One outlet's report of a claim's words."""

    id: int  # the report's statement
    outlet: str
    published: date | None
    url: str | None  # the article's original address, where known
    article_id: int

    @classmethod
    def of(cls, statement: Statement) -> Report:
        """The report a statement read with its article and outlet (`with_outlet()`) is."""
        article = statement.article
        return cls(statement.pk, article.source.name, article.published, article.url, statement.article_id)


@dataclass
class Match:
    statement: dict  # the list's item (reactions/listing.py) with cards.EXTRA: a card is made of it
    score: float
    shared: int
    names_speaker: bool
    reports: list[Report] = field(default_factory=list)  # the claim's reports, earliest first

    @property
    def earliest(self) -> Report:
        if self.reports:
            return self.reports[0]
        s = self.statement
        return Report(s["id"], s["outlet"], _day(s["published"]), s["url"], s["article_id"])

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(r.outlet for r in self.reports))


def refusal(text: str) -> str | None:
    """Why `text` cannot be checked, or None."""
    if not text.strip():
        return "Paste the words to check."
    if len(text) > MAX_CHARS:
        return f"The text is {len(text):,} characters long; a check takes up to {MAX_CHARS:,}."
    if not KNOWN_SCRIPT.search(text):
        return (
            "The text has no Arabic, Latin or Cyrillic letters: statements are in Arabic, English, Russian."
        )
    if not _words(normalize(text)):
        return "The text has no words that carry a claim (only articles, prepositions, or no words at all)."
    return None


def check(text: str, limit: int = SHOWN) -> list[Match]:
    """The statements `text` holds or is held in, closest first; CheckRefused for text it cannot check."""
    problem = refusal(text)
    if problem:
        raise CheckRefused(problem)
    passage = normalize(text)
    in_order = claim_words(passage)
    words = _kept(Counter(in_order))
    if connection.vendor == "postgresql":
        scored, explained = _scored(_candidates_by_runs(in_order), words, passage)
        # Words the statements found by their runs do not account for: a reworded statement, or one
        # cut so that no three of its words in a row are left. Looked up by the rarest of them.
        left = Counter({w: n for w, n in words.items() if w not in explained})
        if len(left) >= MIN_SHARED:
            seen = {pk for *_, pk in scored}
            more, _ = _scored(_candidates_by_stems(left), words, passage, seen)
            scored += more
    else:
        lookup = sorted(words, key=lambda w: (-len(w), w))[:LOOKUP_WORDS]
        scored, _ = _scored(_candidates(lookup, _has_substring), words, passage)
    scored.sort(key=lambda s: (-s[0], not s[1], -s[2], s[3]))
    chosen = scored[:limit]
    items = {item["id"]: item for item in listing.page_items([pk for *_, pk in chosen], EXTRA)}
    matches = [
        Match(items[pk], round(score, 3), shared, by) for score, by, shared, pk in chosen if pk in items
    ]
    _add_reports(matches)
    return matches


def _scored(
    candidates: list[tuple], words: Counter[str], passage: str, seen: Collection[int] = ()
) -> tuple[list[tuple], set[str]]:
    """(score, names the speaker, words shared, pk) of the `candidates` that match the passage's
    `words`, and the words those matches hold."""
    scored, explained = [], set()
    named = _speakers_named(passage, {speaker for _, _, speaker in candidates})
    for pk, norm, speaker in candidates:
        if pk in seen:
            continue
        theirs = claim_bag(norm)
        # The attribution's name of this statement's speaker is not part of the words compared.
        mine = _without(words, named[speaker]) if speaker in named else words
        shared = sum((theirs & mine).values())
        shorter = min(theirs.total(), mine.total())
        score = shared / shorter if shorter else 0.0
        if score >= MATCH_AT and shared >= min(MIN_SHARED, shorter):
            scored.append((score, speaker in named, shared, pk))
            explained.update(theirs)
    return scored, explained


def _words(passage: str) -> Counter[str]:
    """The passage's claim words, without the reporting verbs of its attribution («وقال», «said»)
    and without runs of letters no language has a word for (past MAX_WORD_CHARS)."""
    return _kept(claim_bag(passage))


def _kept(bag: Counter[str]) -> Counter[str]:
    return Counter({w: n for w, n in bag.items() if len(w) <= MAX_WORD_CHARS and not reporting_word(w)})


def passage_words(text: str) -> list[str]:
    """The words of pasted text a check compares, for marking them on the matched statements."""
    return list(_words(normalize(text)))


def _has_substring(word: str) -> Q:
    return Q(normalised__contains=word)


def _stem(word: str) -> SearchQuery:
    return SearchQuery(word, config="arabic", search_type="plain")


def _has_stem(word: str) -> Q:
    return Q(arabic=_stem(word))


def _candidates(lookup: list[str], has: Callable[[str], Q], together: Q | None = None) -> list[tuple]:
    """(pk, normalised, speaker) of the statements holding at least TOGETHER of `lookup` (`together`:
    a condition an index can answer that says so), those holding the most first."""
    if not lookup:
        return []
    if together is None:
        together = reduce(operator.or_, (has(w) for w in lookup))
    hits = reduce(
        operator.add,
        (Case(When(has(w), then=Value(1)), default=Value(0), output_field=IntegerField()) for w in lookup),
    )
    return list(
        Statement.objects.filter(together)
        .annotate(hits=hits)
        .filter(hits__gte=min(TOGETHER, len(lookup)))
        .order_by("-hits", "pk")
        .values_list("pk", "normalised", "speaker_id")[:CANDIDATES]
    )


_RUNS = "string_to_array(word_runs, ' ')"  # the expression statement_word_runs_idx indexes


def _candidates_by_runs(words: list[str]) -> list[tuple]:
    """The candidates on PostgreSQL: the statements holding a run of the passage's claim `words` (in
    order; normalize.word_runs: three in a row, or the two of a two-word statement), through the GIN
    index of their runs (migration 0027), those holding the most runs first. A run of three is in
    a handful of statements where each of its words is in thousands."""
    runs = passage_runs(words)
    if not runs:
        return []
    held = f"{_RUNS} && %s::text[]"
    shared = f"cardinality(ARRAY(SELECT unnest({_RUNS}) INTERSECT SELECT unnest(%s::text[])))"
    candidates = (
        Statement.objects.filter(RawSQL(held, (runs,), output_field=BooleanField()))
        .annotate(runs=RawSQL(shared, (runs,), output_field=IntegerField()))
        .order_by("-runs", "pk")
        .values_list("pk", "normalised", "speaker_id")[:CANDIDATES]
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # Every run is rare, so ANALYZE lists none among the common elements, and without them the
        # planner takes a share of the table for each run asked: a passage's forty runs look like a
        # fifth of the table, and it scans the whole table for a few hundred rows (docs/search.md).
        cursor.execute("SET LOCAL enable_seqscan = off")
        return list(candidates)


def _candidates_by_stems(words: Counter[str]) -> list[tuple]:
    """The candidates on PostgreSQL: the passage's LOOKUP_STEMS rarest words that some statement
    holds, and the statements holding two of them, each pair asked of the GIN index on its own
    (`arabic @@ a & b OR arabic @@ a & c OR ...`: a bitmap of each pair, ORed), so only the
    statements holding a pair are read from the table. One query of all the pairs (`(a & b) | (a &
    c) | ...`) is evaluated on every statement holding any of the words, which cost twice the time
    in the index at 1,000,000 statements (docs/search.md)."""
    lookup = _rarest_present(list(words))[:LOOKUP_STEMS]
    if len(lookup) < TOGETHER:
        return _candidates(lookup, _has_stem)
    pairs = (Q(arabic=reduce(operator.and_, map(_stem, group))) for group in combinations(lookup, TOGETHER))
    return _candidates(lookup, _has_stem, together=reduce(operator.or_, pairs))


def _rarest_present(words: list[str]) -> list[str]:
    """`words` that some statement holds, the rarest first: a word's share of statements as the
    database's statistics give it for the common stems, and below all of those (rarer than any)
    for the others, which are looked up in the index to see that they occur at all."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, tsvector_to_array(to_tsvector('arabic', w)) FROM unnest(%s::text[]) AS w", [words]
        )
        stems = {w: lexemes for w, lexemes in cursor.fetchall() if lexemes}
        common = _common_stems(version())
        share = {w: max(common.get(x, 0.0) for x in lexemes) for w, lexemes in stems.items()}
        rare = [w for w, f in share.items() if f == 0.0]
        if rare:
            cursor.execute(
                "SELECT w FROM unnest(%s::text[]) AS w WHERE EXISTS (SELECT 1 FROM reactions_statement s "
                "WHERE s.arabic @@ plainto_tsquery('arabic', w))",
                [rare],
            )
            present = {w for (w,) in cursor.fetchall()}
            share = {w: f for w, f in share.items() if f > 0.0 or w in present}
    return sorted(share, key=lambda w: (share[w], -len(w), w))


@lru_cache(maxsize=2)
def _common_stems(data_version: int) -> dict[str, float]:
    """The stored word vector's most common stems and the share of statements holding each, as
    ANALYZE last sampled them (pg_stats); read again when the data changes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'reactions_statement' AND attname = 'arabic'"
        )
        row = cursor.fetchone()
    if not row or not row[0]:
        return {}
    return dict(zip(row[0], row[1], strict=False))  # the shares list ends with three summary figures


def _speakers_named(passage: str, speakers: set[int]) -> dict[int, set[str]]:
    """Which of `speakers` the passage names by one of their names (reactions/names.py), with the
    parts of the names it uses."""
    from reactions.names import known_names

    patterns = known_names().name_patterns
    named: dict[int, set[str]] = {}
    for pk in speakers:
        for pattern in patterns.get(pk, ()):
            if all(part in passage for part in pattern):
                named.setdefault(pk, set()).update(pattern)
    return named


def _without(words: Counter[str], names: set[str]) -> Counter[str]:
    return Counter({w: n for w, n in words.items() if not any(part in w for part in names)})


def _add_reports(matches: list[Match]) -> None:
    """Each match's claim's reports, in one query of plain values."""
    claim = {m.statement["id"]: m.statement["first_report_id"] or m.statement["id"] for m in matches}
    read = ("pk", "first_report_id", "article__source__name", "article__published", "article__url")
    by_root: dict[int, list[Report]] = {}
    for pk, root, outlet, published, url, article in Statement.objects.reports_of(
        set(claim.values())
    ).values_list(*read, "article_id"):
        by_root.setdefault(root or pk, []).append(Report(pk, outlet, published, url, article))
    for m in matches:
        m.reports = by_root.get(claim[m.statement["id"]], [])


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None
