"""Word forms of English and Russian, from well-kept libraries rather than suffix lists.

Russian: pymorphy3 and its OpenCorpora dictionary (installed from PyPI) give a word's lemma
(«заявила» -> «заявить», «Лаврову» -> «лавров») and a name's case forms («Сергей Лавров» ->
«Сергея Лаврова», «Сергею Лаврову» ...), so the catalogue's names match as articles inflect them.
English: the Snowball stemmer folds a verb's forms together («urges», «urged», «urging» -> «urg»).
Both are cached per word: articles repeat their words, and a parse costs tens of microseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3
import snowballstemmer

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Parses of a capitalised word that name someone or somewhere, in the order they are trusted.
_NAME_TAGS = ("Surn", "Name", "Patr", "Geox", "Orgn")


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _english() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


_CYRILLIC = re.compile(r"^[а-яё][а-яё\-]*$")


@lru_cache(maxsize=200_000)
def russian_lemma(word: str) -> str:
    """The dictionary form of a lower-case Russian word («заявила» -> «заявить»); any other word
    as it is (pymorphy3 fails on some characters)."""
    if not _CYRILLIC.match(word):
        return word
    parses = _morph().parse(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word


@lru_cache(maxsize=200_000)
def russian_tags(word: str) -> str:
    """The grammatical tags of a lower-case Russian word's likeliest reading («добавив» -> GRND)."""
    if not _CYRILLIC.match(word):
        return ""
    parses = _morph().parse(word)
    return str(parses[0].tag) if parses else ""


@lru_cache(maxsize=200_000)
def english_stem(word: str) -> str:
    """The Snowball stem of a lower-case English word («urged» -> «urg»)."""
    return _english().stemWord(word)


def _best_parse(word: str):
    """A name's parse for a capitalised word, in the nominative where it can be (aliases are
    written in the nominative: «Токаев» is the surname, not a genitive plural)."""
    if not _CYRILLIC.match(word.lower()):
        return None
    parses = _morph().parse(word)
    if not parses:
        return None
    if word[:1].isupper():
        for tag in _NAME_TAGS:
            named = [p for p in parses if tag in p.tag]
            if named:
                return next((p for p in named if "nomn" in p.tag), named[0])
    return next((p for p in parses if "nomn" in p.tag), parses[0])


# A name the dictionary lacks («Токаев», «Пашинян») declines like a known name with its ending: the
# endings are read from the dictionary's forms of that name, not written here.
_MODELS = (("ов", "Лавров"), ("ев", "Лавров"), ("ин", "Мишустин"), ("ын", "Мишустин"))
_CONSONANT_MODEL = "Стефан"
_VOWELS = set("аеёиоуыэюяйь")


def _borrowed(word: str, case: str) -> str | None:
    """`word` in `case` by the paradigm of a known name with the same ending, or None."""
    lower = word.lower()
    model = next((m for end, m in _MODELS if lower.endswith(end)), None)
    if model is None and lower[-1:].isalpha() and lower[-1:] not in _VOWELS:
        model = _CONSONANT_MODEL
    parse = _best_parse(model) if model else None
    inflected = parse.inflect({case}) if parse is not None else None
    base = model.lower() if model else ""
    if inflected is None or not inflected.word.startswith(base):
        return None
    return lower + inflected.word[len(base) :]


def _form(word: str, parse, case: str, person: bool) -> str | None:
    """One word of a name or title in `case`; None where it does not decline."""
    if word.isupper() and len(word) > 1:
        return None  # an abbreviation: МИД, ООН, ОДКБ
    # Only a nominative reading the dictionary knows is trusted: «Токаев» read as a genitive plural
    # of «токай», or a guess at an unknown word, borrows a known name's paradigm instead.
    if parse is not None and "nomn" in parse.tag and (parse.is_known or not word[:1].isupper()):
        inflected = parse.inflect({case})
        return inflected.word if inflected is not None else None
    if person and word[:1].isupper():
        return _borrowed(word, case)
    return None


@lru_cache(maxsize=20_000)
def russian_case_forms(phrase: str, person: bool = False) -> tuple[str, ...]:
    """The phrase in each of the six cases, lower-case, the phrase itself first.

    The leading words that agree with the head are inflected together («глава»,
    «официальный представитель», «Сергей Лавров»); the words after them stay as they are
    («МИД России», «генсек ООН», «комитета Госдумы»), and so does an abbreviation or a word that
    does not decline (ОДКБ, Шойгу). A person's name the dictionary lacks declines like a known
    name with its ending (`person`).
    """
    words = phrase.split()
    parses = [_best_parse(w) for w in words]
    run = 0
    for w, p in zip(words, parses, strict=True):
        if _form(w, p, "gent", person) is None:
            break
        run += 1
    forms = [phrase.lower().replace("ё", "е")]
    for case in _CASES[1:] if run else ():
        out = [
            (_form(w, p, case, person) or w) if n < run else w
            for n, (w, p) in enumerate(zip(words, parses, strict=True))
        ]
        form = " ".join(out).lower().replace("ё", "е")
        if form not in forms:
            forms.append(form)
    return tuple(forms)
