"""The Explorer pages with the Django test client: every page, every filter, bad values, htmx, exports."""

import csv
import io
import json
import re
import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from articles import services
from articles.models import Article, Source
from articles.reading import ManifestEntry
from reactions.models import Actor, Event, Statement
from tests.conftest import ARTICLE_A

pytestmark = pytest.mark.django_db

ARTICLE_B = (
    "عنوان ب\n"
    "وأكد بيتر ستانو، الاثنين، أن قوات حفظ السلام يجب أن تنسحب قريبا.\n"
    "وقال وزير الخارجية الصيني وانغ يي إن بكين تدعم جهود كازاخستان لاستعادة الاستقرار.\n"
)


@pytest.fixture
def data(store_with_article_a):
    store_with_article_a(ARTICLE_B)


@pytest.fixture
def many(loaded_catalogue):
    """60 statements over 12 days, five a day, and five with no day: for paging and exports."""
    source = Source.objects.create(name="Bulk Outlet")
    putin = Actor.objects.get(slug="vladimir-putin")
    rows = []
    for n in range(60):
        text = f"نص {n}\nكلمات المقال رقم {n}"
        article = Article.objects.create(
            source=source, text=text, text_sha256=services.text_hash(text), language="ar"
        )
        day = None if n % 12 == 11 else date(2022, 1, 1) + timedelta(days=n % 12)
        rows.append(
            Statement(
                article=article,
                speaker=putin,
                content=text[-12:],
                normalised=text[-12:],
                start=len(text) - 12,
                end=len(text),
                quote="indirect",
                said_on=day,
                topic="csto",
                act="statement",
            )
        )
    for row in rows:  # bulk writers fill the copies of the speaker's country and the outlet themselves
        row.copy_speaker_and_source()
    Statement.objects.bulk_create(rows)


