"""Migration operations that one database runs: the embedded SQLite default has no GIN, no
trigrams and no NULLS LAST in CREATE INDEX, and needs none of them at its size; where both need a
thing written two ways (a trigger), each runs its own."""

from django.db import migrations


class OneDatabaseSQL(migrations.RunSQL):
    """SQL that only the database named by `vendor` runs (Django's connection.vendor)."""

    vendor = ""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class PostgresOnlySQL(OneDatabaseSQL):
    vendor = "postgresql"


class SQLiteOnlySQL(OneDatabaseSQL):
    vendor = "sqlite"
