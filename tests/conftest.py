import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from articles.extraction.catalogue import Catalogue
from articles.extraction.pipeline import ArticleMeta, extract
from reactions.catalogue.loader import load

# CI replays the same examples on every run (a red CI must be reproducible); a developer's run
# explores new ones. HYPOTHESIS_PROFILE=explore runs many more.
hypothesis_settings.register_profile("ci", max_examples=500, derandomize=True, deadline=None)
hypothesis_settings.register_profile("dev", max_examples=500, deadline=None)
hypothesis_settings.register_profile("explore", max_examples=20_000, deadline=None)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue.of(load())


@pytest.fixture(scope="session")
def run(catalogue):
    """Extract from a text written for the test, published on 10 January 2022 (a Monday)."""

    def _run(text: str, published: date | None = date(2022, 1, 10)):
        return extract(text, ArticleMeta(file="t.txt", published=published), catalogue)

    return _run


@pytest.fixture
def loaded_catalogue(db):
    from reactions.catalogue.store import save_catalogue

    save_catalogue(load())


# An article of two statements (Tokayev, direct, «أمس»; Lavrov, indirect appeal) that the API and the
# page tests share, stored as "Outlet A" on 6 January 2022 beside a second article of their own.
ARTICLE_A = (
    "عنوان أ\n"
    'وقال الرئيس الكازاخستاني قاسم جومارت توكاييف، أمس، إن "الإرهابيين هاجموا ألماتي".\n'
    "ودعا وزير الخارجية الروسي سيرغي لافروف جميع الأطراف إلى ضبط النفس.\n"
)


@pytest.fixture
def store_with_article_a(loaded_catalogue):
    """Store ARTICLE_A (Outlet A, 6 January) and `second` (Outlet B, 11 January)."""
    from articles import services
    from articles.reading import ManifestEntry

    def _store(second: str) -> None:
        services.store(ARTICLE_A, ManifestEntry(file="a.txt", source="Outlet A", published=date(2022, 1, 6)))
        services.store(second, ManifestEntry(file="b.txt", source="Outlet B", published=date(2022, 1, 11)))

    return _store


@pytest.fixture
def seeds() -> Path:
    if not (SEEDS / "manifest.json").exists():
        pytest.fail(f"the seed articles are missing: expected {SEEDS} beside the repository")
    return SEEDS


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()


DEVELOPMENT_SETS = [SEEDS, *(SHARED / "dev" / lang / "articles" for lang in ("ar", "en", "ru"))]


@pytest.fixture
def development_sets(transactional_db, loaded_catalogue):
    """Every development set ingested (`ingest` queues its items on commit: a real transaction)."""
    missing = [str(s) for s in DEVELOPMENT_SETS if not s.is_dir()]
    if missing:
        pytest.fail(f"the development sets are missing: expected {missing} beside the repository")
    from django.core.management import call_command

    for folder in DEVELOPMENT_SETS:
        call_command("ingest", str(folder))
    return DEVELOPMENT_SETS


@pytest.fixture
def said(loaded_catalogue):
    """Store a statement written for the test, each in an article of its own (January 2022):
    said("vladimir-putin", "support", "csto", day=6, language="en", words="...")."""
    from articles import services
    from articles.models import Article, Source
    from reactions.models import Actor, Statement, matched_columns

    source = Source.objects.create(name="Test Outlet")
    made = []

    def _said(slug, act, topic, day, language="en", words=None):
        n = len(made)
        words = words or f"Words number {n} said about Kazakhstan."
        text = f"Headline {n}\n{words}"
        article = Article.objects.create(
            source=source, text=text, text_sha256=services.text_hash(text), language=language
        )
        statement = Statement(
            article=article,
            speaker=Actor.objects.get(slug=slug),
            content=words,
            **matched_columns(words),
            start=len(text) - len(words),
            end=len(text),
            quote="indirect",
            said_on=None if day is None else date(2022, 1, day),
            topic=topic,
            act=act,
        )
        statement.copy_speaker_and_source()
        statement.save()
        made.append(statement)
        return statement

    return _said


@pytest.fixture
def statement(loaded_catalogue):
    """A statement ingested from an Arabic sentence: Volodin, on 7 January 2022 («أمس» in an article
    of the 8th), that Russia will not interfere."""
    from articles import services
    from articles.reading import ManifestEntry
    from reactions.models import Statement

    text = "عنوان\nوقال رئيس مجلس الدوما الروسي فياتشيسلاف فولودين، أمس، إن روسيا لن تتدخل.\n"
    services.store(text, ManifestEntry(file="a.txt", source="Outlet", published=date(2022, 1, 8)))
    return Statement.objects.exclude(content="عنوان").get()


@pytest.fixture
def analyst(django_user_model):
    """A member of staff, who may correct and review statements."""
    return django_user_model.objects.create_user("rania", password="a-long-password-1", is_staff=True)
