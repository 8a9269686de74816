"""Fetch URLs and read what they hold: an article page (trafilatura) or an RSS/Atom feed (feedparser).

No Django here: the caller passes a FetchPolicy built from settings. Every failure is a FetchError
whose message names the URL and says what went wrong.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

import defusedxml.ElementTree as defused
import feedparser
import httpx
import trafilatura
from defusedxml import DefusedXmlException

from articles.extraction.language import detect
from articles.reading import ReadError, decode_text
from reactions.lib.days import outside


class FetchError(ValueError):
    """A URL could not be fetched or read as an article or a feed."""


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 10.0  # for each connect and each read
    deadline: float = 30.0  # for the whole fetch, redirects included: a page dripping a byte at a time
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 3
    # Hosts (names or addresses) that may be private or loopback: a local test server, an intranet.
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


@dataclass(frozen=True)
class PageArticle:
    url: str
    text: str
    title: str
    published: date | None
    source: str
    language: str


def check_url(url: str, policy: FetchPolicy) -> None:
    """Refuse what a server must not fetch for a user: other schemes, private and loopback addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs can be ingested")
    host = parts.hostname
    if host in policy.allowed_hosts:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror:
        raise FetchError(f"{url}: the host {host} cannot be resolved") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if str(address) in policy.allowed_hosts:
            continue
        if not address.is_global:
            raise FetchError(f"{url}: {host} is a private or loopback address ({address}); not fetched")


def fetch(url: str, policy: FetchPolicy) -> Fetched:
    """GET a URL with a timeout per read, a deadline for the whole fetch, a size cap on the decoded
    body and a few checked redirects."""
    deadline = time.monotonic() + policy.deadline
    with httpx.Client(
        timeout=policy.timeout,
        follow_redirects=False,
        trust_env=False,
        # Only the encodings `_decoded` reads, layer by layer under the cap.
        headers={"User-Agent": "Reactions/1.0 (news statement ingest)", "Accept-Encoding": "gzip, deflate"},
    ) as client:
        for _ in range(policy.max_redirects + 1):
            check_url(url, policy)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: the server answered {response.status_code}")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > policy.max_bytes:
                        raise FetchError(
                            f"{url}: {declared:,} bytes, over the {policy.max_bytes:,} byte limit"
                        )
                    body = bytearray()
                    raw = _before(deadline, response.iter_raw(), url, policy)
                    for chunk in _decoded(raw, response.headers.get("content-encoding", ""), url, policy):
                        body.extend(chunk)
                    return Fetched(str(response.url), response.headers.get("content-type", ""), bytes(body))
            except httpx.TimeoutException:
                raise FetchError(f"{url}: no answer within {policy.timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {exc}") from None
        raise FetchError(f"{url}: more than {policy.max_redirects} redirects")


def _before(deadline: float, chunks: Iterator[bytes], url: str, policy: FetchPolicy) -> Iterator[bytes]:
    """The chunks, until the fetch's deadline: a server may answer each read in time forever."""
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: not fetched within {policy.deadline:g} s")
        yield chunk


def _decoded(chunks: Iterator[bytes], encoding: str, url: str, policy: FetchPolicy) -> Iterator[bytes]:
    """The body with its content encodings undone, layer by layer, never holding more than the cap:
    each layer inflates at most what is left under it («gzip, gzip» of 1,846 bytes once became
    2.2 GB in one call)."""
    layers = [e.strip().lower() for e in encoding.split(",") if e.strip() and e.strip().lower() != "identity"]
    for layer in reversed(layers):  # the last encoding applied is the first to undo
        if layer not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"{url}: content encoding {layer!r} is not read")
        chunks = _inflate(chunks, layer, url, policy.max_bytes)
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > policy.max_bytes:
            raise FetchError(f"{url}: over the {policy.max_bytes:,} byte limit")
        yield chunk


def _inflate(chunks: Iterator[bytes], layer: str, url: str, cap: int) -> Iterator[bytes]:
    # gzip: its header (wbits | 32 reads gzip or zlib); deflate: zlib's format, as HTTP defines it.
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32 if layer != "deflate" else zlib.MAX_WBITS)
    produced = 0
    try:
        for chunk in chunks:
            data = chunk
            while data:
                out = inflater.decompress(data, cap + 1 - produced)
                produced += len(out)
                if produced > cap:
                    raise FetchError(f"{url}: over the {cap:,} byte limit")
                yield out
                data = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise FetchError(f"{url}: a {layer} body that does not decompress ({exc})") from None


def is_feed(fetched: Fetched) -> bool:
    kind = fetched.content_type.split(";")[0].strip().lower()
    if kind in ("application/rss+xml", "application/atom+xml", "application/feed+json"):
        return True
    head = fetched.body[:512].lstrip().lower()
    return head.startswith(b"<?xml") and (
        b"<rss" in fetched.body[:2048].lower() or b"<feed" in fetched.body[:2048].lower()
    )


def feed_links(fetched: Fetched) -> list[str]:
    """The article links of an RSS or Atom feed, in feed order, without repeats.

    A feed that declares entities or external references is refused before feedparser reads it:
    no real feed needs them, and they are how XML bombs ("billion laughs") and XXE work.
    """
    _refuse_entities(fetched)
    parsed = feedparser.parse(fetched.body)
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"{fetched.url}: not a valid RSS or Atom feed ({parsed.bozo_exception})")
    links: list[str] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if link and link not in links:
            links.append(urljoin(fetched.url, link))
    if not links:
        raise FetchError(f"{fetched.url}: the feed has no items with links")
    return links


def _refuse_entities(fetched: Fetched) -> None:
    try:
        defused.fromstring(fetched.body)
    except DefusedXmlException as exc:
        kind = type(exc).__name__
        raise FetchError(f"{fetched.url}: refused: the feed declares XML entities ({kind})") from None
    except defused.ParseError:
        # Malformed XML that feedparser may still read leniently, as long as it declares nothing.
        if b"<!entity" in fetched.body.lower():
            raise FetchError(f"{fetched.url}: refused: the feed declares XML entities") from None


def read_page(html: bytes | str, url: str) -> PageArticle:
    """Main text, title, date, outlet and language of an article page."""
    if isinstance(html, bytes):
        try:
            html = decode_page(html)
        except ReadError as exc:
            raise FetchError(str(exc)) from None
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        as_dict=False,
    )
    doc = document.as_dict() if document is not None else {}
    text = doc.get("text") or ""
    if len(text.strip()) < 40:
        raise FetchError(f"{url}: no article text found on the page")
    published = None
    if doc.get("date"):
        try:
            published = date.fromisoformat(str(doc["date"])[:10])
        except ValueError:
            published = None
        if outside(published):  # a page dated 9999-12-31 is a page with no date we can use
            published = None
    host = urlsplit(url).hostname or ""
    language = (doc.get("language") or "").split("-")[0].lower()
    if len(language) != 2 or not language.isalpha():
        language = detect(text)
    return PageArticle(
        url=url,
        text=text,
        title=doc.get("title") or "",
        published=published,
        source=doc.get("sitename") or host.removeprefix("www."),
        language=language,
    )


def decode_page(body: bytes) -> str:
    head = body[:2048].lower()
    for encoding in ("windows-1256", "iso-8859-6"):
        if f"charset={encoding}".encode() in head or f'charset="{encoding}"'.encode() in head:
            return body.decode(encoding, errors="replace")
    return decode_text(body, "page")
