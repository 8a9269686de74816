"""Showing stored text safely: names, titles and addresses that came with the data.

Django escapes markup, not direction or schemes. A name carrying a right-to-left override would
reverse the page after it unless an element isolates it (<bdi>, or any element with `dir`), and a
stored `javascript:` address would run when clicked (the Content-Security-Policy blocks that too).
"""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# Embeddings, overrides and isolates: what changes the direction of the text after it.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@register.filter
def isolated(value: object) -> SafeString:
    """The value escaped, in a <bdi>: its direction cannot leak into the text around it."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def plain(value: object) -> str:
    """The value without direction controls, for where no element can isolate it (<title>)."""
    return _DIRECTION_CONTROLS.sub("", str(value))


@register.filter
def web_url(value: str | None) -> str:
    """The address if it is http(s), else "" (so `{% if x|web_url %}` drops the link)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""
