"""What every Celery worker does besides running tasks: look for items whose message was lost.

kombu's Redis transport takes a message from the queue before it records it as unacked, so a
worker killed in between loses it (the message is in neither place). Each worker sweeps on its own
timer; the job's copies in the database (QueuedItem) say what to queue again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import Celery, bootsteps
from django.conf import settings
from django.db import connection

from articles import jobs

log = logging.getLogger(__name__)


def sweep(app: Celery) -> int:
    """Queue again the items whose message was lost, once the queue is empty; how many."""
    try:
        with app.connection_for_read() as conn:
            waiting = conn.default_channel.queue_declare(queue=app.conf.task_default_queue).message_count
        if waiting:  # an old item may be waiting behind the others
            return 0
        return jobs.requeue_lost(timedelta(seconds=settings.CELERY_VISIBILITY_TIMEOUT))
    except Exception:  # the database or the broker away: the next sweep tries again
        log.exception("the sweep for lost messages failed")
        return 0
    finally:
        connection.close()  # the worker's main process holds no connection its pool could inherit


class SweepForLostMessages(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs) -> None:
        self.tref = None

    def start(self, worker) -> None:
        self.tref = worker.timer.call_repeatedly(settings.WORKER_SWEEP_SECONDS, sweep, (worker.app,))

    def stop(self, worker) -> None:
        if self.tref is not None:
            self.tref.cancel()