def cards(response) -> list[str]:
    """The speakers of the statement cards on a page, in order."""
    assert response.status_code == 200, response.content[:2000]
    return re.findall(
        r'<article class="card statement" id="s\d+">\s*<div class="who">\s*<a href="/actors/([^/]+)/"',
        response.text,
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            {
                "kassym-jomart-tokayev",
                "peter-stano",
                "sergey-lavrov",
                "wang-yi",
            },
        ),
        ({"speaker": "توكايف"}, {"kassym-jomart-tokayev"}),  # an alias in another spelling
        ({"speaker": "Лавров"}, {"sergey-lavrov"}),  # Russian
        ({"speaker": ["peter-stano", "sergey-lavrov"]}, {"peter-stano", "sergey-lavrov"}),
        ({"country": "kz"}, {"kassym-jomart-tokayev"}),
        ({"kind": "person", "country": "EU"}, {"peter-stano"}),
        ({"act": "appeal"}, {"sergey-lavrov"}),
        ({"act": ["appeal", "support"]}, {"sergey-lavrov", "wang-yi"}),
        ({"topic": "csto"}, {"peter-stano"}),
        ({"quote": "direct"}, {"kassym-jomart-tokayev"}),
        ({"source": "Outlet B"}, {"peter-stano", "wang-yi"}),
        (
            {"said_from": "2022-01-10", "said_to": "2022-01-10"},
            {"peter-stano", "wang-yi"},
        ),
        ({"q": "الارهابيين"}, {"kassym-jomart-tokayev"}),  # without the hamza of the stored words
        ({"q": "ضبط النفس"}, {"sergey-lavrov"}),
        ({"q": "لا يوجد"}, set()),
    ],
)
def test_the_statements_page_filters_like_the_api(client, data, params, expected):
    response = client.get("/", params)
    assert set(cards(response)) == expected
    api = client.get("/api/statements/", params).json()["results"]
    assert {s["speaker_slug"] for s in api} == expected


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/?act=shout", "act"),
        ("/?topic=weather", "topic"),
        ("/?kind=robot", "kind"),
        ("/?said_from=10/01/2022", "said_from"),
        ("/?said_to=2022-02-30", "said_to"),
        ("/?article=abc", "article"),
        ("/?after=yesterday", "after"),
        ("/?page_size=7", "page_size"),
        ("/?group=year", "group"),
        ("/?q=" + "x" * 10_000, "q"),
        ("/timeline/?stack=outlet", "stack"),
        ("/timeline/?said_from=soon", "said_from"),
        ("/actors/sergey-lavrov/?after=1.2.3", "after"),
        ("/compare/?actor=lavrov&actor=nobody-at-all", "actor"),
        ("/compare/?actor=a&actor=b&actor=c&actor=d&actor=e", "actor"),
        ("/compare/?actor=lavrov&actor=tokayev&topic=weather", "topic"),
        ("/reactions/?map=europe", "map"),
        ("/reactions/?said_from=5+Jan", "said_from"),
        ("/reactions/?topic=war", "topic"),
    ],
)
def test_a_bad_value_in_the_address_is_a_400_that_names_it(client, data, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.text


@pytest.mark.parametrize("url", ["/statements.csv?act=shout", "/statements.json?speaker=nobody-at-all"])
def test_an_export_refuses_a_bad_value_in_the_api_s_error_shape(client, data, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert (error["status"], list(error["fields"])) == (400, [url.split("?")[1].split("=")[0]])


def test_a_speaker_typed_by_name_is_shown_ticked_by_its_slug(client, data):
    response = client.get("/", {"speaker": "لافروف"})
    assert re.search(r'name="speaker" value="sergey-lavrov"[^>]*checked', response.text)
    assert 'value="لافروف"' not in response.text  # the box is left empty for the next name


def test_facets_count_each_value_with_a_toggle_link_and_keep_the_others_selectable(client, data):
    response = client.get("/", {"act": "appeal"})
    facets = response.context["facets"]
    acts = {f["value"]: f for f in facets["act"]}
    # The act facet leaves its own filter out: the other acts stay visible with their counts.
    assert acts["appeal"]["selected"]
    assert acts["appeal"]["count"] == 1
    assert len(acts) > 1
    assert not any(f["selected"] for k, f in acts.items() if k != "appeal")
    assert acts["appeal"]["toggle"] == "?"
    # Other facets count only the filtered statements.
    assert [f["value"] for f in facets["speaker"]] == ["sergey-lavrov"]
    assert facets["speaker"][0]["toggle"] == "?act=appeal&speaker=sergey-lavrov"
    assert f'href="{facets["speaker"][0]["toggle"]}"' in response.text.replace("&amp;", "&")


def test_the_date_facet_groups_by_day_week_or_month(client, many):
    days = client.get("/").context["facets"]["day"]
    assert len(days) == 11
    assert sum(d["count"] for d in days) == 55
    weeks = client.get("/", {"group": "week"}).context["facets"]["day"]
    assert [w["value"] for w in weeks] == ["2021-12-27", "2022-01-03", "2022-01-10"]
    assert weeks[1]["toggle"] == "?group=week&said_from=2022-01-03&said_to=2022-01-09"
    months = client.get("/", {"group": "month"}).context["facets"]["day"]
    assert [(m["label"], m["count"]) for m in months] == [("January 2022", 55)]


def test_keyset_pages_walk_the_whole_list_once_newest_first_undated_last(client, many):
    seen, url = [], "/?page_size=10"
    while url:
        response = client.get(url)
        seen += [s["id"] for s in response.context["rows"]]
        found = re.search(r'rel="next" href="([^"]+)"', response.text)
        url = found.group(1).replace("&amp;", "&") if found else None
    expected = list(
        Statement.objects.order_by("said_on", "id").reverse().values_list("pk", flat=True)
    )  # said_on DESC, id DESC ...
    dated = [pk for pk in expected if Statement.objects.get(pk=pk).said_on is not None]
    undated = sorted(Statement.objects.filter(said_on=None).values_list("pk", flat=True), reverse=True)
    assert seen == dated + undated
    assert len(seen) == 60


@pytest.mark.parametrize(
    ("ordering", "path"), [("-said_on", "/"), ("said_on", "/"), ("-said_on", "/events/")]
)
def test_newer_walks_back_the_pages_older_walked_and_each_page_says_its_numbers(client, many, ordering, path):
    if path == "/events/":  # a list page of its own: an event's statements
        event = Event.objects.create(slug="all", name="All", kind=Event.DEVELOPMENT, start=date(2022, 1, 1))
        event.statements.set(Statement.objects.all())
        path = "/events/all/"

    def shown(response) -> list[int]:  # from the page itself: a page seen before comes from the cache
        return [int(pk) for pk in re.findall(r'<article class="card statement" id="s(\d+)"', response.text)]

    def link(response, rel: str) -> str | None:
        found = re.search(rf'rel="{rel}" href="([^"]+)"', response.text)
        return found.group(1).replace("&amp;", "&") if found else None

    forward, url = [], f"{path}?page_size=10&ordering={ordering}"
    while url:
        response = client.get(url)
        forward.append((shown(response), re.search(r"(\d+)–(\d+) of (\d+)", response.text)))
        url = link(response, "next")
    assert [int(n) for n in forward[-1][1].groups()] == [51, 60, 60]
    assert [m.group(0) for _, m in forward][:2] == ["1–10 of 60", "11–20 of 60"]
    backward = [forward[-1][0]]
    url = link(response, "prev")
    while url:
        response = client.get(url)
        backward.append(shown(response))
        url = link(response, "prev")
    assert backward[::-1] == [rows for rows, _ in forward]


def test_the_list_page_costs_the_same_number_of_queries_whatever_its_size(client, many):
    def queries(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/", {"page_size": size}).status_code == 200
        return len(captured)

    queries(25)  # the facet counts do not depend on the page size: the first list counts them for all
    assert queries(10) == queries(50) == queries(200)


def test_htmx_gets_the_results_fragment_and_the_canonical_address(client, data):
    response = client.get("/?q=&act=appeal&said_from=", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    # The new title (htmx puts it on the page: it says the filters), then the results.
    title, rest = re.match(r"\s*<title>([^<]*)</title>\s*(.*)", response.text, re.S).groups()
    assert title == "Statements (act appeal) · Reactions"
    assert rest.startswith('<section id="results"')
    assert 'id="panel" hx-swap-oob="true"' in response.text  # the facet counts follow the results
    assert response["HX-Push-Url"] == "/?act=appeal"


@pytest.mark.parametrize("path", ["/?act=appeal", "/actors/vladimir-putin/", "/events/", "/timeline/"])
def test_a_page_htmx_restores_from_history_is_the_whole_page_even_after_its_fragment(client, data, path):
    fragment = client.get(path, HTTP_HX_REQUEST="true")  # answered, and shared, as a fragment
    restored = client.get(path, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert restored.status_code == fragment.status_code == 200
    assert "<html" in restored.text  # htmx swaps it in as the page: the layout, the filters and all
    assert restored.text == client.get(path).text


ONE_MATCHES = "<strong>1</strong> statement matches these filters"


def test_a_filter_change_answers_with_the_list_and_asks_for_counts_not_yet_cached(client, data, monkeypatch):
    from reactions.pages import statements

    monkeypatch.setattr(statements, "PENDING_SECONDS", 0)  # not kept (tests/test_response_cache.py)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/?act=appeal&topic=protests", HTTP_HX_REQUEST="true")
    assert not any("GROUP BY" in q["sql"] or '"__count"' in q["sql"] for q in captured)  # no count yet
    assert '<article class="card statement"' in response.text  # the list is there
    assert '<span id="total"><strong>…</strong> statements match these filters</span>' in response.text
    panel = response.text[response.text.index('<div id="panel"') :]
    # The ticked filters ride along while the counts load, so a change meanwhile keeps them.
    assert '<input type="hidden" name="act" value="appeal">' in panel
    assert '<input type="hidden" name="topic" value="protests">' in panel
    link = re.search(r'<a href="([^"]+)" hx-get="([^"]+)"\s+hx-trigger="load"[^>]*>', panel)
    assert link.group(2) == "/?act=appeal&amp;topic=protests"
    assert link.group(1) == "/?act=appeal&amp;topic=protests&amp;counts=now"  # without JavaScript
    assert """hx-headers='{"X-Counts": "now"}'""" in link.group(0)

    with CaptureQueriesContext(connection) as captured:
        counted = client.get("/?act=appeal&topic=protests", HTTP_HX_REQUEST="true", HTTP_X_COUNTS="now")
    assert not any('"reactions_statement"."content"' in q["sql"] for q in captured)  # no list
    assert '<article class="card' not in counted.text  # only the panel and the total
    assert f'<span id="total" hx-swap-oob="true">{ONE_MATCHES}</span>' in counted.text
    assert re.search(r'name="act" value="appeal" aria-label="[^"]+" checked', counted.text)

    # Counted once, the next change to the same filters gets the whole panel at once.
    again = client.get("/?act=appeal&topic=protests", HTTP_HX_REQUEST="true")
    assert "Counting the statements" not in again.text
    assert f'<span id="total">{ONE_MATCHES}</span>' in again.text
    several = client.get("/?topic=protests").text
    assert re.search(r'<span id="total"><strong>[2-9]\d*</strong> statements match these filters<', several)
    assert '<span id="total"><strong>' in client.get("/").text  # no filters: a total, no verb
    assert "match these filters" not in client.get("/").text


def test_a_whole_page_on_a_big_database_answers_with_the_list_and_its_counts_follow(
    client, data, settings, monkeypatch
):
    from reactions.pages import statements

    settings.COUNTS_FIRST_BELOW = 1  # as if the database were past the size where counting is slow
    monkeypatch.setattr(statements, "PENDING_SECONDS", 0)  # not kept (tests/test_response_cache.py)
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/?act=appeal")
    assert not any("GROUP BY" in q["sql"] or '"__count"' in q["sql"] for q in captured)
    assert "<html" in page.text
    assert '<article class="card statement"' in page.text
    assert "Counting the statements" in page.text
    assert page["Cache-Control"] == "max-age=0"
    # Without JavaScript the panel's link asks for the same page counted first.
    counted = client.get("/?act=appeal&counts=now")
    assert counted.context["total"] == 1
    assert "Counting the statements" not in counted.text
    assert "counts=now" not in counted.text  # not a filter: no link keeps it
    assert client.get("/?act=appeal").context["total"] == 1  # counted once, cached for the next


def test_counts_wait_for_a_free_slot_and_the_panel_asks_again(client, data, settings):
    from reactions import data_version

    settings.COUNTING_SLOTS = 1
    url = "/?act=appeal&topic=protests"
    with data_version.slot("counts", 1) as held:  # another panel is being counted
        assert held
        busy = client.get(url, HTTP_HX_REQUEST="true", HTTP_X_COUNTS="now")
    # Only the panel's "counting" line comes back, asking again in a moment.
    assert busy.text.lstrip().startswith('<p class="counting" id="counting" hx-swap-oob="true">')
    assert 'hx-trigger="load delay:2s"' in busy.text
    assert 'id="panel"' not in busy.text
    assert busy["Cache-Control"] == "max-age=1"  # shared by all who wait, gone before they ask again
    assert client.get(url, HTTP_HX_REQUEST="true", HTTP_X_COUNTS="now")["X-Cache"] == "hit"
    time.sleep(1.2)
    counted = client.get(url, HTTP_HX_REQUEST="true", HTTP_X_COUNTS="now")
    assert f'<span id="total" hx-swap-oob="true">{ONE_MATCHES}</span>' in counted.text


@pytest.mark.parametrize(("n", "expected"), [(1, True), (4, True), (5, False), (1_000_000, False)])
def test_the_statement_table_size_is_judged_without_counting_it(data, n, expected):
    assert Statement.objects.count() == 4
    assert Statement.objects.at_least(n) is expected
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reactions_statement")  # now the planner's estimate answers
    assert Statement.objects.at_least(n) is expected


def test_every_hx_get_has_an_href_for_pages_without_javascript(client, data):
    page = client.get("/").text
    links = re.findall(r"<a [^>]*>", page)
    assert any("hx-get" in a for a in links)
    for link in links:
        if "hx-get" in link:
            assert re.search(r'href="([^"]+)"', link).group(1) == re.search(r'hx-get="([^"]+)"', link).group(
                1
            )


def test_list_pages_link_their_json_twin(client, data):
    for url in ("/", "/?act=appeal", "/timeline/", "/events/", "/actors/sergey-lavrov/"):
        twin = re.search(
            r'<link rel="alternate" type="application/json" href="([^"]+)"', client.get(url).text
        )
        assert twin, url
        assert client.get(twin.group(1).replace("&amp;", "&")).status_code == 200


def test_exports_stream_the_whole_filtered_list_as_csv_and_json(client, many, data):
    response = client.get("/statements.csv", {"speaker": "vladimir-putin"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 60
    assert {r["speaker_slug"] for r in rows} == {"vladimir-putin"}
    response = client.get("/statements.json", {"speaker": "vladimir-putin", "said_from": "2022-01-05"})
    body = json.loads(b"".join(response.streaming_content))
    putin = Statement.objects.filter(speaker__slug="vladimir-putin", said_on__gte=date(2022, 1, 5))
    assert len(body["statements"]) == putin.count() > 25  # more than a page
    assert client.get("/statements.xml").status_code == 404


def test_the_statement_page_shows_the_words_in_their_article_and_how_the_day_was_found(client, data):
    statement = Statement.objects.get(speaker__slug="kassym-jomart-tokayev")
    response = client.get(f"/statements/{statement.pk}/")
    assert response.status_code == 200
    assert f"<mark>{escape(statement.content)}</mark>" in response.text
    assert "counted from its publication day" in response.text
    assert '<q dir="auto" lang="ar">أمس</q>' in response.text  # the word that fixed it, quoted
    assert "No other outlet" in response.text
    # How the speaker was chosen and where the words were cut: the record `extract --explain` prints.
    assert (statement.speaker_rule, statement.words_rule) == ("vso:name", "quotation")
    assert "named right after the reporting verb" in response.text
    assert "the quotation that follows the cue" in response.text


def test_the_statement_page_lists_the_other_outlets_that_carried_it(client, loaded_catalogue):
    services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="Outlet A", published=date(2022, 1, 6)))
    services.store(
        ARTICLE_A.replace("عنوان أ", "عنوان آخر"),
        ManifestEntry(file="c.txt", source="Outlet C", published=date(2022, 1, 6)),
    )
    first = Statement.objects.filter(speaker__slug="sergey-lavrov").order_by("id").first()
    response = client.get(f"/statements/{first.pk}/")
    assert "Outlet C" in response.text
    assert 'carried by 2 outlets</a>, first by <span dir="auto"><bdi>Outlet A</bdi></span> on 6 Jan 2022' in (
        client.get("/", {"speaker": "sergey-lavrov"}).text
    )


def test_the_article_page_highlights_every_statement_with_its_speaker(client, data):
    article = Article.objects.get(file_name="a.txt")
    response = client.get(f"/articles/{article.pk}/")
    assert response.status_code == 200
    for s in article.statements.all():
        assert f'<mark id="s{s.pk}"' in response.text
        assert s.speaker.name in response.text
    assert client.get("/articles/999999/").status_code == 404


def test_the_actor_page_shows_who_they_are_what_they_said_and_their_chart(client, data):
    response = client.get("/actors/kassym-jomart-tokayev/")
    assert response.status_code == 200
    assert "توكاييف" in response.text  # an alias
    assert "Kazakhstan" in response.text  # the institution chain
    assert cards(response) == ["kassym-jomart-tokayev"]
    chart = json.loads(
        re.search(
            r'<script id="acts-chart" type="application/json">(.*?)</script>', response.text, re.S
        ).group(1)
    )
    assert chart["periods"] == ["2022-01-05"]
    assert chart["series"][0]["key"] == "disapprove"
    alongside = [n.actor.slug for n in response.context["alongside"]]
    assert alongside == ["sergey-lavrov"]
    assert client.get("/actors/nobody/").status_code == 404


def test_the_actor_page_finds_the_actors_named_in_their_words(client, loaded_catalogue):
    services.store(
        "عنوان\nوقال الرئيس الروسي فلاديمير بوتين إن منظمة معاهدة الأمن الجماعي أنجزت مهمتها في كازاخستان.\n",
        ManifestEntry(file="p.txt", source="Outlet", published=date(2022, 1, 13)),
    )
    about = {n.actor.slug for n in client.get("/actors/vladimir-putin/").context["about"]}
    assert {"csto", "kazakhstan"} <= about
    assert "russia" not in about  # his own country is not someone he speaks about


def test_the_timeline_stacks_by_country_or_act_and_marks_the_developments(client, many, data):
    response = client.get("/timeline/")
    chart = response.context["chart"]
    assert chart["periods"][0] == "2022-01-01"
    assert chart["periods"][-1] == "2022-01-11"
    assert len(chart["periods"]) == 11  # quiet days are drawn too
    assert {s["key"] for s in chart["series"]} >= {"RU", "KZ"}
    assert any(e["name"] for e in chart["events"]) == Event.objects.filter(kind="development").exists()
    by_act = client.get("/timeline/", {"stack": "act", "act": "statement"}).context["chart"]
    assert [s["key"] for s in by_act["series"]] == ["statement"]
    assert (
        'href="/?act=statement&amp;said_from=2022-01-01&amp;said_to=2022-01-01"'
        in client.get("/timeline/", {"stack": "act", "act": "statement"}).text
    )


def test_compare_puts_two_actors_side_by_side_day_by_day(client, data):
    response = client.get("/compare/", {"actor": ["Tokayev", "لافروف"]})
    assert response.status_code == 200
    assert [a.slug for a in response.context["actors"]] == ["kassym-jomart-tokayev", "sergey-lavrov"]
    day = response.context["days"][0]
    assert day.day == date(2022, 1, 5)
    assert [len(cell) for _, cell in day.cells] == [1, 1]
    assert "Name two to four actors" in client.get("/compare/", {"actor": "Tokayev"}).text
    assert not client.get("/compare/", {"actor": ["Tokayev", "لافروف"], "topic": "csto"}).context["days"]


def test_the_events_pages_list_the_timeline_and_each_events_statements(client, data):
    from reactions.catalogue.store import save_timeline

    save_timeline([{"slug": "csto-session", "name": "CSTO session", "start": date(2022, 1, 10)}])
    event = Event.objects.get(slug="csto-session")
    event.statements.add(Statement.objects.get(speaker__slug="peter-stano"))
    assert "CSTO session" in client.get("/events/").text
    response = client.get("/events/csto-session/")
    assert cards(response) == ["peter-stano"]
    assert set(cards(client.get("/", {"event": "csto-session"}))) == {"peter-stano"}
    assert client.get("/events/nothing/").status_code == 404


def test_speaker_suggestions_find_actors_by_any_name(client, loaded_catalogue):
    for typed in ("توكايف", "Токаев", "tokay"):
        assert 'value="kassym-jomart-tokayev"' in client.get("/speakers/suggest", {"speaker": typed}).text
    assert client.get("/speakers/suggest", {"speaker": "x"}).text.strip() == ""


def test_empty_states_say_what_to_do(client, loaded_catalogue):
    assert "No statements yet" in client.get("/").text
    assert "ingest articles first" in client.get("/timeline/").text
    services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="Outlet A", published=date(2022, 1, 6)))
    assert "No statement matches these filters" in client.get("/", {"act": "reject"}).text


def test_hostile_text_is_shown_as_text(client, loaded_catalogue):
    services.store(
        'عنوان <script>alert(1)</script>\nوقال بوتين إن "<img src=x onerror=alert(1)> الوضع مستقر".\n',
        ManifestEntry(file="x.txt", source="<b>Outlet</b>", published=date(2022, 1, 6)),
    )
    statement = Statement.objects.get()
    for url in ("/", f"/statements/{statement.pk}/", f"/articles/{statement.article_id}/"):
        body = client.get(url).text
        assert "<img src=x" not in body
        assert "<script>alert" not in body
        assert "<b>Outlet" not in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_search_finds_arabic_stems_and_uses_its_indexes(client, loaded_catalogue):
    services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="Outlet A", published=date(2022, 1, 6)))
    # الإرهابيون and الإرهابيين differ in their ending: the `arabic` stemmer joins them.
    assert set(cards(client.get("/", {"q": "الإرهابيون"}))) == {"kassym-jomart-tokayev"}
    from reactions.search import search

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        # Every statement (all_objects): on a table of a few rows, with scans off, the planner
        # reads "not rejected" off the partial said_on index (a whole-table bitmap) rather than
        # the search's own; at scale the search's indexes are the cheap ones (docs/curation.md).
        sql, params = search(Statement.all_objects.order_by(), "الارهابيون هاجموا").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    # Both arms of the OR are index conditions, whichever GIN index serves them.
    assert "Index Cond: (arabic @@" in plan
    assert "Index Cond: (normalised ~~" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_a_search_under_filters_meets_them_in_the_same_index_scan(loaded_catalogue):
    """The act and the country can be asked of the search's own GIN index, in each arm of its OR,
    instead of as bitmaps of their own to AND with it (migration 0025). Which plan wins depends on
    the rows: at 1,000,000 statements the planner takes this one (docs/search.md); here the filters'
    own indexes are dropped (in the test's transaction) to see that the index can serve it."""
    from reactions.search import search

    services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="Outlet A", published=date(2022, 1, 6)))
    # Enough rows for the planner to see what it sees at scale: each act and country a sixth or a
    # seventh of the statements, the word in a hundredth.
    columns = [f.column for f in Statement._meta.concrete_fields if f.column not in ("id", "arabic")]
    made = {
        "start": "1000000 + g",  # spans past the article's own statements'
        "end": "1000001 + g",
        "act": "(ARRAY['appeal','support','reject','demand','statement','disapprove'])[1 + g % 6]",
        "speaker_country": "(ARRAY['RU','KZ','US','CN','TR','IR','UZ'])[1 + g % 7]",
        "normalised": "CASE WHEN g % 100 = 0 THEN s.normalised ELSE 'كلمات اخرى ' || g END",
    }
    values = ", ".join(made.get(c, f's."{c}"') for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO reactions_statement ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)}) "
            f"SELECT {values} FROM (SELECT * FROM reactions_statement LIMIT 1) s, generate_series(1, 20000) g"
        )
        cursor.execute("ANALYZE reactions_statement")
        cursor.execute("SELECT gin_clean_pending_list('statement_search_filters_idx')")
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'reactions_statement' AND "
            "indexname <> 'statement_search_filters_idx' AND indexdef ~ '\\m(act|speaker_country)\\M'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("SET LOCAL enable_seqscan = off")  # until the test's transaction ends
        filtered = Statement.all_objects.order_by().filter(act="appeal", speaker_country="RU")
        sql, params = search(filtered, "الارهابيون").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    scans = [i for i, line in enumerate(plan) if "statement_search_filters_idx" in line]
    assert len(scans) == 2, "\n".join(plan)  # the LIKE arm and the stemmer's arm
    for i in scans:
        condition = plan[i + 1]
        assert "act" in condition, "\n".join(plan)
        assert "speaker_country" in condition, "\n".join(plan)


