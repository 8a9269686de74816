"""A TCP proxy in front of a real service, which a test can cut and restore.

The app under test talks to PostgreSQL or Redis through the proxy; `cut()` drops every open
connection and answers new ones by closing them at once, which is what a client sees when the
service goes away; `hang()` keeps every connection open and accepts new ones but passes nothing on,
which is what a client sees of a server that is stuck; `restore()` lets traffic through again.
The service itself keeps running for the rest of the suite, so a failing test cannot leave the
machine without its database.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class Proxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._down = False
        self._hung = False
        self._held: list[socket.socket] = []  # connections accepted while hung, never answered
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, scheme_and_user: str, path: str = "") -> str:
        """e.g. url("postgres://postgres@", "/db") -> postgres://postgres@127.0.0.1:PORT/db"""
        return f"{scheme_and_user}127.0.0.1:{self.port}{path}"

    def cut(self) -> None:
        with self._lock:
            self._down = True
            sockets, self._open = self._open, set()
        for sock in sockets:
            _close(sock)

    def hang(self) -> None:
        with self._lock:
            self._hung = True

    def restore(self) -> None:
        with self._lock:
            self._down = False
            self._hung = False
            held, self._held = self._held, []
        for sock in held:
            _close(sock)

    @contextmanager
    def stuck(self) -> Iterator[None]:
        self.hang()
        try:
            yield
        finally:
            self.restore()

    @contextmanager
    def outage(self) -> Iterator[None]:
        self.cut()
        try:
            yield
        finally:
            self.restore()

    def close(self) -> None:
        self._closed = True
        self.cut()
        _close(self._listener)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                down, hung = self._down, self._hung
                if hung and not down:
                    self._held.append(client)
            if down:
                _close(client)
                continue
            if hung:
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if not self._hung:  # a stuck server reads requests and answers none
                    sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                _close(sock)
            with self._lock:
                self._open.discard(source)
                self._open.discard(sink)


def _close(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
