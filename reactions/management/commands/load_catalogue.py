from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reactions.catalogue.loader import DEFAULT_PATH, CatalogueError, load
from reactions.services import save_catalogue


class Command(BaseCommand):
    help = "Load the actor catalogue (reactions/catalogue/actors.toml) into the database. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_PATH, help="catalogue file (TOML)")

    def handle(self, *args, file: Path, **options):
        try:
            records = load(file)
        except CatalogueError as exc:
            raise CommandError(str(exc)) from None
        created, updated = save_catalogue(records)
        aliases = sum(len(r.aliases) for r in records)
        self.stdout.write(
            f"catalogue: {len(records)} actors ({created} new, {updated} updated), {aliases} aliases"
        )
