"""The code's layout: which module may import which (ingest writes statements and does not know how
they are read), and how templates are written."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
READ_SIDE = (
    "reactions.queries",
    "reactions.facets",
    "reactions.listing",
    "reactions.pages",
    "reactions.api",
)


def imported_by(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_ingest_jobs_do_not_import_their_celery_tasks_back():
    from articles import jobs, tasks

    assert not {n for n in imported_by(ROOT / "articles" / "jobs.py") if n.startswith("articles.tasks")}
    assert tasks.ingest_item.name == jobs.INGEST_ITEM  # jobs queue it by that name


@pytest.mark.parametrize("path", sorted((ROOT / "articles").rglob("*.py")), ids=lambda p: p.name)
def test_ingest_does_not_import_the_read_side(path):
    read = {n for n in imported_by(path) if n.startswith(READ_SIDE)}
    assert not read, f"{path.relative_to(ROOT)} imports {sorted(read)}"


def test_no_template_comment_spans_lines():
    # Django's {# ... #} ends at the line's end: one left open is printed on the page (every
    # statement card once showed its own comment). Longer comments are {% comment %} blocks.
    templates = ROOT / "templates"
    open_comments = [
        f"{path.relative_to(templates)}:{number}"
        for path in templates.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert not open_comments
