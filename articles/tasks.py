"""Celery tasks: thin wrappers over articles.services."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from celery import shared_task
from django.db import OperationalError

from articles import services
from articles.reading import ManifestEntry


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def ingest_article(self, text: str, entry: dict) -> dict:
    """Store one article and its statements; safe to retry (a stored article is found again)."""
    fields = dict(entry)
    if fields.get("published"):
        fields["published"] = date.fromisoformat(fields["published"])
    result = services.store(text, ManifestEntry(**fields))
    return asdict(result)


def entry_payload(entry: ManifestEntry) -> dict:
    """A manifest entry as JSON-safe task arguments."""
    data = asdict(entry)
    data["published"] = entry.published.isoformat() if entry.published else None
    return data
