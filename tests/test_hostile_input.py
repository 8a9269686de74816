"""Hostile users: every filter fuzzed, markup and bidirectional overrides in stored text, and
`javascript:` addresses. A 400 naming the parameter or a correct (often empty) answer, never a 500,
and never a slow query: the tests run under a statement timeout, so a query that would crawl fails."""

from __future__ import annotations

import base64
import csv
import io
from datetime import date
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection

from articles import services
from articles.reading import ManifestEntry, ReadError, read_manifest
from reactions.filters import StatementFilter
from reactions.models import Actor, Statement
from tests.conftest import ARTICLE_A

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "' OR 1=1 --",
    '"; DROP TABLE reactions_statement; --',
    "%",
    "_",
    "\\",
    "\x00",
    "nul\x00inside",
    "99999999999999999999999999",
    "-1",
    "0",
    "1e309",
    "2022-13-45",
    "0000-00-00",
    "<script>alert(1)</script>",
    "\u202eevil",
    "ق" * 10_000,
    "[]",
    "{}",
    "a,b,,c",
    # Digits `str.isdigit()` accepts and `int()` refuses or reads as no row's id.
    "²",
    "١٢",
    "𝟙",
    "none.²",
    "2022-01-10.²",
    "9999-12-31",
    "0001-01-01",
]
# Every parameter the pages and the API read, beside the FilterSet's own.
PARAMETERS = sorted({*StatementFilter.base_filters, "q", "ordering", "after", "cursor", "page_size", "group"})


@pytest.fixture
def data(store_with_article_a):
    store_with_article_a("وقال بوتين إن الوضع مستقر.\n")
    # A query slower than this fails the test instead of passing slowly.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '3s'")


def assert_refused_or_answered(response, path: str, params) -> None:
    cache.clear()  # throttling has tests of its own: here every request starts with fresh counters
    assert response.status_code in (200, 400), (path, params, response.status_code)
    if response.status_code == 400 and path.startswith("/api/"):
        assert response.json()["error"]["status"] == 400


@pytest.mark.parametrize("path", ["/", "/api/statements/"])
@pytest.mark.parametrize("parameter", PARAMETERS)
def test_every_filter_refuses_or_answers_hostile_values(client, data, path, parameter):
    for value in HOSTILE_VALUES:
        response = client.get(path, {parameter: value})
        assert_refused_or_answered(response, path, {parameter: value[:40]})


@pytest.mark.parametrize(
    "path",
    [
        "/api/statements/facets/",
        "/timeline/",
        "/statements.csv",
        "/statements.json",
        "/compare/",
        "/api/actors/",
    ],
)
def test_the_other_lists_refuse_or_answer_hostile_values(client, data, path):
    for parameter in ("q", "speaker", "said_from", "act", "group", "search", "actors"):
        for value in HOSTILE_VALUES:
            assert_refused_or_answered(client.get(path, {parameter: value}), path, {parameter: value[:40]})


def test_repeated_and_many_parameters_are_answered(client, data):
    query = "&".join([f"speaker=x{i}" for i in range(200)] + ["act=reject"] * 50 + ["q=a"] * 20)
    for path in ("/", "/api/statements/", "/api/statements/facets/"):
        assert client.get(f"{path}?{query}").status_code in (200, 400)


def test_a_search_of_sql_metacharacters_finds_only_what_contains_them(client, data):
    assert client.get("/api/statements/", {"q": "' OR 1=1 --"}).json()["results"] == []
    # LIKE's own wildcards are letters to look for, or, alone, nothing to look for (said as such).
    refused = client.get("/api/statements/", {"q": "%"})
    assert refused.status_code == 400
    assert "q" in refused.json()["error"]["fields"]
    assert client.get("/api/statements/", {"q": "_x% OR %_"}).json()["results"] == []


