"""extract(): an article's text and metadata in, attributed statements out.

The stages, in order:
  1. segment   lines (title, body, boilerplate, captions, embedded posts), sentences, tokens
  2. speakers  catalogue mentions in each line (alias automaton)
  3. cues      each reporting verb or participle outside quotations opens a statement; its speaker
               is the actor after it (VSO), before it (SVO), after «نقل ... عن», a speaker noun
               phrase the catalogue lacks (provisional), or the previous speaker (pronoun)
  4. content   from the complementizer, colon or the first word after the speaker and its
               adverbials, to the end of the quotation, the next participle, a clause connective
               or the end of the sentence
  5. labels    quote type, act and topic from the cue and the words
  6. dates     the day named around the cue, then carried to the same speaker's neighbouring
               statements, then the article's news day

Every rule is general: nothing here knows a particular article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from datetime import date

from articles.extraction import dates
from articles.extraction.catalogue import Catalogue
from articles.extraction.lexicon import (
    ADVERBIAL_STARTERS,
    BARE_INSTITUTIONS,
    BOUNDARY_PAIRS,
    BOUNDARY_WORDS,
    COMPLEMENT_PREPOSITIONS,
    COMPLEMENTIZERS,
    CUES,
    DOCUMENT_NOUNS,
    MEDIA_HEADS,
    OCCASION_OPENERS,
    PARTICIPLES,
    SPEAKER_HEADS,
    SPEAKER_LINKS,
    Cue,
)
from articles.extraction.normalize import normalize
from articles.extraction.occasions import find_occasion
from articles.extraction.segment import (
    Line,
    Post,
    Token,
    lines_of,
    normalised_span,
    posts_of,
    sentences_of,
    tokens_of,
)
from articles.extraction.speakers import AliasMatcher, Mention, clitic_variants
from articles.extraction.topics import LEXICON, act_of, topic_of

PIPELINE_VERSION = "1.0.0"
MAX_ARTICLE_CHARS = 5_000_000

_N = normalize
_COMMA = {"،", ","}
_COLON = {":"}
# What a statement's words never end or start with (trimmed in `_record`).
_TRAILING = frozenset(_COMMA | _COLON | {".", "؛", ";", "…", "-"})
_LEADING = frozenset(_COMMA | _COLON | {"-"})
_QUOTE = {'"'}
_FILLERS = {
    _N(w)
    for w in (
        "أيضا",
        "أيضاً",
        "كذلك",
        "بدوره",
        "بدورها",
        "بدورهم",
        "من",
        "جهته",
        "جانبه",
        "جهتها",
        "جانبها",
        "قائلا",
        "قائلة",
        "قائلاً",
    )
}
_OCCASION_NOUNS = {
    _N(w)
    for w in (
        "تغريدة",
        "بيان",
        "بيانا",
        "كلمة",
        "تصريحات",
        "تصريح",
        "تصريحا",
        "مقابلة",
        "حديث",
        "رسالة",
        "منشور",
        "مؤتمر",
        "إحاطة",
        "قائلا",
        "قائلة",
        "قائلاً",
    )
}
_SAYING = {_N(w) for w in ("قوله", "قولها", "قولهم", "قولهما", "قول")}
_ACCORDING = {_N(w) for w in ("حسب", "بحسب", "وحسب", "وبحسب", "وفق", "وفقا", "ووفقا", "طبقا", "نقلا")}
_TRANSMIT = {_N(w) for w in ("نقلت", "ونقلت", "نقل", "ونقل", "فنقلت")}
# Verbs whose addressee comes before the words: «أبلغ نظيره أن ...».
_TELL = {"أبلغ"}
_APPEAL_OBJECT_CUES = {"دعا", "حث", "ناشد", "طالب", "أبلغ"}
_SVO_OPENERS = {
    _N(w)
    for w in (
        "و",
        "أما",
        "اما",
        "بدوره",
        "بدورها",
        "كما",
        "فيما",
        "بينما",
        "وبينما",
        "حيث",
        "كانت",
        "وكانت",
        "كان",
        "وكان",
        "هذا",
        "لكن",
        "ولكن",
        "إذ",
    )
}
_NP_STOPS = {_N(w) for w in ("إلى", "على", "عن", "في", "خلال", "أمام", "مع", "من", "بعد", "قبل")}
_COLLECTIVES = {_N(w) for w in ("كل", "من", "دول", "قادة", "زعماء")}
_CLAUSE_BACKGROUND = {_N(w) for w in ("خلفية",)}


@dataclass(frozen=True)
class ArticleMeta:
    file: str = ""
    title: str = ""
    published: date | None = None
    language: str = "ar"
    source: str = ""


@dataclass
class ExtractedStatement:
    speaker_key: str | None  # None: a speaker the catalogue lacks (a provisional actor)
    speaker_name: str  # canonical English name, or the Arabic words naming a provisional speaker
    content: str  # exactly text[start:end]
    start: int
    end: int
    quote: str
    said_on: date | None
    date_rule: str
    topic: str
    act: str
    cue: str
    confidence: float
    speaker_rule: str
    line_kind: str = "body"
    occasion: str = ""  # csto_session, phone_call, press_briefing, interview, speech
    occasion_with: tuple[str, ...] = ()  # catalogue keys of the others at the occasion

    def as_dict(self) -> dict:
        data = asdict(self)
        data["said_on"] = self.said_on.isoformat() if self.said_on else None
        data["occasion_with"] = list(self.occasion_with)
        return data


class ExtractionError(ValueError):
    """The input cannot be read as an article; the message says why."""


def extract(text: str, meta: ArticleMeta, catalogue: Catalogue) -> list[ExtractedStatement]:
    """The attributed statements of one article, in reading order."""
    if not isinstance(text, str):
        raise ExtractionError("the article text must be a string")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ExtractionError(
            f"the article is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit"
        )
    return _extractor(catalogue).run(text, meta)


_EXTRACTORS: dict[int, tuple[Catalogue, Extractor]] = {}


def _extractor(catalogue: Catalogue) -> Extractor:
    """One Extractor (and its alias automaton) per catalogue object, built on first use."""
    cached = _EXTRACTORS.get(id(catalogue))
    if cached is None or cached[0] is not catalogue:
        if len(_EXTRACTORS) > 8:
            _EXTRACTORS.clear()
        cached = (catalogue, Extractor(catalogue))
        _EXTRACTORS[id(catalogue)] = cached
    return cached[1]


def matcher_for(catalogue: Catalogue) -> AliasMatcher:
    """The alias automaton extraction uses for `catalogue`: to find actors named in any text."""
    return _extractor(catalogue).matcher


@dataclass
class _Speaker:
    key: str | None
    name: str
    rule: str
    end: int  # token index after the speaker words


class Extractor:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.matcher = AliasMatcher(catalogue)
        # (country code, role code) -> actor key, for «الحكومة» or «الرئيس» left unqualified.
        self.by_role: dict[tuple[str, str], str] = {}
        for actor in catalogue.actors.values():
            if actor.role_code:
                self.by_role.setdefault((actor.country, actor.role_code), actor.key)

    def run(self, text: str, meta: ArticleMeta) -> list[ExtractedStatement]:
        return _Article(self, text, meta).extract()


class _Article:
    """The state of one extraction: the article, its statements so far, the last speaker."""

    def __init__(self, ex: Extractor, text: str, meta: ArticleMeta) -> None:
        self.ex = ex
        self.cat = ex.catalogue
        self.text = text
        self.meta = meta
        self.statements: list[ExtractedStatement] = []
        self.last: ExtractedStatement | None = None
        self.mentioned: dict[str, int] = {}  # actor key -> order of its latest mention
        self.country_counts: dict[str, int] = {}
        self.occasions: list[tuple[int, date, str]] = []  # (offset, day, rule) of «جاء ذلك ...»
        self._mention_starts: dict[int, Mention] = {}
        self._mention_ends: dict[int, Mention] = {}
        self._mention_serial = 0
        self._spans: set[tuple[int, int]] = set()
        self._untopical: set[int] = set()  # starts of statements whose words name no topic

    # ---- driver ---------------------------------------------------------------------------
    def extract(self) -> list[ExtractedStatement]:
        lines = lines_of(self.text)
        posts = posts_of(self.text, lines)
        prepared = []
        for line in lines:
            if line.kind not in ("body", "title"):
                continue
            tokens = tokens_of(self.text, line.start, line.end, line.quotes, (line.norm, line.index))
            mentions = self._mentions(tokens)
            for m in mentions.values():
                self._count(m.key)
            prepared.append((line, tokens, mentions))
        post_at = {p.start: p for p in posts}
        done_posts: set[int] = set()
        for line, tokens, mentions in prepared:
            # Posts are read in their place, so pronouns after them continue the post's author.
            for start in sorted(post_at):
                if start < line.start and start not in done_posts:
                    done_posts.add(start)
                    self._post(post_at[start])
            starts = [t.start for t in tokens]
            mention_at = sorted(mentions)
            for s, e in sentences_of(self.text, line):
                a, b = bisect_left(starts, s), bisect_left(starts, e)
                if a < b:
                    for k in mention_at[bisect_left(mention_at, a) : bisect_left(mention_at, b)]:
                        self._mention(mentions[k].key)
                    self._sentence(line, tokens, mentions, a, b)
        for start in sorted(post_at):
            if start not in done_posts:
                self._post(post_at[start])
        self.statements.sort(key=lambda st: st.start)
        self._resolve_dates()
        return self.statements

    def _mentions(self, tokens: list[Token]) -> dict[int, Mention]:
        """Mentions keyed by their first token index (token indices, not word indices)."""
        word_idx = [k for k, t in enumerate(tokens) if t.is_word]
        words = [tokens[k].norm for k in word_idx]
        out: dict[int, Mention] = {}
        for m in self.ex.matcher.find(words):
            start, end = word_idx[m.start], word_idx[m.end - 1] + 1
            # An alias never spans punctuation: «بوتين، الكرملين» is two mentions.
            if end - start != m.end - m.start:
                continue
            out[start] = Mention(start, end, m.key, m.kind)
        return out

    def _mention(self, key: str) -> None:
        self.mentioned[key] = self._mention_serial
        self._mention_serial += 1

    def _count(self, key: str) -> None:
        actor = self.cat.get(key)
        if actor and actor.country:
            self.country_counts[actor.country] = self.country_counts.get(actor.country, 0) + 1

    # ---- one sentence -----------------------------------------------------------------------
    def _sentence(self, line: Line, toks: list[Token], mentions: dict[int, Mention], a: int, b: int) -> None:
        if self._mention_starts is not mentions:
            self._mention_starts = mentions
            self._mention_ends = {m.end: m for m in mentions.values()}
        consumed = a
        frame = a  # where the words framing the next statement begin
        made = False
        i = a
        if self._headline(line, toks, mentions, a, b):
            return
        while i < b:
            t = toks[i]
            if t.in_quote or i < consumed:
                i += 1
                continue
            result = None
            norm = t.norm
            if norm in PARTICIPLES and self.last is not None and made:
                result = self._continue(line, toks, mentions, i, b, frame, norm)
            elif norm in _ACCORDING:
                result = self._according(line, toks, mentions, i, a, b, frame, consumed)
            elif norm in CUES or norm in _TRANSMIT:
                result = self._cue(line, toks, mentions, i, a, b, frame)
            if result is None:
                i += 1
                continue
            made = True
            consumed = frame = i = result
        if not made:
            self._occasion(toks, a, b)

    def _cue(self, line, toks, mentions, i, a, b, frame) -> int | None:
        t = toks[i]
        cue = CUES.get(t.norm) or Cue("نقل", "statement")
        # «أعلنت أفادت لجنة ...»: two verbs in a row; the second one carries the statement.
        if i + 1 < b and toks[i + 1].norm in CUES:
            return None
        appeal = cue.lemma in _APPEAL_OBJECT_CUES
        speaker = None
        if t.norm in _TRANSMIT:
            speaker = self._transmitted(toks, mentions, i, b)
            if speaker is None:
                return None
        # An actor opening the clause before the verb is its subject; one after it may be its object.
        speaker = speaker or self._speaker_before(toks, mentions, i, a)
        speaker = speaker or self._speaker_after(toks, mentions, i, b)
        object_np = False
        if speaker is None:
            np_end = self._noun_phrase(toks, i + 1, b)
            if np_end is not None:
                head = toks[i + 1].norm
                inside = [k for k in range(i + 1, np_end) if k in mentions]
                if any(v in MEDIA_HEADS for v in clitic_variants(head)) and not inside:
                    return None  # a reporter's frame: the speaker is inside it
                if inside:
                    speaker = self._group(toks, mentions, inside[0], b, "vso")
                elif appeal:
                    object_np = True  # «دعت السلطات إلى ...»: the authorities are addressed
                else:
                    speaker = self._unknown(toks, i + 1, np_end)
        if speaker is None:
            if cue.weak or self.last is None or not (object_np or self._pronoun_follows(toks, i, b)):
                return None
            speaker = _Speaker(self.last.speaker_key, self.last.speaker_name, "pronoun", i + 1)
        return self._emit(line, toks, mentions, i, speaker, b, frame, cue.act, t, weak=cue.weak)

    def _continue(self, line, toks, mentions, i, b, frame, norm) -> int | None:
        last = self.last
        speaker = _Speaker(last.speaker_key, last.speaker_name, "continuation", i + 1)
        return self._emit(
            line, toks, mentions, i, speaker, b, frame, PARTICIPLES[norm] or "statement", toks[i]
        )

    # ---- speakers ---------------------------------------------------------------------------
    def _speaker_after(self, toks, mentions, i, b) -> _Speaker | None:
        """VSO: the actor named right after the cue (a filler word or «كل من» may come between)."""
        j = i + 1
        skipped = 0
        while j < b and j not in mentions and skipped < 2:
            norm = toks[j].norm
            if (
                norm in _COLLECTIVES
                or norm in _FILLERS
                or (norm.startswith("ال") and j + 1 < b and toks[j + 1].norm in _COMMA)
            ):
                j += 1 + (toks[j + 1].norm in _COMMA if j + 1 < b else 0)
                skipped += 1
                continue
            break
        if j in mentions:
            return self._group(toks, mentions, j, b, "vso")
        return None

    def _speaker_before(self, toks, mentions, i, a) -> _Speaker | None:
        """SVO: an actor ending just before the cue, at the start of its clause."""
        j = i
        if j - 1 >= a and toks[j - 1].norm in _COMMA:
            j -= 1
        m = self._mention_ends.get(j)
        if m is not None and m.start >= a:
            start = m.start
            before = toks[start - 1].norm if start - 1 >= a else None
            if (
                before is None
                or before in _COMMA
                or before in _SVO_OPENERS
                or before in COMPLEMENTIZERS
                or before in _QUOTE
                or before in _COLON
                or before == "…"
            ):
                return _Speaker(m.key, self._name(m.key), "svo", i + 1)
        return None

    def _transmitted(self, toks, mentions, i, b) -> _Speaker | None:
        """«نقلت وكالة X عن Y قوله ...»: Y speaks."""
        for j in range(i + 1, min(b, i + 10)):
            if toks[j].norm == "عن" and j + 1 in mentions:
                speaker = self._group(toks, mentions, j + 1, b, "transmitted")
                if speaker.end < b and toks[speaker.end].norm in _SAYING:
                    speaker.end += 1
                return speaker
        return None

    def _group(self, toks, mentions, j, b, rule) -> _Speaker:
        """A mention and its appositions («المتحدثة باسم البيت الأبيض، جين ساكي،»): the most specific wins."""
        group = [mentions[j]]
        end = mentions[j].end
        while end < b:
            nxt = end + 1 if toks[end].norm in _COMMA else end
            m = mentions.get(nxt)
            # «الإمارات والبحرين»: coordinated speakers; the first one stands for both.
            if m is not None and nxt == end and toks[nxt].norm.startswith("و") and not self._is_person(m.key):
                end = m.end
                continue
            if m is None or not self._is_person(m.key):
                break
            # A name right after a title names the title's holder; after a comma it is an apposition.
            if nxt == end and self._is_person(group[-1].key) and group[-1].kind == "name":
                break
            group.append(m)
            end = m.end
        key = self._most_specific([m.key for m in group])
        kind = next(m.kind for m in reversed(group) if m.key == key)
        return _Speaker(key, self._name(key), f"{rule}:{kind}", end)

    def _most_specific(self, keys: list[str]) -> str:
        persons = [k for k in keys if self._is_person(k)]
        if persons:
            return persons[-1]
        return max(keys, key=lambda k: len(self.cat.chain(k)))

    def _is_person(self, key: str) -> bool:
        actor = self.cat.get(key)
        return actor is not None and actor.kind == "person"

    def _name(self, key: str) -> str:
        actor = self.cat.get(key)
        return actor.name if actor else key

    def _noun_phrase(self, toks, j, b) -> int | None:
        """End of a speaker noun phrase the catalogue lacks («المتحدث باسم الجيش»), if one starts at j."""
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
                or t.norm in _NP_STOPS
                or t.norm in PARTICIPLES
            ):
                break
            # A phrase goes on through a construct («رئيس مجلس»), a definite modifier («الأمن»), a
            # link word («باسم») or a name; «الحكومة استقالتها» stops after «الحكومة».
            if not (
                not prev.norm.startswith("ال")
                or t.norm.startswith("ال")
                or t.norm in SPEAKER_LINKS
                or prev.norm in SPEAKER_LINKS
                or end in self._mention_starts
            ):
                break
            end += 1
        return end

    def _unknown(self, toks, j, end) -> _Speaker:
        """A speaker the catalogue lacks: a bare institution of the article's country, a shortened
        name of an actor already named, or a provisional actor with its Arabic name."""
        words = tuple(t.norm for t in toks[j:end])
        if words[0] in DOCUMENT_NOUNS and self.last is not None:
            return _Speaker(self.last.speaker_key, self.last.speaker_name, "document", end)
        seen = [k for k in self.ex.matcher.prefix_of(words) if k in self.mentioned]
        if seen:
            key = max(seen, key=self.mentioned.__getitem__)
            return _Speaker(key, self._name(key), "short_form", end)
        if len(words) == 1 and words[0] in BARE_INSTITUTIONS and self.country_counts:
            country = max(self.country_counts, key=self.country_counts.get)
            key = self.ex.by_role.get((country, BARE_INSTITUTIONS[words[0]]))
            if key:
                return _Speaker(key, self._name(key), "bare_institution", end)
        name = self.text[toks[j].start : toks[end - 1].end]
        return _Speaker(None, name, "provisional", end)

    def _pronoun_follows(self, toks, i, b) -> bool:
        """A cue with no subject: what follows it is its complement, so the subject is a pronoun."""
        if i + 1 >= b:
            return False
        nxt = toks[i + 1]
        return (
            nxt.norm in COMPLEMENTIZERS
            or nxt.norm in _COLON
            or nxt.norm in _QUOTE
            or nxt.norm in _COMMA
            or nxt.norm in COMPLEMENT_PREPOSITIONS
            or nxt.norm in _OCCASION_NOUNS
            or nxt.norm in _FILLERS
            or nxt.norm.startswith("ب")
            or nxt.in_quote
        )

    # ---- «حسب X» -------------------------------------------------------------------------
    def _according(self, line, toks, mentions, i, a, b, frame, consumed) -> int | None:
        j = i + 1
        if j not in mentions:
            return None
        speaker = self._group(toks, mentions, j, b, "according_to")
        after = speaker.end
        if i - 1 >= a and toks[i - 1].norm in _COMMA and i - 1 > consumed:
            # «..., بحسب التلفزيون الرسمي.»: the clause before is the statement.
            start = consumed
            while start < i - 1 and (toks[start].norm in _COMMA or toks[start].norm in CUES):
                start += 1
            if start >= i - 1:
                return None
            return self._record(
                line,
                toks,
                start,
                i - 1,
                speaker,
                "statement",
                toks[i],
                frame,
                colon=False,
                end_index=speaker.end,
            )
        if after < b and toks[after].norm in _COMMA:
            after += 1
        # «وحسب «الميادين» أكد الرئيس»: a cue after the source means the source only reports it.
        if after >= b or toks[after].norm in CUES or (after + 1 < b and toks[after + 1].norm in CUES):
            return None
        speaker.end = after
        return self._emit(line, toks, mentions, i, speaker, b, frame, "statement", toks[i])

    # ---- content ----------------------------------------------------------------------------
    def _emit(
        self, line, toks, mentions, i, speaker: _Speaker, b, frame, act, cue_tok, weak=False
    ) -> int | None:
        k = speaker.end
        colon = False
        cue = CUES.get(cue_tok.norm)
        k = self._skip_to_complement(toks, k, b, tell=cue is not None and cue.lemma in _TELL)
        if k >= b:
            return None
        # A weak cue («كتب»، «علق») reports words only when a complementizer, colon or quotation follows.
        if weak and not (toks[k].norm in COMPLEMENTIZERS or toks[k].norm in _COLON or toks[k].in_quote):
            return None
        if toks[k].norm in _COLON:
            colon = True
            k += 1
        if k >= b:
            return None
        # «قال التلفزيون إن الرئيس الصيني أبلغ ...»: what a reporter or an outlet relays belongs to
        # the speaker inside it. An actor relaying another («قال ستانو إن الاتحاد يعتبر») keeps it.
        inner = k + 1 if toks[k].norm in COMPLEMENTIZERS else k
        if inner < b and self._is_relay(speaker) and self._opens_statement(toks, mentions, inner, b):
            return None
        if toks[k].norm in CUES:
            return None  # the words of another statement begin here
        end = self._content_end(toks, mentions, k, b)
        if end <= k:
            return None
        return self._record(line, toks, k, end, speaker, act, cue_tok, frame, colon=colon)

    def _is_relay(self, speaker: _Speaker) -> bool:
        if speaker.key is None:
            return True
        actor = self.cat.get(speaker.key)
        return actor is not None and actor.role_code == "state_media"

    def _skip_to_complement(self, toks, k, b, tell: bool = False) -> int:
        """Skip adverbials between the speaker and the words: «، مساء اليوم الأربعاء،» «في كلمة ... أن»,
        and an addressee before a complementizer: «أبلغ رئيس كازاخستان، الجمعة، أن ...»."""
        for _ in range(4):
            if k >= b:
                return k
            t = toks[k]
            addressee = self._mention_starts.get(k)
            if addressee is not None or tell:
                after = addressee.end if addressee is not None else k + 1
                for j in range(after, min(b, after + 8)):
                    u = toks[j]
                    if u.in_quote or u.norm in CUES or u.norm in PARTICIPLES:
                        break
                    if u.norm in COMPLEMENTIZERS:
                        return j
                return k
            if t.norm in COMPLEMENTIZERS or t.norm in _COLON or t.in_quote:
                return k
            if t.norm in _FILLERS:
                k += 1
                continue
            preposition = t.norm in COMPLEMENT_PREPOSITIONS
            if t.norm in _COMMA:
                # «، مساء اليوم،» is an adverbial; «، المشاركين ...» is where the words begin.
                nxt = toks[k + 1].norm if k + 1 < b else ""
                if not (
                    nxt in ADVERBIAL_STARTERS
                    or nxt in _OCCASION_NOUNS
                    or nxt in _SAYING
                    or nxt in COMPLEMENTIZERS
                    or nxt in _COLON
                    or nxt in COMPLEMENT_PREPOSITIONS
                ):
                    return k + 1
            starts_adverbial = (
                t.norm in ADVERBIAL_STARTERS
                or t.norm in _OCCASION_NOUNS
                or t.norm in _COMMA
                or t.norm in _SAYING
            )
            if not (starts_adverbial or preposition):
                return k
            # Look ahead for a complementizer or colon, or the comma that closes the adverbial.
            limit = min(b, k + 25)
            for j in range(k + 1, limit):
                u = toks[j]
                if u.in_quote:
                    continue
                if u.norm in COMPLEMENTIZERS or u.norm in _COLON:
                    return j
                if u.norm in CUES or u.norm in PARTICIPLES or u.norm in BOUNDARY_WORDS:
                    return k + (t.norm in _COMMA)
                if u.norm in _COMMA:
                    if preposition:
                        return k
                    k = j + 1 if t.norm not in _COMMA or j > k + 1 else j
                    break
            else:
                return k + (t.norm in _COMMA)
        return k

    def _opens_statement(self, toks, mentions, j, b) -> bool:
        m = mentions.get(j)
        if m is not None and m.end < b and toks[m.end].norm in CUES:
            return True
        return toks[j].norm in CUES and j + 1 in mentions

    def _content_end(self, toks, mentions, k, b) -> int:
        if k >= b:
            return k
        direct = toks[k].norm in _QUOTE or (
            toks[k].norm in COMPLEMENTIZERS and k + 1 < b and toks[k + 1].norm in _QUOTE
        )
        j = k
        while j < b:
            t = toks[j]
            if t.in_quote:
                # The end of the quotation that opened the words ends a direct statement.
                if direct and t.norm in _QUOTE and j > k + 1 and (j + 1 >= b or not toks[j + 1].in_quote):
                    return j + 1
                j += 1
                continue
            if j > k and (t.norm in PARTICIPLES or t.norm in BOUNDARY_WORDS):
                return j
            if j > k and j + 1 < b and (t.norm, toks[j + 1].norm) in BOUNDARY_PAIRS:
                return j
            if j > k and t.norm in _COMMA and j + 1 < b:
                nxt = toks[j + 1]
                # «، والأمم المتحدة دعت ...»: a new clause with its own speaker and cue.
                m = mentions.get(j + 1)
                if m is not None and m.end < b and toks[m.end].norm in CUES:
                    return j
                if nxt.norm in CUES:
                    return j
                # «، على خلفية ...»: the reporter's background, not the speaker's words.
                if j + 2 < b and nxt.norm in _NP_STOPS and toks[j + 2].norm in _CLAUSE_BACKGROUND:
                    return j
            j += 1
        return b

    def _record(
        self, line, toks, k, end, speaker: _Speaker, act, cue_tok, frame, colon, end_index=None
    ) -> int | None:
        # Trim punctuation at both ends, and an opening complementizer before a whole quotation.
        while end > k and toks[end - 1].norm in _TRAILING:
            end -= 1
        while k < end and toks[k].norm in _LEADING:
            k += 1
        if end <= k:
            return None
        comp = toks[k].norm in COMPLEMENTIZERS
        whole_quote = k + 1 < end and toks[k + 1].norm in _QUOTE and toks[end - 1].norm in _QUOTE
        if comp and whole_quote and all(t.in_quote for t in toks[k + 1 : end]):
            k += 1
            comp = False
        start, stop = toks[k].start, toks[end - 1].end
        content = self.text[start:stop]
        if not any(c.isalnum() for c in content):
            return None
        quote = _quote_type(toks, k, end, colon and not comp)
        frame_text = normalised_span(line, toks[frame].start, toks[k].start) if frame < k else ""
        found = dates.resolve(frame_text, self.meta.published)
        said_on, date_rule = found if found else (None, "none")
        occasion = find_occasion(frame_text, "csto" in self.mentioned)
        others = (
            tuple(
                sorted(
                    {
                        m.key
                        for j, m in self._mention_starts.items()
                        if frame <= j < k and m.key != speaker.key
                    }
                )
            )
            if occasion
            else ()
        )
        norm_content = normalised_span(line, start, stop)
        found = LEXICON.present(norm_content)
        own_topic = topic_of(norm_content, found)
        if not own_topic:
            self._untopical.add(start)
        statement = ExtractedStatement(
            speaker_key=speaker.key,
            speaker_name=speaker.name,
            content=content,
            start=start,
            end=stop,
            quote=quote,
            said_on=said_on,
            date_rule=date_rule,
            topic=own_topic or topic_of(frame_text) or "other",
            act=act_of(act, found),
            cue=self.text[cue_tok.start : cue_tok.end],
            confidence=_confidence(speaker.rule, quote),
            speaker_rule=speaker.rule,
            line_kind=line.kind,
            occasion=occasion,
            occasion_with=others,
        )
        self._add(statement)
        return max(end, end_index or 0)

    def _add(self, statement: ExtractedStatement) -> None:
        if (statement.start, statement.end) in self._spans:
            return
        self._spans.add((statement.start, statement.end))
        self.statements.append(statement)
        self.last = statement
        if statement.speaker_key:
            self._mention(statement.speaker_key)

    # ---- headlines, posts, occasions ---------------------------------------------------------
    def _headline(self, line, toks, mentions, a, b) -> bool:
        """«الخارجية الروسية: خطوات ...»: a speaker and a colon open the line or the title part."""
        if a not in mentions:
            return False
        speaker = self._group(toks, mentions, a, b, "headline")
        if speaker.end >= b or toks[speaker.end].norm not in _COLON:
            return False
        k = speaker.end + 1
        end = self._content_end(toks, mentions, k, b)
        return (
            self._record(line, toks, k, end, speaker, "statement", toks[speaker.end], a, colon=True)
            is not None
        )

    def _post(self, post: Post) -> None:
        words = post.handle + " " + post.name
        tokens = tokens_of(words, 0, len(words), [])
        found = self.ex.matcher.find([t.norm for t in tokens if t.is_word])
        key = found[0].key if found else None
        content = self.text[post.start : post.end]
        norm = normalize(content)
        when = dates.resolve(normalize(post.date_text), self.meta.published)
        statement = ExtractedStatement(
            speaker_key=key,
            speaker_name=self._name(key) if key else post.name,
            content=content,
            start=post.start,
            end=post.end,
            quote="direct",
            said_on=when[0] if when else None,
            date_rule=when[1] if when else "none",
            topic=topic_of(norm) or "other",
            act=act_of("statement", LEXICON.present(norm)),
            cue=post.handle,
            confidence=0.95 if key else 0.6,
            speaker_rule="post",
            line_kind="post",
        )
        self._add(statement)

    def _occasion(self, toks, a, b) -> None:
        """«وجاء ذلك في بيان ... اليوم»: the day of the statement before."""
        if toks[a].norm not in OCCASION_OPENERS:
            return
        found = dates.resolve(normalize(self.text[toks[a].start : toks[b - 1].end]), self.meta.published)
        if found:
            self.occasions.append((toks[a].start, found[0], found[1]))

    # ---- dates --------------------------------------------------------------------------------
    def _resolve_dates(self) -> None:
        body = [s for s in self.statements if s.line_kind != "title"]
        ends = [s.end for s in body]  # sorted: statements do not overlap
        for offset, day, _rule in self.occasions:
            n = bisect_right(ends, offset)
            if n and body[n - 1].said_on is None:
                body[n - 1].said_on, body[n - 1].date_rule = day, "carried"
        for seq in (body, list(reversed(body))):
            prev = None
            for s in seq:
                if s.said_on is None and prev is not None and prev.said_on and self._related(s, prev):
                    s.said_on, s.date_rule = prev.said_on, "carried"
                prev = s
        # Words that name no topic («تم إرسالهم لفترة محدودة») continue the topic of the same speaker's
        # words just before them.
        prev = None
        for s in body:
            if s.start in self._untopical and prev is not None and prev.speaker_key == s.speaker_key:
                s.topic = prev.topic
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
        # The article's news day: the first day a statement fixed; statements with none take it.
        news_day = next((s.said_on for s in body if s.said_on and s.date_rule != "carried"), None)
        if news_day:
            for s in body:
                if s.said_on is None:
                    s.said_on, s.date_rule = news_day, "news_day"

    def _related(self, a: ExtractedStatement, b: ExtractedStatement) -> bool:
        if a.speaker_key is None or b.speaker_key is None:
            return a.speaker_name == b.speaker_name
        if a.speaker_key == b.speaker_key:
            return True
        return b.speaker_key in self.cat.chain(a.speaker_key) or a.speaker_key in self.cat.chain(
            b.speaker_key
        )


# ---- labels ---------------------------------------------------------------------------------
def _quote_type(toks: list[Token], k: int, end: int, colon: bool) -> str:
    quoted = [t for t in toks[k:end] if t.is_word and t.in_quote]
    words = [t for t in toks[k:end] if t.is_word]
    if not quoted:
        return "direct" if colon else "indirect"
    if len(quoted) == len(words) or (colon and len(quoted) >= 0.9 * len(words)):
        return "direct"
    return "mixed"


_RULE_CONFIDENCE = {
    "vso": 0.9,
    "svo": 0.85,
    "transmitted": 0.85,
    "headline": 0.7,
    "according_to": 0.75,
    "continuation": 0.8,
    "pronoun": 0.7,
    "bare_institution": 0.6,
    "short_form": 0.7,
    "provisional": 0.5,
    "post": 0.95,
}


def _confidence(rule: str, quote: str) -> float:
    base = _RULE_CONFIDENCE.get(rule.split(":")[0], 0.6)
    return round(min(1.0, base + (0.05 if quote == "direct" else 0.0)), 2)
