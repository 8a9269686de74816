"""Readers report a statement as wrong (`/statements/ID/flag`): no account, a reason, a limit per
address. The form has a page of its own: a CSRF token on the statement page would keep that page
out of the shared cache for every reader."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from redis.exceptions import RedisError

from reactions.models import Flag, Statement
from reactions.security import client_address


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        choices=list(Flag.REASONS.items()), widget=forms.RadioSelect, label="What is wrong"
    )
    note = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 4}), label="Say more"
    )


@require_http_methods(["GET", "POST"])
def flag_statement(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.objects.with_outlet().select_related("speaker"), pk=pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST":
        if not _within_limit(request):
            context = {"s": statement, "form": form, "too_many": settings.FLAGS_PER_HOUR}
            refused = render(request, "reactions/flag.html", context, status=429)
            refused["Retry-After"] = "3600"
            return refused
        if form.is_valid():
            Flag.objects.create(statement=statement, address_digest=_digest(request), **form.cleaned_data)
            return redirect(reverse("flag-statement", args=[pk]) + "?sent=1")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reactions/flag.html",
        {"s": statement, "form": form, "sent": "sent" in request.GET},
        status=status,
    )


def _digest(request: HttpRequest) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}|{client_address(request)}".encode()).hexdigest()


def _within_limit(request: HttpRequest) -> bool:
    """At most FLAGS_PER_HOUR reports an hour from one address (a counter in the cache)."""
    key = f"flags:{_digest(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= settings.FLAGS_PER_HOUR
    except ValueError:  # expired between add and incr: this is the first of a new hour
        cache.set(key, 1, timeout=3600)
        return True
    except RedisError:  # the cache is away: a reader's report is not refused for it
        return True
