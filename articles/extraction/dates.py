"""The day a statement was said, from the words around its cue and the publication date.

Explicit dates (Arabic, Levantine and Maghrebi month names, «الخامس من الشهر الجاري», English
«January 5, 2022», «Jan. 6», Russian «7 января») win over weekday names (Arabic, English, Russian),
which win over relative words (اليوم، أمس، أول أمس، yesterday, вчера, накануне). All patterns are
compiled once at import.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from articles.extraction.normalize import normalize

_MONTHS_RAW = {
    1: ("يناير", "كانون الثاني", "جانفي", "January", "Jan", "января", "январь", "янв"),
    2: ("فبراير", "شباط", "فيفري", "February", "Feb", "февраля", "февраль", "фев"),
    3: ("مارس", "آذار", "March", "марта", "март"),
    4: ("أبريل", "ابريل", "نيسان", "أفريل", "April", "апреля", "апрель"),
    5: ("مايو", "أيار", "ماي", "May", "мая", "май"),
    6: ("يونيو", "يونيه", "حزيران", "جوان", "June", "июня", "июнь"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "July", "июля", "июль"),
    8: ("أغسطس", "آب", "أوت", "August", "августа", "август"),
    9: ("سبتمبر", "أيلول", "September", "сентября", "сентябрь"),
    10: ("أكتوبر", "تشرين الأول", "October", "октября", "октябрь"),
    11: ("نوفمبر", "تشرين الثاني", "November", "ноября", "ноябрь"),
    12: ("ديسمبر", "كانون الأول", "December", "Dec", "декабря", "декабрь", "дек"),
}
MONTHS = {normalize(name): number for number, names in _MONTHS_RAW.items() for name in names}

_ORDINALS_RAW = (
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الحادي عشر",
    "الثاني عشر",
    "الثالث عشر",
    "الرابع عشر",
    "الخامس عشر",
    "السادس عشر",
    "السابع عشر",
    "الثامن عشر",
    "التاسع عشر",
    "العشرين",
    "الحادي والعشرين",
    "الثاني والعشرين",
    "الثالث والعشرين",
    "الرابع والعشرين",
    "الخامس والعشرين",
    "السادس والعشرين",
    "السابع والعشرين",
    "الثامن والعشرين",
    "التاسع والعشرين",
    "الثلاثين",
    "الحادي والثلاثين",
)
ORDINALS = {normalize(w): i for i, w in enumerate(_ORDINALS_RAW, start=1)}

WEEKDAYS = {
    normalize(w): n
    for w, n in (
        ("الاثنين", 0),
        ("الإثنين", 0),
        ("الثلاثاء", 1),
        ("الأربعاء", 2),
        ("الخميس", 3),
        ("الجمعة", 4),
        ("السبت", 5),
        ("الأحد", 6),
        ("Monday", 0),
        ("Tuesday", 1),
        ("Wednesday", 2),
        ("Thursday", 3),
        ("Friday", 4),
        ("Saturday", 5),
        ("Sunday", 6),
        # Russian weekdays as «в пятницу», «в пятницу вечером», «пятничный» is not one.
        ("понедельник", 0),
        ("вторник", 1),
        ("среду", 2),
        ("среда", 2),
        ("четверг", 3),
        ("пятницу", 4),
        ("пятница", 4),
        ("субботу", 5),
        ("суббота", 5),
        ("воскресенье", 6),
    )
}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = _alternation(MONTHS)
_ORD = _alternation(ORDINALS)
_DAY = rf"(?P<day>\d{{1,2}}|{_ORD})"
_EXPLICIT = re.compile(
    rf"(?<!\w){_DAY}\s*(?:من\s+)?(?:شهر\s+)?(?P<month>{_MONTH})(?:\s*[/\-(]\s*(?:{_MONTH})\s*\)?)?"
    rf"(?:\s*(?:عام|سنه)?\s*(?P<year>20\d\d))?(?!\w)"
)
_ENGLISH = re.compile(
    rf"(?<!\w)(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>20\d\d))?(?!\w)"
)
_THIS_MONTH = re.compile(rf"(?<!\w){_DAY}\s+من\s+(?:ال)?شهر\s+(?:الجاري|الحالي|ذاته|نفسه|ذاته)(?!\w)")
_WEEKDAY = re.compile(
    rf"(?<!\w)(?:يوم\s+)?(?P<wd>{_alternation(WEEKDAYS)})(?:\s+(?P<when>الماضي|الماضيه|الفايت|الفايته|الفائت|الفائته|المنصرم|المقبل|القادم))?(?!\w)"
)
_RELATIVE = [
    (re.compile(r"(?<!\w)(?:اول|قبل)\s+(?:من\s+)?امس(?!\w)"), -2),
    (re.compile(r"(?<!\w)(?:امس|البارحه|الليله\s+الماضيه)(?!\w)"), -1),
    (re.compile(r"(?<!\w)(?:اليوم|الليله|هذا\s+الصباح|صباح\s+اليوم|مساء\s+اليوم)(?!\w)"), 0),
    (re.compile(r"(?<!\w)(?:غدا|غدًا)(?!\w)"), 1),
    (re.compile(r"(?<!\w)(?:позавчера)(?!\w)"), -2),
    (re.compile(r"(?<!\w)(?:yesterday|вчера|накануне)(?!\w)"), -1),
    (re.compile(r"(?<!\w)(?:today|this\s+morning|tonight|сегодня)(?!\w)"), 0),
]


# Words saying the statement was made before the news without giving its day.
EARLIER = re.compile(r"(?<!\w)(?:سابقا|في وقت سابق|earlier|previously|ранее|прежде)(?!\w)")


def resolve(text: str, published: date | None) -> tuple[date, str] | None:
    """The day named in `text` (already normalised) and the rule that fixed it, or None."""
    found = resolve_where(text, published)
    return (found[0], found[1]) if found else None


def resolve_where(text: str, published: date | None) -> tuple[date, str, tuple[int, int]] | None:
    """As `resolve`, with where in `text` the words that fixed the day stand (start, end): what
    the statement page quotes («أمس», "on Monday")."""
    if not text:
        return None
    for pattern in (_EXPLICIT, _ENGLISH):
        for m in pattern.finditer(text):
            if not m.group("year") and m.group("month") == "may":
                continue  # «may 5 people»: the verb, not the month
            day = _day_number(m.group("day"))
            month = MONTHS[m.group("month")]
            year = int(m.group("year")) if m.group("year") else (published.year if published else None)
            if year is None:
                continue
            found = _safe_date(year, month, day)
            if found is None:
                continue
            if not m.group("year") and published and found > published + timedelta(days=7):
                found = _safe_date(year - 1, month, day) or found
            return found, "explicit", m.span()
    if published is None:
        return None
    m = _THIS_MONTH.search(text)
    if m:
        found = _safe_date(published.year, published.month, _day_number(m.group("day")))
        if found:
            return found, "explicit", m.span()
    m = _WEEKDAY.search(text)
    if m:
        target = WEEKDAYS[m.group("wd")]
        when = m.group("when") or ""
        back = (published.weekday() - target) % 7
        if when in ("المقبل", "القادم"):
            return published + timedelta(days=(target - published.weekday()) % 7 or 7), "weekday", m.span()
        if back == 0 and when:
            back = 7
        return published - timedelta(days=back), "weekday", m.span()
    for pattern, shift in _RELATIVE:
        if m := pattern.search(text):
            return published + timedelta(days=shift), "relative", m.span()
    return None


def _day_number(token: str) -> int:
    return int(token) if token.isdigit() else ORDINALS[token]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
