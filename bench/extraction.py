"""Extraction speed on one core: articles and statements per second.

    .venv/bin/python bench/extraction.py [--articles 2000] [--seeds ../shared/seeds]

Runs the pipeline alone (no database) over the seed articles repeated to at least --articles
articles, after one warm-up pass that builds the alias automaton.
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

    articles = statements = chars = 0
    start = time.perf_counter()
    while articles < args.articles:
        for text, meta in docs:
            statements += len(extract(text, meta, catalogue))
            articles += 1
            chars += len(text)
    elapsed = time.perf_counter() - start
    result = {
        "articles": articles,
        "statements": statements,
        "seconds": round(elapsed, 3),
        "articles_per_second": round(articles / elapsed, 1),
        "statements_per_second": round(statements / elapsed, 1),
        "megabytes_per_second": round(chars * 2 / 1e6 / elapsed, 2),
        "setup_seconds": round(setup, 3),
    }
    print(
        f"extraction on one core: {result['articles_per_second']} articles/s, "
        f"{result['statements_per_second']} statements/s "
        f"({articles} articles, {statements} statements in {elapsed:.2f} s; setup {setup:.2f} s)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
