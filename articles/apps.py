from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and sources"

    def ready(self) -> None:
        # Registers the ingest tasks in every process, so that articles.jobs queues them by name
        # (a worker finds them too through Celery's autodiscovery).
        from articles import tasks  # noqa: F401
