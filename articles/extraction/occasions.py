"""The occasion at which words were said («خلال اجتماع استثنائي لمنظمة ...», «في اتصال هاتفي مع ...»),
read from the words that frame a statement."""

from __future__ import annotations

from articles.extraction.normalize import normalize

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


def find_occasion(frame: str, csto_named: bool) -> str:
    """The occasion type named in a statement's (normalised) frame, or "".

    A session counts as a CSTO session only where the CSTO is named in the frame or the article.
    """
    for kind, phrases in _PATTERNS:
        if any(p in frame for p in phrases):
            if kind == "csto_session" and not (csto_named or _COLLECTIVE_SECURITY in frame):
                continue
            return kind
    return ""
