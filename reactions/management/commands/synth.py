"""`manage.py synth --statements N --articles M --actors K --seed S`: synthetic data for benchmarks.

Deterministic (reactions/lib/synthetic.py) and bulk-loaded (reactions/bulk.py). Refuses a database
that holds ingested articles unless told --force: made-up statements must never mix with news
unnoticed (they can be told apart anyway: their outlets are marked synthetic).
"""

from __future__ import annotations

import time
from itertools import islice

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from articles.extraction.normalize import normalize
from articles.models import Article, Source
from articles.services import text_hash
from reactions import bulk
from reactions.data_version import statements_changed
from reactions.lib import synthetic
from reactions.models import Event, matched_columns

CHUNK_ARTICLES = 5000
ARTICLE_COLUMNS = ["id", "source_id", "url", "file_name", "title", "published"]
ARTICLE_COLUMNS += ["language", "text", "normalised", "text_sha256", "status", "error", "pipeline_version"]
ARTICLE_COLUMNS += ["created_at"]
STATEMENT_COLUMNS = ["article_id", "speaker_id", "content", "normalised", "word_runs", "start", "end"]
STATEMENT_COLUMNS += [
    "quote",
    "said_on",
    "date_rule",
    "topic",
    "act",
    "cue",
    "confidence",
    "corrected_by_human",
    "created_at",
    "speaker_country",
    "speaker_kind",
    "source_id",
    "language",
]
ACTOR_COLUMNS = ["id", "slug", "name", "kind", "country", "role", "role_code", "wikidata_id", "provisional"]
ACTOR_COLUMNS += ["created_at"]


class Command(BaseCommand):
    help = "Load deterministic synthetic actors, articles and statements for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, required=True)
        parser.add_argument("--articles", type=int, help="default: one per 5 statements")
        parser.add_argument("--actors", type=int, default=2000)
        parser.add_argument(
            "--outlets", type=int, default=0, help="default: one per 400 articles, at least 5"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="load beside ingested articles")

    def handle(self, *args, statements, articles, actors, outlets, seed, force, **options):
        if articles is None:
            articles = max(1, statements // 5) if statements else 0
        try:
            counts = synthetic.Counts(statements, articles, actors, outlets).check()
        except synthetic.SynthError as exc:
            raise CommandError(str(exc)) from None
        real = Article.objects.filter(source__synthetic=False).count()
        if real and not force:
            raise CommandError(
                f"this database holds {real} ingested articles: synthetic data would mix with them "
                "(use a benchmark database, or --force)"
            )
        began = time.perf_counter()
        with transaction.atomic():
            speakers = self._actors(counts, seed)
            source_ids = self._outlets(counts)
            loaded = self._articles(counts, seed, speakers, source_ids)
            self._link_events()
            statements_changed()
        # Fresh statistics for every table the load touched: with the actors' left at "empty", the
        # planner joins a country filter through the wrong index (seen: 490 ms instead of 4 ms).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in (
                    "reactions_actor",
                    "reactions_actoralias",
                    "articles_source",
                    "reactions_event_statements",
                ):
                    cursor.execute(f"ANALYZE {table}")
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"synth: {counts.actors:,} actors, {counts.outlet_count:,} outlets, "
            f"{counts.articles:,} articles, {loaded:,} statements in {seconds:.1f} s "
            f"({loaded / max(seconds, 1e-9):,.0f} statements/s)"
        )

    def _actors(self, counts: synthetic.Counts, seed: int) -> list[tuple[int, str, str]]:
        """The actors, loaded; returns (id, country, kind) of each, by its index."""
        people = synthetic.actors(counts, seed)
        first = bulk.next_ids("reactions_actor", len(people))
        now = timezone.now()
        bulk.copy_rows(
            "reactions_actor",
            [
                "id",
                "slug",
                "name",
                "kind",
                "country",
                "role",
                "role_code",
                "wikidata_id",
                "provisional",
                "created_at",
            ],
            (
                (first + a.index, a.slug + f"-s{seed}", a.name, a.kind, a.country, a.role, "", "", False, now)
                for a in people
            ),
        )
        bulk.copy_rows(
            "reactions_actoralias",
            ["actor_id", "text", "language", "kind", "normalised"],
            (
                (first + a.index, text, language, "name", normalize(text))
                for a in people
                for text, language in a.aliases
            ),
        )
        return [(first + a.index, a.country, a.kind) for a in people]

    def _outlets(self, counts: synthetic.Counts) -> list[int]:
        ids = []
        for name in synthetic.outlets(counts):
            source, _ = Source.objects.get_or_create(
                name=name, defaults={"language": "ar", "country": "", "synthetic": True}
            )
            ids.append(source.pk)
        return ids

    def _articles(self, counts, seed, speakers, source_ids) -> int:
        """Articles and their statements, a chunk of articles at a time (constant memory)."""
        first_article = bulk.next_ids("articles_article", counts.articles)
        now = timezone.now()
        generated = synthetic.articles(counts, seed)
        loaded = 0
        with (
            bulk.indexes_rebuilt_after("articles_article"),
            bulk.indexes_rebuilt_after("reactions_statement"),
        ):
            while chunk := list(islice(generated, CHUNK_ARTICLES)):
                articles, statements = [], []
                for a in chunk:
                    pk = first_article + a.index
                    # The seed is part of the text, so runs with other seeds never collide.
                    text = a.text + f"\n[synth {seed}]"
                    name = f"synth-{seed}-{a.index}.txt"
                    articles.append(
                        (
                            pk,
                            source_ids[a.outlet],
                            None,
                            name,
                            a.title,
                            a.published,
                            "ar",
                            text,
                            normalize(text),
                            text_hash(text),
                            "extracted",
                            "",
                            "synth",
                            now,
                        )
                    )
                    statements += [
                        (
                            pk,
                            speakers[s.speaker][0],
                            s.content,
                            *matched_columns(s.content).values(),
                            s.start,
                            s.end,
                            s.quote,
                            s.said_on,
                            s.date_rule,
                            s.topic,
                            s.act,
                            s.cue,
                            s.confidence,
                            False,
                            now,
                            speakers[s.speaker][1],
                            speakers[s.speaker][2],
                            source_ids[a.outlet],
                            "ar",
                        )
                        for s in a.statements
                    ]
                bulk.copy_rows("articles_article", ARTICLE_COLUMNS, articles)
                loaded += bulk.copy_rows("reactions_statement", STATEMENT_COLUMNS, statements)
                self.stderr.write(f"\r  {loaded:,} statements", ending="")
        self.stderr.write("")
        return loaded

    def _link_events(self) -> None:
        """Link one statement in fifty, on the day of a development, to it: the event filter has rows."""
        events = list(Event.objects.filter(kind=Event.DEVELOPMENT).values_list("id", "start"))
        with connection.cursor() as cursor:
            for event_id, day in events:
                cursor.execute(
                    "INSERT INTO reactions_event_statements (event_id, statement_id) "
                    "SELECT %s, s.id FROM reactions_statement s "
                    "JOIN articles_article a ON a.id = s.article_id "
                    "JOIN articles_source o ON o.id = a.source_id "
                    "WHERE o.synthetic AND s.said_on = %s AND s.id %% 50 = 0",
                    [event_id, day],
                )
