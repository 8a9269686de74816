from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ReactionsConfig(AppConfig):
    name = "reactions"
    verbose_name = "Reactions: actors, statements, events"

    def ready(self) -> None:
        from articles.models import Article, Source
        from reactions.caching import statements_changed
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
