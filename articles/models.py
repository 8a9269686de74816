"""Outlets and the articles they published."""

from __future__ import annotations

from django.db import models

from articles.extraction.vocab import LANGUAGES


class Source(models.Model):
    """A news outlet."""

    name = models.CharField(max_length=200, unique=True, help_text="Name in English")
    name_original = models.CharField(max_length=200, blank=True, help_text="Name in its own language")
    country = models.CharField(max_length=8, blank=True)
    language = models.CharField(max_length=2, blank=True)
    homepage = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    """One article, stored once: the sha256 of its normalised text is unique."""

    PENDING, EXTRACTED, FAILED = "pending", "extracted", "failed"

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    file_name = models.CharField(max_length=300, blank=True, help_text="Base name of the ingested file")
    title = models.CharField(max_length=1000, blank=True)
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=2, choices=[(lang, lang) for lang in LANGUAGES])
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=10,
        default=PENDING,
        choices=[(PENDING, "pending"), (EXTRACTED, "extracted"), (FAILED, "failed")],
    )
    error = models.TextField(blank=True)
    pipeline_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

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
