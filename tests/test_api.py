"""The read API: every endpoint, every statement filter, bad values, cursors and CSV."""

import csv
import io
import json

import pytest
from rest_framework.test import APIClient

from reactions import listing
from reactions.models import Statement
from tests.conftest import ARTICLE_A

pytestmark = pytest.mark.django_db

ARTICLE_B = (
    "عنوان ب\n"
    "وأكد بيتر ستانو، الاثنين، أن قوات حفظ السلام يجب أن تنسحب قريبا.\n"
    'وقال المتحدث باسم الجيش الأوزبكي إن =HYPERLINK("x") الحدود آمنة.\n'
)


@pytest.fixture
def data(store_with_article_a):
    store_with_article_a(ARTICLE_B)


@pytest.fixture
def api():
    return APIClient()


def speakers(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(s["speaker_slug"] for s in response.json()["results"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["kassym-jomart-tokayev", "peter-stano", "sergey-lavrov", "المتحدث-باسم-الجيش-الأوزبكي"]),
        ({"speaker": "توكايف"}, ["kassym-jomart-tokayev"]),  # an alias, in another spelling
        ({"speaker": "Lavrov"}, ["sergey-lavrov"]),
        ({"speaker": "peter-stano,sergey-lavrov"}, ["peter-stano", "sergey-lavrov"]),
        ({"country": "kz"}, ["kassym-jomart-tokayev"]),
        ({"kind": "person", "country": "EU"}, ["peter-stano"]),
        ({"act": "appeal"}, ["sergey-lavrov"]),
        ({"topic": "csto"}, ["peter-stano"]),
        ({"quote": "direct"}, ["kassym-jomart-tokayev"]),
        ({"source": "outlet b"}, ["peter-stano", "المتحدث-باسم-الجيش-الأوزبكي"]),
        # The army spokesman's words take the article's news day, the day Stano spoke.
        (
            {"said_from": "2022-01-10", "said_to": "2022-01-10"},
            ["peter-stano", "المتحدث-باسم-الجيش-الأوزبكي"],
        ),
        ({"published_to": "2022-01-07"}, ["kassym-jomart-tokayev", "sergey-lavrov"]),
        ({"q": "الارهابيين"}, ["kassym-jomart-tokayev"]),  # without the hamza of the stored words
        ({"q": "ضبط النفس"}, ["sergey-lavrov"]),
        ({"q": "لا يوجد"}, []),
    ],
)
def test_statements_are_filtered(api, data, params, expected):
    assert speakers(api.get("/api/statements/", params)) == sorted(expected)


def test_a_listed_statement_carries_its_speaker_article_and_outlets(api, data):
    item = api.get("/api/statements/", {"speaker": "lavrov"}).json()["results"][0]
    assert (item["speaker"], item["speaker_slug"], item["country"]) == (
        "Sergey Lavrov",
        "sergey-lavrov",
        "RU",
    )
    assert (item["outlet"], item["outlets"], item["published"]) == ("Outlet A", 1, "2022-01-06")
    statement = Statement.objects.get(pk=item["id"])
    assert (item["start"], item["end"], item["content"]) == (
        statement.start,
        statement.end,
        statement.content,
    )
    # One statement is the full record: its speaker's institutions, its article.
    one = api.get(f"/api/statements/{item['id']}/").json()
    assert one["cue"] == "ودعا"
    assert one["speaker"]["chain"][0]["slug"] == "russian-foreign-ministry"
    assert one["article"]["source"] == "Outlet A"


