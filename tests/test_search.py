"""Search as readers type it, on the development sets: names in three scripts, English names for
Arabic and Russian words, spelling variants, phrases, alternatives and exclusions.

Each query's expected statements are chosen by an oracle written here, independently of the
catalogue and of reactions/search.py: the speaker, or the words containing one of the spellings
listed below (after the normaliser). The search must find exactly those: every one the oracle
keeps (what it must return) and no other (what it must not)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from articles.extraction.normalize import normalize
from reactions.lib.query_syntax import QuerySyntaxError, parse
from reactions.models import Statement


@dataclass(frozen=True)
class Row:
    slug: str
    country: str
    language: str
    words: str  # normalised


class Oracle:
    def __init__(self, test: Callable[[Row], bool]) -> None:
        self.test = test

    def __call__(self, row: Row) -> bool:
        return self.test(row)

    def __or__(self, other: Oracle) -> Oracle:
        return Oracle(lambda r: self(r) or other(r))

    def __and__(self, other: Oracle) -> Oracle:
        return Oracle(lambda r: self(r) and other(r))

    def __invert__(self) -> Oracle:
        return Oracle(lambda r: not self(r))


def by(*slugs: str) -> Oracle:
    return Oracle(lambda r: r.slug in slugs)


def of_country(code: str) -> Oracle:
    return Oracle(lambda r: r.country == code)


def says(*spellings: str) -> Oracle:
    """The words contain one of the spellings; one of several words, all of them in this order."""
    runs = [normalize(s).split() for s in spellings]

    def test(row: Row) -> bool:
        for run in runs:
            at = 0
            for part in run:
                at = row.words.find(part, at)
                if at < 0:
                    break
                at += len(part)
            else:
                return True
        return False

    return Oracle(test)


TOKAYEV = by("kassym-jomart-tokayev") | says("tokayev", "توكاييف", "توكايف", "توقاييف", "توكاياف", "токаев")
PUTIN = by("vladimir-putin") | says("putin", "بوتين", "путин")
LAVROV = by("sergey-lavrov") | says("lavrov", "لافروف", "лавров")
NAZARBAYEV = by("nursultan-nazarbayev") | says("nazarbayev", "نزارباييف", "نزاربايف", "назарбаев")
DUJARRIC = by("stephane-dujarric") | says("dujarric", "دوجاريك", "دوغاريك", "дюжаррик")
CSTO = by("csto") | says(
    "csto",
    "collective security treaty organization",
    "معاهدة الأمن الجماعي",
    "منظمة الأمن الجماعي",
    "مجلس الأمن الجماعي",
    "одкб",
    "организаци договора о коллективной безопасности",
)
UN = by("united-nations") | says(
    "united nations",
    "الأمم المتحدة",
    "المنظمة الدولية",
    "المنظمة الأممية",
    "оон",
    "организаци объединенных наций",
)
RUSSIA = of_country("RU") | says("russia", "روسيا", "موسكو", "moscow", "росси", "москв")
TERRORISTS = says("terrorist")

# (query, oracle, the languages the expected statements must span: a name found across scripts)
TABLE: list[tuple[str, Oracle, set[str]]] = [
    # A name in three scripts and their spellings.
    ("Tokayev", TOKAYEV, {"ar", "en", "ru"}),
    ("TOKAYEV", TOKAYEV, {"ar", "en", "ru"}),
    ("توكاييف", TOKAYEV, {"ar", "en", "ru"}),
    ("توقاييف", TOKAYEV, {"ar", "en", "ru"}),
    ("توكايف", TOKAYEV, {"ar", "en", "ru"}),
    ("Токаев", TOKAYEV, {"ar", "en", "ru"}),
    ("Kassym-Jomart Tokayev", TOKAYEV, {"ar", "en", "ru"}),
    ("قاسم جومارت توكاييف", TOKAYEV, {"ar", "en", "ru"}),
    # A spelling no alias has: taken for the closest name.
    ("Tokaev", TOKAYEV, {"ar", "en", "ru"}),
    ("Токаеву", TOKAYEV, {"ar", "en", "ru"}),
    ("Putin", PUTIN, {"ar", "en", "ru"}),
    ("بوتين", PUTIN, {"ar", "en", "ru"}),
    ("Путин", PUTIN, {"ar", "en", "ru"}),
    ("Vladimir Putin", PUTIN, {"ar", "en", "ru"}),
    ("Lavrov", LAVROV, set()),
    ("لافروف", LAVROV, set()),
    ("Nazarbayev", NAZARBAYEV, set()),
    ("Dujarric", DUJARRIC, set()),
    ("دوجاريك", DUJARRIC, set()),
    # An English name finds the Arabic and Russian words for it, and the other way round.
    ("CSTO", CSTO, {"ar", "en", "ru"}),
    ("csto", CSTO, {"ar", "en", "ru"}),
    ("ОДКБ", CSTO, {"ar", "en", "ru"}),
    ("منظمة معاهدة الأمن الجماعي", CSTO, {"ar", "en", "ru"}),
    ("Collective Security Treaty Organization", CSTO, {"ar", "en", "ru"}),
    ("United Nations", UN, {"ar"}),
    ("الأمم المتحدة", UN, {"ar"}),
    ("ООН", UN, {"ar"}),
    ("Russia", RUSSIA, {"ar", "en", "ru"}),
    ("روسيا", RUSSIA, {"ar", "en", "ru"}),
    # Words: a stem, an ending, letter forms.
    ("terrorists", TERRORISTS, set()),
    ("террористов", says("террорист"), set()),
    ("peacekeepers", says("peacekeep"), set()),
    ("حفظ", says("حفظ"), set()),
    # Phrases: the words in this order.
    ('"peacekeeping topic"', says("peacekeeping topic"), set()),
    ('"حفظ السلام"', says("حفظ السلام"), set()),
    ("«قوات حفظ السلام»", says("قوات حفظ السلام"), set()),
    ('"نحن نتابع"', says("نحن نتابع"), set()),
    # Alternatives and exclusions, names and words mixed.
    ("Putin OR Lavrov", PUTIN | LAVROV, set()),
    ("Tokayev OR Nazarbayev", TOKAYEV | NAZARBAYEV, set()),
    ("Lavrov | Dujarric", LAVROV | DUJARRIC, set()),
    ("CSTO -Russia", CSTO & ~RUSSIA, set()),
    ("Tokayev -terrorists", TOKAYEV & ~TERRORISTS, set()),
    ('CSTO -"حفظ السلام"', CSTO & ~says("حفظ السلام"), set()),
    ("Putin CSTO", PUTIN & CSTO, set()),
    ("Tokayev terrorists", TOKAYEV & TERRORISTS, set()),
    # A fragment pasted with its attribution: the reporting verb is not looked for in the words.
    ('وقال دوجاريك: "نحن نتابع بقلق بالغ', DUJARRIC & says("نحن نتابع بقلق بالغ"), set()),
    ("Putin said", PUTIN, {"ar", "en", "ru"}),
    ("заявил Лавров", LAVROV, set()),
]


@pytest.fixture
def rows(development_sets) -> list[tuple[int, Row]]:
    return [
        (pk, Row(slug, country, language, words))
        for pk, slug, country, language, words in Statement.objects.values_list(
            "pk", "speaker__slug", "speaker_country", "language", "normalised"
        )
    ]


def test_search_finds_what_each_query_must_and_nothing_it_must_not(client, rows):
    assert len(TABLE) >= 40
    wrong = []
    for query, oracle, languages in TABLE:
        expected = {pk for pk, row in rows if oracle(row)}
        spans = {row.language for pk, row in rows if pk in expected}
        assert expected, f"{query!r}: the oracle keeps nothing, the row tests nothing"
        assert languages <= spans, f"{query!r}: the expected statements are not in {languages - spans}"
        found = _found(client, query)
        if found != expected:
            missed = sorted(expected - found)
            extra = sorted(found - expected)
            wrong.append(
                f"{query!r}: missed {missed[:5]} ({len(missed)}), wrongly found {extra[:5]} ({len(extra)})"
            )
    assert not wrong, "\n".join(wrong)


def test_the_api_and_the_page_find_the_same_statements_and_say_how_they_read_names(client, development_sets):
    for query in ("Tokaev", "CSTO -Russia", "Putin OR Lavrov", '"حفظ السلام"'):
        answer = client.get("/api/statements/", {"q": query, "page_size": 500}).json()
        assert {s["id"] for s in answer["results"]} == _found(client, query)
    search = client.get("/api/statements/", {"q": "Tokaev CSTO"}).json()["search"]
    assert [(n["typed"], n["speaker"], n["spelt_like"]) for n in search["names"]] == [
        ("Tokaev", "kassym-jomart-tokayev", "Tokayev"),
        ("CSTO", "csto", ""),
    ]
    assert client.get("/api/statements/").json()["search"] is None


def test_the_page_says_how_it_read_a_name_and_marks_the_words_it_matched(client, development_sets):
    page = client.get("/", {"q": "Tokaev"}).content.decode()
    assert "Tokaev (taken for «Tokayev»): statements by and about Kassym-Jomart Tokayev" in page
    assert "<mark>Tokayev</mark>" in page or "<mark>توكاييف</mark>" in page
    attributed = client.get("/", {"q": 'وقال دوجاريك: "نحن نتابع'}).content.decode()
    assert "وقال: taken as the attribution, not as the words" in attributed
    assert "<mark>نحن</mark> <mark>نتابع</mark>" in attributed


def test_a_search_that_finds_nothing_offers_the_names_spelt_closest(client, development_sets):
    page = client.get("/", {"q": "Guterez -Guterres", "act": "reject"}).content.decode()
    assert "No statement matches. Did you mean" in page
    assert 'href="?act=reject&amp;q=Guterres"' in page or 'href="?q=Guterres&amp;act=reject"' in page


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("!!! ... ،،،", "no letters or digits"),
        ("-Putin", "only excludes"),
        ("ж" * 5000, "characters long"),
        ("ж" * 100, "a word of 100 letters"),
        ("<script>alert(1)</script>" * 30, "characters long"),
        ("λόγος", "not written in Arabic, Latin or Cyrillic"),
        ("漢字", "not written in Arabic, Latin or Cyrillic"),
        (" ".join(["word"] * 21), "21 terms"),
    ],
)
def test_text_that_asks_for_nothing_is_refused_in_words(client, db, text, problem):
    with pytest.raises(QuerySyntaxError, match=problem):
        parse(text)
    # Past 500 characters the form's own limit speaks first.
    said = "at most 500 characters" if len(text) > 500 else problem
    for path in ("/", "/api/statements/"):
        response = client.get(path, {"q": text})
        assert response.status_code == 400
        assert said in response.content.decode().replace("&#x27;", "'")


def test_markup_is_searched_as_its_words_and_shown_as_text(client, development_sets):
    response = client.get("/", {"q": "<b>CSTO</b>"})
    assert response.status_code == 200
    assert "<b>CSTO</b>" not in response.content.decode()
    assert _found(client, "<b>CSTO</b>") == _found(client, "CSTO")


def _found(client, query: str, **more: str) -> set[int]:
    found: set[int] = set()
    url, params = "/api/statements/", {"q": query, "page_size": 500, **more}
    while url:
        response = client.get(url, params)
        assert response.status_code == 200, (query, response.content[:300])
        answer = response.json()
        found |= {s["id"] for s in answer["results"]}
        url, params = answer["next"], None
    return found


def test_a_search_is_read_once_per_text_and_version_of_the_data(db, loaded_catalogue):
    from reactions.data_version import statements_changed
    from reactions.models import Actor
    from reactions.search import understand

    first = understand("Tokaev CSTO")
    assert understand("Tokaev CSTO") is first
    # A new name is seen as soon as the data changes.
    tokaev = Actor.objects.create(slug="tokaev-test", name="Tokaev", kind="person")
    statements_changed()
    again = understand("Tokaev CSTO")
    assert again is not first
    assert again.described()["names"][0]["speaker"] == tokaev.slug


# ---- the whole text of the articles (`scope=articles`) -----------------------------------------
def _article_scope(client, query: str) -> set[int]:
    return _found(client, query, scope="articles")


@pytest.mark.parametrize(
    ("query", "oracle"),
    [
        # Words of the narration around the statements: in an article, rarely in anyone's words.
        ("Almaty", r"\balmaty"),
        ("fuel", r"\bfuel"),
        ("peacekeepers", r"\bpeacekeep"),
        ("протесты", r"\bпротест"),
        ("الغاز", r"(^|\s)(ال|وال|بال|لل)?غاز"),
        ('"foreign ministry"', r"\bforeign ministry"),
        ('"коллективной безопасности"', r"\bколлективной безопасности"),
    ],
)
def test_a_search_of_the_whole_articles_finds_the_statements_of_every_article_holding_the_words(
    client, development_sets, query, oracle
):
    from articles.models import Article

    holding = {pk for pk, text in Article.objects.values_list("pk", "normalised") if re.search(oracle, text)}
    expected = set(Statement.objects.filter(article__in=holding).values_list("pk", flat=True))
    in_words = _found(client, query)
    assert expected, f"{query!r}: no development article holds it; the row tests nothing"
    assert _article_scope(client, query) == expected
    assert in_words < expected  # the words alone find fewer: the scope is what finds the rest


def test_a_name_in_the_whole_articles_finds_what_its_actor_said_and_every_article_naming_it(
    client, development_sets
):
    found = _article_scope(client, "Tokayev")
    by_him = set(Statement.objects.filter(speaker__slug="kassym-jomart-tokayev").values_list("pk", flat=True))
    assert by_him <= found
    assert len(found) > len(_found(client, "Tokayev"))
    # An exclusion leaves out every statement of an article naming the word.
    without = _article_scope(client, "Tokayev -Almaty")
    assert without < found
    assert not without & _article_scope(client, "Almaty")


def test_the_page_shows_where_the_article_matched_and_keeps_the_scope(client, development_sets):
    page = client.get("/", {"q": "Almaty", "scope": "articles"}).content.decode()
    assert 'value="articles" checked' in page
    assert "Found in its article: " in page
    assert re.search(r"<mark>Almaty</mark>", page)
    answer = client.get("/api/statements/", {"q": "Almaty", "scope": "articles"}).json()
    assert answer["search"]["scope"] == "articles"
    assert client.get("/api/statements/", {"q": "x", "scope": "everywhere"}).status_code == 400


@pytest.mark.parametrize(
    ("typed", "spelt"),
    [
        ("peacekeepres", "peacekeepers"),
        ("الاستفرار", "الاستقرار"),
        ("миротворци", "миротворцы"),
    ],
)
def test_a_search_that_finds_nothing_offers_the_word_spelt_closest_in_the_statements(
    client, development_sets, typed, spelt
):
    from reactions.search import spellings

    assert not Statement.objects.filter(normalised__contains=normalize(typed)).exists()
    assert Statement.objects.filter(normalised__contains=normalize(spelt)).exists()
    assert spellings(normalize(typed))[0] == normalize(spelt)
    page = client.get("/", {"q": f"{typed} -Guterres", "language": "ar"}).content.decode()
    assert "No statement matches. Did you mean" in page
    assert f"«{normalize(spelt)}» is in the statements" in page


def test_a_word_spelt_like_nothing_stored_is_offered_nothing(client, development_sets):
    from reactions.search import spellings

    assert spellings("qqqqzzzzxxxx") == []
    page = client.get("/", {"q": "qqqqzzzzxxxx"}).content.decode()
    assert "No statement matches" in page
    assert "Did you mean" not in page
