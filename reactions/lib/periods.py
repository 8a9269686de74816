"""Group days into weeks or months, for the date facet and the timeline."""

from __future__ import annotations

from datetime import date, timedelta

GROUPS = ("day", "week", "month")


def period_start(day: date, group: str) -> date:
    """The first day of the period holding `day`: the day itself, its Monday, or the 1st."""
    if group == "week":
        return day - timedelta(days=day.weekday())
    if group == "month":
        return day.replace(day=1)
    return day


def period_end(start: date, group: str) -> date:
    """The last day of the period that begins on `start`, the calendar's last day at most (the week
    of Monday 27 December 9999 ends on Friday 31 December)."""
    if group == "week":
        return start + timedelta(days=min(6, (date.max - start).days))
    if group == "month":
        if (start.year, start.month) == (date.max.year, date.max.month):
            return date.max
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    return start


def period_label(start: date, group: str) -> str:
    if group == "week":
        return f"week of {start:%-d %b %Y}"
    if group == "month":
        return f"{start:%B %Y}"
    return f"{start:%-d %b %Y}"


def next_period(start: date, group: str) -> date:
    return period_end(start, group) + timedelta(days=1)


def span(first: date, last: date, group: str, limit: int = 2000) -> list[date]:
    """Every period from the one holding `first` to the one holding `last`, so a chart shows the
    quiet days too; at most `limit` periods (a wider span keeps only the periods given)."""
    out, current = [], period_start(first, group)
    while current <= last and len(out) < limit:
        out.append(current)
        if period_end(current, group) == date.max:
            break
        current = next_period(current, group)
    return out
