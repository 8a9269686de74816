"""Errors in the client's shape: JSON under /api/, a page elsewhere.

A database that is away (connection refused or dropped) or a query stopped by the statement
timeout is a 503 with Retry-After, saying so, never a traceback; the next request reconnects
(Django drops a broken connection at the end of the request), so nothing needs a restart.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import page_not_found

from reactions.lib import refusals

RETRY_AFTER_SECONDS = 30
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout


def describe(exc: BaseException | None) -> tuple[int, str]:
    """(status, message) for an exception that reached the top of a request."""
    if isinstance(exc, OperationalError) and getattr(exc.__cause__, "sqlstate", None) == QUERY_CANCELED:
        return 503, "The query took longer than this server allows; narrow the filters and try again."
    if isinstance(exc, (OperationalError, InterfaceError)):
        return 503, "The database is unavailable right now; nothing was changed. Try again shortly."
    return 500, "Something went wrong on the server; it has been logged."


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: Django calls it while handling the exception, so sys.exc_info() names it."""
    status, message = describe(sys.exc_info()[1])
    if refusals.wants_data(request):
        response: HttpResponse = refusals.as_json(status, message)
    else:
        # A page of its own, rendered without the database: no user, no session, no context processor.
        response = HttpResponse(
            render_to_string("reactions/server_error.html", {"status": status, "message": message}),
            status=status,
        )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: an address no route serves is JSON in the API's shape under /api/ (DRF answers
    its own 404s so; Django answers those of addresses it has no route for)."""
    if request.path.startswith("/api/"):
        return refusals.as_json(404, "No such address in the API; /api/ lists its endpoints.")
    return page_not_found(request, exception)
