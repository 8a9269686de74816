"""Deterministic synthetic data at the shape of real coverage, for benchmarks (`manage.py synth`).

Pure Python, no Django: given counts and a seed it yields plain rows. The shape follows what
ingest stores from real articles: statements spread over the days of a crisis with a peak in its
first two weeks, a long tail of speakers (a few speak very often, most rarely), several
statements per article whose words are exact spans of the article text, outlets of unequal size,
Arabic-looking words drawn from a word list with a Zipf-like frequency, and actors with Arabic,
English and Russian aliases. The same arguments always give the same rows.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

# Words of news reports about the crisis; frequency falls with the position in the list.
_WORD_TEXT = """
في من على إلى أن إن عن مع هذا التي الذي كان قد لا ما بين كل بعد قبل حتى خلال أيضا كازاخستان روسيا
الرئيس الحكومة القوات البلاد الأمن الوضع المنظمة معاهدة الجماعي حفظ السلام الاحتجاجات المحتجين
الشرطة العاصمة ألماتي الاستقرار الدعم الدولي المجتمع الحوار العنف الإرهاب الإرهابيين الطوارئ حالة
السلطات الشعب المواطنين حقوق الإنسان القانون الدستور البرلمان الوزراء الخارجية الداخلية الدفاع وزير
وزارة المتحدث باسم بيان تصريحات مؤتمر صحفي اتصال هاتفي اجتماع طارئ قمة الأعضاء الدول الحليفة الشريكة
التعاون الاقتصادي الطاقة الغاز الوقود الأسعار ارتفاع انخفاض الانسحاب نشر المهمة انتهاء بدء عودة
الهدوء النظام الفوضى التدخل الخارجي السيادة الوحدة الوطنية المصالحة العدالة التحقيق المسؤولين
المعتقلين الضحايا القتلى الجرحى المستشفيات الإنترنت الاتصالات المطار الحدود الجيش الحرس الوطني
الاستخبارات اللجنة المجلس الأعلى الأمم المتحدة الاتحاد الأوروبي الولايات المتحدة الصين تركيا إيران
أوزبكستان قيرغيزستان طاجيكستان أرمينيا بيلاروسيا موسكو واشنطن بكين أنقرة طهران بروكسل جنيف نور سلطان
أستانا يجب ينبغي يمكن سوف ستعمل تدعو تطالب ترفض تدين تؤكد تعرب عن قلقها ترحب تأمل تشدد ضرورة ضبط
النفس الحل السلمي الأزمة المرحلة الانتقالية الإصلاحات السياسية الاقتصادية الاجتماعية الشفافية
المساءلة الحريات التجمع التعبير الصحافة الإعلام المستقل الشائعات المعلومات
"""
WORDS = tuple(_WORD_TEXT.split())
QUOTES = (("indirect", 70), ("direct", 22), ("mixed", 8))
TOPICS = (("protests", 40), ("csto", 30), ("both", 15), ("other", 15))
ACTS = (
    ("statement", 40),
    ("appeal", 14),
    ("support", 12),
    ("disapprove", 12),
    ("demand", 7),
    ("reject", 6),
    ("cooperate", 5),
    ("consult", 4),
)
_CUE_TEXT = "قال أكد أعلن أضاف أشار أوضح شدد دعا طالب أدان نفى رفض اعتبر"
CUES = tuple(_CUE_TEXT.split())
KINDS = (("person", 60), ("government_body", 20), ("organisation", 10), ("country", 6), ("group", 4))
_COUNTRY_TEXT = (
    "KZ RU US CN TR IR UZ KG TJ AM BY FR GB DE EU UN CSTO NATO OSCE AE SA QA EG PK IN JP AZ TM AF IL"
)
COUNTRIES = tuple(_COUNTRY_TEXT.split())
# Syllables in the three scripts, so that one made-up name has an Arabic, a Latin and a Cyrillic form.
SYLLABLES = (
    ("ka", "كا", "ка"),
    ("sy", "سي", "сы"),
    ("mo", "مو", "мо"),
    ("ra", "را", "ра"),
    ("tu", "تو", "ту"),
    ("ba", "با", "ба"),
    ("ne", "ني", "не"),
    ("li", "لي", "ли"),
    ("zha", "جا", "жа"),
    ("ov", "وف", "ов"),
    ("dan", "دان", "дан"),
    ("er", "ير", "ер"),
    ("sul", "سول", "сул"),
    ("tan", "تان", "тан"),
    ("mir", "مير", "мир"),
    ("gul", "غول", "гуль"),
)
ROLES = (
    "Foreign Minister",
    "Spokesperson",
    "President",
    "Prime Minister",
    "Ambassador",
    "Senator",
    "Analyst",
)
START = date(2021, 12, 20)
DAYS = 120
MAX_STATEMENTS = 20_000_000


class SynthError(ValueError):
    """Counts that cannot make a data set."""


@dataclass(frozen=True)
class Counts:
    statements: int
    articles: int
    actors: int
    outlets: int = 0  # 0: one outlet per 400 articles, at least 5

    def check(self) -> Counts:
        for name in ("statements", "articles", "actors", "outlets"):
            if getattr(self, name) < 0:
                raise SynthError(f"--{name} must not be negative")
        if self.statements > MAX_STATEMENTS:
            raise SynthError(f"--statements above {MAX_STATEMENTS:,} is more than these benchmarks need")
        if self.statements and not self.articles:
            raise SynthError("statements need articles: give --articles 1 or more")
        if self.articles > max(self.statements, 1):
            raise SynthError("--articles cannot exceed --statements (every article holds a statement)")
        if self.statements and not self.actors:
            raise SynthError("statements need speakers: give --actors 1 or more")
        if self.actors > 1_000_000:
            raise SynthError("--actors above 1,000,000 is more than these benchmarks need")
        return self

    @property
    def outlet_count(self) -> int:
        return self.outlets or max(5, self.articles // 400)


@dataclass(frozen=True)
class SynthActor:
    index: int
    slug: str
    name: str
    kind: str
    country: str
    role: str
    aliases: tuple[tuple[str, str], ...]  # (text, language)


@dataclass(frozen=True)
class SynthStatement:
    speaker: int  # SynthActor.index
    content: str
    start: int
    end: int
    quote: str
    said_on: date | None
    date_rule: str
    topic: str
    act: str
    cue: str
    confidence: float


@dataclass(frozen=True)
class SynthArticle:
    index: int
    outlet: int
    title: str
    text: str
    published: date
    statements: tuple[SynthStatement, ...]


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]):
    values = [v for v, _ in table]
    cum = list(itertools.accumulate(w for _, w in table))
    return lambda: rng.choices(values, cum_weights=cum)[0]


def _zipf_cum(n: int, exponent: float = 1.05) -> list[float]:
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, n + 1)))


def actors(counts: Counts, seed: int) -> list[SynthActor]:
    rng = random.Random(f"actors-{seed}")
    kind = _weighted(rng, KINDS)
    out = []
    for i in range(counts.actors):
        parts = [SYLLABLES[rng.randrange(len(SYLLABLES))] for _ in range(rng.randint(2, 4))]
        family = [SYLLABLES[rng.randrange(len(SYLLABLES))] for _ in range(rng.randint(2, 3))]
        latin = "".join(p[0] for p in parts).capitalize() + " " + "".join(p[0] for p in family).capitalize()
        arabic = "".join(p[1] for p in parts) + " " + "".join(p[1] for p in family)
        cyrillic = (
            "".join(p[2] for p in parts).capitalize() + " " + "".join(p[2] for p in family).capitalize()
        )
        k = kind()
        out.append(
            SynthActor(
                index=i,
                slug=f"synth-{i}",
                name=f"{latin} {i}",  # the number keeps names unique however the syllables fall
                kind=k,
                country=COUNTRIES[min(int(rng.paretovariate(1.2)) - 1, len(COUNTRIES) - 1)],
                role=rng.choice(ROLES) if k == "person" else "",
                aliases=((f"{arabic} {i}", "ar"), (f"{latin} {i}", "en"), (f"{cyrillic} {i}", "ru")),
            )
        )
    return out


def outlets(counts: Counts) -> list[str]:
    return [f"Synthetic Outlet {i + 1}" for i in range(counts.outlet_count)]


def articles(counts: Counts, seed: int) -> Iterator[SynthArticle]:
    """The articles in order, each with its statements; statements add up to counts.statements."""
    rng = random.Random(f"articles-{seed}")
    word_cum = _zipf_cum(len(WORDS))
    speaker_cum = _zipf_cum(max(counts.actors, 1))
    speakers = range(counts.actors)
    outlet_cum = _zipf_cum(counts.outlet_count, 0.8)
    outlet_ids = range(counts.outlet_count)
    quote, topic, act = _weighted(rng, QUOTES), _weighted(rng, TOPICS), _weighted(rng, ACTS)
    remaining = counts.statements
    for index in range(counts.articles):
        left = counts.articles - index
        # Spread what remains over the articles left, unevenly, so that the total is exact.
        n = (
            remaining
            if left == 1
            else max(1, min(remaining - (left - 1), round(rng.expovariate(left / remaining))))
        )
        remaining -= n
        # A crisis: most coverage in its first weeks, a long tail after.
        published = START + timedelta(days=min(int(rng.gammavariate(2.0, 9.0)), DAYS - 1))
        title = f"تقرير رقم {index + 1} عن {rng.choices(WORDS, cum_weights=word_cum)[0]}"
        pieces, rows, cursor = [title, "\n"], [], len(title) + 1
        for _ in range(n):
            words = rng.choices(WORDS, cum_weights=word_cum, k=rng.randint(8, 30))
            content = " ".join(words)
            lead = f"و{rng.choice(CUES)} المتحدث إن "
            start = cursor + len(lead)
            pieces += [lead, content, ".\n"]
            cursor = start + len(content) + 2
            undated = rng.random() < 0.05
            rows.append(
                SynthStatement(
                    speaker=rng.choices(speakers, cum_weights=speaker_cum)[0],
                    content=content,
                    start=start,
                    end=start + len(content),
                    quote=quote(),
                    said_on=None if undated else published - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2))),
                    date_rule="none"
                    if undated
                    else rng.choice(("explicit", "weekday", "relative", "carried")),
                    topic=topic(),
                    act=act(),
                    cue=rng.choice(CUES),
                    confidence=round(rng.uniform(0.5, 0.95), 2),
                )
            )
        yield SynthArticle(
            index=index,
            outlet=rng.choices(outlet_ids, cum_weights=outlet_cum)[0],
            title=title,
            text="".join(pieces),
            published=published,
            statements=tuple(rows),
        )
