from django.db import migrations

from reactions.migration_ops import PostgresOnlySQL

# The review queue's next statement (reactions.review.next_in_queue): the least confident of those
# no analyst has seen, undated first: ORDER BY confidence, said_on ASC NULLS FIRST, id LIMIT 1 among
# WHERE NOT corrected_by_human. PostgreSQL only: SQLite takes no NULLS FIRST in an index, and at its
# size sorts the few it holds at once.
DOUBT_INDEX = """CREATE INDEX statement_doubt_idx ON reactions_statement (confidence, said_on NULLS FIRST, id)
WHERE NOT corrected_by_human"""


class Migration(migrations.Migration):
    dependencies = [
        ("reactions", "0022_reviews"),
    ]

    operations = [
        PostgresOnlySQL(DOUBT_INDEX, "DROP INDEX statement_doubt_idx"),
    ]
