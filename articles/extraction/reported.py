"""Reported speech in English and Russian: finding cues, choosing the speaker, cutting the words.

These languages put the subject before the verb («Peskov said that ...», «Песков заявил, что ...»)
and often the words before their attribution («"...," Peskov said», ««...», — сказал Песков»), so
one set of rules reads both, with each language's words in its `Profile`:

- **cue**: a reporting verb (its stem or lemma in the profile), a continuing participle after a
  comma («, adding that», «, добавив, что»), «according to X» / «по словам X», and the Russian
  «Об этом заявил X» (the words are the sentence before) and «О том, что ..., сообщил X»;
- **speaker**: the subject before the cue (a catalogue mention with its titles, a pronoun, a title
  that refers back to the latest actor holding it, a name or a speaker noun the catalogue lacks),
  else the speaker after it («said Peskov», «сказал он»);
- **words**: after the cue (past a complementizer, colon, adverbials, an audience, an addressee)
  to the end of the quotation or the clause; or, when nothing follows the cue, the clause before
  the attribution, up to the comma, dash or quotation mark that separates them.

The statement is kept by `record`, as in Arabic, and dated from the words of its attribution.
"""

from __future__ import annotations

from dataclasses import replace

from articles.extraction import dates
from articles.extraction.aliases import alias_tokens
from articles.extraction.clause import Clause, Speaker
from articles.extraction.cues import headline
from articles.extraction.lexicon import COLON, COMMA, QUOTE_MARKS, Cue
from articles.extraction.profiles import Profile
from articles.extraction.record import record
from articles.extraction.segment import normalised_span
from articles.extraction.speakers import group
from articles.extraction.state import ArticleState

_DASHES = ("—", "–", "-")
# How far a rule looks for a complementizer or a speaker.
_WINDOW = 12
# How many persons the catalogue lacks an article's titles and pronouns may refer back to.
_NAMED = 64


