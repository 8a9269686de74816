"""Indexes for the Explorer's search and deep pages, on PostgreSQL (see reactions/search.py)."""

from django.db import migrations

from reactions.migration_ops import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("reactions", "0004_statement_normalised"),
    ]

    operations = [
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        # ?q=: Statement.objects.filter(normalised__contains=word) for every word of the query.
        PostgresOnlySQL(
            "CREATE INDEX statement_normalised_trgm_idx ON reactions_statement "
            "USING gin (normalised gin_trgm_ops)",
            "DROP INDEX statement_normalised_trgm_idx",
        ),
        # ?q=: the `arabic` stemmer, reactions.search.ARABIC_VECTOR (the same expression, or no index).
        PostgresOnlySQL(
            "CREATE INDEX statement_arabic_idx ON reactions_statement "
            "USING gin (to_tsvector('arabic'::regconfig, COALESCE(normalised, '')))",
            "DROP INDEX statement_arabic_idx",
        ),
        # The statements page and its keyset pages: ORDER BY said_on DESC NULLS LAST, id DESC.
        PostgresOnlySQL(
            "CREATE INDEX statement_newest_idx ON reactions_statement (said_on DESC NULLS LAST, id DESC)",
            "DROP INDEX statement_newest_idx",
        ),
        # Speaker autocomplete: ActorAlias.objects.filter(normalised__contains=typed).
        PostgresOnlySQL(
            "CREATE INDEX alias_normalised_trgm_idx ON reactions_actoralias "
            "USING gin (normalised gin_trgm_ops)",
            "DROP INDEX alias_normalised_trgm_idx",
        ),
    ]
