"""Cut an article's text into plain runs and highlighted spans, for the article and statement pages."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from articles.extraction.normalize import normalize_with_map


@dataclass(frozen=True)
class Segment:
    text: str
    mark: Any = None  # what the span is (a statement), or None for plain text


def segments(text: str, spans: Iterable[tuple[int, int, Any]]) -> list[Segment]:
    """Plain and marked runs that join back into `text`.

    Spans are (start, end, mark). One that overlaps a span already placed (an extraction that
    nested a report inside another) or falls outside the text is left unmarked, never duplicated.
    """
    out: list[Segment] = []
    cursor = 0
    for start, end, mark in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < cursor or end > len(text) or start >= end:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], mark))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def context(text: str, start: int, end: int, around: int = 400) -> tuple[str, str, str]:
    """The words before a span, the span, and the words after it, cut at line breaks or `around`
    characters, so a statement is shown in its paragraph."""
    before_start = max(text.rfind("\n", 0, start) + 1, start - around)
    line_end = text.find("\n", end)
    after_end = min(len(text) if line_end < 0 else line_end, end + around)
    return text[before_start:start], text[start:end], text[end:after_end]


def matches(text: str, patterns: Iterable[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where in `text` a search's patterns occur, as (start, end) offsets of whole words.

    A pattern is a run of normalised parts that must occur in this order; each part found marks the
    word it is in («protest» marks «protesters», «توكاييف» marks «لتوكاييف»)."""
    norm, index = normalize_with_map(text)
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        if not _in_order(norm, pattern):
            continue
        for part in dict.fromkeys(pattern):
            at = norm.find(part)
            while at >= 0:
                spans.append(_whole_word(text, index[at], index[at + len(part) - 1] + 1))
                at = norm.find(part, at + len(part))
    return sorted(set(spans))


def _in_order(norm: str, parts: tuple[str, ...]) -> bool:
    cursor = 0
    for part in parts:
        at = norm.find(part, cursor) if part else -1
        if at < 0:
            return False
        cursor = at + len(part)
    return True


def _whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and (text[end].isalnum() or unicodedata.category(text[end]) == "Mn"):
        end += 1
    return start, end
