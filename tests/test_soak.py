"""A soak the size of a test: 20 clients read for a minute from gunicorn (2 workers) behind the
deployment's nginx while a Celery worker ingests a batch. In its second third, ten slow clients drip
header lines at nginx; in its last third, the web's Redis accepts connections and never answers.
Zero 5xx, zero lost articles, web workers' memory flat; the figures are printed and written to
test-output/soak.json.

    SOAK_SECONDS=300 bin/test tests/test_soak.py -s     # a longer run
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
import redis

from articles.models import Article, IngestJob
from articles.reading import read_manifest
from articles.services import store
from bench.slow_clients import hold
from tests.conftest import REPO
from tests.faults import Proxy
from tests.processes import TEST_REDIS_URL, Gunicorn, Nginx, Worker, manage, write_batch

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
CLIENTS = 20
BATCH = 60
READS = [
    "/",
    "/?act=appeal&topic=csto",
    "/?q=كازاخستان",
    "/timeline/",
    "/events/",
    "/api/statements/",
    "/api/statements/?country=RU&quote=direct",
    "/api/statements/?q=القوات",
    "/api/statements/facets/",
    "/api/actors/?search=lavrov",
    "/statements.json?act=support",
]


def rss_mb(pids: set[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


async def _client(base: str, until: float, statuses: Counter, latencies: list, seed: int) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            path = rng.choice(READS)
            start = time.monotonic()
            try:
                response = await client.get(path)
                statuses[response.status_code] += 1
            except httpx.HTTPError as exc:
                statuses[type(exc).__name__] += 1
            latencies.append(time.monotonic() - start)


async def _load(base: str, seconds: float) -> tuple[Counter, list]:
    statuses: Counter = Counter()
    latencies: list = []
    until = time.monotonic() + seconds
    await asyncio.gather(*(_client(base, until, statuses, latencies, n) for n in range(CLIENTS)))
    return statuses, latencies


def _phases(front: Nginx, redis_proxy: Proxy, seconds: float, log: list[str]) -> threading.Thread:
    """In the background: slow clients in the second third of the soak, a stuck Redis in the last."""

    def run() -> None:
        time.sleep(seconds / 3)
        slow = hold(front.url, clients=10, every=1, seconds=seconds)
        log.append("slow clients")
        time.sleep(seconds / 3)
        slow.stop()
        redis_proxy.hang()
        log.append("redis stuck")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_reads_under_load_with_an_ingest_running_lose_nothing_and_stay_flat(
    loaded_catalogue, seeds, tmp_path
):
    for name, entry in read_manifest(seeds / "manifest.json").items():
        store((seeds / name).read_text(encoding="utf-8"), entry)
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    batch = write_batch(tmp_path / "batch", seeds, BATCH)
    address = redis.Redis.from_url(TEST_REDIS_URL).connection_pool.connection_kwargs
    redis_proxy = Proxy(address["host"], int(address["port"]))
    redis_url = redis_proxy.url("redis://", "/" + TEST_REDIS_URL.rsplit("/", 1)[-1])
    web = Gunicorn(
        tmp_path / "web.log", workers=2, NUM_PROXIES="1", REDIS_URL=redis_url, CACHE_RETRY_SECONDS="2"
    )
    front = Nginx(tmp_path / "nginx", f"127.0.0.1:{web.port}")
    worker = Worker(tmp_path / "worker.log")  # its own connection to Redis, never stuck
    phases: list[str] = []
    try:
        asyncio.run(_load(front.url, 5))  # warm: imports, caches, connections
        pids = web.worker_pids()
        before = rss_mb(pids)
        queued = manage("ingest", str(batch), "--no-wait")
        assert queued.returncode == 0, queued.stderr
        started = time.monotonic()
        background = _phases(front, redis_proxy, SECONDS, phases)
        statuses, latencies = asyncio.run(_load(front.url, SECONDS))
        elapsed = time.monotonic() - started
        background.join()
        redis_proxy.restore()
        after = rss_mb(pids)
        job = IngestJob.objects.get()
        deadline = time.monotonic() + 120
        while IngestJob.objects.get(pk=job.pk).status not in (IngestJob.DONE, IngestJob.FAILED):
            assert time.monotonic() < deadline, "the ingest did not finish"
            time.sleep(0.5)
        assert web.worker_pids() == pids, "a web worker was restarted"
    finally:
        worker.stop()
        front.stop()
        web.stop()
        redis_proxy.close()

    latencies.sort()
    figures = {
        "seconds": round(elapsed, 1),
        "clients": CLIENTS,
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
        "articles_ingested": Article.objects.count() - 5,
        "web_rss_mb_before": round(before, 1),
        "web_rss_mb_after": round(after, 1),
        "phases": ["reads and an ingest", *phases],
    }
    out = REPO / "test-output"
    out.mkdir(exist_ok=True)
    (out / "soak.json").write_text(json.dumps(figures, indent=1))
    print("\nsoak:", json.dumps(figures))

    assert phases == ["slow clients", "redis stuck"]
    assert set(statuses) == {200}, figures["statuses"]  # no 5xx, no 429, no failure
    assert figures["articles_ingested"] == BATCH  # nothing lost
    assert job.counts()["new"] == BATCH
    assert after < before * 1.25 + 16, f"web workers grew from {before:.0f} MB to {after:.0f} MB"
