"""REST endpoints for ingest jobs: POST /api/ingest/ queues one, GET /api/ingest/{id}/ follows it."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from kombu.exceptions import OperationalError as BrokerError
from rest_framework import serializers, status
from rest_framework.generics import RetrieveAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from articles import jobs
from articles.models import IngestItem, IngestJob
from articles.reading import ManifestEntry
from reactions.lib import refusals
from reactions.lib.days import accepted_day
from reactions.permissions import IsAnalyst

MAX_ITEMS = jobs.MAX_ITEMS


class ArticleInput(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, max_length=10 * 1024 * 1024)
    file = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
    title = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    source = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    published = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[accepted_day]
    )
    # Any two-letter code is stored; the pipeline reads ar, en and ru (language.not_read). Left out,
    # it is detected from the text.
    language = serializers.RegexField(r"^[a-z]{2}$", required=False, default="")
    url = serializers.URLField(required=False, allow_null=True, default=None, max_length=2000)


class IngestRequest(serializers.Serializer):
    urls = serializers.ListField(child=serializers.URLField(max_length=2000), required=False, default=list)
    articles = ArticleInput(many=True, required=False, default=list)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    source = serializers.CharField(
        required=False, allow_blank=True, max_length=200, default="", help_text="Outlet of the uploaded files"
    )
    published = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Publication date of the uploaded files",
        validators=[accepted_day],
    )

    def validate(self, data):
        count = len(data["urls"]) + len(data["articles"]) + len(data["files"])
        if count == 0:
            raise serializers.ValidationError({"urls": ["Give at least one URL, article or file."]})
        if count > MAX_ITEMS:
            raise serializers.ValidationError(
                {"urls": [f"At most {MAX_ITEMS} items per job ({count} given)."]}
            )
        return data

    def items(self) -> list[dict]:
        data = self.validated_data
        items = [jobs.url_item(url) for url in data["urls"]]
        for a in data["articles"]:
            entry = ManifestEntry(
                file=a["file"],
                source=a["source"],
                published=a["published"],
                language=a["language"],
                url=a["url"],
                title=a["title"],
            )
            items.append(jobs.text_item(a["file"] or a["url"] or "article", a["text"], entry))
        for upload in data["files"]:
            entry = ManifestEntry(file=upload.name, source=data["source"], published=data["published"])
            items.append(jobs.uploaded_item(upload, entry))
        return items


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = IngestItem
        fields = ["position", "label", "outcome", "statements", "error", "article"]


class JobSerializer(serializers.ModelSerializer):
    counts = serializers.SerializerMethodField()
    items = ItemSerializer(many=True, read_only=True)
    created_by = serializers.StringRelatedField()

    class Meta:
        model = IngestJob
        fields = [
            "id",
            "status",
            "created_by",
            "created_at",
            "finished_at",
            "inputs",
            "total",
            "counts",
            "items",
        ]

    def get_counts(self, job: IngestJob) -> dict[str, int]:
        return job.counts()


class IngestView(APIView):
    """Queue articles, files, page URLs and feed URLs as one ingest job (analysts only)."""

    permission_classes = [IsAnalyst]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request=IngestRequest, responses={202: JobSerializer})
    def post(self, request):
        payload = IngestRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            job = jobs.start(payload.items(), user=request.user)
        except BrokerError:
            # The broker's error names its address: logged by jobs.start, never shown.
            message = "The task queue is unavailable; nothing was queued, try again shortly."
            return Response(refusals.body(503, message), status=status.HTTP_503_SERVICE_UNAVAILABLE)
        job.refresh_from_db()
        body = JobSerializer(job).data
        body["url"] = request.build_absolute_uri(f"/api/ingest/{job.pk}/")
        return Response(body, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    get=extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="The job's id")]
    )
)
class JobView(RetrieveAPIView):
    """An ingest job: its status, counts and per-item outcomes."""

    permission_classes = [IsAnalyst]
    serializer_class = JobSerializer
    queryset = IngestJob.objects.select_related("created_by").prefetch_related("items")
