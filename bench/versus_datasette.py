"""Reactions and Datasette on the same statements, in one run, with the same questions.

    .venv/bin/python bench/versus_datasette.py [--sizes 100000 1000000] [--clients 20] [--seconds 15]
                                               [--rounds 3] [--keep-data] [--only search]

For each size: the synthetic statements of bench/web.py in PostgreSQL (`manage.py synth`), copied
into a SQLite file with the same columns and the same indexes, and an FTS5 index of the words for
Datasette's `_search`; gunicorn serves Reactions as bench/web.py runs it (5 sync workers), Datasette
0.65 serves the SQLite file (immutable, its own defaults but for time limits high enough that it
answers every question instead of cutting it short).

Each scenario asks both servers the same question in their own words (Datasette's table URLs):
  list     two filters (a speaker, said since a day) and the count: `/api/statements/` vs the
           table's JSON with `_labels=on` (speaker, outlet and article by name, as Reactions gives)
  search   a word and an act: `q=` vs `_search=` (FTS5)
  facets   two filters, every facet: `/api/statements/facets/` vs `_facet=` of each column and
           `_facet_date=said_on`
  page     the HTML list under two filters with its counts: `/?...&counts=now` vs the table page
Each in two modes: a repeated pool of 40 URLs (what answer caches see when people share links) and
unique URLs, every request a question neither server was asked before in this run (what an analyst
exploring sees: no answer cache can help). Reactions' cache is emptied before each scenario and
warmed as an ingest leaves it. Scenarios alternate between the servers (who goes first alternates
too), three rounds; the medians of the rounds' p50, p95 and requests/s are reported, with the
ratios: Datasette p95 / Reactions p95 and Reactions rps / Datasette rps (above 1: Reactions is
faster). Figures merge into bench/results.json under "versus_datasette".
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

import web  # bench/web.py: the data, the Reactions server, the load generator

from reactions.lib.synthetic import DAYS, START, WORDS

DATASETTE_PORT = 8098
DATASETTE = f"http://127.0.0.1:{DATASETTE_PORT}"
SQLITE_DIR = Path(os.environ.get("BENCH_SQLITE_DIR", "/tmp"))
ACTS = web.ACTS
POOL = 40

# The tables Datasette serves: the statement's columns as PostgreSQL holds them (the search vector
# aside), and what a listed statement shows of its speaker, outlet and article.
TABLES = {
    "articles_source": ("id INTEGER PRIMARY KEY, name TEXT", "SELECT id, name FROM articles_source"),
    "reactions_actor": (
        "id INTEGER PRIMARY KEY, slug TEXT, name TEXT, kind TEXT, country TEXT, role TEXT",
        "SELECT id, slug, name, kind, country, role FROM reactions_actor",
    ),
    "articles_article": (
        "id INTEGER PRIMARY KEY, source_id INTEGER REFERENCES articles_source(id), url TEXT, title TEXT, "
        "published TEXT, language TEXT",
        "SELECT id, source_id, url, title, published::text, language FROM articles_article",
    ),
    "reactions_statement": (
        "id INTEGER PRIMARY KEY, article_id INTEGER REFERENCES articles_article(id), "
        "speaker_id INTEGER REFERENCES reactions_actor(id), "
        'source_id INTEGER REFERENCES articles_source(id), content TEXT, start INTEGER, "end" INTEGER, '
        "quote TEXT, said_on TEXT, date_rule TEXT, topic TEXT, act TEXT, cue TEXT, confidence REAL, "
        "corrected_by_human INTEGER, speaker_country TEXT, speaker_kind TEXT, language TEXT, "
        "first_report_id INTEGER",
        'SELECT id, article_id, speaker_id, source_id, content, start, "end", quote, said_on::text, '
        "date_rule, topic, act, cue, confidence, corrected_by_human::int, speaker_country, speaker_kind, "
        "language, first_report_id FROM reactions_statement",
    ),
}
# Reactions' statement indexes (reactions/models.py), as SQLite can have them (no INCLUDE columns).
INDEXES = [
    "CREATE INDEX statement_said_on_idx ON reactions_statement (said_on DESC, id DESC)",
    "CREATE INDEX statement_said_first_idx ON reactions_statement (said_on, id)",
    "CREATE INDEX statement_speaker_idx ON reactions_statement (speaker_id, said_on DESC)",
    "CREATE INDEX statement_act_idx ON reactions_statement (act, said_on DESC)",
    "CREATE INDEX statement_topic_idx ON reactions_statement (topic, said_on DESC)",
    "CREATE INDEX statement_country_idx ON reactions_statement (speaker_country, said_on DESC)",
    "CREATE INDEX statement_kind_idx ON reactions_statement (speaker_kind, said_on DESC)",
    "CREATE INDEX statement_source_idx ON reactions_statement (source_id, said_on DESC)",
    "CREATE INDEX statement_first_report_idx ON reactions_statement (first_report_id)",
    "CREATE INDEX article_source_idx ON articles_article (source_id)",
]
METADATA = {
    "databases": {
        "bench": {
            "tables": {
                "reactions_actor": {"label_column": "name"},
                "articles_source": {"label_column": "name"},
                "articles_article": {"label_column": "title"},
            }
        }
    }
}
FACET_COLUMNS = ["speaker_id", "speaker_country", "speaker_kind", "act", "topic", "quote", "source_id"]
FACET_COLUMNS += ["language"]


def sqlite_file(size: int, keep: bool) -> Path:
    """The SQLite copy of the benchmark database of this size (made again unless `keep` and whole)."""
    path = SQLITE_DIR / f"reactions_bench_{size}.db"
    if keep and path.exists():
        with sqlite3.connect(path) as db:
            if db.execute("SELECT count(*) FROM reactions_statement").fetchone()[0] == size:
                return path
    path.unlink(missing_ok=True)
    began = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    with psycopg.connect(f"{web.PG}/{web.DATABASE['name']}") as conn:
        for table, (columns, select) in TABLES.items():
            db.execute(f"CREATE TABLE {table} ({columns})")
            marks = ",".join("?" * (columns.count(",") + 1))
            with conn.cursor(name=f"copy_{table}") as cursor:
                cursor.itersize = 20_000
                cursor.execute(select)
                while rows := cursor.fetchmany(20_000):
                    db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    for sql in INDEXES:
        db.execute(sql)
    db.execute(
        'CREATE VIRTUAL TABLE reactions_statement_fts USING fts5(content, content="reactions_statement", '
        'content_rowid="id")'
    )
    db.execute(
        "INSERT INTO reactions_statement_fts (rowid, content) SELECT id, content FROM reactions_statement"
    )
    db.execute("ANALYZE")
    db.commit()
    db.close()
    print(f"{size:>9,} statements: SQLite copy with FTS5 in {time.perf_counter() - began:.0f} s", flush=True)
    return path


def datasette(path: Path) -> subprocess.Popen:
    metadata = path.with_suffix(".metadata.json")
    metadata.write_text(json.dumps(METADATA))
    link = path.with_name("bench.db")  # the database's name in Datasette's URLs: /bench/...
    link.unlink(missing_ok=True)
    link.symlink_to(path)
    proc = subprocess.Popen(
        [
            *(
                sys.executable,
                "-m",
                "datasette",
                "serve",
                "--immutable",
                str(link),
                "--metadata",
                str(metadata),
            ),
            *("--port", str(DATASETTE_PORT), "--host", "127.0.0.1"),
            # High enough that every question is answered in full, never cut short as "too slow".
            *("--setting", "sql_time_limit_ms", "30000", "--setting", "facet_time_limit_ms", "30000"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return web.answering(proc, f"{DATASETTE}/bench.json", "datasette")


def endless(make: Callable[[], list], rng: random.Random) -> Iterator:
    """The questions `make` gives, shuffled, then again in another order once all were asked: a
    scenario asks at most --max-requests of them, all distinct, and Reactions' cache is emptied
    before each scenario, so a question asked again in a later round is new to both servers."""
    while True:
        batch = make()
        rng.shuffle(batch)
        yield from batch


def questions(seed: int) -> dict[str, Iterator[tuple[dict, dict]]]:
    """For each scenario, an endless supply of questions, each as (Reactions' filters, Datasette's
    table parameters), shuffled."""
    rng = random.Random(seed)
    with psycopg.connect(f"{web.PG}/{web.DATABASE['name']}") as conn:
        speakers = conn.execute(
            "SELECT a.id, a.slug FROM reactions_actor a WHERE EXISTS "
            "(SELECT 1 FROM reactions_statement s WHERE s.speaker_id = a.id)"
        ).fetchall()
    days = [START + timedelta(days=d) for d in range(0, DAYS, 2)]
    words = list(WORDS[20:200])  # past the function words, which match nearly everything

    def speaker_since() -> list[tuple[dict, dict]]:
        pairs = [(s, d) for s in speakers for d in days]
        return [
            ({"speaker": slug, "said_from": f"{day}"}, {"speaker_id": pk, "said_on__gte": f"{day}"})
            for (pk, slug), day in pairs
        ]

    def word_act() -> list[tuple[dict, dict]]:
        pairs = [(w, a, c) for w in words for a in ACTS for c in web.COUNTRIES]
        return [
            ({"q": w, "act": a, "country": c}, {"_search": w, "act": a, "speaker_country": c})
            for w, a, c in pairs
        ]

    makers = {"list": speaker_since, "search": word_act, "facets": speaker_since, "page": speaker_since}
    return {name: endless(make, rng) for name, make in makers.items()}


def urls(scenario: str, reactions: dict, table: dict) -> tuple[str, str]:
    """The question in each server's words."""
    listed = {"_sort_desc": "said_on", "_labels": "on"}
    if scenario in ("list", "search"):
        return (
            "/api/statements/?" + urlencode(reactions),
            "/bench/reactions_statement.json?" + urlencode({**table, **listed, "_size": 50}),
        )
    if scenario == "facets":
        facets = [("_facet", c) for c in FACET_COLUMNS] + [("_facet_date", "said_on")]
        return (
            "/api/statements/facets/?" + urlencode(reactions),
            "/bench/reactions_statement.json?" + urlencode([*table.items(), ("_size", 1), *facets]),
        )
    return (
        "/?" + urlencode({**reactions, "counts": "now"}),
        "/bench/reactions_statement?" + urlencode({**table, "_sort_desc": "said_on", "_size": 25}),
    )


