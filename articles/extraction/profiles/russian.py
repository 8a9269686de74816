"""The Russian profile: reporting verbs by their pymorphy3 lemma, titles, pronouns, adverbials."""

from __future__ import annotations

from functools import lru_cache

from articles.extraction.morphology import russian_lemma, russian_tags
from articles.extraction.profiles import Profile, cue_table

# lemma (both aspects where both report): (act, weak, continuation).
_VERBS: dict[str, tuple[str, bool, bool]] = {
    "заявить": ("statement", False, False),
    "заявлять": ("statement", False, False),
    "сказать": ("statement", False, False),
    "говорить": ("statement", True, False),
    "говориться": ("statement", False, False),
    "сообщить": ("statement", False, False),
    "сообщать": ("statement", False, False),
    "сообщаться": ("statement", False, False),
    "отметить": ("statement", False, False),
    "отмечать": ("statement", False, False),
    "подчеркнуть": ("statement", False, False),
    "подчеркивать": ("statement", False, False),
    "добавить": ("statement", False, True),
    "добавлять": ("statement", False, True),
    "указать": ("statement", False, False),
    "указывать": ("statement", False, False),
    "пояснить": ("statement", False, False),
    "пояснять": ("statement", False, False),
    "уточнить": ("statement", False, False),
    "заметить": ("statement", False, False),
    "констатировать": ("statement", False, False),
    "напомнить": ("statement", True, False),
    "рассказать": ("statement", False, False),
    "признать": ("statement", False, False),
    "подтвердить": ("statement", False, False),
    "объявить": ("statement", False, False),
    "выразить": ("statement", True, False),
    "высказаться": ("statement", True, False),
    "прокомментировать": ("statement", True, False),
    "ответить": ("statement", True, False),
    "написать": ("statement", True, False),
    "считать": ("statement", True, False),
    "полагать": ("statement", True, False),
    "назвать": ("statement", True, False),
    "охарактеризовать": ("statement", True, False),
    "оценить": ("statement", True, False),
    "призвать": ("appeal", False, False),
    "призывать": ("appeal", False, False),
    "попросить": ("appeal", False, False),
    "просить": ("appeal", False, False),
    "обратиться": ("appeal", True, False),
    "потребовать": ("demand", False, False),
    "требовать": ("demand", False, False),
    "осудить": ("disapprove", False, False),
    "осуждать": ("disapprove", False, False),
    "обвинить": ("disapprove", False, False),
    "обвинять": ("disapprove", False, False),
    "раскритиковать": ("disapprove", False, False),
    "критиковать": ("disapprove", False, False),
    "предупредить": ("disapprove", False, False),
    "опровергнуть": ("reject", False, False),
    "опровергать": ("reject", False, False),
    "отвергнуть": ("reject", False, False),
    "отрицать": ("reject", False, False),
    "приветствовать": ("support", False, False),
    "поддержать": ("support", True, False),
    "пообещать": ("cooperate", False, False),
    "обещать": ("cooperate", False, False),
    "заверить": ("cooperate", False, False),
    "обсудить": ("consult", True, False),
}


@lru_cache(maxsize=100_000)
def _is_verb(word: str) -> bool:
    """A finite form of a reporting verb («заявил», «говорится»), not its infinitive («поддержать
    союзника» is words) nor its verbal adverb (a participle, read apart)."""
    return russian_lemma(word) in RUSSIAN.cues and russian_tags(word).startswith("VERB")


@lru_cache(maxsize=100_000)
def _is_participle(word: str) -> bool:
    """A verbal adverb of a reporting verb: «добавив», «отметив», «подчеркнув»."""
    return "GRND" in russian_tags(word) and russian_lemma(word) in RUSSIAN.cues


RUSSIAN = Profile(
    code="ru",
    key=russian_lemma,
    cues=cue_table(_VERBS, lambda lemma: [lemma], lambda form: form),
    is_verb=_is_verb,
    is_participle=_is_participle,
    is_adverbial=lambda word: "GRND" in russian_tags(word),
    is_adverb=lambda word: russian_tags(word).startswith("ADVB"),
    cue_particles={},
    complementizers=frozenset({"что", "чтобы"}),
    # «Там также отмечали»: there, where the last speaker is.
    pronouns={"он": "person", "она": "person", "они": "any", "оно": "any", "там": "any"},
    according=(
        ("по", "словам"),
        ("по", "мнению"),
        ("по", "данным"),
        ("по", "информации"),
        ("по", "оценке"),
        ("как", "считает"),
    ),
    possessives=frozenset({"его", "ее", "их"}),
    this_refs=(("об", "этом"), ("как", "об", "этом")),
    lead_ins=(("о", "том", ",", "что"),),
    titles={
        russian_lemma(w): roles
        for w, roles in {
            "президент": ("president",),
            "лидер": ("president", "prime_minister"),
            "глава": ("president", "minister", "secretary_general", "chair", "speaker_of", "prime_minister"),
            "премьер": ("prime_minister",),
            "премьер-министр": ("prime_minister",),
            "министр": ("minister",),
            "дипломат": ("foreign_minister",),
            "представитель": ("spokesperson",),
            "пресс-секретарь": ("spokesperson",),
            "генсек": ("secretary_general",),
            "министерство": ("ministry",),
            "ведомство": ("ministry",),
            "мид": ("foreign_ministry",),
            "председатель": ("chair", "speaker_of"),
            "спикер": ("speaker_of", "spokesperson"),
            "депутат": ("chair", "speaker_of"),
        }.items()
    },
    title_words=frozenset(
        russian_lemma(w)
        for w in (
            "министр",
            "президент",
            "глава",
            "генсек",
            "посол",
            "депутат",
            "госсекретарь",
            "премьер-министр",
        )
    ),
    determiners=frozenset(),
    speaker_heads=frozenset(
        russian_lemma(w)
        for w in (
            "представитель",
            "министерство",
            "ведомство",
            "источник",
            "власти",
            "правительство",
            "посольство",
            "полиция",
            "комитет",
            "пресс-служба",
            "депутат",
            "эксперт",
            "чиновник",
            "аппарат",
            "администрация",
            "штаб",
        )
    ),
    media=frozenset(
        russian_lemma(w)
        for w in (
            "агентство",
            "телеканал",
            "газета",
            "издание",
            "сми",
            "корреспондент",
            "интерфакс",
            "тасс",
            "риа",
        )
    ),
    adverbials=frozenset(
        {
            "также",
            "ранее",
            "уже",
            "вновь",
            "снова",
            "тогда",
            "позже",
            "затем",
            "сегодня",
            "вчера",
            "накануне",
            "же",
        }
    ),
    prepositions=frozenset({"в", "во", "на", "по", "при", "после", "перед", "у", "для", "с", "со"}),
    agent_markers=frozenset(),
    as_markers=frozenset({"как"}),
    relatives=frozenset({"который", "которая", "которое", "которые", "чей", "чья"}),
    audiences=frozenset({"журналистам", "репортерам", "корреспонденту", "ему", "ей", "им"}),
    abbreviations=frozenset(
        {"г", "гг", "т", "им", "ул", "янв", "фев", "авг", "сент", "окт", "нояб", "дек", "млн", "млрд", "тыс"}
    ),
)
