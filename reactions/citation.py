"""How to cite a statement: ready text for a journalist's copy, and CSL-JSON for reference managers.

One function builds both from the statement, so the page's text and the API's record agree. The
citation names the speaker and the office held, the words, the day they were said, the outlet
that reported them (headline, publication day, original address, or that the address is unknown),
and the statement's permanent address in Reactions with the day it was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reactions.models import Statement
from reactions.templatetags.display import web_url

UNKNOWN_ADDRESS = "original address unknown"


@dataclass(frozen=True)
class Citation:
    text: str
    csl: dict


def speaker_with_role(statement: Statement) -> str:
    """«Sergey Lavrov, Foreign Minister, Russian Foreign Ministry»: the name, then the office held
    and the institution it belongs to where the catalogue gives them."""
    actor = statement.speaker
    parts = [actor.name]
    if actor.role and actor.role != actor.name:
        parts.append(actor.role)
        if actor.parent and actor.parent.name not in actor.role:
            parts.append(actor.parent.name)
    return ", ".join(parts)


def cite(statement: Statement, permalink: str, accessed: date) -> Citation:
    """The citation of `statement`, whose permanent address is `permalink`, read on `accessed`."""
    article = statement.article
    outlet = article.source.name
    said = f"said {_day(statement.said_on)}" if statement.said_on else "on a day the article does not give"
    headline = f"“{article.title}”, " if article.title else ""
    published = _day(article.published) if article.published else "publication day unknown"
    url = web_url(article.url)  # an address that is not a web page's is not cited as one
    address = url or UNKNOWN_ADDRESS
    text = (
        f"{speaker_with_role(statement)}, {said}: «{statement.content}». "
        f"As reported by {outlet}, {headline}{published}, {address}. "
        f"Reactions, statement {statement.pk}, {permalink} (accessed {_day(accessed)})."
    )
    csl: dict = {
        "id": f"reactions-statement-{statement.pk}",
        "type": "article-newspaper",
        "title": article.title or f"{outlet} article",
        "container-title": outlet,
        "language": article.language,
        "note": f"Statement by {speaker_with_role(statement)}, {said}: «{statement.content}»",
        "archive": "Reactions",
        "archive_location": permalink,
        "accessed": _date_parts(accessed),
    }
    if article.published:
        csl["issued"] = _date_parts(article.published)
    if url:
        csl["URL"] = url
    return Citation(text, csl)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _date_parts(day: date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}
