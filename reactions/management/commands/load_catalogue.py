from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reactions import developments
from reactions.catalogue.loader import DEFAULT_PATH, TIMELINE_PATH, CatalogueError, load, load_timeline
from reactions.catalogue.store import save_catalogue, save_timeline


class Command(BaseCommand):
    help = "Load the actor catalogue and the crisis timeline (reactions/catalogue/). Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_PATH, help="catalogue file (TOML)")
        parser.add_argument("--timeline", type=Path, default=TIMELINE_PATH, help="timeline file (TOML)")

    def handle(self, *args, file: Path, timeline: Path, **options):
        try:
            records = load(file)
            events = load_timeline(timeline, known={r.key for r in records})
        except CatalogueError as exc:
            raise CommandError(str(exc)) from None
        created, updated = save_catalogue(records)
        new_events = save_timeline(events)
        linked = developments.link_all()
        aliases = sum(len(r.aliases) for r in records)
        self.stdout.write(
            f"catalogue: {len(records)} actors ({created} new, {updated} updated), {aliases} aliases"
        )
        self.stdout.write(
            f"timeline: {len(events)} developments ({new_events} new), "
            f"{linked} links to the statements about them"
        )
