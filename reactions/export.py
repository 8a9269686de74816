"""Streamed exports of a statements query, CSV and JSON: no row cap, constant memory.

The API (`?format=csv`) and the pages (`/statements.csv`, `/statements.json`) stream the same rows.
CSV cells are safe to open in a spreadsheet (a leading =, +, - or @ is escaped).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

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
    "language",
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
CHUNK = 2000


def rows(queryset: QuerySet) -> Iterator[dict]:
    """One plain dict per statement, in COLUMNS order, read from the database in chunks."""
    for s in queryset.select_related("speaker", "article__source").iterator(chunk_size=CHUNK):
        yield dict(
            zip(
                COLUMNS,
                (
                    s.pk,
                    s.said_on.isoformat() if s.said_on else None,
                    s.speaker.name,
                    s.speaker.slug,
                    s.speaker.country,
                    s.speaker.kind,
                    s.act,
                    s.topic,
                    s.quote,
                    s.content,
                    s.language,
                    s.cue,
                    s.confidence,
                    s.date_rule,
                    s.article.source.name,
                    s.article.published.isoformat() if s.article.published else None,
                    s.article_id,
                    s.article.url,
                    s.start,
                    s.end,
                ),
                strict=True,
            )
        )


def safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start are escaped)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(queryset: QuerySet) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)  # the BOM makes spreadsheets read the Arabic as UTF-8
    for row in rows(queryset):
        yield writer.writerow([safe(v) for v in row.values()])


def _json(queryset: QuerySet) -> Iterator[str]:
    yield '{"columns": ' + json.dumps(COLUMNS) + ', "statements": ['
    for i, row in enumerate(rows(queryset)):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def stream_csv(queryset: QuerySet, filename: str = "statements.csv") -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stream_json(queryset: QuerySet, filename: str = "statements.json") -> StreamingHttpResponse:
    response = StreamingHttpResponse(_json(queryset), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
