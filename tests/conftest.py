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
    from reactions.services import save_catalogue

    save_catalogue(load())


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
