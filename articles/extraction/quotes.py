"""Quotation spans in a stretch of text."""

from __future__ import annotations

import re

OPENERS = {"«": "»", "“": "”", "„": "“", "‹": "›"}
SYMMETRIC = {'"', "″"}
_MARKS = re.compile("[" + re.escape("".join(set(OPENERS) | set(OPENERS.values()) | SYMMETRIC)) + "]")


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (start, end) of balanced quotations in text[start:end], marks included.

    Unbalanced marks are ignored, so a stray quotation mark never swallows the rest of a line.
    Linear in the length of the text.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    open_symmetric: dict[str, int] = {}
    for found in _MARKS.finditer(text, start, end):
        i, ch = found.start(), found.group()
        if ch in OPENERS:
            stack.append((OPENERS[ch], i))
        elif stack and ch == stack[-1][0]:
            _, s = stack.pop()
            if not stack:
                spans.append((s, i + 1))
        elif ch in SYMMETRIC:
            if ch in open_symmetric:
                s = open_symmetric.pop(ch)
                if not stack:
                    spans.append((s, i + 1))
            else:
                open_symmetric[ch] = i
    spans.sort()
    # Nested spans (a quotation inside a guillemet quotation) add nothing: keep the outer ones.
    outer: list[tuple[int, int]] = []
    for s, e in spans:
        if outer and s < outer[-1][1]:
            continue
        outer.append((s, e))
    return outer
