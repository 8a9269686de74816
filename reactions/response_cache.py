"""Whole answers to anonymous reads, cached under the data's version.

Most readers are anonymous and ask what others asked before them (the home page, a link shared in
a newsroom, a dashboard polling the API). Once an answer has been rendered under the current
version of the data, the same request gets its bytes back from the cache (Redis, shared by every
web worker) without a query or a template: about 1 ms instead of 25-40 ms of Python, which on two
cores is the difference between 40 and several hundred answers a second. Every write bumps the
version (reactions/caching.py), so no answer older than the data is served.

Cached: 200 answers to GET and HEAD from a request without a session or message cookie and without
an Authorization header (a signed-in analyst's pages carry their name and a CSRF token), that set
no cookie, use no CSRF token, leave the session alone, are not streamed (exports), are not too
big and do not ask not to be (`Cache-Control: no-cache`, `no-store`, `private` or `max-age=0`); a
shorter `max-age` keeps one that long (the statements page while its counts are coming: 10 s).
The key holds the path with its query and what else an answer depends on: the format DRF
negotiated for the API, htmx's headers for fragments.

Pages opt in with `@anonymous_reads`; API viewsets with `CachedReads`, which looks the answer up
after DRF's authentication, throttles and content negotiation, so a cached answer is throttled
and negotiated like any other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age

from reactions.caching import TTL, version_for

# Request headers that change an answer: htmx asks for a fragment (HX-Request) and the statements
# panel for its counts (X-Counts). No view reads the others (HX-Target, HX-Trigger, ...), and Accept
# only matters to the API, whose key holds the format DRF negotiated from it instead.
VARY = ("HX-Request", "X-Counts")
# Bigger answers (a page of 500 statements as JSON is about 1 MB) are rendered each time rather
# than filling the cache with what few ask for twice.
MAX_BYTES = 2 * 1024 * 1024
# Headers not replayed: the outer middleware sets them again on every answer.
NOT_REPLAYED = {"set-cookie", "date", "content-length"}


def key_for(request: HttpRequest, *variant: str) -> str | None:
    """The cache key of this request's answer, or None when the answer must not be shared."""
    if request.method not in ("GET", "HEAD") or not _anonymous(request):
        return None
    parts = [request.get_full_path(), *variant, *(request.headers.get(h, "") for h in VARY)]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f"response:{version_for(request)}:{digest}"


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
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"
    return response


def store(key: str, request: HttpRequest, response: HttpResponse) -> None:
    if not storable(request, response):
        return
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_REPLAYED]
    max_age = get_max_age(response)  # an answer may ask to be kept less long (a list still counting)
    cache.set(key, (response.content, headers), TTL if max_age is None else min(TTL, max_age))


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A page that used a CSRF token or wrote the session is one reader's: the middleware that sets
    # their cookies runs after this, so the request says it.
    session = getattr(request, "session", None)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (session is not None and session.modified):
        return False
    control = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    if control & {"no-cache", "no-store", "private"} or get_max_age(response) == 0:
        return False
    return len(response.content) <= MAX_BYTES


def anonymous_reads(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve this page view's answers to anonymous readers from the cache (see the module's rules)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = key_for(request)
        if key is None:
            return view(request, *args, **kwargs)
        hit = fetch(key)
        if hit is not None:
            return hit
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        store(key, request, response)
        return response

    return wrapper


class Answered(Exception):
    """Raised in a DRF view's `initial` to answer from the cache; `handle_exception` returns it."""

    def __init__(self, response: HttpResponse):
        self.response = response


class CachedReads:
    """A DRF view mixin: anonymous reads answered from the cache after authentication, throttling
    and content negotiation have run, and stored once rendered."""

    response_key: str | None = None

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # The negotiated format is part of the key: `?format=json` and `Accept: application/json` agree.
        key = key_for(request._request, request.accepted_media_type or "")
        if key is not None:
            hit = fetch(key)
            if hit is not None:
                raise Answered(hit)
        self.response_key = key

    def handle_exception(self, exc):
        if isinstance(exc, Answered):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.response_key is not None and response.status_code == 200 and not response.streaming:
            response.render()
            store(self.response_key, request._request, response)
        return response
