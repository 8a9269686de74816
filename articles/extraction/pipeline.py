"""extract(): an article's text and metadata in, attributed statements out.

The stages, in order, each in its own module:
  1. segment.py   lines (title, body, boilerplate, captions, embedded posts), sentences, tokens
  2. aliases.py   catalogue mentions in each line (the alias automaton)
  3. cues.py      finding cues: each reporting verb, participle, «حسب X» or headline colon outside
                  quotations opens a statement, and the rule for its kind runs
  4. speakers.py  choosing the speaker: SVO, VSO, «نقل ... عن X», a noun phrase the catalogue lacks
                  (provisional), or the previous speaker (pronoun)
  5. words.py     cutting the words: from the complementizer, colon or first word after the speaker
                  and its adverbials to the end of the quotation, the next participle, a clause
                  connective or the end of the sentence
  6. record.py    the statement kept: the day and occasion named around the cue, labels.py's quote
                  type, act, topic and confidence
  7. days.py      after the whole article: days carried to the same speaker's neighbouring
                  statements, then the article's news day; labels.carry_topics
  8. repeats.py   a claim the article gives twice: the later statement marked as repeating the first

Every rule is general: nothing here knows a particular article.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_left

from articles.extraction import cues, days
from articles.extraction.aliases import AliasAutomaton, Mention
from articles.extraction.catalogue import Catalogue
from articles.extraction.clause import Clause
from articles.extraction.labels import carry_topics
from articles.extraction.language import not_read
from articles.extraction.profiles import profile_for
from articles.extraction.repeats import mark_repeats
from articles.extraction.reported import Reader
from articles.extraction.segment import Token, lines_of, posts_of, sentences_of, tokens_of
from articles.extraction.state import ArticleState
from articles.extraction.statement import ArticleMeta, ExtractedStatement

log = logging.getLogger(__name__)

__all__ = [
    "MAX_ARTICLE_CHARS",
    "PIPELINE_VERSION",
    "ArticleMeta",
    "ExtractedStatement",
    "ExtractionError",
    "extract",
    "matcher_for",
]

# Raised when a change of the rules changes what extraction finds: `manage.py reextract` (without
# --all) redoes the articles an older version read. 1.1: occasions in English and Russian, a name
# after a preposition is not the subject, a noun in an attribution's phrase is not a cue.
PIPELINE_VERSION = "1.1"
MAX_ARTICLE_CHARS = 5_000_000


class ExtractionError(ValueError):
    """The input cannot be read as an article; the message says why."""


def extract(text: str, meta: ArticleMeta, catalogue: Catalogue) -> list[ExtractedStatement]:
    """The attributed statements of one article, in reading order."""
    if not isinstance(text, str):
        raise ExtractionError("the article text must be a string")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ExtractionError(
            f"the article is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit"
        )
    reason = not_read(meta.language)
    if reason:
        raise ExtractionError(reason)
    return _extractor(catalogue).run(text, meta)


_EXTRACTORS: dict[int, tuple[Catalogue, Extractor]] = {}


def _extractor(catalogue: Catalogue) -> Extractor:
    """One Extractor (and its alias automaton) per catalogue object, built on first use."""
    cached = _EXTRACTORS.get(id(catalogue))
    if cached is None or cached[0] is not catalogue:
        if len(_EXTRACTORS) > 8:
            _EXTRACTORS.clear()
        began = time.perf_counter()
        cached = (catalogue, Extractor(catalogue))
        _EXTRACTORS[id(catalogue)] = cached
        log.info("alias automaton of %d actors built in %.2f s", len(catalogue), time.perf_counter() - began)
    return cached[1]


def matcher_for(catalogue: Catalogue) -> AliasAutomaton:
    """The alias automaton extraction uses for `catalogue`: to find actors named in any text."""
    return _extractor(catalogue).aliases


class Extractor:
    """What extraction keeps per catalogue: the alias automaton and the actors by role."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.aliases = AliasAutomaton(catalogue)
        # (country code, role code) -> actor key, for «الحكومة» or «الرئيس» left unqualified.
        self.by_role: dict[tuple[str, str], str] = {}
        for actor in catalogue.actors.values():
            if actor.role_code:
                self.by_role.setdefault((actor.country, actor.role_code), actor.key)

    def run(self, text: str, meta: ArticleMeta) -> list[ExtractedStatement]:
        st = ArticleState(self.catalogue, self.aliases, self.by_role, text, meta)
        profile = profile_for(meta.language)
        reader = Reader(st, profile) if profile is not None else None
        abbreviations = profile.abbreviations if profile is not None else frozenset()
        lines = lines_of(text)
        posts = posts_of(text, lines)
        prepared = []
        for line in lines:
            if line.kind not in ("body", "title"):
                continue
            tokens = tokens_of(text, line.start, line.end, line.quotes, (line.norm, line.index))
            mentions = _mentions(self.aliases, tokens, text)
            for m in mentions.values():
                st.count(m.key)
            prepared.append((line, tokens, mentions))
        post_at = {p.start: p for p in posts}
        done_posts: set[int] = set()
        for line, tokens, mentions in prepared:
            # Posts are read in their place, so pronouns after them continue the post's author.
            for start in sorted(post_at):
                if start < line.start and start not in done_posts:
                    done_posts.add(start)
                    cues.read_post(st, post_at[start])
            starts = [t.start for t in tokens]
            mention_at = sorted(mentions)
            mention_ends = {m.end: m for m in mentions.values()}
            for s, e in sentences_of(text, line, abbreviations):
                a, b = bisect_left(starts, s), bisect_left(starts, e)
                if a < b:
                    st.begin_sentence()
                    for k in mention_at[bisect_left(mention_at, a) : bisect_left(mention_at, b)]:
                        st.mention(mentions[k].key)
                    clause = Clause(line, tokens, mentions, mention_ends, a, b)
                    if reader is not None:
                        reader.read_sentence(clause)
                    else:
                        cues.read_sentence(st, clause)
        for start in sorted(post_at):
            if start not in done_posts:
                cues.read_post(st, post_at[start])
        st.statements.sort(key=lambda s: s.start)
        days.resolve(st)
        carry_topics(st)
        mark_repeats(st.statements)
        return st.statements


def _mentions(aliases: AliasAutomaton, tokens: list[Token], text: str) -> dict[int, Mention]:
    """Mentions keyed by their first token index (token indices, not word indices)."""
    word_idx = [k for k, t in enumerate(tokens) if t.is_word]
    # A capitalised word is read as the alias word it misspells by a letter («Chines Foreign Minster»).
    words = [
        aliases.spelled(tokens[k].norm) if text[tokens[k].start].isupper() else tokens[k].norm
        for k in word_idx
    ]
    out: dict[int, Mention] = {}
    for m in aliases.find(words):
        start, end = word_idx[m.start], word_idx[m.end - 1] + 1
        # An alias never spans punctuation: «بوتين، الكرملين» is two mentions.
        if end - start != m.end - m.start:
            continue
        out[start] = Mention(start, end, m.key, m.kind)
    if aliases.capitals:
        covered = {k for m in out.values() for k in range(m.start, m.end)}
        for k, t in enumerate(tokens):
            key = aliases.capitals.get(t.norm)
            # «the EU urged», «UN spokesman»: written in capitals, not the word «us».
            if key is not None and k not in covered and text[t.start : t.end].isupper():
                out[k] = Mention(k, k + 1, key, "name")
    return out
