"""Whole answers to anonymous reads, cached under the data's version.

Most readers are anonymous and ask what others asked before them (the home page, a link shared in
a newsroom, a dashboard polling the API). Once an answer has been rendered under the current
version of the data, the same request gets its bytes back from the cache (Redis, shared by every
web worker) before the rest of the middleware, the view, its queries and its template run: about
1 ms instead of 25-40 ms of Python, which on two cores is the difference between 40 and several
hundred answers a second. Every write bumps the version (reactions/data_version.py), so no answer
older than the data is served.

Views opt in: pages with `@anonymous_reads`, API viewsets with `CachedReads`; both only mark their
answer `shareable`, and `SharedAnswersMiddleware` looks answers up on the way in and stores marked
ones on the way out, after every inner middleware has had its say. Stored: 200 answers to GET and
HEAD from a request without a session or message cookie and without an Authorization header (a
signed-in analyst's pages carry their name and a CSRF token), that set no cookie, used no CSRF
token, left the session alone, are not streamed (exports), are not too big and do not ask not to
be (`Cache-Control: no-cache`, `no-store`, `private` or `max-age=0`); a shorter `max-age` keeps one
that long (the statements page while its counts are coming: 30 s). The key holds the scheme, host,
path and query and what else an answer depends on: htmx's headers for fragments, Accept for the API.

An API answer from the cache still passes DRF's throttles (the same classes, the same counters):
when they refuse, the request goes on to the view, which answers the 429 in the API's shape.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age

from reactions.data_version import TTL, version

# Request headers that change an answer: htmx asks for a fragment (HX-Request) unless it restores a
# page from history (reactions/htmx.py), and the statements panel asks for its counts (X-Counts); no
# view reads the others (HX-Target, HX-Trigger, ...). The API also negotiates its format on Accept
# (pages ignore it, and browsers differ in it).
VARY = ("HX-Request", "HX-History-Restore-Request", "X-Counts")
# Bigger answers (a page of 500 statements as JSON is about 1 MB) are rendered each time rather
# than filling the cache with what few ask for twice.
MAX_BYTES = 2 * 1024 * 1024
# Headers not replayed: the outer middleware sets them again on every answer.
NOT_REPLAYED = {"set-cookie", "date", "content-length"}


def key_for(request: HttpRequest, *variant: str) -> str | None:
    """The cache key of this request's answer, or None when the answer must not be shared."""
    if request.method not in ("GET", "HEAD") or not _anonymous(request):
        return None
    accept = request.headers.get("Accept", "") if request.path.startswith("/api/") else ""
    # The API's `next` links are absolute: an answer depends on the host and scheme it was asked
    # at. `get_host()` also refuses a host outside ALLOWED_HOSTS (a 400) before the cache is read,
    # so a forged Host can neither plant an answer nor be served one.
    origin = f"{request.scheme}://{request.get_host()}"
    parts = [origin, request.get_full_path(), accept, *variant, *(request.headers.get(h, "") for h in VARY)]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f"response:{version()}:{digest}"


def _anonymous(request: HttpRequest) -> bool:
    if "Authorization" in request.headers:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def fetch(key: str) -> HttpResponse | None:
    stored = cache.get(key)
    if stored is None:
        return None
    content, headers, *rest = stored
    until = rest[0] if rest else ()
    if until and len(cache.get_many(until)) == len(until):
        return None  # what it was waiting for is in the cache now: the view answers in full
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))
    response["X-Cache"] = "hit"
    return response


def store(key: str, request: HttpRequest, response: HttpResponse) -> None:
    if not storable(request, response):
        return
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_REPLAYED]
    max_age = get_max_age(response)  # an answer may ask to be kept less long (a list still counting)
    until = tuple(getattr(response, "stands_until_cached", ()))
    cache.set(key, (response.content, headers, until), TTL if max_age is None else min(TTL, max_age))


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A page that used a CSRF token or wrote the session is one reader's (their cookies may not be
    # set yet when the answer is judged: the request says it).
    session = getattr(request, "session", None)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (session is not None and session.modified):
        return False
    control = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    if control & {"no-cache", "no-store", "private"} or get_max_age(response) == 0:
        return False
    return len(response.content) <= MAX_BYTES


def anonymous_reads(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let SharedAnswersMiddleware keep this page view's answers for anonymous readers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.shareable = True
        return response

    return wrapper


class CachedReads:
    """A DRF view mixin: its answers may be kept for anonymous readers (SharedAnswersMiddleware)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.shareable = True
        return response


class SharedAnswersMiddleware:
    """Answers anonymous reads from the cache, and keeps the answers views marked `shareable`.

    Sits inside the middleware that every answer needs (security headers, CORS, X-Frame-Options,
    the API's ETag) and outside the rest (sessions, CSRF, authentication, messages, htmx)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = key_for(request)
        if key is None:
            return self.get_response(request)
        hit = fetch(key)
        if hit is not None and _throttles_allow(request):
            return hit
        response = self.get_response(request)
        if getattr(response, "shareable", False):
            store(key, request, response)
        return response


def _throttles_allow(request: HttpRequest) -> bool:
    """DRF's throttles for an anonymous API read, counted as if the view had run them."""
    if not request.path.startswith("/api/"):
        return True
    from django.contrib.auth.models import AnonymousUser
    from rest_framework.settings import api_settings

    request.user = AnonymousUser()  # no session, no Authorization: what authentication would find
    return all(throttle().allow_request(request, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES)
