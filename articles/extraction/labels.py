"""The labels of a statement: its quote type, topic, act and confidence."""

from __future__ import annotations

from articles.extraction.segment import Token
from articles.extraction.state import ArticleState
from articles.extraction.topics import LEXICON, act_of, topic_of


def quote_type(toks: list[Token], k: int, end: int, colon: bool) -> str:
    """direct: the words are one quotation (or follow a colon); mixed: a quoted fragment in reported
    speech; indirect otherwise."""
    quoted = [t for t in toks[k:end] if t.is_word and t.in_quote]
    words = [t for t in toks[k:end] if t.is_word]
    if not quoted:
        return "direct" if colon else "indirect"
    if len(quoted) == len(words) or (colon and len(quoted) >= 0.9 * len(words)):
        return "direct"
    return "mixed"


def topic_and_act(words: str, frame: str, cue_act: str) -> tuple[str, str, bool]:
    """The topic (from the words, else the words framing them, else `other`), the act (the cue's,
    weighed with the act words of the statement) and whether the words alone named a topic.
    Both texts are normalised."""
    found = LEXICON.present(words)
    own = topic_of(words, found)
    return own or topic_of(frame) or "other", act_of(cue_act, found), bool(own)


def carry_topics(st: ArticleState) -> None:
    """Words that name no topic («تم إرسالهم لفترة محدودة») continue the topic of the same speaker's
    words just before them."""
    prev = None
    for s in st.statements:
        if s.line_kind == "title":
            continue
        if s.start in st.untopical and prev is not None and prev.speaker_key == s.speaker_key:
            s.topic = prev.topic
        prev = s


# How far each speaker rule is trusted: a statement's confidence (the codebook page lists them).
RULE_CONFIDENCE = {
    "vso": 0.9,
    "svo": 0.85,
    "transmitted": 0.85,
    "headline": 0.7,
    "according_to": 0.75,
    "continuation": 0.8,
    "pronoun": 0.7,
    "bare_institution": 0.6,
    "short_form": 0.7,
    "provisional": 0.5,
    "title": 0.7,
    "name": 0.75,
    "quotation": 0.75,
    "post": 0.95,
}


OTHER_RULE_CONFIDENCE = 0.6
DIRECT_BONUS = 0.05  # quoted words are less often cut or attributed wrong


def confidence(rule: str, quote: str) -> float:
    """How far the speaker rule is trusted, a little more for quoted words."""
    base = RULE_CONFIDENCE.get(rule.split(":")[0], OTHER_RULE_CONFIDENCE)
    return round(min(1.0, base + (DIRECT_BONUS if quote == "direct" else 0.0)), 2)
