"""Conditional GET for the read API: ETag and Last-Modified from the data's version.

Every write of the data bumps one version (reactions/data_version.py), so a client polling a list or an
item gets `304 Not Modified` without the query running again until something was written. The
ETag also depends on the address and the negotiated format; ingest jobs (whose status changes
without the data changing) and the schema are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from email.utils import formatdate, parsedate_to_datetime

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from reactions.data_version import version

EXCLUDED = ("/api/ingest/", "/api/schema/", "/api/docs/")


class ConditionalAPIMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD")
            or not request.path.startswith("/api/")
            or request.path.startswith(EXCLUDED)
        ):
            return self.get_response(request)
        current = version()
        tag = _etag(request, current)
        seconds = current // 1000
        # «If-None-Match: *» asks "unless it exists": only the view knows whether it does (a missing
        # statement is a 404, not a 304).
        any_tag = request.headers.get("If-None-Match", "").strip() == "*"
        if not any_tag and _matches(request, tag, seconds):
            response = HttpResponseNotModified()
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return response
            if any_tag:
                response = HttpResponseNotModified()
        response["ETag"] = tag
        response["Last-Modified"] = formatdate(seconds, usegmt=True)
        patch_vary_headers(response, ["Accept"])
        return response


def _etag(request: HttpRequest, current: int) -> str:
    key = f"{current}|{request.get_full_path()}|{request.headers.get('Accept', '')}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:24] + '"'


def _matches(request: HttpRequest, tag: str, seconds: int) -> bool:
    given = request.headers.get("If-None-Match")
    if given is not None:
        # Weak comparison, as RFC 9110 asks of If-None-Match: W/"x" matches "x".
        return tag in [t.strip().removeprefix("W/") for t in given.split(",")]
    since = request.headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since).timestamp() >= seconds
        except (TypeError, ValueError):
            return False
    return False
