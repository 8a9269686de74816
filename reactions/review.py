"""The review queue: the statements most likely wrong first, one at a time, for an analyst to
confirm, correct or reject (reactions/pages/review.py); and the accuracy those verdicts measure.

The order (written down on the queue's page too):
1. statements readers reported as wrong (an open Flag), the earliest reported first;
2. statements whose speaker extraction made up (a provisional actor);
3. then the least confident first; among equals, those with no day said first; then the oldest
   stored.
A statement leaves the queue once reviewed, or once an analyst corrected it elsewhere, and comes
back when a reader reports it again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from reactions.lib.days import outside
from reactions.models import Flag, Review, Statement

# How far before its article's publication a corrected day may be: a report may recall words said
# earlier, but not a year earlier in this crisis.
EARLIEST_BEFORE_PUBLISHED = timedelta(days=365)


def queue(skipped: Iterable[int] = ()) -> QuerySet:
    """The statements waiting for review, in the order of this module's docstring. Every verdict
    marks a statement corrected (services.review), so "not corrected" is "not reviewed"."""
    open_flags = Flag.objects.filter(statement=OuterRef("pk"), handled=False)
    return (
        _waiting(Statement.objects.annotate(flagged=Exists(open_flags), reported_at=_first_report()), skipped)
        .filter(Q(flagged=True) | Q(corrected_by_human=False))
        .order_by(
            F("flagged").desc(),
            F("reported_at").asc(nulls_last=True),
            F("speaker__provisional").desc(),
            *_DOUBT,
        )
    )


def next_in_queue(skipped: Iterable[int] = ()) -> Statement | None:
    """The first of `queue()`, found the way its order is made: the reported ones (few), then the
    provisional speakers' (few), then the least confident down statement_doubt_idx (migration 0023)
    rather than by sorting every statement waiting."""
    skipped = list(skipped)
    open_flags = Flag.objects.filter(statement=OuterRef("pk"), handled=False)
    reported = _waiting(Statement.objects.filter(Exists(open_flags)), skipped)
    found = reported.annotate(reported_at=_first_report()).order_by("reported_at", "id").first()
    if found is None:
        waiting = _waiting(Statement.objects.filter(corrected_by_human=False), skipped)
        found = waiting.filter(speaker__provisional=True).order_by(*_DOUBT).first()
        found = found or waiting.order_by(*_DOUBT).first()
    return found


# The least confident first; among equals, those with no day said first; then the oldest stored.
_DOUBT = ("confidence", F("said_on").asc(nulls_first=True), "id")


def _first_report():
    """The time of a statement's earliest open report (a subquery on Flag)."""
    reports = Flag.objects.filter(statement=OuterRef("pk"), handled=False).values("statement")
    return reports.annotate(first=Min("at")).values("first")[:1]


def _waiting(statements: QuerySet, skipped: Iterable[int]) -> QuerySet:
    return statements.exclude(pk__in=list(skipped)).select_related("speaker", "article__source")


def why_queued(statement: Statement, reported: bool) -> list[str]:
    """What put the statement ahead in the queue (`reported`: readers' reports of it are open), in
    words (nothing: only its confidence did)."""
    reasons = []
    if reported:
        reasons.append("a reader reported it")
    if statement.speaker.provisional:
        reasons.append("its speaker was made up by extraction (provisional)")
    if statement.said_on is None:
        reasons.append("no day said was found")
    return reasons


# The queue's length is counted up to this, then said as "more than": at 1,000,000 statements
# waiting, counting them all took 0.9 s a page.
COUNTED_UP_TO = 10_000


@dataclass
class Progress:
    mine_today: int
    everyone_today: int
    left: int  # COUNTED_UP_TO + 1 for more than COUNTED_UP_TO

    @property
    def many_left(self) -> bool:
        return self.left > COUNTED_UP_TO


