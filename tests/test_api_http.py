"""The API over HTTP: conditional GET (ETag, Last-Modified), CORS, and a schemathesis run of the
read endpoints against the OpenAPI schema."""

from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from rest_framework.test import APIClient
from schemathesis.checks import positive_data_acceptance

from articles import services
from articles.reading import ManifestEntry
from tests.conftest import ARTICLE_A

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_an_unchanged_list_answers_304_to_its_etag_until_something_is_written(api, loaded_catalogue):
    first = api.get("/api/statements/")
    tag, modified = first["ETag"], first["Last-Modified"]
    assert api.get("/api/statements/", HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert api.get("/api/statements/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # Another address or another format is another resource.
    assert api.get("/api/statements/?act=appeal", HTTP_IF_NONE_MATCH=tag).status_code == 200
    assert api.get("/api/statements/?format=csv", HTTP_IF_NONE_MATCH=tag).status_code == 200
    services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="Outlet", published=date(2022, 1, 6)))
    fresh = api.get("/api/statements/", HTTP_IF_NONE_MATCH=tag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != tag
    assert len(fresh.json()["results"]) == 2


def test_a_weak_tag_matches_and_any_tag_matches_only_what_exists(api, loaded_catalogue):
    tag = api.get("/api/actors/sergey-lavrov/")["ETag"]
    assert api.get("/api/actors/sergey-lavrov/", HTTP_IF_NONE_MATCH=f"W/{tag}").status_code == 304
    assert api.get("/api/actors/sergey-lavrov/", HTTP_IF_NONE_MATCH=f'"other", W/{tag}').status_code == 304
    assert api.get("/api/actors/sergey-lavrov/", HTTP_IF_NONE_MATCH="*").status_code == 304
    # «*» means "if it exists": a statement that does not is a 404, not "not modified".
    assert api.get("/api/statements/999999/", HTTP_IF_NONE_MATCH="*").status_code == 404
    assert api.get("/api/actors/nobody/", HTTP_IF_NONE_MATCH="*").status_code == 404


def test_details_carry_an_etag_and_errors_and_ingest_jobs_do_not(api, loaded_catalogue, django_user_model):
    services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="Outlet", published=date(2022, 1, 6)))
    assert "ETag" in api.get("/api/actors/sergey-lavrov/")
    assert "ETag" not in api.get("/api/statements/?act=shout")  # a 400
    api.force_authenticate(django_user_model.objects.create_user("a", is_staff=True))
    job = api.post("/api/ingest/", {"articles": [{"text": ARTICLE_A, "source": "Outlet"}]}, format="json")
    assert "ETag" not in api.get(f"/api/ingest/{job.json()['id']}/")


def test_cors_lets_configured_origins_read_the_api_but_not_ingest(api, settings, loaded_catalogue):
    settings.CORS_ALLOWED_ORIGINS = ["https://dashboard.example.org"]
    read = api.get("/api/statements/", HTTP_ORIGIN="https://dashboard.example.org")
    assert read["Access-Control-Allow-Origin"] == "https://dashboard.example.org"
    assert "ETag" in read["Access-Control-Expose-Headers"]
    other = api.get("/api/statements/", HTTP_ORIGIN="https://elsewhere.example.org")
    assert "Access-Control-Allow-Origin" not in other
    ingest = api.options("/api/ingest/", HTTP_ORIGIN="https://dashboard.example.org")
    assert "Access-Control-Allow-Origin" not in ingest


@pytest.fixture
def schema(db):
    from django.core import signals
    from django.db import close_old_connections

    from reactions.wsgi import application

    # As Django's test client does: a request must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application).include(method="GET")
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_the_read_api_never_answers_500_and_keeps_to_its_schema(schema, store_articles, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    """Every GET operation of /api/schema/, with examples drawn from the schema (bounded)."""
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @examples(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case):
            # Any string is a schema-valid cursor, but only cursors (and positions) the API wrote are
            # accepted (400).
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()


@pytest.fixture
def store_articles(loaded_catalogue):
    services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="Outlet", published=date(2022, 1, 6)))


def test_errors_are_json_whatever_format_was_asked_for(api, loaded_catalogue):
    bad = api.get("/api/statements/", {"format": "csv", "act": "shout"})
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/json"
    assert bad.json()["error"]["fields"] == {
        "act": ["Select a valid choice. shout is not one of the available choices."]
    }
    assert api.get("/api/statements/1/", {"format": "csv"}).status_code == 404
