"""Cutting the words of an English or Russian cue (the third stage of `reported.Reader`).

After the cue: past a complementizer, a colon, an audience («told reporters»), time phrases and
asides, to the end of the quotation that opened them or of the clause. Before it, when nothing
follows the cue: the clause from the last statement (past a dateline) to the comma, closing
quotation mark or dash that separates it from its attribution.
"""

from __future__ import annotations

from articles.extraction import dates
from articles.extraction.clause import Clause
from articles.extraction.lexicon import COLON, COMMA, QUOTE_MARKS, Cue
from articles.extraction.profiles import Profile
from articles.extraction.record import record
from articles.extraction.reported_speakers import WINDOW
from articles.extraction.segment import normalised_span
from articles.extraction.state import ArticleState


class WordsRules:
    """The words rules of `reported.Reader`; they read its state, profile and speaker helpers."""

    st: ArticleState
    p: Profile

    # ---- cutting the words ------------------------------------------------------------------
    def _words_after(self, c: Clause, j: int, cue: Cue, participle: bool = False) -> tuple[int, bool] | None:
        """Where the words after a cue begin (and whether a colon opened them), or None."""
        p, toks, b = self.p, c.tokens, c.end
        if cue.lemma.startswith("tell"):
            # «told CNN that», «told the Security Council that»: an addressee, then the words.
            for m in range(j, min(b, j + 6)):
                u = toks[m]
                if u.norm in p.complementizers or u.norm in COLON:
                    return (m + 1, u.norm in COLON) if m + 1 < b else None
                if not u.is_word or u.in_quote or p.is_verb(u.norm):
                    break
        k = j
        for _ in range(6):
            if k >= b:
                return None
            t = toks[k]
            if t.norm in p.complementizers:
                return (k + 1, False) if k + 1 < b else None
            if t.norm in COLON:
                return (k + 1, True) if k + 1 < b else None
            if t.in_quote:
                return k, False
            if t.norm in COMMA:
                if k + 1 < b and toks[k + 1].norm in p.complementizers:
                    return (k + 2, False) if k + 2 < b else None
                if k + 1 < b and toks[k + 1].norm in COLON:
                    return k + 2, True
                # «said, as Interfax reported, that ...»: an aside between commas, then the words.
                for m in range(k + 1, min(b - 1, k + WINDOW)):
                    if toks[m].norm in COMMA:
                        if toks[m + 1].norm in p.complementizers and m + 2 < b:
                            return m + 2, False
                        break
                return None
            if (
                t.norm in p.audiences
                or t.norm in p.adverbials
                or self._weekday(t.norm)
                or (k in c.mentions and cue.lemma.startswith("tell"))
            ):
                if k in c.mentions:
                    k = c.mentions[k].end
                else:
                    k += 1
                continue
            if t.norm in p.prepositions and k + 1 < b and self._time_word(toks[k + 1].norm):
                # «said on Friday the mission was over»: a time phrase, then the words; not
                # «during Monday's videoconference», a noun phrase.
                m = k + 1
                while m < b and self._time_word(toks[m].norm):
                    m += 1
                if m < b and not self._possessive(c, m):
                    k = m
                    continue
            if t.norm in p.prepositions:
                # «said in a statement that», «заявил в пятницу на брифинге»: a phrase to skip,
                # if a complementizer or colon follows it; else nothing follows the cue (a
                # quotation there names something: «в эфире программы «Большая игра»»).
                for m in range(k + 1, min(b, k + WINDOW)):
                    u = toks[m]
                    if u.norm in p.complementizers or u.norm in COLON:
                        return (m + 1, u.norm in COLON) if m + 1 < b else None
                    if u.norm in COMMA:
                        if m + 1 < b and toks[m + 1].norm in p.complementizers:
                            return (m + 2, False) if m + 2 < b else None
                        return None
                    if p.is_verb(u.norm):  # another attribution; «in a phone call» is a noun
                        return None
                return None
            # A weak cue («believe», «написал») needs a complementizer, colon or quotation; as a
            # participle it continues words already said («, calling Kazakhstan the target»).
            if (cue.weak and not participle) or not t.is_word:
                return None
            return k, False
        return None

    def _words_end(self, c: Clause, k: int) -> int:
        """The token index after the words that begin at k."""
        p, toks, b = self.p, c.tokens, c.end
        if k >= b:
            return k
        if toks[k].in_quote and toks[k].norm in QUOTE_MARKS:
            # A quotation that opens the words ends them, unless the sentence goes on after it.
            for m in range(k + 1, b):
                if (
                    toks[m].in_quote
                    and toks[m].norm in QUOTE_MARKS
                    and (m + 1 >= b or not toks[m + 1].in_quote)
                ):
                    rest = m + 1
                    if rest >= b or toks[rest].norm in COMMA or toks[rest].norm in (".", "!", "?"):
                        return rest
                    break
        m = k
        while m < b:
            t = toks[m]
            if not t.in_quote and m > k and t.norm in COLON and m + 1 < b and toks[m + 1].in_quote:
                return m  # «... on both sides: "There were cases ..."»: the quotation is read apart
            if not t.in_quote and m > k and t.norm in COMMA and m + 1 < b:
                nxt = toks[m + 1]
                if p.is_participle(nxt.norm) or self._according_at(c, m + 1):
                    return m
                if p.is_verb(nxt.norm) and not nxt.in_quote:
                    return m
                if m + 1 in c.mentions:
                    # «..., while Lavrov said that ...»: a new attribution, not more words.
                    mention = c.mentions[m + 1]
                    after = mention.end + 1
                    if (
                        after < b
                        and p.is_verb(toks[mention.end].norm)
                        and (toks[after].norm in p.complementizers or toks[after].norm in COMMA)
                    ):
                        return m
                if nxt.norm in p.pronouns and m + 2 < b and p.key(toks[m + 2].norm) in p.cues:
                    return m
            m += 1
        return b

    def _words_before(self, c: Clause, attribution: int, tail: int, speaker, cue: Cue, i: int) -> int | None:
        """«WORDS, Peskov said»: the clause before the attribution, up to the separator."""
        toks = c.tokens
        # «WORDS, were reiterated by X»: the auxiliaries go with the attribution.
        while attribution - 1 > c.consumed and toks[attribution - 1].norm in self.p.adverbials:
            attribution -= 1
        sep = attribution - 1
        if sep < c.consumed:
            return None
        separated = (
            toks[sep].norm in COMMA
            or toks[sep].norm in COLON
            or (toks[sep].in_quote and toks[sep].norm in QUOTE_MARKS)
        )
        if separated:
            end = sep if not (toks[sep].in_quote and toks[sep].norm in QUOTE_MARKS) else sep + 1
        elif self._gap_has_dash(c, sep):
            end = sep + 1
        else:
            return None
        start = self._after_dateline(c, c.consumed, end)
        while start < end and not (toks[start].is_word or toks[start].in_quote):
            start += 1
        if end - start < 2:
            return None
        return record(
            self.st,
            c,
            start,
            end,
            speaker,
            cue.act,
            toks[i],
            colon=False,
            end_index=tail,
            frame_span=(attribution, tail),
            words_rule="before_attribution",
        )

    def _after_dateline(self, c: Clause, start: int, end: int) -> int:
        """Past a dateline opening a sentence («BEIJING, Jan. 7 (Xinhua) --», «ЕРЕВАН, 7 янв —»):
        a word in capitals, then a dash within a few words. Its day is the article's news day."""
        toks = c.tokens
        first = toks[start]
        word = self.st.text[first.start : first.end]
        if not (word.isupper() and len(word) > 2 and first.is_word):
            return start
        depth = 0  # a dash inside the dateline's brackets («(Sputnik - 6 January)») is not its end
        for k in range(start, min(end - 1, start + 12)):
            depth += {"(": 1, ")": -1}.get(toks[k].norm, 0)
            if depth <= 0 and self._gap_has_dash(c, k):
                self._take_dateline(c, start, k + 1)
                return k + 1
        return start

    def _take_dateline(self, c: Clause, start: int, end: int) -> None:
        """The first explicit date of a dateline (tokens [start, end)) is the article's news day."""
        st = self.st
        if st.dateline is None:
            found = dates.resolve(
                normalised_span(c.line, c.tokens[start].start, c.tokens[end - 1].end), st.meta.published
            )
            if found is not None and found[1] == "explicit":
                st.dateline = found[0]

    def _tail(self, c: Clause, j: int) -> int:
        """The end of an attribution's adverbials: the sentence's end, or the comma before a
        participle or an «according to» that goes on."""
        toks = c.tokens
        m = j
        while m < c.end:
            if (
                toks[m].norm in COMMA
                and m + 1 < c.end
                and (self.p.is_participle(toks[m + 1].norm) or self._according_at(c, m + 1))
            ):
                return m
            m += 1
        return c.end