@pytest.mark.parametrize(
    "query",
    ["", "act=statement", "q=كلمات", "said_from=2022-01-03&said_to=2022-01-08", "country=RU&act=appeal"],
)
def test_the_one_scan_facets_count_what_one_query_a_facet_counts(many, data, query):
    from django.http import QueryDict

    from reactions.facets import FACETS, _counts, grouped_counts
    from reactions.filters import StatementFilter

    statements = StatementFilter(QueryDict(query), Statement.objects.all()).qs.order_by()
    names = [n for n, f in FACETS.items() if f.column]
    together = grouped_counts(statements, names, limit=100)
    for name in names:
        one_by_one = _counts(statements, FACETS[name], limit=100)
        key = FACETS[name].field
        assert sorted(together[name], key=lambda r: str(r[key])) == sorted(
            one_by_one, key=lambda r: str(r[key])
        )


# An article may hold millions of characters and thousands of statements: a list or an export that
# read each row's article text would cost that much again a row.
ARTICLE_TEXT_COLUMN = '"articles_article"."text"'


def _read(client, url: str):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body, [q["sql"] for q in queries]


def test_lists_and_exports_never_read_an_article_s_text(client, many, data):
    for url in (
        "/",
        "/?page_size=200&act=statement",
        "/api/statements/?page_size=500",
        "/statements.csv",
        "/statements.json?q=بوتين",
        "/api/statements/?format=csv",
        "/actors/vladimir-putin/",
        "/api/actors/vladimir-putin/statements/",
        "/compare/?actors=vladimir-putin,sergey-lavrov",
    ):
        response, _, queries = _read(client, url)
        assert response.status_code == 200, url
        assert not [sql for sql in queries if ARTICLE_TEXT_COLUMN in sql], url


