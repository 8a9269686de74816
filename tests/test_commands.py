import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from reactions.models import Statement
from tests.conftest import REPO


@pytest.mark.django_db(transaction=True)
def test_ingesting_the_seed_folder_twice_adds_nothing_the_second_time(loaded_catalogue, seeds, capsys):
    call_command("ingest", str(seeds), "--manifest", str(seeds / "manifest.json"))
    first = capsys.readouterr().out
    articles, statements = Article.objects.count(), Statement.objects.count()
    assert articles == 5
    assert statements > 80
    assert "5 new, 0 duplicate, 0 failed" in first
    call_command("ingest", str(seeds))
    assert "0 new, 5 duplicate" in capsys.readouterr().out
    assert (Article.objects.count(), Statement.objects.count()) == (articles, statements)


@pytest.mark.django_db(transaction=True)
def test_extract_prints_what_ingest_stores(loaded_catalogue, seeds, capsys):
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    call_command("extract", *files, "--manifest", str(seeds / "manifest.json"), "--format", "json")
    printed = json.loads(capsys.readouterr().out)
    call_command("ingest", str(seeds))
    for article in printed["articles"]:
        stored = Article.objects.get(file_name=article["file"])
        rows = list(stored.statements.order_by("start").values_list("start", "end", "speaker__name", "act"))
        assert rows == [(s["start"], s["end"], s["speaker"], s["act"]) for s in article["statements"]]


@pytest.mark.django_db
def test_extract_explain_prints_the_rules_that_made_each_statement(loaded_catalogue, tmp_path, capsys):
    """The cue, the speaker's rule, the words' rule and the day's rule of each statement, in words."""
    article = tmp_path / "a.txt"
    article.write_text('Title\n\n"We will help," Peskov said on Friday.', encoding="utf-8")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps({"articles": [{"file": "a.txt", "published": "2022-01-10", "language": "en"}]}),
        encoding="utf-8",
    )
    call_command("extract", str(article), "--manifest", str(manifest), "--explain")
    out = capsys.readouterr().out
    assert "cue      «said»" in out
    assert "Dmitry Peskov  [svo:name] named just before the reporting verb" in out
    assert "[before_attribution] the clause before its attribution" in out
    assert "day      2022-01-07  [weekday]" in out


@pytest.mark.django_db(transaction=True)
def test_a_bad_file_among_good_ones_is_reported_and_the_rest_ingested(loaded_catalogue, tmp_path, capsys):
    (tmp_path / "good.txt").write_text("وقال بوتين إن الوضع مستقر.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    call_command("ingest", str(tmp_path))
    captured = capsys.readouterr()
    assert "1 new, 0 duplicate, 1 failed" in captured.out
    assert "bad.txt: binary file" in captured.err


@pytest.mark.django_db
def test_ingest_names_a_missing_folder():
    with pytest.raises(CommandError, match="nowhere: no such file or folder"):
        call_command("ingest", "/nowhere")


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "DEBUG": "1", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_unreachable_database_is_one_line_and_a_failing_exit():
    result = _manage("ingest", DATABASE_URL="postgres://postgres@127.0.0.1:1/reactions")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: cannot use DATABASE_URL=postgres://postgres@127.0.0.1:1/reactions")


def test_a_manifest_with_a_bad_date_is_one_line_and_a_failing_exit(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"articles": [{"file": "a.txt", "published": "10/01/2022"}]}')
    result = _manage("extract", str(tmp_path / "a.txt"), "--manifest", str(tmp_path / "manifest.json"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "a.txt: published '10/01/2022' is not a date" in result.stderr


def test_a_missing_article_folder_is_one_line_and_a_failing_exit():
    result = _manage("extract", "/no/such/folder")
    assert result.returncode != 0
    assert result.stderr.strip() == "CommandError: /no/such/folder: no such file or folder"
