"""The days Reactions accepts for a statement said or an article published.

A day at the calendar's ends (9999-12-31, typed in a PATCH or read as "today" in an article
dated so) breaks every week and month view and is never what anyone meant; it is refused where it
comes in: the admin and the API (the model fields' validator), manifests, the ingest API, and a
page's metadata (ignored there, as an unreadable date is).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)


def outside(day: date | None) -> str | None:
    """Why `day` is refused, or None when it is accepted (None itself is: no day)."""
    if day is None or FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"{day.isoformat()} is outside the days accepted ({FIRST_DAY:%Y-%m-%d} to {LAST_DAY:%Y-%m-%d})"


def accepted_day(day: date | None) -> None:
    """A model field validator: the admin and the API refuse a day `outside` the range."""
    if (reason := outside(day)) is not None:
        raise ValidationError(reason, code="day_out_of_range")
