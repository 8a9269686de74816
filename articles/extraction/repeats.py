"""A claim an article repeats: the same speaker's same words, given twice (a paraphrase, then the
quotation; the lede, then the body). Both are the article's words and both are kept, the later one
marked as repeating the first, so the product groups them as one claim with its first report.

"The same words" is the measure that groups one claim's reports across outlets: token F1 of the
normalised words at least `SAME_WORDS`. Two statements said on different days are not one claim.
"""

from __future__ import annotations

from collections import Counter

from articles.extraction.normalize import SAME_WORDS, bag_f1, normalize, word_bag
from articles.extraction.statement import ExtractedStatement

# A speaker's first reports an article's statement is compared with: the latest ones. Bounds the
# work on a huge article of one speaker's statements, so extraction stays linear in its length.
_RECENT = 20


def mark_repeats(statements: list[ExtractedStatement]) -> None:
    """Set `repeats` on each statement (in article order) that repeats an earlier one's claim: the
    start of the earlier one, itself a first report."""
    earlier: dict[tuple[str | None, str], list[tuple[ExtractedStatement, Counter[str], int]]] = {}
    for s in statements:
        speaker = (s.speaker_key, s.speaker_name if s.speaker_key is None else "")
        bag = word_bag(normalize(s.content))
        size = bag.total()
        best, best_f1 = None, SAME_WORDS
        roots = earlier.setdefault(speaker, [])
        for first, their_bag, their_size in roots:
            if s.said_on and first.said_on and s.said_on != first.said_on:
                continue
            f1 = bag_f1(bag, size, their_bag, their_size, at_least=best_f1)
            if f1 >= best_f1:
                best, best_f1 = first, f1
        if best is not None:
            s.repeats = best.start
            continue
        roots.append((s, bag, size))
        if len(roots) > _RECENT:
            del roots[0]
