"""Choosing the speaker of a cue: who the words belong to.

In order of trust: an actor opening the clause before the cue (SVO), the actor right after it
(VSO) with its appositions, «نقل ... عن X», a speaker noun phrase the catalogue lacks (a document,
a shortened title, a bare institution, else a provisional actor), the previous speaker (pronoun).
The rules that try them in that order live in cues.py; each rule here answers one question.
"""

from __future__ import annotations

from articles.extraction.aliases import clitic_variants
from articles.extraction.clause import Clause, Speaker
from articles.extraction.lexicon import (
    BARE_INSTITUTIONS,
    COLLECTIVES,
    COLON,
    COMMA,
    COMPLEMENT_PREPOSITIONS,
    COMPLEMENTIZERS,
    CUES,
    DOCUMENT_NOUNS,
    FILLERS,
    MEDIA_HEADS,
    NP_STOPS,
    OCCASION_NOUNS,
    PARTICIPLES,
    QUOTE_MARKS,
    SAYING,
    SPEAKER_HEADS,
    SPEAKER_LINKS,
    SVO_OPENERS,
    VERB_PARTICLES,
)
from articles.extraction.state import ArticleState


def after(st: ArticleState, c: Clause, i: int) -> Speaker | None:
    """VSO: the actor named right after the cue (a filler word or «كل من» may come between)."""
    toks, mentions, b = c.tokens, c.mentions, c.end
    j = i + 1
    skipped = 0
    while j < b and j not in mentions and skipped < 2:
        norm = toks[j].norm
        if (
            norm in COLLECTIVES
            or norm in FILLERS
            or (norm.startswith("ال") and j + 1 < b and toks[j + 1].norm in COMMA)
        ):
            j += 1 + (toks[j + 1].norm in COMMA if j + 1 < b else 0)
            skipped += 1
            continue
        break
    if j in mentions:
        return group(st, c, j, "vso")
    return None


def before(st: ArticleState, c: Clause, i: int) -> Speaker | None:
    """SVO: an actor ending just before the cue, at the start of its clause."""
    toks, a = c.tokens, c.start
    j = i
    # «وكان لافروف قد صرح»: the particle of a past perfect stands between subject and verb.
    if j - 1 >= a and toks[j - 1].norm in VERB_PARTICLES:
        j -= 1
    if j - 1 >= a and toks[j - 1].norm in COMMA:
        j -= 1
    m = c.mention_ends.get(j)
    if m is not None and m.start >= a:
        start = m.start
        # «وكان الرئيس الكازاخستاني قاسم جومارت توكاييف، أمر»: a title right before the name.
        while (title := c.mention_ends.get(start)) is not None and title.start >= a and title.kind == "title":
            start = title.start
        opener = toks[start - 1].norm if start - 1 >= a else None
        if (
            opener is None
            or opener in COMMA
            or opener in SVO_OPENERS
            or opener in COMPLEMENTIZERS
            or opener in QUOTE_MARKS
            or opener in COLON
            or opener == "…"
        ):
            return Speaker(m.key, st.name(m.key), "svo", i + 1)
    return None


def transmitted(st: ArticleState, c: Clause, i: int) -> Speaker | None:
    """«نقلت وكالة X عن Y قوله ...»: Y speaks."""
    toks, b = c.tokens, c.end
    for j in range(i + 1, min(b, i + 10)):
        if toks[j].norm != "عن":
            continue
        # «عن الرئيس قاسم توكاييف»: a bare title may stand before the name.
        at = j + 1 if j + 1 in c.mentions else j + 2 if j + 2 in c.mentions and toks[j + 1].is_word else None
        if at is not None:
            speaker = group(st, c, at, "transmitted")
        elif (np_end := noun_phrase(c, j + 1)) is not None and not is_media(c, j + 1):
            # «عن مصدر دبلوماسي قوله»: a speaker the catalogue lacks, named as the article names it.
            speaker = unknown(st, c, j + 1, np_end)
            if speaker is None:
                return None
            speaker.rule = f"transmitted:{speaker.rule}"
        else:
            return None
        # «عن الرئيس قاسم توكاييف، تأكيده على ...»: the noun of saying, after a comma or not.
        k = speaker.end + (speaker.end < b and toks[speaker.end].norm in COMMA)
        if k < b and toks[k].norm in SAYING:
            speaker.end = k + 1
        return speaker
    return None


def group(st: ArticleState, c: Clause, j: int, rule: str) -> Speaker:
    """A mention and its appositions («المتحدثة باسم البيت الأبيض، جين ساكي،»): the most specific wins."""
    toks, mentions, b = c.tokens, c.mentions, c.end
    found = [mentions[j]]
    end = mentions[j].end
    while end < b:
        nxt = end + 1 if toks[end].norm in COMMA else end
        m = mentions.get(nxt)
        # «الإمارات والبحرين»: coordinated speakers; the first one stands for both.
        if m is not None and nxt == end and toks[nxt].norm.startswith("و") and not st.is_person(m.key):
            end = m.end
            continue
        if m is None or not st.is_person(m.key):
            break
        # A name right after a title names the title's holder; after a comma it is an apposition.
        if nxt == end and st.is_person(found[-1].key) and found[-1].kind == "name":
            break
        found.append(m)
        end = m.end
    key = most_specific(st, [m.key for m in found])
    kind = next(m.kind for m in reversed(found) if m.key == key)
    return Speaker(key, st.name(key), f"{rule}:{kind}", end)


def most_specific(st: ArticleState, keys: list[str]) -> str:
    """A person over a ministry over a country: the last person named, else the longest chain."""
    persons = [k for k in keys if st.is_person(k)]
    if persons:
        return persons[-1]
    return max(keys, key=lambda k: len(st.cat.chain(k)))


