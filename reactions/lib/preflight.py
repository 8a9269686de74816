"""Check that PostgreSQL and Redis answer before the test suite runs, and say how to start them.

python -m reactions.lib.preflight DATABASE_URL REDIS_URL
"""

from __future__ import annotations

import socket
import sys
from urllib.parse import urlsplit

HINTS = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "Redis": 'redis-server --daemonize yes --port 6379 --save "" --appendonly no',
}


def reachable(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def missing_services(database_url: str, redis_url: str) -> list[str]:
    """One message per service that does not answer, with the command that starts it."""
    problems = []
    for name, url, default_port in (("PostgreSQL", database_url, 5432), ("Redis", redis_url, 6379)):
        parts = urlsplit(url)
        host, port = parts.hostname or "127.0.0.1", parts.port or default_port
        if not reachable(host, port):
            problems.append(f"{name} is not answering on {host}:{port}. Start it with: {HINTS[name]}")
    return problems


def main(argv: list[str]) -> int:
    problems = missing_services(argv[1], argv[2])
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
