"""`manage.py reextract [--all | --article ID ...]`: run the current pipeline on stored articles.

Machine statements are replaced; a statement an analyst corrected is never touched. Without
options, only articles extracted by another pipeline version are re-run.
"""

from django.core.management.base import BaseCommand, CommandError

from articles import services
from articles.extraction.pipeline import PIPELINE_VERSION
from articles.models import Article


class Command(BaseCommand):
    help = "Re-run extraction on stored articles, keeping human corrections."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--all", action="store_true", help="every article")
        group.add_argument("--article", type=int, action="append", help="this article id (repeatable)")

    def handle(self, *args, all, article, **options):
        if article:
            articles = Article.objects.filter(pk__in=article)
            missing = set(article) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
        elif all:
            articles = Article.objects.all()
        else:
            articles = Article.objects.exclude(pipeline_version=PIPELINE_VERSION)
        catalogue = services.current_catalogue()
        count = statements = 0
        for a in articles.select_related("source").iterator():
            statements += services.reextract(a, catalogue)
            count += 1
        self.stdout.write(
            f"reextract: {count} articles, {statements} statements (pipeline {PIPELINE_VERSION})"
        )