def test_an_export_reads_short_chunks_in_the_list_s_order(client, many, data, monkeypatch):
    from reactions import listing

    monkeypatch.setattr(listing, "CHUNK", 7)
    _, body, queries = _read(client, "/statements.json")
    listed = [row["id"] for row in json.loads(body)["statements"]]
    # The pages' order: latest day said first, undated last (PostgreSQL puts NULLs first in a
    # plain descending sort), then newest first.
    assert listed == list(Statement.objects.in_order().values_list("id", flat=True))
    # Each chunk its own query, seeking past the last row: no query runs for the whole export.
    chunks = [sql for sql in queries if "LIMIT 7" in sql]
    assert len(chunks) == len(listed) // 7 + 1
    csv_rows = list(
        csv.DictReader(
            io.StringIO(b"".join(client.get("/statements.csv").streaming_content).decode("utf-8-sig"))
        )
    )
    assert [int(r["id"]) for r in csv_rows] == listed


def test_an_export_cut_by_a_failing_query_ends_without_its_closing_mark(client, many, monkeypatch):
    from django.db import OperationalError

    from reactions import listing
    from reactions.models import StatementQuerySet

    monkeypatch.setattr(listing, "CHUNK", 10)
    in_order = StatementQuerySet.in_order

    def second_chunk_fails(self, ordering="-said_on", after=None):
        if after is not None:
            raise OperationalError("canceling statement due to statement timeout")
        return in_order(self, ordering, after)

    monkeypatch.setattr(StatementQuerySet, "in_order", second_chunk_fails)
    response = client.get("/statements.json")
    assert response.status_code == 200
    sent: list[bytes] = []
    with pytest.raises(OperationalError):
        sent.extend(response.streaming_content)
    # The server closes the connection there (the client sees the transfer cut short), and what
    # arrived is not a whole document.
    body = b"".join(sent).decode()
    assert body.count('{"id"') == 10
    assert not body.rstrip().endswith("]}")


