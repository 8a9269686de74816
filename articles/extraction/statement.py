"""What extraction reads and what it gives: an article's metadata in, attributed statements out."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date


@dataclass(frozen=True)
class ArticleMeta:
    file: str = ""
    title: str = ""
    published: date | None = None
    language: str = "ar"
    source: str = ""


@dataclass
class ExtractedStatement:
    speaker_key: str | None  # None: a speaker the catalogue lacks (a provisional actor)
    speaker_name: str  # canonical English name, or the Arabic words naming a provisional speaker
    content: str  # exactly text[start:end]
    start: int
    end: int
    quote: str
    said_on: date | None
    date_rule: str
    topic: str
    act: str
    cue: str
    confidence: float
    speaker_rule: str
    line_kind: str = "body"
    occasion: str = ""  # csto_session, phone_call, press_briefing, interview, speech
    occasion_with: tuple[str, ...] = ()  # catalogue keys of the others at the occasion
    # Where the words were cut (WORDS_RULES): with `speaker_rule` and `date_rule`, how it was read.
    words_rule: str = ""
    # The start of the earlier statement of this article whose claim this one repeats (repeats.py).
    repeats: int | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["said_on"] = self.said_on.isoformat() if self.said_on else None
        data["occasion_with"] = list(self.occasion_with)
        return data
