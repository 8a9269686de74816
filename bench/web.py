"""Pages and API under load, on synthetic data of 100,000 and 1,000,000 statements.

    .venv/bin/python bench/web.py [--sizes 100000 1000000] [--clients 20] [--seconds 15] [--repeat 3]

For each size: a fresh database on 127.0.0.1:5432 (`reactions_bench_web` for the largest,
`reactions_bench_web_<size>` for the others; BENCH_PG names another server), the catalogue,
`manage.py synth`; then, size after size, gunicorn with the production settings (DEBUG off,
whitenoise, Redis cache on db 13) on 127.0.0.1:8099, and a load generator of our own (asyncio +
httpx, bounded in clients, requests and seconds) on loopback. Each scenario draws its URLs from a
fixed, seeded set of realistic filters (busy and quiet speakers, acts, countries, search words
from the synthetic word list), so caches see what they would see from many users, not one URL
repeated. The first request of every URL is a cold miss and is counted like the others; scenarios
named "unseen" ask each question once (a search word under an act and a country, an actor's name
since a day, a 300-character passage of stored words POSTed to the quote check), so no answer cache
can help. A client
that gets a statements page whose counts are still coming asks for them next, as the page's htmx
does (measured apart: "counts").

Each scenario runs `--repeat` times at each size, the sizes taking turns (a server started anew
for each turn), each run from the cache an ingest leaves (emptied, then the unfiltered counts
counted again); the run with the median p95 is the one reported. Prints one table (p50/p95/p99 in
ms and requests/s per scenario and size, growth from the smallest to the largest size) and merges
the figures into bench/results.json under "web".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reactions.lib.synthetic import WORDS  # noqa: E402

DB = "reactions_bench_web"  # the largest size's (bench/plans.py reads it); a smaller size's: DB_<size>
DATABASE = {"name": DB}  # the database the next command or server uses
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")  # the server measured
REDIS = "redis://127.0.0.1:6379/13"
PORT = 8099
BASE = f"http://127.0.0.1:{PORT}"
ACTS = ["appeal", "support", "disapprove", "reject", "demand", "statement"]
COUNTRIES = ["KZ", "RU", "US", "CN", "TR", "IR", "UZ", "EU", "UN"]
TARGETS = {  # p95 in ms, from the Explorer and API issues
    "api: 2 filters": 50,
    "api: search": 150,
    "api: search, unseen": 150,
    "api: name search, unseen": 150,
    "api: check 300 characters, unseen": 300,
    "api: facets": 200,
    "page: 2 filters + search": 150,
    "page: actor": 150,
    "page: actor, unseen": 150,
    "page: timeline": 300,
    "page: overview": 300,
    "page: overview, unseen": 300,
}


def env() -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    environ.update(
        DATABASE_URL=f"{PG}/{DATABASE['name']}",
        REDIS_URL=REDIS,
        SECRET_KEY=environ.get("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnop"),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        API_ANON_RATE="off",  # the benchmark measures the app, not the throttle
        API_USER_RATE="off",
        # The benchmark's database fits in this machine's memory, as docs/scaling.md advises a
        # deployment's should: no read-ahead requests for pages already there (reactions/settings.py).
        DB_IO_CONCURRENCY=environ.get("DB_IO_CONCURRENCY", "0"),
    )
    return environ


def manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env(), capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def load(size: int) -> dict:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE['name']} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE['name']}")
    manage("migrate", "--verbosity", "0")
    manage("load_catalogue")
    began = time.perf_counter()
    out = manage("synth", "--statements", str(size), "--actors", str(max(200, size // 200)), "--seed", "1")
    seconds = time.perf_counter() - began
    print(out.strip(), flush=True)
    settle()
    return {"statements": size, "synth_seconds": round(seconds, 1)}


def settle() -> None:
    """A database in use has been vacuumed and written out: without VACUUM, autovacuum's first pass
    over the new rows lands in the middle of a scenario and index-only scans visit the rows; without
    CHECKPOINT, the writes VACUUM leaves behind slow the first scenarios (the API list measured 2x
    slower at 1,000,000 than at 100,000 while it ran first)."""
    with psycopg.connect(f"{PG}/{DATABASE['name']}", autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
        conn.execute("CHECKPOINT")


def reuse(size: int) -> dict | None:
    """The benchmark database as a previous run left it, when it holds `size` statements."""
    try:
        with psycopg.connect(f"{PG}/{DATABASE['name']}") as conn:
            held = conn.execute("SELECT count(*) FROM reactions_statement").fetchone()[0]
    except psycopg.Error:
        return None
    if held != size:
        return None
    manage("migrate", "--verbosity", "0")  # the indexes of this checkout
    settle()
    return {"statements": size, "synth_seconds": None}


def use(size: int, sizes: list[int]) -> None:
    """Point the commands and the server at the database of this size (each size keeps its own, so
    that the sizes can take turns)."""
    DATABASE["name"] = DB if size == max(sizes) else f"{DB}_{size}"


def url_sets(seed: int = 1) -> dict[str, list[str]]:
    """The URLs of each scenario: seeded, so every run and every size asks the same questions."""
    rng = random.Random(seed)
    with psycopg.connect(f"{PG}/{DATABASE['name']}") as conn:
        busy = [
            r[0]
            for r in conn.execute(
                "SELECT a.slug FROM reactions_actor a JOIN reactions_statement s ON s.speaker_id = a.id "
                "GROUP BY a.slug ORDER BY count(*) DESC LIMIT 60"
            )
        ]
        named = [r[0] for r in conn.execute("SELECT name FROM reactions_actor ORDER BY id LIMIT 2000")]
        sample = (
            "SELECT content FROM reactions_statement TABLESAMPLE BERNOULLI (1) REPEATABLE (%s) LIMIT 12000"
        )
        said = [r[0] for r in conn.execute(sample, [seed])]
    words = list(WORDS[20:200])  # past the function words, which match nearly everything
    days = [f"2022-01-{d:02}" for d in range(1, 32)]

    def pick(n: int, make) -> list[str]:
        return [make() for _ in range(n)]

    def unseen(combinations: list) -> list:
        """Every combination once, shuffled: a scenario of these asks nothing twice (the cache is
        emptied before each scenario), as an analyst exploring does."""
        rng.shuffle(combinations)
        return combinations

    def passages(length: int = 300) -> list[Posted]:
        """Stored statements' words run together and cut at `length` characters: the passage a
        journalist pastes, each one new."""
        out, words = [], iter(said)
        for first in words:
            text = first
            while len(text) < length:
                text += " " + next(words, "")
            out.append(Posted("/api/check/", json.dumps({"text": text[:length]}).encode()))
        return out

    two = lambda: {"act": rng.choice(ACTS), "country": rng.choice(COUNTRIES)}  # noqa: E731
    return {
        "api: list": ["/api/statements/"],
        "api: 2 filters": pick(40, lambda: "/api/statements/?" + urlencode(two())),
        "api: search": pick(40, lambda: "/api/statements/?" + urlencode({"q": rng.choice(words)})),
        "api: search, unseen": unseen(
            [
                "/api/statements/?" + urlencode({"q": w, "act": a, "country": c})
                for w in words
                for a in ACTS
                for c in COUNTRIES
            ]
        ),
        "api: name search, unseen": unseen(
            ["/api/statements/?" + urlencode({"q": n, "said_from": d}) for n in named for d in days[::3]]
        ),
        "api: check 300 characters, unseen": unseen(passages()),
        "api: facets": pick(30, lambda: "/api/statements/facets/?" + urlencode(two())),
        "page: list": ["/"],
        "page: 2 filters + search": pick(40, lambda: "/?" + urlencode({**two(), "q": rng.choice(words)})),
        "page: actor": pick(40, lambda: f"/actors/{rng.choice(busy)}/"),
        # The busiest speakers' pages from a day on: each count, chart and list new to every cache.
        "page: actor, unseen": unseen([f"/actors/{a}/?said_from={d}" for a in busy for d in days]),
        "page: timeline": pick(
            10, lambda: "/timeline/?" + urlencode({"stack": rng.choice(["country", "act"])})
        )
        + ["/timeline/?" + urlencode({"act": a}) for a in ACTS[:4]],
        "page: overview": [
            "/reactions/",
            *pick(19, lambda: "/reactions/?" + urlencode({"topic": rng.choice(["csto", "protests"])})),
        ],
        # Every period of the month (a first and a last day), under a topic or a language or none.
        "page: overview, unseen": unseen(
            [
                "/reactions/?" + urlencode({"said_from": a, "said_to": b, **extra})
                for i, a in enumerate(days)
                for b in days[i:]
                for extra in ({}, {"topic": "csto"}, {"topic": "protests"}, {"language": "ru"})
            ]
        ),
    }


class Connection:
    """A bare HTTP/1.1 client connection on loopback: the load generator shares two cores with the
    server, and httpx spent more CPU on each request (4-5 ms) than a cached answer costs to serve,
    so it measured itself. This one parses a status line, headers and a Content-Length or chunked
    body, and connects again when the server closes (gunicorn's sync workers close after each
    answer)."""

    def __init__(self, port: int = PORT) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        return await self.send("GET", path, headers)

    async def send(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        fields = {**(headers or {}), **({"Content-Length": str(len(body))} if body else {})}
        extra = "".join(f"{k}: {v}\r\n" for k, v in fields.items())
        request = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n"
        self.writer.write(request.encode() + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        pairs = (line.partition(":") for line in lines[1:] if line)
        fields = {k.strip().lower(): v.strip() for k, _, v in pairs}
        if "content-length" in fields:
            body = await self.reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunked()
        else:
            body = await self.reader.read()
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, body

    async def _chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readline()).split(b";")[0], 16)
            if size == 0:
                await self.reader.readline()
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readline()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def stats(latencies: list[float], errors: int, elapsed: float) -> dict:
    cut = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50": round(cut[49], 1),
        "p95": round(cut[94], 1),
        "p99": round(cut[98], 1),
        "rps": round(len(latencies) / elapsed, 1),
    }


# Before measuring, each web process loads its code, templates and database connection on pages
# outside the scenarios' sets: what is measured is a running server, not its first seconds, while
# every scenario URL still starts cold in the cache.
WARM_UP = ["/healthz", "/events/", "/api/sources/", "/api/statements/?page_size=5", "/?page_size=10"]

PENDING = b'"X-Counts": "now"'  # a statements page whose counts are still to come asks for them


@dataclass(frozen=True)
class Posted:
    """A POST of a JSON body (the quote check), where a scenario's other requests are GET paths."""

    path: str
    body: bytes