def test_every_answer_and_fragment_varies_on_the_htmx_headers_it_depends_on(client, data):
    from django.utils.cache import has_vary_header

    requests = [
        ("/", {}),
        ("/?act=appeal", {"HTTP_HX_REQUEST": "true"}),
        ("/?act=appeal", {"HTTP_HX_REQUEST": "true", "HTTP_X_COUNTS": "now"}),
        ("/?act=appeal", {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}),
        ("/timeline/", {"HTTP_HX_REQUEST": "true"}),
        ("/actors/sergey-lavrov/", {}),
    ]
    for url, headers in requests:
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        for header in ("HX-Request", "HX-History-Restore-Request", "X-Counts"):
            assert has_vary_header(response, header), (url, headers, response.get("Vary"))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "topic=csto",
        "act=appeal&act=statement",
        "speaker=vladimir-putin",
        "q=المقال",
        "language=ar&quote=direct",
        "ordering=said_on",
        "speaker=vladimir-putin&ordering=said_on",
    ],
)
def test_the_json_twin_lists_what_the_page_lists_in_the_same_order(client, many, data, query):
    """The page links its twin (`<link rel=alternate>`): the same statements, in the same order, page
    after page."""
    from django.core.cache import cache

    page_ids, url = [], f"/?{query}&page_size=10"
    while url:
        cache.clear()
        html = client.get(url).text
        page_ids += [int(i) for i in re.findall(r'<article class="card statement" id="s(\d+)"', html)]
        more = re.search(r'rel="next" href="([^"]+)"', html)
        url = more.group(1).replace("&amp;", "&") if more else None
    twin_ids, url = [], f"/api/statements/?{query}&page_size=10"
    while url:
        body = client.get(url).json()
        twin_ids += [s["id"] for s in body["results"]]
        url = body["next"]
    assert page_ids
    assert twin_ids == page_ids


