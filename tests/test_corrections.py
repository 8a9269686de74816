"""Every edit is a correction: from the admin, the API or an undo, it marks the statement corrected,
records who changed what, survives re-extraction, shows on the statement page and can be undone."""

from datetime import date

import pytest
from django.forms.models import model_to_dict
from rest_framework.test import APIClient

from articles import services as ingest
from articles.models import Article
from reactions.admin import CORRECTION_MARKS
from reactions.models import Actor, Correction, Flag, Statement

pytestmark = pytest.mark.django_db


def _after_reextract(statement: Statement) -> Statement:
    ingest.reextract(Article.objects.get(pk=statement.article_id))
    return Statement.objects.get(pk=statement.pk)  # the same row: not replaced


def test_an_edit_in_the_admin_is_a_correction_that_reextraction_keeps(client, statement, analyst):
    analyst.is_superuser = True
    analyst.save()
    client.force_login(analyst)
    russia = Actor.objects.get(slug="russia")
    form = {k: v for k, v in model_to_dict(statement).items() if v is not None and k not in CORRECTION_MARKS}
    form.update(speaker=russia.pk, act="reject", said_on=statement.said_on.isoformat())
    response = client.post(f"/admin/reactions/statement/{statement.pk}/change/", form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    kept = _after_reextract(statement)
    assert (kept.speaker, kept.act, kept.corrected_by) == (russia, "reject", analyst)
    assert kept.corrected_by_human
    recorded = {(c.field, c.before_shown, c.after_shown, c.via, c.user) for c in kept.corrections.all()}
    assert recorded == {
        ("speaker", "Vyacheslav Volodin", "Russia", "admin", analyst),
        ("act", statement.act, "reject", "admin", analyst),
    }


def test_a_correction_through_the_api_is_recorded_and_reextraction_keeps_it(statement, analyst):
    api = APIClient()
    api.force_authenticate(analyst)
    response = api.patch(f"/api/statements/{statement.pk}/", {"said_on": "2022-01-06"}, format="json")
    assert response.status_code == 200
    kept = _after_reextract(statement)
    assert kept.said_on == date(2022, 1, 6)
    [correction] = kept.corrections.all()
    assert (correction.field, correction.before, correction.after, correction.via) == (
        "said_on",
        "2022-01-07",
        "2022-01-06",
        "api",
    )


def test_the_statement_page_shows_the_history_and_an_analyst_undoes_a_correction(client, statement, analyst):
    api = APIClient()
    api.force_authenticate(analyst)
    api.patch(f"/api/statements/{statement.pk}/", {"speaker": "russia"}, format="json")
    page = client.get(f"/statements/{statement.pk}/").text
    assert "speaker corrected from <bdi>Vyacheslav Volodin</bdi> to <bdi>Russia</bdi> by rania on" in page
    assert "Undo" not in page  # a reader sees the history, not the button
    client.force_login(analyst)
    correction = Correction.objects.get()
    response = client.post(f"/statements/{statement.pk}/corrections/{correction.pk}/undo")
    assert response.status_code == 302
    kept = _after_reextract(statement)
    assert kept.speaker.slug == "vyacheslav-volodin"
    assert kept.corrections.first().via == "undo"
    assert "(undoing an earlier correction)" in client.get(f"/statements/{statement.pk}/").text


def test_only_an_analyst_may_undo_it_by_a_post_with_its_token(client, statement, analyst, django_user_model):
    from reactions.services import mark_corrected

    mark_corrected(statement, analyst, act="reject")
    correction = Correction.objects.get()
    url = f"/statements/{statement.pk}/corrections/{correction.pk}/undo"
    assert client.post(url).status_code == 302  # to the sign-in page
    assert client.get(url).status_code in (302, 405)
    client.force_login(django_user_model.objects.create_user("reader", password="another-password-2"))
    assert client.post(url).status_code == 403
    csrf = type(client)(enforce_csrf_checks=True)
    csrf.force_login(analyst)
    assert csrf.post(url).status_code == 403  # no CSRF token
    assert Statement.objects.get(pk=statement.pk).act == "reject"


def test_a_correction_that_changes_nothing_records_nothing(statement, analyst):
    from reactions.services import mark_corrected

    mark_corrected(statement, analyst, act=statement.act)
    assert not Correction.objects.exists()
    assert Statement.objects.get(pk=statement.pk).corrected_by_human


def test_a_reader_reports_a_statement_without_an_account(client, statement):
    page = client.get(f"/statements/{statement.pk}/")
    assert f'href="/statements/{statement.pk}/flag"' in page.text
    form = client.get(f"/statements/{statement.pk}/flag")
    assert form.status_code == 200
    assert 'name="reason"' in form.text
    sent = client.post(f"/statements/{statement.pk}/flag", {"reason": "speaker", "note": "It was Lavrov."})
    assert sent.status_code == 302
    assert "Thank you" in client.get(sent["Location"]).text
    flag = Flag.objects.get()
    assert (flag.statement, flag.reason, flag.note) == (statement, "speaker", "It was Lavrov.")
    assert not flag.handled
    assert "127.0.0.1" not in flag.address_digest  # a digest, not the address


def test_reports_are_limited_per_address_and_say_so(client, statement, settings):
    settings.FLAGS_PER_HOUR = 3
    url = f"/statements/{statement.pk}/flag"
    for _ in range(3):
        assert client.post(url, {"reason": "day"}).status_code == 302
    refused = client.post(url, {"reason": "day"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Too many reports from your address" in refused.text
    assert client.post(url, {"reason": "day"}, REMOTE_ADDR="192.0.2.7").status_code == 302  # another reader
    assert Flag.objects.count() == 4


def test_a_report_needs_its_csrf_token_and_a_reason_it_knows(client, statement):
    strict = type(client)(enforce_csrf_checks=True)
    assert strict.post(f"/statements/{statement.pk}/flag", {"reason": "day"}).status_code == 403
    bad = client.post(f"/statements/{statement.pk}/flag", {"reason": "boring"})
    assert bad.status_code == 400
    assert "<code>reason</code>" in bad.text
    assert client.post("/statements/999999/flag", {"reason": "day"}).status_code == 404
    assert not Flag.objects.exists()
