"""Real processes for the tests: a Celery worker, gunicorn, `manage.py` — each with its own environment.

They run against the test database that pytest-django created (its name is read from the settings)
and the Redis of TEST_REDIS_URL; a test may route either through a tests.faults.Proxy instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

import httpx
from celery import Celery
from django.conf import settings

from tests.conftest import REPO

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def environment(**overrides: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environ.update(DATABASE_URL=database_url(), REDIS_URL=TEST_REDIS_URL, DB_CONN_MAX_AGE="0")
    environ.update(overrides)
    return environ


class _Process:
    """A subprocess in a session of its own (so a kill takes its children with it), logging to a file."""

    process: subprocess.Popen
    log_path: Path
    _log: TextIO

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the process and its children: no clean shutdown, nothing acknowledged."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def _wait_for(self, url: str, name: str, seconds: float) -> None:
        """Until `url` answers at all; stopped, with its output, if it has not after `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                httpx.get(url, timeout=2)
                return
            except httpx.TransportError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{name} did not start:\n" + self.output()) from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


class Worker(_Process):
    """`celery worker`; `kill()` takes its pool with it."""

    def __init__(self, log: Path, concurrency: int = 2, loglevel: str = "WARNING", **env: str) -> None:
        self.environ = environment(**env)
        self.log_path = log
        self._log = open(log, "a+")  # noqa: SIM115 - a file, not a pipe a full buffer would block
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "reactions",
                "worker",
                f"--concurrency={concurrency}",
                f"--loglevel={loglevel}",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"test-{os.getpid()}-{time.monotonic_ns()}@%h",
            ],
            cwd=REPO,
            env=self.environ,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # Not the current app: the tests in this process keep running tasks eagerly.
        app = Celery(broker=self.environ["REDIS_URL"], set_as_current=False)
        try:
            deadline = time.monotonic() + 60
            while not app.control.ping(timeout=1):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.kill()
                    raise RuntimeError("the Celery worker did not start:\n" + self.output())
        finally:
            app.close()


class Gunicorn(_Process):
    """The production server (gunicorn, DEBUG off) on a free port of 127.0.0.1."""

    def __init__(self, log: Path, workers: int = 2, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self._log = open(log, "a+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "reactions.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                "--timeout=60",
            ],
            cwd=REPO,
            # Plain HTTP on loopback: no TLS redirect, and cookies a client sends back over http.
            # No throttles: the load tests read from one address far faster than any one reader.
            env=environment(
                SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", API_ANON_RATE="off", API_USER_RATE="off", **env
            ),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_for(self.url + "/healthz", "gunicorn", 60)

    def worker_pids(self) -> set[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True)
        return {int(p) for p in out.stdout.split()}


NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")


class Nginx(_Process):
    """nginx in front of `upstream` (host:port) with the deployment's own server block
    (deploy/nginx.conf.template), in a directory of its own: its config, pid, logs and buffers."""

    def __init__(self, folder: Path, upstream: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        template = (REPO / "deploy" / "nginx.conf.template").read_text()
        site = template.replace("${UPSTREAM}", upstream).replace("${LISTEN}", f"127.0.0.1:{self.port}")
        (folder / "site.conf").write_text(site)
        temp = " ".join(
            f"{kind}_temp_path {folder / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (folder / "nginx.conf").write_text(
            f"worker_processes 1; daemon off; pid {folder / 'nginx.pid'}; error_log {folder / 'error.log'};\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; {temp} include {folder / 'site.conf'}; }}\n"
        )
        self.log_path = folder / "error.log"
        self._log = open(folder / "stdout.log", "a+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-e", str(folder / "error.log")],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_for(self.url + "/healthz", "nginx", 20)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write_batch(folder: Path, seeds: Path, count: int) -> Path:
    """`count` distinct articles made from the seeds (a numbered dateline each), with a manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((seeds / "manifest.json").read_text(encoding="utf-8"))["articles"]
    texts = [(seeds / m["file"]).read_text(encoding="utf-8") for m in manifest]
    entries = []
    for n in range(count):
        name = f"{n:04d}.txt"
        (folder / name).write_text(f"{texts[n % len(texts)]}\n(نشر برقم {n})\n", encoding="utf-8")
        published = date(2022, 1, 3) + timedelta(days=n % 20)
        entries.append({"file": name, "source": f"Outlet {n % 7}", "published": published.isoformat()})
    (folder / "manifest.json").write_text(json.dumps({"articles": entries}), encoding="utf-8")
    return folder