def test_the_list_is_given_oldest_first_with_undated_statements_last(client, many, data):
    from django.db.models import F

    expected = list(
        Statement.objects.order_by(F("said_on").asc(nulls_last=True), "id").values_list("id", flat=True)
    )
    listed, url = [], "/api/statements/?ordering=said_on&page_size=7"
    while url:
        body = client.get(url).json()
        listed += [s["id"] for s in body["results"]]
        url = body["next"]
    assert listed == expected
    assert Statement.objects.get(pk=listed[-1]).said_on is None
    exported = json.loads(b"".join(client.get("/statements.json?ordering=said_on").streaming_content))
    assert [s["id"] for s in exported["statements"]] == expected


def test_the_page_offers_its_orders_keeping_the_filters(client, many, data):
    html = client.get("/", {"topic": "csto", "page_size": 10}).text
    assert '<strong aria-current="true">latest said first</strong>' in html
    assert 'href="?topic=csto&amp;page_size=10&amp;ordering=said_on"' in html
    assert "older →" in html
    oldest = client.get("/", {"topic": "csto", "page_size": 10, "ordering": "said_on"}).text
    assert '<strong aria-current="true">earliest said first</strong>' in oldest
    assert 'href="?topic=csto&amp;page_size=10"' in oldest
    assert "later →" in oldest
    assert "ordering=said_on&amp;after=" in oldest


