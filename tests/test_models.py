from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles import services
from articles.models import Article, Source
from articles.reading import ManifestEntry
from reactions import services as corrections
from reactions.models import Actor, Event, Statement

TEXT = (
    'وقال وزير الخارجية الروسي سيرغي لافروف أمس إن "الوضع في كازاخستان مستقر".\nوأضاف أن القوات ستنسحب قريبا.'
)
ENTRY = ManifestEntry(file="t.txt", source="Test Outlet", published=date(2022, 1, 12))

pytestmark = pytest.mark.django_db


def _article(text="نص", **fields) -> Article:
    source, _ = Source.objects.get_or_create(name="Outlet")
    return Article.objects.create(
        source=source, text=text, text_sha256=services.text_hash(text), language="ar", **fields
    )


def test_it_refuses_a_duplicate_article():
    _article("نص المقال")
    with pytest.raises(IntegrityError), transaction.atomic():
        _article("نص المقال")


def test_storing_the_same_article_twice_keeps_one_copy(loaded_catalogue):
    first = services.store(TEXT, ENTRY)
    # Other spacing and harakat do not make another article.
    second = services.store(TEXT.replace(" ", "  ").replace("قال", "قَالَ"), ENTRY)
    assert first.created
    assert not second.created
    assert second.article_id == first.article_id
    assert Article.objects.count() == 1
    assert first.statements == Statement.objects.count() == 2


def test_an_article_with_a_known_url_is_stored_once(loaded_catalogue):
    entry = ManifestEntry(file="a.txt", source="Outlet", url="https://example.org/a")
    services.store(TEXT, entry)
    assert not services.store(TEXT + "\nتحديث.", entry).created


def test_stored_statements_point_at_their_words_in_the_article(loaded_catalogue):
    services.store(TEXT, ENTRY)
    for s in Statement.objects.select_related("article"):
        assert s.article.text[s.start : s.end] == s.content
        assert s.span_errors() == []
    lavrov = Statement.objects.get(quote="direct")
    assert lavrov.speaker.slug == "sergey-lavrov"
    assert lavrov.said_on == date(2022, 1, 11)  # «أمس», the day before publication
    assert lavrov.date_rule == "relative"


def test_a_statement_whose_offsets_miss_its_words_is_invalid(loaded_catalogue):
    article = _article("قال بوتين إن الوضع مستقر")
    putin = Actor.objects.get(slug="vladimir-putin")
    statement = Statement(
        article=article,
        speaker=putin,
        content="الوضع مستقر",
        start=0,
        end=5,
        quote="indirect",
        topic="other",
        act="statement",
    )
    with pytest.raises(ValidationError, match="do not point at the content"):
        statement.full_clean()
    statement.start, statement.end = 13, 24
    statement.full_clean()


def test_the_database_refuses_an_empty_span(loaded_catalogue):
    article = _article("قال بوتين")
    putin = Actor.objects.get(slug="vladimir-putin")
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.create(
            article=article,
            speaker=putin,
            content="",
            start=4,
            end=4,
            quote="indirect",
            topic="other",
            act="statement",
        )


def test_an_event_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(
            slug="x", name="x", kind="development", start=date(2022, 1, 5), end=date(2022, 1, 4)
        )


def test_reextraction_keeps_a_human_correction(loaded_catalogue, django_user_model):
    result = services.store(TEXT, ENTRY)
    article = Article.objects.get(pk=result.article_id)
    analyst = django_user_model.objects.create_user("analyst")
    corrected = article.statements.get(quote="direct")
    corrections.mark_corrected(corrected, analyst, act="support", said_on=date(2022, 1, 11))
    machine = article.statements.exclude(pk=corrected.pk).get()
    machine.act = "reject"  # a stale machine label, as an older pipeline version might have left
    machine.save()

    services.reextract(article)

    corrected.refresh_from_db()
    assert (corrected.act, corrected.said_on, corrected.corrected_by) == (
        "support",
        date(2022, 1, 11),
        analyst,
    )
    assert article.statements.count() == 2  # the overlapping fresh copy of the corrected one is dropped
    assert article.statements.get(corrected_by_human=False).act != "reject"


def test_a_speaker_the_catalogue_lacks_becomes_a_provisional_actor(loaded_catalogue):
    text = "وقال المتحدث باسم الجيش الأوزبكي إن الحدود آمنة."
    services.store(text, ENTRY)
    statement = Statement.objects.get()
    assert statement.speaker.provisional
    assert statement.speaker.name == "المتحدث باسم الجيش الأوزبكي"
    services.store(text.replace("آمنة", "مغلقة"), ENTRY)
    assert Actor.objects.filter(provisional=True).count() == 1  # found again, not duplicated


def test_statements_keep_their_speakers_country_and_kind_and_their_outlet_in_step(loaded_catalogue):
    from reactions.catalogue.store import merge_actors

    services.store(TEXT, ENTRY)
    lavrov = Statement.objects.filter(speaker__slug="sergey-lavrov").first()
    assert (lavrov.speaker_country, lavrov.speaker_kind, lavrov.source.name) == (
        "RU",
        "person",
        "Test Outlet",
    )
    actor = Actor.objects.get(slug="sergey-lavrov")
    actor.country = "XX"
    actor.save()
    assert set(Statement.objects.filter(speaker=actor).values_list("speaker_country", flat=True)) == {"XX"}
    ministry = Actor.objects.get(slug="russian-foreign-ministry")
    corrections.mark_corrected(lavrov, None, speaker=ministry)
    lavrov.refresh_from_db()
    assert lavrov.speaker_kind == ministry.kind
    provisional = Actor.objects.create(slug="p", name="p", kind="group", country="", provisional=True)
    Statement.objects.filter(pk=lavrov.pk).update(speaker=provisional, speaker_kind="group")
    merge_actors(actor, [provisional])
    lavrov.refresh_from_db()
    assert (lavrov.speaker_id, lavrov.speaker_country, lavrov.speaker_kind) == (actor.pk, "XX", "person")
