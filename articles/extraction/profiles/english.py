"""The English profile: reporting verbs by their Snowball stem, titles, pronouns, adverbials."""

from __future__ import annotations

from articles.extraction.morphology import english_stem
from articles.extraction.profiles import Profile, cue_table

# lemma[/irregular forms]: (act, weak, continuation). A weak verb («believe», «write») reports words
# only when "that", a colon or a quotation follows it, or a quotation comes before it.
_VERBS: dict[str, tuple[str, bool, bool]] = {
    "say/said": ("statement", False, False),
    "tell/told": ("statement", False, False),
    "add": ("statement", False, True),
    "state": ("statement", False, False),
    "stress": ("statement", False, False),
    "emphasize/emphasise": ("statement", False, False),
    "note": ("statement", False, False),
    "point": ("statement", True, False),
    "underline": ("statement", False, False),
    "reiterate": ("statement", False, False),
    "confirm": ("statement", False, False),
    "announce": ("statement", False, False),
    "declare": ("statement", False, False),
    "explain": ("statement", False, False),
    "insist": ("statement", False, False),
    "claim": ("statement", False, False),
    "acknowledge": ("statement", False, False),
    "admit": ("statement", False, False),
    "remark": ("statement", False, False),
    "observe": ("statement", True, False),
    "describe": ("statement", True, False),
    "comment": ("statement", True, False),
    "respond": ("statement", True, False),
    "reply": ("statement", True, False),
    "tweet": ("statement", False, False),
    "write/wrote/written": ("statement", True, False),
    "report": ("statement", True, False),
    "believe": ("statement", True, False),
    "express": ("statement", True, False),
    "voice": ("statement", True, False),
    "urge": ("appeal", False, False),
    "call": ("appeal", True, False),
    "appeal": ("appeal", False, False),
    "ask": ("appeal", True, False),
    "request": ("appeal", True, False),
    "hope": ("appeal", True, False),
    "demand": ("demand", False, False),
    "warn": ("disapprove", False, False),
    "condemn": ("disapprove", False, False),
    "denounce": ("disapprove", False, False),
    "criticize/criticise": ("disapprove", False, False),
    "accuse": ("disapprove", False, False),
    "blame": ("disapprove", False, False),
    "deny/denied": ("reject", False, False),
    "reject": ("reject", False, False),
    "dismiss": ("reject", True, False),
    "refute": ("reject", False, False),
    "welcome": ("support", False, False),
    "praise": ("support", False, False),
    "hail": ("support", True, False),
    "thank": ("support", True, False),
    "promise": ("cooperate", False, False),
    "pledge": ("cooperate", False, False),
    "vow": ("cooperate", False, False),
    "assure": ("cooperate", True, False),
    "offer": ("cooperate", True, False),
    "discuss": ("consult", True, False),
    "highlight": ("statement", False, False),
    "assert": ("statement", False, False),
    "affirm": ("statement", False, False),
    "mention": ("statement", False, False),
    "indicate": ("statement", True, False),
    "argue": ("statement", False, False),
    "recall": ("statement", True, False),
    "enunciate": ("statement", False, False),
    "order": ("statement", False, False),
    "inform": ("statement", True, False),
    "caution": ("disapprove", False, False),
    "complain": ("disapprove", False, False),
    "appreciate": ("support", True, False),
    "commend": ("support", False, False),
    "congratulate": ("support", False, False),
}


def _forms(entry: str) -> list[str]:
    """The verb's listed forms and its regular ones: -s, -ed, -ing (a final e dropped, y -> ied)."""
    lemma, *irregular = entry.split("/")
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    past = lemma[:-1] + "ied" if lemma.endswith("y") else stem + "ed"
    third = lemma[:-1] + "ies" if lemma.endswith("y") else lemma + ("es" if lemma.endswith("s") else "s")
    return [lemma, third, past, stem + "ing", *irregular]


def _is_verb(word: str) -> bool:
    """An inflected reporting verb: «said», «says», «warned»; not its bare form, which is a noun as
    often as a verb («a state», «the call»), nor its -ing form, which continues a speaker."""
    cue = ENGLISH.cues.get(english_stem(word))
    return cue is not None and word != cue.lemma.split("/")[0] and not word.endswith("ing")


