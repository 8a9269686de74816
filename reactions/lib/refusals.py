"""The one shape of an error answer for machines: {"error": {"status", "message", "fields"}}.

The API (reactions/api_errors.py), the exports and the server's own 404/500/503 answers all build it
here, so a client reads every refusal the same way; pages render the same fields as HTML.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse


class Refusal(Exception):
    """A parameter of the request cannot be read: answered 400 naming each parameter and why, as a
    page (reactions/pages/common.py), its htmx fragment, or data (the API's handler, the exports)."""

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields
        super().__init__(message_of(fields))


def message_of(fields: dict[str, list[str]]) -> str:
    """One line naming each parameter and what is wrong with it."""
    return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in fields.items())


def body(status: int, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"status": status, "message": message, "fields": fields or {}}}


def as_json(status: int, message: str, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    return JsonResponse(
        body(status, message, fields), status=status, json_dumps_params={"ensure_ascii": False}
    )


def wants_data(request: HttpRequest) -> bool:
    """Whether the client asked for data, not a page: the API and the exports."""
    return request.path.startswith("/api/") or request.path.endswith((".json", ".csv"))
