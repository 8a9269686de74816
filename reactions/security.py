"""Security headers Django 5.2 does not set itself: a Content-Security-Policy.

No inline script anywhere: pages load their JavaScript from static files and read chart data
from `json_script` blocks, which are data, not code. Inline styles stay allowed: htmx and Swagger UI
set them, and a style cannot run code.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """The reader's address, as DRF's throttles read it with `NUM_PROXIES` (sign-in lockouts use
    it too): REMOTE_ADDR, or behind N proxies the X-Forwarded-For entry N from the right, the one the
    first proxy appended. What a client writes in the header itself is never taken."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.NUM_PROXIES and forwarded:
        entries = [e.strip() for e in forwarded.split(",")]
        return entries[-min(settings.NUM_PROXIES, len(entries))]
    return request.META.get("REMOTE_ADDR", "")


class RequestSizeLimitMiddleware:
    """A request body over `REQUEST_MAX_BYTES` is a 413 before anything reads it.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) and streams uploaded files to disk, but
    DRF's JSON parser reads a body whole, however long. Django reads no body without a
    Content-Length (WSGI gives it none to read), so the declared length is the body's length.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            message = (
                f"The request body is {length:,} bytes, over the {settings.REQUEST_MAX_BYTES:,} byte limit."
            )
            if request.path.startswith("/api/"):
                return JsonResponse({"error": {"status": 413, "message": message, "fields": {}}}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class RefuseNullCharactersMiddleware:
    """A URL parameter holding a null character is a 400 before any view reads it: PostgreSQL text
    cannot hold one, so every query that saw it would fail (a 500) instead of answering."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                message = f"{key.replace(chr(0), '')}: a value contains a null character."
                if request.path.startswith("/api/"):
                    error = {"status": 400, "message": message, "fields": {key: [message]}}
                    return JsonResponse({"error": error}, status=400)
                fields = {key.replace(chr(0), ""): [message]}
                return render(request, "reactions/bad_request.html", {"fields": fields}, status=400)
        return self.get_response(request)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: 429 with Retry-After, in the site's page."""
    response = render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": settings.LOGIN_COOLOFF_MINUTES},
        status=429,
    )
    response["Retry-After"] = str(settings.LOGIN_COOLOFF_MINUTES * 60)
    return response
