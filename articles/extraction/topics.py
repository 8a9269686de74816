"""The topic (protests, csto, both) and the CAMEO act of a statement, from its normalised words."""

from __future__ import annotations

from articles.extraction.lexicon import ACT_PRECEDENCE, ACT_WORDS, CSTO_WORDS, PROTEST_WORDS
from articles.extraction.phrases import PhraseSet

# One automaton for every topic and act word: a statement's words are scanned once.
LEXICON = PhraseSet([*CSTO_WORDS, *PROTEST_WORDS, *(w for words in ACT_WORDS.values() for w in words)])
_CSTO = frozenset(CSTO_WORDS)
_PROTESTS = frozenset(PROTEST_WORDS)
# Each word's acts, as often as the act lists it: a word listed twice scores twice.
_ACTS_OF: dict[str, list[str]] = {}
for _act, _words in ACT_WORDS.items():
    for _word in _words:
        _ACTS_OF.setdefault(_word, []).append(_act)
_RANK = {act: i for i, act in enumerate(ACT_PRECEDENCE)}


def topic_of(norm: str, found: set[str] | None = None) -> str:
    """ "protests", "csto", "both" or "" for normalised text; `found` is `LEXICON.present(norm)`."""
    if found is None:
        found = LEXICON.present(norm)
    csto = not _CSTO.isdisjoint(found)
    protests = not _PROTESTS.isdisjoint(found)
    if (
        csto
        and protests
        and sum(norm.count(w) for w in found & _PROTESTS) > 2 * sum(norm.count(w) for w in found & _CSTO)
    ):
        return "both"
    if csto:
        return "csto"
    return "protests" if protests else ""


def act_of(cue_act: str, found: set[str]) -> str:
    """The act whose words occur most, the cue verb's act counting 1.5; ties go by precedence."""
    scores: dict[str, float] = {}
    # «الإرهابيين» holds «الإرهاب» and «إرهابي»: one word of the text counts once, by its longest stem.
    found = {w for w in found if not any(w != other and w in other for other in found)}
    for word in found:
        for act in _ACTS_OF.get(word, ()):
            scores[act] = scores.get(act, 0) + 1
    if cue_act != "statement":
        scores[cue_act] = scores.get(cue_act, 0) + 1.5
    best = max(ACT_PRECEDENCE, key=lambda act: (scores.get(act, 0), -_RANK[act]))
    return best if scores.get(best, 0) > 0 else "statement"
