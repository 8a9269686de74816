"""The overview (/reactions/ and its JSON twin): the stance rule, what it says of each country and
organisation, the map and the table from one source, and bad input."""

import html
import re
from datetime import date

import pytest

from articles.extraction.vocab import ACTS
from reactions.lib import world_map
from reactions.lib.release import code_release
from reactions.models import Actor, Statement
from reactions.overview import STANCE_OF_ACT, STANCES, overview, stance_of

JAN = date(2022, 1, 1)


@pytest.mark.parametrize(
    ("counts", "latest", "expected"),
    [
        ({}, {}, None),
        ({"neutral": 3}, {}, "neutral"),
        # Plain statements are set aside: two supporting statements among five plain ones support.
        ({"support": 2, "neutral": 5}, {}, "support"),
        ({"support": 2, "disapprove": 3, "neutral": 9}, {}, "disapprove"),
        ({"appeal": 1}, {}, "appeal"),
        ({"reject": 4, "appeal": 1}, {}, "reject"),
        # A tie goes to the stance taken last...
        ({"support": 2, "reject": 2}, {"support": date(2022, 1, 9), "reject": date(2022, 1, 6)}, "support"),
        ({"support": 2, "reject": 2}, {"support": date(2022, 1, 6), "reject": date(2022, 1, 9)}, "reject"),
        # ...a dated stance after an undated one...
        ({"support": 1, "appeal": 1}, {"appeal": date(2022, 1, 6)}, "appeal"),
        # ...and on the same day, the first in STANCES.
        (
            {"disapprove": 1, "appeal": 1},
            {"disapprove": JAN.replace(day=6), "appeal": JAN.replace(day=6)},
            "appeal",
        ),
        ({"support": 0, "neutral": 0}, {}, None),
    ],
)
def test_the_stance_is_what_most_statements_take_plain_ones_aside(counts, latest, expected):
    assert stance_of(counts, latest) == expected


def test_every_act_takes_one_of_the_five_stances():
    assert set(STANCE_OF_ACT) == set(ACTS)
    assert set(STANCE_OF_ACT.values()) == set(STANCES)


@pytest.mark.django_db
def test_a_country_is_read_from_everything_its_bodies_and_officials_said(said):
    said("russia", "statement", "csto", 7)
    first_support = said("vladimir-putin", "support", "csto", 6)
    said("sergey-lavrov", "cooperate", "both", 8)
    said("sergey-lavrov", "disapprove", "protests", 5)
    said("maria-zakharova", "disapprove", "protests", None)
    said("united-nations", "appeal", "protests", 6)
    said("kassym-jomart-tokayev", "reject", "other", 10)
    found = overview(Statement.objects.all())

    russia = found.group("RU")
    assert (russia.name, russia.kind, russia.statements, russia.undated) == ("Russia", "country", 5, 1)
    assert russia.first_said_on == date(2022, 1, 5)
    # The CSTO deployment: support (Putin), cooperate (Lavrov, on both), a plain statement set aside.
    assert russia.sides["csto"].stance == "support"
    assert russia.sides["csto"].counts == {"support": 2, "neutral": 1}
    assert russia.sides["csto"].statement.pk == first_support.pk  # the first to take the stance
    # The protests: two disapprovals (one undated) against the one support of «both».
    assert russia.sides["protests"].stance == "disapprove"
    assert russia.sides["protests"].taken == 2
    assert {day.day: (cell.statements, cell.stance) for day, cell in russia.days.items()} == {
        5: (1, "disapprove"),
        6: (1, "support"),
        7: (1, "neutral"),
        8: (1, "support"),
    }
    united_nations = found.group("UN")
    assert (united_nations.kind, united_nations.sides["protests"].stance) == ("organisation", "appeal")
    assert united_nations.sides["csto"].stance is None
    assert united_nations.sides["csto"].statement is None
    # Kazakhstan said something on another topic only: it spoke, with no stance on either subject.
    kazakhstan = found.group("KZ")
    assert [side.stance for side in kazakhstan.sides.values()] == [None, None]
    # Earliest first reaction first; the matrix spans every day from the first to the last.
    assert [g.code for g in found.groups] == ["RU", "UN", "KZ"]
    assert [d.day for d in found.days] == list(range(5, 11))
    assert not found.unplaced


