import re

import pytest
from django.core.management import call_command

from articles import services
from reactions.catalogue.loader import CatalogueError, load
from reactions.catalogue.store import catalogue_version, provisional_actor
from reactions.models import Actor, ActorAlias


def test_the_catalogue_has_at_least_150_actors_named_in_arabic_english_and_russian():
    actors = load()
    trilingual = [a for a in actors if {al.language for al in a.aliases} >= {"ar", "en", "ru"}]
    assert len(trilingual) >= 150


@pytest.mark.parametrize(
    "key",
    [
        # CSTO members, the permanent members of the Security Council, regional powers, bodies.
        "kazakhstan",
        "russia",
        "belarus",
        "armenia",
        "kyrgyzstan",
        "tajikistan",
        "united-states",
        "china",
        "united-kingdom",
        "france",
        "turkey",
        "iran",
        "uzbekistan",
        "turkmenistan",
        "saudi-arabia",
        "united-arab-emirates",
        "qatar",
        "egypt",
        "pakistan",
        "india",
        "japan",
        "germany",
        "csto",
        "stanislav-zas",
        "united-nations",
        "antonio-guterres",
        "michelle-bachelet",
        "european-union",
        "josep-borrell",
        "nato",
        "osce",
        "kazakh-interior-ministry",
        "national-security-committee-of-kazakhstan",
        "nursultan-nazarbayev",
        "prosecutor-general-of-kazakhstan",
    ],
)
def test_the_catalogue_covers_the_actors_of_the_crisis(key):
    assert key in {a.key for a in load()}


def test_titles_are_derived_from_roles_and_country_adjectives():
    actors = {a.key: a for a in load()}
    titles = {al.text for al in actors["wang-yi"].aliases if al.kind == "title"}
    assert {"وزير الخارجية الصيني", "وزير خارجية الصين"} <= titles
    spokes = {al.text for al in actors["saeed-khatibzadeh"].aliases}
    assert "المتحدث باسم الخارجية الإيرانية" in spokes
    assert "رئيس مجلس الدوما الروسي" in {al.text for al in actors["vyacheslav-volodin"].aliases}


def test_every_member_hangs_under_its_institution():
    actors = {a.key: a for a in load()}
    assert actors["ned-price"].parent == "us-state-department"
    assert actors["us-state-department"].parent == "united-states"
    assert actors["jen-psaki"].parent == "white-house"
    assert all(a.parent in actors for a in actors.values() if a.parent)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "[x]\nname='X'\nkind='country'\nmembers=[{key='a',name='A',role='wizard'}]",
            "unknown role 'wizard'",
        ),
        ("[x]\nname='X'\nkind='country'\nmembers=[{key='x',name='A',role='president'}]", "duplicate keys: x"),
        ("[x]\nname=", "not valid TOML"),
        ("[x]\nkind='country'", "lacks the field 'name'"),
    ],
)
def test_a_malformed_catalogue_is_refused_with_the_entry_named(tmp_path, toml, message):
    path = tmp_path / "actors.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        load(path)


@pytest.mark.django_db
def test_loading_the_catalogue_twice_creates_nothing_new(capsys):
    call_command("load_catalogue")
    actors, aliases = Actor.objects.count(), ActorAlias.objects.count()
    call_command("load_catalogue")
    assert (Actor.objects.count(), ActorAlias.objects.count()) == (actors, aliases)
    assert "0 new" in capsys.readouterr().out
    assert Actor.objects.get(slug="ned-price").parent.slug == "us-state-department"
    assert ActorAlias.objects.filter(normalised="توكايف").exists()  # توكاييف folds to the same key


@pytest.mark.django_db
def test_the_admin_lists_the_catalogue_actors(admin_client, loaded_catalogue):
    response = admin_client.get("/admin/reactions/actor/?q=Tokayev")
    assert response.status_code == 200
    assert "Kassym-Jomart Tokayev" in response.text
    response = admin_client.get("/admin/reactions/actor/")
    assert Actor.objects.count() >= 150
    assert f"{Actor.objects.count()} actors" in response.text


def test_roles_read_as_people_say_them():
    roles = {a.key: a.role for a in load()}
    assert roles["antony-blinken"] == "Foreign Minister of the United States"
    assert roles["maria-zakharova"] == "Spokesperson for the Foreign Ministry of Russia"
    assert roles["stephane-dujarric"] == "Spokesperson for the United Nations"
    assert roles["vyacheslav-volodin"] == "Speaker of the Parliament of Russia"
    # No title followed by its country after a comma («Speaker of parliament, Russia»).
    assert [r for r in roles.values() if re.search(r", (?:the )?[A-Z]", r)] == []


@pytest.mark.django_db
def test_a_new_provisional_speaker_leaves_the_pipeline_s_catalogue_as_it_was(loaded_catalogue, monkeypatch):
    """Every article may bring a speaker the catalogue lacks; the pipeline's catalogue (approved
    actors only) and its alias automaton must not be built again for each one."""
    monkeypatch.setattr(services, "_checked_at", 0.0)
    first, version = services.current_catalogue(), catalogue_version()
    provisional_actor("المتحدث باسم جهة لا يعرفها الفهرس")
    monkeypatch.setattr(services, "_checked_at", 0.0)
    assert catalogue_version() == version
    assert services.current_catalogue() is first
    Actor.objects.filter(provisional=True).update(provisional=False)  # an analyst approves it
    assert catalogue_version() != version


@pytest.mark.django_db
def test_past_its_time_an_unchanged_catalogue_is_kept_and_a_renamed_actor_read_again(
    loaded_catalogue, monkeypatch
):
    monkeypatch.setattr(services, "_CATALOGUE_TTL", 0.0)  # read again at every check
    monkeypatch.setattr(services, "_checked_at", 0.0)
    first = services.current_catalogue()
    monkeypatch.setattr(services, "_checked_at", 0.0)
    assert services.current_catalogue() is first  # the same object: its automaton is not rebuilt
    actor = Actor.objects.filter(provisional=False).first()
    Actor.objects.filter(pk=actor.pk).update(name="Renamed " + actor.name)  # a rename the version misses
    monkeypatch.setattr(services, "_checked_at", 0.0)
    renamed = services.current_catalogue()
    assert renamed is not first
    assert renamed.get(actor.slug).name == "Renamed " + actor.name
