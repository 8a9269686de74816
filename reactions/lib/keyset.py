"""Keyset ("seek") positions for lists ordered newest first: said_on DESC NULLS LAST, id DESC.

A page ends at its last row; the next page starts after it. The position is written into the URL
as `after=2022-01-10.4711` (a day and an id) or `after=none.4711` (a statement with no day), so a
deep page costs what the first page costs (no OFFSET) and a link stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reactions.lib.ids import as_id


class BadPosition(ValueError):
    """The `after` value is not one this app writes."""


@dataclass(frozen=True)
class Position:
    said_on: date | None
    id: int

    def encode(self) -> str:
        return f"{self.said_on.isoformat() if self.said_on else 'none'}.{self.id}"


def decode(value: str) -> Position:
    day, dot, ident = value.partition(".")
    pk = as_id(ident)
    if not dot or pk is None:
        raise BadPosition("`after` must look like 2022-01-10.123 or none.123")
    if day == "none":
        return Position(None, pk)
    try:
        return Position(date.fromisoformat(day), pk)
    except ValueError:
        raise BadPosition(f"`after` has a day that is not a date: {day[:20]!r}") from None