def median_of(runs: list[dict]) -> dict:
    return {k: round(statistics.median(r[k] for r in runs), 1) for k in ("p50", "p95", "rps")} | {
        "errors": sum(r["errors"] for r in runs),
        "p95_runs": [r["p95"] for r in runs],
    }


def measure(size: int, args) -> dict:
    supply = questions(seed=size)
    pools = {name: [next(supply[name]) for _ in range(POOL)] for name in supply}
    runs: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    server = web.gunicorn()
    peer = datasette(sqlite_file(size, args.keep_data))
    try:
        asyncio.run(web.hammer(web.WARM_UP, args.clients, 10, 200))
        for turn in range(args.rounds):
            for name in supply:
                if args.only and not any(part in name for part in args.only):
                    continue
                for mode in ("pool", "unique"):
                    fresh = [next(supply[name]) for _ in range(args.max_requests)] if mode == "unique" else []
                    asked = fresh or pools[name]
                    pairs = [urls(name, r, t) for r, t in asked]
                    order = ("reactions", "datasette") if turn % 2 == 0 else ("datasette", "reactions")
                    for who in order:
                        if who == "reactions":
                            web.cold_cache()
                        port = web.PORT if who == "reactions" else DATASETTE_PORT
                        own = [p[0] if who == "reactions" else p[1] for p in pairs]
                        load = web.hammer(own, args.clients, args.seconds, args.max_requests, port)
                        result = asyncio.run(load)
                        result.pop("counts", None)
                        runs[f"{name} ({mode})"][who].append(result)
                        print(f"{size:>9,} {name:7} {mode:6} {who:9} {json.dumps(result)}", flush=True)
    finally:
        for proc in (server, peer):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    return {scenario: {who: median_of(r) for who, r in by.items()} for scenario, by in runs.items()}


