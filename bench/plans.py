"""EXPLAIN ANALYZE of the hot queries, as the app builds them, into bench/PLANS.md.

    .venv/bin/python bench/plans.py [--database reactions_bench_web]

Run after bench/web.py (which leaves its largest data set in the database). Each query is built by
the same code the pages and the API call (StatementFilter, explorer, facets), so the plans are
the plans users get.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="reactions_bench_web")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("SECRET_KEY", "plans-only")
    os.environ.setdefault("DB_IO_CONCURRENCY", "0")  # as bench/web.py runs the server: the data is in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reactions.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from reactions.facets import FACETS, count_query, searched_counts
    from reactions.filters import StatementFilter
    from reactions.models import NEWEST_FIRST, Actor, Statement
    from reactions.queries import timeline

    def filtered(query: str):
        return StatementFilter(QueryDict(query), Statement.objects.all()).qs

    busy = Actor.objects.annotate(n=django.db.models.Count("statements")).order_by("-n").first()
    total = Statement.objects.count()
    queries = {
        "statements list, no filter (first page)": filtered("").for_listing().order_by(*NEWEST_FIRST)[:26],
        "statements list, act + country": filtered("act=appeal&country=RU")
        .for_listing()
        .order_by(*NEWEST_FIRST)[:26],
        "statements list, act + country + search": filtered("act=appeal&country=RU&q=الاستقرار")
        .for_listing()
        .order_by(*NEWEST_FIRST)[:26],
        "statements list, search only": filtered("q=الحوار").for_listing().order_by(*NEWEST_FIRST)[:26],
        "count, act + country": filtered("act=appeal&country=RU").order_by().values("id"),
        "facet: speaker, unfiltered": count_query(Statement.objects.order_by(), FACETS["speaker"], 20),
        "facet: outlet, act + country": count_query(
            filtered("act=appeal&country=RU").order_by(), FACETS["source"], 20
        ),
        "actor page: their statements": Statement.objects.filter(speaker=busy)
        .for_listing()
        .order_by(*NEWEST_FIRST)[:26],
        "timeline by country, unfiltered": lambda: timeline(Statement.objects.all(), "country"),
        # One pass over the search's rows counts the total and every facet (reactions/facets.py).
        "searched counts, act + country + search": lambda: searched_counts(
            QueryDict("act=appeal&country=RU&q=الاستقرار")
        ),
        "searched counts, a two-letter word": lambda: searched_counts(
            QueryDict("act=demand&country=IR&q=عن")
        ),
    }
    lines = [
        "# Query plans of the hot queries",
        "",
        f"`EXPLAIN ANALYZE` on database `{args.database}` with {total:,} statements, written by "
        "`bench/plans.py`. Each query is built by the code the pages and the API run.",
        "",
    ]
    with connection.cursor() as cursor:
        for title, queryset in queries.items():
            if callable(queryset):  # code that writes its own SQL: its slowest query, as it ran
                cache.clear()
                with CaptureQueriesContext(connection) as captured:
                    queryset()
                slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
                sql, params = slowest["sql"], None
            else:
                sql, params = queryset.query.sql_with_params()
            if title.startswith("count"):
                sql = f"SELECT count(*) FROM ({sql}) counted"
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            ms = re.search(r"Execution Time: ([\d.]+) ms", plan).group(1)
            lines += [f"## {title}: {ms} ms", "", "```", plan, "```", ""]
            print(f"{title:45} {ms:>10} ms")
    (ROOT / "bench" / "PLANS.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
