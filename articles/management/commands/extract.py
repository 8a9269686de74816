"""`manage.py extract FILES... --manifest M --format json|table`: the evaluation contract.

Prints what the ingest task would store for each file, without storing anything.
"""

import json
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.extraction.catalogue import Catalogue
from articles.extraction.pipeline import ExtractionError
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

    def handle(self, *args, paths, manifest, format, **options):
        try:
            entries = read_manifest(manifest) if manifest else {}
            files = article_files(paths)
        except ReadError as exc:
            raise CommandError(str(exc)) from None
        catalogue = self._catalogue()
        articles, failures = [], 0
        for path in files:
            entry = entries.get(path.name, ManifestEntry(file=path.name))
            meta = replace(entry, file=path.name).meta()
            try:
                statements = extract_article(read_article(path), meta, catalogue)
            except (ReadError, ExtractionError) as exc:
                self.stderr.write(f"skipped: {exc}")
                failures += 1
                articles.append({"file": path.name, "error": str(exc), "statements": []})
                continue
            articles.append(
                {
                    "file": path.name,
                    "published": meta.published.isoformat() if meta.published else None,
                    "statements": [_contract(s) for s in statements],
                }
            )
        if format == "json":
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