JSON_BODY = {"Content-Type": "application/json"}


async def hammer(
    urls: list[str | Posted], clients: int, seconds: float, max_requests: int, port: int = PORT
) -> dict:
    """`clients` closed-loop clients asking for `urls` in turn for `seconds` (or `max_requests`), of
    the server on `port`.

    Like a browser, a client that gets a statements page whose counts are still coming asks for
    them next (htmx's `X-Counts: now` request); those are measured apart, under "counts"."""
    latencies: list[float] = []
    counts: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    order = iter(range(10**9))

    async def client() -> None:
        nonlocal errors
        connection = Connection(port)
        try:
            while time.perf_counter() < deadline:
                n = next(order)
                if n >= max_requests:
                    return
                began = time.perf_counter()
                asked = urls[n % len(urls)]
                if isinstance(asked, Posted):
                    status, body = await connection.send("POST", asked.path, JSON_BODY, asked.body)
                else:
                    status, body = await connection.get(asked)
                latencies.append((time.perf_counter() - began) * 1000)
                errors += status >= 400
                if PENDING in body:
                    began = time.perf_counter()
                    status, _ = await connection.get(
                        urls[n % len(urls)], {"HX-Request": "true", "X-Counts": "now"}
                    )
                    counts.append((time.perf_counter() - began) * 1000)
                    errors += status >= 400
        finally:
            connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - began
    result = stats(latencies, errors, elapsed)
    if len(counts) >= 2:
        result["counts"] = stats(counts, 0, elapsed)
    return result


