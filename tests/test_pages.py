import pytest

from articles import services
from articles.reading import ManifestEntry

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_statements_with_their_speaker(client, loaded_catalogue):
    services.store('وقال بوتين إن "الوضع مستقر".', ManifestEntry(file="a.txt", source="Outlet"))
    response = client.get("/")
    assert response.status_code == 200
    assert "Vladimir Putin" in response.text
    assert "الوضع مستقر" in response.text
    assert 'lang="ar"' in response.text


def test_the_home_page_says_what_to_do_when_there_is_nothing_yet(client):
    assert "No statements yet" in client.get("/").text


def test_the_health_check_reports_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok"}
