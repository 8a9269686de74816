"""The names the filters read (reactions/names.py) and the filters' own copies (reactions/filters.py)."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from reactions.filters import StatementFilter, actors_named
from reactions.models import Actor, ActorAlias, Statement

from .test_explorer_pages import ARTICLE_B

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(store_with_article_a):
    store_with_article_a(ARTICLE_B)


def test_a_speaker_is_named_by_id_slug_name_or_alias_in_any_spelling(data):
    lavrov = Actor.objects.get(slug="sergey-lavrov")
    alias = lavrov.aliases.filter(language="ar").first().text
    with_harakat = "\u064e".join(alias)  # a fatha after every letter: the normaliser drops them
    for value in (str(lavrov.pk), "sergey-lavrov", lavrov.name.upper(), alias, with_harakat):
        assert (lavrov.pk, "sergey-lavrov") in actors_named([value])[value], value
    assert actors_named(["nobody-at-all"]) == {"nobody-at-all": []}


def test_names_are_read_once_per_version_of_the_data(client, data):
    client.get("/api/statements/?speaker=sergey-lavrov")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/statements/?speaker=kassym-jomart-tokayev&source=Outlet%20A")
    assert response.status_code == 200
    read = [q["sql"] for q in queries if "reactions_actor" in q["sql"] or "articles_source" in q["sql"]]
    # The page's statements name their speaker and outlet (a join); no query reads a name to filter.
    assert all('"reactions_statement"' in sql for sql in read), read


def test_a_speaker_added_after_the_names_were_read_is_found_at_once(client, data):
    assert client.get("/api/statements/?speaker=sergey-lavrov").status_code == 200
    newcomer = Actor.objects.create(slug="a-newcomer", name="A Newcomer", kind="person", country="ZZ")
    ActorAlias.objects.create(actor=newcomer, text="وافد جديد", language="ar", normalised="وافد جديد")
    Statement.objects.filter(speaker__slug="sergey-lavrov").update(speaker=newcomer)
    for value in ("a-newcomer", "a newcomer", "وافد جديد"):
        response = client.get("/api/statements/", {"speaker": value})
        assert response.status_code == 200, (value, response.json())
        assert {item["speaker_slug"] for item in response.json()["results"]} == {"a-newcomer"}
    assert client.get("/api/statements/?country=zz").status_code == 200


def test_a_renamed_outlet_is_known_by_its_new_name_only(client, data):
    from articles.models import Source

    outlet = Source.objects.get(name="Outlet A")
    outlet.name = "Outlet Renamed"
    outlet.save()
    assert client.get("/api/statements/?source=outlet%20renamed").status_code == 200
    refused = client.get("/api/statements/?source=Outlet%20A")
    assert refused.status_code == 400
    assert "«Outlet A»" in refused.json()["error"]["fields"]["source"][0]


def test_two_filter_sets_alive_at_once_each_keep_their_own_filters(data):
    # The filters are copied, not deep-copied, for each set (and the form class is shared): one
    # set's values, parent or bound method must never reach another's.
    tokayev = StatementFilter(QueryDict("speaker=kassym-jomart-tokayev"), Statement.objects.all())
    lavrov = StatementFilter(QueryDict("speaker=sergey-lavrov&act=appeal"), Statement.objects.all())
    bad = StatementFilter(QueryDict("act=shout"), Statement.objects.all())
    assert not bad.is_valid()
    assert "act" in bad.errors
    assert tokayev.is_valid()
    assert lavrov.is_valid()
    said = [(s.speaker.slug, s.act) for s in lavrov.qs]
    assert said
    assert set(said) == {("sergey-lavrov", "appeal")}
    assert {s.speaker.slug for s in tokayev.qs} == {"kassym-jomart-tokayev"}
    assert lavrov.filters["speaker"].parent is lavrov
    assert tokayev.filters["speaker"].parent is tokayev
    assert lavrov.form.fields["act"] is tokayev.form.fields["act"]  # shared, and read only
    assert "act" not in tokayev.form.errors


def test_one_worker_reads_the_names_and_the_others_load_them(data, monkeypatch):
    from reactions import names

    first = names.known_names()
    monkeypatch.setattr(names, "_loaded", None)  # another worker, which has read nothing yet
    monkeypatch.setattr(names, "_read", lambda: pytest.fail("read again instead of loaded from the cache"))
    loaded = names.known_names()
    assert loaded == first
    assert loaded is not first  # from the cache, not this process's copy
