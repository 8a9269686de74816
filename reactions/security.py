"""Security headers Django 5.2 does not set itself: a Content-Security-Policy.

No inline script anywhere: pages load their JavaScript from static files and read chart data
from `json_script` blocks, which are data, not code. Inline styles stay allowed: htmx and Swagger UI
set them, and a style cannot run code.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
