from django.db import migrations, models

# A speaker's counts (the actor page's total and chart, the facets under ?speaker=):
#   SELECT act, COUNT(*) FROM reactions_statement WHERE NOT rejected AND speaker_id IN (%s) GROUP BY act
# an index-only scan, as the act, topic, country and kind filters' counts already are.


class Migration(migrations.Migration):
    dependencies = [
        ("reactions", "0025_statement_search_filters_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                condition=models.Q(("rejected", False)),
                fields=["speaker", "said_on"],
                include=("id", "source", "speaker_country", "speaker_kind", "act", "topic", "quote", "language"),
                name="statement_speaker_counts_idx",
            ),
        ),
    ]
