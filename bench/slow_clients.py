"""Slow clients: connections that send a request's headers one line every few seconds.

    .venv/bin/python bench/slow_clients.py URL [--clients 5] [--every 5] [--seconds 60]

Each connection stays open as long as the server waits for the rest of its headers; a server whose
workers read requests themselves (gunicorn's sync workers) gives each such connection a worker, and
with as many slow clients as workers answers nobody else. `hold()` is what the tests use.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from urllib.parse import urlsplit


class SlowClients:
    """`clients` connections to host:port, each sending a header line every `every` seconds until
    `stop()` (or `seconds` have passed)."""

    def __init__(self, host: str, port: int, clients: int, every: float, seconds: float) -> None:
        self._stop = threading.Event()
        self.sockets: list[socket.socket] = []
        self.threads = [
            threading.Thread(target=self._drip, args=(host, port, every, seconds, n), daemon=True)
            for n in range(clients)
        ]
        for thread in self.threads:
            thread.start()

    def _drip(self, host: str, port: int, every: float, seconds: float, n: int) -> None:
        try:
            sock = socket.create_connection((host, port), timeout=5)
        except OSError:
            return
        self.sockets.append(sock)
        until = time.monotonic() + seconds
        try:
            sock.sendall(f"GET /?slow={n} HTTP/1.1\r\nHost: {host}\r\n".encode())
            line = 0
            while not self._stop.wait(every) and time.monotonic() < until:
                line += 1
                sock.sendall(f"X-Slow-{line}: {'a' * 10}\r\n".encode())
        except OSError:
            pass  # the server closed it: it gave up waiting, as it should
        finally:
            sock.close()

    def stop(self) -> None:
        self._stop.set()
        for thread in self.threads:
            thread.join(5)


def hold(url: str, clients: int = 5, every: float = 5.0, seconds: float = 60.0) -> SlowClients:
    parts = urlsplit(url)
    return SlowClients(parts.hostname or "127.0.0.1", parts.port or 80, clients, every, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between two header lines")
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    slow = hold(args.url, args.clients, args.every, args.seconds)
    print(
        f"{args.clients} slow clients on {args.url} for {args.seconds:g} s, "
        f"a header line every {args.every:g} s"
    )
    try:
        time.sleep(args.seconds)
    finally:
        slow.stop()


if __name__ == "__main__":
    main()
