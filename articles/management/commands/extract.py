"""`manage.py extract FILES... --manifest M --format json|table [--explain]`: the evaluation contract.

Prints what the ingest task would store for each file, without storing anything. `--explain` prints,
for each statement, the rules that produced it (the cue, how the speaker was chosen, where the words
were cut, how the day was found): the record the statement page shows. Debugging starts there.
"""

import json
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.extraction.catalogue import Catalogue
from articles.extraction.pipeline import ExtractionError
from articles.extraction.vocab import SPEAKER_RULES, WORDS_RULES
from articles.reading import ManifestEntry, ReadError, article_files, read_article, read_manifest
from articles.services import current_catalogue, extract_article
from reactions.catalogue.loader import load as load_catalogue_file


class Command(BaseCommand):
    help = (
        "Extract statements from article files and print them (JSON as in shared/eval/README.md, or a table)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="article .txt files or folders")
        parser.add_argument(
            "--manifest", type=Path, help="manifest.json with source, published date, language"
        )
        parser.add_argument("--format", choices=["json", "table"], default="json")
        parser.add_argument(
            "--explain", action="store_true", help="each statement with the rules that produced it (text)"
        )

    def handle(self, *args, paths, manifest, format, explain, **options):
        try:
            entries = read_manifest(manifest) if manifest else {}
            files = article_files(paths)
        except ReadError as exc:
            raise CommandError(str(exc)) from None
        catalogue = self._catalogue()
        articles, failures = [], 0
        for path in files:
            entry = entries.get(path.name, ManifestEntry(file=path.name))
            try:
                text = read_article(path)
                meta = replace(entry, file=path.name).for_text(text).meta()
                statements = extract_article(text, meta, catalogue)
            except (ReadError, ExtractionError) as exc:
                self.stderr.write(f"skipped: {exc}")
                failures += 1
                articles.append({"file": path.name, "error": str(exc), "statements": []})
                continue
            articles.append(
                {
                    "file": path.name,
                    "published": meta.published.isoformat() if meta.published else None,
                    "language": meta.language,
                    "statements": [_contract(s) for s in statements],
                }
            )
        if explain:
            self._explain(articles)
        elif format == "json":
            self.stdout.write(json.dumps({"articles": articles}, ensure_ascii=False, indent=1))
        else:
            self._table(articles)
        if failures == len(files):
            raise CommandError("no article could be read")

    def _catalogue(self) -> Catalogue:
        try:
            return current_catalogue()
        except DatabaseError:
            # No database yet (a fresh checkout): the catalogue file is what load_catalogue would load.
            return Catalogue.of(load_catalogue_file())

    def _explain(self, articles: list[dict]) -> None:
        for article in articles:
            self.stdout.write(f"== {article['file']} ({len(article['statements'])} statements)")
            number = {s["start"]: n for n, s in enumerate(article["statements"], start=1)}
            for n, s in enumerate(article["statements"], start=1):
                words = s["content"].replace("\n", " ")
                speaker = SPEAKER_RULES.get(s["speaker_rule"].split(":")[0], "")
                self.stdout.write(f"{n:>3}. {words[:100]}")
                self.stdout.write(f"     cue      «{s['cue']}»  ({s['line_kind']} line)")
                self.stdout.write(f"     speaker  {s['speaker']}  [{s['speaker_rule']}] {speaker}")
                self.stdout.write(
                    f"     words    {s['quote']}, characters {s['start']}-{s['end']}  "
                    f"[{s['words_rule']}] {WORDS_RULES.get(s['words_rule'], '')}"
                )
                self.stdout.write(f"     day      {s['said_on'] or 'none'}  [{s['date_rule']}]")
                self.stdout.write(
                    f"     labels   act {s['act']}, topic {s['topic']}, confidence {s['confidence']}"
                    + (f", occasion {s['occasion']}" if s["occasion"] else "")
                )
                if s["repeats"] is not None:
                    self.stdout.write(f"     repeats  the claim of statement {number[s['repeats']]}")

    def _table(self, articles: list[dict]) -> None:
        for article in articles:
            self.stdout.write(f"== {article['file']} ({len(article['statements'])} statements)")
            for s in article["statements"]:
                words = s["content"].replace("\n", " ")
                self.stdout.write(
                    f"  {s['said_on'] or '—':10}  {s['speaker'][:28]:28}  {s['quote']:8}  "
                    f"{s['act']:10}  {s['topic']:8}  {words[:90]}"
                )


def _contract(s) -> dict:
    data = s.as_dict()
    data["speaker"] = data.pop("speaker_name")
    return data
