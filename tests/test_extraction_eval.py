"""End to end: the contract command on the development articles, scored by shared/eval/score.py."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.conftest import SHARED

STRICT_F1_FLOOR = 0.85


@pytest.mark.slow
@pytest.mark.django_db
def test_the_seed_articles_score_above_the_strict_attribution_floor(
    loaded_catalogue, seeds, tmp_path, capsys
):
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    call_command("extract", *files, "--manifest", str(seeds / "manifest.json"), "--format", "json")
    pred = tmp_path / "pred.json"
    pred.write_text(capsys.readouterr().out, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(SHARED / "gold" / "seeds.json"),
            str(pred),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    summary = json.loads(result.stdout)
    assert summary["attribution_strict"]["f1"] >= STRICT_F1_FLOOR, summary
    assert summary["boilerplate_hits"] == 0
