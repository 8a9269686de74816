"""`manage.py ingest PATH... [--manifest M]`: store articles and their statements, once each."""

from pathlib import Path

from celery.exceptions import Retry
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from articles.reading import ManifestEntry, ReadError, article_files, read_article, read_manifest
from articles.tasks import entry_payload, ingest_article


class Command(BaseCommand):
    help = "Ingest article .txt files (or folders of them) through the Celery ingest task."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            help="files or folders (default: the seed articles, ../shared/seeds)",
        )
        parser.add_argument(
            "--manifest",
            type=Path,
            help="manifest.json (default: manifest.json inside the folder, when present)",
        )

    def handle(self, *args, paths, manifest, **options):
        if not paths:
            paths = [Path(settings.SEED_DIR)]
        if (
            manifest is None
            and len(paths) == 1
            and paths[0].is_dir()
            and (paths[0] / "manifest.json").exists()
        ):
            manifest = paths[0] / "manifest.json"
        try:
            entries = read_manifest(manifest) if manifest else {}
            files = article_files(paths)
        except ReadError as exc:
            raise CommandError(str(exc)) from None
        # Fail at once, in one line (see manage.py), when the database cannot be reached.
        connection.ensure_connection()
        new = duplicate = failed = added = 0
        for n, path in enumerate(files, start=1):
            entry = entries.get(path.name, ManifestEntry(file=path.name))
            try:
                text = read_article(path)
            except ReadError as exc:
                failed += 1
                self.stderr.write(f"[{n}/{len(files)}] failed: {exc}")
                continue
            try:
                result = ingest_article.delay(text, entry_payload(entry)).get()
            except (Retry, DatabaseError) as exc:
                failed += 1
                self.stderr.write(f"[{n}/{len(files)}] failed: {path.name}: {str(exc).splitlines()[0]}")
                continue
            if result["created"]:
                new += 1
                added += result["statements"]
                self.stdout.write(f"[{n}/{len(files)}] {path.name}: {result['statements']} statements")
            else:
                duplicate += 1
                self.stdout.write(
                    f"[{n}/{len(files)}] {path.name}: already stored (article {result['article_id']})"
                )
        self.stdout.write(
            f"ingest: {len(files)} files: {new} new, {duplicate} duplicate, {failed} failed; "
            f"{added} statements added"
        )
        if failed and not (new or duplicate):
            raise CommandError("no article could be ingested")
