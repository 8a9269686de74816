"""Cutting the words: where a speaker's reported words begin and where they end.

They begin at the complementizer, the colon or the first word after the speaker and its adverbials
(«، مساء اليوم الأربعاء،» «في كلمة ألقاها»), and end at the end of the quotation that opened them,
the next participle, a clause connective, a new clause with its own speaker, or the sentence's end.
"""

from __future__ import annotations

from articles.extraction.clause import Clause, Speaker
from articles.extraction.lexicon import (
    ADVERBIAL_STARTERS,
    BOUNDARY_PAIRS,
    BOUNDARY_WORDS,
    CLAUSE_BACKGROUND,
    COLON,
    COMMA,
    COMPLEMENT_PREPOSITIONS,
    COMPLEMENTIZERS,
    CUES,
    FILLERS,
    NP_STOPS,
    OCCASION_NOUNS,
    PARTICIPLES,
    QUOTE_MARKS,
    SAYING,
    TELL_CUES,
)
from articles.extraction.record import record
from articles.extraction.segment import Token
from articles.extraction.speakers import group
from articles.extraction.state import ArticleState


def emit(
    st: ArticleState, c: Clause, speaker: Speaker, act: str, cue_tok: Token, weak: bool = False
) -> int | None:
    """The statement of `speaker` after its cue, if words follow; the token index after it."""
    toks, b = c.tokens, c.end
    k = speaker.end
    colon = False
    cue = CUES.get(cue_tok.norm)
    k = skip_to_complement(c, k, tell=cue is not None and cue.lemma in TELL_CUES)
    if k >= b:
        return None
    # A weak cue («كتب»، «علق») reports words only when a complementizer, colon or quotation follows.
    if weak and not (toks[k].norm in COMPLEMENTIZERS or toks[k].norm in COLON or toks[k].in_quote):
        return None
    if toks[k].norm in COLON:
        colon = True
        k += 1
    if k >= b:
        return None
    # «قال التلفزيون إن الرئيس الصيني أبلغ ...»: what a reporter or an outlet relays belongs to
    # the speaker inside it. An actor relaying another («قال ستانو إن الاتحاد يعتبر») keeps it.
    inner = k + 1 if toks[k].norm in COMPLEMENTIZERS else k
    if inner < b and _is_relay(st, speaker) and opens_statement(c, inner):
        return None
    # «أعلن الكرملين بأن الرئيس الكازاخستاني، قاسم جومارت توكاييف، أبلغ ...»: an actor relaying
    # another actor's words, not its own institution's, gives them to that actor.
    relayed = _relayed_speaker(st, c, inner) if inner < b else None
    if relayed is not None and not _same_side(st, speaker.key, relayed):
        return None
    if toks[k].norm in CUES:
        return None  # the words of another statement begin here
    end = content_end(c, k)
    if end <= k:
        return None
    return record(st, c, k, end, speaker, act, cue_tok, colon=colon)


def _is_relay(st: ArticleState, speaker: Speaker) -> bool:
    if speaker.key is None:
        return True
    actor = st.cat.get(speaker.key)
    return actor is not None and actor.role_code == "state_media"


