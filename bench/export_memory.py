"""A web worker's memory and time while it lists and exports beside one very long article.

    .venv/bin/python bench/export_memory.py [--statements 100000] [--long-chars 5000000]
                                            [--long-statements 25000] [--keep-data]

A database of `--statements` synthetic statements (`manage.py synth`, as bench/web.py loads it) and
one more article of `--long-chars` characters holding `--long-statements` statements (ingest accepts
5,000,000 characters; one such article gave 25,000 statements). Then one gunicorn sync worker with
the production settings answers, one at a time: the whole CSV and JSON exports, the API's largest
page and the list page's, each read to its end while the worker's resident memory is sampled every
20 ms. Prints one row a request (rows or bytes, seconds, the worker's memory before and at its
peak); a list's or an export's cost must not depend on the length of the articles it lists.
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import httpx
import psycopg
import web  # bench/web.py: the database, the settings and the server the web benchmark uses

web.DATABASE["name"] = "reactions_bench_export"
web.SERVER.update(workers=1, threads=1)

# `{long}` is the long article's id: its own statements, each row beside 5,000,000 characters.
REQUESTS = (
    "/statements.csv",
    "/statements.json",
    "/api/statements/?page_size=500&article={long}",
    "/?page_size=200&article={long}",
    "/api/statements/?page_size=500",
)


def add_long_article(chars: int, statements: int) -> None:
    """One article of `chars` characters whose statements are spread over it, by the first actor."""
    sentence = "وقال المتحدث إن الوضع في كازاخستان مستقر وإن القوات ستغادر قريبا. "
    text = (sentence * (chars // len(sentence) + 1))[:chars]
    step = max(1, chars // statements)
    with psycopg.connect(f"{web.PG}/{web.DATABASE['name']}", autocommit=True) as conn:
        conn.execute(
            "DELETE FROM reactions_statement"
            " WHERE article_id IN (SELECT id FROM articles_article WHERE file_name = 'long.txt')"
        )
        conn.execute("DELETE FROM articles_article WHERE file_name = 'long.txt'")
        source_id = conn.execute("SELECT id FROM articles_source ORDER BY id LIMIT 1").fetchone()[0]
        actor = conn.execute("SELECT id, country, kind FROM reactions_actor ORDER BY id LIMIT 1").fetchone()
        article_id = conn.execute(
            "INSERT INTO articles_article (source_id, file_name, title, published, language, text,"
            " text_sha256, status, error, pipeline_version, created_at)"
            " VALUES (%s, 'long.txt', 'long', '2022-01-07', 'ar', %s, md5(%s) || md5(%s),"
            " 'extracted', '', '', now())"
            " RETURNING id",
            (source_id, text, text, "long"),
        ).fetchone()[0]
        with conn.cursor().copy(
            'COPY reactions_statement (article_id, speaker_id, content, normalised, start, "end", quote,'
            " said_on, date_rule, topic, act, cue, confidence, corrected_by_human, created_at,"
            " speaker_country, speaker_kind, source_id, language) FROM STDIN"
        ) as copy:
            for n in range(statements):
                start = n * step
                words = text[start : start + 40]
                copy.write_row(
                    (
                        article_id,
                        actor[0],
                        words,
                        words,
                        start,
                        start + 40,
                        "indirect",
                        "2022-01-07",
                        "explicit",
                        "csto",
                        "statement",
                        "قال",
                        0.9,
                        False,
                        "2022-01-07 00:00:00+00",
                        actor[1],
                        actor[2],
                        source_id,
                        "ar",
                    )
                )
    web.settle()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(path: str, worker: int) -> dict:
    before = rss_mb(worker)
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb(worker))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    began = time.perf_counter()
    size = 0
    with httpx.stream("GET", f"{web.BASE}{path}", timeout=900) as response:
        for chunk in response.iter_bytes():
            size += len(chunk)
        status = response.status_code
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    return {
        "path": path,
        "status": status,
        "megabytes": round(size / 2**20, 1),
        "seconds": round(seconds, 2),
        "rss_before_mb": round(before, 1),
        "rss_peak_mb": round(peak[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--long-chars", type=int, default=5_000_000)
    parser.add_argument("--long-statements", type=int, default=25_000)
    parser.add_argument("--keep-data", action="store_true", help="reuse the database when it holds the rows")
    parser.add_argument("--paths", nargs="+", default=list(REQUESTS), help="what to ask, one at a time")
    args = parser.parse_args()
    total = args.statements + args.long_statements
    if not (args.keep_data and web.reuse(total)):
        web.load(args.statements)
        add_long_article(args.long_chars, args.long_statements)
    server = web.gunicorn()
    try:
        worker = int(Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()[0])
        print(
            f"{total:,} statements, one article of {args.long_chars:,} characters holding "
            f"{args.long_statements:,} of them; one gunicorn sync worker"
        )
        print(
            f"{'request':44} {'status':>6} {'MB sent':>8} {'seconds':>8} {'RSS before':>11} {'RSS peak':>9}"
        )
        with psycopg.connect(f"{web.PG}/{web.DATABASE['name']}") as conn:
            long = conn.execute("SELECT id FROM articles_article WHERE file_name = 'long.txt'").fetchone()[0]
        for path in args.paths:
            r = measure(path.format(long=long), worker)
            print(
                f"{r['path']:44} {r['status']:>6} {r['megabytes']:>8} {r['seconds']:>8} "
                f"{r['rss_before_mb']:>10} M {r['rss_peak_mb']:>7} M",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
