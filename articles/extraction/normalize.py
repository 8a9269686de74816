"""Normalisation for matching (Arabic letter forms, case, ё), with a map back to offsets in the original text.

Matching compares normalised text; statements keep offsets into the original. `normalize` is the
fast path; `normalize_with_map` also returns, for every normalised character, the
index of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence

from pyarabic import araby

# Characters dropped for matching: harakat and other Quranic marks, tatweel, and the invisible
# direction and joiner marks that copy-pasted text carries.
_DROP = set(araby.TASHKEEL) | {araby.TATWEEL, "\u0670", "\u0653", "\u0654", "\u0655"}
_DROP |= {chr(c) for c in range(0x0610, 0x061B)} | {chr(c) for c in range(0x06D6, 0x06EE)}
_DROP |= {
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\u00ad",
}

# One-for-one letter foldings: hamza and madda forms of alef, alef maqsura, teh marbuta, hamza
# carriers, Persian and Urdu letters that Arabic news pages carry, and Arabic-Indic digits.
_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ی": "ي",
    "ک": "ك",
    "ہ": "ه",
    "ە": "ه",
    "ګ": "ك",
    "گ": "ك",
    "پ": "ب",
    "چ": "ج",
    "ژ": "ز",
    "ڤ": "ف",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    # Russian writes ё or е for the same letter: «Объединённых» and «Объединенных» match.
    "ё": "е",
    "Ё": "Е",
}
_FOLD.update({chr(0x0660 + d): str(d) for d in range(10)})
_FOLD.update({chr(0x06F0 + d): str(d) for d in range(10)})

# str.translate with a dict looks every character up in Python: on Arabic text it is twenty times
# slower than one str.replace per folded letter that occurs (a C scan each), so letters are folded
# that way and dropped by one regular expression; the yeh expressions run only when «يي» occurs.
_FOLD_PAIRS = tuple(_FOLD.items())
_DROP_CHARS = tuple(sorted(_DROP))
_DROPPED = re.compile("[" + re.escape("".join(_DROP_CHARS)) + "]+")
_LATIN_UPPER = re.compile(r"[A-ZА-ЯЁ]")
_DOUBLE_YEH = re.compile("ي{2,}")
_EXTRA_YEH = re.compile("(?<=ي)ي+")


def _fold(text: str) -> str:
    for letter, folded in _FOLD_PAIRS:
        if letter in text:
            text = text.replace(letter, folded)
    return text


def normalize(text: str) -> str:
    """Text folded for matching: same letters as `normalize_with_map` without the offsets.

    A doubled yeh is folded to one: transliterations hesitate (توكاييف / توكايف).
    """
    text = _DROPPED.sub("", _fold(text))
    if "يي" in text:
        text = _DOUBLE_YEH.sub("ي", text)
    return _lower(text)


def normalize_with_map(text: str) -> tuple[str, Sequence[int]]:
    """The normalised text and, for each of its characters, the index in `text` it came from.

    Folding is one character for one, so only deletions move offsets: the map is built from the
    runs between deleted characters, without a Python loop over every character.
    """
    kept = _fold(text)
    index: Sequence[int] = range(len(text))
    kept, index = _delete(kept, _DROPPED, index)
    if "يي" in kept:
        kept, index = _delete(kept, _EXTRA_YEH, index)
    return _lower(kept), index


def _delete(text: str, pattern: re.Pattern, index: Sequence[int]) -> tuple[str, Sequence[int]]:
    parts: list[str] = []
    new_index: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        parts.append(text[pos : m.start()])
        new_index.extend(index[pos : m.start()])
        pos = m.end()
    if pos == 0:
        return text, index
    parts.append(text[pos:])
    new_index.extend(index[pos:])
    return "".join(parts), new_index


def _lower(text: str) -> str:
    # Only Latin and Cyrillic have case here; lowering them one-for-one keeps offsets aligned
    # (str.lower() can lengthen a few characters such as 'İ').
    if not _LATIN_UPPER.search(text):
        return text
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def strip_marks(text: str) -> str:
    """Text without harakat and tatweel, letters unfolded: for display keys such as slugs."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if c not in _DROP)


