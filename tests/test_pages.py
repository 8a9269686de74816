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


def test_the_health_check_reports_the_database_the_cache_and_the_broker(client):
    # The embedded default: an in-process cache and tasks run in-process, no Redis to check.
    assert client.get("/healthz").json() == {
        "status": "ok",
        "database": "ok",
        "cache": "not used",
        "broker": "not used",
    }


@pytest.mark.parametrize("url", ["/", "/timeline/", "/api/statements/", "/api/docs/", "/admin/login/"])
def test_every_response_carries_a_policy_without_inline_script(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.text.replace('<script id="', "")  # only files and json_script data
