"""What drf-spectacular cannot see: the API's one error shape and the statuses that carry it."""

from __future__ import annotations


def actor_kinds() -> list[tuple[str, str]]:
    """An actor's kinds as the model labels them: the schema names that set ActorKindEnum."""
    from reactions.models import Actor

    return list(Actor._meta.get_field("kind").choices)


ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message", "fields"],
            "properties": {
                "status": {"type": "integer"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "description": "The parameters or fields at fault, each with its messages",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}
WHY = {
    "400": "A parameter or field cannot be read; `fields` names it",
    "401": "Writing needs a token or a session",
    "403": "Writing needs an analyst",
    "404": "No such item",
    "429": "Too many requests; Retry-After says when to come back",
    "503": "A service the request needs (the task queue) is unavailable",
}


def document_errors(result: dict, generator, request, public) -> dict:
    """Add the error responses every operation can give, all in the Error shape."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            statuses = ["429"]
            if operation.get("parameters") or method in ("post", "patch", "put"):
                statuses.append("400")
            if "{" in path:
                statuses.append("404")
            if method in ("post", "patch", "put", "delete") or path.startswith("/api/ingest/"):
                statuses += ["401", "403"]
            if path.startswith("/api/ingest/") and method == "post":
                statuses.append("503")
            responses = operation.setdefault("responses", {})
            for status in statuses:
                responses.setdefault(
                    status,
                    {
                        "description": WHY[status],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
