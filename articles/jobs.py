"""Ingest jobs: create one, dispatch its items to Celery, process an item, finish the job.

An item is plain JSON (it travels through the broker):
    {"kind": "text", "label": "a.txt", "text": "...", "entry": {manifest fields}}
    {"kind": "url", "label": "https://...", "url": "https://...", "entry": {...}}
    {"kind": "error", "label": "b.txt", "error": "b.txt: binary file, not text"}
A URL may hold an article page or an RSS/Atom feed; a feed becomes one new item per article link
not stored yet.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, replace
from datetime import date, timedelta

from celery import current_app
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from articles import services, signals
from articles.extraction.pipeline import ExtractionError
from articles.fetch import FetchError, FetchPolicy, feed_links, fetch, is_feed, read_page
from articles.models import Article, IngestItem, IngestJob, QueuedItem
from articles.reading import ManifestEntry, ReadError, decode_article

log = logging.getLogger(__name__)
# The most items a job holds, its feeds' articles included: a job is something a person follows.
MAX_ITEMS = 500
# Errors that pass: the task retries them (articles/tasks.py) rather than record a failure.
TRANSIENT = (OperationalError, InterfaceError, BrokerError)


def text_item(label: str, text: str, entry: ManifestEntry) -> dict:
    return {"kind": "text", "label": label, "text": text, "entry": entry_payload(entry)}


def url_item(url: str, entry: ManifestEntry | None = None) -> dict:
    return {"kind": "url", "label": url, "url": url, "entry": entry_payload(entry or ManifestEntry(file=""))}


def error_item(label: str, error: str) -> dict:
    return {"kind": "error", "label": label, "error": error}


def uploaded_item(upload: UploadedFile, entry: ManifestEntry) -> dict:
    """An uploaded file as an item; one over the size cap is refused by its size, never read (Django
    has streamed it to a temporary file, not to memory)."""
    if upload.size is not None and upload.size > settings.FETCH_MAX_BYTES:
        return error_item(
            upload.name,
            f"{upload.name}: {upload.size:,} bytes, over the {settings.FETCH_MAX_BYTES:,} byte limit",
        )
    return upload_item(upload.name, upload.read(), entry)


def upload_item(name: str, data: bytes, entry: ManifestEntry) -> dict:
    """An uploaded file as an item: its text, or the reason it cannot be read (recorded on the job)."""
    if len(data) > settings.FETCH_MAX_BYTES:
        return error_item(
            name, f"{name}: {len(data):,} bytes, over the {settings.FETCH_MAX_BYTES:,} byte limit"
        )
    try:
        return text_item(name, decode_article(data, name), entry)
    except ReadError as exc:
        return error_item(name, str(exc))


def entry_payload(entry: ManifestEntry) -> dict:
    data = asdict(entry)
    data["published"] = entry.published.isoformat() if entry.published else None
    return data


def entry_from(payload: dict) -> ManifestEntry:
    fields = dict(payload)
    if fields.get("published"):
        fields["published"] = date.fromisoformat(fields["published"])
    return ManifestEntry(**fields)


def fetch_policy() -> FetchPolicy:
    return FetchPolicy(
        timeout=settings.FETCH_TIMEOUT,
        deadline=settings.FETCH_DEADLINE,
        max_bytes=settings.FETCH_MAX_BYTES,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        allowed_hosts=frozenset(settings.FETCH_ALLOWED_HOSTS),
    )


# The task that runs `process` for one item (articles/tasks.py), found by its name in Celery's
# registry: the tasks module wraps this one, so this one does not import it back.
INGEST_ITEM = "articles.tasks.ingest_item"


def _queue(job_id: int, position: int, item: dict) -> None:
    current_app.tasks[INGEST_ITEM].delay(job_id, position, item)


def start(items: list[dict], user=None) -> IngestJob:
    """Create the job and queue its items once the job is committed (a worker must find it)."""
    job = IngestJob.objects.create(created_by=user, inputs=[i["label"] for i in items], total=len(items))
    _keep_copies(job.pk, dict(enumerate(items)))
    if not items:
        _finish(job.pk)

    def dispatch() -> None:
        for position, item in enumerate(items):
            try:
                _queue(job.pk, position, item)
            except BrokerError as exc:
                # The queue is away: the items not queued are recorded as such on the job (which
                # fails if none was queued) and the caller tells the user to try again.
                _not_queued(job.pk, items, position, exc)
                raise

    transaction.on_commit(dispatch)
    return job


def _not_queued(job_id: int, items: list[dict], first: int, exc: Exception) -> None:
    # The broker's error names its address: logged here, not shown on the job.
    log.warning("job %s: items %s to %s not queued: %s", job_id, first + 1, len(items), exc)
    error = "not queued: the task queue is unavailable; submit it again"
    IngestItem.objects.bulk_create(
        [
            IngestItem(
                job_id=job_id,
                position=position,
                label=item["label"][:2000],
                outcome=IngestItem.FAILED,
                error=error,
            )
            for position, item in enumerate(items)
            if position >= first
        ],
        ignore_conflicts=True,
    )
    _finish(job_id)


def process(job_id: int, position: int, item: dict) -> IngestItem:
    """Process one item and record its outcome once; a retry after a crash finds the article stored.

    Fetching happens first, outside any transaction; then the article, its statements, the item's
    outcome and the job's progress are written in one transaction: one commit per article.
    """
    # Started: the sweep for lost messages leaves it to kombu, which redelivers what a worker held.
    QueuedItem.objects.filter(job_id=job_id, position=position, started_at=None).update(
        started_at=timezone.now()
    )
    done = IngestItem.objects.filter(job_id=job_id, position=position).first()
    if done is not None:
        if done.outcome == IngestItem.FEED:
            _dispatch_children(done)  # delivered again: the feed's items that never ran, queued again
        return done
    outcome, article_id, added, error = IngestItem.FAILED, None, 0, ""
    text = entry = None
    try:
        if item["kind"] == "error":
            raise ReadError(item["error"])
        if item["kind"] == "url":
            outcome, article_id, text, entry = _url(job_id, position, item)
        else:
            text, entry = item["text"], entry_from(item["entry"])
    except (ReadError, FetchError) as exc:
        error = str(exc)
    except TRANSIENT:
        raise  # the task retries
    except Exception as exc:  # an address or a page no rule foresaw: the item fails, the job goes on
        log.exception("job %s item %s: could not be read", job_id, position)
        error = f"could not be read: {_reason(exc)}"
    with transaction.atomic():
        if text is not None:
            try:
                with transaction.atomic():  # a savepoint: a failed store leaves the outcome writable
                    result = services.store(text, entry)
                outcome = IngestItem.NEW if result.created else IngestItem.DUPLICATE
                article_id, added = result.article_id, result.statements
            except ExtractionError as exc:
                outcome, error = IngestItem.FAILED, str(exc)
            except TRANSIENT:
                raise
            except Exception as exc:
                log.exception("job %s item %s: could not be stored", job_id, position)
                outcome, error = IngestItem.FAILED, f"could not be stored: {_reason(exc)}"
        recorded, _ = IngestItem.objects.get_or_create(
            job_id=job_id,
            position=position,
            defaults={
                "label": item["label"][:2000],
                "outcome": outcome,
                "article_id": article_id,
                "statements": added,
                "error": error,
            },
        )
        _finish(job_id)
    return recorded


def record_failure(job_id: int, position: int, label: str, exc: BaseException) -> None:
    """An item whose task gave up (retries spent, or an error nothing caught) is recorded as failed,
    so its job still finishes instead of staying "running"."""
    with transaction.atomic():
        IngestItem.objects.get_or_create(
            job_id=job_id,
            position=position,
            defaults={
                "label": label[:2000],
                "outcome": IngestItem.FAILED,
                "error": f"gave up: {_reason(exc)}",
            },
        )
        _finish(job_id)


def _reason(exc: BaseException) -> str:
    """What went wrong, in one line a reader can act on (never a traceback)."""
    message = str(exc).splitlines()[0][:300] if str(exc) else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _url(job_id: int, position: int, item: dict) -> tuple[str, int | None, str | None, ManifestEntry | None]:
    """(outcome, article id, text, entry): the page's text to store, or a duplicate or expanded feed."""
    url = item["url"]
    stored = Article.objects.filter(url=url).first()
    if stored is not None:
        return IngestItem.DUPLICATE, stored.pk, None, None
    fetched = fetch(url, fetch_policy())
    if is_feed(fetched):
        _expand(job_id, position, item["label"], feed_links(fetched))
        return IngestItem.FEED, None, None, None
    page = read_page(fetched.body, fetched.url)
    entry = replace(
        entry_from(item["entry"]),
        file="",
        url=url,
        title=page.title,
        language=page.language,
        published=page.published,
        source=item["entry"].get("source") or page.source,
    )
    return IngestItem.FAILED, None, page.text, entry


