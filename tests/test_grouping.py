"""The same claim carried by several outlets is one group: the same speaker, said the same day or a
day apart, claim words (without function words) with a token F1 of at least SAME_CLAIM."""

from __future__ import annotations

from datetime import date

import pytest

from articles import services
from articles.extraction.normalize import SAME_CLAIM, bag_f1, claim_bag, normalize
from articles.reading import ManifestEntry
from reactions import listing
from reactions import services as reactions_services
from reactions.models import Statement


def _f1(a: str, b: str) -> float:
    x, y = claim_bag(normalize(a)), claim_bag(normalize(b))
    return bag_f1(x, x.total(), y, y.total())


# Pairs written for this test: two outlets' words for one claim, and one speaker's two claims.
SAME = [
    (
        "أنه طلب من منظمة معاهدة الأمن الجماعي المساعدة في التغلب على التهديد الإرهابي",
        "دول منظمة معاهدة الأمن الجماعي تقديم المساعدة لبلاده",
    ),
    (
        "the peacekeepers would leave Kazakhstan within days",
        "The peacekeepers will leave Kazakhstan within a few days.",
    ),
    (
        "миротворцы покинут Казахстан в течение нескольких дней",
        "Миротворцы покинут Казахстан через несколько дней",
    ),
    ("إن انسحاب القوات سيبدأ خلال يومين", "أن انسحاب القوات من كازاخستان سيبدأ خلال يومين"),
]
DIFFERENT = [
    ("the peacekeepers would leave Kazakhstan within days", "Moscow had not been asked for more troops"),
    ("أنه طلب المساعدة من المنظمة", "أن الوضع في ألماتي أصبح تحت السيطرة"),
    ("миротворцы покинут Казахстан", "в Алма-Ате восстановлен порядок"),
    # Function words alone in common are no claim in common.
    ("that it is in the interest of the people of the region", "that it was on the side of the law"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_two_reports_of_one_claim_reach_the_threshold(a, b):
    assert _f1(a, b) >= SAME_CLAIM


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_two_claims_of_one_speaker_stay_below_it(a, b):
    assert _f1(a, b) < SAME_CLAIM


LEAVE = "the peacekeepers would leave Kazakhstan within days"
LEAVE_AGAIN = "the peacekeepers will leave Kazakhstan within a few days"


def _peskov(outlet: str, published: date, weekday: str, words: str) -> None:
    """Outlet `outlet`'s article of `published`: Peskov said `words` on `weekday`."""
    services.store(
        f"{outlet}\n\nPeskov said on {weekday} that {words}.",
        ManifestEntry(file=f"{outlet}.txt", source=outlet, published=published, language="en"),
    )


def test_outlets_that_date_one_remark_a_day_apart_carry_one_claim(loaded_catalogue, client):
    _peskov("Outlet A", date(2022, 1, 11), "Monday", LEAVE)
    _peskov("Outlet B", date(2022, 1, 12), "Tuesday", LEAVE_AGAIN)
    _peskov("Outlet C", date(2022, 1, 14), "Thursday", LEAVE_AGAIN)
    first, second, later = Statement.objects.order_by("said_on")
    assert (first.said_on, second.said_on, later.said_on) == (
        date(2022, 1, 10),
        date(2022, 1, 11),
        date(2022, 1, 13),
    )
    assert second.first_report == first
    assert later.first_report is None  # three days on: said again, not the same report
    card = client.get("/", {"speaker": "dmitry-peskov", "said_to": "2022-01-11"}).text
    assert (
        'carried by 2 outlets</a>, first by <span dir="auto"><bdi>Outlet A</bdi></span> on 11 Jan 2022'
        in card
    )


def test_a_listed_statement_counts_the_outlets_of_its_claim_and_not_a_rejected_report(
    loaded_catalogue, admin_user
):
    _peskov("Outlet A", date(2022, 1, 11), "Monday", LEAVE)
    _peskov("Outlet B", date(2022, 1, 12), "Tuesday", LEAVE_AGAIN)
    _peskov("Outlet C", date(2022, 1, 14), "Thursday", LEAVE_AGAIN)
    first, second, later = Statement.objects.order_by("said_on")

    def listed() -> dict[int, int]:  # what every list, the API and the exports say of each
        return {item["id"]: item["outlets"] for item in listing.items(Statement.objects.all())}

    assert listed() == {first.pk: 2, second.pk: 2, later.pk: 1}
    assert listed() == {s.pk: s.outlets() for s in Statement.objects.all()}
    reactions_services.reject(second, admin_user)
    assert listed() == {first.pk: 1, later.pk: 1}


def test_a_speakers_other_claim_the_same_day_is_not_grouped(loaded_catalogue):
    _peskov("Outlet A", date(2022, 1, 11), "Monday", LEAVE)
    _peskov("Outlet B", date(2022, 1, 11), "Monday", "Moscow had not been asked for more troops")
    assert not Statement.objects.filter(first_report__isnull=False).exists()


def test_on_the_development_sets_tokayevs_appeal_of_5_january_is_one_claim_of_two_outlets(development_sets):
    appeal = Statement.objects.filter(
        speaker__slug="kassym-jomart-tokayev", said_on=date(2022, 1, 5), normalised__contains="المساعده"
    ).select_related("article__source")
    assert len({s.article.source_id for s in appeal}) >= 2
    assert len({s.first_report_id or s.pk for s in appeal}) == 1


def test_every_group_on_the_development_sets_is_one_speakers_words_within_a_day(development_sets):
    grouped = Statement.objects.filter(first_report__isnull=False).select_related("first_report")
    assert grouped.exists()
    for s in grouped:
        root = s.first_report
        assert root.speaker_id == s.speaker_id
        if root.article_id != s.article_id:  # across outlets; an article's own repeats have their test
            assert abs(root.said_on - s.said_on).days <= 1
            assert _f1(root.content, s.content) >= SAME_CLAIM


# Frames written for this test: the words around a cue that name (or do not name) an occasion.
OCCASIONS = [
    ("putin said in a phone call with tokayev on monday", "phone_call"),
    ("lavrov told a news conference in moscow", "press_briefing"),
    ("speaking at the extraordinary session of the collective security council, putin said", "csto_session"),
    ("putin said during monday's videoconference of csto members", "csto_session"),
    ("путин заявил в ходе телефонного разговора с токаевым", "phone_call"),
    ("лавров заявил на пресс-конференции", "press_briefing"),
    ("токаев в телеобращении к гражданам заявил", "speech"),
    ("в интервью телеканалу песков сказал", "interview"),
    # A meeting is not a session, an appeal is not a speech, a session of another body is not the CSTO's.
    ("putin said at a meeting with the government", ""),
    ("токаев в обращении к одкб заявил", ""),
    ("the un security council held an extraordinary session", ""),
]


@pytest.mark.parametrize(("frame", "kind"), OCCASIONS)
def test_an_occasion_is_read_from_its_frame_in_english_and_russian(frame, kind):
    from articles.extraction.occasions import find_occasion

    assert find_occasion(normalize(frame), csto_named="csto" in frame) == kind


def _story(outlet: str, language: str, text: str) -> None:
    services.store(
        f"{outlet}\n\n{text}",
        ManifestEntry(file=f"{outlet}.txt", source=outlet, published=date(2022, 1, 11), language=language),
    )


def test_the_speakers_words_at_one_occasion_in_other_languages_are_linked_as_the_same_occasion(
    loaded_catalogue, client
):
    _story(
        "Outlet E",
        "en",
        "Putin said in a phone call with Tokayev on Monday that the peacekeepers would leave soon.",
    )
    _story(
        "Outlet R",
        "ru",
        "Путин в понедельник в телефонном разговоре с Токаевым заявил, что ситуация стабилизировалась.",
    )
    _story(
        "Outlet A",
        "ar",
        "وقال الرئيس الروسي فلاديمير بوتين في اتصال هاتفي مع توكاييف يوم الاثنين إن الوضع استقر.",
    )
    # The same day in English, no occasion named; and Tokayev at the same call: neither is Putin's occasion.
    _story("Outlet F", "en", "Putin said on Monday that Moscow had not been asked for more troops.")
    _story(
        "Outlet G",
        "en",
        "Tokayev said in a phone call with Putin on Monday that order had been restored in Almaty.",
    )
    putin = Statement.objects.filter(speaker__slug="vladimir-putin")
    english = putin.get(language="en", events__isnull=False)
    russian, arabic = putin.get(language="ru"), putin.get(language="ar")
    assert russian.said_on == arabic.said_on == english.said_on == date(2022, 1, 10)

    linked = Statement.objects.at_same_occasion(english)
    assert set(linked) == {russian, arabic}
    assert set(Statement.objects.at_same_occasion(russian)) == {english, arabic}

    page = client.get(f"/statements/{english.pk}/").text
    section = page.split('id="same-occasion"')[1].split("</section>")[0]
    assert ("Outlet R" in section, "Outlet A" in section, "Russian" in section) == (True, True, True)
    assert ("Outlet F" in section, "Outlet G" in section) == (False, False)

    api = client.get(f"/api/statements/{english.pk}/reports/").json()
    assert [r["id"] for r in api["reports"]] == [english.pk]
    assert {r["id"]: r["language"] for r in api["same_occasion"]} == {russian.pk: "ru", arabic.pk: "ar"}


def test_a_statement_at_no_occasion_links_nothing(loaded_catalogue, client):
    _story("Outlet F", "en", "Putin said on Monday that Moscow had not been asked for more troops.")
    _story(
        "Outlet R", "ru", "Путин в понедельник в телефонном разговоре с Токаевым заявил, что всё спокойно."
    )
    plain = Statement.objects.get(language="en")
    assert not Statement.objects.at_same_occasion(plain).exists()
    assert 'id="same-occasion"' not in client.get(f"/statements/{plain.pk}/").text
    assert client.get(f"/api/statements/{plain.pk}/reports/").json()["same_occasion"] == []
