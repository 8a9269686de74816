"""A statement as a card shows it: the list's item (reactions/listing.py: what the API and the exports
give of it) and what only a card needs, its addresses, its speaker's provisional mark, its words as
shown, a search's marks and the outlet that carried its words first.

Every page that shows statements as cards (the statements list, an actor's, an event's, a quote
check, one statement's page) makes them here, from the item: a card cannot say anything its page's
JSON twin does not, and a page of cards costs a query of plain values, never model instances of the
statement, its speaker, its article and its outlet.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse

from reactions import listing
from reactions.lib.addresses import address
from reactions.lib.highlight import matches, segments
from reactions.models import Statement, in_guillemets
from reactions.names import known_names

Card = dict  # an item and the keys `cards` adds: a template reads both alike

# The columns a card reads besides its item's: whose words (provisional or not) and its claim's group.
EXTRA = ("speaker_id", "first_report_id")


def cards(items: list[dict]) -> list[Card]:
    """The cards of items read with EXTRA (`listing.page_items(ids, EXTRA)`), in their order.

    Every key the card template reads is set, None when it has nothing to show: a template's lookup
    of a missing key tries attributes and indexes before it gives up."""
    provisional = known_names().provisional
    codebook = reverse("methodology")
    out = []
    for item in items:
        pk, said = item["id"], item["said_on"]
        out.append(
            item
            | {
                "link": address("statement", pk),
                "speaker_link": address("actor", item["speaker_slug"]),
                "article_link": f"{address('article', item['article_id'])}#s{pk}",
                "codebook": codebook,
                "provisional": item["speaker_id"] in provisional,
                "said": date.fromisoformat(said) if said else None,
                "guillemets": in_guillemets(item["quote"], item["content"]),
                "claim": item["first_report_id"] or pk,
                "first_carried": None,
                "marked": None,
                "in_article": None,
                "in_article_cut": (False, False),
            }
        )
    _carried_first(out)
    return out


def cards_of(ids: Iterable[int], statements: QuerySet | None = None) -> list[Card]:
    """The cards of these statements, in the order of `ids` (among `statements`: the listed ones
    by default, as `listing.page_items`)."""
    return cards(listing.page_items(list(ids), EXTRA, statements))


def _carried_first(found: list[Card]) -> None:
    """Set `first_carried` (outlet name, day published) on each card whose claim several outlets
    carried: the report published first in its group. One query, only when such a card is shown."""
    roots = {card["claim"] for card in found if (card["outlets"] or 0) > 1}
    if not roots:
        return
    reports = Statement.objects.reports_of(roots).values_list(
        "first_report_id", "pk", "article__source__name", "article__published"
    )
    first: dict[int, tuple[str, object]] = {}
    for root, pk, outlet, published in reports:
        first.setdefault(root or pk, (outlet, published))
    for card in found:
        card["first_carried"] = first.get(card["claim"])


def mark_matches(found: list[Card], patterns: list[tuple[str, ...]]) -> None:
    """Set each card's `marked`: its words cut into plain runs and the runs a search matched."""
    for card in found:
        spans = matches(card["content"], patterns)
        card["marked"] = segments(card["content"], [(a, b, True) for a, b in spans]) if spans else None


def mark_in_articles(found: list[Card], patterns: list[tuple[str, ...]], around: int = 120) -> None:
    """Set `in_article` on each card whose own words the search did not match: the first place its
    article's text matched, `around` characters either side, the matched words marked (a search of
    the whole articles must show why a statement was found)."""
    from articles.models import Article

    wanted = {card["article_id"] for card in found if not card["marked"]}
    texts = dict(Article.objects.filter(pk__in=wanted).values_list("pk", "text")) if wanted else {}
    for card in found:
        text = texts.get(card["article_id"])
        spans = sorted(matches(text, patterns)) if text else []
        if not spans:
            continue
        first, last = spans[0][0], spans[0][1]
        start, end = max(0, first - around), min(len(text), last + around)
        shown = [(a - start, b - start, True) for a, b in spans if a >= start and b <= end]
        card["in_article"] = segments(text[start:end], shown)
        card["in_article_cut"] = (start > 0, end < len(text))
