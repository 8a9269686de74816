"""Which release of the code is running, as a short digest: the prefix of every cache key.

The shared answer cache keeps whole pages, and a page names its stylesheet by the hash of its
contents (whitenoise's manifest): a page cached before a deploy would name a stylesheet the new
release no longer serves, and counts cached by the old code would outlive a fix to how they are
counted. Keyed by the release, a deploy starts from an empty cache; the data's version
(reactions/data_version.py) does the same for every write.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What an answer is made of: the code, its templates and the static files pages name.
PARTS = ("reactions", "articles", "templates", "static/css", "static/js")
SUFFIXES = {".py", ".html", ".toml", ".css", ".js", ".json"}


def code_release(root: Path = ROOT) -> str:
    """A digest of every file an answer is made of, in a stable order (about 20 ms, once a process)."""
    digest = hashlib.sha256()
    for part in PARTS:
        for path in sorted((root / part).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