def cold_cache() -> None:
    """The cache as an ingest leaves it: emptied of every answer and count, then the unfiltered
    list's counts and timeline counted again, as the ingest's warm-up does (articles/tasks.py)."""
    redis.Redis.from_url(REDIS).flushdb()
    manage("shell", "-c", "from reactions.queries import warm_counts; warm_counts()")


def median_run(runs: list[dict]) -> dict:
    """The run whose p95 is the median of the runs', with every run's p95 beside it: on two shared
    cores one run's p95 moved by half from one run to the next (other processes, the kernel's page
    cache), which is as much as the growth it is compared with."""
    ranked = sorted(runs, key=lambda r: r["p95"])
    return {**ranked[(len(ranked) - 1) // 2], "p95_runs": [r["p95"] for r in runs]}


def csv_export(limit_rows: int = 100_000) -> dict:
    """Stream the CSV of the whole list, counting rows as they come, and the worker's memory."""
    began, rows = time.perf_counter(), 0
    with httpx.stream("GET", f"{BASE}/statements.csv", timeout=600) as response:
        for _line in response.iter_lines():
            rows += 1
            if rows > limit_rows:
                break
    seconds = time.perf_counter() - began
    return {"rows": rows - 1, "seconds": round(seconds, 2), "rows_per_second": round((rows - 1) / seconds)}


# How gunicorn runs (as docker-compose.yml runs it: sync workers, 2 x cores + 1), unless --workers and
# --threads say otherwise. Sync workers measured best here: gthread's threads contend for the GIL.
SERVER = {"workers": 5, "threads": 1, "class": "sync"}


def gunicorn() -> subprocess.Popen:
    redis.Redis.from_url(REDIS).flushdb()
    manage("collectstatic", "--noinput", "--verbosity", "0")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "reactions.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(SERVER["workers"]),
            "--threads",
            str(SERVER["threads"]),
            "--worker-class",
            SERVER["class"] if SERVER["threads"] == 1 else "gthread",
            "--timeout",
            "900",  # as the image: a sync worker streaming a long export must not be killed at 30 s
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env(),
        start_new_session=True,
    )
    return answering(proc, f"{BASE}/healthz", "gunicorn")


def answering(proc: subprocess.Popen, url: str, name: str, tries: int = 150) -> subprocess.Popen:
    """`proc` once `url` answers 200; the benchmark stops if it never does."""
    for _ in range(tries):
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    sys.exit(f"{name} did not answer {url}")


def worker_rss_mb(proc: subprocess.Popen) -> float:
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(proc.pid)], capture_output=True, text=True).stdout
    return round(sum(int(x) for x in out.split()) / 1024, 1)


