"""Which language an article is in, when its manifest or page does not say.

The script tells Arabic from Cyrillic from Latin, but not English from French nor Russian from
Kazakh: py3langid (langid.py's maintained fork, its model installed with the package from PyPI)
tells those apart. The pipeline reads `READ`; an article in any other language is stored and
marked "not extracted: language xx", never guessed at.
"""

from __future__ import annotations

READ = ("ar", "en", "ru")
# Enough words for a confident guess, few enough to stay fast on a 5 MB article.
_SAMPLE = 3000


# Letters Persian and Urdu write and Arabic does not.
_PERSIAN = frozenset("پچژگکیۀہےٹڈڑں")


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language ("" for text with no letters)."""
    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return ""
    import py3langid  # its model loads on first use (half a second): only where a language is unknown

    code, _score = py3langid.classify(sample)
    arabic_script = sum("\u0600" <= c <= "\u06ff" for c in letters)
    if arabic_script > len(letters) / 2:
        # A short Arabic text can look Persian to a model: only Persian letters say it is.
        persian = sum(c in _PERSIAN for c in letters)
        return code if code in ("fa", "ur", "ps") and persian > len(letters) / 100 else "ar"
    return code


def not_read(language: str) -> str | None:
    """Why an article in `language` is not extracted, or None when the pipeline reads it."""
    if language in READ:
        return None
    return f"not extracted: language {language or 'unknown'}"
