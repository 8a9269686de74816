"""Occasions' addresses named by their participants' slugs, not their database ids (stable across
databases and re-ingestion): each occasion made before is given the address it is made with now."""

from django.db import migrations


def rename(apps, schema_editor):
    from articles.services import occasion_slug

    Event = apps.get_model("reactions", "Event")
    for event in Event.objects.filter(kind="occasion").prefetch_related("participants"):
        slug = occasion_slug(event.occasion_type, event.start, sorted(a.slug for a in event.participants.all()))
        if slug != event.slug and not Event.objects.filter(slug=slug).exists():
            event.slug = slug
            event.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("reactions", "0015_actor_name_lower_idx")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