@pytest.mark.parametrize("url", ["/", "/api/statements/", "/statements.csv", "/api/statements/?format=csv"])
def test_it_refuses_an_order_no_index_serves_naming_the_parameter(client, data, url):
    response = client.get(url, {"ordering": "speaker"})
    assert response.status_code == 400
    assert "ordering" in response.content.decode()


def test_the_api_list_says_how_many_statements_its_filters_keep(client, many, data, monkeypatch):
    from reactions.api import pagination

    body = client.get("/api/statements/", {"speaker": "vladimir-putin", "page_size": 10}).json()
    putin = Statement.objects.filter(speaker__slug="vladimir-putin").count()
    assert (body["count"], body["count_exact"]) == (putin, True)
    assert len(body["results"]) == 10
    # Past the size counted exactly, the database's estimate, marked as such and never below what
    # was counted.
    monkeypatch.setattr(pagination, "COUNT_EXACT_UP_TO", 20)
    from django.core.cache import cache

    cache.clear()
    body = client.get("/api/statements/", {"speaker": "vladimir-putin", "page_size": 10}).json()
    assert body["count_exact"] is False
    assert body["count"] >= 21


def test_a_searched_api_list_counts_its_rows_with_its_first_page(client, many, monkeypatch):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reactions.api import pagination
    from reactions.models import StatementQuerySet

    # The plan PostgreSQL gives a search of few rows at a million statements: every match found (a
    # bitmap), then sorted. On a table this small the planner may walk an index instead, depending
    # on what the statistics say, so the plan is given (the other plan has its own test below).
    sort = {"Node Type": "Limit", "Plans": [{"Node Type": "Sort", "Plan Rows": 60}]}
    monkeypatch.setattr(StatementQuerySet, "explained", lambda self: sort)
    matching = Statement.objects.filter(normalised__contains="رقم").count()
    assert matching >= 60
    asked = {"q": "رقم", "page_size": 10}
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/statements/", asked).json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (matching, True, 10)
    # The search's rows are found once: no query of its own counts them again.
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    # The second page still says how many the list holds: its count is the first page's, cached.
    second = client.get(body["next"]).json()
    assert (second["count"], second["count_exact"]) == (matching, True)
    # Counted with the first page: past the size counted exactly, an estimate, never below it.
    monkeypatch.setattr(pagination, "COUNT_EXACT_UP_TO", 20)
    cache.clear()
    body = client.get("/api/statements/", asked).json()
    assert body["count_exact"] is False
    assert body["count"] >= 21
    assert len(body["results"]) == 10


