"""The only writers of Article and Statement: store an article with its statements, re-extract one.

Each article is stored with its statements in one transaction, so a worker that dies halfway
leaves the whole article or nothing.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import Q

from articles.extraction.catalogue import Catalogue
from articles.extraction.language import not_read
from articles.extraction.normalize import SAME_CLAIM, bag_f1, claim_bag, normalize
from articles.extraction.occasions import OCCASION_LABELS
from articles.extraction.pipeline import (
    PIPELINE_VERSION,
    ArticleMeta,
    ExtractedStatement,
    extract,
    matcher_for,
)
from articles.models import Article, Source
from articles.reading import ManifestEntry
from reactions import developments
from reactions.catalogue.loader import load as load_catalogue_file
from reactions.catalogue.store import catalogue_from_db, catalogue_version, provisional_actor
from reactions.data_version import statements_changed
from reactions.models import Actor, Event, Statement, matched_columns

log = logging.getLogger(__name__)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class StoreResult:
    article_id: int
    created: bool
    statements: int


def text_hash(text: str) -> str:
    """sha256 of the text as matching sees it: other spacing or harakat make no new article."""
    return hashlib.sha256(_SPACE.sub(" ", normalize(text)).strip().encode("utf-8")).hexdigest()


_CATALOGUE_TTL = 300.0  # seconds: picks up renames, which the version below does not see
_CATALOGUE_RECHECK = 1.0
_cached: tuple[tuple, float, Catalogue] | None = None
_checked_at = 0.0


def current_catalogue() -> Catalogue:
    """The catalogue in the database; the catalogue file when the database has none loaded yet.

    Built once per process and reused while the actors and aliases are unchanged: building it (and
    the alias automaton the pipeline keeps per catalogue) costs far more than extracting an article.
    """
    global _cached, _checked_at
    now = time.monotonic()
    # Within a second of the last check the catalogue is taken as unchanged: a worker storing many
    # articles a second asks the database once, not once per article.
    if _cached is not None and now - _checked_at < _CATALOGUE_RECHECK:
        return _cached[2]
    version = catalogue_version()
    _checked_at = now
    if _cached is not None and _cached[0] == version and now - _cached[1] < _CATALOGUE_TTL:
        return _cached[2]
    catalogue = catalogue_from_db()
    if not len(catalogue):
        log.warning("no actors in the database: using the catalogue file (run manage.py load_catalogue)")
        catalogue = Catalogue.of(load_catalogue_file())
    if _cached is not None and catalogue == _cached[2]:
        catalogue = _cached[2]  # read again and unchanged: the same object keeps its alias automaton
    _cached = (version, now, catalogue)
    return catalogue


def warm_catalogue() -> None:
    """Read the catalogue and build its alias automaton now, not at a reader's first actor page.

    gunicorn.conf.py calls it in gunicorn's master before the workers fork (`preload_app`), so every
    worker starts with both built instead of building them on its first actor page. The master's
    connections are closed, so no worker inherits one."""
    try:
        matcher_for(current_catalogue())
    except DatabaseError as exc:  # the database away at start: read on first use instead
        log.warning("the catalogue could not be read at start (%s): it is read on first use", exc)
    finally:
        connections.close_all()


def extract_article(
    text: str, meta: ArticleMeta, catalogue: Catalogue | None = None
) -> list[ExtractedStatement]:
    """What `manage.py extract` prints and what store() saves: one function, so the two never differ."""
    return extract(text, meta, catalogue or current_catalogue())


def store(text: str, entry: ManifestEntry, catalogue: Catalogue | None = None) -> StoreResult:
    """Store one article and its statements, or report the copy already stored."""
    digest = text_hash(text)
    existing = _existing(digest, entry.url)
    if existing:
        return StoreResult(existing.pk, False, 0)
    entry = entry.for_text(text).fitted()
    # An article in a language the pipeline does not read is kept and said so, never guessed at.
    skipped = not_read(entry.language)
    statements = [] if skipped else extract_article(text, entry.meta(), catalogue)
    try:
        with transaction.atomic():
            source = _source(entry)
            article = Article.objects.create(
                source=source,
                url=entry.url,
                file_name=entry.file,
                title=entry.title or _first_line(text),
                published=entry.published,
                language=entry.language,
                text=text,
                text_sha256=digest,
                status=Article.SKIPPED if skipped else Article.EXTRACTED,
                error=skipped or "",
                pipeline_version=PIPELINE_VERSION,
            )
            count = _save_statements(article, statements)
            statements_changed()
    except IntegrityError:
        # Another worker stored the same article between our check and our insert.
        existing = _existing(digest, entry.url)
        if existing is None:
            raise
        return StoreResult(existing.pk, False, 0)
    return StoreResult(article.pk, True, count)


@transaction.atomic
def reextract(article: Article, catalogue: Catalogue | None = None) -> int:
    """Replace the article's machine-made statements with a fresh extraction; keep human corrections.

    A new statement whose span overlaps a corrected one (or a rejected one) is dropped: the
    analyst's version stands.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not_read(article.language):
        return 0  # stored, not extracted: nothing to do again
    # A rejected statement is a corrected one: its span stays taken, so the words are never made
    # into a statement again.
    mine = Statement.all_objects.filter(article=article)
    mine.machine_made().delete()
    kept = list(mine.values_list("start", "end"))
    meta = ArticleMeta(
        file=article.file_name,
        title=article.title,
        published=article.published,
        language=article.language,
        source=article.source.name,
    )
    fresh = [
        s
        for s in extract_article(article.text, meta, catalogue)
        if not any(s.start < end and start < s.end for start, end in kept)
    ]
    count = _save_statements(article, fresh)
    statements_changed()
    article.pipeline_version = PIPELINE_VERSION
    article.status = Article.EXTRACTED
    article.save(update_fields=["pipeline_version", "status"])
    return count


