"""The ingest page: an analyst pastes URLs or uploads files, then watches the job to its end."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from kombu.exceptions import OperationalError as BrokerError

from articles import jobs
from articles.forms import IngestForm
from articles.models import IngestJob
from reactions.permissions import is_analyst

QUEUE_DOWN = "The task queue is unavailable right now; nothing was queued. Try again shortly."


def _analyst(request: HttpRequest) -> None:
    if not is_analyst(request.user):
        raise PermissionDenied("Only analysts may ingest articles.")


@login_required
@require_http_methods(["GET", "POST"])
def ingest(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    uploads = request.FILES.getlist("files")
    form = IngestForm(
        request.POST or None, files_uploaded=len(uploads), manifest=request.FILES.get("manifest")
    )
    if request.method == "POST" and form.is_valid():
        items = [jobs.url_item(u) for u in form.cleaned_data["urls"]]
        items += [jobs.uploaded_item(f, form.entry(f.name)) for f in uploads]
        try:
            job = jobs.start(items, user=request.user)
        except BrokerError:
            form.add_error(None, QUEUE_DOWN)
        else:
            return redirect("ingest-job", pk=job.pk)
    recent = IngestJob.objects.filter(created_by=request.user)[:10]
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "articles/ingest.html", {"form": form, "recent": recent}, status=status)


def job(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _analyst(request)
    job = get_object_or_404(IngestJob, pk=pk)
    context = {"job": job, "counts": job.counts(), "items": job.items.select_related("article")}
    template = "articles/job.html#progress" if request.htmx else "articles/job.html"
    return render(request, template, context)
