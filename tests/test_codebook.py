"""The codebook (/methodology/): every label has its entry, every badge links to it with its meaning,
and the accuracy it shows is what `manage.py measure_accuracy` measured."""

import html
import io
import json
import re
import textwrap

import pytest
from django.core.management import CommandError, call_command

from articles.extraction import vocab
from articles.extraction.labels import RULE_CONFIDENCE
from articles.extraction.pipeline import PIPELINE_VERSION
from reactions import codebook
from tests.conftest import REPO
from tests.test_explorer_pages import ARTICLE_B


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("act", vocab.ACTS),
        ("topic", vocab.TOPICS),
        ("quote", vocab.QUOTE_TYPES),
        ("day", vocab.DATE_RULES),
    ],
)
def test_every_value_of_each_vocabulary_has_one_entry_with_a_meaning(kind, values):
    entries = codebook.KINDS[kind]
    assert [e.value for e in entries] == list(values)
    assert all(e.meaning for e in entries)


def test_every_speaker_rule_trusted_is_one_the_codebook_explains():
    assert set(RULE_CONFIDENCE) <= set(vocab.SPEAKER_RULES)


@pytest.mark.django_db
def test_the_codebook_page_has_an_entry_for_every_label(client):
    page = client.get("/methodology/").content.decode()
    ids = set(re.findall(r'id="([^"]+)"', page))
    for kind, entries in codebook.KINDS.items():
        assert {f"{kind}-{e.value}" for e in entries} <= ids
    assert {f"speaker-{rule}" for rule in vocab.SPEAKER_RULES} <= ids
    assert {"stance", "confidence", "events", "accuracy", "provisional"} <= ids


@pytest.mark.django_db
def test_every_badge_on_a_card_says_what_it_means_and_links_to_its_entry(client, store_with_article_a):
    store_with_article_a(ARTICLE_B)
    page = client.get("/").content.decode()
    badges = re.findall(
        r'<a class="badge[^"]*" href="/methodology/#(\w+)-(\w+)" title="([^"]+)">(\w+)</a>', page
    )
    assert len(badges) >= 9  # three statements at least, three badges each
    for kind, value, title, shown in badges:
        assert value == shown
        gist = codebook.entry(kind, value).gist
        assert html.unescape(title).endswith(gist)
        assert codebook.entry(kind, value).meaning.startswith(gist)
        assert len(gist) < 60


def _fake_scorer(folder, summary: dict, code: int = 0) -> None:
    """A score_all.py that writes `summary` where --json says, as the real one does."""
    (folder / "score_all.py").write_text(
        textwrap.dedent(f"""
        import json, sys
        out = sys.argv[sys.argv.index("--json") + 1]
        json.dump({summary!r}, open(out, "w"))
        sys.exit({code})
        """)
    )


def _scores(f1: float) -> dict:
    return {
        "required": 10,
        "found_required": 9,
        "predictions": 11,
        "false_positives": 1,
        "attribution_strict": {"precision": 0.9, "recall": 0.8, "f1": f1},
        "date_accuracy": 1.0,
        "quote_accuracy": 0.75,
        "topic_accuracy": 0.5,
        "act_accuracy": 0.25,
    }


@pytest.mark.django_db
def test_the_page_shows_the_figures_the_command_measured(client, tmp_path, settings):
    _fake_scorer(tmp_path, {"dev/en": _scores(0.8771), "dev/ru": _scores(0.4321), "all": _scores(0.6)})
    out = tmp_path / "accuracy.json"
    call_command("measure_accuracy", eval=tmp_path, out=out, stdout=io.StringIO())
    written = json.loads(out.read_text())
    assert written["pipeline_version"] == PIPELINE_VERSION
    assert [(r["set"], r["language"], r["attribution_f1"]) for r in written["sets"]] == [
        ("dev/en", "en", 0.8771),
        ("dev/ru", "ru", 0.4321),
        ("all", "", 0.6),
    ]
    settings.ACCURACY_FILE = out
    page = client.get("/methodology/").content.decode()
    for shown in ("87.7%", "43.2%", "English", "Russian"):
        assert shown in page


def test_a_scorer_that_fails_stops_the_command_and_keeps_the_old_figures(tmp_path):
    _fake_scorer(tmp_path, {}, code=3)
    out = tmp_path / "accuracy.json"
    out.write_text("{}")
    with pytest.raises(CommandError, match="scorer failed"):
        call_command("measure_accuracy", eval=tmp_path, out=out)
    assert out.read_text() == "{}"
    with pytest.raises(CommandError, match="no scorer"):
        call_command("measure_accuracy", eval=tmp_path / "nowhere", out=out)


def test_the_committed_figures_were_measured_on_this_extraction():
    """Raise PIPELINE_VERSION and this fails until `manage.py measure_accuracy` is run again."""
    figures = json.loads((REPO / "reactions" / "data" / "accuracy.json").read_text())
    assert figures["pipeline_version"] == PIPELINE_VERSION
    assert {row["set"] for row in figures["sets"]} >= {"seeds", "dev/ar", "dev/en", "dev/ru", "all"}


@pytest.mark.django_db
def test_an_unmeasured_codebook_says_how_to_measure(client, tmp_path, settings):
    settings.ACCURACY_FILE = tmp_path / "never.json"
    assert "manage.py measure_accuracy" in client.get("/methodology/").content.decode()
