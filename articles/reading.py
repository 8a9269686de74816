"""Read article files and manifests, refusing bad input with a message a user can act on.

Pure Python (no Django): `manage.py ingest`, `manage.py extract` and the tests share it.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from articles.extraction.language import detect
from articles.extraction.pipeline import ArticleMeta
from reactions.lib.days import outside

MAX_FILE_BYTES = 10 * 1024 * 1024
_HTML = re.compile(r"^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


_LANGUAGE = re.compile(r"[a-z]{2}")


class ReadError(ValueError):
    """A file or manifest cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    source: str = ""
    source_original: str = ""
    published: date | None = None
    language: str = ""  # ISO 639-1; "" when the manifest or page does not say (then detected)
    url: str | None = None
    title: str = ""

    def meta(self) -> ArticleMeta:
        """What the extraction pipeline needs to know of the article (`language` resolved)."""
        return ArticleMeta(
            file=self.file,
            title=self.title,
            published=self.published,
            language=self.language,
            source=self.source,
        )

    def for_text(self, text: str) -> ManifestEntry:
        """This entry with its language: as given, else detected from the text."""
        return self if self.language else replace(self, language=detect(text))

    def fitted(self) -> ManifestEntry:
        """This entry as the database can hold it: each text cut to its column, without null
        characters (a page's metadata may hold anything); an address too long to keep is dropped."""
        url = self.url if self.url and len(self.url) <= 2000 and "\x00" not in self.url else None
        return replace(
            self,
            file=_fit(self.file, 300),
            source=_fit(self.source, 200),
            source_original=_fit(self.source_original, 200),
            title=_fit(self.title, 1000),
            url=url,
        )


def _fit(value: str, length: int) -> str:
    return value.replace("\x00", "")[:length].strip()


def read_article(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The text of an article file: UTF-8, not empty, not binary, not HTML, not over the size cap."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ReadError(f"{path}: not a file")
        if size > max_bytes:
            raise ReadError(
                f"{path}: {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: not a file") from None
    return decode_article(data, str(path))


_UTF16_32 = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Control, unassigned, private-use and surrogate characters: what random bytes read as UTF-16 give.
_NOT_TEXT = frozenset({"Cc", "Cn", "Co", "Cs"})


def decode_article(data: bytes, name: str) -> str:
    text = None
    for bom, encoding in _UTF16_32:  # a file saved as "Unicode" by a word processor
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(f"{name}: binary file, not text") from None
            # Almost any bytes decode as UTF-16; text is made of assigned characters, not controls.
            odd = sum(1 for c in text if unicodedata.category(c) in _NOT_TEXT and c not in "\n\r\t")
            if odd > len(text) // 100:
                raise ReadError(f"{name}: binary file, not text")
            break
    if text is None:
        if b"\x00" in data[:8192]:
            raise ReadError(f"{name}: binary file, not text")
        text = decode_text(data, name)
    if "\x00" in text:
        raise ReadError(f"{name}: a null character at character {text.index(chr(0)):,}: not a text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(f"{name}: empty file")
    if _HTML.match(text):
        raise ReadError(f"{name}: an HTML page, not article text; save the article's text as a .txt file")
    return text


def _mostly_utf8(data: bytes) -> bool:
    """Whether most of the non-ASCII bytes form valid UTF-8: a legacy encoding's Arabic does not
    (its letters are single bytes, mostly invalid as UTF-8)."""
    decoded = data.decode("utf-8", errors="replace")
    wide = sum(1 for c in decoded if ord(c) > 127 and c != "\ufffd")
    return wide > 0 and decoded.count("\ufffd") * 20 < wide


# Legacy Arabic encodings still met on news sites and in archives, tried after UTF-8.
LEGACY_ENCODINGS = ("windows-1256", "iso-8859-6")


def decode_text(data: bytes, name: str) -> str:
    """Bytes as text: UTF-8, else the legacy Arabic encoding that reads as Arabic."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc
    if _mostly_utf8(data):
        # A few bad bytes in UTF-8 text: read as a legacy encoding, the whole article would be
        # mojibake. Refused, saying where.
        at = first_error.start
        raise ReadError(f"{name}: UTF-8 text with a byte that is not UTF-8 (0x{data[at]:02x} at offset {at})")
    # windows-1256 decodes almost any byte: take the decoding that reads most as Arabic, if one does.
    best, best_share = None, 0.5
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if c.isalpha()]
        share = sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters) if letters else 0.0
        if share > best_share:
            best, best_share = text, share
    if best is not None:
        return best
    at = first_error.start
    raise ReadError(
        f"{name}: not UTF-8 text (byte 0x{data[at]:02x} at offset {at}), "
        "nor Arabic in windows-1256 or ISO-8859-6"
    )


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Manifest entries by file name; every entry is checked, so one bad date fails the whole file."""
    path = Path(path)
    try:
        return parse_manifest(path.read_bytes(), path)
    except FileNotFoundError:
        raise ReadError(f"manifest {path}: no such file") from None


def parse_manifest(raw: bytes, path: Path | str) -> dict[str, ManifestEntry]:
    """A manifest's entries from its bytes (`path` names it in messages): a file on disk or one
    uploaded beside the articles on the ingest page."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"manifest {path}: not valid JSON ({exc})") from None
    items = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ReadError(f'manifest {path}: expected {{"articles": [...]}}')
    entries: dict[str, ManifestEntry] = {}
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("file"):
            raise ReadError(f'manifest {path}: entry {n} has no "file"')
        name = str(item["file"])
        published = item.get("published")
        if published:
            try:
                published = date.fromisoformat(str(published)[:10])
            except ValueError:
                raise ReadError(
                    f"manifest {path}: {name}: published {published!r} is not a date (YYYY-MM-DD)"
                ) from None
            if (reason := outside(published)) is not None:
                raise ReadError(f"manifest {path}: {name}: published {reason}")
        # Any language is stored; one the pipeline does not read is marked so (language.not_read).
        language = str(item.get("language") or "").strip().lower()
        if language and not _LANGUAGE.fullmatch(language):
            raise ReadError(
                f"manifest {path}: {name}: language {language!r} is not a two-letter code (ar, en, ru)"
            )
        url = item.get("url") or None
        if url is not None and not str(url).lower().startswith(("http://", "https://")):
            raise ReadError(f"manifest {path}: {name}: url must be an http or https address")
        entries[name] = ManifestEntry(
            file=name,
            source=str(item.get("source") or ""),
            source_original=str(item.get("source_ar") or ""),
            published=published or None,
            language=language,
            url=str(url) if url else None,
            title=str(item.get("title") or ""),
        )
    return entries


def article_files(paths: list[Path]) -> list[Path]:
    """The .txt files named, or found directly inside the folders named, in a stable order."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
            if not found:
                raise ReadError(f"{path}: no .txt articles in this folder")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise ReadError(f"{path}: no such file or folder")
    return files
