"""Cut an article's text into plain runs and highlighted spans, for the article and statement pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


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
