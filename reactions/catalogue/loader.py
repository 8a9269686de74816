"""Read the actor catalogue (actors.toml) into plain CatalogueActor records.

Pure Python: the `load_catalogue` command writes these records to the database, and the tests and
`manage.py extract` can use them without one. Titles are derived from each member's role and its
country's Arabic names and adjectives, so one rule gives every country its
«وزير الخارجية الروسي» and «المتحدث باسم الخارجية الإيرانية».
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from articles.extraction.catalogue import Alias, CatalogueActor
from articles.extraction.morphology import russian_case_forms
from articles.extraction.vocab import LANGUAGES, TOPICS

DEFAULT_PATH = Path(__file__).with_name("actors.toml")


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Role:
    kind: str
    label: str  # English role, {0} is the country or body name
    parent_role: str | None = None  # the sibling institution a member belongs to
    titles: tuple[str, ...] = ()  # Arabic templates: {C} name, {M}/{F} masculine/feminine adjective


_SPOKES = ("المتحدث", "المتحدثة", "الناطق", "الناطقة", "المتحدث الرسمي", "المتحدثة الرسمية")

ROLES: dict[str, Role] = {
    "president": Role(
        "person", "President of {0}", None, ("رئيس {C}", "الرئيس {M}", "رئيس جمهورية {C}", "رئيس دولة {C}")
    ),
    "former_president": Role("person", "Former President of {0}"),
    "prime_minister": Role(
        "person",
        "Prime Minister of {0}",
        None,
        ("رئيس وزراء {C}", "رئيس الوزراء {M}", "رئيس الحكومة {F}", "رئيس حكومة {C}"),
    ),
    "prime_minister_former": Role("person", "Former Prime Minister of {0}"),
    "chancellor": Role("person", "Chancellor of {0}", None, ("المستشار {M}", "مستشار {C}")),
    "king": Role("person", "King of {0}", None, ("ملك {C}", "العاهل {M}")),
    "emir": Role("person", "Emir of {0}", None, ("أمير {C}", "أمير دولة {C}")),
    "sultan": Role("person", "Sultan of {0}", None, ("سلطان {C}",)),
    "crown_prince": Role("person", "Crown Prince of {0}", None, ("ولي عهد {C}", "ولي العهد {M}")),
    "supreme_leader": Role("person", "Supreme Leader of {0}"),
    "presidency": Role("government_body", "Presidential office of {0}", None, ("الرئاسة {F}",)),
    "presidential_spokesperson": Role(
        "person",
        "Spokesperson for the President of {0}",
        "presidency",
        tuple(f"{s} باسم الرئاسة {{F}}" for s in _SPOKES),
    ),
    "government": Role("government_body", "Government of {0}", None, ("الحكومة {F}", "حكومة {C}")),
    "foreign_ministry": Role(
        "government_body",
        "Foreign Ministry of {0}",
        None,
        ("وزارة الخارجية {F}", "الخارجية {F}", "وزارة خارجية {C}"),
    ),
    "foreign_minister": Role(
        "person",
        "Foreign Minister of {0}",
        "foreign_ministry",
        (
            "وزير خارجية {C}",
            "وزير الخارجية {M}",
            "وزيرة خارجية {C}",
            "وزيرة الخارجية {F}",
            "رئيس الدبلوماسية {F}",
            "رئيس دبلوماسية {C}",
        ),
    ),
    "mfa_spokesperson": Role(
        "person",
        "Spokesperson for the Foreign Ministry of {0}",
        "foreign_ministry",
        tuple(
            f"{s} باسم {w}"
            for s in _SPOKES
            for w in ("الخارجية {F}", "وزارة الخارجية {F}", "وزارة خارجية {C}")
        ),
    ),
    "mfa_deputy_spokesperson": Role(
        "person", "Deputy spokesperson for the Foreign Ministry of {0}", "foreign_ministry"
    ),
    "interior_ministry": Role(
        "government_body",
        "Interior Ministry of {0}",
        None,
        ("وزارة الداخلية {F}", "الداخلية {F}", "وزارة داخلية {C}"),
    ),
    "interior_minister": Role(
        "person", "Interior Minister of {0}", "interior_ministry", ("وزير الداخلية {M}", "وزير داخلية {C}")
    ),
    "defence_ministry": Role(
        "government_body", "Defence Ministry of {0}", None, ("وزارة الدفاع {F}", "وزارة دفاع {C}")
    ),
    "defence_minister": Role(
        "person", "Defence Minister of {0}", "defence_ministry", ("وزير الدفاع {M}", "وزير دفاع {C}")
    ),
    "defence_spokesperson": Role(
        "person", "Spokesperson for the Defence Ministry of {0}", "defence_ministry"
    ),
    "security_service": Role("government_body", "Security service of {0}"),
    "security_chief_former": Role("person", "Former security chief of {0}"),
    "security_council": Role("government_body", "Security Council of {0}"),
    "prosecutor": Role("government_body", "Prosecutor General's Office of {0}"),
    "prosecutor_general": Role("person", "Prosecutor General of {0}", "prosecutor", ("المدعي العام {M}",)),
    "parliament": Role("government_body", "Parliament of {0}", None, ("البرلمان {M}", "برلمان {C}")),
    "upper_house": Role("government_body", "Upper house of {0}"),
    "speaker_of_parliament": Role("person", "Speaker of the Parliament of {0}"),
    "speaker_of_upper_house": Role("person", "Speaker of the upper house of {0}"),
    "committee_chair": Role("person", "Chair of a parliamentary committee of {0}", "parliament"),
    "state_counsellor": Role(
        "person", "State Counsellor of {0}", None, ("وزير الدولة {M}", "مستشار الدولة {M}")
    ),
    "state_media": Role("organisation", "State media of {0}"),
    "movement": Role("group", "Movement in {0}"),
    # International bodies.
    "secretariat": Role("organisation", "Secretariat of {0}"),
    "secretary_general": Role("person", "Secretary General of {0}"),
    "special_representative": Role("person", "Special Representative of {0}"),
    "commander": Role("person", "Commander of {0}"),
    "spokesperson": Role(
        "person",
        "Spokesperson for {0}",
        None,
        ("المتحدث {M}", "الناطق {M}", "المتحدث باسم {C}", "الناطق باسم {C}"),
    ),
    "deputy_spokesperson": Role("person", "Deputy spokesperson for {0}"),
    "human_rights_office": Role("organisation", "Human rights office of {0}"),
    "human_rights_chief": Role("person", "High Commissioner for Human Rights of {0}"),
    "council": Role("organisation", "Council of {0}"),
    "council_president": Role("person", "President of the Council of {0}"),
    "commission": Role("organisation", "Commission of {0}"),
    "commission_president": Role("person", "President of the Commission of {0}"),
    "high_representative": Role("person", "High Representative for Foreign Affairs of {0}"),
    "chair": Role("person", "Chair of {0}"),
    "group": Role("group", "Group"),
    "ngo": Role("organisation", "Non-governmental organisation"),
}


# English and Russian titles of each role, as articles write them. English: {A} the country's
# English adjective, {E} its English name («Russian Foreign Minister», «Kazakhstan's President»).
# Russian: {R} its Russian name in the genitive («глава МИД России»); articles inflect the titles
# themselves («главы МИД России»), so the alias automaton adds their case forms.
_EN_SPOKES = ("spokesperson", "spokesman", "spokeswoman")
TITLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "president": (
        ("{A} President", "President of {E}", "{E}'s President", "{A} leader", "{E}'s leader"),
        ("президент {R}", "глава {R}", "лидер {R}"),
    ),
    "prime_minister": (
        ("{A} Prime Minister", "Prime Minister of {E}", "{E}'s Prime Minister", "{A} premier"),
        ("премьер-министр {R}", "премьер {R}", "глава правительства {R}"),
    ),
    "presidential_spokesperson": (
        tuple(f"{{A}} presidential {s}" for s in _EN_SPOKES),
        ("пресс-секретарь президента {R}", "официальный представитель президента {R}"),
    ),
    "government": (("{A} government", "Government of {E}", "{E}'s government"), ("правительство {R}",)),
    "foreign_ministry": (
        (
            "{A} Foreign Ministry",
            "{A} Ministry of Foreign Affairs",
            "{A} MFA",
            "Foreign Ministry of {E}",
            "Ministry of Foreign Affairs of {E}",
            "{E}'s Foreign Ministry",
            "{E}'s Ministry of Foreign Affairs",
        ),
        ("МИД {R}", "министерство иностранных дел {R}", "внешнеполитическое ведомство {R}"),
    ),
    "foreign_minister": (
        ("{A} Foreign Minister", "Foreign Minister of {E}", "{E}'s Foreign Minister", "{A} top diplomat"),
        ("министр иностранных дел {R}", "глава МИД {R}", "глава внешнеполитического ведомства {R}"),
    ),
    "mfa_spokesperson": (
        tuple(f"{{A}} Foreign Ministry {s}" for s in _EN_SPOKES)
        + tuple(f"{{E}}'s Foreign Ministry {s}" for s in _EN_SPOKES),
        ("официальный представитель МИД {R}", "пресс-секретарь МИД {R}", "представитель МИД {R}"),
    ),
    "interior_ministry": (
        ("{A} Interior Ministry", "{A} Ministry of Internal Affairs", "{E}'s Interior Ministry"),
        ("МВД {R}", "министерство внутренних дел {R}"),
    ),
    "interior_minister": (
        ("{A} Interior Minister", "{E}'s Interior Minister"),
        ("министр внутренних дел {R}", "глава МВД {R}"),
    ),
    "defence_ministry": (
        (
            "{A} Defence Ministry",
            "{A} Defense Ministry",
            "{A} Ministry of Defence",
            "{A} Ministry of Defense",
        ),
        ("Минобороны {R}", "министерство обороны {R}"),
    ),
    "defence_minister": (
        ("{A} Defence Minister", "{A} Defense Minister", "{E}'s Defence Minister", "{E}'s Defense Minister"),
        ("министр обороны {R}", "глава Минобороны {R}"),
    ),
    "parliament": (("{A} parliament", "{E}'s parliament"), ("парламент {R}",)),
    "speaker_of_parliament": (
        ("{A} Parliament Speaker", "{E}'s Parliament Speaker", "{A} parliament speaker"),
        ("спикер парламента {R}", "председатель парламента {R}"),
    ),
    "secretary_general": (
        ("{A} Secretary-General", "{A} Secretary General", "Secretary-General of the {E}", "{A} chief"),
        ("генсек {R}", "генеральный секретарь {R}"),
    ),
    "spokesperson": (
        tuple(f"{{A}} {s}" for s in _EN_SPOKES),
        ("официальный представитель {R}", "представитель {R}"),
    ),
    "human_rights_chief": (
        ("{A} High Commissioner for Human Rights", "{A} human rights chief"),
        ("верховный комиссар ООН по правам человека",),
    ),
}


def load(path: Path = DEFAULT_PATH) -> list[CatalogueActor]:
    """Every actor of the catalogue file, institutions before their members."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path} is not valid TOML: {exc}") from None
    actors: list[CatalogueActor] = []
    for table_key, table in data.items():
        actors.extend(_table(table_key, table))
    _check(actors)
    return actors