def progress(user, skipped: Iterable[int] = ()) -> Progress:
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    today = Review.objects.filter(at__gte=midnight)
    return Progress(
        mine_today=today.filter(user=user).count(),
        everyone_today=today.count(),
        left=queue(skipped).order_by()[: COUNTED_UP_TO + 1].count(),
    )


def plausible_days(statement: Statement) -> tuple[date | None, date | None]:
    """The days a correction may say the words were said on: not after the article was published,
    not more than EARLIEST_BEFORE_PUBLISHED before it (no bounds for an article of unknown day
    beyond those of every day: reactions/lib/days.py)."""
    published = statement.article.published
    if published is None:
        return None, None
    return published - EARLIEST_BEFORE_PUBLISHED, published


def implausible_day(statement: Statement, day: date | None) -> str | None:
    """Why a correction cannot say `statement` was said on `day`, or None: the review page and the
    API refuse the same days with the same words."""
    if day is None:
        return None
    if reason := outside(day):
        return reason
    first, last = plausible_days(statement)
    if last and day > last:
        return f"The article was published on {last:%-d %B %Y}: the words cannot have been said after it."
    if first and last and day < first:
        return f"{day:%-d %B %Y} is more than a year before the article was published ({last:%-d %B %Y})."
    return None


# What a review can say was wrong, and the rule of extraction each measures.
PARTS = {"speaker": "speaker_rule", "said_on": "date_rule", "words": "words_rule"}


@dataclass
class Tally:
    reviewed: int = 0
    confirmed: int = 0  # confirmed as extracted: nothing changed
    rejected: int = 0
    right: Counter = field(default_factory=Counter)  # part -> reviews that left it as extracted

    def share(self, part: str | None = None) -> float | None:
        """The share confirmed as extracted (or, for a part, left as extracted), of those reviewed."""
        if not self.reviewed:
            return None
        return (self.right[part] if part else self.confirmed) / self.reviewed

    def shares(self) -> dict[str, float | None]:
        """Each part's share left as extracted (for templates, which cannot pass arguments)."""
        return {part: self.share(part) for part in PARTS}


@dataclass
class Accuracy:
    by_language: dict[str, Tally]
    by_rule: dict[str, dict[str, Tally]]  # part -> its rule -> the reviews of statements it made
    total: Tally


def accuracy(reviews: QuerySet | None = None) -> Accuracy:
    """The product's own measure of extraction on its users' articles: of the statements analysts
    reviewed, the share confirmed as extracted, per language; and per rule, the share whose part it
    decided (the speaker, the day, the words) was left as extracted. A rejected statement counts as
    wrong in every part. Only each statement's first review counts: a second look at one already
    corrected says nothing of extraction."""
    reviews = Review.objects.all() if reviews is None else reviews
    rows = reviews.order_by("at", "id").values(
        "statement", "outcome", "changed", "language", "speaker_rule", "date_rule", "words_rule"
    )
    total, by_language = Tally(), defaultdict(Tally)
    by_rule: dict[str, dict[str, Tally]] = {part: defaultdict(Tally) for part in PARTS}
    seen: set[int] = set()
    for row in rows:
        if row["statement"] is not None:
            if row["statement"] in seen:
                continue
            seen.add(row["statement"])
        tallies = [total, by_language[row["language"]]]
        for tally in tallies:
            _count(tally, row)
        for part, rule_field in PARTS.items():
            rule = (row[rule_field] or "unrecorded").split(":")[0]
            _count(by_rule[part][rule], row)
    return Accuracy(dict(by_language), {p: dict(r) for p, r in by_rule.items()}, total)


def _count(tally: Tally, row: dict) -> None:
    tally.reviewed += 1
    if row["outcome"] == "confirmed":
        tally.confirmed += 1
    if row["outcome"] == "rejected":
        tally.rejected += 1
        return
    for part in PARTS:
        if part not in row["changed"]:
            tally.right[part] += 1
