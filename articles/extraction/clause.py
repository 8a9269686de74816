"""The small records the stages pass each other: a clause being read, and a speaker found in it."""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.extraction.aliases import Mention
from articles.extraction.segment import Line, Token


@dataclass(slots=True)
class Clause:
    """One sentence of a line as the rules read it: tokens [start, end) of the line's tokens.

    `mentions` are the line's catalogue mentions keyed by their first token (`mention_ends` by the
    token after their last), so a rule may look past the sentence's edges on the same line.
    `frame` is where the words framing the next statement begin (the speaker, the cue, the
    adverbials: where its day and occasion are read); `consumed` is the first token no statement
    of this sentence has taken yet. Both move on as the sentence's statements are found.
    """

    line: Line
    tokens: list[Token]
    mentions: dict[int, Mention]
    mention_ends: dict[int, Mention]
    start: int
    end: int
    frame: int = field(init=False)
    consumed: int = field(init=False)

    def __post_init__(self) -> None:
        self.frame = self.consumed = self.start


@dataclass(slots=True)
class Speaker:
    """Who says the words: a catalogue key (None for a provisional actor), the name given, the rule
    that chose it, the token index after the words that name it and, where a rule needs it, the
    index of their first token (a subject before its cue: «"...," Kremlin spokesman Peskov said»)."""

    key: str | None
    name: str
    rule: str
    end: int
    start: int = -1
