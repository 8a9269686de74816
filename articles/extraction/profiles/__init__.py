"""Language profiles: what the reader of reported speech needs to know about one language.

Everything that differs between English and Russian lives in its profile: reporting verbs with
their CAMEO act, how a word is folded to look them up (a stem, a lemma), complementizers,
pronouns, titles and the roles they name, "according to" phrases, the adverbials that may stand
between a speaker, a cue and the words, and the abbreviations that do not end a sentence. The rules
that use them are written once, in `reported.py`. Arabic is read by the rules of `cues.py`,
`speakers.py` and `words.py` with the data of `lexicon.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from articles.extraction.lexicon import Cue


@dataclass(frozen=True)
class Profile:
    code: str
    # A lower-case token -> the key its reporting verb is listed under (a stem, a lemma).
    key: Callable[[str], str]
    cues: dict[str, Cue]
    # A lower-case token -> whether it is a reporting verb in a form that reports («said», «заявил»).
    is_verb: Callable[[str], bool]
    # A lower-case token -> whether it is the participle that continues a speaker («adding»,
    # «добавив»); its key must be a cue's.
    is_participle: Callable[[str], bool]
    # A lower-case token -> whether it is a verbal adverb or participle that may open an aside
    # («speaking to parliament», «выступая в парламенте»).
    is_adverbial: Callable[[str], bool]
    # A lower-case token -> whether it is an adverb that may stand between a subject and its verb
    # («officially announced», «официально объявило»).
    is_adverb: Callable[[str], bool]
    # Particles a cue takes before its words, by the cue's lemma: «called on», «pointed out». A weak
    # cue listed here reports only with its particle («called the week of violence ...» names).
    cue_particles: dict[str, frozenset[str]]
    complementizers: frozenset[str]
    # Pronoun -> "person" (he, она) or "any" (they, it).
    pronouns: dict[str, str]
    # Tokens that open an "according to X" attribution, and the possessive pronouns that stand
    # for the last speaker inside one («по его словам»).
    according: tuple[tuple[str, ...], ...]
    possessives: frozenset[str]
    # «Об этом заявил X»: the words are the sentence before.
    this_refs: tuple[tuple[str, ...], ...]
    # «О том, что WORDS, сообщил X»: the words follow these tokens and end at the cue.
    lead_ins: tuple[tuple[str, ...], ...]
    # Title word (its key) -> fragments of the catalogue role codes it names.
    titles: dict[str, tuple[str, ...]]
    # Words that make a name's title, not the name: «Foreign», «Deputy», «Special».
    title_words: frozenset[str]
    # Words before a noun: a cue word after them is a noun («Putin's remarks», «the statement»).
    determiners: frozenset[str]
    # Heads of a speaker noun phrase the catalogue lacks («officials», «police»): a provisional actor.
    speaker_heads: frozenset[str]
    # Reporters and outlets: words they relay belong to someone else.
    media: frozenset[str]
    # Words that may stand between a speaker and a cue, or between a cue and its words.
    adverbials: frozenset[str]
    prepositions: frozenset[str]
    # «Как заявил X, ...», «As X said, ...»: a cue after these takes the words after its speaker.
    as_markers: frozenset[str]
    # Relative pronouns: «Tokayev, who chairs the council, said».
    relatives: frozenset[str]
    # What introduces the agent of a passive cue: «were reiterated by X».
    agent_markers: frozenset[str]
    # Addressees of «told»: «told reporters that».
    audiences: frozenset[str]
    abbreviations: frozenset[str] = field(default_factory=frozenset)


def profile_for(language: str) -> Profile | None:
    """The profile of a language the reader of reported speech reads, or None."""
    if language == "en":
        from articles.extraction.profiles.english import ENGLISH

        return ENGLISH
    if language == "ru":
        from articles.extraction.profiles.russian import RUSSIAN

        return RUSSIAN
    return None


def cue_table(
    verbs: dict[str, tuple[str, bool, bool]], forms: Callable[[str], list[str]], key: Callable[[str], str]
) -> dict[str, Cue]:
    """Every form of each verb (by `forms`) under its key: lemma -> (act, weak, continuation)."""
    table: dict[str, Cue] = {}
    for lemma, (act, weak, continuation) in verbs.items():
        cue = Cue(lemma, act, weak, continuation)
        for form in forms(lemma):
            table.setdefault(key(form), cue)
    return table
