"""The day the words were said, once every statement of the article is found.

A statement's own frame may already have fixed it (`record`: explicit, weekday, relative). Here:
an occasion sentence («وجاء ذلك في بيان ... اليوم») dates the statement before it; a day is carried
to the same speaker's (or its institution's) neighbouring statements, forwards then backwards; the
article's news day (the first day a statement fixed) goes to the statements still without one,
but not to words said «earlier» (their day is not the news day, and the article does not give it).
The same pass carries an occasion to the same speaker's next words on the same day.
"""

from __future__ import annotations

from bisect import bisect_right

from articles.extraction.state import ArticleState
from articles.extraction.statement import ExtractedStatement


def resolve(st: ArticleState) -> None:
    body = [s for s in st.statements if s.line_kind != "title"]
    ends = [s.end for s in body]  # sorted: statements do not overlap
    for offset, day, _rule in st.occasions:
        n = bisect_right(ends, offset)
        if n and body[n - 1].said_on is None:
            body[n - 1].said_on, body[n - 1].date_rule = day, "carried"
    for seq in (body, list(reversed(body))):
        prev = None
        for s in seq:
            if (
                s.said_on is None
                and s.start not in st.earlier
                and prev is not None
                and prev.said_on
                and _related(st, s, prev)
            ):
                s.said_on, s.date_rule = prev.said_on, "carried"
            prev = s
    # The same speaker's next words on the same day were said at the same occasion.
    prev = None
    for s in body:
        if (
            not s.occasion
            and prev is not None
            and prev.occasion
            and prev.speaker_key == s.speaker_key
            and prev.said_on == s.said_on
        ):
            s.occasion, s.occasion_with = prev.occasion, prev.occasion_with
        prev = s
    # The article's news day: the first day a statement fixed, else its dateline's; statements
    # with none take it.
    news_day = next((s.said_on for s in body if s.said_on and s.date_rule != "carried"), st.dateline)
    if news_day:
        for s in body:
            # «Ранее ... заявил», «سابقا»: said before the news, on a day the article does not give.
            if s.said_on is None and s.start not in st.earlier:
                s.said_on, s.date_rule = news_day, "news_day"


def _related(st: ArticleState, a: ExtractedStatement, b: ExtractedStatement) -> bool:
    """The same speaker, or one is the other's institution (the spokesman and the ministry)."""
    if a.speaker_key is None or b.speaker_key is None:
        return a.speaker_name == b.speaker_name
    if a.speaker_key == b.speaker_key:
        return True
    return b.speaker_key in st.cat.chain(a.speaker_key) or a.speaker_key in st.cat.chain(b.speaker_key)
