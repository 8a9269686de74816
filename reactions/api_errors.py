"""DRF's errors in the one error shape (reactions/lib/refusals.py)."""

from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

from reactions.lib import refusals


def handle(exc, context):
    if isinstance(exc, refusals.Refusal):  # a parameter the list's readers refused (reactions/listing.py)
        exc = ValidationError(exc.fields)
    response = exception_handler(exc, context)
    if response is None:
        return None
    # An error is JSON whatever format was asked for (`?format=csv` of a bad filter included).
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    fields: dict[str, list[str]] = {}
    if isinstance(exc, ValidationError) and isinstance(response.data, dict | list):
        fields = _flat(response.data)
        message = refusals.message_of(fields)
    elif isinstance(response.data, dict) and "detail" in response.data:
        message = str(response.data["detail"])
    else:
        message = str(response.data)
    response.data = refusals.body(response.status_code, message, fields)
    return response


def _flat(errors, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors as one level, by dotted path (`articles.0.text`): messages, never the
    repr of a dict or an ErrorDetail."""
    if isinstance(errors, dict):
        out: dict[str, list[str]] = {}
        for key, value in errors.items():
            out.update(_flat(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(errors, list) and any(isinstance(e, dict | list) for e in errors):
        out = {}
        for n, value in enumerate(errors):
            if value:  # an item without errors is an empty dict
                out.update(_flat(value, f"{prefix}.{n}" if prefix else str(n)))
        return out
    messages = errors if isinstance(errors, list) else [errors]
    return {prefix or "non_field_errors": [str(m) for m in messages]}
