"""An article's page: its full text with every extracted statement highlighted and labelled."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article
from reactions.lib.highlight import segments
from reactions.response_cache import anonymous_reads


@require_safe
@anonymous_reads
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    statements = list(article.statements.select_related("speaker").order_by("start"))
    return render(
        request,
        "reactions/article.html",
        {
            "article": article,
            "statements": statements,
            "segments": segments(article.text, [(s.start, s.end, s) for s in statements]),
        },
    )
