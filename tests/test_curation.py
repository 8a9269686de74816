"""Provisional actors under review, the curated timeline, and one statement carried by several outlets."""

from datetime import date

import pytest
from django.core.management import call_command

from articles import services
from articles.reading import ManifestEntry
from reactions.catalogue.loader import CatalogueError, load, load_timeline
from reactions.catalogue.store import merge_actors
from reactions.models import Actor, Event, Statement

pytestmark = pytest.mark.django_db

QUOTE = 'وقال بوتين، أمس، إن "قوات حفظ السلام ستغادر كازاخستان خلال أيام".'


def test_the_timeline_loads_with_the_catalogue():
    call_command("load_catalogue")
    call_command("load_catalogue")
    assert Event.objects.count() == len(load_timeline()) >= 10
    session = Event.objects.get(slug="csto-extraordinary-session")
    assert session.start == date(2022, 1, 10)
    assert {"vladimir-putin", "kassym-jomart-tokayev"} <= set(
        session.participants.values_list("slug", flat=True)
    )
    assert Event.objects.get(slug="withdrawal-completed").start == date(2022, 1, 19)


def test_a_timeline_naming_an_unknown_participant_is_refused(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[[event]]\nslug="x"\nname="x"\nstart=2022-01-01\nparticipants=["nobody"]\n')
    with pytest.raises(CatalogueError, match="unknown participants"):
        load_timeline(path, known={a.key for a in load()})


def test_the_same_statement_from_several_outlets_is_grouped(loaded_catalogue):
    published = date(2022, 1, 11)
    a = services.store(QUOTE, ManifestEntry(file="a.txt", source="Outlet A", published=published))
    # Another outlet, other framing, nearly the same words.
    b = services.store(
        'نقلت وكالة تاس عن بوتين قوله أمس إن "قوات حفظ السلام ستغادر كازاخستان خلال الأيام المقبلة".',
        ManifestEntry(file="b.txt", source="Outlet B", published=published),
    )
    # Same words on another day is another statement.
    c = services.store(
        QUOTE.replace("وقال", "وأكد"),
        ManifestEntry(file="c.txt", source="Outlet C", published=date(2022, 1, 15)),
    )
    first = Statement.objects.get(article_id=a.article_id)
    second = Statement.objects.get(article_id=b.article_id)
    third = Statement.objects.get(article_id=c.article_id)
    assert second.first_report == first
    assert first.outlets() == second.outlets() == 2
    assert third.first_report is None
    assert third.outlets() == 1


def test_provisional_actors_merge_into_a_catalogue_actor(loaded_catalogue):
    services.store(
        "وقال المتحدث باسم الجيش القرغيزي إن الحدود آمنة.", ManifestEntry(file="a.txt", source="X")
    )
    provisional = Actor.objects.get(provisional=True)
    target = Actor.objects.get(slug="kyrgyzstan")
    assert merge_actors(target, [provisional]) == 1
    assert not Actor.objects.filter(pk=provisional.pk).exists()
    assert Statement.objects.get().speaker == target
    assert target.aliases.filter(text="المتحدث باسم الجيش القرغيزي").exists()


def test_the_admin_merges_and_approves_provisional_actors(admin_client, loaded_catalogue):
    services.store(
        "وقال المتحدث باسم الجيش القرغيزي إن الحدود آمنة.", ManifestEntry(file="a.txt", source="X")
    )
    services.store("وقال مسؤول في شركة النفط إن الإنتاج مستمر.", ManifestEntry(file="b.txt", source="X"))
    army, oil = Actor.objects.filter(provisional=True).order_by("pk")
    target = Actor.objects.get(slug="kyrgyzstan")
    response = admin_client.post(
        "/admin/reactions/actor/", {"action": "merge", "_selected_action": [army.pk, target.pk]}, follow=True
    )
    assert "1 actors merged into Kyrgyzstan" in response.text
    admin_client.post("/admin/reactions/actor/", {"action": "approve", "_selected_action": [oil.pk]})
    oil.refresh_from_db()
    assert not oil.provisional


def test_a_provisional_speaker_s_card_says_so_until_an_analyst_approves_them(admin_client, loaded_catalogue):
    services.store("وقال مسؤول في شركة النفط إن الإنتاج مستمر.", ManifestEntry(file="b.txt", source="X"))
    oil = Actor.objects.get(provisional=True)
    badge = ">provisional</a>"
    assert badge in admin_client.get("/").text
    assert badge in admin_client.get(f"/actors/{oil.slug}/").text
    admin_client.post("/admin/reactions/actor/", {"action": "approve", "_selected_action": [oil.pk]})
    assert badge not in admin_client.get("/").text
    assert badge not in admin_client.get(f"/actors/{oil.slug}/").text


def test_statements_are_linked_to_the_occasion_they_were_made_at(loaded_catalogue):
    call_command("load_catalogue")  # the curated timeline has the CSTO session of 10 January
    text = (
        "قمة الأمن الجماعي\n"
        'وقال بوتين، خلال اجتماع استثنائي لمنظمة معاهدة الأمن الجماعي، الاثنين، إن "المهمة محدودة".\n'
        "وأضاف أن القوات ستغادر.\n"
        "وأكد ملك البحرين، في اتصال هاتفي مع الرئيس الكازاخي، الأحد، دعم بلاده لاستقرار كازاخستان.\n"
    )
    services.store(text, ManifestEntry(file="a.txt", source="X", published=date(2022, 1, 10)))
    session = Event.objects.get(slug="csto-extraordinary-session")
    assert set(session.statements.values_list("speaker__slug", flat=True)) == {"vladimir-putin"}
    assert session.statements.count() == 2  # the continuation was said at the same session
    call = Event.objects.get(occasion_type="phone_call")
    assert call.start == date(2022, 1, 9)
    assert set(call.participants.values_list("slug", flat=True)) == {"hamad-bin-isa", "kassym-jomart-tokayev"}
    # Its address says what it was, when and who took part: the same in any database.
    assert call.slug == "phone-call-2022-01-09-hamad-bin-isa-kassym-jomart-tokayev"
    # Another article on the same call finds the same event.
    services.store(
        text.replace("دعم بلاده", "وقوف بلاده مع"),
        ManifestEntry(file="b.txt", source="Y", published=date(2022, 1, 10)),
    )
    assert Event.objects.filter(occasion_type="phone_call").count() == 1


def test_a_claim_an_article_repeats_is_grouped_with_its_first_report(loaded_catalogue, client):
    text = (
        "Title\n\n"
        "Peskov said on Monday that the peacekeepers would leave Kazakhstan within days.\n\n"
        'Later he added: "The peacekeepers will leave Kazakhstan within days."\n\n'
        "Peskov also said that Moscow had not been asked for more troops."
    )
    stored = services.store(
        text, ManifestEntry(file="r.txt", source="Outlet R", published=date(2022, 1, 11), language="en")
    )
    first, again, other = Statement.objects.filter(article_id=stored.article_id).order_by("start")
    assert again.first_report == first
    # Other words of the same speaker are another claim; both stay stored and listed.
    assert first.first_report is None
    assert other.first_report is None
    # One outlet carried it, however many times its article gives it.
    assert first.outlets() == again.outlets() == 1
    page = client.get(f"/statements/{first.pk}/").content.decode()
    assert "The same claim again in this article" in page
    assert f"/statements/{again.pk}/" in page
    assert "No other outlet in the database carried these words." in page
    assert (
        "The same claim again in this article" not in client.get(f"/statements/{other.pk}/").content.decode()
    )


def test_an_occasion_with_many_participants_gets_an_address_that_fits_and_stays_apart():
    from articles.services import SLUG_LENGTH, occasion_slug

    many = [f"participant-with-a-long-name-{n}" for n in range(8)]
    one, other = (
        occasion_slug("summit", date(2022, 1, 10), many),
        occasion_slug("summit", date(2022, 1, 10), many[:7]),
    )
    assert len(one) <= SLUG_LENGTH
    assert len(other) <= SLUG_LENGTH
    assert one != other
    assert one.startswith("summit-2022-01-10-participant-with-a-long-name-0")
