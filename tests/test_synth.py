"""`manage.py synth`: deterministic synthetic data at the shape of real coverage, bulk-loaded."""

from collections import Counter
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from articles import services
from articles.models import Article, Source
from articles.reading import ManifestEntry
from reactions.lib import synthetic
from reactions.models import UNDATED, Actor, DayTally, Statement, matched_columns


def test_the_same_arguments_give_the_same_data():
    counts = synthetic.Counts(statements=300, articles=40, actors=25)
    first = [(a.text, a.statements) for a in synthetic.articles(counts, seed=7)]
    assert first == [(a.text, a.statements) for a in synthetic.articles(counts, seed=7)]
    assert first != [(a.text, a.statements) for a in synthetic.articles(counts, seed=8)]
    assert synthetic.actors(counts, 7) == synthetic.actors(counts, 7)


def test_every_statement_is_an_exact_span_of_its_article_and_the_total_is_exact():
    counts = synthetic.Counts(statements=1000, articles=130, actors=50)
    made = list(synthetic.articles(counts, seed=1))
    assert len(made) == 130
    assert sum(len(a.statements) for a in made) == 1000
    for article in made:
        assert article.statements, "every article holds a statement"
        for s in article.statements:
            assert article.text[s.start : s.end] == s.content


def test_speakers_have_a_long_tail_and_names_in_three_languages():
    counts = synthetic.Counts(statements=5000, articles=800, actors=200)
    speakers = [s.speaker for a in synthetic.articles(counts, seed=3) for s in a.statements]
    top = speakers.count(0)
    assert top > 10 * max(speakers.count(150), 1)  # rank 1 speaks far more than rank 151
    actor = synthetic.actors(counts, 3)[0]
    assert {language for _, language in actor.aliases} == {"ar", "en", "ru"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"statements": -1}, "must not be negative"),
        ({"statements": 10**9}, "more than these benchmarks need"),
        ({"statements": 10, "articles": 0}, "statements need articles"),
        ({"statements": 10, "articles": 20}, "cannot exceed"),
        ({"statements": 10, "actors": 0}, "statements need speakers"),
        ({"statements": 10, "actors": -5}, "must not be negative"),
    ],
)
def test_counts_that_make_no_data_set_are_refused_in_one_line(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("synth", **arguments)


@pytest.mark.django_db(transaction=True)
def test_it_loads_the_data_with_exact_spans_and_searchable_words(loaded_catalogue, client):
    call_command("synth", statements=2000, articles=300, actors=40, seed=5)
    assert Statement.objects.count() == 2000
    assert Article.objects.count() == 300
    assert Actor.objects.filter(slug__startswith="synth-").count() == 40
    assert set(Source.objects.values_list("synthetic", flat=True)) == {True}
    for s in Statement.objects.select_related("article").order_by("?")[:50]:
        assert s.span_errors() == []
        assert s.word_runs == matched_columns(s.content)["word_runs"]  # what the quote check finds
    assert Statement.objects.exclude(word_runs="").count() > 1000
    # The indexes dropped for the load are back, and the pages read the data.
    word = Statement.objects.first().content.split()[-1]
    assert client.get("/", {"q": word}).context["total"] >= 1
    assert client.get("/api/statements/facets/").json()["act"]
    # The database tallied what the load wrote (COPY on PostgreSQL), as it tallies any write.
    keys = ("said_on", "speaker_country", "speaker_kind", "topic", "act", "language")
    counted = Counter(
        (day or UNDATED, *rest) for day, *rest in Statement.objects.values_list(*keys).iterator()
    )
    tallied = {
        tuple(row[:-1]): row[-1]
        for row in DayTally.objects.filter(statements__gt=0).values_list(*keys, "statements")
    }
    assert tallied == dict(counted)


@pytest.mark.django_db
def test_it_refuses_a_database_with_ingested_articles_unless_forced(loaded_catalogue):
    services.store("عنوان\nوقال بوتين إن الوضع مستقر.\n", ManifestEntry(file="a.txt", source="Real Outlet"))
    with pytest.raises(CommandError, match="holds 1 ingested articles"):
        call_command("synth", statements=10, actors=3)
    call_command("synth", statements=10, actors=3, force=True)
    assert Statement.objects.count() == 11


@pytest.mark.django_db
def test_cached_counts_follow_the_data(client, loaded_catalogue):
    entry = ManifestEntry(file="a.txt", source="Outlet", published=date(2022, 1, 6))
    assert client.get("/").context["total"] == 0
    services.store("عنوان\nوقال بوتين إن الوضع مستقر.\n", entry)
    assert client.get("/").context["total"] == 1
    assert client.get("/api/statements/facets/").json()["act"][0]["count"] == 1