def _table(table_key: str, table: dict) -> list[CatalogueActor]:
    try:
        name, code, kind = table["name"], table.get("code", ""), table["kind"]
        places = {
            "C": list(table.get("ar", [])),
            "M": list(table.get("adj_m", [])),
            "F": list(table.get("adj_f", [])),
            **_english_and_russian_places(table),
        }
        out: list[CatalogueActor] = []
        if kind != "none":
            aliases = _names(table) + [Alias(t, "ar") for t in table.get("ar_metonyms", [])]
            out.append(
                CatalogueActor(
                    key=table_key,
                    name=name,
                    kind=kind,
                    country=code,
                    role_code=kind,
                    role=name,
                    aliases=_dedupe(aliases),
                )
            )
        by_role = {m["role"]: m["key"] for m in table.get("members", [])}
        # A spokesperson is also named by the body it speaks for: «Kremlin spokesman».
        bodies = {
            m["key"]: m.get("en", [])[:2]
            for m in table.get("members", [])
            if ROLES.get(m["role"]) is not None and ROLES[m["role"]].kind != "person"
        }
        heads = {m["head_of_person"]: m for m in table.get("members", []) if "head_of_person" in m}
        for member in table.get("members", []):
            out.append(
                _member(
                    member, table_key if kind != "none" else None, name, code, places, by_role, heads, bodies
                )
            )
        return out
    except KeyError as exc:
        raise CatalogueError(f"[{table_key}] lacks the field {exc}") from None


