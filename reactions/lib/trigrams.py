"""Trigram similarity of two words, as PostgreSQL's pg_trgm measures it, for names held in memory."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def trigrams(word: str) -> frozenset[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: str, b: str) -> float:
    """Shared trigrams over all trigrams of either (pg_trgm's `similarity`): 1 for the same word,
    0.5 for توقاييف and توكاييف (one letter of seven apart)."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta or tb else 0.0