@pytest.mark.django_db
def test_protesters_speak_for_no_state_and_are_counted_apart(said):
    said("protesters", "demand", "protests", 5)
    said("kassym-jomart-tokayev", "reject", "protests", 6)
    found = overview(Statement.objects.all())
    assert found.unplaced == 1
    kazakhstan = found.group("KZ")
    assert (kazakhstan.statements, kazakhstan.sides["protests"].stance) == (1, "reject")
    assert kazakhstan.first_said_on == date(2022, 1, 6)


@pytest.mark.django_db
def test_the_representative_is_the_first_statement_that_took_the_stance(said):
    said("sergey-lavrov", "support", "csto", 9)
    said("sergey-lavrov", "disapprove", "csto", 4)  # earlier, but not the stance
    said("vladimir-putin", "support", "csto", None)  # undated: after every dated one
    first = said("vladimir-putin", "cooperate", "both", 7)
    side = overview(Statement.objects.all()).group("RU").sides["csto"]
    assert (side.stance, side.statement.pk) == ("support", first.pk)


@pytest.mark.django_db
def test_the_overview_costs_the_same_queries_whatever_the_number_of_groups(said):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as run:
            overview(Statement.objects.all())
        return len(run)

    said("vladimir-putin", "support", "both", 6)
    one = queries()
    for slug in ("kassym-jomart-tokayev", "united-nations", "wang-yi", "antony-blinken"):
        said(slug, "disapprove", "both", 7)
    if connection.features.supports_slicing_ordering_in_compound:  # the representatives: one query
        assert queries() == one
    else:  # one a side
        assert queries() == one + 2 * 4


TALLY_QUERIES = [
    "",
    "topic=csto",
    "topic=protests&topic=both",
    "language=ru",
    "said_from=2022-01-06",
    "said_to=2022-01-07",
    "said_from=2022-01-06&said_to=2022-01-08&act=support&act=disapprove",
    "country=RU&kind=person",
]


@pytest.mark.django_db
def test_the_tallies_the_database_keeps_say_what_the_statements_say(said):
    from django.http import QueryDict

    from reactions.filters import StatementFilter
    from reactions.models import DayTally
    from reactions.overview import tallied

    said("vladimir-putin", "support", "csto", 6, "ru")
    said("vladimir-putin", "support", "csto", 6, "ru")
    edited = said("sergey-lavrov", "disapprove", "protests", 5)
    said("sergey-lavrov", "disapprove", "both", None, "ru")
    gone = said("united-nations", "appeal", "protests", 7)
    said("kassym-jomart-tokayev", "reject", "both", 7, "ar")
    said("protesters", "demand", "protests", 8, "ar")
    said("wang-yi", "support", "protests", 9)
    # Every kind of write after them: an edit, a deletion, a bulk update, an actor moved to a country.
    edited.act, edited.said_on = "appeal", date(2022, 1, 8)
    edited.save()
    gone.delete()
    Statement.objects.filter(speaker__slug="wang-yi").update(topic="csto")
    china = Actor.objects.get(slug="wang-yi")
    china.country = "KZ"
    china.save()
    for query in TALLY_QUERIES:
        filterset = StatementFilter(QueryDict(query))
        assert filterset.is_valid()
        in_use = {k for k in filterset.form.cleaned_data if QueryDict(query).get(k)}
        condition = tallied(filterset.conditions(), in_use)
        assert condition is not None, query
        from_tallies = overview(filterset.qs, DayTally.objects.filter(condition))
        assert from_tallies == overview(filterset.qs), query
        assert from_tallies.groups or query == "country=RU&kind=person", query


def _tally_as_counted() -> tuple[dict, dict]:
    """The tally's rows (key -> statements, first id) as the database keeps them, and as counted
    from the statements shown."""
    from reactions.models import UNDATED, DayTally

    keys = ("said_on", "speaker_country", "speaker_kind", "topic", "act", "language")
    counted: dict[tuple, list[int]] = {}
    for pk, day, *rest in Statement.objects.values_list("pk", *keys):
        row = counted.setdefault((day or UNDATED, *rest), [0, pk])
        row[0] += 1
        row[1] = min(row[1], pk)
    kept = {
        tuple(row[:-2]): list(row[-2:])
        for row in DayTally.objects.filter(statements__gt=0).values_list(*keys, "statements", "first_id")
    }
    return kept, counted


