"""The review queue (`/review/`, analysts only): the statements most likely wrong first
(reactions/review.py), one at a time with its words marked in its article; confirm, correct or
reject it, or skip to the next, by button or key. Provisional speakers are approved, renamed or
merged from here; `/review/accuracy/` shows what the verdicts say of extraction."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from reactions import review, services
from reactions.catalogue.store import merge_actors
from reactions.forms import CorrectionForm
from reactions.models import Actor, Review, Statement
from reactions.names import known_names
from reactions.permissions import analysts_only

# The statements an analyst skipped this session: the queue passes them by until the next one.
SKIPPED = "review_skipped"
MOST_SKIPPED = 500


def _skipped(request: HttpRequest) -> list[int]:
    return request.session.get(SKIPPED, [])


@require_safe
@analysts_only
def next_page(request: HttpRequest) -> HttpResponse:
    """The first statement in the queue, or word that none is left."""
    statement = review.next_in_queue(_skipped(request))
    if statement is None:
        context = {
            "progress": review.progress(request.user, _skipped(request)),
            "skipped": len(_skipped(request)),
        }
        return render(request, "reactions/review.html", context)
    return _page(request, statement, CorrectionForm(statement))


@analysts_only
def statement_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One statement to review (GET), and the analyst's verdict on it (POST: `action` is confirm,
    correct, reject or skip); then the next in the queue."""
    statement = get_object_or_404(Statement.objects.select_related("speaker", "article__source"), pk=pk)
    if request.method != "POST":
        return _page(request, statement, CorrectionForm(statement))
    action = request.POST.get("action")
    if action == "skip":
        request.session[SKIPPED] = [*_skipped(request), pk][-MOST_SKIPPED:]
        return redirect("review")
    if action == "confirm":
        services.review(statement, request.user, "confirmed")
        messages.success(request, f"Statement {pk} confirmed as extracted.")
    elif action == "reject":
        services.review(statement, request.user, "rejected")
        messages.success(request, f"Statement {pk} rejected as not a statement (undo it from its page).")
    elif action == "correct":
        form = CorrectionForm(statement, request.POST)
        if not form.is_valid():
            return _page(request, statement, form, status=400)
        changes = form.changes()
        if not changes:
            services.review(statement, request.user, "confirmed")
            messages.success(request, f"Nothing was changed: statement {pk} confirmed as extracted.")
        else:
            services.review(statement, request.user, "corrected", **changes)
            messages.success(request, f"Statement {pk}: {', '.join(_said(f) for f in changes)} corrected.")
    else:
        messages.error(request, "Choose confirm, correct, reject or skip.")
        return _page(request, statement, CorrectionForm(statement), status=400)
    return redirect("review")


def _said(field: str) -> str:
    return {"said_on": "day said", "quote": "quote type"}.get(field, field)


def _page(
    request: HttpRequest, statement: Statement, form: CorrectionForm, status: int = 200
) -> HttpResponse:
    text = statement.article.text
    flags = list(statement.flags.filter(handled=False))
    context = {
        "s": statement,
        "form": form,
        "before": text[: statement.start],
        "words": text[statement.start : statement.end],
        "after": text[statement.end :],
        "why": review.why_queued(statement, reported=bool(flags)),
        "flags": flags,
        "reviews": statement.reviews.select_related("user")[:5],
        "progress": review.progress(request.user, _skipped(request)),
        "skipped": len(_skipped(request)),
    }
    return render(request, "reactions/review.html", context, status=status)


@require_POST
@analysts_only
def actor_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve, rename or merge a provisional speaker, from the statement under review."""
    actor = get_object_or_404(Actor, pk=pk, provisional=True)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("review")  # never elsewhere: "//example.org" starts with a slash too
    action = request.POST.get("action")
    if action == "approve":
        actor.provisional = False
        actor.save()
        messages.success(request, f"{actor.name} is now in the catalogue.")
    elif action == "rename":
        name = (request.POST.get("name") or "").strip()[:200]
        if not name:
            messages.error(request, "Give the new name.")
            return redirect(back)
        actor.name = name
        actor.save()
        messages.success(request, f"Renamed: {name} (the name extraction found stays an alias).")
    elif action == "merge":
        typed = (request.POST.get("into") or "").strip()
        named = [a for a in known_names().actors_named(typed) if a[0] != actor.pk]
        if not named:
            messages.error(request, f"No actor in the catalogue is called “{typed}”.")
            return redirect(back)
        target = Actor.objects.get(pk=named[0][0])
        moved = merge_actors(target, [actor])
        messages.success(request, f"{actor.name} merged into {target.name}: {moved} statements moved.")
    else:
        messages.error(request, "Choose approve, rename or merge.")
    return redirect(back)


@require_safe
@analysts_only
def accuracy_page(request: HttpRequest) -> HttpResponse:
    found = review.accuracy()
    return render(
        request,
        "reactions/review_accuracy.html",
        {
            "accuracy": found,
            "languages": sorted(found.by_language.items()),
            "rules": [
                (label, sorted(found.by_rule[part].items(), key=lambda r: -r[1].reviewed), part)
                for part, label in (("speaker", "Speaker"), ("said_on", "Day said"), ("words", "Words"))
            ],
            "recent": Review.objects.select_related("user", "statement")[:20],
        },
    )
