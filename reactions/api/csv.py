"""CSV as a DRF format: `?format=csv` and `Accept: text/csv` select the streamed export."""

from __future__ import annotations

from rest_framework.renderers import BaseRenderer


class CSVRenderer(BaseRenderer):
    """Selects the CSV view of a list; the view streams reactions.export.stream_csv itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return str(data).encode()