@pytest.mark.django_db
def test_each_tally_row_names_the_first_statement_it_counts_after_every_kind_of_write(said):
    from reactions.models import DayTally

    first, second, third = (said("sergey-lavrov", "support", "csto", 6) for _ in range(3))
    undated = [said("sergey-lavrov", "support", "csto", None) for _ in range(2)]
    said("vladimir-putin", "appeal", "both", 7, "ru")
    steps = [
        lambda: first.delete(),  # the row's first gone: the next is read again
        lambda: Statement.objects.filter(pk=second.pk).update(act="appeal"),  # moved to another row
        lambda: Statement.all_objects.filter(pk=third.pk).update(rejected=True),  # its row counts none
        lambda: Statement.all_objects.filter(pk=third.pk).update(rejected=False),  # back again
        lambda: undated[0].delete(),
        lambda: Statement.objects.filter(pk=second.pk).update(act="support", said_on=None),  # undated, first
        lambda: Statement.objects.filter(speaker__slug="sergey-lavrov").update(topic="both"),  # all at once
    ]
    for n, step in enumerate(steps):
        step()
        kept, counted = _tally_as_counted()
        assert kept == counted, n
    # A row that counts nothing names no statement.
    assert set(DayTally.objects.filter(statements=0).values_list("first_id", flat=True)) <= {None}


@pytest.mark.django_db
def test_any_period_summed_from_the_tally_in_the_process_says_what_the_statements_say(said):
    from django.http import QueryDict

    from reactions.filters import StatementFilter
    from reactions.overview import _series_for, cached_overview

    said("vladimir-putin", "support", "csto", 6, "ru")
    said("vladimir-putin", "appeal", "both", 8, "ru")
    said("sergey-lavrov", "support", "csto", 9, "ru")  # the first support after the 6th: a period's own
    said("sergey-lavrov", "disapprove", "protests", 5)
    said("sergey-lavrov", "disapprove", "both", None, "ru")
    said("united-nations", "appeal", "protests", 7)
    said("kassym-jomart-tokayev", "reject", "both", 7, "ar")
    said("kassym-jomart-tokayev", "support", "csto", 9, "ar")
    said("protesters", "demand", "protests", 8, "ar")
    days = [f"2022-01-{d:02}" for d in range(4, 11)]
    periods = [{}] + [{"said_from": a} for a in days] + [{"said_to": b} for b in days]
    periods += [{"said_from": a, "said_to": b} for i, a in enumerate(days) for b in days[i:]]
    for rest in ({}, {"topic": "csto"}, {"language": "ru"}, {"country": "RU", "act": "support"}):
        for period in periods:
            params = QueryDict(mutable=True)
            params.update({**rest, **period})
            filterset = StatementFilter(params)
            assert _series_for(params, filterset) is not None
            found = cached_overview(params, filterset)
            assert found == overview(filterset.qs), params.urlencode()
            # Counted in the order of the stances, whatever order the rows came in: every process
            # gives the same JSON, byte for byte (an ETag depends on it).
            for side in (side for group in found.groups for side in group.sides.values()):
                assert list(side.counts) == [s for s in STANCES if s in side.counts], params.urlencode()


def test_a_filter_no_tally_holds_is_counted_from_the_statements():
    from reactions.overview import tallied

    for in_use in ({"q"}, {"speaker"}, {"topic", "source"}, {"event"}, {"quote"}, {"published_from"}):
        assert tallied({}, in_use) is None


def _map_stances(html: str) -> dict[str, str]:
    return {code: stance for stance, code in re.findall(r'class="stance-(\w+)" data-country="(\w+)"', html)}


def _table_stances(html: str) -> dict[str, list[str]]:
    rows = re.findall(r'<tr id="group-(\w+)">(.*?)</tr>', html, re.S)
    stance = r'data-label="On [^"]+">(?:<span class="stance-word stance-(\w+)">|<span class="meta">nothing)'
    return {code: re.findall(stance, row) for code, row in rows}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["", "topic=protests", "language=ru", "said_from=2022-01-06&said_to=2022-01-07"]
)
def test_the_map_the_table_and_the_json_twin_say_the_same(client, said, query):
    said("vladimir-putin", "support", "csto", 6, "ru")
    said("sergey-lavrov", "disapprove", "protests", 5)
    said("sergey-lavrov", "disapprove", "protests", 7, "ru")
    said("united-nations", "appeal", "protests", 6)
    said("kassym-jomart-tokayev", "reject", "both", 7, "ru")
    said("wang-yi", "support", "protests", 8)
    page = client.get(f"/reactions/?{query}").content.decode()
    protests_map = client.get(f"/reactions/?{query}&map=protests").content.decode()
    data = client.get(f"/api/statements/reactions/?{query}").json()

    twin = {g["code"]: [g["csto"]["stance"] or "", g["protests"]["stance"] or ""] for g in data["groups"]}
    assert _table_stances(page) == twin
    on_map = {g["code"]: g for g in data["groups"] if g["on_map"]}
    assert _map_stances(page) == {c: g["csto"]["stance"] or "none" for c, g in on_map.items()}
    assert _map_stances(protests_map) == {c: g["protests"]["stance"] or "none" for c, g in on_map.items()}
    assert twin, "the filters of this case keep some statements"


