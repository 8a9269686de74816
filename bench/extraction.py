"""Extraction speed on one core: articles and statements per second.

    .venv/bin/python bench/extraction.py [--articles 2000] [--rounds 5] [--seeds ../shared/seeds]

Runs the pipeline alone (no database) over the seed articles repeated to at least --articles
articles, --rounds times, after one warm-up pass that builds the alias automaton. The figures are
the median round (and the best): shared machines vary by a third from one minute to the next.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction.catalogue import Catalogue  # noqa: E402
from articles.extraction.pipeline import ArticleMeta, extract  # noqa: E402
from articles.reading import read_article, read_manifest  # noqa: E402
from reactions.catalogue.loader import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    t0 = time.perf_counter()
    catalogue = Catalogue.of(load())
    manifest = read_manifest(args.seeds / "manifest.json")
    docs = [
        (read_article(args.seeds / name), ArticleMeta(file=name, published=e.published))
        for name, e in sorted(manifest.items())
    ]
    extract(docs[0][0], docs[0][1], catalogue)  # builds the automaton once
    setup = time.perf_counter() - t0

    rounds = [_round(docs, catalogue, args.articles) for _ in range(max(1, args.rounds))]
    rounds.sort(key=lambda r: r[3])
    articles, statements, chars, elapsed = rounds[len(rounds) // 2]
    best = rounds[0][3]
    result = {
        "articles": articles,
        "statements": statements,
        "rounds": len(rounds),
        "seconds": round(elapsed, 3),
        "articles_per_second": round(articles / elapsed, 1),
        "statements_per_second": round(statements / elapsed, 1),
        "best_articles_per_second": round(articles / best, 1),
        "megabytes_per_second": round(chars * 2 / 1e6 / elapsed, 2),
        "setup_seconds": round(setup, 3),
    }
    print(
        f"extraction on one core: {result['articles_per_second']} articles/s, "
        f"{result['statements_per_second']} statements/s, median of {len(rounds)} rounds "
        f"(best {result['best_articles_per_second']} articles/s; {articles} articles, "
        f"{statements} statements in {elapsed:.2f} s a round; setup {setup:.2f} s)"
    )
    print(json.dumps(result))


def _round(docs, catalogue, target: int) -> tuple[int, int, int, float]:
    """Articles, statements and characters extracted, and the seconds it took."""
    articles = statements = chars = 0
    start = time.perf_counter()
    while articles < target:
        for text, meta in docs:
            statements += len(extract(text, meta, catalogue))
            articles += 1
            chars += len(text)
    return articles, statements, chars, time.perf_counter() - start


if __name__ == "__main__":
    main()
