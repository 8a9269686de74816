"""Streamed exports of a statements query, CSV and JSON: no row cap, constant memory.

The API (`?format=csv`) and the pages (`/statements.csv`, `/statements.json`) stream the same
items as the API's list (reactions/listing.py), in the same order. CSV cells are safe to open in a
spreadsheet (a leading =, +, - or @ is escaped).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse

from reactions.listing import COLUMNS, DEFAULT_ORDERING, items
from reactions.models import StatementQuerySet


def safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start are escaped)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(queryset: StatementQuerySet, ordering: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)  # the BOM makes spreadsheets read the Arabic as UTF-8
    for row in items(queryset, ordering):
        yield writer.writerow([safe(v) for v in row.values()])


def _json(queryset: StatementQuerySet, ordering: str) -> Iterator[str]:
    yield '{"columns": ' + json.dumps(COLUMNS) + ', "statements": ['
    for i, row in enumerate(items(queryset, ordering)):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def stream_csv(
    queryset: StatementQuerySet, ordering: str = DEFAULT_ORDERING, filename: str = "statements.csv"
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv(queryset, ordering), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stream_json(
    queryset: StatementQuerySet, ordering: str = DEFAULT_ORDERING, filename: str = "statements.json"
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _json(queryset, ordering), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
