"""The occasion at which words were said («خلال اجتماع استثنائي لمنظمة ...», «in a phone call with
...», «на пресс-конференции»), read from the words that frame a statement.

The phrases are matched inside the normalised frame (phrases.PhraseSet), so a Russian phrase is
written as the part its case forms share («телефонн… разговор» is two phrases: «телефонн» would also
find «телефонный номер», hence «телефонном разговоре» and its forms are listed as stems of the pair).
Words common outside occasions («заседание», «meeting», «обращение», which is also an appeal) are
left out: an occasion links reports in several languages («same occasion»), and a wrong one would link
unrelated words."""

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
                "extraordinary session",
                "emergency session",
                "extraordinary meeting",
                "emergency meeting",
                "summit",
                "videoconference",  # the CSTO's sessions of January 2022 met by video link
                "video conference",
                "внеочередн",  # внеочередной сессии, внеочередное заседание
                "видеоконференц",
                "саммит",
            ),
        ),
        (
            "phone_call",
            (
                "اتصال هاتفي",
                "مكالمة هاتفية",
                "محادثة هاتفية",
                "اتصالا هاتفيا",
                "عبر الهاتف",
                "phone call",
                "phone conversation",
                "telephone call",
                "telephone conversation",
                "by phone",
                "by telephone",
                "over the phone",
                "phone talks",
                "телефонный разговор",
                "телефонного разговора",
                "телефонном разговоре",
                "телефонным разговором",
                "телефонные переговоры",
                "телефонных переговоров",
                "телефонных переговорах",
                "по телефону",
            ),
        ),
        (
            "press_briefing",
            (
                "مؤتمر صحفي",
                "مؤتمر صحافي",
                "إيجاز صحفي",
                "إحاطة صحفية",
                "المؤتمر الصحفي",
                "press conference",
                "news conference",
                "press briefing",
                "news briefing",
                "briefing",
                "пресс-конференц",
                "брифинг",
            ),
        ),
        ("interview", ("مقابلة", "حديث أجرته", "حوار مع", "interview", "интервью")),
        (
            "speech",
            (
                "كلمة ألقاها",
                "خطاب",
                "كلمة أمام",
                "كلمة متلفزة",
                "speech",
                "televised address",
                "address to the nation",
                "addressing the nation",
                "выступлени",  # выступление, в выступлении
                "телеобращени",
                "обращении к нации",
                "обращении к гражданам",
            ),
        ),
    )
]
# The CSTO's own words: a session in a frame naming them is the CSTO's.
_COLLECTIVE_SECURITY = frozenset(
    normalize(p) for p in ("الأمن الجماعي", "collective security", "коллективной безопасности")
)
_PHRASES = PhraseSet([*_COLLECTIVE_SECURITY, *(p for _, phrases in _PATTERNS for p in phrases)])


def find_occasion(frame: str, csto_named: bool) -> str:
    """The occasion type named in a statement's (normalised) frame, or "".

    A session counts as a CSTO session only where the CSTO is named in the frame or the article.
    """
    found = _PHRASES.present(frame)
    if not found:
        return ""
    for kind, phrases in _PATTERNS:
        if not found.isdisjoint(phrases):
            if kind == "csto_session" and not (csto_named or found & _COLLECTIVE_SECURITY):
                continue
            return kind
    return ""
