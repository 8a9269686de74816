"""Choosing the speaker of an English or Russian cue (the second stage of `reported.Reader`).

The subject before the cue («Peskov said», «the minister also said», «он заявил»), else the speaker
after it («said Peskov», «— сказал он»): a catalogue mention with its titles and names, a pronoun,
a bare title that refers back to its latest holder, a word of a name given earlier, a person the
catalogue lacks named by the name, an unnamed speaker named by its noun phrase. Never a
provisional actor named by a bare title.
"""

from __future__ import annotations

from articles.extraction import dates
from articles.extraction.aliases import Mention, alias_tokens
from articles.extraction.clause import Clause, Speaker
from articles.extraction.lexicon import COMMA
from articles.extraction.profiles import Profile
from articles.extraction.speakers import group
from articles.extraction.state import ArticleState

# How far a rule looks for a complementizer or a speaker.
WINDOW = 12
# How many persons the catalogue lacks an article's titles and pronouns may refer back to.
_NAMED = 64


class SpeakerRules:
    """The speaker rules of `reported.Reader`; they read its state and profile."""

    st: ArticleState
    p: Profile
    named: dict[str, tuple[int, set[str]]]
    name_keys: dict[str, set[str]]

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
        if m is not None and m.start >= c.consumed and self._governed(c, m.start):
            # «Путин в телефонном разговоре с Токаевым заявил», «Putin in a call with Tokayev said»:
            # a name after a preposition is its object; the subject is the clause's first name.
            m = self._first_free_mention(c, m.start) or m
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

    def _governed(self, c: Clause, start: int) -> bool:
        """Whether the mention at token `start` follows a preposition (the object of «с», «with»)."""
        return start - 1 >= c.consumed and c.tokens[start - 1].norm in self.p.prepositions

    def _first_free_mention(self, c: Clause, before: int) -> Mention | None:
        """The clause's first mention before token `before` that no preposition governs and no
        comma, quotation or other attribution separates from it, or None."""
        toks = c.tokens
        for k in range(c.consumed, before):
            if toks[k].in_quote or toks[k].norm in COMMA or self.p.is_verb(toks[k].norm):
                return None
            m = c.mentions.get(k)
            if m is not None and not self._governed(c, k) and not self._is_media(c, k):
                return m
        return None

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
        for end in range(j, min(c.end, j + WINDOW)):
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
        """The last speaker; for «he», «она» without one, the person named last before the pronoun.
        After a sentence that made no statement and opens with a person, «he» is that person:
        «Tileuberdi briefed Wang Yi on the situation. He pointed out that ...»."""
        st = self.st
        last = st.last
        subject = self.subject if not self.made_before else None
        if kind == "person" and subject is not None and (last is None or last.speaker_key != subject):
            return Speaker(subject, st.name(subject), "pronoun", end, start)
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
        """A dash stands between token k and the next («Текст – сказал он», «(Xinhua) --»)."""
        toks = c.tokens
        if k + 1 >= len(toks):
            return False
        gap = self.st.text[toks[k].end : toks[k + 1].start]
        return "—" in gap or "–" in gap or "-" in gap.split() or "--" in gap

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
