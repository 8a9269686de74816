"""Pages. Thin: queries live in model managers and services."""

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from reactions.models import Statement


def statements(request: HttpRequest) -> HttpResponse:
    """The home page: statements, newest first (the Explorer issue adds filters and facets)."""
    rows = Statement.objects.select_related("speaker", "article__source").order_by("-said_on", "-id")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "reactions/statements.html", {"page": page})


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for docker-compose and load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any failure means "not ready", reported as such
        return JsonResponse({"status": "error", "database": str(exc).splitlines()[0]}, status=503)
    return JsonResponse({"status": "ok"})
