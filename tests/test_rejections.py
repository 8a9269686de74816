"""Rejecting a statement ("not a statement"): gone from every public list, export and count, never
made again by re-extraction, undoable from its history; the rows that move with an actor move it too."""

import json

import pytest
from rest_framework.test import APIClient

from articles import services as ingest
from articles.models import Article
from reactions import services
from reactions.catalogue.store import merge_actors
from reactions.models import Actor, Correction, DayTally, Flag, Statement

pytestmark = pytest.mark.django_db


def _public_ids(client) -> dict[str, set[int]]:
    """The statement ids each public surface shows."""
    api = client.get("/api/statements/").json()["results"]
    exported = json.loads(b"".join(client.get("/statements.json").streaming_content))
    return {"api": {s["id"] for s in api}, "json export": {s["id"] for s in exported["statements"]}}


def _tallied() -> int:
    return sum(DayTally.objects.values_list("statements", flat=True))


def test_a_rejected_statement_is_in_no_list_export_or_count(client, statement, analyst):
    assert statement.pk in _public_ids(client)["api"]
    assert f'id="s{statement.pk}"' in client.get(f"/articles/{statement.article_id}/").text
    Flag.objects.create(statement=statement, reason="not_a_statement", address_digest="x")
    services.reject(statement, analyst)
    for surface, ids in _public_ids(client).items():
        assert statement.pk not in ids, surface
    assert statement.content[:30] not in b"".join(client.get("/statements.csv").streaming_content).decode()
    assert statement.content[:30] not in client.get("/").text
    assert f'id="s{statement.pk}"' not in client.get(f"/articles/{statement.article_id}/").text
    assert client.get(f"/api/statements/{statement.pk}/").status_code == 404
    assert _tallied() == Statement.objects.count()  # the tally let it go with the same write
    acts = client.get("/api/statements/facets/").json()["act"]
    assert sum(a["count"] for a in acts) == Statement.objects.count()
    gone = client.get(f"/statements/{statement.pk}/")
    assert gone.status_code == 410
    assert "Not a statement" in gone.text
    assert not Flag.objects.filter(handled=False).exists()  # the reader's report is answered


def test_a_rejected_statement_stays_gone_after_reextraction(statement, analyst):
    services.reject(statement, analyst)
    ingest.reextract(Article.objects.get(pk=statement.article_id))
    assert not Statement.objects.filter(content=statement.content).exists()
    kept = Statement.all_objects.get(pk=statement.pk)
    assert kept.rejected
    assert Statement.all_objects.filter(article=statement.article_id, start=statement.start).count() == 1


def test_an_analyst_sees_the_rejection_and_undoes_it(client, statement, analyst):
    services.reject(statement, analyst)
    client.force_login(analyst)
    page = client.get(f"/statements/{statement.pk}/")
    assert page.status_code == 200
    assert "Rejected as not a statement" in page.text
    assert "rejected as not a statement by rania" in page.text
    rejection = Correction.objects.get(field="rejected")
    assert client.post(f"/statements/{statement.pk}/corrections/{rejection.pk}/undo").status_code == 302
    client.logout()
    assert statement.pk in _public_ids(client)["api"]
    assert _tallied() == Statement.objects.count()
    assert client.get(f"/statements/{statement.pk}/").status_code == 200
    assert "restored (a rejection taken back)" in client.get(f"/statements/{statement.pk}/").text


def test_an_analyst_rejects_through_the_api(statement, analyst):
    api = APIClient()
    api.force_authenticate(analyst)
    response = api.patch(f"/api/statements/{statement.pk}/", {"rejected": True}, format="json")
    assert response.status_code == 204
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert Correction.objects.get().via == "api"
    assert api.patch(f"/api/statements/{statement.pk}/", {"act": "reject"}, format="json").status_code == 404


def test_a_rejected_statement_moves_with_its_speaker(statement, analyst):
    provisional = Actor.objects.create(slug="someone", name="Someone", kind="person", provisional=True)
    Statement.objects.filter(pk=statement.pk).update(speaker=provisional)
    services.reject(Statement.objects.get(pk=statement.pk), analyst)
    volodin = Actor.objects.get(slug="vyacheslav-volodin")
    merge_actors(volodin, [provisional])  # would fail on PROTECT if the rejected row stayed behind
    assert Statement.all_objects.get(pk=statement.pk).speaker == volodin
    volodin.country = "XX"
    volodin.save()
    assert Statement.all_objects.get(pk=statement.pk).speaker_country == "XX"


def test_rejecting_a_first_report_hands_its_group_to_the_next(said, analyst):
    words = "We will not interfere in the affairs of Kazakhstan, the minister said."
    first = said("sergey-lavrov", "statement", "protests", 6, words=words)
    second = said("sergey-lavrov", "statement", "protests", 6, words=words)
    third = said("sergey-lavrov", "statement", "protests", 7, words=words)
    Statement.objects.filter(pk__in=[second.pk, third.pk]).update(first_report=first.pk)
    services.reject(first, analyst)
    assert Statement.objects.get(pk=second.pk).first_report_id is None
    assert Statement.objects.get(pk=third.pk).first_report_id == second.pk
