"""Faults on the real services: a worker killed mid-batch, Redis away, PostgreSQL dropped, a double
submit. PostgreSQL and Redis keep running for the rest of the suite: the processes under test reach
them through a tests.faults.Proxy, which a test cuts and restores."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import redis
from django.contrib.auth.models import Group, User
from django.db import connection
from rest_framework.authtoken.models import Token

from articles.extraction.catalogue import Catalogue
from articles.extraction.pipeline import ArticleMeta, extract
from articles.models import Article, IngestItem, IngestJob
from reactions.catalogue.loader import load
from reactions.models import Actor, Statement
from tests.conftest import REPO
from tests.faults import Proxy
from tests.processes import (
    TEST_REDIS_URL,
    Gunicorn,
    Nginx,
    Worker,
    database_url,
    environment,
    free_port,
    manage,
    write_batch,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

# A killed worker's unacknowledged tasks come back after this many seconds (the default is minutes).
QUICK_REDELIVERY = {"CELERY_VISIBILITY_TIMEOUT": "3"}


@pytest.fixture
def fresh_queue():
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()


@pytest.fixture
def db_proxy():
    settings_db = connection.settings_dict
    proxy = Proxy(settings_db["HOST"] or "127.0.0.1", int(settings_db["PORT"] or 5432))
    yield proxy
    proxy.close()


@pytest.fixture
def redis_proxy():
    url = redis.Redis.from_url(TEST_REDIS_URL).connection_pool.connection_kwargs
    proxy = Proxy(url["host"], int(url["port"]))
    yield proxy
    proxy.close()


def redis_db() -> str:
    return "/" + TEST_REDIS_URL.rsplit("/", 1)[-1]


def wait_for(condition, timeout: float = 120, every: float = 0.05, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def queue_batch(folder: Path) -> IngestJob:
    queued = manage("ingest", str(folder), "--no-wait")
    assert queued.returncode == 0, queued.stdout + queued.stderr
    return IngestJob.objects.get(pk=int(re.search(r"ingest job (\d+)", queued.stdout).group(1)))


def assert_stored_exactly_once(folder: Path, job: IngestJob) -> None:
    """Every article of the batch once, each with all the statements the pipeline finds in it."""
    job.refresh_from_db()
    files = sorted(folder.glob("*.txt"))
    assert job.status == IngestJob.DONE
    assert sorted(job.items.values_list("position", flat=True)) == list(range(len(files)))
    assert job.counts()["new"] == len(files)
    assert Article.objects.count() == len(files)
    assert_every_article_complete()


def assert_every_article_complete() -> None:
    """Nothing half-written: each article holds every statement the pipeline finds in its text."""
    catalogue = Catalogue.of(load())
    for article in Article.objects.all():
        expected = len(extract(article.text, ArticleMeta(file="", published=article.published), catalogue))
        assert article.statements.count() == expected, article.pk


def test_a_worker_killed_mid_batch_leaves_every_article_stored_once(
    loaded_catalogue, seeds, tmp_path, fresh_queue
):
    folder = write_batch(tmp_path / "batch", seeds, 40)
    worker = Worker(tmp_path / "worker.log", **QUICK_REDELIVERY)
    try:
        job = queue_batch(folder)
        wait_for(lambda: IngestItem.objects.filter(job=job).count() >= 5, what="the first items")
        worker.kill()
        done_at_kill = IngestItem.objects.filter(job=job).count()
        assert done_at_kill < 40, "the batch finished before the worker was killed"
    finally:
        worker.stop()
    second = Worker(tmp_path / "worker2.log", **QUICK_REDELIVERY)
    try:
        wait_for(lambda: IngestJob.objects.get(pk=job.pk).status == IngestJob.DONE, what="the batch")
    finally:
        second.stop()
    assert_stored_exactly_once(folder, job)


def test_an_item_whose_message_the_queue_lost_is_queued_again_and_its_job_finishes(
    loaded_catalogue, seeds, tmp_path, fresh_queue
):
    # kombu takes a message from the list (BRPOP) before it writes it to its unacked set: a worker
    # killed in between takes it with it. The test takes one as such a worker would, and drops it.
    folder = write_batch(tmp_path / "batch", seeds, 6)
    job = queue_batch(folder)
    broker = redis.Redis.from_url(TEST_REDIS_URL)
    assert broker.rpop("celery") is not None
    assert broker.hlen("unacked") == 0
    worker = Worker(tmp_path / "worker.log", **QUICK_REDELIVERY)
    try:
        wait_for(
            lambda: IngestJob.objects.get(pk=job.pk).status == IngestJob.DONE, what="the batch", timeout=60
        )
    finally:
        worker.stop()
    assert_stored_exactly_once(folder, job)


def test_a_dropped_database_connection_is_retried_by_the_task(
    loaded_catalogue, seeds, tmp_path, fresh_queue, db_proxy
):
    folder = write_batch(tmp_path / "batch", seeds, 30)
    worker = Worker(
        tmp_path / "worker.log",
        loglevel="INFO",  # retries are logged at INFO
        DATABASE_URL=db_proxy.url("postgres://postgres@", path_of_db()),
    )
    try:
        job = queue_batch(folder)
        wait_for(lambda: IngestItem.objects.filter(job=job).count() >= 3, what="the first items")
        with db_proxy.outage():  # every connection of the worker dropped, new ones refused
            at_cut = IngestItem.objects.filter(job=job).count()
            time.sleep(3)
        assert at_cut < 30, "the batch finished before the connection was dropped"
        wait_for(lambda: IngestJob.objects.get(pk=job.pk).status == IngestJob.DONE, what="the batch")
    finally:
        worker.stop()
    assert re.search(r"Retry in \d+s: OperationalError", worker.output()), worker.output()[-3000:]
    assert_stored_exactly_once(folder, job)


def path_of_db() -> str:
    return "/" + database_url().rsplit("/", 1)[-1]


@pytest.fixture
def analyst(db):
    user = User.objects.create_user("ana", password="a-long-test-password-1")
    user.groups.add(Group.objects.get_or_create(name="analysts")[0])
    return user, Token.objects.create(user=user).key


def test_with_redis_away_an_ingest_is_refused_clearly_and_succeeds_once_it_is_back(
    loaded_catalogue, seeds, tmp_path, fresh_queue, redis_proxy, analyst
):
    _user, token = analyst
    redis_url = redis_proxy.url("redis://", redis_db())
    web = Gunicorn(tmp_path / "web.log", REDIS_URL=redis_url)
    body = {"articles": [{"text": (seeds / sorted(seeds.glob("*.txt"))[0].name).read_text(), "source": "X"}]}
    headers = {"Authorization": f"Token {token}"}
    try:
        with redis_proxy.outage():
            # The API: a 503 in the error shape, and nothing queued or stored.
            refused = httpx.post(web.url + "/api/ingest/", json=body, headers=headers, timeout=30)
            assert refused.status_code == 503, refused.text
            assert "task queue is unavailable" in refused.json()["error"]["message"]
            assert str(redis_proxy.port) not in refused.text  # the broker's address is not shown
            # The page: the form again, with the reason.
            page = signed_in(web.url, "ana", "a-long-test-password-1")
            form = page.get(web.url + "/ingest/")
            answer = page.post(
                web.url + "/ingest/",
                data={"urls": "https://example.org/a", "csrfmiddlewaretoken": csrf_of(form.text)},
                headers={"Referer": web.url + "/ingest/"},
            )
            assert answer.status_code == 400
            assert "task queue is unavailable" in answer.text
            # The command: one line and a failing exit.
            command = manage("ingest", str(seeds), "--no-wait", REDIS_URL=redis_url)
            assert command.returncode == 1, command.stderr
            assert "task queue" in command.stderr
            assert "Traceback" not in command.stderr
            # Reads go on without the cache.
            assert httpx.get(web.url + "/api/statements/", timeout=30).status_code == 200
            assert httpx.get(web.url + "/", timeout=30).status_code == 200
        assert Article.objects.count() == 0
        assert not IngestJob.objects.exclude(status=IngestJob.FAILED).exists()

        worker = Worker(tmp_path / "worker.log")
        try:
            accepted = httpx.post(web.url + "/api/ingest/", json=body, headers=headers, timeout=30)
            assert accepted.status_code == 202, accepted.text
            job = IngestJob.objects.get(pk=accepted.json()["id"])
            wait_for(lambda: IngestJob.objects.get(pk=job.pk).status == IngestJob.DONE, what="the job")
        finally:
            worker.stop()
        assert Article.objects.count() == 1
        assert Statement.objects.exists()
    finally:
        web.stop()


def signed_in(base: str, username: str, password: str) -> httpx.Client:
    client = httpx.Client(timeout=30, follow_redirects=True)
    login = client.get(base + "/accounts/login/")
    done = client.post(
        base + "/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": csrf_of(login.text)},
        headers={"Referer": base + "/accounts/login/"},
    )
    assert done.status_code == 200, done.text[:500]
    assert "sessionid" in client.cookies
    return client


def csrf_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_the_server_builds_the_alias_automaton_once_before_its_workers_fork(loaded_catalogue, tmp_path):
    """Each actor page names the actors its speaker talks about with the pipeline's automaton. Built
    in the master (gunicorn.conf.py), no worker builds it on a reader's page."""
    web = Gunicorn(tmp_path / "web.log", workers=2)
    try:
        built = lambda: web.output().count("alias automaton of")  # noqa: E731
        assert built() == 1
        for slug in Actor.objects.filter(provisional=False).values_list("slug", flat=True)[:8]:
            assert httpx.get(f"{web.url}/actors/{slug}/", timeout=30).status_code == 200
        assert built() == 1
    finally:
        web.stop()


