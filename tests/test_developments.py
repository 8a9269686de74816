"""Curated developments linked to the statements about them (reactions/developments.py): the rule on
sentences written for the tests, in three languages, at ingest and when the timeline is loaded."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from articles import services
from articles.extraction.normalize import normalize
from articles.reading import ManifestEntry
from reactions.catalogue.loader import CatalogueError, load_timeline
from reactions.developments import link_all, names, phrases
from reactions.models import Event, Statement


@pytest.mark.parametrize(
    ("language", "words", "text", "expected"),
    [
        ("en", ["withdraw"], "The troops will begin their withdrawal on Thursday.", True),
        ("en", ["without warning"], "He ordered them to fire Without Warning.", True),
        ("en", ["without warning"], "Without any warning, he left.", False),  # a phrase is words in a row
        ("en", ["mourning"], "The morning session ended.", False),
        ("en", ["troops"], "Russia said it had sent paratroops.", False),  # the start of a word only
        ("ru", ["вывод"], "Токаев заявил о выводе миротворцев.", True),
        ("ru", ["без предупреждени"], "приказ стрелять без предупреждения", True),
        ("ru", ["траур"], "Объявлен общенациональный траур.", True),  # ё/е and case folded too
        ("ar", ["انسحاب"], "وأعلن عن بدء وبانسحاب القوات", True),  # a proclitic before the word
        ("ar", ["إطلاق النار"], "أمر بإطلاق النار دون سابق إنذار", True),
        ("ar", ["حداد"], "أعلن الحداد الوطني", True),
        ("ar", ["حداد"], "قال إن الوضع هادئ", False),
        ("en", ["withdraw"], "«Вывод» начнётся завтра.", False),  # Russian text, English words
    ],
)
def test_a_development_is_named_by_the_start_of_a_word_or_words_in_a_row(language, words, text, expected):
    assert names(normalize(text), language, phrases({language: words})[language]) is expected


@pytest.fixture
def shoot_to_kill(loaded_catalogue):
    return Event.objects.create(
        slug="order",
        name="Order to fire without warning",
        kind=Event.DEVELOPMENT,
        start=date(2022, 1, 7),
        topic="protests",
        words={
            "en": ["without warning", "shoot to kill"],
            "ru": ["без предупреждени"],
            "ar": ["دون سابق إنذار"],
        },
    )


@pytest.mark.django_db
def test_the_statements_about_a_development_are_those_of_its_days_topic_and_words(said, shoot_to_kill):
    about = [
        said(
            "josep-borrell", "disapprove", "protests", 7, words="The order to shoot to kill is unacceptable."
        ),
        said(
            "maria-zakharova",
            "reject",
            "both",
            9,
            "ru",
            words="Приказ стрелять без предупреждения — дело Казахстана.",
        ),
        said(
            "kassym-jomart-tokayev", "demand", "protests", 8, "ar", words="أمرت بإطلاق النار دون سابق إنذار"
        ),
    ]
    said(
        "josep-borrell", "disapprove", "protests", 10, words="The order to shoot to kill was wrong."
    )  # too late
    said("josep-borrell", "disapprove", "protests", 6, words="Shoot to kill, some say.")  # before it
    said("josep-borrell", "disapprove", "csto", 7, words="Troops shoot to kill.")  # another topic
    said("josep-borrell", "disapprove", "protests", 7, words="We are deeply concerned.")  # not named
    said("josep-borrell", "disapprove", "protests", None, words="The order to shoot to kill.")  # no day
    assert link_all() == 3
    assert set(shoot_to_kill.statements.all()) == set(about)
    assert link_all() == 3  # made again from scratch, not twice


@pytest.mark.django_db
def test_an_occasion_keeps_the_statements_extraction_linked_to_it(said, shoot_to_kill):
    session = Event.objects.create(
        slug="session",
        name="Session",
        kind=Event.DEVELOPMENT,
        start=date(2022, 1, 10),
        occasion_type="csto_session",
        topic="csto",
        words={"en": ["summit"]},
    )
    at_it = said("vladimir-putin", "support", "csto", 10, words="We will not allow a colour revolution.")
    session.statements.add(at_it)  # as ingest links an occasion's statements
    named = said("josep-borrell", "statement", "csto", 11, words="The summit changed nothing.")
    link_all()
    assert set(session.statements.all()) == {at_it, named}


@pytest.mark.django_db
def test_ingest_links_new_statements_to_the_developments_they_are_about(shoot_to_kill):
    text = (
        "Borrell condemns the order\n"
        'EU foreign policy chief Josep Borrell said on Saturday that the order to "shoot to kill without '
        'warning" was unacceptable and must be withdrawn.\n'
    )
    services.store(
        text, ManifestEntry(file="t.txt", source="Outlet", published=date(2022, 1, 9), language="en")
    )
    named = [s for s in Statement.objects.all() if "without warning" in s.content]
    assert [(s.said_on, s.topic) for s in named] == [(date(2022, 1, 8), "protests")]
    assert list(shoot_to_kill.statements.all()) == named  # not the headline's, which does not name it


@pytest.mark.django_db
def test_the_events_pages_count_what_was_said_about_each_development(client, said, shoot_to_kill):
    said("josep-borrell", "disapprove", "protests", 7, words="The order to shoot to kill is unacceptable.")
    call_command("load_catalogue", stdout=io.StringIO())
    assert "1 statement" in client.get("/events/").text
    assert "The order to shoot to kill" in client.get("/events/order/").text
    assert {s["id"] for s in client.get("/", {"event": "order"}).context["rows"]} == {
        s.pk for s in shoot_to_kill.statements.all()
    }


def test_the_timeline_refuses_a_topic_or_words_it_cannot_read(tmp_path):
    timeline = tmp_path / "timeline.toml"
    timeline.write_text('[[event]]\nslug = "x"\nname = "X"\nstart = 2022-01-05\ntopic = "war"\n')
    with pytest.raises(CatalogueError, match="topic must be one of"):
        load_timeline(timeline)
    timeline.write_text('[[event]]\nslug = "x"\nname = "X"\nstart = 2022-01-05\nwords.fr = ["guerre"]\n')
    with pytest.raises(CatalogueError, match="words are lists"):
        load_timeline(timeline)


def test_every_curated_development_has_words_in_the_three_languages():
    for event in load_timeline():
        assert set(event["words"]) == {"ar", "en", "ru"}, event["slug"]
