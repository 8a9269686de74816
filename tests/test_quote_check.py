"""Check a quote: pasted words find the statements they are, closest first, with the claim's first
report and every outlet that carried it; the page and `POST /api/check/` give the same list."""

from __future__ import annotations

import re

import pytest

from articles.extraction.normalize import claim_words, passage_runs
from reactions.models import Statement, matched_columns
from reactions.quote_check import MAX_CHARS, check


def _api(client, text: str):
    return client.post("/api/check/", {"text": text}, content_type="application/json")


def _statement(**lookup) -> Statement:
    return Statement.objects.select_related("speaker").get(**lookup)


def test_a_fragment_pasted_with_its_attribution_finds_the_statement_and_its_speaker(client, development_sets):
    dujarric = _statement(speaker__slug="stephane-dujarric", normalised__contains="نحن نتابع بقلق")
    matches = _api(client, 'وقال دوجاريك: "نحن نتابع بقلق بالغ الموقف في كازاخستان').json()["matches"]
    assert matches[0]["statement"]["id"] == dujarric.pk
    assert matches[0]["names_speaker"] is True
    assert matches[0]["score"] == 1.0  # «وقال» is the attribution, not the words
    assert matches[0]["earliest"]["outlet"]
    assert matches[0]["earliest"]["article"].endswith(f"#s{matches[0]['earliest']['id']}")


@pytest.mark.parametrize(
    ("speaker", "words"),
    [
        ("kassym-jomart-tokayev", "главной целью террористов был подрыв конституционного строя"),
        ("erbol-sultanbaev", "Kyrgyz peacekeepers will guard strategic facilities"),
    ],
)
def test_a_fragment_in_russian_or_english_finds_its_statement_first(client, development_sets, speaker, words):
    matches = _api(client, words).json()["matches"]
    assert matches[0]["statement"]["speaker_slug"] == speaker
    assert words.lower()[:20] in matches[0]["statement"]["content"].lower()
    # The statement is given as the statements list gives it: the same item, field for field.
    listed = client.get("/api/statements/", {"speaker": speaker, "page_size": 100}).json()["results"]
    assert matches[0]["statement"] in listed


def test_a_passage_holding_two_statements_finds_both(client, development_sets):
    one = _statement(
        speaker__slug="erbol-sultanbaev", content="Kyrgyz peacekeepers will guard strategic facilities"
    )
    other = Statement.objects.filter(
        speaker__slug="alexander-lukashenko", normalised__contains="peacekeep"
    ).first()
    passage = f"Reports from Bishkek and Minsk. {one.content}. Meanwhile Lukashenko said: {other.content}"
    found = [m["statement"]["id"] for m in _api(client, passage).json()["matches"]]
    assert one.pk in found
    assert other.pk in found


def test_the_claim_of_two_outlets_is_shown_with_both_and_the_first_of_them(client, development_sets):
    appeal = Statement.objects.filter(
        speaker__slug="kassym-jomart-tokayev", normalised__contains="المساعده", first_report__isnull=False
    ).first()
    assert appeal is not None
    match = _api(client, appeal.content).json()["matches"][0]
    outlets = {r["outlet"] for r in match["reports"]}
    assert len(outlets) >= 2
    assert match["earliest"]["id"] == match["reports"][0]["id"]
    published = [r["published"] for r in match["reports"] if r["published"]]
    assert published == sorted(published)


def test_the_page_lists_what_the_api_lists_and_marks_the_shared_words(client, development_sets):
    text = "Kyrgyz peacekeepers will guard strategic facilities"
    page = client.post("/check/", {"text": text}).content.decode()
    ids = [int(i) for i in re.findall(r'<article class="card statement" id="s(\d+)"', page)]
    matches = _api(client, text).json()["matches"]
    assert ids == [m["statement"]["id"] for m in matches]
    assert "<mark>peacekeepers</mark>" in page
    earliest = matches[0]["earliest"]
    assert "First reported by" in page
    assert earliest["outlet"] in page
    assert f'#s{earliest["id"]}">the words in its article</a>' in page
    assert 'name="csrfmiddlewaretoken"' in client.get("/check/").content.decode()


def test_words_no_statement_holds_say_so(client, development_sets):
    assert _api(client, "the weather in Reykjavik was mild and sunny all week").json()["matches"] == []
    assert (
        "No stored statement holds these words"
        in client.post("/check/", {"text": "mild sunny Reykjavik"}).text
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "Paste the words"),
        ("   \n ", "Paste the words"),
        ("ж" * (MAX_CHARS + 1), "characters long"),
        ("ж" * MAX_CHARS, "no words that carry a claim"),
        ("!!! ... ،،، ???", "no Arabic, Latin or Cyrillic letters"),
        ("λόγος και πράξη", "no Arabic, Latin or Cyrillic letters"),
        ("<b>of the</b> <i>and</i>", "no words that carry a claim"),
    ],
)
def test_text_that_cannot_be_checked_is_refused_in_words(client, db, text, problem):
    answer = _api(client, text)
    assert answer.status_code == 400
    assert problem in answer.content.decode()
    page = client.post("/check/", {"text": text})
    assert page.status_code == 400
    assert problem in page.content.decode()


def test_on_postgresql_a_passage_is_looked_up_by_its_rarest_words_that_occur(development_sets):
    from django.db import connection

    from reactions.quote_check import _rarest_present

    if connection.vendor != "postgresql":
        pytest.skip("the database's statistics of the stored word vector are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reactions_statement")
    common, rare, absent = "كازاخستان", "الدستوري", "قزقزقزقز"
    held = {w: Statement.objects.filter(normalised__contains=w).count() for w in (common, rare, absent)}
    assert held[common] > 10 * held[rare] > 0
    assert held[absent] == 0
    # Longest first would put the common word before the rare one; the statistics do not.
    assert _rarest_present([common, absent, rare]) == [rare, common]


def _on_postgresql() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the runs' and the stems' indexes are PostgreSQL's")


def test_a_passage_of_statements_is_found_by_their_runs_of_words_alone(development_sets):
    """The statements a passage quotes are found by three of their words in a row: the lookup by the
    rarest words, which reads every statement holding two of them, is not asked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _on_postgresql()
    # Every writer of the words stored their runs (here, the ingest).
    for s in Statement.all_objects.only("content", "word_runs"):
        assert s.word_runs == matched_columns(s.content)["word_runs"]
    quoted = [
        _statement(speaker__slug="erbol-sultanbaev", content__startswith="Kyrgyz peacekeepers will guard"),
        _statement(speaker__slug="stephane-dujarric", normalised__contains="نحن نتابع بقلق"),
    ]
    with CaptureQueriesContext(connection) as queries:
        found = [m.statement["id"] for m in check(" ".join(s.content for s in quoted))]
    assert {s.pk for s in quoted} <= set(found)
    assert not [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]


def test_a_reworded_statement_is_found_by_its_rarest_words(development_sets):
    """Words with no three of them in a row as stored (reordered, as an outlet's indirect report
    does) are left to the lookup by their rarest words, and still find the statement."""
    _on_postgresql()
    statement = _statement(speaker__slug="kassym-jomart-tokayev", normalised__contains="подрыв конституц")
    words = claim_words(statement.normalised)
    assert len(words) >= 6
    reworded = " ".join(reversed(words))
    assert not set(passage_runs(words[::-1])) & set(statement.word_runs.split())
    best = check(reworded)[0]
    assert (best.statement["id"], best.score) == (statement.pk, 1.0)
