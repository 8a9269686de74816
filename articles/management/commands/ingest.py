"""`manage.py ingest PATH_OR_URL... [--manifest M]`: store articles and their statements, once each.

Paths are .txt files or folders of them (with manifest.json beside them when present); URLs are
article pages or RSS/Atom feeds. The inputs become one ingest job whose items run as Celery tasks
(in-process on the embedded default); the command follows the job with a progress bar.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from kombu.exceptions import OperationalError as BrokerError
from tqdm import tqdm

from articles import jobs
from articles.models import IngestJob
from articles.reading import ManifestEntry, ReadError, article_files, read_article, read_manifest


class Command(BaseCommand):
    help = "Ingest article files, folders, page URLs and feed URLs as one ingest job."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="*", help="files, folders or URLs (default: ../shared/seeds)")
        parser.add_argument(
            "--manifest",
            type=Path,
            help="manifest.json (default: manifest.json inside the folder, when present)",
        )
        parser.add_argument("--no-wait", action="store_true", help="queue the job and print its id")
        parser.add_argument("--timeout", type=int, default=3600, help="seconds to wait for the job")

    def handle(self, *args, inputs, manifest, no_wait, timeout, **options):
        urls = [i for i in inputs if i.startswith(("http://", "https://"))]
        paths = [Path(i) for i in inputs if i not in urls]
        if not inputs:
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
            files = article_files(paths) if paths else []
        except ReadError as exc:
            raise CommandError(str(exc)) from None
        connection.ensure_connection()  # one clear line (see manage.py) when the database is away
        items = self._file_items(files, entries) + [jobs.url_item(url) for url in urls]
        try:
            job = jobs.start(items)
        except BrokerError as exc:
            raise CommandError(
                f"the task queue (Redis) is unavailable ({exc}); nothing was queued, run the command again"
            ) from None
        if no_wait:
            self.stdout.write(f"ingest job {job.pk} queued with {len(items)} items")
            return
        self._follow(job, timeout)
        counts = job.counts()
        self.stdout.write(
            f"ingest job {job.pk}: {counts['total']} items: {counts['new']} new, "
            f"{counts['duplicate']} duplicate, {counts['failed']} failed; "
            f"{counts['statements']} statements added"
        )
        for item in job.items.filter(outcome="failed"):
            self.stderr.write(f"failed: {item.error}")
        if counts["total"] and counts["failed"] == counts["total"]:
            raise CommandError("no article could be ingested")

    def _file_items(self, files: list[Path], entries: dict[str, ManifestEntry]) -> list[dict]:
        items = []
        for path in files:
            try:
                text = read_article(path)
            except ReadError as exc:
                items.append(jobs.error_item(path.name, str(exc)))
                continue
            items.append(
                jobs.text_item(path.name, text, entries.get(path.name, ManifestEntry(file=path.name)))
            )
        present = {p.name for p in files}
        for name in sorted(set(entries) - present):
            items.append(jobs.error_item(name, f"{name}: named in the manifest but not found"))
        return items

    def _follow(self, job: IngestJob, timeout: int) -> None:
        deadline = time.monotonic() + timeout
        with tqdm(total=job.total, unit="article", disable=not self.stdout.isatty()) as bar:
            while True:
                job.refresh_from_db()
                counts = job.counts()
                bar.total = job.total
                bar.update(counts["processed"] - bar.n)
                if job.status in (IngestJob.DONE, IngestJob.FAILED):
                    return
                if time.monotonic() > deadline:
                    raise CommandError(
                        f"ingest job {job.pk} not finished after {timeout} s; it goes on in the worker"
                    )
                time.sleep(0.5)