def _is_participle(word: str) -> bool:
    return word.endswith("ing") and english_stem(word) in ENGLISH.cues


ENGLISH = Profile(
    code="en",
    key=english_stem,
    cues=cue_table(_VERBS, _forms, english_stem),
    is_verb=_is_verb,
    is_participle=_is_participle,
    is_adverbial=lambda word: word.endswith("ing") and len(word) > 4,
    is_adverb=lambda word: word.endswith("ly") and len(word) > 4,
    cue_particles={"call": frozenset({"on", "for", "upon"}), "point": frozenset({"out"})},
    complementizers=frozenset({"that"}),
    pronouns={"he": "person", "she": "person", "they": "any", "it": "any"},
    according=(("according", "to"), ("in", "the", "words", "of")),
    possessives=frozenset({"his", "her", "their", "its"}),
    this_refs=(),
    lead_ins=(),
    titles={
        english_stem(w): roles
        for w, roles in {
            "president": ("president",),
            "leader": ("president", "prime_minister", "supreme_leader"),
            "head": ("president", "prime_minister", "minister", "secretary_general", "chair"),
            "premier": ("prime_minister",),
            "minister": ("minister",),
            "diplomat": ("foreign_minister",),
            "spokesman": ("spokesperson",),
            "spokeswoman": ("spokesperson",),
            "spokesperson": ("spokesperson",),
            "ministry": ("ministry",),
            "mfa": ("foreign_ministry",),
            "secretary-general": ("secretary_general",),
            "chief": ("secretary_general", "human_rights_chief"),
            "speaker": ("speaker_of",),
        }.items()
    },
    title_words=frozenset(
        english_stem(w)
        for w in (
            "foreign",
            "defence",
            "defense",
            "interior",
            "deputy",
            "prime",
            "vice",
            "special",
            "representative",
            "secretary",
            "general",
            "chairman",
            "chairwoman",
            "ambassador",
            "senator",
            "presidential",
            "parliament",
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "mr",
            "ms",
            "mrs",
            "dr",
            "state",
            "counsellor",
            "councillor",
            "high",
            "commissioner",
            "envoy",
        )
    ),
    determiners=frozenset(
        {"the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those", "s"}
    ),
    speaker_heads=frozenset(
        english_stem(w)
        for w in (
            "official",
            "officials",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "ministry",
            "minister",
            "police",
            "source",
            "sources",
            "authorities",
            "government",
            "embassy",
            "office",
            "committee",
            "council",
            "agency",
            "diplomat",
            "diplomats",
            "leader",
            "leaders",
            "president",
            "commander",
            "prosecutor",
            "department",
            "secretariat",
        )
    ),
    media=frozenset(
        english_stem(w)
        for w in (
            "agency",
            "agencies",
            "media",
            "newspaper",
            "outlet",
            "correspondent",
            "reporter",
            "television",
            "tv",
        )
    ),
    adverbials=frozenset(
        {
            "also",
            "further",
            "then",
            "later",
            "earlier",
            "again",
            "repeatedly",
            "previously",
            "has",
            "had",
            "have",
            "was",
            "were",
            "is",
            "reportedly",
            "separately",
            "meanwhile",
            "today",
            "yesterday",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "late",
            "early",
        }
    ),
    # Prepositions, and the conjunctions of an adverbial clause («said as he visited a church»).
    prepositions=frozenset(
        {
            "on",
            "in",
            "at",
            "during",
            "to",
            "via",
            "after",
            "before",
            "while",
            "from",
            "with",
            "as",
            "when",
            "amid",
        }
    ),
    agent_markers=frozenset({"by"}),
    as_markers=frozenset({"as"}),
    relatives=frozenset({"who", "which", "whose"}),
    audiences=frozenset(
        {"reporters", "journalists", "media", "lawmakers", "parliament", "him", "her", "them"}
    ),
    abbreviations=frozenset(
        {
            "mr",
            "mrs",
            "ms",
            "dr",
            "st",
            "gen",
            "lt",
            "col",
            "sen",
            "rep",
            "gov",
            "prof",
            "jan",
            "feb",
            "aug",
            "sept",
            "sep",
            "oct",
            "nov",
            "dec",
            "no",
            "vs",
            "etc",
        }
    ),
)