def test_with_the_database_away_the_site_answers_503_and_recovers_without_a_restart(
    loaded_catalogue, store_with_article_a, tmp_path, db_proxy
):
    store_with_article_a("وقال بوتين إن الوضع مستقر.\n")
    web = Gunicorn(tmp_path / "web.log", DATABASE_URL=db_proxy.url("postgres://postgres@", path_of_db()))
    try:
        pids = web.worker_pids()
        for path in ("/", "/api/statements/"):
            assert httpx.get(web.url + path, timeout=30).status_code == 200
        with db_proxy.outage():
            # What was answered before is answered from the cache; anything new needs the database.
            for path in ("/", "/api/statements/"):
                kept = httpx.get(web.url + path, timeout=30)
                assert kept.status_code == 200, path
                assert kept.headers["X-Cache"] == "hit"
            page = httpx.get(web.url + "/?act=appeal", timeout=30)
            assert page.status_code == 503
            assert "database is unavailable" in page.text
            assert "Traceback" not in page.text
            assert page.headers["Retry-After"]
            api = httpx.get(web.url + "/api/statements/?act=appeal", timeout=30)
            assert api.status_code == 503
            assert api.json()["error"]["status"] == 503
            assert httpx.get(web.url + "/healthz", timeout=30).status_code == 503
        for path in ("/?act=appeal", "/api/statements/?act=appeal", "/healthz"):
            assert httpx.get(web.url + path, timeout=30).status_code == 200, path
        assert web.worker_pids() == pids  # recovered, not restarted
    finally:
        web.stop()


