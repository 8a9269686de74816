"""Read settings from the environment, loudly.

Every helper raises ImproperlyConfigured-like errors (a plain ValueError subclass here, so the
module stays free of Django) naming the variable, so a typo in a deployment fails at start-up
instead of silently falling back to a default.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class EnvError(ValueError):
    """A variable is present but cannot be read, or is required and missing."""


def env_str(name: str, default: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    value = environ.get(name)
    if value is None or value == "":
        if default is None:
            raise EnvError(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise EnvError(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int, environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise EnvError(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def local_secret_key(path: Path) -> str:
    """A random key kept in a file beside the code, made on first use (readable by its owner only)."""
    try:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(key, encoding="ascii")
    return key


def redact_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()


def describe_database_error(exc: BaseException) -> str:
    """One line that tells a user which database could not be reached and how to fix it."""
    url = os.environ.get("DATABASE_URL")
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    where = f"DATABASE_URL={redact_url(url)}" if url else "the embedded SQLite database"
    return f"cannot use {where}: {first_line}"
