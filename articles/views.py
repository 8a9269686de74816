"""The ingest page: an analyst pastes URLs or uploads files, then watches the job to its end."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from kombu.exceptions import OperationalError as BrokerError

from articles import jobs
from articles.models import IngestJob
from articles.reading import ManifestEntry
from reactions.permissions import is_analyst

MAX_URLS = 200


def _analyst(request: HttpRequest) -> None:
    if not is_analyst(request.user):
        raise PermissionDenied("Only analysts may ingest articles.")


@login_required
@require_http_methods(["GET", "POST"])
def ingest(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    errors: list[str] = []
    if request.method == "POST":
        urls = [u.strip() for u in request.POST.get("urls", "").split() if u.strip()]
        bad = [u for u in urls if not u.startswith(("http://", "https://"))]
        if bad:
            errors.append(f"Not a web address: {bad[0]}")
        uploads = request.FILES.getlist("files")
        if not urls and not uploads:
            errors.append("Paste at least one URL or choose at least one file.")
        if len(urls) > MAX_URLS:
            errors.append(f"At most {MAX_URLS} URLs at a time.")
        if not errors:
            source = request.POST.get("source", "").strip()[:200]
            items = [jobs.url_item(u) for u in urls]
            items += [jobs.uploaded_item(f, ManifestEntry(file=f.name, source=source)) for f in uploads]
            try:
                job = jobs.start(items, user=request.user)
            except BrokerError:
                errors.append(
                    "The task queue is unavailable right now; nothing was queued. Try again shortly."
                )
            else:
                return redirect("ingest-job", pk=job.pk)
    recent = IngestJob.objects.filter(created_by=request.user)[:10]
    return render(
        request,
        "articles/ingest.html",
        {"errors": errors, "recent": recent, "urls": request.POST.get("urls", "")},
        status=400 if errors else 200,
    )


def job(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _analyst(request)
    job = get_object_or_404(IngestJob, pk=pk)
    context = {"job": job, "counts": job.counts(), "items": job.items.select_related("article")}
    template = "articles/job.html#progress" if request.htmx else "articles/job.html"
    return render(request, template, context)