@pytest.mark.django_db
def test_every_number_links_to_the_statements_it_counts(client, said):
    said("vladimir-putin", "support", "csto", 6)
    said("sergey-lavrov", "disapprove", "protests", 6)
    said("sergey-lavrov", "disapprove", "protests", 9)  # outside the period asked
    said("kassym-jomart-tokayev", "reject", "both", 7)
    said("wang-yi", "support", "csto", 7)  # not a country asked
    page = client.get("/reactions/?said_from=2022-01-05&said_to=2022-01-08&country=RU&country=KZ").text
    cells = re.findall(r'<td class="stance-\w+"><a href="([^"]+)">(\d+)</a>', page)
    assert sorted(int(n) for _, n in cells) == [1, 2]
    for link, shown in cells:
        listed = client.get(html.unescape(link) + "&counts=now").context["total"]
        assert listed == int(shown), link
    groups = dict(re.findall(r'<tr id="group-(\w+)">\s*<th scope="row"><a href="([^"]+)">', page))
    assert set(groups) == {"RU", "KZ"}
    assert client.get(html.unescape(groups["RU"]) + "&counts=now").context["total"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/statements/reactions/?topic=war", "topic"),
        ("/api/statements/reactions/?language=fr", "language"),
        ("/api/statements/reactions/?said_from=2022-01-09&said_to=2022-01-01", "said_from"),
    ],
)
def test_the_overview_twin_refuses_a_bad_value_in_the_api_s_shape(client, loaded_catalogue, url, parameter):
    # (The page's 400s are in test_explorer_pages' table of bad values.)
    error = client.get(url).json()["error"]
    assert (error["status"], list(error["fields"])) == (400, [parameter])


@pytest.mark.django_db
def test_the_overview_says_what_to_do_when_nothing_is_there(client, loaded_catalogue):
    assert "ingest articles first" in client.get("/reactions/").content.decode()
    assert "clear them" in client.get("/reactions/?topic=csto").content.decode()


def test_the_map_draws_countries_where_they_are_and_no_bloc():
    assert all(world_map.drawn(code) for code in ("KZ", "RU", "US"))
    assert not any(world_map.drawn(code) for code in ("CSTO", "BH"))  # a bloc; too small at 1:110m
    points = re.findall(r"([\d.]+),([\d.]+)", world_map.countries()["KZ"])
    xs, ys = [float(x) for x, _ in points], [float(y) for _, y in points]
    # Kazakhstan: east of the map's middle (Greenwich), in its northern half.
    assert world_map.WIDTH / 2 < min(xs) < max(xs) < world_map.WIDTH * 0.8
    assert 0 < min(ys) < max(ys) < world_map.HEIGHT / 2
    for code, path in world_map.countries().items():
        assert re.fullmatch(r"(M[-\d.,L]+Z)+", path), code


def test_a_change_to_the_code_is_a_new_release(tmp_path):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>one</p>")
    before = code_release(tmp_path)
    assert code_release(tmp_path) == before
    page.write_text("<p>two</p>")
    assert code_release(tmp_path) != before


@pytest.mark.django_db
def test_the_page_draws_its_countries_from_one_document_the_browser_keeps(client, said):
    said("vladimir-putin", "support", "csto", 6)
    shapes = client.get("/reactions/world-110m.svg")
    assert shapes["Content-Type"] == "image/svg+xml"
    assert "max-age=604800" in shapes["Cache-Control"]
    ids = set(re.findall(r'<path id="(\w+)"', shapes.content.decode()))
    assert ids == set(world_map.countries())
    page = client.get("/reactions/").content.decode()
    used = re.findall(r'href="/reactions/world-110m.svg#(\w+)"', page)
    assert used == ["world", "RU"]
    assert len(page) < 40_000  # the shapes are not in it