def _member(
    member: dict,
    table_key: str | None,
    country_name: str,
    code: str,
    places: dict[str, list[str]],
    by_role: dict[str, str],
    heads: dict[str, dict],
    bodies: dict[str, list[str]],
) -> CatalogueActor:
    key = member["key"]
    role_code = member["role"]
    role = ROLES.get(role_code)
    if role is None:
        raise CatalogueError(f"{key}: unknown role {role_code!r}")
    parent = (
        member.get("parent") or (by_role.get(role.parent_role) if role.parent_role else None) or table_key
    )
    aliases = _names(member)
    aliases += [Alias(t, "ar", "title") for t in _expand(role.titles, places)]
    aliases += [Alias(t, "ar", "title") for t in member.get("titles", [])]
    en_titles, ru_titles = TITLES.get(role_code, ((), ()))
    aliases += [Alias(t, "en", "title") for t in _expand(en_titles, places)]
    aliases += [Alias(t, "ru", "title") for t in _expand(ru_titles, places)]
    if role_code.endswith("spokesperson") and parent in bodies:
        aliases += [Alias(f"{b} {s}", "en", "title") for b in bodies[parent] for s in _EN_SPOKES]
    aliases += [Alias(t, "en", "title") for t in member.get("titles_en", [])]
    aliases += [Alias(t, "ru", "title") for t in member.get("titles_ru", [])]
    # The person who chairs a body is named by «رئيس» + the body's name.
    if key in heads:
        aliases += [Alias(f"رئيس {t}", "ar", "title") for t in heads[key].get("ar", [])]
    return CatalogueActor(
        key=key,
        name=member["name"],
        kind=role.kind,
        country=member.get("country", code),
        parent=parent if parent != key else table_key,
        role=role.label.format(the(country_name)),
        role_code=role_code,
        wikidata=member.get("wikidata", ""),
        aliases=_dedupe(aliases),
    )