def noun_phrase(c: Clause, j: int) -> int | None:
    """End of a speaker noun phrase the catalogue lacks («المتحدث باسم الجيش»), if one starts at j."""
    toks, b = c.tokens, c.end
    if j >= b or toks[j].in_quote or not toks[j].is_word:
        return None
    head = toks[j].norm
    if not any(v in SPEAKER_HEADS or v in MEDIA_HEADS for v in clitic_variants(head)):
        return None
    end = j + 1
    while end < b and end - j < 6:
        t, prev = toks[end], toks[end - 1]
        if (
            not t.is_word
            or t.in_quote
            or t.norm in COMPLEMENTIZERS
            or t.norm in CUES
            or t.norm in NP_STOPS
            or t.norm in PARTICIPLES
            or t.norm in SAYING
        ):
            break
        # A phrase goes on through a construct («رئيس مجلس»), a definite modifier («الأمن»), a
        # link word («باسم») or a name; «الحكومة استقالتها» stops after «الحكومة».
        if not (
            not prev.norm.startswith("ال")
            or t.norm.startswith("ال")
            or t.norm in SPEAKER_LINKS
            or prev.norm in SPEAKER_LINKS
            or end in c.mentions
        ):
            break
        end += 1
    return end


def is_media(c: Clause, j: int) -> bool:
    """A reporter's or an outlet's noun phrase starts at j («مراسلنا»، «وكالة ...»)."""
    return any(v in MEDIA_HEADS for v in clitic_variants(c.tokens[j].norm))


def unknown(st: ArticleState, c: Clause, j: int, end: int) -> Speaker | None:
    """A speaker the catalogue lacks: a bare institution of the article's country, a shortened
    name of an actor already named, or a provisional actor with its Arabic name; None for a bare
    title that resolves to no one (a provisional actor is never named by a bare title)."""
    toks = c.tokens
    words = tuple(t.norm for t in toks[j:end])
    if words[0] in DOCUMENT_NOUNS and st.last is not None:
        return Speaker(st.last.speaker_key, st.last.speaker_name, "document", end)
    candidates = st.aliases.prefix_of(words)
    seen = [k for k in candidates if k in st.mentioned]
    if not seen:
        body = _body_of_named(st, candidates)
        if body is not None:
            return Speaker(body, st.name(body), "short_form", end)
    if seen:
        key = max(seen, key=st.mentioned.__getitem__)
        return Speaker(key, st.name(key), "short_form", end)
    # «الوزير الروسي» after Lavrov: a shortened title of an actor named, the latest of them; with
    # none named, its one holder, or the country all its holders serve («الوزير الروسي»: Russia).
    holders = st.aliases.holders_of(words) if len(words) > 1 else set()
    held = [k for k in holders if k in st.mentioned]
    if held:
        key = max(held, key=st.mentioned.__getitem__)
        return Speaker(key, st.name(key), "title", end)
    countries = {actor.country for k in holders if (actor := st.cat.get(k)) is not None}
    if len(holders) == 1:
        key = next(iter(holders))
        return Speaker(key, st.name(key), "title", end)
    if len(countries) == 1 and (key := st.by_role.get((countries.pop(), "country"))):
        return Speaker(key, st.name(key), "title", end)
    if len(words) == 1 and words[0] in BARE_INSTITUTIONS and st.country_counts:
        country = max(st.country_counts, key=st.country_counts.get)
        key = st.by_role.get((country, BARE_INSTITUTIONS[words[0]]))
        if key:
            return Speaker(key, st.name(key), "bare_institution", end)
    if len(words) == 1 and words[0].startswith("ال") and (candidates or words[0] in BARE_INSTITUTIONS):
        # «المتحدث»، «الوزير»: a definite bare title means someone named before; it resolved to no
        # one, so it names nobody («مسؤول», an unnamed official, is kept as what the article says).
        return None
    name = st.text[toks[j].start : toks[end - 1].end]
    return Speaker(None, name, "provisional", end)


def _body_of_named(st: ArticleState, candidates: set[str]) -> str | None:
    """«الأمانة العامة» once «منظمة معاهدة الأمن الجماعي» is named, «وزارة الخارجية» right after the
    Emirates spoke: the one body, among those the words may shorten, of the last speaker's
    institution, or else of the only institution named."""
    if st.last is not None and st.last.speaker_key:
        own = {st.last.speaker_key, *st.cat.chain(st.last.speaker_key)}
        mine = [k for k in candidates if st.cat.chain(k)[:1] and st.cat.chain(k)[0] in own]
        if len(mine) == 1:
            return mine[0]
    named = [k for k in candidates if st.cat.chain(k)[:1] and st.cat.chain(k)[0] in st.mentioned]
    return named[0] if len(named) == 1 else None


def previous(st: ArticleState, rule: str, end: int) -> Speaker:
    """The last speaker again: a pronoun, a continuation («وأضاف»، «مضيفا»)."""
    last = st.last
    assert last is not None
    return Speaker(last.speaker_key, last.speaker_name, rule, end)


def pronoun_follows(c: Clause, i: int) -> bool:
    """A cue with no subject: what follows it is its complement, so the subject is a pronoun."""
    toks = c.tokens
    if i + 1 >= c.end:
        return False
    nxt = toks[i + 1]
    return (
        nxt.norm in COMPLEMENTIZERS
        or nxt.norm in COLON
        or nxt.norm in QUOTE_MARKS
        or nxt.norm in COMMA
        or nxt.norm in COMPLEMENT_PREPOSITIONS
        or nxt.norm in OCCASION_NOUNS
        or nxt.norm in FILLERS
        or nxt.norm.startswith("ب")
        or nxt.in_quote
    )
