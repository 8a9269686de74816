"""The filters' own indexes narrow again (the planner ANDs their bitmaps with a search's), and the
covering ones that counts use beside them, as *_counts_idx (see Statement.Meta.indexes)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reactions', '0008_covering_count_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_act_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_topic_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_country_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_kind_idx',
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['act', '-said_on'], name='statement_act_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['topic', '-said_on'], name='statement_topic_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker_country', '-said_on'], name='statement_country_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker_kind', '-said_on'], name='statement_kind_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['act', 'said_on'], include=('id', 'speaker', 'source', 'speaker_country', 'speaker_kind', 'topic', 'quote'), name='statement_act_counts_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['topic', 'said_on'], include=('id', 'speaker', 'source', 'speaker_country', 'speaker_kind', 'act', 'quote'), name='statement_topic_counts_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker_country', 'said_on'], include=('id', 'speaker', 'source', 'speaker_kind', 'act', 'topic', 'quote'), name='statement_country_counts_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker_kind', 'said_on'], include=('id', 'speaker', 'source', 'speaker_country', 'act', 'topic', 'quote'), name='statement_kind_counts_idx'),
        ),
    ]
