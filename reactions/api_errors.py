"""One error shape across the API: {"error": {"status": 400, "message": "...", "fields": {...}}}."""

from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler


def handle(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    # An error is JSON whatever format was asked for (`?format=csv` of a bad filter included).
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    fields = {}
    if isinstance(exc, ValidationError) and isinstance(response.data, dict):
        fields = {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in response.data.items()}
        message = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items())
    elif isinstance(response.data, dict) and "detail" in response.data:
        message = str(response.data["detail"])
    else:
        message = str(response.data)
    response.data = {"error": {"status": response.status_code, "message": message, "fields": fields}}
    return response
