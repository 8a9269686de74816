"""Which of many phrases occur in a text, found in one pass (an Aho-Corasick automaton).

Topic and act words are stems matched inside longer words («احتجاج» in «الاحتجاجات»), so this is
substring matching over normalised text; the automaton finds every occurrence of every phrase at
once instead of one scan per phrase (or per regular-expression alternative).
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


class PhraseSet:
    """Built once from the phrases; `present` answers which of them occur in a text."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for phrase in set(phrases):
            if phrase:
                self._automaton.add_word(phrase, phrase)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def present(self, text: str) -> set[str]:
        if self._empty or not text:
            return set()
        return {phrase for _, phrase in self._automaton.iter(text)}
