"""End to end: the contract command on every development set, scored by shared/eval/score.py.

The floors sit a little under what each set scores today (docs/extraction.md has the figures), so
a change that costs one set while it helps another fails here, not in the held-out scoring.
"""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.conftest import SHARED

# set name -> (articles folder, gold file, strict attribution F1 floor, date accuracy floor)
SETS = {
    "seeds": (SHARED / "seeds", SHARED / "gold" / "seeds.json", 0.93, 0.95),
    "dev/ar": (SHARED / "dev" / "ar" / "articles", SHARED / "dev" / "ar" / "gold.json", 0.88, 0.85),
    "dev/en": (SHARED / "dev" / "en" / "articles", SHARED / "dev" / "en" / "gold.json", 0.84, 0.95),
    "dev/ru": (SHARED / "dev" / "ru" / "articles", SHARED / "dev" / "ru" / "gold.json", 0.88, 0.95),
}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SETS))
def test_every_development_set_scores_above_its_floor(loaded_catalogue, name, tmp_path, capsys):
    folder, gold, f1_floor, date_floor = SETS[name]
    if not (folder / "manifest.json").exists():
        pytest.fail(f"the development set {name} is missing: expected {folder} beside the repository")
    files = sorted(str(p) for p in folder.glob("*.txt"))
    call_command("extract", *files, "--manifest", str(folder / "manifest.json"), "--format", "json")
    pred = tmp_path / "pred.json"
    pred.write_text(capsys.readouterr().out, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    summary = json.loads(result.stdout)
    assert summary["attribution_strict"]["f1"] >= f1_floor, summary
    assert summary["date_accuracy"] >= date_floor, summary
    assert summary["boilerplate_hits"] == 0, summary
