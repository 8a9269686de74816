"""Anonymous reads answered from the cache until the data changes (reactions/response_cache.py)."""

from datetime import date

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from articles import services
from articles.reading import ManifestEntry
from reactions import response_cache
from reactions.models import Statement
from reactions.pages import statements

ARTICLE_B = "عنوان ب\nوأكد بيتر ستانو، الاثنين، أن قوات حفظ السلام يجب أن تنسحب قريبا.\n"
ARTICLE_C = "عنوان ج\nوقال وزير الخارجية الروسي سيرغي لافروف إن الوضع في كازاخستان مستقر.\n"


@pytest.fixture
def data(store_with_article_a):
    store_with_article_a(ARTICLE_B)


def answer_twice(client, url: str, **headers):
    first = client.get(url, **headers)
    with CaptureQueriesContext(connection) as captured:
        second = client.get(url, **headers)
    return first, second, len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/statements/?act=appeal",
        "/api/statements/facets/?topic=protests",
        "/api/actors/?search=lavrov",
        "/api/sources/",
        "/api/events/",
        "/",
        "/?q=الإرهابيين",
        "/actors/sergey-lavrov/",
        "/timeline/?stack=act",
        "/events/",
    ],
)
def test_the_same_anonymous_read_is_answered_from_the_cache_without_a_query(client, data, url):
    first, second, queries = answer_twice(client, url)
    assert first.status_code == second.status_code == 200
    assert first.get("X-Cache") is None
    assert second["X-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_a_write_to_the_data_is_seen_at_once(client, data):
    url = "/api/statements/?speaker=sergey-lavrov"
    _, cached, _ = answer_twice(client, url)
    assert cached["X-Cache"] == "hit"
    assert cached.json()["results"][0]["outlet"] == "Outlet A"
    services.store(ARTICLE_C, ManifestEntry(file="c.txt", source="Outlet C", published=date(2022, 1, 12)))
    fresh = client.get(url)
    assert fresh.get("X-Cache") is None
    listed = Statement.objects.filter(speaker__slug="sergey-lavrov").in_order()
    assert [s["outlet"] for s in fresh.json()["results"]] == [s.article.source.name for s in listed]
    assert {s["outlet"] for s in fresh.json()["results"]} == {"Outlet A", "Outlet C"}


@pytest.mark.django_db
def test_an_analysts_correction_is_seen_by_the_next_reader(client, data, django_user_model):
    statement = Statement.objects.get(speaker__slug="sergey-lavrov")
    url = f"/statements/{statement.pk}/"
    assert answer_twice(client, url)[1]["X-Cache"] == "hit"
    statement.act = "reject"
    statement.save()  # what the admin and the API's PATCH do
    fresh = client.get(url)
    assert fresh.get("X-Cache") is None
    assert "reject" in fresh.text.lower()


@pytest.mark.django_db
def test_the_cached_answer_keeps_its_etag_and_conditional_get(client, data):
    first, second, _ = answer_twice(client, "/api/statements/")
    assert second["ETag"] == first["ETag"]
    assert client.get("/api/statements/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.django_db
def test_a_signed_in_analyst_never_shares_an_answer(client, data, django_user_model):
    analyst = django_user_model.objects.create_user("analyst", is_staff=True)
    client.force_login(analyst)
    _first, second, _ = answer_twice(client, "/")
    assert "Sign out" in second.text
    assert second.get("X-Cache") is None
    client.logout()
    anonymous = client.get("/")
    assert "Sign out" not in anonymous.text


@pytest.mark.django_db
def test_a_reader_with_a_token_is_answered_afresh(client, data, django_user_model):
    token = Token.objects.create(user=django_user_model.objects.create_user("reader"))
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert answer_twice(client, "/api/sources/", **auth)[1].get("X-Cache") is None
    assert answer_twice(client, "/api/sources/")[1]["X-Cache"] == "hit"


@pytest.mark.django_db
def test_formats_and_fragments_are_cached_apart(client, data):
    answer_twice(client, "/api/statements/", HTTP_ACCEPT="application/json")
    assert client.get("/api/statements/", HTTP_ACCEPT="text/csv").streaming  # not the JSON kept
    json_answer = client.get("/api/statements/", HTTP_ACCEPT="application/json")
    assert json_answer.json()["results"]
    _, explicit, _ = answer_twice(client, "/api/statements/?format=json")
    assert explicit.json() == json_answer.json()
    # The browsable API carries a CSRF token: never shared.
    browsable = answer_twice(client, "/api/statements/", HTTP_ACCEPT="text/html")[1]
    assert browsable.get("X-Cache") is None
    assert "<html" in browsable.text
    # CSV streams, and is never cached.
    assert answer_twice(client, "/api/statements/?format=csv")[1].streaming
    page = client.get("/events/")
    fragment = client.get("/actors/sergey-lavrov/", HTTP_HX_REQUEST="true")
    assert "<html" in page.text
    assert "<html" not in fragment.text
    assert "<html" in client.get("/actors/sergey-lavrov/").text


@pytest.mark.django_db
def test_a_list_whose_counts_are_coming_is_kept_only_seconds(client, data, monkeypatch):
    kept = []
    store = response_cache.cache.set

    def recorded(key, value, timeout, **kwargs):  # the embedded cache's set_many passes `version`
        if key.startswith("response:"):  # the answers, not the counts and pages cached on the way
            kept.append(timeout)
        store(key, value, timeout, **kwargs)

    monkeypatch.setattr(response_cache.cache, "set", recorded)
    pending = client.get("/?act=appeal", HTTP_HX_REQUEST="true")
    assert "Counting the statements" in pending.text
    assert pending["Cache-Control"] == f"max-age={statements.PENDING_SECONDS}"
    counted = client.get("/?act=appeal", HTTP_HX_REQUEST="true", HTTP_X_COUNTS="now")
    assert "Counting the statements" not in counted.text
    assert kept[0] == statements.PENDING_SECONDS  # the list for seconds
    assert kept[-1] == response_cache.TTL  # its counts until the data changes


@pytest.mark.django_db
def test_a_list_served_while_counting_gives_way_to_the_page_with_its_counts(client, data, settings):
    settings.COUNTS_FIRST_BELOW = 1  # as if the database were past the size where counting is slow
    url = "/?act=appeal"
    first = client.get(url)
    assert "Counting the statements" in first.text
    again = client.get(url)
    assert again["X-Cache"] == "hit"  # readers of the new filter share the list while it is counted
    assert "Counting the statements" in again.text
    client.get(url, HTTP_HX_REQUEST="true", HTTP_X_COUNTS="now")  # the panel asks for its counts
    counted = client.get(url)
    assert "X-Cache" not in counted  # the list kept while counting no longer stands
    assert "Counting the statements" not in counted.text
    assert counted.context["total"] == 1
    shared = client.get(url)
    assert shared["X-Cache"] == "hit"
    assert "Counting the statements" not in shared.text


@pytest.mark.django_db
def test_an_answer_kept_by_an_older_release_is_still_served(client, data):
    request = HttpRequest()
    request.method, request.path = "GET", "/api/sources/"
    request.META.update(SERVER_NAME="testserver", SERVER_PORT="80")
    key = response_cache.key_for(request)
    response_cache.cache.set(key, (b"[]", [("Content-Type", "application/json")]), 60)  # no third part
    assert response_cache.fetch(key).content == b"[]"


@pytest.mark.django_db
def test_a_bad_filter_is_refused_every_time(client, data):
    for _ in range(2):
        response = client.get("/api/statements/?act=shout")
        assert response.status_code == 400
        assert response.get("X-Cache") is None


@pytest.mark.django_db
def test_throttles_count_the_answers_served_from_the_cache(client, data, monkeypatch):
    from reactions.api.throttling import ReaderRateThrottle

    monkeypatch.setattr(ReaderRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    answers = [client.get("/api/sources/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[2]["X-Cache"] == "hit"
    assert answers[3].json()["error"]["status"] == 429  # the API's one error shape
    assert int(answers[3]["Retry-After"]) > 0


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/statements/", "/actors/sergey-lavrov/"])
def test_an_answer_from_the_cache_carries_the_same_headers(client, data, url, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://dashboard.example.org"]
    origin = {"HTTP_ORIGIN": "https://dashboard.example.org"}
    first, second, _ = answer_twice(client, url, **origin)
    assert second["X-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Vary"):
        assert second[header] == first[header]
    assert int(second["Content-Length"]) == len(second.content)
    if url.startswith("/api/"):
        assert second["ETag"] == first["ETag"]
        assert second["Access-Control-Allow-Origin"] == "https://dashboard.example.org"


def _response(status=200, content=b"x", cookie=False, control=None, streaming=False) -> HttpResponse:
    response = StreamingHttpResponse(iter([content])) if streaming else HttpResponse(content, status=status)
    if cookie:
        response.set_cookie("c", "1")
    if control:
        response["Cache-Control"] = control
    return response


@pytest.mark.parametrize(
    ("response", "kept"),
    [
        (_response(), True),
        (_response(control="max-age=60"), True),
        (_response(status=400), False),
        (_response(status=404), False),
        (_response(status=500), False),
        (_response(streaming=True), False),
        (_response(cookie=True), False),
        (_response(control="no-cache"), False),
        (_response(control="max-age=0, no-store"), False),
        (_response(control="Private"), False),
        (_response(control="max-age=0"), False),
        (_response(content=b"x" * (response_cache.MAX_BYTES + 1)), False),
    ],
)
def test_which_answers_are_kept(response, kept):
    assert response_cache.storable(HttpRequest(), response) is kept


def test_an_answer_that_used_a_csrf_token_is_not_kept():
    request = HttpRequest()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not response_cache.storable(request, _response())


@pytest.mark.parametrize(
    ("method", "headers", "cookies", "shared"),
    [
        ("GET", {}, {}, True),
        ("HEAD", {}, {}, True),
        ("POST", {}, {}, False),
        ("GET", {"HTTP_AUTHORIZATION": "Token abc"}, {}, False),
        ("GET", {}, {"sessionid": "abc"}, False),
        ("GET", {}, {"messages": "abc"}, False),
        ("GET", {}, {"csrftoken": "abc"}, True),  # a CSRF cookie alone holds nothing personal
    ],
)
def test_which_requests_share_answers(method, headers, cookies, shared, settings):
    settings.CACHES = {"default": {"BACKEND": "reactions.cache_backend.LocalCache"}}
    request = HttpRequest()
    request.method = method
    request.path = "/"
    request.META.update(SERVER_NAME="testserver", SERVER_PORT="80", **headers)
    request.COOKIES.update(cookies)
    assert (response_cache.key_for(request) is not None) is shared


def test_the_key_follows_the_address_and_the_headers_an_answer_depends_on(settings):
    settings.CACHES = {"default": {"BACKEND": "reactions.cache_backend.LocalCache"}}

    settings.ALLOWED_HOSTS = ["testserver", "reactions.example"]

    def key(path: str = "/", *variant: str, **meta) -> str:
        request = HttpRequest()
        request.method, request.path = "GET", path
        request.META.update(SERVER_NAME="testserver", SERVER_PORT="80", **meta)
        return response_cache.key_for(request, *variant)

    assert key() == key()
    assert len({key(), key("/timeline/"), key(HTTP_HX_REQUEST="true"), key(HTTP_X_COUNTS="now")}) == 4
    assert key("/api/statements/", HTTP_ACCEPT="text/csv") != key("/api/statements/", HTTP_ACCEPT="text/html")
    assert key(HTTP_ACCEPT="text/csv") == key(HTTP_ACCEPT="text/html") == key()  # pages ignore Accept
    assert key(HTTP_USER_AGENT="curl") == key(HTTP_HX_TARGET="results") == key()  # no view reads them
    # Absolute links (the API's `next`) carry the host and scheme asked at.
    assert len({key(), key(HTTP_HOST="reactions.example"), key(HTTP_X_FORWARDED_PROTO="https")}) == 3


@pytest.mark.django_db
def test_a_forged_host_or_scheme_plants_no_answer_for_other_readers(client, data, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    url = "/api/statements/?page_size=1"
    client.raise_request_exception = False  # DisallowedHost is answered 400, as a server would
    assert client.get(url, HTTP_HOST="127.0.0.1:6666").status_code == 400
    forged = client.get(url, HTTP_X_FORWARDED_PROTO="https")
    assert forged.json()["next"].startswith("https://testserver")
    first, second, _ = answer_twice(client, url)
    assert second["X-Cache"] == "hit"
    assert first.json()["next"].startswith("http://testserver/")
    assert second.json()["next"] == first.json()["next"]