def skip_to_complement(c: Clause, k: int, tell: bool = False) -> int:
    """Skip adverbials between the speaker and the words: «، مساء اليوم الأربعاء،» «في كلمة ... أن»,
    and an addressee before a complementizer: «أبلغ رئيس كازاخستان، الجمعة، أن ...»."""
    toks, b = c.tokens, c.end
    for _ in range(4):
        if k >= b:
            return k
        t = toks[k]
        addressee = c.mentions.get(k)
        if addressee is not None or tell:
            after = addressee.end if addressee is not None else k + 1
            for j in range(after, min(b, after + 8)):
                u = toks[j]
                if u.in_quote or u.norm in CUES or u.norm in PARTICIPLES:
                    break
                if u.norm in COMPLEMENTIZERS:
                    return j
                # «أمر قوات الأمن أمس، بفتح النار»: the order's content, a ب-phrase after a comma.
                if tell and u.norm.startswith("ب") and len(u.norm) > 3 and toks[j - 1].norm in COMMA:
                    return j
            return k
        if t.norm in COMPLEMENTIZERS or t.norm in COLON or t.in_quote:
            return k
        if t.norm in FILLERS:
            k += 1
            continue
        preposition = t.norm in COMPLEMENT_PREPOSITIONS
        if t.norm in COMMA:
            # «، مساء اليوم،» is an adverbial; «، المشاركين ...» is where the words begin.
            nxt = toks[k + 1].norm if k + 1 < b else ""
            if not (
                nxt in ADVERBIAL_STARTERS
                or nxt in OCCASION_NOUNS
                or nxt in SAYING
                or nxt in COMPLEMENTIZERS
                or nxt in COLON
                or nxt in COMPLEMENT_PREPOSITIONS
            ):
                return k + 1
        starts_adverbial = (
            t.norm in ADVERBIAL_STARTERS or t.norm in OCCASION_NOUNS or t.norm in COMMA or t.norm in SAYING
        )
        if not (starts_adverbial or preposition):
            return k
        # Look ahead for a complementizer or colon, or the comma that closes the adverbial.
        limit = min(b, k + 25)
        for j in range(k + 1, limit):
            u = toks[j]
            if u.in_quote:
                continue
            if u.norm in COMPLEMENTIZERS or u.norm in COLON:
                return j
            if u.norm in CUES or u.norm in PARTICIPLES or u.norm in BOUNDARY_WORDS:
                return k + (t.norm in COMMA)
            if u.norm in COMMA:
                if preposition:
                    return k
                k = j + 1 if t.norm not in COMMA or j > k + 1 else j
                break
        else:
            return k + (t.norm in COMMA)
    return k


def _relayed_speaker(st: ArticleState, c: Clause, j: int) -> str | None:
    """The actor whose statement opens at j: named, with its titles and appositions, then a cue."""
    if j not in c.mentions:
        return None
    found = group(st, c, j, "svo")
    end = found.end + (found.end < c.end and c.tokens[found.end].norm in COMMA)
    return found.key if end < c.end and c.tokens[end].norm in CUES else None


def _same_side(st: ArticleState, a: str | None, b: str) -> bool:
    """The same actor, or one is the other's institution (a spokesman and the bloc he speaks for)."""
    return a is None or a == b or b in st.cat.chain(a) or a in st.cat.chain(b)


def opens_statement(c: Clause, j: int) -> bool:
    """A new statement starts at j: an actor followed by a cue, or a cue followed by an actor."""
    toks, b = c.tokens, c.end
    m = c.mentions.get(j)
    if m is not None and m.end < b and toks[m.end].norm in CUES:
        return True
    return toks[j].norm in CUES and j + 1 in c.mentions


def content_end(c: Clause, k: int) -> int:
    """The token index after the words that begin at k."""
    toks, mentions, b = c.tokens, c.mentions, c.end
    if k >= b:
        return k
    direct = toks[k].norm in QUOTE_MARKS or (
        toks[k].norm in COMPLEMENTIZERS and k + 1 < b and toks[k + 1].norm in QUOTE_MARKS
    )
    j = k
    while j < b:
        t = toks[j]
        if t.in_quote:
            # The end of the quotation that opened the words ends a direct statement.
            if direct and t.norm in QUOTE_MARKS and j > k + 1 and (j + 1 >= b or not toks[j + 1].in_quote):
                return j + 1
            j += 1
            continue
        if j > k and (t.norm in PARTICIPLES or t.norm in BOUNDARY_WORDS):
            return j
        if j > k and j + 1 < b and (t.norm, toks[j + 1].norm) in BOUNDARY_PAIRS:
            return j
        if j > k and t.norm in COMMA and j + 1 < b:
            nxt = toks[j + 1]
            # «، والأمم المتحدة دعت ...»: a new clause with its own speaker and cue.
            m = mentions.get(j + 1)
            if m is not None and m.end < b and toks[m.end].norm in CUES:
                return j
            if nxt.norm in CUES:
                return j
            # «، على خلفية ...»: the reporter's background, not the speaker's words.
            if j + 2 < b and nxt.norm in NP_STOPS and toks[j + 2].norm in CLAUSE_BACKGROUND:
                return j
        j += 1
    return b
