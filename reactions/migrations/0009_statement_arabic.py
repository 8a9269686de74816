"""The stored `arabic` vector of the statements' words (reactions.search) and its GIN index."""

import django.contrib.postgres.search
from django.db import migrations, models

import reactions.search
from reactions.migration_ops import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("reactions", "0008_counting_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="arabic",
            field=models.GeneratedField(
                db_persist=True,
                expression=reactions.search.ArabicStems("normalised"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        # ?q=: Statement.objects.filter(arabic=SearchQuery(...)) on the stored vector, no longer on
        # the expression of migration 0005, which every row a search filtered computed again.
        PostgresOnlySQL(
            "DROP INDEX IF EXISTS statement_arabic_idx",
            "CREATE INDEX statement_arabic_idx ON reactions_statement "
            "USING gin (to_tsvector('arabic'::regconfig, COALESCE(normalised, '')))",
        ),
        PostgresOnlySQL(
            "CREATE INDEX statement_arabic_idx ON reactions_statement USING gin (arabic)",
            "DROP INDEX statement_arabic_idx",
        ),
    ]
