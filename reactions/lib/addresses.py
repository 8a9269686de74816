"""A page's address from its URL name and its one value, as `reverse` gives it, without the resolver.

A page of 25 cards links each statement, its speaker and its article: 75 `reverse` calls, most of
the time it took to make the cards. Each URL name is reversed once (per script prefix) with a sample
value, and its address cut around where the value goes; the value is then quoted as `reverse`
quotes it.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

from django.urls import get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS

# Digits, so that an `int` converter takes it, and long enough that no URL pattern holds it.
_SAMPLE = "90817263544536271809"


def address(name: str, value: int | str) -> str:
    """`reverse(name, args=[value])` for a URL pattern with one parameter."""
    head, tail = _around(name, get_script_prefix())
    return f"{head}{quote(str(value), safe=RFC3986_SUBDELIMS + '/~:@')}{tail}"


@cache
def _around(name: str, prefix: str) -> tuple[str, str]:
    head, found, tail = reverse(name, args=[_SAMPLE]).rpartition(_SAMPLE)
    if not found:
        raise ValueError(f"the URL {name!r} does not hold its parameter as given")
    return head, tail
