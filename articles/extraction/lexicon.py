"""Reporting cues, their CAMEO act, and the vocabularies for topic and act.

Words are written as they appear in articles; `normalize()` folds them once when the tables are
built, so lookups compare normalised tokens. Everything here is data: the rules that use it live in
the stage modules (cues, speakers, words, days, labels).
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.extraction.normalize import normalize


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    act: str
    # A weak cue (كتب، ذكر، رأى) is also an ordinary word: it makes a statement only with a named speaker.
    weak: bool = False
    # A continuation cue (أضاف، تابع) with no subject continues the previous speaker.
    continuation: bool = False


# Past-tense reporting verbs (masculine singular), with their act.
_PAST: dict[str, tuple[str, bool, bool]] = {
    # lemma: (act, weak, continuation)
    "قال": ("statement", False, False),
    "أكد": ("statement", False, False),
    "أعلن": ("statement", False, False),
    "أضاف": ("statement", False, True),
    "تابع": ("statement", False, True),
    "أردف": ("statement", False, True),
    "استطرد": ("statement", False, True),
    "أشار": ("statement", False, False),
    "أوضح": ("statement", False, False),
    "شدد": ("statement", False, False),
    "صرح": ("statement", False, False),
    "أفاد": ("statement", False, False),
    "لفت": ("statement", False, False),
    "نوه": ("statement", False, False),
    "كشف": ("statement", False, False),
    "اعتبر": ("statement", False, False),
    "رأى": ("statement", True, False),
    "وصف": ("statement", False, False),
    "ذكر": ("statement", True, False),
    "كتب": ("statement", True, False),
    "غرد": ("statement", False, False),
    "علق": ("statement", True, False),
    "أبلغ": ("statement", True, False),
    "أعرب": ("statement", False, False),
    "عبر": ("statement", True, False),
    "أبدى": ("statement", True, False),
    "جدد": ("statement", True, False),
    "اعترف": ("statement", False, False),
    "زعم": ("statement", False, False),
    "دعا": ("appeal", False, False),
    "حث": ("appeal", False, False),
    "ناشد": ("appeal", False, False),
    "ناشدت": ("appeal", False, False),
    "تمنى": ("appeal", False, False),
    "طالب": ("demand", False, False),
    # «طلب توكاييف المساعدة»: a request for help is an appeal.
    "طلب": ("appeal", False, False),
    "أدان": ("disapprove", False, False),
    "ندد": ("disapprove", False, False),
    "انتقد": ("disapprove", False, False),
    "اتهم": ("disapprove", False, False),
    "حذر": ("disapprove", False, False),
    "استنكر": ("disapprove", False, False),
    "نفى": ("reject", False, False),
    "رفض": ("reject", False, False),
    "أيد": ("support", False, False),
    "رحب": ("support", False, False),
    "أشاد": ("support", False, False),
    "شكر": ("support", False, False),
    # «أصدرت الخارجية تحذيرا من السفر»: what was issued is the statement.
    "أصدر": ("statement", False, False),
    # «أمر قوات الأمن بفتح النار»: an order is reported words.
    "أمر": ("statement", False, False),
    "ثمن": ("support", False, False),
    "تعهد": ("cooperate", False, False),
    "وعد": ("cooperate", True, False),
    "ناقش": ("consult", True, False),
}

# Present-tense forms, used in headlines and in «X يقول إن ...».
_PRESENT: dict[str, str] = {
    "يقول": "قال",
    "تقول": "قال",
    "يؤكد": "أكد",
    "تؤكد": "أكد",
    "يعلن": "أعلن",
    "تعلن": "أعلن",
    "يدعو": "دعا",
    "تدعو": "دعا",
    "يحث": "حث",
    "تحث": "حث",
    "يناشد": "ناشد",
    "تناشد": "ناشد",
    "يطالب": "طالب",
    "تطالب": "طالب",
    "يدين": "أدان",
    "تدين": "أدان",
    "يتهم": "اتهم",
    "تتهم": "اتهم",
    "يحذر": "حذر",
    "تحذر": "حذر",
    "ينفي": "نفى",
    "تنفي": "نفى",
    "يرفض": "رفض",
    "ترفض": "رفض",
    "يرى": "رأى",
    "ترى": "رأى",
    "يعتبر": "اعتبر",
    "تعتبر": "اعتبر",
    "يشير": "أشار",
    "تشير": "أشار",
    "يعرب": "أعرب",
    "تعرب": "أعرب",
    "يرحب": "رحب",
    "ترحب": "رحب",
    "يؤيد": "أيد",
    "تؤيد": "أيد",
    "يعتقد": "قال",
    "تعتقد": "قال",
    "ينتقد": "انتقد",
    "تنتقد": "انتقد",
}

# Verb endings: feminine, dual, plural.
_SUFFIXES = ("", "ت", "ا", "تا", "وا")
# Conjunction and particle prefixes a verb can carry.
_PREFIXES = ("", "و", "ف", "ول", "وقد", "فقد")

# Participles that open a new statement of the same speaker: «، مضيفاً أن ...».
_PARTICIPLES = (
    "مضيف",
    "مشير",
    "موضح",
    "مؤكد",
    "معلن",
    "لافت",
    "معتبر",
    "مشدد",
    "داعي",
    "مطالب",
    "محذر",
    "منوه",
    "معرب",
    "مبين",
    "متابع",
    "مستدرك",
    "معبر",
    "واصف",
    "منتقد",
    "رافض",
    "نافي",
    "متهم",
)
_PARTICIPLE_ACT = {
    "داعي": "appeal",
    "مطالب": "demand",
    "محذر": "disapprove",
    "منتقد": "disapprove",
    "رافض": "reject",
    "نافي": "reject",
    "متهم": "disapprove",
}


def _build_cues() -> dict[str, Cue]:
    table: dict[str, Cue] = {}
    for lemma, (act, weak, continuation) in _PAST.items():
        cue = Cue(lemma, act, weak, continuation)
        stem = normalize(lemma)
        # Final alef maqsura / alef verbs (دعا، نفى، رأى) take -ت after the stem without it.
        stems = {stem, stem[:-1] if stem.endswith(("ا", "ي")) else stem}
        for s in stems:
            for suffix in _SUFFIXES:
                for prefix in ("", "و", "ف"):
                    table.setdefault(prefix + s + suffix, cue)
    for form, lemma in _PRESENT.items():
        act, weak, continuation = _PAST[lemma]
        cue = Cue(lemma, act, weak, continuation)
        for prefix in ("", "و", "ف"):
            table.setdefault(prefix + normalize(form), cue)
    # Words that look like a verb form above but are not one.
    for word in ("وقت", "فيت", "قالا", "بين", "ذكرا", "وعدا", "كتبا", "حثا", "وصفا", "نفيا", "فقط"):
        table.pop(normalize(word), None)
    return table


def _build_participles() -> dict[str, str]:
    table: dict[str, str] = {}
    for stem in _PARTICIPLES:
        act = _PARTICIPLE_ACT.get(stem, "")
        s = normalize(stem)
        # داعي -> داعيا / داعيه; the others take -ا, -ه (feminine), -ين, -ون.
        for suffix in ("ا", "ه", "ين", "ون", "تين"):
            table[s + suffix] = act
            table["و" + s + suffix] = act
    return table


CUES: dict[str, Cue] = _build_cues()
PARTICIPLES: dict[str, str] = _build_participles()

# Words that introduce the reported words after a cue.
COMPLEMENTIZERS = frozenset(
    normalize(w)
    for w in (
        "أن",
        "إن",
        "بأن",
        "أنه",
        "إنه",
        "بأنه",
        "أنها",
        "إنها",
        "بأنها",
        "أنهم",
        "إنهم",
        "بأنهم",
        "أننا",
        "إننا",
        "بأننا",
        "أنّ",
        "إنّ",
        "لأن",
    )
)

# Clause connectives that end an indirect statement: what follows is the reporter's narration.
BOUNDARY_WORDS = frozenset(
    normalize(w) for w in ("فيما", "بينما", "وبينما", "وفيما", "تلاها", "تلاه", "وتلاها")
)
BOUNDARY_PAIRS = frozenset(
    (normalize(a), normalize(b))
    for a, b in (
        ("في", "حين"),
        ("في", "وقت"),
        ("وفي", "وقت"),
        ("في", "الوقت"),
        ("على", "وقع"),
    )
)

# Words that start an adverbial phrase between the speaker and the reported words
# («، مساء اليوم الأربعاء،» «، في اتصال هاتفي مع ...،»).
ADVERBIAL_STARTERS = frozenset(
    normalize(w)
    for w in (
        "في",
        "خلال",
        "عبر",
        "أمام",
        "لدى",
        "بعد",
        "قبل",
        "يوم",
        "اليوم",
        "أمس",
        "مساء",
        "صباح",
        "ظهر",
        "فجر",
        "ليلة",
        "الليلة",
        "منذ",
        "أثناء",
        "اثناء",
        "وفق",
        "حسب",
        "بحسب",
        "الأحد",
        "الاثنين",
        "الإثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "أيضا",
        "أيضاً",
        "كذلك",
        "بدوره",
        "بدورها",
        "اليوم",
        "صبيحة",
        "عشية",
        "غداة",
        "حين",
        "بينما",
        "وفي",
        "ضمن",
    )
)

# Prepositions a cue governs («أعرب عن»، «شدد على»): the words may follow them, or a complementizer
# a few words on («أعرب عن اعتقاده بأن»).
COMPLEMENT_PREPOSITIONS = frozenset(normalize(w) for w in ("عن", "على", "إلى", "من", "مع", "ب"))

# Documents that speak for their author: «وأضاف البيان» continues the previous speaker.
DOCUMENT_NOUNS = frozenset(normalize(w) for w in ("البيان", "التغريدة", "الرسالة", "المنشور", "التقرير"))

# Reporters and outlets: a statement they frame belongs to the speaker inside it.
MEDIA_HEADS = frozenset(
    normalize(w)
    for w in (
        "مراسل",
        "مراسلة",
        "وكالة",
        "صحيفة",
        "قناة",
        "التلفزيون",
        "شبكة",
        "موقع",
        "إذاعة",
        "وسائل",
    )
)

# Heads of a speaker noun phrase the catalogue does not know: «قال مسؤول ...» makes a provisional actor.
SPEAKER_HEADS = frozenset(
    normalize(w)
    for w in (
        "المتحدث",
        "المتحدثة",
        "الناطق",
        "الناطقة",
        "وزير",
        "وزيرة",
        "وزارة",
        "رئيس",
        "رئيسة",
        "مسؤول",
        "مسؤولة",
        "مصدر",
        "مصادر",
        "سفير",
        "سفيرة",
        "نائب",
        "مستشار",
        "زعيم",
        "قائد",
        "الأمين",
        "المفوض",
        "المفوضة",
        "حزب",
        "منظمة",
        "هيئة",
        "لجنة",
        "مجلس",
        "السفارة",
        "سفارة",
        "المتظاهرون",
        "الجيش",
        "الشرطة",
        "السلطات",
        "الحكومة",
        "البرلمان",
        "الرئاسة",
        "مكتب",
        "الرئيس",
        "محافظ",
        "عمدة",
        "حاكم",
        "الوزير",
        "الوزارة",
        "الخارجية",
        "الداخلية",
        "الدفاع",
        "الأمانة",
        "المنظمة",
        "البيان",
        "التغريدة",
        "الرسالة",
        "المنشور",
        "التقرير",
    )
)
# Words that carry a speaker noun phrase on: «المتحدث باسم ...»، «رئيس مجلس ...».
SPEAKER_LINKS = frozenset(normalize(w) for w in ("باسم", "الرسمي", "الرسمية", "العام", "العامة"))

# Bare institutional nouns that mean the article's own country when nothing qualifies them.
BARE_INSTITUTIONS = {
    normalize("الحكومة"): "government",
    normalize("الرئيس"): "president",
    normalize("الرئاسة"): "presidency",
    normalize("البرلمان"): "parliament",
    normalize("السلطات"): "country",
}

# Documents a statement «came in»: «وجاء في بيان الخارجية: ...».
STATEMENT_NOUNS = frozenset(
    normalize(w)
    for w in ("بيان", "البيان", "بيانها", "بيانه", "تغريدة", "التغريدة", "رسالة", "الرسالة", "كلمة")
)
# Occasion sentences that date or source the statement before them: «وجاء ذلك في بيان ... اليوم».
OCCASION_OPENERS = frozenset(normalize(w) for w in ("جاء", "وجاء", "وذلك", "جاءت", "وجاءت"))

# Punctuation as the rules read it.
COMMA = frozenset({"،", ","})
COLON = frozenset({":"})
QUOTE_MARKS = frozenset({'"'})  # every quotation mark is folded to " by normalize()
# What a statement's words never end or start with.
TRAILING = frozenset(COMMA | COLON | {".", "؛", ";", "…", "-"})
LEADING = frozenset(COMMA | COLON | {"-"})

# Words between a cue and its speaker or words that carry nothing: «قال أيضا»، «من جهته».
FILLERS = frozenset(
    normalize(w)
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
)
# Nouns of the form the words took, opening an adverbial after the speaker: «، في تغريدة على ...».
OCCASION_NOUNS = frozenset(
    normalize(w)
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
)
# «نقلت ... عن X قوله»: the noun of saying after the speaker.
SAYING = frozenset(
    normalize(w)
    for w in (
        "قوله",
        "قولها",
        "قولهم",
        "قولهما",
        "قول",
        # The verbal noun of another reporting verb with its possessive: «عن الرئيس تأكيده على ...».
        "تأكيده",
        "تأكيدها",
        "إعلانه",
        "إعلانها",
        "دعوته",
        "دعوتها",
        "تحذيره",
        "تحذيرها",
        "مطالبته",
        "مطالبتها",
        "نفيه",
        "نفيها",
        "ترحيبه",
        "ترحيبها",
        "إدانته",
        "إدانتها",
        "إشارته",
        "إشارتها",
    )
)
# «حسب X»: X is the source of the clause before or after.
ACCORDING = frozenset(
    normalize(w) for w in ("حسب", "بحسب", "وحسب", "وبحسب", "وفق", "وفقا", "ووفقا", "طبقا", "نقلا", "ونقلا")
)
# «نقلا عن X»: the «according to» words that take «عن» before their source.
TRANSMIT_ACCORDING = frozenset(normalize(w) for w in ("نقلا", "ونقلا"))
# «على حد قوله»: the nouns after «على حد» that mean «as he put it».
AS_PUT = frozenset(
    normalize(w) for w in ("قوله", "قولها", "قولهم", "تعبيره", "تعبيرها", "وصفه", "وصفها", "زعمه", "زعمها")
)
# «نقلت وكالة X عن Y»: Y speaks.
TRANSMIT = frozenset(normalize(w) for w in ("نقلت", "ونقلت", "نقل", "ونقل", "فنقلت"))
# Cue lemmas whose addressee comes before the words: «أبلغ نظيره أن ...».
TELL_CUES = frozenset({"أبلغ", "أمر"})
# Cue lemmas after which an unknown noun phrase is the addressee: «دعت السلطات إلى ...».
APPEAL_OBJECT_CUES = frozenset({"دعا", "حث", "ناشد", "طالب", "أبلغ"})
# Words that may open a clause before an SVO subject: «أما الأمم المتحدة، فدعت».
SVO_OPENERS = frozenset(
    normalize(w)
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
)
# Particles between a subject and its verb: «وكان لافروف قد صرح».
VERB_PARTICLES = frozenset(normalize(w) for w in ("قد", "لقد"))
# Prepositions that end a speaker noun phrase.
NP_STOPS = frozenset(
    normalize(w) for w in ("إلى", "على", "عن", "في", "خلال", "أمام", "مع", "من", "بعد", "قبل")
)
# Collective words before a VSO speaker: «قال كل من ...»، «قال قادة ...».
COLLECTIVES = frozenset(normalize(w) for w in ("كل", "من", "دول", "قادة", "زعماء"))
# «، على خلفية ...»: the reporter's background after the words.
CLAUSE_BACKGROUND = frozenset(normalize(w) for w in ("خلفية",))

# Boilerplate block headers (related links, read also, comments).
BOILERPLATE_HEADERS = tuple(
    normalize(w)
    for w in (
        "موضوعات ذات صلة",
        "مواضيع ذات صلة",
        "أخبار ذات صلة",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "إقرأ أيضا",
        "اقرأ المزيد",
        "شاهد أيضا",
        "المزيد من الأخبار",
        "الأكثر قراءة",
        "التعليقات",
        "تابعونا",
        "روابط ذات صلة",
        "اقرأ ايضا",
        "لمزيد من",
    )
)

# ---- topic -------------------------------------------------------------------------------
CSTO_WORDS = tuple(
    normalize(w)
    for w in (
        "منظمة معاهدة الأمن الجماعي",
        "الأمن الجماعي",
        "csto",
        "одкб",
        "حفظ السلام",
        "حفظ سلام",
        "قوات حفظ",
        "انسحاب",
        "انسحابها",
        "الانسحاب",
        "بعثة",
        "نشر قوات",
        "إرسال قوات",
        "ارسال قوات",
        "القوات الروسية",
        "قوات أجنبية",
        "القوات الأجنبية",
        "الثورات الملونة",
        "ثورات ملونة",
        "ثورة ملونة",
        "peacekeep",
        "миротвор",
        "collective security",
        "troops",
        "contingent",
        "deploy",
        "color revolution",
        "colour revolution",
        "foreign forces",
        "outside forces",
        "контингент",
        "войск",
        "цветн",
        "коллективн сил",
        "военнослужащ",
    )
)
PROTEST_WORDS = tuple(
    normalize(w)
    for w in (
        "احتجاج",
        "الاحتجاج",
        "احتجاجات",
        "متظاهر",
        "المتظاهر",
        "التظاهر",
        "تظاهر",
        "التظاهرات",
        "مظاهرات",
        "محتج",
        "المحتج",
        "شغب",
        "الشغب",
        "اضطراب",
        "الاضطرابات",
        "العنف",
        "عنف",
        "ضبط النفس",
        "التهدئة",
        "الإرهاب",
        "إرهابي",
        "الإرهابي",
        "ارهاب",
        "الإرهابيين",
        "انقلاب",
        "اعتقال",
        "قتيل",
        "القتلى",
        "جريح",
        "ضحايا",
        "الطوارئ",
        "الوضع",
        "الأحداث",
        "أحداث",
        "الحوار",
        "سلمي",
        "السلمي",
        "السلمية",
        "إطلاق النار",
        "المحتجزين",
        "حقوق الإنسان",
        "الاستقرار",
        "استقرار",
        "protest",
        "violence",
        "restraint",
        "escalation",
        "протест",
        "беспоряд",
        "ситуац",
        "событи",
        "нормализац",
        "диалог",
        "situation",
        "events",
        "developments",
        "unrest",
        "turbulence",
        "stability",
        "stabiliz",
        "terroris",
        "attack",
        "coup",
        "dialogue",
        "law enforcement",
        "security forces",
        "militant",
        "riot",
        "demonstrat",
        "clashes",
        "killed",
        "casualt",
        "victims",
        "condolence",
        "mourning",
        "rule of law",
        "order",
        "беспорядк",
        "насили",
        "террор",
        "переворот",
        "погром",
        "митинг",
        "дестабилиз",
        "стабил",
        "боевик",
        "погибш",
        "жертв",
        "соболезн",
        "сдержанн",
        "мирн",
        "правопоряд",
        "протестующ",
    )
)

# ---- act from the reported words ------------------------------------------------------------
# Each class's words; the class with most hits wins, ties by the order of ACT_PRECEDENCE.
ACT_WORDS: dict[str, tuple[str, ...]] = {
    k: tuple(normalize(w) for w in v)
    for k, v in {
        "reject": (
            "لا مفاوضات",
            "no negotiations",
            "никаких переговоров",
            "كاذبة",
            "كاذب",
            "باطلة",
            "باطل",
            "لا أساس",
            "غير صحيح",
            "لم نستخدم",
            "لن نستخدم",
            "لا تستخدم",
            "عدم استعمال",
            "عدم استخدام",
            "ننفي",
            "نرفض",
            "أرفض",
            "رفض",
            "false",
            "deny",
            "reject",
            "baseless",
            "nonsense",
            "not true",
            "no truth",
            "глупост",
            "ложн",
            "неправд",
            "опроверг",
            "не соответствует действительности",
        ),
        "disapprove": (
            "من الخارج",
            "مستوحاة",
            "from abroad",
            "أدين",
            "ندين",
            "إدانة",
            "ادانة",
            "يدين",
            "نستنكر",
            "عدوان",
            "عدوانيا",
            "عدواني",
            "مؤامرة",
            "الإرهاب",
            "إرهابية",
            "الإرهابيين",
            "إرهابي",
            "تدخل",
            "التدخل",
            "تزعزع",
            "زعزعة",
            "لا تريد",
            "جريمة",
            "استغلت",
            "بافتعال",
            "condemn",
            "осужда",
            "terrorist",
            "terrorism",
            "coup",
            "illegitimate",
            "destabiliz",
            "interfer",
            "outside forces",
            "external forces",
            "militant",
            "bandit",
            "unacceptable",
            "shame",
            "террорист",
            "госпереворот",
            "переворот",
            "дестабилиз",
            "извне",
            "погромщик",
            "неприемлем",
            "стыдно",
            "неадекватн",
            "вмешательств",
            "боевик",
            "атак",
        ),
        "demand": (
            "من المهم",
            "يجب",
            "ينبغي على",
            "لا بد",
            "من الضروري",
            "نطالب",
            "يطالب",
            "الإفراج",
            "must",
            "demand",
            "should",
            "требу",
            "необходимо",
            "потребность",
        ),
        "appeal": (
            "طلب المساعدة",
            "طلب مساعدة",
            "طلبت المساعدة",
            "ضرورة",
            "asked for help",
            "request for assistance",
            "за помощью",
            "ضبط النفس",
            "التهدئة",
            "الحوار",
            "حل سلمي",
            "الحل السلمي",
            "بطريقة سلمية",
            "سلميا",
            "الامتناع",
            "ندعو",
            "أدعو",
            "دعوة",
            "نحث",
            "أحث",
            "أحثهم",
            "يناشد",
            "تمنت",
            "restraint",
            "refrain",
            "call on",
            "urge",
            "диалог",
            "мирное",
            "dialogue",
            "peaceful",
            "calm",
            "normalization",
            "призыва",
            "сдержанн",
            "воздерж",
            "мирн",
            "прекращени",
        ),
        "cooperate": (
            "خطوات مشتركة",
            "الاتفاق على",
            "agreed on joint",
            "совместные шаги",
            "تقديم المساعدة",
            "لتقديم المساعدة",
            "ما بوسع",
            "will do its best",
            "ready to help",
            "التعاون",
            "تعاون",
            "مستعدة",
            "مستعد",
            "استعداد",
            "تعزيز التعاون",
            "cooperation",
            "willing to",
            "ready to",
            "will provide",
            "assistance",
            "will work with",
            "will guarantee",
            "готов",
            "окажет",
            "помощ",
            "содейств",
            "сотруднич",
        ),
        "support": (
            "سعادته",
            "ارتياح",
            "نقف إلى جانب",
            "الوقوف إلى جانب",
            "يقف إلى جانب",
            "تقف إلى جانب",
            "دعم",
            "ندعم",
            "تؤيد",
            "نؤيد",
            "يؤيد",
            "تأييد",
            "وقوف",
            "وقوفها",
            "تضامن",
            "مساندة",
            "نرحب",
            "ترحيب",
            "نأمل",
            "قادرة على",
            "support",
            "welcome",
            "поддерж",
            "stands with",
            "solidarity",
            "appreciat",
            "believe in",
            "sovereignty",
            "territorial integrity",
            "friendly",
            "brotherly",
            "солидарн",
            "приветств",
            "суверенитет",
            "территориальн",
        ),
        "consult": (
            "محادثة",
            "اتصال هاتفي",
            "مكالمة",
            "ناقش",
            "ناقشنا",
            "بحث مع",
            "مشاورات",
            "consult",
            "discuss",
            "phone call",
            "on the phone",
            "talks",
            "обсуд",
            "переговор",
            "телефонн",
        ),
    }.items()
}
ACT_PRECEDENCE = ("reject", "disapprove", "demand", "appeal", "cooperate", "support", "consult")
