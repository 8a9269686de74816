"""normalize() folds ё to е since this migration: the stored normalised words that hold one follow."""

from django.db import migrations


def refold(apps, schema_editor):
    from articles.extraction.normalize import normalize

    for model, field in (("Statement", "content"), ("ActorAlias", "text")):
        rows = apps.get_model("reactions", model).objects
        batch = []
        for row in rows.filter(**{f"{field}__regex": "[ёЁ]"}).only("id", field).iterator(chunk_size=2000):
            row.normalised = normalize(getattr(row, field))
            batch.append(row)
        rows.bulk_update(batch, ["normalised"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("reactions", "0010_statement_rules"),
    ]

    operations = [
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
