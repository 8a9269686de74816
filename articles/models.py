"""Outlets and the articles they published."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from articles.extraction.normalize import normalize
from reactions.lib.days import accepted_day
from reactions.search import ArabicStems


class Source(models.Model):
    """A news outlet."""

    name = models.CharField(max_length=200, unique=True, help_text="Name in English")
    name_original = models.CharField(max_length=200, blank=True, help_text="Name in its own language")
    country = models.CharField(max_length=8, blank=True)
    language = models.CharField(max_length=2, blank=True)
    homepage = models.URLField(blank=True)
    # Made up by `manage.py synth` for benchmarks; its articles are not news.
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        # The search copies of the text are for the database to match, never for Python to read.
        return super().get_queryset().defer("normalised", "words")


class Article(models.Model):
    """One article, stored once: the sha256 of its normalised text is unique."""

    PENDING, EXTRACTED, FAILED, SKIPPED = "pending", "extracted", "failed", "skipped"

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    file_name = models.CharField(max_length=300, blank=True, help_text="Base name of the ingested file")
    title = models.CharField(max_length=1000, blank=True)
    published = models.DateField(null=True, blank=True, validators=[accepted_day])
    # ISO 639-1. The pipeline reads LANGUAGES; any other is stored with status "skipped".
    language = models.CharField(max_length=2, blank=True)
    text = models.TextField()
    # The text after articles.extraction.normalize.normalize() and the `arabic` stemmer's vector of
    # it, for a search of the articles' whole text (`?scope=articles`, reactions/search.py): the
    # vector on PostgreSQL, the normalised text elsewhere. Set by save() and by the bulk writers.
    normalised = models.TextField(blank=True, default="", editable=False)
    words = models.GeneratedField(
        expression=ArabicStems("normalised"), output_field=SearchVectorField(null=True), db_persist=True
    )
    text_sha256 = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=10,
        default=PENDING,
        choices=[
            (PENDING, "pending"),
            (EXTRACTED, "extracted"),
            (FAILED, "failed"),
            (SKIPPED, "not extracted"),
        ],
    )
    error = models.TextField(blank=True)
    pipeline_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            # ?published_from=&published_to= and the articles list, newest first.
            models.Index(fields=["-published", "-id"], name="article_published_idx"),
            # `reextract` picks articles whose pipeline version is out of date.
            models.Index(fields=["pipeline_version"], name="article_pipeline_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.file_name or f"article {self.pk}"

    def save(self, *args, **kwargs) -> None:
        self.normalised = normalize(self.text)
        if kwargs.get("update_fields") is not None and "text" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalised"}
        super().save(*args, **kwargs)


class IngestJob(models.Model):
    """A batch of articles to ingest: files, pages or feeds. Each item is one Celery task."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="ingest_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    inputs = models.JSONField(
        default=list, help_text="Each position's file or URL: what was asked for, then what its feeds added"
    )
    # Items to process; grows when a feed is expanded into its articles.
    total = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=8,
        default=QUEUED,
        choices=[(QUEUED, "queued"), (RUNNING, "running"), (DONE, "done"), (FAILED, "failed")],
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"ingest job {self.pk} ({self.status})"

    def counts(self) -> dict[str, int]:
        """Items processed so far by outcome, and the statements they added."""
        rows = self.items.values("outcome").annotate(n=models.Count("id"), added=models.Sum("statements"))
        counts = {"new": 0, "duplicate": 0, "failed": 0, "feed": 0, "statements": 0}
        for row in rows:
            counts[row["outcome"]] = row["n"]
            counts["statements"] += row["added"] or 0
        counts["processed"] = counts["new"] + counts["duplicate"] + counts["failed"] + counts["feed"]
        counts["total"] = self.total
        return counts


class IngestItem(models.Model):
    """The outcome of one item of a job; recorded once, so a retried task counts once."""

    NEW, DUPLICATE, FAILED, FEED = "new", "duplicate", "failed", "feed"

    job = models.ForeignKey(IngestJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=2000, help_text="File name or URL")
    outcome = models.CharField(
        max_length=9,
        choices=[(NEW, "new"), (DUPLICATE, "duplicate"), (FAILED, "failed"), (FEED, "feed expanded")],
    )
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    statements = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # A feed's article links became the job's items [children_from, children_from + children):
    # recorded with the expansion, so a redelivered feed task queues again only what never ran.
    children_from = models.PositiveIntegerField(null=True, blank=True)
    children = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="ingest_item_once")]

    def __str__(self) -> str:
        return f"{self.label}: {self.outcome}"


class QueuedItem(models.Model):
    """An item handed to the task queue and not recorded yet: the job's own copy of its message.

    Redis can lose a message: kombu's worker takes it from the queue (BRPOP) and only then writes
    it to its unacked set, so a worker killed in between takes it with it, and the job would stay
    "running" for ever. The job's rows are the authority: `jobs.requeue_lost` queues again an item
    that never started while the queue holds nothing. The row goes in the item's own transaction.
    """

    job = models.ForeignKey(IngestJob, on_delete=models.CASCADE, related_name="queued")
    position = models.PositiveIntegerField()
    item = models.JSONField(help_text="The task's item, as articles/jobs.py describes it")
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="queued_item_once")]
        indexes = [
            # requeue_lost: WHERE started_at IS NULL AND queued_at < %s (rows are few; the scan is not)
            models.Index(
                fields=["queued_at"], condition=models.Q(started_at=None), name="queued_item_waiting"
            ),
        ]

    def __str__(self) -> str:
        return f"job {self.job_id} item {self.position}"
