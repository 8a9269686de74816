import logging

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

log = logging.getLogger(__name__)


def warm_after_ingest(**_kwargs) -> None:
    """An ingest job is done: count the unfiltered list again in a worker (reactions/tasks.py)."""
    from reactions.tasks import warm_counts

    try:
        warm_counts.delay()
    except Exception:  # the counts are only a head start: a busy queue must not fail the job
        log.warning("could not queue the warm-up of the statement counts", exc_info=True)


class ReactionsConfig(AppConfig):
    name = "reactions"
    verbose_name = "Reactions: actors, statements, events"

    def ready(self) -> None:
        from articles.models import Article, Source
        from articles.signals import job_done
        from reactions.data_version import statements_changed
        from reactions.models import Actor, ActorAlias, Event, Statement

        # Cached counts and answers show these rows too: an edit or a deletion (the admin's) is a
        # new version of the data. Actor and Statement saves bump it themselves (models.py); bulk
        # writes (ingest, synth) call statements_changed() once for the lot.
        def changed(**_kwargs) -> None:
            statements_changed()

        self.data_changed = changed  # signals hold their receivers weakly
        for model in (Source, Event, ActorAlias):
            post_save.connect(changed, sender=model, dispatch_uid=f"version-save-{model.__name__}")
        for model in (Source, Event, ActorAlias, Actor, Statement, Article):
            post_delete.connect(changed, sender=model, dispatch_uid=f"version-delete-{model.__name__}")
        # Ingest does not know the read side: it says a job is done, and the counts are warmed here.
        job_done.connect(warm_after_ingest, dispatch_uid="warm-counts-after-ingest")