def _names(entry: dict) -> list[Alias]:
    out = []
    for language in ("ar", "en", "ru"):
        for text in entry.get(language, []):
            out.append(Alias(text, language, "handle" if text.startswith("@") else "name"))
    return out


def _english_and_russian_places(table: dict) -> dict[str, list[str]]:
    """What fills {A}, {E} and {R}: the English adjective; the English name and the short capital
    names (UN, CSTO), not metonyms such as «Moscow»; those Russian names in the genitive."""
    en, ru = list(table.get("en", [])), list(table.get("ru", []))
    english = en[:1] + [n for n in en[1:] if n.isupper()]
    russian = ru[:1] + [n for n in ru[1:] if n.isupper()]
    adjective = table.get("adj_en", "")
    return {
        "A": [adjective] if adjective else [],
        "E": english,
        # An abbreviation does not decline: «генсек ОДКБ».
        "R": [
            russian_case_forms(name)[1:2][0] if name.lower() != name and not name.isupper() else name
            for name in russian
        ],
    }


def _expand(templates: tuple[str, ...], places: dict[str, list[str]]) -> list[str]:
    out = []
    for template in templates:
        slot = next((s for s in ("C", "M", "F", "A", "E", "R") if "{" + s + "}" in template), None)
        if slot is None:
            out.append(template)
            continue
        before = template.split("{" + slot + "}")[0].split()
        for value in places[slot]:
            # «رئيس جمهورية» + «جمهورية كازاخستان» would say the word twice.
            if before and value.split()[0] == before[-1]:
                continue
            out.append(template.replace("{" + slot + "}", value))
    return out


def _dedupe(aliases: list[Alias]) -> tuple[Alias, ...]:
    seen: set[str] = set()
    out = []
    for alias in aliases:
        if alias.text not in seen:
            seen.add(alias.text)
            out.append(alias)
    return tuple(out)


def _check(actors: list[CatalogueActor]) -> None:
    keys = [a.key for a in actors]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise CatalogueError(f"duplicate keys: {', '.join(duplicates)}")
    known = set(keys)
    for actor in actors:
        if actor.parent and actor.parent not in known:
            raise CatalogueError(f"{actor.key}: parent {actor.parent!r} is not in the catalogue")


# Names read with "the" in a running sentence: "Foreign Minister of the United States", "Spokesperson
# for the United Nations", "President of the Commission of the European Union".
_WITH_THE = re.compile(
    r"\b(?:United|Union|Organi[sz]ation|League|Council|Republic|Nations|Kingdom|Emirates)\b"
)


def the(name: str) -> str:
    """A country's or body's name as a sentence says it after "of"."""
    return f"the {name}" if _WITH_THE.search(name) and not name.startswith("the ") else name


TIMELINE_PATH = Path(__file__).with_name("timeline.toml")


def load_timeline(path: Path = TIMELINE_PATH, known: set[str] | None = None) -> list[dict]:
    """The curated developments of the crisis; participants must be catalogue keys."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"cannot read {path}: {exc}") from None
    events = data.get("event", [])
    for event in events:
        for field_name in ("slug", "name", "start"):
            if field_name not in event:
                raise CatalogueError(f"{path}: an event lacks {field_name!r}: {event}")
        unknown = set(event.get("participants", [])) - (known if known is not None else set())
        if known is not None and unknown:
            raise CatalogueError(f"{path}: {event['slug']}: unknown participants {sorted(unknown)}")
        if event.get("topic", "") not in ("", *TOPICS):
            raise CatalogueError(f"{path}: {event['slug']}: topic must be one of {', '.join(TOPICS)}")
        words = event.get("words", {})
        if set(words) - set(LANGUAGES) or not all(
            isinstance(w, list) and all(isinstance(x, str) and x.strip() for x in w) for w in words.values()
        ):
            raise CatalogueError(
                f"{path}: {event['slug']}: words are lists of words in {', '.join(LANGUAGES)}"
            )
    return events
