"""Statement.word_runs: each statement's claim words in runs of three, hashed, for the quote check.

The quote check asks (reactions.quote_check):
  SELECT ... FROM reactions_statement
  WHERE string_to_array(word_runs, ' ') && ARRAY['1f3a…', …]
a GIN index of that expression answers it by the passage's runs alone, each in a handful of
statements, however common each word of a run is.
"""

from django.db import migrations, models

from reactions.migration_ops import PostgresOnlySQL

RUNS_INDEX = """CREATE INDEX statement_word_runs_idx ON reactions_statement
USING gin ((string_to_array(word_runs, ' ')))"""
BATCH = 5000


def fill(apps, schema_editor):
    """Every stored statement's runs, a batch at a time (one UPDATE of a batch on PostgreSQL: at a
    million statements, bulk_update's CASE per row is minutes longer)."""
    from articles.extraction.normalize import word_runs

    statements = apps.get_model("reactions", "Statement").objects
    rows = statements.order_by("pk").values_list("pk", "normalised").iterator(chunk_size=BATCH)
    batch: list[tuple[int, str]] = []
    for pk, normalised in rows:
        batch.append((pk, word_runs(normalised)))
        if len(batch) == BATCH:
            _write(schema_editor.connection, statements, batch)
            batch = []
    _write(schema_editor.connection, statements, batch)


def _write(connection, statements, batch: list[tuple[int, str]]) -> None:
    if not batch:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE reactions_statement s SET word_runs = v.runs "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(id, runs) WHERE s.id = v.id",
                [[pk for pk, _ in batch], [runs for _, runs in batch]],
            )
        return
    model = statements.model
    statements.bulk_update([model(pk=pk, word_runs=runs) for pk, runs in batch], ["word_runs"])


class Migration(migrations.Migration):
    dependencies = [
        ("reactions", "0026_statement_speaker_counts_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="word_runs",
            field=models.TextField(blank=True, db_default="", default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        PostgresOnlySQL(RUNS_INDEX, "DROP INDEX statement_word_runs_idx"),
    ]
