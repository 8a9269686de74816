"""`manage.py measure_accuracy [--eval DIR] [--out FILE]`: score extraction on the development sets
and write the figures the codebook page shows (`reactions/data/accuracy.json`, committed).

It runs the evaluation contract's own scorer (`DIR/score_all.py --json`, ../shared/eval by default),
so the page shows exactly what `python3 ../shared/eval/score_all.py` prints. Run it after a change
to extraction and commit the file with the change: a test fails while the file was measured with
another PIPELINE_VERSION.
"""

import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.extraction.pipeline import PIPELINE_VERSION

# Each set the scorer reports, the language of its articles, and what it is.
SETS = {
    "seeds": ("ar", "the five seed articles the first rules were written on"),
    "dev/ar": ("ar", "development articles from other outlets"),
    "dev/en": ("en", "development articles"),
    "dev/ru": ("ru", "development articles"),
    "all": ("", "every set, statements pooled"),
}
KEPT = ("required", "found_required", "predictions", "false_positives")
ACCURACIES = ("date_accuracy", "quote_accuracy", "topic_accuracy", "act_accuracy")


class Command(BaseCommand):
    help = "Score extraction on the development sets and write the codebook's accuracy file."

    def add_arguments(self, parser):
        default_eval = Path(settings.BASE_DIR).parent / "shared" / "eval"
        parser.add_argument("--eval", type=Path, default=default_eval, help="the folder of score_all.py")
        parser.add_argument("--out", type=Path, default=settings.ACCURACY_FILE)

    def handle(self, *args, eval: Path, out: Path, **options):
        scorer = eval / "score_all.py"
        if not scorer.exists():
            raise CommandError(f"no scorer at {scorer}: pass --eval with the folder of score_all.py")
        with tempfile.TemporaryDirectory() as folder:
            summary = Path(folder) / "summary.json"
            done = subprocess.run(
                [sys.executable, str(scorer), "--python", sys.executable, "--json", str(summary)],
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0 or not summary.exists():
                raise CommandError(f"the scorer failed ({done.returncode}): {done.stderr.strip()[-500:]}")
            scored = json.loads(summary.read_text())
        figures = {
            "measured_on": date.today().isoformat(),
            "pipeline_version": PIPELINE_VERSION,
            "command": "python3 ../shared/eval/score_all.py",
            "sets": [_row(name, scored[name]) for name in SETS if name in scored],
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
        for row in figures["sets"]:
            self.stdout.write(f"{row['set']:8} attribution F1 {row['attribution_f1']:.3f}")
        self.stdout.write(f"wrote {out}")


def _row(name: str, scores: dict) -> dict:
    language, about = SETS[name]
    strict = scores["attribution_strict"]
    return {
        "set": name,
        "language": language,
        "about": about,
        **{k: scores[k] for k in KEPT},
        "attribution_precision": strict["precision"],
        "attribution_recall": strict["recall"],
        "attribution_f1": strict["f1"],
        **{k: scores[k] for k in ACCURACIES},
    }
