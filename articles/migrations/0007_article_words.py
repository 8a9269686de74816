"""The articles' normalised text and its stored `arabic` vector, for a search of the whole text
(`?scope=articles`, reactions/search.py), and the vector's GIN index."""

import django.contrib.postgres.search
from django.db import migrations, models

import reactions.search
from reactions.migration_ops import PostgresOnlySQL


def normalise_texts(apps, schema_editor):
    from articles.extraction.normalize import normalize

    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("pk", "text").iterator(chunk_size=500):
        article.normalised = normalize(article.text)
        batch.append(article)
        if len(batch) == 500:
            Article.objects.bulk_update(batch, ["normalised"])
            batch = []
    Article.objects.bulk_update(batch, ["normalised"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_ingest_item_children"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="normalised",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(normalise_texts, migrations.RunPython.noop),
        migrations.AddField(
            model_name="article",
            name="words",
            field=models.GeneratedField(
                db_persist=True,
                expression=reactions.search.ArabicStems("normalised"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        # ?q=...&scope=articles: Statement.objects.filter(article__words=SearchQuery(...)).
        PostgresOnlySQL(
            "CREATE INDEX article_words_idx ON articles_article USING gin (words)",
            "DROP INDEX article_words_idx",
        ),
    ]
