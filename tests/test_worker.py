"""The real thing: a Celery worker on the Redis at 127.0.0.1:6379 and the test PostgreSQL database."""

import os
import subprocess
import sys
import time

import pytest
import redis
from celery import Celery
from django.conf import settings

from articles.models import Article, IngestJob
from reactions.models import Statement
from tests.conftest import REPO

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    environ = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environ.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
        DB_CONN_MAX_AGE="0",
    )
    return environ


@pytest.fixture
def worker(tmp_path):
    environ = _env()
    # A file, not a pipe: a full pipe would block the worker.
    log = open(tmp_path / "worker.log", "w+")  # noqa: SIM115 - closed when the fixture ends
    redis.Redis.from_url(environ["REDIS_URL"]).flushdb()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "reactions",
            "worker",
            "--concurrency=2",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=REPO,
        env=environ,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    app = Celery(broker=environ["REDIS_URL"])
    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=1):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.seek(0)
            pytest.fail("the Celery worker did not start:\n" + log.read())
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()
    app.close()


def _ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "ingest", *args],
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_worker_ingests_the_seed_articles_once(loaded_catalogue, seeds, worker):
    first = _ingest(str(seeds))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "5 items: 5 new, 0 duplicate, 0 failed" in first.stdout
    assert Article.objects.count() == 5
    assert Statement.objects.count() > 80
    assert all(a.statements.exists() for a in Article.objects.all())
    assert IngestJob.objects.get().status == IngestJob.DONE

    second = _ingest(str(seeds))
    assert "5 items: 0 new, 5 duplicate, 0 failed" in second.stdout
    assert Article.objects.count() == 5
