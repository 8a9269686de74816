"""Split an article into lines, sentences and tokens; mark titles, boilerplate and embedded posts.

Offsets are always into the original article text. Tokens carry their normalised form for matching.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from articles.extraction.lexicon import BOILERPLATE_HEADERS
from articles.extraction.normalize import has_arabic, normalize_with_map
from articles.extraction.quotes import find_quotes

# Tokens are words (\w or @ first) and single punctuation marks.
_PUNCTUATION = frozenset('،,:؛;.!؟?"()[]…')
_TOKEN = re.compile(r"[\w@]+(?:[.\-][\w]+)*|[" + re.escape("".join(sorted(_PUNCTUATION))) + "]")
# «السلطةقال»: ة and ى end an Arabic word, so a letter after one begins the next word, glued to it
# by the source. Normalising folds them (ة -> ه), so they are looked for in the original text.
_GLUED = re.compile(r"[ةى](?=[\u0621-\u063a\u0641-\u064a])")
_SENTENCE_END = re.compile(r"[.!؟?…]+(?=\s|$)|\.\.")
# «— Nabila Massrali (@NabilaEUspox) January 5, 2022»: the signature line of an embedded post.
POST_SIGNATURE = re.compile(r"^\s*[—–-]\s*(?P<name>.+?)\s*\((?P<handle>@\w+)\)\s*(?P<date>.*)$")
_LINK_ONLY = re.compile(r"^\s*(?:\S*\s*)?(?:https?://\S+|pic\.twitter\.com/\S+)(?:\s+\S+)*\s*$")
_CAPTION_END = re.compile(
    r"[-–—]\s*(?:تويتر|أرشيفية|ارشيفية|أرشيف|رويترز|أ ف ب|فرانس برس|getty|afp|reuters|ap)\s*$", re.IGNORECASE
)


@dataclass(slots=True)
class Token:
    norm: str
    start: int
    end: int
    in_quote: bool = False
    is_word: bool = True


@dataclass
class Line:
    start: int
    end: int
    kind: str  # title, body, boilerplate, caption, post, blank
    quotes: list[tuple[int, int]] = field(default_factory=list)
    # The line normalised, and each normalised character's offset in the line: made once, read by
    # the boilerplate marks and the tokens.
    norm: str = ""
    index: Sequence[int] = ()


@dataclass
class Post:
    """An embedded social-media post: its words, the signature's name, handle and date."""

    start: int
    end: int
    name: str
    handle: str
    date_text: str