def test_a_search_whose_plan_walks_an_index_in_order_is_counted_apart_from_its_page(
    client, many, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reactions.models import StatementQuerySet

    # The plan PostgreSQL gives a common word alone at a million statements: the newest-first index
    # walked until the page is full. Reading a thousand rows so costs more than counting them.
    walk = {"Node Type": "Limit", "Plans": [{"Node Type": "Index Scan", "Plan Rows": 250_000}]}
    monkeypatch.setattr(StatementQuerySet, "explained", lambda self: walk)
    matching = Statement.objects.filter(normalised__contains="رقم").count()
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/statements/", {"q": "رقم", "page_size": 10}).json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (matching, True, 10)
    assert [q for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(")]


def test_the_timeline_names_its_periods_as_readers_do(client, many):
    # A month is «January 2022», not the date of its first day; a week says it is one.
    by_month = client.get("/timeline/", {"group": "month"}).text
    assert ">January 2022</a>" in by_month
    assert "Sat 1 Jan 2022" not in by_month
    assert ">week of 27 Dec 2021</a>" in client.get("/timeline/", {"group": "week"}).text


def test_a_country_s_page_lists_what_its_bodies_and_officials_said_and_says_so(client, said):
    said("russia", "statement", "csto", 6)
    lavrov = said("sergey-lavrov", "support", "csto", 7)
    said("russian-foreign-ministry", "disapprove", "protests", 8)
    said("protesters", "demand", "protests", 8)  # of Kazakhstan: a group speaks for no state
    page = client.get("/actors/russia/")
    assert len(page.context["rows"]) == 3
    assert "3</strong> statements by <bdi>Russia</bdi> and the bodies and officials" in page.text
    assert "1 by <bdi>Russia</bdi> itself" in page.text
    # The country facet counts the same three.
    facet = client.get("/api/statements/facets/").json()["country"]
    assert {"value": "RU", "count": 3} in [{k: f[k] for k in ("value", "count")} for f in facet]
    own = client.get("/actors/russia/?own=1")
    assert len(own.context["rows"]) == 1
    # A person's page is theirs alone.
    assert [s["id"] for s in client.get("/actors/sergey-lavrov/").context["rows"]] == [lavrov.pk]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Putin said on Monday that the troops would stay.", "Monday"),
        ("On 7 January, Lavrov said that the mission was legitimate.", "7 January"),
        ("Лавров заявил вчера, что миссия законна.", "вчера"),
        # A day inside the reported words is not the day they were said: nothing to quote.
        ("Putin said that the troops would leave on Friday.", ""),
    ],
)
def test_the_words_that_fixed_the_day_are_quoted_as_written(loaded_catalogue, sentence, words):
    language = "ru" if "Лавров" in sentence else "en"
    services.store(
        f"Headline\n{sentence}\n",
        ManifestEntry(file="t.txt", source="Outlet", published=date(2022, 1, 12), language=language),
    )
    statement = Statement.objects.select_related("article").exclude(content="Headline").get()
    assert statement.date_words() == words


def test_the_timeline_counts_the_statements_it_cannot_place_on_a_day(client, said):
    said("vladimir-putin", "support", "csto", 6)
    said("vladimir-putin", "support", "csto", None)
    said("sergey-lavrov", "disapprove", "protests", None)
    page = client.get("/timeline/").text
    assert "Not on the chart: 2 statements whose articles do not give the day they were said" in page
    assert (
        "Not on the chart: 1 statement whose article does not give the day it was said"
        in client.get("/timeline/", {"topic": "csto"}).text
    )
    assert "Not on the chart" not in client.get("/timeline/", {"said_from": "2022-01-01"}).text
