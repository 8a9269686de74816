import os
import secrets
import subprocess
import sys

import psycopg
import pytest

from tests.conftest import REPO

PRINT = (
    "from django.conf import settings as s; "
    "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.DATABASES['default']['ENGINE'])"
)


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL", "DEBUG")}
    environ.update(DJANGO_SETTINGS_MODULE="reactions.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_embedded_default_is_sqlite_with_eager_tasks():
    out = _python(PRINT, DEBUG="1").stdout.split()
    assert out == ["True", "memory://localhost/", "django.db.backends.sqlite3"]


def test_redis_url_makes_celery_use_redis_and_stop_running_tasks_eagerly():
    out = _python(
        PRINT,
        DEBUG="1",
        REDIS_URL="redis://127.0.0.1:6379/15",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/reactions",
    ).stdout.split()
    assert out == ["False", "redis://127.0.0.1:6379/15", "django.db.backends.postgresql"]


def test_postgresql_connections_get_their_memory_time_and_planner_settings():
    url = "postgres://postgres@127.0.0.1:5432/postgres"  # SHOW needs a connection, not our tables
    names = ("work_mem", "statement_timeout", "jit", "effective_io_concurrency")
    show = "from django.db import connection; c = connection.cursor(); " + "; ".join(
        f"c.execute('SHOW {name}'); print(c.fetchone()[0])" for name in names
    )
    with psycopg.connect(url) as conn:
        server_default = conn.execute("SHOW effective_io_concurrency").fetchone()[0]
    # JIT off unless asked for; the read-ahead left to the server unless given.
    assert _python(show, DEBUG="1", DATABASE_URL=url).stdout.split() == ["16MB", "0", "off", server_default]
    tuned = _python(
        show,
        DEBUG="1",
        DATABASE_URL=url,
        DB_WORK_MEM="64MB",
        DB_STATEMENT_TIMEOUT="2500",
        DB_JIT="1",
        DB_IO_CONCURRENCY="0",
    )
    assert tuned.stdout.split() == ["64MB", "2500ms", "on", "0"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("2000", "must be 0 to 1000"), ("-5", "must be 0 to 1000"), ("many", "is not an integer")],
)
def test_a_read_ahead_postgresql_would_refuse_stops_the_settings_with_its_name(value, message):
    result = _python("pass", DEBUG="1", DB_IO_CONCURRENCY=value)
    assert result.returncode != 0
    assert "DB_IO_CONCURRENCY" in result.stderr
    assert message in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _python("pass", SECRET_KEY="", DATABASE_URL="postgres://postgres@127.0.0.1:5432/reactions")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_embedded_default_keeps_a_secret_key_of_its_own(tmp_path):
    from reactions.lib.env import local_secret_key

    path = tmp_path / ".secret_key"
    key = local_secret_key(path)
    assert len(key) > 50
    assert local_secret_key(path) == key
    assert path.stat().st_mode & 0o077 == 0
    out = _python("from django.conf import settings; print(settings.DEBUG)", SECRET_KEY="")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_production_settings_pass_the_deploy_check():
    environ = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DEBUG", "SECURE_SSL_REDIRECT")}
    environ.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="reactions.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_service_check_names_a_service_that_is_down_and_how_to_start_it():
    from reactions.lib.preflight import missing_services

    problems = missing_services("postgres://postgres@127.0.0.1:1/x", "redis://127.0.0.1:2/0")
    assert problems[0].startswith("PostgreSQL is not answering on 127.0.0.1:1. Start it with: pg_ctlcluster")
    assert problems[1].startswith("Redis is not answering on 127.0.0.1:2. Start it with: redis-server")
    assert (
        missing_services(
            os.environ["DATABASE_URL"], os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
        )
        == []
    )


def test_the_cache_may_live_on_a_redis_of_its_own_and_the_compose_file_gives_it_one():
    code = (
        "from django.conf import settings as s; print(s.CACHES['default']['LOCATION'], s.CELERY_BROKER_URL)"
    )
    shared = _python(code, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/15").stdout.split()
    assert shared == ["redis://127.0.0.1:6379/15", "redis://127.0.0.1:6379/15"]
    apart = _python(
        code, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/15", CACHE_URL="redis://127.0.0.1:6380/0"
    ).stdout.split()
    assert apart == ["redis://127.0.0.1:6380/0", "redis://127.0.0.1:6379/15"]
    # The deployment: the queue never evicts; the cache is bounded and evicts what was used least.
    import yaml

    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    queue, cache = " ".join(services["redis"]["command"]), " ".join(services["cache"]["command"])
    assert "--maxmemory-policy noeviction" in queue
    assert "--maxmemory 256mb" in cache
    assert "--maxmemory-policy allkeys-lru" in cache
    app = compose["x-app"]["environment"]
    assert app["CACHE_URL"].startswith("redis://cache:")
    assert app["REDIS_URL"].startswith("redis://redis:")
