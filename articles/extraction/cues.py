"""Finding cues: what in a sentence opens a statement, and the rule that reads each kind.

Every reporting verb or participle outside a quotation opens a candidate statement; a cue inside
the words of a statement already found belongs to those words. The kinds: a reporting verb
(«قال»، «أكدت»), «نقلت ... عن X», «حسب X», a continuing participle («، مضيفاً أن»), a headline
«X: ...», and an embedded post. A sentence that opens no statement may be an occasion sentence
(«وجاء ذلك في بيان ... اليوم») that dates the statement before it.
"""

from __future__ import annotations

from articles.extraction import dates, speakers
from articles.extraction.clause import Clause, Speaker
from articles.extraction.labels import topic_and_act
from articles.extraction.lexicon import (
    ACCORDING,
    APPEAL_OBJECT_CUES,
    AS_PUT,
    COLON,
    COMMA,
    COMPLEMENTIZERS,
    CUES,
    OCCASION_OPENERS,
    PARTICIPLES,
    SAYING,
    STATEMENT_NOUNS,
    TRANSMIT,
    TRANSMIT_ACCORDING,
    Cue,
)
from articles.extraction.normalize import normalize
from articles.extraction.record import record
from articles.extraction.segment import Post, tokens_of
from articles.extraction.state import ArticleState
from articles.extraction.statement import ExtractedStatement
from articles.extraction.words import content_end, emit


def read_sentence(st: ArticleState, c: Clause) -> None:
    """Every statement of one sentence, left to right."""
    toks, b = c.tokens, c.end
    made = False
    i = c.start
    if headline(st, c):
        return
    while i < b:
        t = toks[i]
        if t.in_quote or i < c.consumed:
            i += 1
            continue
        result = None
        norm = t.norm
        if norm in PARTICIPLES and st.last is not None and made:
            result = _continuation(st, c, i, norm)
        elif norm in ACCORDING:
            result = _according(st, c, i)
        elif norm == "حد" and st.last is not None:
            result = _as_he_put_it(st, c, i)
        elif norm in CUES or norm in TRANSMIT:
            result = _verb(st, c, i)
        if result is None:
            i += 1
            continue
        made = True
        c.consumed = c.frame = i = result
    if not made:
        _occasion_sentence(st, c)


def _verb(st: ArticleState, c: Clause, i: int) -> int | None:
    """A reporting verb: its speaker (SVO, VSO, transmitted, a noun phrase, a pronoun), then its words."""
    toks, b = c.tokens, c.end
    t = toks[i]
    cue = CUES.get(t.norm) or Cue("نقل", "statement")
    # «أعلنت أفادت لجنة ...»: two verbs in a row; the second one carries the statement.
    if i + 1 < b and toks[i + 1].norm in CUES:
        return None
    appeal = cue.lemma in APPEAL_OBJECT_CUES
    speaker = None
    if t.norm in TRANSMIT:
        speaker = speakers.transmitted(st, c, i)
        if speaker is None:
            return None
    # An actor opening the clause before the verb is its subject; one after it may be its object.
    speaker = speaker or speakers.before(st, c, i)
    speaker = speaker or speakers.after(st, c, i)
    object_np = False
    if speaker is None:
        np_end = speakers.noun_phrase(c, i + 1)
        if np_end is not None:
            inside = [k for k in range(i + 1, np_end) if k in c.mentions]
            if speakers.is_media(c, i + 1) and not inside:
                return None  # a reporter's frame: the speaker is inside it
            if inside:
                speaker = speakers.group(st, c, inside[0], "vso")
            elif appeal:
                object_np = True  # «دعت السلطات إلى ...»: the authorities are addressed
            else:
                speaker = speakers.unknown(st, c, i + 1, np_end)
    if speaker is None and appeal and st.last is not None and _appeal_complement(c, i):
        # «ودعت الإسرائيليين إلى الامتناع»: an addressee and its «إلى»; the subject is a pronoun.
        object_np = True
    if speaker is None:
        if cue.weak or st.last is None or not (object_np or speakers.pronoun_follows(c, i)):
            return None
        speaker = speakers.previous(st, "pronoun", i + 1)
    return emit(st, c, speaker, cue.act, t, weak=cue.weak)


def _came_in_a_statement(st: ArticleState, c: Clause) -> bool:
    """«وجاء في بيان الخارجية الإسرائيلية: ...», «وجاء في البيان أن ...»: the words after the colon
    or complementizer are the statement's author's (named after the document, else the last
    speaker)."""
    toks, a, b = c.tokens, c.start, c.end
    if not (a + 2 < b and toks[a + 1].norm == _IN and toks[a + 2].norm in STATEMENT_NOUNS):
        return False
    k = a + 3
    if k in c.mentions:
        speaker = speakers.group(st, c, k, "document")
    elif st.last is not None and toks[a + 2].norm.startswith("ال"):
        speaker = speakers.previous(st, "document", k)
    else:
        return False
    k = speaker.end
    if k < b and toks[k].norm in COLON | COMPLEMENTIZERS:
        colon = toks[k].norm in COLON
        start = k + 1 if colon else k
        end = content_end(c, start)
        return (
            record(
                st,
                c,
                start,
                end,
                speaker,
                "statement",
                toks[a],
                colon=colon,
                words_rule="after_colon" if colon else "after_complementizer",
            )
            is not None
        )
    return False


