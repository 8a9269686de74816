"""The occasion at which words were said («خلال اجتماع استثنائي لمنظمة ...», «في اتصال هاتفي مع ...»),
read from the words that frame a statement."""

from __future__ import annotations

from articles.extraction.normalize import normalize
from articles.extraction.phrases import PhraseSet

OCCASION_LABELS = {
    "csto_session": "CSTO session",
    "phone_call": "Phone call",
    "press_briefing": "Press briefing",
    "interview": "Interview",
    "speech": "Speech",
}

_PATTERNS: list[tuple[str, tuple[str, ...]]] = [
    (kind, tuple(normalize(p) for p in phrases))
    for kind, phrases in (
        (
            "csto_session",
            (
                "اجتماع استثنائي",
                "جلسة استثنائية",
                "الجلسة الاستثنائية",
                "جلسة خاصة",
                "الجلسة غير الاعتيادية",
                "قمة",
                "اجتماع طارئ",
                "الاجتماع الاستثنائي",
            ),
        ),
        ("phone_call", ("اتصال هاتفي", "مكالمة هاتفية", "محادثة هاتفية", "اتصالا هاتفيا", "عبر الهاتف")),
        ("press_briefing", ("مؤتمر صحفي", "مؤتمر صحافي", "إيجاز صحفي", "إحاطة صحفية", "المؤتمر الصحفي")),
        ("interview", ("مقابلة", "حديث أجرته", "حوار مع")),
        ("speech", ("كلمة ألقاها", "خطاب", "كلمة أمام", "كلمة متلفزة")),
    )
]
_COLLECTIVE_SECURITY = normalize("الأمن الجماعي")
_PHRASES = PhraseSet([_COLLECTIVE_SECURITY, *(p for _, phrases in _PATTERNS for p in phrases)])


def find_occasion(frame: str, csto_named: bool) -> str:
    """The occasion type named in a statement's (normalised) frame, or "".

    A session counts as a CSTO session only where the CSTO is named in the frame or the article.
    """
    found = _PHRASES.present(frame)
    if not found:
        return ""
    for kind, phrases in _PATTERNS:
        if not found.isdisjoint(phrases):
            if kind == "csto_session" and not (csto_named or _COLLECTIVE_SECURITY in found):
                continue
            return kind
    return ""