def _existing(digest: str, url: str | None) -> Article | None:
    found = Article.objects.filter(text_sha256=digest).first()
    if found is None and url:
        found = Article.objects.filter(url=url).first()
    return found


def _source(entry: ManifestEntry) -> Source:
    name = entry.source or "Unknown outlet"
    source, _ = Source.objects.get_or_create(
        name=name, defaults={"name_original": entry.source_original, "language": entry.language}
    )
    return source


def within_limits(statements: list[ExtractedStatement]) -> tuple[list[ExtractedStatement], str]:
    """The statements an article keeps, and what was left out, in words ("" when nothing was).

    A real article holds dozens of statements by a few speakers the catalogue lacks; a generated or
    broken one may hold tens of thousands (one 5 MB article gave 25,000 statements and 20,000
    provisional speakers), which would make its page unreadable and the review queue useless. The
    first ARTICLE_MAX_STATEMENTS are kept, of them those by the first ARTICLE_MAX_NEW_SPEAKERS
    speakers the catalogue lacks.
    """
    kept, unknown, dropped_speakers = [], set(), 0
    for s in statements[: settings.ARTICLE_MAX_STATEMENTS]:
        if s.speaker_key is None and s.speaker_name not in unknown:
            if len(unknown) >= settings.ARTICLE_MAX_NEW_SPEAKERS:
                dropped_speakers += 1
                continue
            unknown.add(s.speaker_name)
        kept.append(s)
    notes = []
    if len(statements) > settings.ARTICLE_MAX_STATEMENTS:
        notes.append(
            f"{len(statements) - settings.ARTICLE_MAX_STATEMENTS:,} statements past the first "
            f"{settings.ARTICLE_MAX_STATEMENTS:,} not stored"
        )
    if dropped_speakers:
        notes.append(
            f"{dropped_speakers:,} statements by speakers the catalogue lacks past the first "
            f"{settings.ARTICLE_MAX_NEW_SPEAKERS} such speakers not stored"
        )
    return kept, "; ".join(notes)


def _save_statements(article: Article, statements: list[ExtractedStatement]) -> int:
    statements, left_out = within_limits(statements)
    if left_out or (article.error and article.status == Article.EXTRACTED):  # re-extraction may clear it
        article.error = left_out
        Article.objects.filter(pk=article.pk).update(error=left_out)
    keys = {s.speaker_key for s in statements if s.speaker_key} | {
        k for s in statements for k in s.occasion_with
    }
    actors = {a.slug: a for a in Actor.objects.filter(slug__in=keys)}
    rows = []
    for s in statements:
        speaker = actors.get(s.speaker_key) if s.speaker_key else None
        if speaker is None:
            # Not in the catalogue (or missing from this database): a provisional actor for review.
            speaker = provisional_actor(s.speaker_name if not s.speaker_key else s.speaker_key)
        rows.append(
            Statement(
                article=article,
                speaker=speaker,
                content=s.content,
                **matched_columns(s.content),
                start=s.start,
                end=s.end,
                quote=s.quote,
                said_on=s.said_on,
                date_rule=s.date_rule,
                topic=s.topic,
                act=s.act,
                cue=s.cue[:100],
                speaker_rule=s.speaker_rule[:40],
                words_rule=s.words_rule[:24],
                confidence=s.confidence,
                speaker_country=speaker.country,
                speaker_kind=speaker.kind,
                source_id=article.source_id,
                language=article.language,
            )
        )
    link_reports(article, rows)
    Statement.objects.bulk_create(rows)
    _group_repeats(rows, statements)
    _link_occasions(rows, statements, actors)
    developments.link_new(rows)
    return len(rows)


def _group_repeats(rows: list[Statement], extracted: list[ExtractedStatement]) -> None:
    """A claim the article repeats joins its first report's group (extraction/repeats.py): the
    statement page shows them together and the outlets that carried it are counted once.

    Groups stay one level deep: a repeat points at its first report's root, and a first report
    the article's repeat found in another outlet joins that outlet's group.
    """
    by_start = {s.start: row for row, s in zip(rows, extracted, strict=True)}
    changed: dict[int, Statement] = {}
    for row, s in zip(rows, extracted, strict=True):
        first = by_start.get(s.repeats) if s.repeats is not None else None
        if first is None:
            continue
        root = first.first_report_id or row.first_report_id or first.pk
        if root != first.pk and first.first_report_id is None:
            first.first_report_id = root
            changed[first.pk] = first
        row.first_report_id = root
        changed[row.pk] = row
    Statement.objects.bulk_update(list(changed.values()), ["first_report"])