def _expand(job_id: int, position: int, label: str, links: list[str]) -> None:
    """Add a feed's new article links to the job as items of their own, once.

    The feed's own item is recorded in the same transaction as the job's new total (and the links
    as the job's inputs), so a feed task delivered again finds the expansion made and only queues
    the items that never ran (`_dispatch_children`).
    """
    stored = set(Article.objects.filter(url__in=links).values_list("url", flat=True))
    fresh = [link for link in links if link not in stored]
    with transaction.atomic():
        job = IngestJob.objects.select_for_update().get(pk=job_id)
        room = max(0, MAX_ITEMS - job.total)
        left_out = len(fresh) - room
        fresh = fresh[:room]
        feed, created = IngestItem.objects.get_or_create(
            job_id=job_id,
            position=position,
            defaults={
                "label": label[:2000],
                "outcome": IngestItem.FEED,
                "children_from": job.total if fresh else None,
                "children": len(fresh),
                # Not a failure: what was left out, so a person can ingest the feed again later.
                "error": f"{left_out:,} of the feed's new article links left out: a job holds at most "
                f"{MAX_ITEMS} items"
                if left_out > 0
                else "",
            },
        )
        if created and fresh:
            IngestJob.objects.filter(pk=job_id).update(
                total=F("total") + len(fresh), inputs=[*job.inputs, *fresh]
            )
            _keep_copies(job_id, {job.total + n: url_item(link) for n, link in enumerate(fresh)})
    if created:
        transaction.on_commit(lambda: _dispatch_children(feed))


