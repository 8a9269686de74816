from django.db import migrations

from reactions.migration_ops import PostgresOnlySQL

# A search under the list's filters (reactions.search, reactions.filters):
#   WHERE act = 'appeal' AND speaker_country = 'RU'
#     AND (normalised LIKE '%word%' OR arabic @@ plainto_tsquery('arabic', 'word'))
# With a GIN index per column the planner ANDs a bitmap of every filter's statements (each a tenth of
# the table or more) with the search's; with the filters' columns in the search's GIN index
# (btree_gin), it puts them in each arm of the OR and one index scan intersects them. The narrow
# indexes stay: a search alone and a name's patterns are planned better on them (docs/search.md).
SEARCH_FILTERS_INDEX = """CREATE INDEX statement_search_filters_idx ON reactions_statement
USING gin (normalised gin_trgm_ops, arabic, act, speaker_country, topic, speaker_kind, language)"""


class Migration(migrations.Migration):
    dependencies = [
        ("reactions", "0024_tally_first_statement"),
    ]

    operations = [
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS btree_gin", migrations.RunSQL.noop),
        PostgresOnlySQL(SEARCH_FILTERS_INDEX, "DROP INDEX statement_search_filters_idx"),
    ]
