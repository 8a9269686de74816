"""A local HTTP server for tests: pages and feeds written in the tests, served on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    """Routes: path -> (status, content type, body, headers); `slow` paths wait before answering,
    `drip` paths send their body a byte at a time, that many seconds apart."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {}
        self.slow: dict[str, float] = {}
        self.drip: dict[str, float] = {}
        self.hits: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                if self.path in site.slow:
                    time.sleep(site.slow[self.path])
                status, kind, body, headers = site.routes.get(
                    self.path, (404, "text/plain", b"not found", {})
                )
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    if self.path in site.drip:
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(site.drip[self.path])
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(
        self,
        path: str,
        body: str | bytes,
        kind: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> str:
        self.routes[path] = (status, kind, body.encode() if isinstance(body, str) else body, headers or {})
        return self.base + path

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def article_page(title: str, paragraphs: list[str], date: str = "2022-01-08", site: str = "Test News") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{date}">'
        f"</head><body><nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


def rss(links: list[str]) -> str:
    items = "".join(f"<item><title>خبر {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    return f"{head}{items}</channel></rss>"
