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

from articles.extraction.clause import Clause, Speaker
from articles.extraction.cues import headline
from articles.extraction.lexicon import COLON, COMMA, QUOTE_MARKS, Cue
from articles.extraction.profiles import Profile
from articles.extraction.record import record
from articles.extraction.reported_speakers import SpeakerRules
from articles.extraction.reported_words import WordsRules
from articles.extraction.speakers import group
from articles.extraction.state import ArticleState


class Reader(SpeakerRules, WordsRules):
    """Reads the sentences of one article in one profile's language: finding cues here, choosing
    the speaker in `reported_speakers`, cutting the words in `reported_words`."""

    def __init__(self, st: ArticleState, profile: Profile) -> None:
        self.st = st
        self.p = profile
        self.previous: Clause | None = None  # the sentence before, if it made no statement
        self.made_before = False  # whether the sentence before made a statement
        self.subject: str | None = None  # the person the sentence before opens with
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
        subject = self._opening_person(c)
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
        if not made and not st.statements:
            # «BAKU, Azerbaijan, Jan. 11»: a sentence alone before the first statement.
            self._take_dateline(c, c.start, b)
        self.previous = c
        self.made_before = made
        self.subject = subject

    def _opening_person(self, c: Clause) -> str | None:
        """The person a sentence opens with, past an opening connective and a determiner («In
        addition, Tileuberdi ...», «The Kazakh Foreign Minister ...»): who «he» is in the next one."""
        toks, i = c.tokens, c.start
        comma = next((k for k in range(i, min(i + 4, c.end)) if toks[k].norm in COMMA), None)
        if comma is not None and not any(k in c.mentions for k in range(i, comma)):
            i = comma + 1
        while i < c.end and toks[i].norm in self.p.determiners:
            i += 1
        mention = c.mentions.get(i)
        return mention.key if mention is not None and self.st.is_person(mention.key) else None

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