def test_the_same_batch_submitted_twice_at_once_is_stored_once(
    loaded_catalogue, seeds, tmp_path, fresh_queue
):
    folder = write_batch(tmp_path / "batch", seeds, 15)
    worker = Worker(tmp_path / "worker.log", concurrency=4)
    try:
        results: list = [None, None]

        def submit(i: int) -> None:
            results[i] = manage("ingest", str(folder))

        threads = [threading.Thread(target=submit, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        worker.stop()
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
    assert Article.objects.count() == 15
    outcomes = IngestItem.objects.values_list("outcome", flat=True)
    assert sorted(set(outcomes)) == [IngestItem.DUPLICATE, IngestItem.NEW]
    assert list(outcomes).count(IngestItem.NEW) == 15
    assert_every_article_complete()


def test_a_redis_that_never_answers_costs_pages_one_timeout_and_the_health_check_says_so(
    loaded_catalogue, store_with_article_a, tmp_path, redis_proxy
):
    store_with_article_a("وقال بوتين إن الوضع مستقر.\n")
    web = Gunicorn(
        tmp_path / "web.log", REDIS_URL=redis_proxy.url("redis://", redis_db()), CACHE_RETRY_SECONDS="2"
    )
    try:
        assert httpx.get(web.url + "/healthz", timeout=10).json() == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "broker": "ok",
        }
        with redis_proxy.stuck():
            # Before the breaker, each of a page's dozens of cache calls waited out its timeout: a
            # page took 105 s. Every answer now comes well inside the client's 10 s.
            for path in ("/?act=appeal", "/api/statements/?act=appeal", "/timeline/", "/", "/?act=appeal"):
                assert httpx.get(web.url + path, timeout=10).status_code == 200, path
            health = httpx.get(web.url + "/healthz", timeout=10)
            assert health.status_code == 200
            assert health.json() == {
                "status": "degraded",
                "database": "ok",
                "cache": "not answering",
                "broker": "not answering",
            }
        time.sleep(2.5)  # CACHE_RETRY_SECONDS: the breaker tries Redis again
        for _ in range(2):
            again = httpx.get(web.url + "/?act=reject", timeout=10)
        assert again.headers.get("X-Cache") == "hit"
        assert httpx.get(web.url + "/healthz", timeout=10).json()["status"] == "ok"
    finally:
        web.stop()


def test_on_the_embedded_default_twenty_uploads_at_once_are_all_stored(tmp_path, seeds):
    # The embedded default as bin/serve runs it: SQLite, tasks in-process, Django's threaded server.
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "SECURE_SSL_REDIRECT": "0",
    }
    assert manage("migrate", "--verbosity", "0", **env).returncode == 0
    assert manage("load_catalogue", **env).returncode == 0
    made = manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; from rest_framework.authtoken.models import Token; "
        "print(Token.objects.create(user=User.objects.create_user('ana', is_staff=True)).key)",
        **env,
    )
    token = made.stdout.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=REPO,
        env=environment(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    texts = [p.read_text() for p in sorted(seeds.glob("*.txt"))]
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(base + "/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        answers: list = [None] * 20

        def upload(n: int) -> None:
            text = texts[n % len(texts)] + f"\n\n(نسخة {n})"  # twenty different articles
            answers[n] = httpx.post(
                base + "/api/ingest/",
                files={"files": (f"a{n}.txt", text.encode(), "text/plain")},
                data={"source": f"Outlet {n}"},
                headers={"Authorization": f"Token {token}"},
                timeout=120,
            )

        threads = [threading.Thread(target=upload, args=(n,)) for n in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [a.status_code for a in answers] == [202] * 20, [
            a.text[:200] for a in answers if a.status_code != 202
        ]
        statuses = [
            httpx.get(
                base + f"/api/ingest/{a.json()['id']}/",
                headers={"Authorization": f"Token {token}"},
                timeout=30,
            ).json()
            for a in answers
        ]
        assert [s["status"] for s in statuses] == ["done"] * 20
        assert sum(s["counts"]["new"] for s in statuses) == 20
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)


def test_slow_clients_hold_no_gunicorn_worker_behind_the_deployment_s_nginx(
    loaded_catalogue, store_with_article_a, tmp_path
):
    from bench.slow_clients import hold

    store_with_article_a("وقال بوتين إن الوضع مستقر.\n")
    web = Gunicorn(tmp_path / "web.log", workers=2, NUM_PROXIES="1")
    front = Nginx(tmp_path / "nginx", f"127.0.0.1:{web.port}")
    try:
        # Straight at gunicorn, as many slow clients as workers: nobody else is answered.
        slow = hold(web.url, clients=3, every=1, seconds=30)
        try:
            time.sleep(0.5)
            with pytest.raises(httpx.TimeoutException):
                httpx.get(web.url + "/healthz", timeout=3)
        finally:
            slow.stop()
        # Behind nginx, as the compose file serves it: ten slow clients cost nothing.
        slow = hold(front.url, clients=10, every=1, seconds=30)
        try:
            time.sleep(0.5)
            for path in ("/healthz", "/", "/api/statements/", "/statements.csv"):
                assert httpx.get(front.url + path, timeout=5).status_code == 200, path
        finally:
            slow.stop()
    finally:
        front.stop()
        web.stop()
