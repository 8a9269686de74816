"""Check a quote: paste words, see which statements they are, who said them first and who carried them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from reactions.cards import cards, mark_matches
from reactions.quote_check import MAX_CHARS, check, passage_words, refusal


@require_http_methods(["GET", "HEAD", "POST"])
def check_page(request: HttpRequest) -> HttpResponse:
    """The form (GET), and with the pasted text (POST) the statements it matches, closest first."""
    text = request.POST.get("text", "") if request.method == "POST" else ""
    context: dict = {"text": text, "max_chars": MAX_CHARS, "checked": request.method == "POST"}
    status = 200
    if request.method == "POST":
        problem = refusal(text)
        if problem:
            context["problem"], status = problem, 400
        else:
            found = check(text)
            shown = cards([m.statement for m in found])
            # Each card marks the words it shares with the passage.
            mark_matches(shown, [(w,) for w in passage_words(text)])
            context["matches"] = list(zip(found, shown, strict=True))
    return render(request, "reactions/check.html", context, status=status)