class Reader:
    """Reads the sentences of one article in one profile's language."""

    def __init__(self, st: ArticleState, profile: Profile) -> None:
        self.st = st
        self.p = profile
        self.previous: Clause | None = None  # the sentence before, if it made no statement
        self.made_before = False  # whether the sentence before made a statement
        # Persons the catalogue lacks, named in this article: name -> (recency, title keys).
        self.named: dict[str, tuple[int, set[str]]] = {}
        self.name_keys: dict[str, set[str]] = {}  # catalogue key -> keys of its names' words

    # ---- finding cues -----------------------------------------------------------------------
    def read_sentence(self, c: Clause) -> None:
        st, p = self.st, self.p
        toks, b = c.tokens, c.end
        made = False
        i = c.start
        if headline(st, c):
            return
        about_this = self._this_ref(c)
        while i < b:
            t = toks[i]
            if t.in_quote or i < c.consumed or not t.is_word:
                i += 1
                continue
            result = None
            according = self._according_at(c, i)
            if according:
                result = self._according(c, i, according)
            elif p.is_participle(t.norm) and made and st.last is not None and self._after_comma(c, i):
                result = self._continuation(c, i)
            elif p.is_verb(t.norm) and not self._relayed(c, i):
                result = self._verb(c, i, about_this)
            if result is None:
                i += 1
                continue
            made = True
            c.consumed = c.frame = i = result
            if i + 1 < b and toks[i].norm in COLON and toks[i + 1].in_quote:
                # «He noted that X: "Y"»: the quotation after the colon is the same speaker's.
                c.consumed = c.frame = i = self._quotation_after_colon(c, i)
        if not made and self.made_before:
            made = self._quotation_goes_on(c)
        if not made and not st.statements and st.dateline is None:
            # «BAKU, Azerbaijan, Jan. 11», «BEIJING, Jan. 7 (Xinhua) --»: the day the news is from.
            found = dates.resolve(
                normalised_span(c.line, toks[c.start].start, toks[b - 1].end), st.meta.published
            )
            if found is not None and found[1] == "explicit":
                st.dateline = found[0]
        self.previous = c
        self.made_before = made

    def _quotation_after_colon(self, c: Clause, colon: int) -> int:
        """Record the quotation after `colon` for the last speaker; the token index after it."""
        st, toks = self.st, c.tokens
        first = colon + 1
        end = self._words_end(c, first)
        assert st.last is not None
        speaker = Speaker(st.last.speaker_key, st.last.speaker_name, "quotation", first)
        made = record(
            st,
            c,
            first,
            end,
            speaker,
            "statement",
            toks[colon],
            colon=True,
            frame_span=(c.start, first),
            words_rule="after_colon",
        )
        return end if made is not None else colon + 1

    def _quotation_goes_on(self, c: Clause) -> bool:
        """«"A," the minister added. "B."»: a sentence that is one quotation, right after a statement,
        goes on with the same speaker's words."""
        st, toks = self.st, c.tokens
        first, last = c.start, c.end - 1
        while last > first and toks[last].norm in (".", "!", "?", "…"):
            last -= 1
        if st.last is None or not (toks[first].in_quote and toks[first].norm in QUOTE_MARKS):
            return False
        if not all(t.in_quote for t in toks[first : last + 1]) or toks[last].norm not in QUOTE_MARKS:
            return False
        speaker = Speaker(st.last.speaker_key, st.last.speaker_name, "quotation", first)
        return (
            record(
                st,
                c,
                first,
                last + 1,
                speaker,
                "statement",
                toks[first],
                colon=False,
                frame_span=(first, first),
                words_rule="quotation_goes_on",
            )
            is not None
        )

    def _according_at(self, c: Clause, i: int) -> int:
        """The length of an «according to» opener starting at i, or 0; a possessive may stand
        inside it («по его словам», «по ее мнению»)."""
        toks, p = c.tokens, self.p
        for words in p.according:
            n = len(words)
            if i + n <= c.end and all(toks[i + k].norm == w for k, w in enumerate(words)):
                return n
            if (
                i + n + 1 <= c.end
                and toks[i].norm == words[0]
                and toks[i + 1].norm in p.possessives
                and all(toks[i + 1 + k].norm == w for k, w in enumerate(words[1:], start=1))
            ):
                return n + 1
        return 0

    def _this_ref(self, c: Clause) -> bool:
        """«Об этом сообщил X»: the sentence opens by pointing at the one before."""
        toks = c.tokens
        for words in self.p.this_refs:
            n = len(words)
            if c.start + n <= c.end and all(toks[c.start + k].norm == w for k, w in enumerate(words)):
                return True
        return False

    def _after_comma(self, c: Clause, i: int) -> bool:
        return i - 1 >= c.start and c.tokens[i - 1].norm in COMMA

    def _relayed(self, c: Clause, i: int) -> bool:
        """«как сообщает РИА Новости», «as Reuters reported»: an outlet relaying, not a speaker."""
        toks = c.tokens
        nxt = i + 1
        if nxt < c.end and (
            self.p.key(toks[nxt].norm) in self.p.media or (nxt in c.mentions and self._is_media(c, nxt))
        ):
            return i - 1 >= c.start and toks[i - 1].norm in ("как", "as")
        return False

    def _is_media(self, c: Clause, j: int) -> bool:
        actor = self.st.cat.get(c.mentions[j].key)
        return actor is not None and actor.role_code == "state_media"

    # ---- a reporting verb -------------------------------------------------------------------
    def _verb(self, c: Clause, i: int, about_this: bool) -> int | None:
        p, toks = self.p, c.tokens
        cue = p.cues[p.key(toks[i].norm)]
        lead = self._lead_in(c, i)
        # «О том, что ... сообщил X»: the lead-in clause holds the words, not the subject.
        before = self._subject(c, i) if lead is None else None
        after = None if before else self._inverted(c, i)
        speaker = before or after
        if speaker is None:
            return None
        # The cue's own particle («called on», «pointed out») belongs to it.
        j = after.end if after else i + 1
        particles = p.cue_particles.get(cue.lemma)
        if particles and j < c.end and toks[j].norm in particles:
            j += 1
            cue = replace(cue, weak=False)  # «called for restraint» reports as surely as «urged»
        elif particles and cue.weak:
            return None
        if about_this:
            return self._about_previous(c, i, speaker, cue, j) if self.previous is not None else None
        opener = before.start - 1 if before is not None else i - 1
        if (
            opener >= c.consumed
            and toks[opener].norm in p.as_markers
            and j + 1 < c.end
            and toks[j].norm in COMMA
        ):
            # «Как заявил Песков, войска уйдут», «As Peskov said, ...»: the words after the comma.
            end = self._words_end(c, j + 1)
            return record(
                self.st,
                c,
                j + 1,
                end,
                speaker,
                cue.act,
                toks[i],
                colon=False,
                frame_span=(opener, j),
                words_rule="after_as",
            )
        if lead is not None:
            words_end = before.start if before else i
            return record(
                self.st,
                c,
                lead,
                words_end,
                speaker,
                cue.act,
                toks[i],
                colon=False,
                end_index=self._tail(c, j),
                frame_span=(words_end, self._tail(c, j)),
                words_rule="lead_in",
            )
        start = self._words_after(c, j, cue)
        if start is not None:
            k, colon = start
            end = self._words_end(c, k)
            if end > k:
                frame_from = c.frame
                return record(
                    self.st,
                    c,
                    k,
                    end,
                    speaker,
                    cue.act,
                    toks[i],
                    colon=colon,
                    frame_span=(min(frame_from, i), k),
                )
            return None
        # Nothing follows the cue: the words stand before the attribution.
        attribution = before.start if before else i
        tail = self._tail(c, j)
        return self._words_before(c, attribution, tail, speaker, cue, i)

    def _about_previous(self, c: Clause, i: int, speaker: Speaker, cue: Cue, j: int) -> int | None:
        """«X призывает ... . Об этом заявил Y»: the sentence before is what Y said, whatever
        statements were read in it."""
        prev = self.previous
        assert prev is not None
        self.previous = None
        tail = self._tail(c, j)
        self.st.discard(prev.tokens[prev.start].start, prev.tokens[prev.end - 1].end)
        prev.frame = prev.start
        made = record(
            self.st,
            prev,
            prev.start,
            prev.end,
            speaker,
            cue.act,
            c.tokens[i],
            colon=False,
            frame_span=(c.start, tail),
            frame_clause=c,
            words_rule="sentence_before",
        )
        return tail if made is not None else None

    def _lead_in(self, c: Clause, i: int) -> int | None:
        """«О том, что WORDS сообщил X»: where WORDS begin, if the sentence opens so."""
        toks = c.tokens
        for words in self.p.lead_ins:
            n = len(words)
            if c.start + n < i and all(toks[c.start + k].norm == w for k, w in enumerate(words)):
                return c.start + n
        return None

    def _continuation(self, c: Clause, i: int) -> int | None:
        """«, adding that ...», «, добавив, что ...»: the last speaker goes on."""
        p, last = self.p, self.st.last
        assert last is not None
        cue = p.cues[p.key(c.tokens[i].norm)]
        speaker = Speaker(last.speaker_key, last.speaker_name, "continuation", i + 1, i)
        j = i + 1
        if j < c.end and c.tokens[j].norm in p.cue_particles.get(cue.lemma, ()):
            j += 1
        start = self._words_after(c, j, cue, participle=True)
        if start is None:
            return None
        k, colon = start
        end = self._words_end(c, k)
        if end <= k:
            return None
        return record(self.st, c, k, end, speaker, cue.act, c.tokens[i], colon=colon, frame_span=(i, k))

    def _according(self, c: Clause, i: int, n: int) -> int | None:
        """«according to X, WORDS», «WORDS, according to X», «по его словам, WORDS»."""
        st, p, toks = self.st, self.p, c.tokens
        j = i + n
        if toks[i + 1].norm in p.possessives:
            # «по его словам»: the possessive stands for the last speaker.
            if st.last is None:
                return None
            speaker = Speaker(st.last.speaker_key, st.last.speaker_name, "according_to", j, i)
        elif j < c.end and toks[j].norm in p.possessives and st.last is not None:
            speaker = Speaker(st.last.speaker_key, st.last.speaker_name, "according_to", j + 1, i)
        elif (m := self._source_after(c, j)) is not None:
            # «according to the Kremlin», «according to a statement on the Kremlin website».
            found = group(st, c, m, "according_to")
            speaker = Speaker(found.key, found.name, found.rule, found.end, i)
            while speaker.end < c.end and toks[speaker.end].is_word and speaker.end - m < 6:
                speaker.end += 1  # «... website»: the rest of the source's noun phrase
        elif j + 1 in c.mentions and (head := self._head_of(c, j, c.mentions[j + 1].key)) is not None:
            # «по словам главы МИД РФ»: the title's holder in the institution named.
            speaker = Speaker(head, st.name(head), "according_to:title", c.mentions[j + 1].end, i)
        else:
            return None
        if i - 1 > c.consumed and toks[i - 1].norm in COMMA:
            # «WORDS, according to X.»
            return record(
                st,
                c,
                c.consumed,
                i - 1,
                speaker,
                "statement",
                toks[i],
                colon=False,
                end_index=speaker.end,
                frame_span=(i, speaker.end),
                words_rule="before_attribution",
            )
        k = speaker.end
        if k < c.end and toks[k].norm in COMMA:
            k += 1
        if k >= c.end or p.key(toks[k].norm) in p.cues:
            return None
        end = self._words_end(c, k)
        return record(st, c, k, end, speaker, "statement", toks[i], colon=False, frame_span=(i, k))

    # ---- choosing the speaker ---------------------------------------------------------------
    def _subject(self, c: Clause, i: int) -> Speaker | None:
        """The speaker before the cue: «Peskov said», «the minister also said», «он заявил»."""
        st, p, toks = self.st, self.p, c.tokens
        if i - 1 >= c.consumed and toks[i - 1].norm in p.determiners:
            return None  # «Putin's remarks», «the statement»: a noun, not a verb
        j = i
        while j - 1 >= c.consumed and (
            toks[j - 1].norm in p.adverbials
            or self._time_word(toks[j - 1].norm)
            or p.is_adverb(toks[j - 1].norm)
        ):
            j -= 1
            # «on Friday», «в пятницу», «6 января»: the preposition of a time phrase goes with it.
            if j - 1 >= c.consumed and toks[j - 1].norm in p.prepositions and self._time_word(toks[j].norm):
                j -= 1
        # «Tokayev, who chairs the council, said», «Tokayev, speaking to parliament, said»: an aside
        # between commas after the subject (a relative clause, a participle, a prepositional phrase).
        if j - 1 > c.consumed and toks[j - 1].norm in COMMA and c.mention_ends.get(j - 1) is None:
            for k in range(j - 2, max(c.consumed, j - 20), -1):
                if toks[k].in_quote or p.is_verb(toks[k].norm):
                    break  # a quotation's own clause, or another attribution, is not an aside
                if toks[k].norm in COMMA:
                    if c.mention_ends.get(k) is not None and self._aside(toks[k + 1].norm):
                        j = k
                    break
        # «the Spokesperson ..., Stéphane Dujarric, said»: an apposition closed by a comma.
        if j - 1 > c.consumed and toks[j - 1].norm in COMMA and c.mention_ends.get(j - 1) is not None:
            j -= 1
            while j - 1 >= c.consumed and toks[j - 1].norm in p.adverbials:
                j -= 1
        # «the Tajik Ministry of Foreign Affairs (MFA) said»: an aside before the cue.
        if j - 1 >= c.consumed and toks[j - 1].norm == ")":
            k = j - 1
            while k > c.consumed and toks[k].norm != "(" and j - k < 8:
                k -= 1
            if toks[k].norm == "(":
                j = k
        if j - 1 < c.consumed:
            return None
        m = c.mention_ends.get(j)
        if m is not None and m.start >= c.consumed and not self._is_media(c, m.start):
            # The mention may close a group of titles and names: «Kremlin spokesman Dmitry Peskov».
            first = m.start
            while (prev := c.mention_ends.get(first)) is not None and prev.start >= c.consumed:
                first = prev.start
            found = group(st, c, first, "svo")
            return Speaker(found.key, found.name, found.rule, i + 1, self._np_start(c, first))
        word = toks[j - 1].norm
        kind = p.pronouns.get(word)
        if kind is not None:
            return self._pronoun(kind, i + 1, j - 1)
        name = self._name_before(c, j)
        if name is not None:
            key, text, start = name
            return Speaker(key, text, "name" if key else "provisional", i + 1, self._np_start(c, start))
        head = self._head_before(c, j)
        if head is not None and (titled := self._titled(c, head, i + 1)) is not None:
            return titled
        return self._unnamed(c, j, i + 1)

    def _unnamed(self, c: Clause, j: int, end: int) -> Speaker | None:
        """«Russian officials ... have said», «a police spokesperson reported»: a speaker the
        catalogue lacks, named by its noun phrase up to its head, when something qualifies the head
        (a bare «the spokesman» is a title that resolved to no one: nobody)."""
        toks, p = c.tokens, self.p
        start = self._np_start(c, j)
        if j - start > 8:
            return None
        for h in range(j - 1, start - 1, -1):  # the last head: «police spokesperson»
            if p.key(toks[h].norm) not in p.speaker_heads or p.key(toks[h].norm) in p.media:
                continue
            first = start
            indefinite = toks[first].norm in ("a", "an")
            while first < h and toks[first].norm in p.determiners:
                first += 1
            if first == h and not indefinite:
                return None  # «the spokesman», «Minister»: a bare title, nobody
            name = self.st.text[toks[first].start : toks[h].end]
            return Speaker(None, name, "provisional", end, start)
        return None

    def _inverted(self, c: Clause, i: int) -> Speaker | None:
        """The speaker after the cue: «said Peskov», «— сказал он», «said the minister».

        Only where the attribution ends there (at the sentence's end, a comma, a complementizer,
        an adverbial): in «Wang said China supports ...» China begins the words."""
        found = self._after(c, i)
        if found is None:
            return None
        k = found.end
        toks, p = c.tokens, self.p
        if k < c.end:
            t = toks[k]
            ends = (
                not t.is_word
                or t.norm in p.complementizers
                or t.norm in p.prepositions
                or t.norm in p.adverbials
                or self._weekday(t.norm)
                or p.is_participle(t.norm)
            )
            if not ends:
                return None
        return found

    def _after(self, c: Clause, i: int) -> Speaker | None:
        st, p, toks = self.st, self.p, c.tokens
        j = i + 1
        # «were reiterated by Ms. Gherman»: the agent of a passive cue.
        if j < c.end and toks[j].norm in p.agent_markers:
            j += 1
        if j < c.end and toks[j].norm in p.determiners:
            j += 1
        if j >= c.end or not toks[j].is_word or toks[j].in_quote:
            return None
        kind = p.pronouns.get(toks[j].norm)
        if kind is not None:
            return self._pronoun(kind, j + 1, i)
        # «said Kremlin spokesman Dmitry Peskov», «сообщил премьер-министр, председатель Совета
        # ОДКБ Армении Никол Пашинян»: titles and names after the cue; the person they name.
        for end in range(j, min(c.end, j + _WINDOW)):
            t = toks[end]
            if t.in_quote or t.norm in p.complementizers or t.norm in (".", "!", "?"):
                break
            if end in c.mentions and not self._is_media(c, end):
                found = group(st, c, end, "vso")
                # A body right after the cue, or after its preposition: «сообщили в МИД России».
                if st.is_person(found.key) or end == j or (end == j + 1 and toks[j].norm in p.prepositions):
                    return Speaker(found.key, found.name, found.rule, found.end, i)
            elif t.is_word and (end == j or not self._capitalised(toks[end - 1])):
                name = self._name_after(c, end)
                if name is not None:
                    key, text, stop = name
                    return Speaker(key, text, "name" if key else "provisional", stop, i)
        # «сказал глава комитета», «said the spokesman»: a title refers back to its holder.
        for end in range(j, min(c.end, j + 4)):
            t = toks[end]
            if not t.is_word or t.in_quote or t.norm in p.complementizers:
                break
            if p.key(t.norm) in p.titles:
                stop = end + 1
                # The title's genitive complement: «глава комитета», «представитель ведомства».
                while (
                    stop < c.end
                    and stop - end < 3
                    and toks[stop].is_word
                    and not self._capitalised(toks[stop])
                ):
                    if toks[stop].norm in p.prepositions or toks[stop].norm in p.complementizers:
                        break
                    stop += 1
                return self._titled(c, end, stop, start=i)
        return None

    def _pronoun(self, kind: str, end: int, start: int) -> Speaker | None:
        """The last speaker; for «he», «она» without one, the person named last before the pronoun."""
        st = self.st
        last = st.last
        if last is not None and (kind == "any" or last.speaker_key is None or st.is_person(last.speaker_key)):
            return Speaker(last.speaker_key, last.speaker_name, "pronoun", end, start)
        people = [k for k, serial in st.mentioned.items() if st.is_person(k) and serial < self.st.floor]
        if kind == "person" and people:
            key = max(people, key=st.mentioned.__getitem__)
            return Speaker(key, st.name(key), "pronoun", end, start)
        return None

    def _titled(self, c: Clause, head: int, end: int, start: int | None = None) -> Speaker | None:
        """A bare title («the minister», «глава комитета»): the latest actor named who holds it,
        in the catalogue or named so earlier in the article («Azerbaijani Foreign Minister Jeyhun
        Bayramov said ... the minister added»). Never a provisional actor named by the title."""
        st, p = self.st, self.p
        title = p.key(c.tokens[head].norm)
        roles = p.titles.get(title)
        if roles is None:
            return None
        last = st.last
        holder = st.cat.get(last.speaker_key) if last is not None and last.speaker_key else None
        if holder is not None and any(r in holder.role_code for r in roles):
            # «"...," said the head of the committee» right after the committee head's words.
            return Speaker(
                holder.key, holder.name, "title", end, self._np_start(c, head) if start is None else start
            )
        best: tuple[int, str | None, str] | None = None
        for k, serial in st.mentioned.items():
            actor = st.cat.get(k)
            if serial >= st.floor or actor is None or not any(r in actor.role_code for r in roles):
                continue
            if best is None or serial > best[0]:
                best = (serial, k, actor.name)
        for name, (serial, titles) in self.named.items():
            if title in titles and (best is None or serial > best[0]):
                best = (serial, None, name)
        if best is None:
            return None
        _, key, name = best
        return Speaker(key, name, "title", end, self._np_start(c, head) if start is None else start)

    def _source_after(self, c: Clause, j: int) -> int | None:
        """The first actor named in the words at j, before a comma: the source of «according to»,
        not an outlet, and not after a title that the next rule reads («по словам главы МИД»)."""
        toks = c.tokens
        for k in range(j, min(c.end, j + 5)):
            if not toks[k].is_word or toks[k].in_quote:
                return None
            if k in c.mentions:
                if self._is_media(c, k) or (k == j + 1 and self.p.key(toks[j].norm) in self.p.titles):
                    return None
                return k
        return None

    def _head_of(self, c: Clause, title: int, institution: str) -> str | None:
        """The member of `institution` holding the title at token `title` («глава» + «МИД РФ»)."""
        roles = self.p.titles.get(self.p.key(c.tokens[title].norm))
        if roles is None:
            return None
        for actor in self.st.cat.actors.values():
            if (
                actor.parent == institution
                and actor.kind == "person"
                and any(r in actor.role_code for r in roles)
            ):
                return actor.key
        return None

    def _head_before(self, c: Clause, j: int) -> int | None:
        """A title ending the subject before j («the spokesman», «глава комитета»)."""
        toks, p = c.tokens, self.p
        for k in range(j - 1, max(c.consumed, j - 4) - 1, -1):
            t = toks[k]
            if not t.is_word or t.in_quote:
                return None
            if p.key(t.norm) in p.titles:
                return k
        return None

    def _capitalised(self, tok) -> bool:
        return self.st.text[tok.start].isupper()

    def _name_before(self, c: Clause, j: int) -> tuple[str | None, str, int] | None:
        """A person named by capitalised words ending at j: one of the article's speakers by a
        word of their name («Wang said», «Bayramov added»), else a person the catalogue lacks,
        without the titles before the name («Azerbaijani Foreign Minister Jeyhun Bayramov»)."""
        toks = c.tokens
        k = j
        while (
            k - 1 >= max(c.consumed, j - 8)
            and toks[k - 1].is_word
            and not toks[k - 1].in_quote
            and self._capitalised(toks[k - 1])
        ):
            k -= 1
        if k == j:
            return None
        known = self._known_name(toks[j - 1].norm) if j - k == 1 or self._is_title(toks[j - 2]) else None
        if known is not None:
            return (*known, j - 1)
        name_start = k
        for m in range(k, j):
            if self._is_title(toks[m]):
                name_start = m + 1
        if k == c.start and name_start == k:
            name_start += 1  # the first word of a sentence is capitalised anyway
        if not 2 <= j - name_start <= 3 or self._is_media_name(toks[name_start:j]):
            return None
        text = self.st.text[toks[name_start].start : toks[j - 1].end]
        self._remember(text, {self.p.key(t.norm) for t in toks[k:name_start]})
        return None, text, name_start

    def _name_after(self, c: Clause, j: int) -> tuple[str | None, str, int] | None:
        toks = c.tokens
        if not self._capitalised(toks[j]) or self._is_title(toks[j]):
            return None
        k = j
        while k < c.end and toks[k].is_word and not toks[k].in_quote and self._capitalised(toks[k]):
            k += 1
        if k - j == 1:
            known = self._known_name(toks[j].norm)
            return (*known, k) if known is not None else None
        if k - j > 3 or self._is_media_name(toks[j:k]):
            return None
        text = self.st.text[toks[j].start : toks[k - 1].end]
        self._remember(text, {self.p.key(t.norm) for t in toks[max(c.start, j - 3) : j]})
        return None, text, k

    def _is_media_name(self, toks) -> bool:
        return any(self.p.key(t.norm) in self.p.media for t in toks)

    def _is_title(self, tok) -> bool:
        key = self.p.key(tok.norm)
        return key in self.p.titles or key in self.p.title_words or tok.norm in self.p.title_words

    def _known_name(self, word: str) -> tuple[str | None, str] | None:
        """The article's person whose name has this word («Wang» after «Wang Wenbin», «Калашникова»
        after «Леонид Калашников»), compared by stem or lemma."""
        st, key = self.st, self.p.key(word)
        best: tuple[int, str | None, str] | None = None
        for k, serial in st.mentioned.items():
            actor = st.cat.get(k)
            if actor is None or actor.kind != "person" or key not in self._name_keys(k):
                continue
            if best is None or serial > best[0]:
                best = (serial, k, actor.name)
        for name, (serial, _titles) in self.named.items():
            if key in {self.p.key(w) for w in alias_tokens(name)} and (best is None or serial > best[0]):
                best = (serial, None, name)
        return (best[1], best[2]) if best else None

    def _name_keys(self, actor_key: str) -> set[str]:
        """The stems or lemmas of the words of an actor's names, in every language."""
        found = self.name_keys.get(actor_key)
        if found is None:
            actor = self.st.cat.get(actor_key)
            aliases = actor.aliases if actor is not None else ()
            found = {self.p.key(w) for a in aliases if a.kind == "name" for w in alias_tokens(a.text)}
            self.name_keys[actor_key] = found
        return found

    def _remember(self, name: str, titles: set[str]) -> None:
        """A person the catalogue lacks, named now, with the titles that stood before the name."""
        old = self.named.pop(name, None)
        self.named[name] = (self.st.serial(), titles | (old[1] if old else set()))
        if len(self.named) > _NAMED:
            del self.named[next(iter(self.named))]  # the one named longest ago

    def _np_start(self, c: Clause, k: int) -> int:
        """Where the subject's noun phrase begins: back over its titles and qualifiers («Russian
        President», «presidential spokesperson», «официальный представитель генсека ООН») to the
        comma, dash, quotation or clause start before it."""
        toks = c.tokens
        while k - 1 >= c.consumed and toks[k - 1].is_word and not toks[k - 1].in_quote:
            word = toks[k - 1].norm
            if self.p.is_verb(word) or word in self.p.complementizers or word in self.p.as_markers:
                break
            if self._gap_has_dash(c, k - 1):
                break
            k -= 1
        return k

    def _gap_has_dash(self, c: Clause, k: int) -> bool:
        """A dash stands between token k and the next («Текст – сказал он»)."""
        toks = c.tokens
        if k + 1 >= len(toks):
            return False
        gap = self.st.text[toks[k].end : toks[k + 1].start]
        return any(d in gap.split() for d in _DASHES) or "—" in gap or "–" in gap

    def _weekday(self, word: str) -> bool:
        return word in dates.WEEKDAYS

    def _aside(self, word: str) -> bool:
        """A word that may open an aside between a subject and its verb."""
        p = self.p
        return word in p.relatives or word in p.prepositions or p.is_adverbial(word)

    def _possessive(self, c: Clause, m: int) -> bool:
        """Token m follows an apostrophe: «Monday's», «Putin’s»."""
        gap = self.st.text[c.tokens[m - 1].end : c.tokens[m].start]
        return "'" in gap or "’" in gap

    def _time_word(self, word: str) -> bool:
        """A word of a time phrase: a weekday, a month, a day's number («on Friday», «6 января»)."""
        return word in dates.WEEKDAYS or word in dates.MONTHS or word.isdigit() or word == "."

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
                for m in range(k + 1, min(b - 1, k + _WINDOW)):
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
                for m in range(k + 1, min(b, k + _WINDOW)):
                    u = toks[m]
                    if u.norm in p.complementizers or u.norm in COLON:
                        return (m + 1, u.norm in COLON) if m + 1 < b else None
                    if u.norm in COMMA:
                        if m + 1 < b and toks[m + 1].norm in p.complementizers:
                            return (m + 2, False) if m + 2 < b else None
                        return None
                    if p.key(u.norm) in p.cues:
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
        toks, text = c.tokens, self.st.text
        first = toks[start]
        word = text[first.start : first.end]
        if not (word.isupper() and len(word) > 2 and first.is_word):
            return start
        for k in range(start, min(end - 1, start + 12)):
            gap = text[toks[k].end : toks[k + 1].start]
            if "--" in gap or "—" in gap or "–" in gap:
                found = dates.resolve(
                    normalised_span(c.line, first.start, toks[k].end), self.st.meta.published
                )
                if self.st.dateline is None and found is not None and found[1] == "explicit":
                    self.st.dateline = found[0]
                return k + 1
        return start

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