def has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


_WORDS = re.compile(r"\w+")
# Token F1 at or above which two reports carry the same statement: across outlets
# (articles/services.py) and within one article (extraction/repeats.py).
SAME_WORDS = 0.5


def word_bag(norm: str) -> Counter[str]:
    """The words of normalised text with how often each occurs, for `bag_f1`."""
    return Counter(_WORDS.findall(norm))


def bag_f1(a: Counter[str], size_a: int, b: Counter[str], size_b: int, at_least: float = 0.0) -> float:
    """Token F1 of two word bags (multiset overlap) of `size_a` and `size_b` words; 0 without
    counting when it cannot reach `at_least` (sharing every word of the shorter would not)."""
    if not size_a or not size_b or 2 * min(size_a, size_b) < at_least * (size_a + size_b):
        return 0.0
    return 2 * sum((a & b).values()) / (size_a + size_b)


# Words that carry no claim, dropped before two reports' words are compared across outlets (one
# outlet writes «أنه طلب من …», another «… تقديم المساعدة لبلاده»: the claim is in the other words).
_FUNCTION_WORDS = frozenset(
    normalize(w)
    for line in (
        # Arabic
        "من في على إلى عن أن إن أنه أنها إنه إنها ما لا لم لن قد هذا هذه ذلك تلك التي الذي الذين",
        "مع كان كانت هو هي هم بعد قبل عند حتى أو ثم كل بين أي منذ خلال وأن وإن بأن لأن كما",
        # English
        "the a an of to in on at and or but that this these those is are was were be been it its",
        "for with as by from will would has have had not he she they we his her their our",
        # Russian
        "и в во не что на с со по к у из о об а но как это его ее её их то же за от до для при",
        "бы был была были будет она он они мы",
    )
    for w in line.split()
)
# Token F1 of two reports' claim words at or above which, said by the same speaker on the same or the
# next day, they are one claim carried by several outlets (articles/services.py).
SAME_CLAIM = 0.5


def claim_words(norm: str) -> list[str]:
    """The words of normalised text that carry its claim, in order: without function words and
    one-letter words."""
    return [w for w in _WORDS.findall(norm) if len(w) > 1 and w not in _FUNCTION_WORDS]


def claim_bag(norm: str) -> Counter[str]:
    """The claim words of normalised text with how often each occurs, for `bag_f1` across outlets."""
    return Counter(claim_words(norm))


# How many claim words in a row make a run (`word_runs`). A run of three is rare even where each of
# its words is common (a pasted passage finds the statements it quotes by them), and survives an
# outlet's cut of a quote at either end.
RUN = 3


def _run_key(words: Sequence[str]) -> str:
    # A stable hash (not Python's, which changes with each process), 8 hex digits: runs are only
    # compared for equality, and a stored statement holds a few dozen of them.
    return format(zlib.crc32(" ".join(words).encode()), "08x")


def word_runs(norm: str) -> str:
    """The runs of RUN claim words of a statement's normalised words, hashed, distinct, sorted and
    joined by spaces, as `Statement.word_runs` stores them; one run of all of them when there are
    fewer (two claim words at least: one word is no quote)."""
    words = claim_words(norm)
    if len(words) < 2:
        return ""
    n = min(RUN, len(words))
    return " ".join(sorted({_run_key(words[i : i + n]) for i in range(len(words) - n + 1)}))


def passage_runs(words: Sequence[str]) -> list[str]:
    """The runs a passage of claim `words` (in order) may share with a statement's `word_runs`: its
    runs of RUN and, for the statements of two claim words, of two."""
    return sorted({_run_key(words[i : i + n]) for n in (2, RUN) for i in range(len(words) - n + 1)})
