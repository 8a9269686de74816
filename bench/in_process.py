"""One request at a time, in-process, every one a question no cache has seen: where the time goes.

    .venv/bin/python bench/in_process.py [--size 1000000] [--requests 300] \
        list facets page search name overview

Uses the database `bench/web.py` leaves for `--size` (run it, or bench/versus_datasette.py, first)
and its own Redis database (12, emptied first). For each scenario, the questions of
bench/versus_datasette.py (a speaker and a day; a word, an act and a country), asked through
Django's test client after five to warm up: prints the wall time, the Python CPU time, the queries
and their time per request. `--profile N` adds cProfile's N costliest functions by total time
(SORT=cumulative in the environment: by cumulative time; CALLERS=name: who calls it).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import web  # bench/web.py: the databases and the server's settings

REDIS = "redis://127.0.0.1:6379/12"


def questions(scenario: str, slugs: list[str], rng: random.Random):
    from reactions.lib.synthetic import WORDS
    from reactions.models import ActorAlias

    names = list(ActorAlias.objects.filter(kind="name").values_list("text", flat=True)) or ["CSTO"]

    while True:
        speaker, day = rng.choice(slugs), f"2022-01-{rng.randint(1, 28):02d}"
        last = f"2022-01-{rng.randint(int(day[-2:]), 31):02d}"
        extra = rng.choice(["", "&topic=csto", "&topic=protests", "&language=ru"])
        yield {
            "list": f"/api/statements/?speaker={speaker}&said_from={day}",
            "facets": f"/api/statements/facets/?speaker={speaker}&said_from={day}",
            "page": f"/?speaker={speaker}&said_from={day}&counts=now",
            "search": f"/api/statements/?q={rng.choice(WORDS[20:200])}&act=appeal&country=RU",
            # A name: what the actor said and the statements naming it (reactions/search.py).
            "name": f"/api/statements/?q={rng.choice(names)}&said_from={day}",
            # A period of the month under a topic, a language or none (bench/web.py's "unseen").
            "overview": f"/reactions/?said_from={day}&said_to={last}{extra}",
        }[scenario]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    scenarios = ["list", "facets", "page", "search", "name", "overview"]
    parser.add_argument("scenarios", nargs="+", choices=scenarios)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", type=int, default=0, help="print this many functions of cProfile's")
    args = parser.parse_args()
    # As bench/web.py names them when it loads both sizes: the largest its own name.
    web.DATABASE["name"] = web.DB if args.size == 1_000_000 else f"{web.DB}_{args.size}"
    os.environ.update(web.env(), REDIS_URL=REDIS, DJANGO_SETTINGS_MODULE="reactions.settings")
    import django

    django.setup()
    import redis
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from reactions.models import Actor

    redis.Redis.from_url(REDIS).flushdb()
    slugs = list(Actor.objects.filter(statements__isnull=False).distinct().values_list("slug", flat=True))
    client = Client(HTTP_HOST="127.0.0.1")
    for scenario in args.scenarios:
        asked = questions(scenario, slugs, random.Random(3))
        for _ in range(5):
            client.get(next(asked))
        urls = [next(asked) for _ in range(args.requests)]
        profile = cProfile.Profile() if args.profile else None
        queries = sql = 0.0
        began, cpu = time.perf_counter(), time.process_time()
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                if profile:
                    profile.enable()
                response = client.get(url)
                if profile:
                    profile.disable()
            if response.status_code != 200:
                sys.exit(f"{url}: {response.status_code}")
            queries += len(captured.captured_queries)
            sql += sum(float(q["time"]) for q in captured.captured_queries)
        n = len(urls)
        print(
            f"{args.size:>9,} {scenario:<7} {(time.perf_counter() - began) / n * 1000:6.1f} ms a request, "
            f"{(time.process_time() - cpu) / n * 1000:5.1f} ms Python CPU, {queries / n:4.1f} queries "
            f"({sql / n * 1000:.1f} ms as Django times them)",
            flush=True,
        )
        if profile:
            stats = pstats.Stats(profile).sort_stats(os.environ.get("SORT", "tottime"))
            stats.print_stats(args.profile)
            if os.environ.get("CALLERS"):  # who calls the functions matching this
                stats.print_callers(os.environ["CALLERS"])


if __name__ == "__main__":
    main()
