"""Streamed CSV of a statements query: no row cap, constant memory, cells safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

COLUMNS = [
    "id",
    "said_on",
    "speaker",
    "speaker_slug",
    "country",
    "kind",
    "act",
    "topic",
    "quote",
    "content",
    "cue",
    "confidence",
    "date_rule",
    "outlet",
    "published",
    "article_id",
    "url",
    "start",
    "end",
]


class CSVRenderer(BaseRenderer):
    """Lets `?format=csv` and `Accept: text/csv` select the CSV view of a list."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return str(data).encode()


def safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start are escaped)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _rows(queryset) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)  # the BOM makes spreadsheets read the Arabic as UTF-8
    for s in queryset.select_related("speaker", "article__source").iterator(chunk_size=2000):
        yield writer.writerow(
            [
                safe(v)
                for v in (
                    s.pk,
                    s.said_on,
                    s.speaker.name,
                    s.speaker.slug,
                    s.speaker.country,
                    s.speaker.kind,
                    s.act,
                    s.topic,
                    s.quote,
                    s.content,
                    s.cue,
                    s.confidence,
                    s.date_rule,
                    s.article.source.name,
                    s.article.published,
                    s.article_id,
                    s.article.url,
                    s.start,
                    s.end,
                )
            ]
        )


def stream(queryset, filename: str = "statements.csv") -> StreamingHttpResponse:
    response = StreamingHttpResponse(_rows(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
