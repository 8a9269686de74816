"""Streamed exports of a statements query, CSV and JSON: no row cap, constant memory.

The API (`?format=csv`) and the pages (`/statements.csv`, `/statements.json`) stream the same rows.
CSV cells are safe to open in a spreadsheet (a leading =, +, - or @ is escaped).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse

from reactions.lib.keyset import Position
from reactions.models import StatementQuerySet

# Each column of an export and the field it is read from: values, not model rows, so a row costs its
# own columns and never its article's text (one article may hold millions of characters and
# thousands of statements).
_READ_FROM = (
    ("id", "id"),
    ("said_on", "said_on"),
    ("speaker", "speaker__name"),
    ("speaker_slug", "speaker__slug"),
    ("country", "speaker__country"),
    ("kind", "speaker__kind"),
    ("act", "act"),
    ("topic", "topic"),
    ("quote", "quote"),
    ("content", "content"),
    ("language", "language"),
    ("cue", "cue"),
    ("confidence", "confidence"),
    ("date_rule", "date_rule"),
    ("outlet", "article__source__name"),
    ("published", "article__published"),
    ("article_id", "article_id"),
    ("url", "article__url"),
    ("start", "start"),
    ("end", "end"),
)
COLUMNS = [column for column, _ in _READ_FROM]
_FIELDS = [field for _, field in _READ_FROM]
CHUNK = 2000
_DAYS = (COLUMNS.index("said_on"), COLUMNS.index("published"))


def rows(queryset: StatementQuerySet) -> Iterator[dict]:
    """One plain dict per statement, in COLUMNS order, newest first as the pages list them.

    Read in chunks of CHUNK, each its own short query that seeks past the last row of the one before
    (not one cursor held open for the whole export): however long the export, no query runs longer
    than a chunk's, so `DB_STATEMENT_TIMEOUT` never cuts an export short, and a chunk that fails
    ends the stream with an error (the client sees the transfer cut, and no closing mark).
    """
    after = None
    while True:
        chunk = list(queryset.newest_first(after).values_list(*_FIELDS)[:CHUNK])
        for values in chunk:
            row = list(values)
            for i in _DAYS:
                row[i] = row[i].isoformat() if row[i] else None
            yield dict(zip(COLUMNS, row, strict=True))
        if len(chunk) < CHUNK:
            return
        after = Position(chunk[-1][1], chunk[-1][0])


def safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start are escaped)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(queryset: StatementQuerySet) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)  # the BOM makes spreadsheets read the Arabic as UTF-8
    for row in rows(queryset):
        yield writer.writerow([safe(v) for v in row.values()])


def _json(queryset: StatementQuerySet) -> Iterator[str]:
    yield '{"columns": ' + json.dumps(COLUMNS) + ', "statements": ['
    for i, row in enumerate(rows(queryset)):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def stream_csv(queryset: StatementQuerySet, filename: str = "statements.csv") -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stream_json(queryset: StatementQuerySet, filename: str = "statements.json") -> StreamingHttpResponse:
    response = StreamingHttpResponse(_json(queryset), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
