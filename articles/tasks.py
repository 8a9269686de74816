"""Celery tasks: thin wrappers over articles.jobs."""

from __future__ import annotations

import logging

from celery import Task, shared_task

from articles import jobs

log = logging.getLogger(__name__)


class RecordsItsFailure(Task):
    """When an item's task fails for good (its retries spent, or an error `jobs.process` did not
    catch), the item is recorded as failed with the reason, so no job stays "running"."""

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        job_id, position, item = args
        try:
            jobs.record_failure(job_id, position, item.get("label", ""), exc)
        except Exception:  # the database may be what failed: the log keeps the reason
            log.exception("job %s item %s: the failure could not be recorded", job_id, position)


@shared_task(
    bind=True,
    base=RecordsItsFailure,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=jobs.TRANSIENT,
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
