"""htmx's request details, with a page htmx restores from history read as an ordinary request.

When the user goes back to a page htmx no longer holds in its history cache, htmx asks for it again
with `HX-Request` set and `HX-History-Restore-Request` too, and swaps the answer in as the whole
page: a view that answers htmx with a fragment must give it the page, or the user gets a page of one
fragment. Every view asks `if request.htmx`, so that is where the exception is made, once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails as _HtmxDetails

from reactions.response_cache import VARY


class HtmxDetails(_HtmxDetails):
    def __bool__(self) -> bool:
        return super().__bool__() and not self.history_restore_request


class HtmxMiddleware:
    """django-htmx's middleware, giving each request the details above (the app is synchronous).

    Every answer says which of htmx's headers it depends on (`Vary`): a page, its fragment and its
    counts share one address, and a browser that kept one of them (a list still counting is kept
    30 s) must not hand it back for another; it did, and the panel asked for its counts in a loop.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.htmx = HtmxDetails(request)
        response = self.get_response(request)
        patch_vary_headers(response, VARY)
        return response