def arguments(doc: str) -> argparse.ArgumentParser:
    """The options every load benchmark takes (this one and bench/versus_datasette.py)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--max-requests", type=int, default=3000, help="a scenario's requests at most")
    parser.add_argument("--only", nargs="+", default=[], help="scenarios whose name contains one of these")
    parser.add_argument(
        "--keep-data", action="store_true", help="reuse the benchmark database when it holds the size already"
    )
    return parser


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of a scenario, each from a cold cache; median p95 kept"
    )
    parser.add_argument("--workers", type=int, default=SERVER["workers"], help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=SERVER["threads"], help="more than 1: gthread")
    args = parser.parse_args()
    SERVER.update(workers=args.workers, threads=args.threads)
    sizes = args.sizes
    results: dict[str, dict] = {}
    for size in sizes:
        use(size, sizes)
        results[str(size)] = (reuse(size) if args.keep_data else None) or load(size)
    runs: dict[int, dict[str, list[dict]]] = {size: defaultdict(list) for size in sizes}
    for turn in range(max(1, args.repeat)):
        for size in sizes:  # the sizes take turns, so that a slow minute of the machine is not one size's
            use(size, sizes)
            server = gunicorn()
            try:
                asyncio.run(hammer(WARM_UP, args.clients, 10, 200))
                for name, urls in url_sets().items():
                    if args.only and not any(part in name for part in args.only):
                        continue
                    cold_cache()
                    runs[size][name].append(
                        asyncio.run(hammer(urls, args.clients, args.seconds, args.max_requests))
                    )
                    print(f"{size:>9,} {name:28} {json.dumps(runs[size][name][-1])}", flush=True)
                if turn == 0:
                    before = worker_rss_mb(server)
                    csv = results[str(size)]["csv"] = csv_export()
                    csv["workers_rss_mb_before_after"] = [before, worker_rss_mb(server)]
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
    for size in sizes:
        results[str(size)]["scenarios"] = {name: median_run(r) for name, r in runs[size].items()}
    report(results, args)


def report(results: dict[str, dict], args) -> None:
    sizes = list(results)
    print(
        f"\n{args.clients} clients, {args.seconds:.0f} s a scenario, gunicorn {SERVER['workers']} sync "
        "workers, loopback"
    )
    print(
        f"{'scenario':28}"
        + "".join(f"{int(s):>12,} p50/p95/p99 ms   rps" for s in sizes)
        + "  target p95  growth"
    )
    for name in results[sizes[0]]["scenarios"]:
        cells = ""
        for s in sizes:
            r = results[s]["scenarios"][name]
            cells += f"   {r['p50']:>7}/{r['p95']:>7}/{r['p99']:>7} {r['rps']:>7}"
        first, last = (
            results[sizes[0]]["scenarios"][name]["p95"],
            results[sizes[-1]]["scenarios"][name]["p95"],
        )
        target = TARGETS.get(name)
        print(f"{name:28}{cells}  {target or '':>10}  {last / max(first, 0.1):>5.2f}x")
        runs = [results[s]["scenarios"][name].get("p95_runs", []) for s in sizes]
        if any(len(r) > 1 for r in runs):  # the median run is shown; every run's p95 beside it
            print(f"{'  p95 of each run (ms)':28}   " + "; ".join(" / ".join(map(str, r)) for r in runs))
        counted = [results[s]["scenarios"][name].get("counts") for s in sizes]
        if any(counted):  # the htmx requests for counts that followed a page still counting
            asked = [f"{c['requests']} asked, p50/p95 {c['p50']}/{c['p95']}" if c else "-" for c in counted]
            print(f"{'  then its counts (ms)':28}   " + "; ".join(asked))
    for s in sizes:
        r = results[s]
        print(
            f"{int(s):>9,} statements: synth {r['synth_seconds']} s; CSV {r['csv']['rows']:,} rows in "
            f"{r['csv']['seconds']} s ({r['csv']['rows_per_second']:,}/s), web workers' memory "
            f"{r['csv']['workers_rss_mb_before_after'][0]} -> {r['csv']['workers_rss_mb_before_after'][1]} MB"
        )
    if args.only:
        print("(some scenarios only: bench/results.json left as it was)")
        return
    path = ROOT / "bench" / "results.json"
    saved = json.loads(path.read_text()) if path.exists() else {}
    saved["web"] = {"clients": args.clients, "seconds": args.seconds, "sizes": results}
    path.write_text(json.dumps(saved, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
