"""Each article's language: from its manifest or page, else detected; one the pipeline does not
read is stored and said so, never guessed at."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from articles import services
from articles.extraction.language import detect, not_read
from articles.models import Article
from articles.reading import ManifestEntry, ReadError, read_manifest


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Peskov said on Friday that the troops would leave Kazakhstan soon.", "en"),
        ("Песков заявил в пятницу, что войска скоро покинут Казахстан.", "ru"),
        ("وقال بيسكوف إن القوات ستغادر كازاخستان قريبا.", "ar"),
        ("Le porte-parole a déclaré vendredi que les troupes quitteraient le Kazakhstan.", "fr"),
        ("Қазақстан Республикасының Президенті бүгін мәлімдеме жасады.", "kk"),
        ("رئیس جمهور گفت که وضعیت پایدار است و ما پیگیری می‌کنیم.", "fa"),
        ("2022 — 123 ...", ""),
    ],
)
def test_the_language_is_detected_from_the_text(text, language):
    assert detect(text) == language


def test_only_arabic_english_and_russian_are_read():
    assert [not_read(code) for code in ("ar", "en", "ru")] == [None, None, None]
    assert not_read("fr") == "not extracted: language fr"
    assert not_read("") == "not extracted: language unknown"


@pytest.mark.django_db
def test_an_article_in_a_language_not_read_is_stored_and_marked(loaded_catalogue, client):
    french = "Titre\n\nLe porte-parole du Kremlin a déclaré que les troupes quitteraient le Kazakhstan."
    result = services.store(
        french, ManifestEntry(file="fr.txt", source="Le Monde", published=date(2022, 1, 8))
    )
    article = Article.objects.get(pk=result.article_id)
    assert (article.language, article.status, article.error) == (
        "fr",
        "skipped",
        "not extracted: language fr",
    )
    assert article.statements.count() == 0
    # Re-extraction leaves it as it is; its page says why it holds no statements.
    assert services.reextract(article) == 0
    page = client.get(f"/articles/{article.pk}/").text
    assert "language fr" in page
    assert "not extracted: language fr" in page


@pytest.mark.django_db
def test_an_article_without_a_language_is_read_in_the_one_detected(loaded_catalogue):
    english = "Title\n\nPeskov said that the troops would leave Kazakhstan soon."
    result = services.store(english, ManifestEntry(file="en.txt", source="Wire"))
    article = Article.objects.get(pk=result.article_id)
    assert (article.language, article.status) == ("en", "extracted")
    assert [s.speaker.slug for s in article.statements.all()] == ["dmitry-peskov"]


def test_a_manifest_takes_any_two_letter_language_and_refuses_anything_else(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"articles": [{"file": "a.txt", "language": "FR"}, {"file": "b.txt"}]}))
    entries = read_manifest(manifest)
    assert (entries["a.txt"].language, entries["b.txt"].language) == ("fr", "")
    manifest.write_text(json.dumps({"articles": [{"file": "a.txt", "language": "french"}]}))
    with pytest.raises(ReadError, match="not a two-letter code"):
        read_manifest(manifest)


@pytest.mark.django_db
def test_extract_says_why_an_article_is_not_extracted(loaded_catalogue, tmp_path, capsys):
    (tmp_path / "fr.txt").write_text("Titre\n\nLe ministre a déclaré que la situation était calme.")
    (tmp_path / "en.txt").write_text("Title\n\nLavrov said that the situation was calm.")
    call_command("extract", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"), "--format", "json")
    captured = capsys.readouterr()
    printed = {a["file"]: a for a in json.loads(captured.out)["articles"]}
    assert printed["fr.txt"]["error"] == "not extracted: language fr"
    assert printed["en.txt"]["language"] == "en"
    assert [s["speaker"] for s in printed["en.txt"]["statements"]] == ["Sergey Lavrov"]
    assert "skipped: not extracted: language fr" in captured.err


THREE = {
    "ar": "عنوان\n\nوقال لافروف إن موسكو تتابع الوضع في كازاخستان.",
    "en": "Title\n\nPeskov said that the peacekeepers would leave Kazakhstan soon.",
    "ru": "Заголовок\n\nЛавров заявил, что Организация Объединённых Наций следит за ситуацией.",
}


@pytest.fixture
def three_languages(loaded_catalogue):
    for language, text in THREE.items():
        services.store(
            text,
            ManifestEntry(file=f"{language}.txt", source=f"Outlet {language}", published=date(2022, 1, 8)),
        )


@pytest.mark.django_db
def test_the_page_and_the_api_show_each_statement_in_its_own_language(client, three_languages):
    api = client.get("/api/statements/").json()
    by_language = {s["language"]: s for s in api["results"]}
    assert sorted(by_language) == ["ar", "en", "ru"]
    assert by_language["en"]["speaker"] == "Dmitry Peskov"
    assert by_language["ru"]["speaker"] == "Sergey Lavrov"
    page = client.get("/").text
    for language, statement in by_language.items():
        assert f'lang="{language}"' in page
        assert statement["content"] in page


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Объединённых", "объединенных", "ОБЪЕДИНЕННЫХ"])
def test_russian_words_are_found_whatever_their_case_and_yo(client, three_languages, typed):
    found = client.get("/api/statements/", {"q": typed}).json()["results"]
    assert [s["language"] for s in found] == ["ru"]


@pytest.mark.django_db
def test_the_language_filters_and_is_counted_like_every_facet(client, three_languages):
    api = client.get("/api/statements/", {"language": "en"}).json()["results"]
    assert [s["speaker"] for s in api] == ["Dmitry Peskov"]
    assert client.get("/api/statements/", {"language": "xx"}).status_code == 400
    facets = client.get("/api/statements/facets/").json()
    assert {row["value"]: row["count"] for row in facets["language"]} == {"ar": 1, "en": 1, "ru": 1}
    # Chosen, a language keeps its alternatives counted, and the page lists its statements only.
    chosen = client.get("/api/statements/facets/", {"language": "ru"}).json()["language"]
    assert (chosen[0]["value"], chosen[0]["selected"]) == ("ru", True)
    assert len(chosen) == 3
    page = client.get("/", {"language": "ru"}).text
    assert "Организация Объединённых Наций" in page
    assert "peacekeepers would leave" not in page


@pytest.mark.django_db
def test_exports_carry_each_statement_s_language(client, three_languages):
    body = json.loads(b"".join(client.get("/statements.json").streaming_content))
    assert sorted(row["language"] for row in body["statements"]) == ["ar", "en", "ru"]
    header = b"".join(client.get("/statements.csv").streaming_content).decode("utf-8-sig").splitlines()[0]
    assert "language" in header.split(",")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("peacekeeper", "en"),
        ("Peacekeepers", "en"),
        ("следят", "ru"),
        ("войска", None),
        ("ситуации", "ru"),
        ("ситуация", "ru"),
    ],
)
def test_english_and_russian_words_are_found_by_their_stem(client, three_languages, typed, language):
    found = client.get("/api/statements/", {"q": typed}).json()["results"]
    assert [s["language"] for s in found] == ([language] if language else [])
