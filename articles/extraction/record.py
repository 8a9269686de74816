"""A statement made from its words: trimmed, dated from the words that frame it, labelled, kept."""

from __future__ import annotations

from articles.extraction import dates
from articles.extraction.clause import Clause, Speaker
from articles.extraction.labels import confidence, quote_type, topic_and_act
from articles.extraction.lexicon import COMPLEMENTIZERS, LEADING, QUOTE_MARKS, TRAILING
from articles.extraction.occasions import find_occasion
from articles.extraction.segment import Token, normalised_span
from articles.extraction.state import ArticleState
from articles.extraction.statement import ExtractedStatement


def record(
    st: ArticleState,
    c: Clause,
    k: int,
    end: int,
    speaker: Speaker,
    act: str,
    cue_tok: Token,
    colon: bool,
    end_index: int | None = None,
    frame_span: tuple[int, int] | None = None,
    frame_clause: Clause | None = None,
    words_rule: str = "",
) -> int | None:
    """Keep the statement whose words are tokens [k, end) of the clause; the token index after it
    (`end_index` when the statement's source comes after its words), or None for no words.

    The words framing the statement (where its day and occasion are read) run from the clause's
    `frame` to the words, or are the tokens `frame_span` of `frame_clause` (default: `c`) where
    the attribution follows the words («"...," Putin said on Monday»)."""
    toks, line = c.tokens, c.line
    # Trim punctuation at both ends, and an opening complementizer before a whole quotation.
    while end > k and toks[end - 1].norm in TRAILING:
        end -= 1
    while k < end and toks[k].norm in LEADING:
        k += 1
    if end <= k:
        return None
    comp = toks[k].norm in COMPLEMENTIZERS
    whole_quote = k + 1 < end and toks[k + 1].norm in QUOTE_MARKS and toks[end - 1].norm in QUOTE_MARKS
    if comp and whole_quote and all(t.in_quote for t in toks[k + 1 : end]):
        k += 1
        comp = False
    start, stop = toks[k].start, toks[end - 1].end
    content = st.text[start:stop]
    if not any(ch.isalnum() for ch in content):
        return None
    quote = quote_type(toks, k, end, colon and not comp)
    # The day and the occasion are read in the words framing the cue, never in the reported words:
    # «سيقدم غداً» is not the day said.
    fc = frame_clause or c
    f0, f1 = frame_span if frame_span is not None else (c.frame, k)
    frame_text = normalised_span(fc.line, fc.tokens[f0].start, fc.tokens[f1 - 1].end) if f0 < f1 else ""
    found = dates.resolve(frame_text, st.meta.published)
    said_on, date_rule = found if found else (None, "none")
    if found is None and dates.EARLIER.search(frame_text):
        st.earlier.add(toks[k].start)
    occasion = find_occasion(frame_text, "csto" in st.mentioned)
    others = (
        tuple(sorted({m.key for j, m in fc.mentions.items() if f0 <= j < f1 and m.key != speaker.key}))
        if occasion
        else ()
    )
    topic, act, own_topic = topic_and_act(normalised_span(line, start, stop), frame_text, act)
    if not own_topic:
        st.untopical.add(start)
    st.add(
        ExtractedStatement(
            speaker_key=speaker.key,
            speaker_name=speaker.name,
            content=content,
            start=start,
            end=stop,
            quote=quote,
            said_on=said_on,
            date_rule=date_rule,
            topic=topic,
            act=act,
            cue=st.text[cue_tok.start : cue_tok.end],
            confidence=confidence(speaker.rule, quote),
            speaker_rule=speaker.rule,
            line_kind=line.kind,
            occasion=occasion,
            occasion_with=others,
            words_rule=words_rule or _words_rule(toks, k, colon and not comp, comp),
        )
    )
    return max(end, end_index or 0)


def _words_rule(toks: list[Token], k: int, colon: bool, complementizer: bool) -> str:
    """Where words that follow their cue begin: a colon, a complementizer, a quotation, a word."""
    if colon:
        return "after_colon"
    if complementizer:
        return "after_complementizer"
    return "quotation" if toks[k].in_quote else "after_cue"