def _appeal_complement(c: Clause, i: int) -> bool:
    """«إلى» within a few words after an appeal verb, past a word or two of addressee."""
    toks = c.tokens
    return any(toks[k].norm == _TO for k in range(i + 2, min(c.end, i + 5)))


def _continuation(st: ArticleState, c: Clause, i: int, norm: str) -> int | None:
    """«، مضيفاً أن ...»: the previous speaker goes on."""
    speaker = speakers.previous(st, "continuation", i + 1)
    return emit(st, c, speaker, PARTICIPLES[norm] or "statement", c.tokens[i])


_ON = normalize("على")
_IN = normalize("في")
_TO = normalize("إلى")


def _as_he_put_it(st: ArticleState, c: Clause, i: int) -> int | None:
    """«...، على حد قوله»: the clause before is the last speaker's words, as he put them."""
    toks = c.tokens
    if not (i - 2 >= c.consumed and toks[i - 1].norm == _ON and toks[i - 2].norm in COMMA):
        return None
    if i + 1 >= c.end or toks[i + 1].norm not in AS_PUT:
        return None
    start = c.consumed
    while start < i - 2 and not toks[start].is_word:
        start += 1
    if sum(1 for t in toks[start : i - 2] if t.is_word) < 3:
        return None
    speaker = speakers.previous(st, "pronoun", i + 2)
    return record(
        st,
        c,
        start,
        i - 2,
        speaker,
        "statement",
        toks[i],
        colon=False,
        end_index=i + 2,
        words_rule="before_attribution",
    )


def _according(st: ArticleState, c: Clause, i: int) -> int | None:
    """«حسب X»: X is the source of the clause before it, or of the clause after it."""
    toks, a, b = c.tokens, c.start, c.end
    j = i + 1
    if toks[i].norm in TRANSMIT_ACCORDING and j < b and toks[j].norm == "عن":
        j += 1  # «نقلا عن X»
    if j not in c.mentions:
        return None
    speaker = speakers.group(st, c, j, "according_to")
    after = speaker.end
    if j == i + 2:
        speaker.end = after = after + (after < b and toks[after].norm in SAYING)
    if i - 1 >= a and toks[i - 1].norm in COMMA and i - 1 > c.consumed:
        # «..., بحسب التلفزيون الرسمي.»: the clause before is the statement; fewer than four words
        # there are a connective, and the words follow the source: «وفي غضون ذلك، وفقا لـX، إن ...».
        start = c.consumed
        while start < i - 1 and (toks[start].norm in COMMA or toks[start].norm in CUES):
            start += 1
        if start >= i - 1:
            return None
        if sum(1 for t in toks[start : i - 1] if t.is_word) >= 4:
            return record(
                st,
                c,
                start,
                i - 1,
                speaker,
                "statement",
                toks[i],
                colon=False,
                end_index=speaker.end,
                words_rule="before_attribution",
            )
    if after < b and toks[after].norm in COMMA:
        after += 1
    # «وحسب «الميادين» أكد الرئيس»: a cue after the source means the source only reports it.
    if after >= b or toks[after].norm in CUES or (after + 1 < b and toks[after + 1].norm in CUES):
        return None
    speaker.end = after
    return emit(st, c, speaker, "statement", toks[i])


def headline(st: ArticleState, c: Clause) -> bool:
    """«الخارجية الروسية: خطوات ...»: a speaker and a colon open the line or the title part."""
    toks, a, b = c.tokens, c.start, c.end
    if a not in c.mentions:
        return False
    speaker: Speaker = speakers.group(st, c, a, "headline")
    if speaker.end >= b or toks[speaker.end].norm not in COLON:
        return False
    k = speaker.end + 1
    end = content_end(c, k)
    return (
        record(st, c, k, end, speaker, "statement", toks[speaker.end], colon=True, words_rule="headline")
        is not None
    )


def read_post(st: ArticleState, post: Post) -> None:
    """An embedded post: direct words of the author its handle or name names."""
    words = post.handle + " " + post.name
    tokens = tokens_of(words, 0, len(words), [])
    found = st.aliases.find([t.norm for t in tokens if t.is_word])
    key = found[0].key if found else None
    content = st.text[post.start : post.end]
    when = dates.resolve(normalize(post.date_text), st.meta.published)
    topic, act, _own = topic_and_act(normalize(content), "", "statement")
    st.add(
        ExtractedStatement(
            speaker_key=key,
            speaker_name=st.name(key) if key else post.name,
            content=content,
            start=post.start,
            end=post.end,
            quote="direct",
            said_on=when[0] if when else None,
            date_rule=when[1] if when else "none",
            topic=topic,
            act=act,
            cue=post.handle,
            confidence=0.95 if key else 0.6,
            speaker_rule="post",
            line_kind="post",
            words_rule="post",
        )
    )


def _occasion_sentence(st: ArticleState, c: Clause) -> None:
    """«وجاء ذلك في بيان ... اليوم»: the day of the statement before. «وجاء في بيان X: ...» is X's
    statement."""
    toks, a, b = c.tokens, c.start, c.end
    if toks[a].norm not in OCCASION_OPENERS:
        return
    if _came_in_a_statement(st, c):
        return
    found = dates.resolve(normalize(st.text[toks[a].start : toks[b - 1].end]), st.meta.published)
    if found:
        st.occasions.append((toks[a].start, found[0], found[1]))
