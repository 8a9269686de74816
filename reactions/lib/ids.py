"""Reading a row id a user typed.

`str.isdigit()` is true of «²» and «١٢», which `int()` refuses or reads as a number no row has; a
bigint holds 18 digits. An id is ASCII digits, at most 18 of them.
"""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,18}")


def as_id(value: str) -> int | None:
    """The row id `value` writes, or None when it writes none."""
    return int(value) if _ID.fullmatch(value) else None
