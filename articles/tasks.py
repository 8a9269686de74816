"""Celery tasks: thin wrappers over articles.jobs."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from articles import jobs


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError, BrokerError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=8,
)
def ingest_item(self, job_id: int, position: int, item: dict) -> dict:
    """Ingest one item of a job: store the article with its statements, in one transaction."""
    recorded = jobs.process(job_id, position, item)
    return {
        "outcome": recorded.outcome,
        "article_id": recorded.article_id,
        "statements": recorded.statements,
        "error": recorded.error,
    }


@shared_task(ignore_result=True)
def warm_counts() -> None:
    """After an ingest job: count the unfiltered statements list and timeline into the cache."""
    from reactions.explorer import warm_counts as warm

    warm()
