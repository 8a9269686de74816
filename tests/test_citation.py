"""Cite this: the statement page's citation text and the API's CSL-JSON, from one builder."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from django.utils import timezone

from articles import services
from articles.reading import ManifestEntry
from reactions.models import Statement
from tests.conftest import ARTICLE_A


def _lavrov(url: str | None, title: str) -> Statement:
    services.store(
        ARTICLE_A,
        ManifestEntry(file="a.txt", source="Outlet A", published=date(2022, 1, 6), url=url, title=title),
    )
    return Statement.objects.select_related("speaker__parent", "article__source").get(
        speaker__slug="sergey-lavrov"
    )


def test_the_statement_page_gives_citation_text_with_everything_a_reader_checks(client, loaded_catalogue):
    s = _lavrov("https://outlet-a.example/2022/01/06/kazakhstan", "لافروف يدعو إلى ضبط النفس")
    page = client.get(f"/statements/{s.pk}/").content.decode()
    cited = _cited(page)
    today = timezone.localdate()
    assert cited.startswith(f"Sergey Lavrov, {s.speaker.role}")
    assert f"«{s.content}»" in cited
    assert s.said_on is not None
    assert f"said {s.said_on.day} {s.said_on:%B %Y}" in cited
    assert "As reported by Outlet A, “لافروف يدعو إلى ضبط النفس”, 6 January 2022" in cited
    assert "https://outlet-a.example/2022/01/06/kazakhstan" in cited
    assert f"Reactions, statement {s.pk}, http://testserver/statements/{s.pk}/" in cited
    assert f"(accessed {today.day} {today:%B %Y})" in cited
    # The headline and the original address are on the page itself, not only in the citation.
    assert "<dt>Headline</dt>" in page
    assert 'href="https://outlet-a.example/2022/01/06/kazakhstan"' in page
    assert 'data-copy="cite-text"' in page


def test_a_statement_whose_address_is_unknown_says_so(client, loaded_catalogue):
    s = _lavrov(None, "")
    page = client.get(f"/statements/{s.pk}/").content.decode()
    assert "unknown: the article was ingested without it" in page
    cited = client.get(f"/api/statements/{s.pk}/citation/").json()
    assert "original address unknown" in cited["text"]
    assert "URL" not in cited["csl"]


def test_the_api_gives_the_same_citation_and_a_csl_json_item(client, loaded_catalogue):
    s = _lavrov("https://outlet-a.example/a", "Headline A")
    cited = client.get(f"/api/statements/{s.pk}/citation/").json()
    page = client.get(f"/statements/{s.pk}/").content.decode()
    assert (
        unescape(re.search(r'<textarea id="cite-text"[^>]*>(.*?)</textarea>', page, re.S).group(1))
        == cited["text"]
    )
    csl = cited["csl"]
    assert csl["type"] == "article-newspaper"
    assert (csl["title"], csl["container-title"], csl["URL"]) == (
        "Headline A",
        "Outlet A",
        "https://outlet-a.example/a",
    )
    assert csl["issued"] == {"date-parts": [[2022, 1, 6]]}
    assert csl["archive_location"] == f"http://testserver/statements/{s.pk}/"
    assert s.content in csl["note"]
    assert client.get("/api/statements/999999/citation/").status_code == 404


def _cited(page: str) -> str:
    return unescape(re.search(r'<textarea id="cite-text"[^>]*>(.*?)</textarea>', page, re.S).group(1))
