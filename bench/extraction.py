"""Extraction speed on one core, per language: articles and statements per second.

    .venv/bin/python bench/extraction.py [--articles 2000] [--rounds 5] [--shared ../shared]

Runs the pipeline alone (no database) over the articles of every development set in --shared (the
seeds and dev/ar, dev/en, dev/ru), grouped by each article's language, repeated to at least
--articles articles a language, --rounds times, after one warm-up pass that builds the alias
automaton and fills the morphology caches. The figures are the median round (and the best):
shared machines vary by a third from one minute to the next.
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
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--sets",
        nargs="*",
        default=None,
        help="only these sets of --shared (seeds, dev/ar, ...); default all",
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    t0 = time.perf_counter()
    catalogue = Catalogue.of(load())
    by_language: dict[str, list[tuple[str, ArticleMeta]]] = {}
    folders = {"seeds": args.shared / "seeds"}
    folders.update({f"dev/{p.parent.name}": p for p in sorted((args.shared / "dev").glob("*/articles"))})
    for name, folder in folders.items():
        if args.sets is not None and name not in args.sets:
            continue
        if not (folder / "manifest.json").exists():
            continue
        for name, entry in sorted(read_manifest(folder / "manifest.json").items()):
            meta = ArticleMeta(file=name, published=entry.published, language=entry.language)
            by_language.setdefault(entry.language, []).append((read_article(folder / name), meta))
    for docs in by_language.values():
        for text, meta in docs:
            extract(text, meta, catalogue)  # builds the automaton, fills the caches
    setup = time.perf_counter() - t0

    results = {}
    for language, docs in sorted(by_language.items()):
        rounds = sorted(
            (_round(docs, catalogue, args.articles) for _ in range(max(1, args.rounds))), key=lambda r: r[3]
        )
        articles, statements, chars, elapsed = rounds[len(rounds) // 2]
        best = rounds[0][3]
        results[language] = {
            "sources": len(docs),
            "articles": articles,
            "statements": statements,
            "rounds": len(rounds),
            "seconds": round(elapsed, 3),
            "articles_per_second": round(articles / elapsed, 1),
            "statements_per_second": round(statements / elapsed, 1),
            "best_articles_per_second": round(articles / best, 1),
            "megabytes_per_second": round(chars * 2 / 1e6 / elapsed, 2),
        }
        print(
            f"{language}: {results[language]['articles_per_second']} articles/s, "
            f"{results[language]['statements_per_second']} statements/s on one core, median of "
            f"{len(rounds)} rounds (best {results[language]['best_articles_per_second']}; "
            f"{len(docs)} development articles repeated to {articles}, {elapsed:.2f} s a round)"
        )
    articles = sum(r["articles"] for r in results.values())
    seconds = sum(r["seconds"] for r in results.values())
    statements = sum(r["statements"] for r in results.values())
    overall = {
        "articles": articles,
        "statements": statements,
        "seconds": round(seconds, 3),
        "articles_per_second": round(articles / seconds, 1),
        "statements_per_second": round(statements / seconds, 1),
    }
    print(f"all: {overall['articles_per_second']} articles/s; setup (automaton, warm-up) {setup:.2f} s")
    figures = {**overall, "languages": results, "setup_seconds": round(setup, 3)}
    if args.sets is None:  # every set: the figures bench/summary.py shows
        path = ROOT / "bench" / "results.json"
        stored = json.loads(path.read_text()) if path.exists() else {}
        path.write_text(json.dumps({**stored, "extraction": figures}, indent=1, ensure_ascii=False))
    print(json.dumps(figures))


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