def _link_occasions(
    rows: list[Statement], extracted: list[ExtractedStatement], actors: dict[str, Actor]
) -> None:
    """Link statements to the occasion they were made at, creating its Event once and reusing it."""
    links = []
    events: dict[tuple, Event] = {}
    participants: dict[int, set[int]] = {}
    for row, s in zip(rows, extracted, strict=True):
        if not s.occasion or row.said_on is None:
            continue
        people = tuple(sorted({row.speaker_id} | {a.pk for k in s.occasion_with if (a := actors.get(k))}))
        key = (s.occasion, row.said_on, people if s.occasion == "phone_call" else ())
        if key not in events:
            events[key] = _occasion_event(s.occasion, row.said_on, people, by_participants=bool(key[2]))
        event = events[key]
        participants.setdefault(event.pk, set()).update(people)
        links.append(Event.statements.through(event_id=event.pk, statement_id=row.pk))
    # Once per event, not once per statement: an article quotes the same session many times.
    Event.participants.through.objects.bulk_create(
        [
            Event.participants.through(event_id=e, actor_id=a)
            for e, people in participants.items()
            for a in people
        ],
        ignore_conflicts=True,
    )
    Event.statements.through.objects.bulk_create(links, ignore_conflicts=True)


def occasion_slug(kind: str, day, participants: list[str]) -> str:
    """An occasion's address: its kind, day and participants' slugs («phone-call-2022-01-06-
    kassym-jomart-tokayev-vladimir-putin»), the same in every database; past the column's length,
    cut, with a digest of the whole so two long ones stay apart."""
    slug = f"{kind.replace('_', '-')}-{day:%Y-%m-%d}-" + "-".join(participants)
    if len(slug) <= SLUG_LENGTH:
        return slug
    return f"{slug[: SLUG_LENGTH - 9]}-{hashlib.sha256(slug.encode()).hexdigest()[:8]}"


SLUG_LENGTH = 160  # Event.slug's max_length


def _occasion_event(kind: str, day, people: tuple[int, ...], by_participants: bool) -> Event:
    """The event of this type on this day (with these participants, for a call), made once."""
    candidates = Event.objects.filter(start=day, occasion_type=kind)
    if by_participants:  # one query for every candidate's participants, not one a candidate
        candidates = candidates.prefetch_related("participants")
    for event in candidates:
        if not by_participants or set(people) <= {a.pk for a in event.participants.all()}:
            return event
    who = Actor.objects.filter(pk__in=people).order_by("name")
    names = ", ".join(who.values_list("name", flat=True))
    event, _ = Event.objects.get_or_create(
        slug=occasion_slug(kind, day, sorted(who.values_list("slug", flat=True))),
        defaults={
            "name": f"{OCCASION_LABELS[kind]}: {names}"[:300],
            "kind": Event.OCCASION,
            "start": day,
            "occasion_type": kind,
        },
    )
    return event


def link_reports(article: Article, rows: list[Statement]) -> None:
    """Point each statement at the first report of the same claim by another article, if any: the same
    speaker, said the same day or the day before or after (outlets date one remark a day apart), and
    claim words (normalize.claim_bag) with a token F1 of at least SAME_CLAIM."""
    days = {(r.speaker_id, r.said_on) for r in rows if r.said_on}
    if not days:
        return
    query = Q()
    for speaker_id, said_on in days:
        query |= Q(speaker_id=speaker_id, said_on__range=(said_on - ONE_DAY, said_on + ONE_DAY))
    # Compare with first reports only: one per distinct statement of that speaker that day, however
    # many outlets repeated it since.
    earlier: dict[int, list[tuple[int, date, Counter[str], int]]] = {}
    roots = Statement.objects.filter(query, first_report__isnull=True).exclude(article=article)
    # The stored normalised words, each earlier report's counted once for all of this article's.
    for pk, speaker_id, said_on, norm in roots.values_list("pk", "speaker_id", "said_on", "normalised"):
        bag = claim_bag(norm)
        earlier.setdefault(speaker_id, []).append((pk, said_on, bag, bag.total()))
    for row in rows:
        if row.said_on is None:
            continue
        mine = claim_bag(row.normalised)
        size = mine.total()
        best, best_f1 = None, SAME_CLAIM
        for pk, said_on, theirs, their_size in earlier.get(row.speaker_id, []):
            if abs(said_on - row.said_on) > ONE_DAY:
                continue
            f1 = bag_f1(mine, size, theirs, their_size, at_least=best_f1)
            if f1 >= best_f1:
                best, best_f1 = pk, f1
        row.first_report_id = best


ONE_DAY = timedelta(days=1)


def _first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:1000]
