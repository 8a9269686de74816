"""The actor catalogue and the timeline in the database: what the pipeline sees (`catalogue_from_db`)
and its writers (`load_catalogue`, a provisional speaker, provisional actors merged by an analyst)."""

from __future__ import annotations

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils.text import slugify

from articles.extraction.catalogue import Alias, Catalogue, CatalogueActor
from articles.extraction.normalize import normalize
from reactions.data_version import statements_changed
from reactions.models import Actor, ActorAlias, Event, Statement


@transaction.atomic
def save_catalogue(records: list[CatalogueActor]) -> tuple[int, int]:
    """Create or update the catalogue's actors and aliases; returns (actors created, updated).

    Aliases an analyst added in the admin are kept; the file's aliases are added when missing.
    """
    created = updated = 0
    by_key: dict[str, Actor] = {}
    for record in records:
        actor, was_created = Actor.objects.update_or_create(
            slug=record.key,
            defaults={
                "name": record.name,
                "kind": record.kind,
                "country": record.country,
                "role": record.role,
                "role_code": record.role_code,
                "wikidata_id": record.wikidata,
                "provisional": False,
            },
        )
        created += was_created
        updated += not was_created
        by_key[record.key] = actor
        existing = set(actor.aliases.values_list("text", flat=True))
        ActorAlias.objects.bulk_create(
            [
                ActorAlias(
                    actor=actor, text=a.text, language=a.language, kind=a.kind, normalised=normalize(a.text)
                )
                for a in record.aliases
                if a.text not in existing
            ]
        )
    for record in records:
        parent = by_key.get(record.parent) if record.parent else None
        Actor.objects.filter(pk=by_key[record.key].pk).update(parent=parent)
    statements_changed()  # speakers' names and institutions are part of what lists show
    return created, updated


def catalogue_from_db() -> Catalogue:
    """The catalogue the pipeline sees, from the database: approved actors and their aliases.

    Read as rows, not model instances (a catalogue of thousands of actors is read in a fifth of the
    time), in a fixed order: the first actor in catalogue order keeps an alias two share, and two
    reads of the same rows give equal catalogues (articles.services keeps the first).
    """
    aliases: dict[int, list[Alias]] = defaultdict(list)
    approved_aliases = ActorAlias.objects.filter(actor__provisional=False).order_by("id")
    for actor_id, text, language, kind in approved_aliases.values_list(
        "actor_id", "text", "language", "kind"
    ):
        aliases[actor_id].append(Alias(text, language, kind))
    fields = ("id", "slug", "name", "kind", "country", "parent__slug", "role", "role_code", "wikidata_id")
    rows = Actor.objects.filter(provisional=False).order_by("name", "id").values_list(*fields)
    return Catalogue.of(
        CatalogueActor(
            key=slug,
            name=name,
            kind=kind,
            country=country,
            parent=parent,
            role=role,
            role_code=role_code,
            wikidata=wikidata,
            aliases=tuple(aliases[pk]),
        )
        for pk, slug, name, kind, country, parent, role, role_code, wikidata in rows
    )


def catalogue_version() -> tuple:
    """Changes whenever an approved actor or an approved actor's alias is added, removed or
    approved: one cheap query. A provisional speaker (new with many an article) changes nothing the
    pipeline sees, so it leaves the version as it was."""
    actors = Actor.objects.filter(provisional=False).aggregate(n=Count("id"), top=Max("id"))
    aliases = ActorAlias.objects.filter(actor__provisional=False).aggregate(n=Count("id"), top=Max("id"))
    return (actors["n"], actors["top"], aliases["n"], aliases["top"])


def provisional_actor(arabic_name: str, country: str = "") -> Actor:
    """The provisional actor for a speaker the catalogue lacks: found again by its name, never duplicated."""
    arabic_name = arabic_name[:200]  # the name column's length; the lookup and the insert agree
    normalised = normalize(arabic_name)
    alias = (
        ActorAlias.objects.filter(normalised=normalised, actor__provisional=True)
        .select_related("actor")
        .first()
    )
    if alias:
        return alias.actor
    base = slugify(arabic_name, allow_unicode=True)[:100] or "speaker"
    slug, n = base, 1
    while Actor.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    try:
        # Two workers may make the same speaker at once: the slug is unique, so the second insert
        # fails and that worker takes the first one's actor (a savepoint keeps its article's
        # transaction usable).
        with transaction.atomic():
            actor = Actor.objects.create(
                slug=slug, name=arabic_name, kind="person", country=country, provisional=True
            )
            ActorAlias.objects.create(
                actor=actor, text=arabic_name, language="ar", normalised=normalised[:300]
            )
    except IntegrityError:
        found = Actor.objects.filter(slug=slug, provisional=True).first()
        if found is None:
            raise
        return found
    return actor


@transaction.atomic
def merge_actors(target: Actor, others: list[Actor]) -> int:
    """Fold provisional actors into `target`: statements and names move over. Returns statements moved."""

    moved = 0
    existing = set(target.aliases.values_list("text", flat=True))
    for actor in others:
        if actor.pk == target.pk:
            continue
        moved += Statement.all_objects.filter(speaker=actor).update(
            speaker=target, speaker_country=target.country, speaker_kind=target.kind
        )
        for alias in actor.aliases.all():
            if alias.text not in existing:
                alias.actor = target
                alias.save(update_fields=["actor"])
                existing.add(alias.text)
        Actor.objects.filter(parent=actor).update(parent=target)
        actor.delete()
    statements_changed()
    return moved


@transaction.atomic
def save_timeline(events: list[dict]) -> int:
    """Create or update the curated developments; returns how many were created."""
    created = 0
    for item in events:
        event, was_created = Event.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "kind": Event.DEVELOPMENT,
                "start": item["start"],
                "end": item.get("end"),
                "description": item.get("description", ""),
                "occasion_type": item.get("occasion", ""),
                "topic": item.get("topic", ""),
                "words": item.get("words", {}),
            },
        )
        event.participants.set(Actor.objects.filter(slug__in=item.get("participants", [])))
        created += was_created
    statements_changed()
    return created
