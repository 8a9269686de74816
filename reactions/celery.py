"""The Celery app. Configuration comes from Django settings (the CELERY_ prefix)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reactions.settings")

app = Celery("reactions")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each worker also queues again what the broker lost (articles/worker.py).
app.steps["worker"].add("articles.worker:SweepForLostMessages")
