"""Celery tasks of the read side."""

from __future__ import annotations

from celery import shared_task


@shared_task(ignore_result=True)
def warm_counts() -> None:
    """After an ingest job: count the unfiltered statements list and timeline into the cache."""
    from reactions.queries import warm_counts as warm

    warm()