def report(results: dict[str, dict], args) -> None:
    print(f"\n{args.clients} clients, {args.seconds:.0f} s a scenario, medians of {args.rounds} rounds")
    print(
        f"{'size':>9} {'scenario':18} {'Reactions p50/p95 ms':>21} {'rps':>7}  {'Datasette p50/p95 ms':>21} "
        f"{'rps':>7}  {'p95 ratio':>9} {'rps ratio':>9}"
    )
    for size, scenarios in results.items():
        for name, by in scenarios.items():
            r, d = by["reactions"], by["datasette"]
            print(
                f"{int(size):>9,} {name:18} {r['p50']:>10}/{r['p95']:>10} {r['rps']:>7}  "
                f"{d['p50']:>10}/{d['p95']:>10} {d['rps']:>7}  {d['p95'] / max(r['p95'], 0.1):>8.2f}x "
                f"{r['rps'] / max(d['rps'], 0.1):>8.2f}x"
                + (f"  errors R {r['errors']} D {d['errors']}" if r["errors"] or d["errors"] else "")
            )
    if args.only:
        print("(some scenarios only: bench/results.json left as it was)")
        return
    path = web.ROOT / "bench" / "results.json"
    saved = json.loads(path.read_text()) if path.exists() else {}
    saved["versus_datasette"] = {
        "clients": args.clients,
        "seconds": args.seconds,
        "rounds": args.rounds,
        "day": date.today().isoformat(),
        "sizes": results,
    }
    path.write_text(json.dumps(saved, indent=1, ensure_ascii=False))


def main() -> None:
    parser = web.arguments(__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        web.use(size, args.sizes)
        (web.reuse(size) if args.keep_data else None) or web.load(size)
        results[str(size)] = measure(size, args)
    report(results, args)


if __name__ == "__main__":
    main()
