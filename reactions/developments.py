"""Which statements are about each curated development of the crisis (reactions/catalogue/timeline.toml).

The rule, written down here, on the codebook page and tested on sentences written for the tests:
a statement is about a development when

1. it was said within the development's days: from its first day to REACTION_DAYS after its last
   (reactions come the same day and the next two: a statement of 9 January condemning the order of
   the 7th to fire without warning is about it; one of the 20th is not);
2. its topic is the development's, or `both`;
3. its words name the development: one of the development's words for the statement's language
   (a word is the start of a word as written, so «withdraw» names «withdrawal» and «вывод» names
   «выводе»; a phrase is such words in a row; Arabic words may carry a proclitic: و، ف، ب، ل، ال).

Developments without words link nothing by this rule. The statements an occasion's extraction linked
to a curated development (the CSTO session of 10 January) stay linked whatever the rule says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q

from articles.extraction.normalize import normalize
from reactions.data_version import statements_changed
from reactions.models import Event, Statement

REACTION_DAYS = 2
# Arabic proclitics a word may carry before the word a development names (after normalisation).
_PROCLITIC = re.compile(r"^(?:[وف]?(?:[بلك]|ال|لل|بال|كال)?)")
_WORD = re.compile(r"\w+")


def phrases(words: dict[str, list[str]]) -> dict[str, list[tuple[str, ...]]]:
    """A development's words per language as phrases of normalised word starts."""
    return {
        language: [tuple(_WORD.findall(normalize(w))) for w in listed if _WORD.findall(normalize(w))]
        for language, listed in words.items()
    }


def names(text: str, language: str, wanted: Iterable[tuple[str, ...]]) -> bool:
    """Whether normalised `text` holds one of the phrases, each word as the start of a word."""
    # Each word as written, and without its proclitics where the language has them.
    tokens = [(t, _PROCLITIC.sub("", t) if language == "ar" else t) for t in _WORD.findall(text)]
    for phrase in wanted:
        for i in range(len(tokens) - len(phrase) + 1):
            if all(_starts(tokens[i + k], part) for k, part in enumerate(phrase)):
                return True
    return False


def _starts(token: tuple[str, str], part: str) -> bool:
    whole, bare = token
    return whole.startswith(part) or bare.startswith(part)


def days_of(event: Event) -> tuple[date, date]:
    return event.start, (event.end or event.start) + timedelta(days=REACTION_DAYS)


def _about(event: Event, wanted: dict, said_on: date | None, topic: str, language: str, text: str) -> bool:
    """The rule in this module's docstring, for one statement's fields (`wanted`: `phrases(event.words)`)."""
    first, last = days_of(event)
    if said_on is None or not first <= said_on <= last:
        return False
    if event.topic and topic not in (event.topic, "both"):
        return False
    return names(text, language, wanted.get(language, []))


def _developments() -> list[Event]:
    return list(Event.objects.filter(kind=Event.DEVELOPMENT).exclude(words={}))


def link_new(rows: list[Statement]) -> int:
    """Link the developments to the statements about them among these just stored: one query to
    read the developments, one to write the links."""
    through = Event.statements.through
    links = [
        through(event_id=event.pk, statement_id=row.pk)
        for event in _developments()
        for wanted in [phrases(event.words)]
        for row in rows
        if _about(event, wanted, row.said_on, row.topic, row.language, row.normalised)
    ]
    through.objects.bulk_create(links, ignore_conflicts=True)
    return len(links)


@transaction.atomic
def link_all() -> int:
    """Link every development to every statement about it, the links this rule made before made
    again from scratch (the words may have changed). Returns how many links."""
    through = Event.statements.through
    links = []
    for event in _developments():
        first, last = days_of(event)
        candidates = Statement.objects.filter(said_on__range=(first, last))
        if event.topic:
            candidates = candidates.filter(Q(topic=event.topic) | Q(topic="both"))
        wanted = phrases(event.words)
        rows = candidates.values_list("pk", "said_on", "topic", "language", "normalised")
        found = [row[0] for row in rows.iterator() if _about(event, wanted, *row[1:])]
        if not event.occasion_type:  # only this rule links it: start again
            through.objects.filter(event=event).delete()
        links += [through(event_id=event.pk, statement_id=pk) for pk in found]
    through.objects.bulk_create(links, ignore_conflicts=True)
    statements_changed()  # the event facet and the events pages count these links
    return len(links)