def lines_of(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            lines.append(Line(start, end, "blank"))
            continue
        # Trim surrounding whitespace from the span so statements never start with a space.
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        norm, index = normalize_with_map(stripped)
        lines.append(Line(start + lead, end - trail, "body", norm=norm, index=index))
    _mark(text, lines)
    for line in lines:
        if line.kind in ("body", "title"):
            line.quotes = find_quotes(text, line.start, line.end)
    return lines


def _mark(text: str, lines: list[Line]) -> None:
    """Titles, captions, related-links blocks."""
    content = [ln for ln in lines if ln.kind != "blank"]
    if content:
        content[0].kind = "title"
    in_links = False
    previous = ""
    for line in content:
        body = text[line.start : line.end]
        norm = line.norm
        bare = norm.strip(" :-–—•*")
        if len(bare) < 80 and bare.startswith(BOILERPLATE_HEADERS):
            line.kind = "boilerplate"
            # A header alone on its line opens a list of links; «اقرأ أيضا: ...» is one line.
            in_links = len(bare) < 30
            previous = norm
            continue
        if in_links and (
            body.lstrip().startswith(("-", "•", "*", "–"))
            or (len(body) < 120 and not body.rstrip().endswith("."))
        ):
            line.kind = "boilerplate"
            continue
        in_links = False
        if line.kind == "body" and (norm == previous or _CAPTION_END.search(body)):
            line.kind = "caption"
        previous = norm


def posts_of(text: str, lines: list[Line]) -> list[Post]:
    """Embedded posts: a run of non-Arabic lines around a «— Name (@handle) date» signature.

    The post's words are the longer block of content lines on either side of the signature,
    without link-only lines. Every line of the run is marked `post` so it yields nothing else.
    """
    posts: list[Post] = []
    for i, line in enumerate(lines):
        if line.kind == "blank":
            continue
        m = POST_SIGNATURE.match(text[line.start : line.end])
        if not m:
            continue
        run_before = _run(text, lines, i, -1)
        run_after = _run(text, lines, i, +1)
        line.kind = "post"
        for ln in run_before + run_after:
            ln.kind = "post"
        before = [ln for ln in run_before if not _LINK_ONLY.match(text[ln.start : ln.end])]
        after = [ln for ln in run_after if not _LINK_ONLY.match(text[ln.start : ln.end])]
        block = max((before, after), key=lambda b: sum(ln.end - ln.start for ln in b))
        if not block:
            continue
        block.sort(key=lambda ln: ln.start)
        posts.append(
            Post(
                block[0].start,
                block[-1].end,
                m.group("name").strip(),
                m.group("handle"),
                m.group("date").strip(),
            )
        )
    return posts


def _run(text: str, lines: list[Line], i: int, step: int) -> list[Line]:
    run: list[Line] = []
    j = i + step
    while 0 <= j < len(lines):
        line = lines[j]
        if line.kind == "blank":
            break
        body = text[line.start : line.end]
        if has_arabic(body) or POST_SIGNATURE.match(body):
            break
        run.append(line)
        j += step
    return run


def tokens_of(
    text: str,
    start: int,
    end: int,
    quotes: list[tuple[int, int]],
    normalised: tuple[str, Sequence[int]] | None = None,
) -> list[Token]:
    """Word and punctuation tokens of text[start:end], normalised, with original offsets.

    `normalised` is `normalize_with_map(text[start:end])` when the caller has it already.
    """
    norm, index = normalised or normalize_with_map(text[start:end])
    tokens: list[Token] = []
    append = tokens.append  # the hottest loop of extraction: locals, no attribute lookups
    q, n = 0, len(quotes)
    glued = [m.end() - start for m in _GLUED.finditer(text, start, end)]
    for m in _TOKEN.finditer(norm):
        a, b = m.span()
        s = start + index[a]
        e = start + index[b - 1] + 1
        while q < n and quotes[q][1] <= s:
            q += 1
        # Quotation marks count as inside their quotation.
        inside = q < n and quotes[q][0] <= s and e <= quotes[q][1]
        if glued and any(s < start + g < e for g in glued):
            for ga, gb in _unglued(index, a, b, [g for g in glued if s < start + g < e]):
                append(Token(norm[ga:gb], start + index[ga], start + index[gb - 1] + 1, inside, True))
            continue
        word = m.group()
        append(Token(word, s, e, inside, word not in _PUNCTUATION))
    return tokens


def _unglued(index: Sequence[int], a: int, b: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The normalised spans of the words glued together in norm[a:b], cut before each original
    offset in `cuts` (relative to the line, as `index` maps them)."""
    spans, first = [], a
    for cut in cuts:
        k = bisect_left(index, cut, first, b)
        if first < k < b:
            spans.append((first, k))
            first = k
    spans.append((first, b))
    return spans


def normalised_span(line: Line, start: int, stop: int) -> str:
    """`normalize(text[start:stop])` for a span of the line that starts and ends with a token, cut
    from the line's normalised text instead of normalised again."""
    offset = line.start
    return line.norm[bisect_left(line.index, start - offset) : bisect_left(line.index, stop - offset)]


_WORD_BEFORE = re.compile(r"(\w+)$")


def sentences_of(text: str, line: Line, abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Sentence spans of a line; a terminator inside a quotation does not end the sentence, nor
    does the full stop of an abbreviation («Mr.», «Jan.», «г.») or an initial («V. Putin», «U.S.»)
    when `abbreviations` (lower case, without the stop) are given."""
    spans: list[tuple[int, int]] = []
    start = line.start
    body = text[line.start : line.end]
    quote_starts = [s for s, _ in line.quotes]
    for m in _SENTENCE_END.finditer(body):
        if abbreviations and m.group() == ".":
            before = _WORD_BEFORE.search(body, 0, m.start())
            word = before.group(1) if before else ""
            if word.lower() in abbreviations or (len(word) == 1 and word.isupper()):
                continue
        cut = line.start + m.end()
        q = bisect_right(quote_starts, cut - 1) - 1
        if q >= 0 and cut - 1 < line.quotes[q][1] - 1:
            continue  # inside a quotation
        if cut - start > 1:
            spans.append((start, cut))
        start = cut
        while start < line.end and text[start].isspace():
            start += 1
    if line.end - start > 0:
        spans.append((start, line.end))
    return spans
