"""The article's language copied onto its statements, for the language filter and facet, and carried
by the covering counting indexes like the other counted columns (rebuilt: about 3 s an index at
1,000,000 statements, writes blocked meanwhile). The extraction rules' columns get a database
default, so bulk writers that name no rule (synth's COPY) store ""."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_language(apps, schema_editor):
    Statement = apps.get_model("reactions", "Statement")
    Article = apps.get_model("articles", "Article")
    Statement.objects.update(language=Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("language")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_article_any_language'),
        ('reactions', '0011_normalised_yo'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_said_on_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_act_counts_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_topic_counts_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_country_counts_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_kind_counts_idx',
        ),
        migrations.AddField(
            model_name='statement',
            name='language',
            field=models.CharField(blank=True, db_default='', default='', editable=False, max_length=2),
        ),
        migrations.RunPython(copy_language, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='statement',
            name='speaker_rule',
            field=models.CharField(blank=True, db_default='', default='', max_length=40),
        ),
        migrations.AlterField(
            model_name='statement',
            name='words_rule',
            field=models.CharField(blank=True, db_default='', default='', max_length=24),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['-said_on', '-id'], include=('speaker', 'source', 'speaker_country', 'speaker_kind', 'act', 'topic', 'quote', 'language'), name='statement_said_on_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['act', 'said_on'], include=('id', 'speaker', 'source', 'speaker_country', 'speaker_kind', 'topic', 'quote', 'language'), name='statement_act_counts_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['topic', 'said_on'], include=('id', 'speaker', 'source', 'speaker_country', 'speaker_kind', 'act', 'quote', 'language'), name='statement_topic_counts_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker_country', 'said_on'], include=('id', 'speaker', 'source', 'speaker_kind', 'act', 'topic', 'quote', 'language'), name='statement_country_counts_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker_kind', 'said_on'], include=('id', 'speaker', 'source', 'speaker_country', 'act', 'topic', 'quote', 'language'), name='statement_kind_counts_idx'),
        ),
    ]