@pytest.mark.parametrize("query", ["", "speaker=lavrov", "act=appeal&ordering=said_on", "q=الارهابيين"])
def test_the_api_list_and_the_json_export_give_the_same_items(api, data, query):
    listed = api.get(f"/api/statements/?{query}").json()["results"]
    exported = json.loads(b"".join(api.get(f"/statements.json?{query}").streaming_content))
    assert listed
    assert listed == exported["statements"]
    assert list(listed[0]) == exported["columns"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"act": "shout"}, "act"),
        ({"topic": "weather"}, "topic"),
        ({"quote": "x"}, "quote"),
        ({"kind": "robot"}, "kind"),
        ({"said_from": "10/01/2022"}, "said_from"),
        ({"published_to": "2022-02-30"}, "published_to"),
        ({"article": "abc"}, "article"),
        ({"after": "bm90IGEgY3Vyc29y"}, "after"),
        ({"after": "2022-13-01.5"}, "after"),
        ({"q": "x" * 10_000}, "q"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(api, data, params, parameter):
    response = api.get("/api/statements/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert parameter in error["fields"]


@pytest.mark.parametrize(
    ("parameter", "value", "known"),
    [
        ("speaker", "nobody-at-all", "sergey-lavrov"),
        ("country", "XX", "RU"),
        ("source", "The Daily Nothing", "Outlet A"),
        ("event", "no-such-event", None),
    ],
)
@pytest.mark.parametrize(
    "url", ["/api/statements/", "/api/statements/facets/", "/api/statements/?format=csv", "/statements.json"]
)
def test_it_refuses_a_name_the_catalogue_does_not_know_naming_the_parameter_and_the_value(
    api, data, url, parameter, value, known
):
    """An unknown speaker, country, outlet or event is answered like an unknown act: a 400 naming
    the parameter and the value, never 200 and an empty list that looks like "nobody said it"."""
    response = api.get(url, {parameter: [value, known] if known else [value]})
    assert response.status_code == 400
    error = response.json()["error"]
    assert parameter in error["fields"]
    assert value in " ".join(error["fields"][parameter])
    if known:  # with the unknown value gone, the same request is answered
        assert api.get(url, {parameter: known}).status_code == 200


def test_the_statements_page_names_the_speaker_it_does_not_know(client, data):
    response = client.get("/", {"speaker": ["nobody-at-all", "Lavrov"]})
    assert response.status_code == 400
    assert "<code>speaker</code>" in response.text
    assert "«nobody-at-all»" in response.text


def test_pages_walk_the_whole_list_once_in_the_statements_page_s_order(api, data):
    seen, url = [], "/api/statements/?page_size=1"
    while url:
        body = api.get(url).json()
        seen += [s["id"] for s in body["results"]]
        url = body["next"]
    assert seen == list(Statement.objects.in_order().values_list("pk", flat=True))


def test_csv_streams_the_filtered_list_with_formulas_defused(api, data):
    response = api.get("/api/statements/", {"format": "csv", "source": "Outlet B"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(r["speaker_slug"] for r in rows) == ["peter-stano", "المتحدث-باسم-الجيش-الأوزبكي"]
    assert all(not r["content"].startswith("=") for r in rows)
    accept = api.get("/api/statements/", HTTP_ACCEPT="text/csv")
    assert accept["Content-Type"].startswith("text/csv")


def test_actors_are_found_by_any_name(api, data):
    found = api.get("/api/actors/", {"search": "توكايف"}).json()["results"]
    assert [a["slug"] for a in found] == ["kassym-jomart-tokayev"]
    assert [a["slug"] for a in api.get("/api/actors/", {"search": "Токаев"}).json()["results"]] == [
        "kassym-jomart-tokayev"
    ]
    actor = api.get("/api/actors/sergey-lavrov/").json()
    assert {"text": "لافروف", "language": "ar", "kind": "name"} in actor["aliases"]
    statements = api.get("/api/actors/sergey-lavrov/statements/").json()["results"]
    assert [s["act"] for s in statements] == ["appeal"]
    assert api.get("/api/actors/nobody/").status_code == 404
    assert api.get("/api/actors/sergey-lavrov/statements/", {"act": "bad"}).status_code == 400


def test_sources_articles_and_events(api, data):
    from django.core.management import call_command

    call_command("load_catalogue")
    assert [s["name"] for s in api.get("/api/sources/").json()] == ["Outlet A", "Outlet B"]
    articles = api.get("/api/articles/").json()["results"]
    detail = api.get(f"/api/articles/{articles[-1]['id']}/").json()
    assert detail["text"] == ARTICLE_A
    assert all(detail["text"][s["start"] : s["end"]] for s in detail["statements"])
    events = api.get("/api/events/").json()
    assert any(e["slug"] == "csto-extraordinary-session" for e in events)
    event = next(e for e in events if e["slug"] == "withdrawal-completed")
    assert api.get(f"/api/events/{event['id']}/").json()["start"] == "2022-01-19"


def test_facets_count_the_filtered_statements_with_toggle_links(api, data):
    body = api.get("/api/statements/facets/", {"source": "Outlet A"}).json()
    assert {f["value"]: f["count"] for f in body["act"]} == {"appeal": 1, "disapprove": 1}
    lavrov = next(f for f in body["speaker"] if f["value"] == "sergey-lavrov")
    assert lavrov["label"] == "Sergey Lavrov"
    assert lavrov["toggle"] == "?source=Outlet+A&speaker=sergey-lavrov"
    assert not lavrov["selected"]
    outlets = {f["value"]: (f["count"], f["selected"]) for f in body["source"]}
    assert outlets == {"Outlet A": (2, True), "Outlet B": (2, False)}
    assert [d["value"] for d in body["day"]] == ["2022-01-05"]
    selected = api.get("/api/statements/facets/", {"act": "appeal"}).json()["act"]
    # A facet's own filter is left out of its counts: the chosen act comes first, the others follow.
    assert selected[0] == {"value": "appeal", "label": "appeal", "count": 1, "selected": True, "toggle": "?"}
    assert len(selected) > 1
    assert not any(f["selected"] for f in selected[1:])
    weeks = api.get("/api/statements/facets/", {"group": "week"}).json()["day"]
    assert [w["value"] for w in weeks] == ["2022-01-03", "2022-01-10"]
    assert api.get("/api/statements/facets/", {"group": "year"}).status_code == 400
    assert api.get("/api/statements/facets/", {"topic": "bad"}).status_code == 400


def test_an_analyst_corrects_a_statement_and_it_is_recorded(api, data, django_user_model):
    statement = Statement.objects.get(speaker__slug="sergey-lavrov")
    body = {"act": "demand", "said_on": "2022-01-05", "speaker": "russian-foreign-ministry"}
    assert api.patch(f"/api/statements/{statement.pk}/", body, format="json").status_code == 401
    reader = django_user_model.objects.create_user("reader")
    api.force_authenticate(reader)
    assert api.patch(f"/api/statements/{statement.pk}/", body, format="json").status_code == 403
    analyst = django_user_model.objects.create_user("analyst", is_staff=True)
    api.force_authenticate(analyst)
    response = api.patch(f"/api/statements/{statement.pk}/", body, format="json")
    assert response.status_code == 200
    assert response.json()["speaker"]["slug"] == "russian-foreign-ministry"
    statement.refresh_from_db()
    assert (statement.act, statement.said_on.isoformat()) == ("demand", "2022-01-05")
    assert (statement.corrected_by_human, statement.corrected_by) == (True, analyst)
    assert statement.corrected_at is not None
    bad = api.patch(f"/api/statements/{statement.pk}/", {"act": "shout", "speaker": "nobody"}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"act", "speaker"}
    assert api.put(f"/api/statements/{statement.pk}/", body, format="json").status_code == 405


def test_anonymous_readers_are_throttled_with_a_retry_after(api, data, monkeypatch):
    from reactions.api.throttling import ReaderRateThrottle

    monkeypatch.setattr(ReaderRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    codes = [api.get("/api/sources/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = api.get("/api/sources/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["status"] == 429


def test_a_reader_is_counted_once_at_the_rate_of_their_kind(api, data, monkeypatch, django_user_model):
    from django.core.cache import caches

    from reactions.api.throttling import ReaderRateThrottle

    monkeypatch.setattr(ReaderRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "4/min"})
    backend, touched = caches["default"], []
    for method in ("get", "set"):
        original = getattr(backend, method)

        def recorded(key, *args, original=original, **kwargs):
            if key.startswith("throttle_"):
                touched.append(key)
            return original(key, *args, **kwargs)

        monkeypatch.setattr(backend, method, recorded)
    assert api.get("/api/sources/").status_code == 200
    assert len(touched) == 2  # one counter, read and written
    assert [api.get("/api/sources/").status_code for _ in range(2)] == [200, 429]
    api.force_authenticate(django_user_model.objects.create_user("reader"))
    assert [api.get("/api/sources/").status_code for _ in range(5)] == [200, 200, 200, 200, 429]


def test_a_forwarded_address_a_client_writes_does_not_escape_the_throttle(api, data, monkeypatch, settings):
    from reactions.api.throttling import ReaderRateThrottle

    monkeypatch.setattr(ReaderRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    codes = [api.get("/api/sources/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
    # Behind one proxy, the address it appended counts, not what the client wrote before it.
    from django.core.cache import cache

    cache.clear()
    settings.NUM_PROXIES = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    spoofed = [
        api.get("/api/sources/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7").status_code
        for n in range(4)
    ]
    assert spoofed == [200, 200, 200, 429]
    cache.clear()
    readers = [api.get("/api/sources/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]
    assert readers == [200, 200, 200, 200]


def test_the_openapi_schema_documents_every_filter_and_its_values(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    statements = schema["paths"]["/api/statements/"]["get"]
    parameters = {p["name"]: p for p in statements["parameters"]}
    assert {
        "speaker",
        "country",
        "kind",
        "act",
        "topic",
        "quote",
        "source",
        "event",
        "article",
        "said_from",
        "said_to",
        "published_from",
        "published_to",
        "q",
        "after",
        "page_size",
    } <= set(parameters)
    assert set(parameters["act"]["schema"]["items"]["enum"]) == {
        "statement",
        "appeal",
        "cooperate",
        "consult",
        "support",
        "demand",
        "disapprove",
        "reject",
    }
    assert "/api/ingest/" in schema["paths"]
    # Each filter's type, as a client generator reads it.
    assert (
        parameters["said_from"]["schema"]
        == parameters["said_to"]["schema"]
        == {"type": "string", "format": "date"}
    )
    assert parameters["act"]["schema"]["items"]["type"] == "string"
    # A speaker, an outlet or an event by id, slug or name: text (an integer would refuse a slug).
    for name in ("speaker", "country", "source", "event"):
        assert parameters[name]["schema"] == {"type": "array", "items": {"type": "string"}}, name


def test_every_parameter_of_every_endpoint_says_what_it_means_and_whether_it_repeats(api):
    from reactions.filters import StatementFilter

    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    undescribed, repeatable = [], {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if not parameter.get("description", "").strip():
                    undescribed.append(f"{method} {path} {parameter['name']}")
                if path == "/api/statements/":
                    # A query parameter given as an array repeats (OpenAPI's form style explodes).
                    repeats = parameter["schema"].get("type") == "array" and parameter.get("explode", True)
                    repeatable[parameter["name"]] = repeats
    assert undescribed == []
    # Every filter that takes several values says so, and no other parameter does.
    several = {"speaker", "country", "kind", "act", "topic", "quote", "language", "source", "event"}
    assert {name for name, repeats in repeatable.items() if repeats} == several
    assert several <= set(StatementFilter.base_filters)
    assert "Repeat the parameter" in next(
        p["description"]
        for p in schema["paths"]["/api/statements/"]["get"]["parameters"]
        if p["name"] == "speaker"
    )


def test_the_api_docs_are_served_from_local_static_files(api):
    page = api.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()


def test_the_hand_built_statement_is_what_its_declared_fields_give(data):
    from rest_framework import serializers

    from reactions.api.serializers import StatementSerializer

    serializer = StatementSerializer()
    for statement in Statement.objects.for_listing():
        fast = serializer.to_representation(statement)
        assert fast == serializers.ModelSerializer.to_representation(serializer, statement)
        assert list(fast) == serializer.Meta.fields


@pytest.mark.parametrize("size", ["0", "-1", "abc", "501", "²"])
def test_a_page_size_the_api_cannot_serve_is_a_400_naming_it(api, data, size):
    response = api.get("/api/statements/", {"page_size": size})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["page_size"]


def test_a_range_that_ends_before_it_starts_is_refused_on_the_page_and_in_the_api(api, client, data):
    params = {"said_from": "2022-01-10", "said_to": "2022-01-05"}
    response = api.get("/api/statements/", params)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "said_from": ["The range is reversed: 2022-01-10 is after said_to (2022-01-05)."]
    }
    page = client.get("/", params)
    assert page.status_code == 400
    assert "The range is reversed" in page.text
    # The page offers the range the other way round, the other filters kept.
    assert 'href="/?said_from=2022-01-05&amp;said_to=2022-01-10"' in page.text


def test_an_address_the_api_does_not_have_is_a_json_404(api):
    response = api.get("/api/nope/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_nested_validation_errors_are_named_by_their_path_without_python_reprs(api, django_user_model):
    api.force_authenticate(django_user_model.objects.create_user("analyst", is_staff=True))
    response = api.post(
        "/api/ingest/", {"articles": [{"source": "X"}, {"text": "a", "language": "xyz"}]}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error["fields"]) == {"articles.0.text", "articles.1.language"}
    assert "ErrorDetail" not in error["message"]
    assert "{" not in error["message"]


def test_a_correction_of_a_field_that_cannot_be_corrected_is_refused(api, data, django_user_model):
    statement = Statement.objects.get(speaker__slug="sergey-lavrov")
    api.force_authenticate(django_user_model.objects.create_user("analyst", is_staff=True))
    response = api.patch(
        f"/api/statements/{statement.pk}/", {"content": "other words", "act": "demand"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["content"]
    statement.refresh_from_db()
    assert (statement.act, statement.corrected_by_human) != ("demand", True)


def parameters_of(schema: dict, path: str) -> list[dict]:
    return schema["paths"][path]["get"]["parameters"]


def test_the_facets_and_the_csv_are_documented_as_they_answer(api, data):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    facets = schema["paths"]["/api/statements/facets/"]["get"]
    assert {"speaker", "act", "said_from", "q", "group"} <= {p["name"] for p in facets["parameters"]}
    typed = schema["components"]["schemas"]["Facets"]["properties"]
    answered = api.get("/api/statements/facets/").json()
    assert set(typed) == set(answered)  # the facets named as the filters they toggle: `source`
    listed = schema["paths"]["/api/statements/"]["get"]["responses"]["200"]["content"]
    assert listed["text/csv"]["schema"] == {"type": "string"}
    assert listed["application/json"]["schema"]["$ref"].endswith("PaginatedStatementItemList")
    item = schema["components"]["schemas"]["StatementItem"]["properties"]
    assert list(item) == listing.COLUMNS  # the list's item is the exports' record
    ordering = next(p for p in parameters_of(schema, "/api/statements/") if p["name"] == "ordering")
    assert ordering["schema"]["enum"] == list(listing.ORDERINGS)
    page_size = next(
        p for p in schema["paths"]["/api/statements/"]["get"]["parameters"] if p["name"] == "page_size"
    )
    assert (page_size["schema"]["minimum"], page_size["schema"]["maximum"]) == (1, 500)


def test_an_item_names_its_speaker_and_outlet_as_the_database_does(said):
    """Names come from memory (reactions/names.py); one written since they were read (a bulk write,
    before its version bump) is read from the database."""
    from reactions.models import Actor
    from reactions.names import known_names

    lavrov = said("sergey-lavrov", "appeal", "csto", 6)
    newcomer = said("vladimir-putin", "support", "csto", 7)
    known_names()
    # Neither write bumps the version: the names in memory do not hold the envoy.
    (envoy,) = Actor.objects.bulk_create(
        [Actor(slug="new-envoy", name="A New Envoy", role="Envoy", kind="person")]
    )
    Statement.objects.filter(pk=newcomer.pk).update(speaker=envoy)
    assert envoy.pk not in known_names().actors
    items = {i["id"]: i for i in listing.page_items([lavrov.pk, newcomer.pk])}
    joined = Statement.objects.values_list(
        "pk", "speaker__name", "speaker__slug", "speaker__role", "source__name"
    )
    for pk, name, slug, role, outlet in joined:
        item = items[pk]
        assert (item["speaker"], item["speaker_slug"], item["role"], item["outlet"]) == (
            name,
            slug,
            role,
            outlet,
        )
    assert items[newcomer.pk]["speaker"] == "A New Envoy"
