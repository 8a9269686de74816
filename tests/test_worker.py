"""The real thing: a Celery worker on the Redis at 127.0.0.1:6379 and the test PostgreSQL database."""

import pytest
import redis

from articles.models import Article, IngestJob
from reactions.models import Statement
from tests.processes import TEST_REDIS_URL, Worker, manage

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def worker(tmp_path):
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    worker = Worker(tmp_path / "worker.log")
    yield worker
    worker.stop()


def test_a_worker_ingests_the_seed_articles_once(loaded_catalogue, seeds, worker):
    first = manage("ingest", str(seeds))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "5 items: 5 new, 0 duplicate, 0 failed" in first.stdout
    assert Article.objects.count() == 5
    assert Statement.objects.count() > 80
    assert all(a.statements.exists() for a in Article.objects.all())
    assert IngestJob.objects.get().status == IngestJob.DONE

    second = manage("ingest", str(seeds))
    assert "5 items: 0 new, 5 duplicate, 0 failed" in second.stdout
    assert Article.objects.count() == 5