def _dispatch_children(feed: IngestItem) -> None:
    """Queue the feed's items not recorded yet; if the queue fails, record those not queued as
    such, so the job still finishes."""
    if not feed.children:
        return
    job = IngestJob.objects.get(pk=feed.job_id)
    positions = range(feed.children_from, feed.children_from + feed.children)
    recorded = set(
        IngestItem.objects.filter(job=job, position__in=positions).values_list("position", flat=True)
    )
    waiting = [p for p in positions if p not in recorded]
    for n, p in enumerate(waiting):
        try:
            _queue(job.pk, p, url_item(job.inputs[p]))
        except BrokerError as exc:
            log.warning("job %s: feed items from %s not queued: %s", job.pk, p, exc)
            IngestItem.objects.bulk_create(
                [
                    IngestItem(
                        job=job,
                        position=q,
                        label=job.inputs[q][:2000],
                        outcome=IngestItem.FAILED,
                        error="not queued: the task queue is unavailable; submit the feed again",
                    )
                    for q in waiting[n:]
                ],
                ignore_conflicts=True,
            )
            _finish(job.pk)
            return


def _finish(job_id: int) -> None:
    """Mark the job running, and close it once every item is recorded.

    In the item's own transaction (one commit an article) and in two statements: the UPDATE takes
    the job's row lock, which serialises the last two finishers, and the count after it is a
    statement of its own, so it sees the other finisher's committed item."""
    with transaction.atomic(savepoint=False):
        still_open = IngestJob.objects.filter(pk=job_id, status__in=(IngestJob.QUEUED, IngestJob.RUNNING))
        if not still_open.update(status=IngestJob.RUNNING):
            return
        total, items = (
            IngestJob.objects.filter(pk=job_id)
            .annotate(items_recorded=Count("items"))
            .values_list("total", "items_recorded")
        ).get()
        if items < total:
            return
        failed = IngestItem.objects.filter(job_id=job_id, outcome=IngestItem.FAILED).count()
        status = IngestJob.FAILED if total and failed == items else IngestJob.DONE
        IngestJob.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now())
        QueuedItem.objects.filter(job_id=job_id).delete()  # every item is recorded: no copy is needed
        if status == IngestJob.DONE:
            transaction.on_commit(lambda: signals.job_done.send(sender=IngestJob, job_id=job_id))


def _keep_copies(job_id: int, items: dict[int, dict]) -> None:
    """Keep the job's copy of each item it queues, by position (see QueuedItem)."""
    now = timezone.now()
    QueuedItem.objects.bulk_create(
        [QueuedItem(job_id=job_id, position=p, item=item, queued_at=now) for p, item in items.items()],
        ignore_conflicts=True,
    )


def requeue_lost(waited: timedelta) -> int:
    """Queue again the items of open jobs that were queued `waited` ago or longer and never started;
    how many.

    Call it only while the task queue is empty and with `waited` at least the broker's visibility
    timeout: no item is then waiting behind others, and kombu has given back every message a dead
    worker held, so an item that never started has lost its message. A second copy of an item that
    had not is harmless: `process` records an item once.
    """
    now = timezone.now()
    recorded = IngestItem.objects.filter(job=OuterRef("job"), position=OuterRef("position"))
    with transaction.atomic():
        lost = list(
            # Two workers sweeping at once take different rows, not the same ones twice.
            QueuedItem.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                started_at=None,
                queued_at__lte=now - waited,
                job__status__in=(IngestJob.QUEUED, IngestJob.RUNNING),
            )
            .exclude(Exists(recorded))
            .order_by("queued_at")[:MAX_ITEMS]
        )
        for queued in lost:
            _queue(queued.job_id, queued.position, queued.item)
        QueuedItem.objects.filter(pk__in=[q.pk for q in lost]).update(queued_at=now)
    if lost:
        log.warning("queued again %d items whose message the task queue lost", len(lost))
    return len(lost)
