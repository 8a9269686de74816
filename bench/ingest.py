"""Ingest throughput into PostgreSQL with one and with two Celery worker processes.

    .venv/bin/python bench/ingest.py [--articles 2000] [--workers 1 2]

Creates a fresh database `reactions_bench` on 127.0.0.1:5432, loads the catalogue, writes the seed
articles varied into --articles distinct files (other outlets and publication dates, a numbered
dateline so no two are duplicates), then for each worker count empties the articles, starts the
workers on Redis db 14 and times `manage.py ingest` from the first item queued to the job done.
Prints a table and merges the figures into bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
DB = "reactions_bench"
PG = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/14"


def env() -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environ.update(
        DATABASE_URL=f"{PG}/{DB}",
        REDIS_URL=REDIS,
        SECRET_KEY=environ.get("SECRET_KEY", "bench-only"),
        SECURE_SSL_REDIRECT="0",
    )
    return environ


def manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env(), capture_output=True, text=True, check=True
    )
    return result.stdout


def fresh_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    manage("migrate", "--verbosity", "0")
    manage("load_catalogue")


def write_articles(folder: Path, seeds: Path, count: int) -> None:
    manifest = json.loads((seeds / "manifest.json").read_text(encoding="utf-8"))["articles"]
    texts = [(seeds / m["file"]).read_text(encoding="utf-8") for m in manifest]
    entries = []
    for n in range(count):
        i = n % len(texts)
        published = date(2022, 1, 3) + timedelta(days=n % 20)
        name = f"{n:05d}_{manifest[i]['file']}"
        # A numbered dateline: a distinct article for the duplicate check, the same statements.
        (folder / name).write_text(f"{texts[i]}\n(نشر برقم {n})\n", encoding="utf-8")
        entries.append(
            {"file": name, "source": f"Outlet {n % 97}", "published": published.isoformat(), "language": "ar"}
        )
    (folder / "manifest.json").write_text(json.dumps({"articles": entries}), encoding="utf-8")


def run(folder: Path, workers: int) -> dict:
    with psycopg.connect(f"{PG}/{DB}", autocommit=True) as conn:
        conn.execute(
            "TRUNCATE reactions_statement, articles_article, articles_ingestitem, articles_ingestjob, "
            "articles_source RESTART IDENTITY CASCADE"
        )
        conn.execute("DELETE FROM reactions_actor WHERE provisional")
    redis.Redis.from_url(REDIS).flushdb()
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "reactions",
                "worker",
                "--concurrency=1",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"bench{w}@%h",
            ],
            cwd=ROOT,
            env=env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for w in range(workers)
    ]
    try:
        time.sleep(4)  # let the workers connect
        start = time.perf_counter()
        out = manage("ingest", str(folder))
        elapsed = time.perf_counter() - start
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=30)
    with psycopg.connect(f"{PG}/{DB}") as conn:
        articles = conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        statements = conn.execute("SELECT count(*) FROM reactions_statement").fetchone()[0]
    return {
        "workers": workers,
        "articles": articles,
        "statements": statements,
        "seconds": round(elapsed, 2),
        "articles_per_second": round(articles / elapsed, 1),
        "statements_per_second": round(statements / elapsed, 1),
        "summary": out.strip().splitlines()[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    fresh_database()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_articles(folder, args.seeds, args.articles)
        for workers in args.workers:
            rows.append(run(folder, workers))
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    extraction = json.loads(
        subprocess.run(
            # The same articles the ingest runs store: the seeds.
            [
                sys.executable,
                str(ROOT / "bench" / "extraction.py"),
                "--articles",
                str(args.articles),
                "--sets",
                "seeds",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
    )
    print(f"\n{'':24} {'articles/s':>11} {'statements/s':>13} {'seconds':>8}")
    print(
        f"{'extraction only, 1 core':24} {extraction['articles_per_second']:>11} "
        f"{extraction['statements_per_second']:>13} {extraction['seconds']:>8}"
    )
    for row in rows:
        label = f"ingest, {row['workers']} worker{'s' if row['workers'] > 1 else ''}"
        rate = f"{row['articles_per_second']:>11} {row['statements_per_second']:>13}"
        print(f"{label:24} {rate} {row['seconds']:>8}")
    if len(rows) > 1:
        print(
            f"\nspeed-up with {rows[-1]['workers']} workers: "
            f"{rows[-1]['articles_per_second'] / rows[0]['articles_per_second']:.2f}x"
        )
    print(
        f"ingest with 1 worker vs extraction only: "
        f"{extraction['articles_per_second'] / rows[0]['articles_per_second']:.2f}x slower"
    )
    results_path = ROOT / "bench" / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    results.update({"extraction_seeds": extraction, "ingest": rows})
    results_path.write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