class _Isolation(HTMLParser):
    """Collects the text of the page with, for each piece, whether an element isolates its direction
    (a `dir` attribute or <bdi>): an override character inside such an element ends with it."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.pieces: list[tuple[str, bool]] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attributes += [v for _, v in attrs if v]
        if tag not in self.VOID:
            self.stack.append(tag == "bdi" or any(k == "dir" for k, _ in attrs))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        self.pieces.append((data, any(self.stack)))


HOSTILE_NAME = "\u202eنيتوب <script>alert(1)</script>"


@pytest.fixture
def hostile(loaded_catalogue):
    entry = ManifestEntry(
        file="x.txt",
        source='Outlet" onmouseover="alert(1)',
        published=date(2022, 1, 6),
        url="javascript:alert(1)",
    )
    services.store(ARTICLE_A, entry)
    actor = Statement.objects.order_by("start").first().speaker
    Actor.objects.filter(pk=actor.pk).update(name=HOSTILE_NAME)
    return Statement.objects.order_by("start").first()


def test_markup_overrides_and_script_addresses_in_stored_text_stay_text_on_every_page(client, hostile):
    statement = hostile
    for url in (
        "/",
        f"/statements/{statement.pk}/",
        f"/articles/{statement.article_id}/",
        f"/actors/{statement.speaker.slug}/",
    ):
        body = client.get(url).text
        assert "<script>alert" not in body, url
        assert 'onmouseover="alert' not in body, url
        assert "javascript:" not in body, url
        page = _Isolation()
        page.feed(body)
        shown = [isolated for text, isolated in page.pieces if "\u202e" in text]
        assert shown, url
        assert all(shown), f"{url}: a direction override outside an isolating element"


def test_an_article_title_s_direction_override_never_reaches_the_page_title(client, loaded_catalogue):
    stored = services.store(
        ARTICLE_A,
        ManifestEntry(file="x.txt", source="X", published=date(2022, 1, 6), title="\u202eeltit desrever"),
    )
    body = client.get(f"/articles/{stored.article_id}/").text
    title = body[body.index("<title>") : body.index("</title>")]
    assert "eltit desrever" in title
    assert "\u202e" not in title


def test_pages_answer_head_as_they_answer_get(client, hostile):
    statement = hostile
    for url in (
        "/",
        "/timeline/",
        "/compare/",
        "/events/",
        f"/statements/{statement.pk}/",
        f"/articles/{statement.article_id}/",
        f"/actors/{statement.speaker.slug}/",
        "/statements.csv",
    ):
        response = client.head(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body == b"", url


def test_the_admin_shows_hostile_names_as_text(client, hostile):
    admin = User.objects.create_superuser("root", password="a-long-test-password-1")
    client.force_login(admin)
    for url in ("/admin/reactions/actor/?q=script", f"/admin/reactions/actor/{hostile.speaker_id}/change/"):
        body = client.get(url).text
        assert "<script>alert" not in body, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(client, loaded_catalogue):
    services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="=HYPERLINK(1)", published=date(2022, 1, 6)))
    Actor.objects.filter(statements__isnull=False).update(name="+cmd|' /C calc'!A0")
    rows = list(csv.reader(io.StringIO(b"".join(client.get("/statements.csv").streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)
    assert "'=HYPERLINK(1)" in cells


def test_a_manifest_address_that_is_not_a_web_address_is_refused(tmp_path):
    (tmp_path / "manifest.json").write_text('{"articles": [{"file": "a.txt", "url": "javascript:alert(1)"}]}')
    with pytest.raises(ReadError, match=r"a\.txt: url must be an http or https address"):
        read_manifest(tmp_path / "manifest.json")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement timeout")
def test_a_query_the_statement_timeout_stops_is_a_503_that_says_so(db):
    from django.db import OperationalError, transaction

    from reactions.pages.errors import describe

    def slow_query() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 50")
            cursor.execute("SELECT pg_sleep(2)")

    with pytest.raises(OperationalError) as stopped:
        slow_query()
    assert describe(stopped.value) == (
        503,
        "The query took longer than this server allows; narrow the filters and try again.",
    )


def test_an_unexpected_error_is_a_500_in_the_client_s_shape_without_its_details(client, monkeypatch, data):
    from reactions.api import views as api_views
    from reactions.pages import common

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(common, "statement_filter", broken)
    monkeypatch.setattr(api_views, "facets", broken)
    client.raise_request_exception = False
    page = client.get("/")
    assert page.status_code == 500
    assert "Something went wrong" in page.text
    api = client.get("/api/statements/facets/")
    assert api.status_code == 500
    assert api.json()["error"] == {
        "status": 500,
        "message": "Something went wrong on the server; it has been logged.",
        "fields": {},
    }
    assert "secret detail" not in page.text + api.text


def _cursor(position: str) -> str:
    return base64.b64encode(f"p={position}".encode()).decode()


@pytest.mark.parametrize("position", ["abc", "NaN", "\x00", "1e999", "-1", "9" * 30, "²"])
def test_a_hand_made_cursor_or_position_is_a_400_naming_it(client, data, position):
    response = client.get("/api/actors/", {"cursor": _cursor(position)})
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]
    for after in (position, f"2022-01-10.{position}", f"none.{position}"):
        response = client.get("/api/statements/", {"after": after})
        assert response.status_code == 400, after
        assert "after" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    "path", ["/events/%00/", "/actors/%00/", "/actors/a%00b/", "/api/actors/%00/", "/api/events/%00/"]
)
def test_a_nul_in_the_path_is_not_found(client, data, path):
    assert client.get(path).status_code == 404


def test_many_typed_speakers_are_refused_before_any_query(client, data, django_assert_max_num_queries):
    typed = ",".join(["a"] * 2000)
    with django_assert_max_num_queries(3):  # the session and the throttle, not one query a name
        response = client.get("/", {"speaker": typed})
    assert response.status_code == 400
    assert "speaker" in response.text
    # Fifty names are read in as many queries as two (and the unknown ones named in the 400).
    with django_assert_max_num_queries(100) as one:
        assert client.get("/", {"speaker": "name0,Putin"}).status_code == 400
    cache.clear()
    many = ",".join(f"name{i}" for i in range(49)) + ",Putin"
    with django_assert_max_num_queries(len(one)):
        response = client.get("/", {"speaker": many})
    assert response.status_code == 400
    assert "«name48»" in response.text


@pytest.mark.parametrize("group", ["day", "week", "month"])
def test_a_statement_said_on_the_calendar_s_last_day_breaks_no_view(client, data, group):
    statement = Statement.objects.first()
    Statement.objects.filter(pk=statement.pk).update(said_on=date(9999, 12, 31))
    first = Statement.objects.exclude(pk=statement.pk).first()
    Statement.objects.filter(pk=first.pk).update(said_on=date(1, 1, 1))
    for path in ("/", "/timeline/", f"/actors/{statement.speaker.slug}/", "/api/statements/facets/"):
        cache.clear()
        assert client.get(path, {"group": group}).status_code == 200, path


def test_impossible_days_are_refused_at_the_door(client, data, tmp_path, django_user_model):
    from rest_framework.test import APIClient

    statement = Statement.objects.first()
    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("analyst", is_staff=True))
    response = api.patch(f"/api/statements/{statement.pk}/", {"said_on": "9999-12-31"}, format="json")
    assert response.status_code == 400
    assert "outside the days accepted" in response.json()["error"]["fields"]["said_on"][0]
    statement.refresh_from_db()
    assert statement.said_on != date(9999, 12, 31)
    article = {"text": "وقال بوتين إن الوضع مستقر. " * 5, "published": "9999-12-31"}
    refused = api.post("/api/ingest/", {"articles": [article]}, format="json")
    assert refused.status_code == 400
    assert "published" in str(refused.json()["error"]["fields"])
    (tmp_path / "manifest.json").write_text('{"articles": [{"file": "a.txt", "published": "9999-12-31"}]}')
    with pytest.raises(ReadError, match="outside the days accepted"):
        read_manifest(tmp_path / "manifest.json")
