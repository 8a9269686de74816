from datetime import date
from pathlib import Path

import pytest

from articles.extraction.catalogue import Catalogue
from articles.extraction.pipeline import ArticleMeta, extract
from reactions.catalogue.loader import load

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
