"""Read endpoints of the API. Queries live in the model managers and reactions/filters.py."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.extraction.normalize import normalize
from articles.models import Article, Source
from reactions import export, listing, services
from reactions.api import csv
from reactions.api.pagination import DaySaid, NewestFirst
from reactions.api.serializers import (
    ActorSerializer,
    ArticleBriefSerializer,
    ArticleSerializer,
    CheckRequestSerializer,
    CheckResponseSerializer,
    CitationSerializer,
    EventSerializer,
    FacetsSerializer,
    OverviewSerializer,
    SourceSerializer,
    StatementCorrectionSerializer,
    StatementItemSerializer,
    StatementReportsSerializer,
    StatementSerializer,
)
from reactions.citation import cite
from reactions.data_version import counted_together
from reactions.facets import facets, filters_key
from reactions.filters import StatementFilter
from reactions.lib.addresses import address
from reactions.lib.periods import GROUPS
from reactions.models import Actor, Event, Statement
from reactions.overview import cached_overview
from reactions.permissions import IsAnalyst
from reactions.quote_check import Report, check
from reactions.response_cache import CachedReads


class StatementViewSet(CachedReads, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Statements: who said what, and when. The list is the statements page's list, each item the
    record `/statements.json` gives; `?format=csv` streams the same list as CSV. One statement
    (`/api/statements/{id}/`) is the full record: its speaker's institutions, its article.

    Anyone may read; analysts correct a statement with PATCH (speaker, said_on, act, topic, quote),
    or reject it as not a statement (`rejected: true`: 204, and it is gone from every list).
    """

    filter_backends = [DjangoFilterBackend]
    filterset_class = StatementFilter
    pagination_class = DaySaid
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, csv.CSVRenderer]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return Statement.objects.all() if self.action == "list" else Statement.objects.for_listing()

    def get_serializer_class(self):
        return StatementItemSerializer if self.action == "list" else StatementSerializer

    def listing_key(self, request) -> str:
        """The filters' canonical form: the page's statements and count are cached under it."""
        return filters_key(request.query_params)

    def get_renderers(self):
        # CSV is a view of the list; one statement is JSON.
        renderers = super().get_renderers()
        return renderers if self.action == "list" else [r for r in renderers if r.format != "csv"]

    def get_permissions(self):
        return [IsAnalyst()] if self.request.method == "PATCH" else [AllowAny()]

    @extend_schema(
        request=StatementCorrectionSerializer,
        responses={
            200: StatementSerializer,
            204: OpenApiResponse(description="Rejected as not a statement: gone from every list."),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        statement = self.get_object()
        correction = StatementCorrectionSerializer(statement, data=request.data, partial=True)
        correction.is_valid(raise_exception=True)
        changes = correction.validated_data
        if changes.pop("rejected", False):  # "not a statement": gone from the API, so no body
            if changes:
                services.mark_corrected(statement, request.user, via="api", **changes)
            services.reject(statement, request.user, via="api")
            return Response(status=status.HTTP_204_NO_CONTENT)
        services.mark_corrected(statement, request.user, via="api", **changes)
        return Response(StatementSerializer(self.get_queryset().get(pk=statement.pk)).data)

    @extend_schema(responses={200: CitationSerializer})
    @action(detail=True)
    def citation(self, request, pk=None):
        """How to cite the statement: ready text and one CSL-JSON item."""
        statement = self.get_object()
        permalink = request.build_absolute_uri(reverse("statement", args=[statement.pk]))
        found = cite(statement, permalink, timezone.localdate())
        return Response({"text": found.text, "csl": found.csl})

    @extend_schema(responses={200: StatementReportsSerializer})
    @action(detail=True)
    def reports(self, request, pk=None):
        """Who carried the statement: every report of its words, the earliest published first (the
        statement among them), and its speaker's words at the same occasion in other languages."""
        statement = self.get_object()
        root = statement.claim_id
        claim = Statement.objects.reports_of([root]).with_outlet()
        occasion = Statement.objects.at_same_occasion(statement).with_outlet()
        return Response(
            {
                "reports": [_report(request, Report.of(r)) for r in claim],
                "same_occasion": [
                    {
                        **_report(request, Report.of(r)),
                        "language": r.language,
                        "said_on": r.said_on,
                        "content": r.content,
                    }
                    for r in occasion
                ],
            }
        )

    @extend_schema(
        filters=True,
        parameters=[OpenApiParameter("group", str, enum=list(GROUPS), description="How days are grouped")],
        responses={200: FacetsSerializer},
    )
    @action(detail=False)
    def facets(self, request):
        """Counts per speaker, country, kind, act, topic, quote type, outlet, event and day (`group=week`
        or `month` groups the days) for the same filters; each facet's own filter is left out of its
        counts, so that a panel shows what else could be chosen."""
        self.filter_queryset(Statement.objects.none())  # a bad filter value is a 400 before counting
        group = request.query_params.get("group", "day")
        if group not in GROUPS:
            raise ValidationError({"group": [f"Must be one of: {', '.join(GROUPS)}."]})
        # Keyed by the whole query: the toggle links keep what else it holds (page_size, format).
        # Its counts, shared with other filters (reactions/facets.py), are written with it at once.
        wanted = ("facets-api", request.query_params.urlencode())
        counts = counted_together(
            [wanted], lambda: {wanted: facets(request.query_params, Statement.objects.all(), group=group)}
        )
        return Response(counts[wanted])

    @extend_schema(filters=True, responses={200: OverviewSerializer})
    @action(detail=False)
    def reactions(self, request):
        """Who reacted how, and when, among the statements these filters list: each country and
        international organisation that spoke, its stance on the CSTO deployment and on the protests
        (from its statements' acts, the rule in `stance_of_act` and on /methodology/), its first
        reaction and what it said each day. The data of the page /reactions/."""
        self.filter_queryset(Statement.objects.none())  # a bad filter value is a 400 before counting
        found = cached_overview(request.query_params, StatementFilter(request.query_params))
        return Response(OverviewSerializer(found, context={"request": request}).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv"],
                description="`csv`: the whole filtered list as CSV, in `ordering` (as `Accept: text/csv`)",
            )
        ],
        responses={
            (200, "application/json"): StatementItemSerializer,
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="The whole filtered list (no page), one row a statement, the columns of "
                "/statements.csv; `?format=csv` or `Accept: text/csv`",
            ),
        },
    )
    def list(self, request, *args, **kwargs):
        statements = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            return export.stream_csv(statements, listing.ordering_of(request.query_params))
        # The items are plain values already (listing.page_items): no serializer to run them through.
        return self.get_paginated_response(self.paginate_queryset(statements))


SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description="The actor's slug (as `speaker_slug`)"
)


@extend_schema_view(retrieve=extend_schema(parameters=[SLUG]))
class ActorViewSet(CachedReads, viewsets.ReadOnlyModelViewSet):
    """Actors, searchable by name or alias in any language (`?search=`)."""

    serializer_class = ActorSerializer
    lookup_field = "slug"
    lookup_value_regex = "[^/.\x00]+"  # a NUL cannot reach PostgreSQL text: a 404, not a 500
    pagination_class = NewestFirst
    filterset_class = None  # the statements action's is StatementFilter

    def get_queryset(self):
        if self.action == "statements":  # what that action lists (and its filters filter)
            return Statement.objects.all()
        return Actor.objects.select_related("parent__parent").prefetch_related("aliases").distinct()

    def filter_queryset(self, queryset):
        if self.action == "statements":  # the statement filters (its action's filterset_class)
            return super().filter_queryset(queryset)
        term = self.request.query_params.get("search", "")[:200]
        if term:
            folded = normalize(term)
            queryset = queryset.filter(
                Q(name__icontains=term) | Q(slug__icontains=term) | Q(aliases__normalised__contains=folded)
            ).distinct()
        return queryset

    @extend_schema(filters=True, parameters=[SLUG], responses=StatementItemSerializer(many=True))
    @action(
        detail=True,
        serializer_class=StatementItemSerializer,
        pagination_class=DaySaid,
        filter_backends=[DjangoFilterBackend],
        filterset_class=StatementFilter,
    )
    def statements(self, request, slug=None):
        """The actor's statements as the statements list gives them: the same filters, order, pages
        and items."""
        actor = get_object_or_404(Actor, slug=slug)
        statements = self.filter_queryset(self.get_queryset().filter(speaker=actor))
        return self.get_paginated_response(self.paginate_queryset(statements))


class SourceViewSet(CachedReads, viewsets.ReadOnlyModelViewSet):
    serializer_class = SourceSerializer
    queryset = Source.objects.order_by("name")
    pagination_class = None


class ArticleViewSet(CachedReads, viewsets.ReadOnlyModelViewSet):
    """Articles; one article gives its text and its statements' spans."""

    pagination_class = NewestFirst

    def get_queryset(self):
        queryset = Article.objects.select_related("source")
        if self.action == "retrieve":
            spans = Statement.objects.select_related("speaker").order_by("start")
            queryset = queryset.prefetch_related(Prefetch("statements", queryset=spans))
        return queryset

    def get_serializer_class(self):
        return ArticleSerializer if self.action == "retrieve" else ArticleBriefSerializer


class EventViewSet(CachedReads, viewsets.ReadOnlyModelViewSet):
    """The timeline's developments and the occasions statements were made at."""

    serializer_class = EventSerializer
    pagination_class = None

    def get_queryset(self):
        return Event.objects.prefetch_related("participants").annotate(statement_count=Count("statements"))


class CheckView(APIView):
    """Check a quote: the statements a pasted fragment or passage holds (or is held in), closest first,
    each with its claim's first report and every outlet that carried it (the `/check/` page's list)."""

    permission_classes = [AllowAny]

    @extend_schema(request=CheckRequestSerializer, responses={200: CheckResponseSerializer})
    def post(self, request):
        asked = CheckRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        found = check(asked.validated_data["text"])
        return Response({"matches": [_match(request, m) for m in found]})


def _match(request, m) -> dict:
    return {
        "score": m.score,
        "shared_words": m.shared,
        "names_speaker": m.names_speaker,
        "statement": {column: m.statement[column] for column in listing.COLUMNS},
        "earliest": _report(request, m.earliest),
        "reports": [_report(request, r) for r in m.reports],
    }


def _report(request, r: Report) -> dict:
    article = f"{address('article', r.article_id)}#s{r.id}"
    return {
        "id": r.id,
        "outlet": r.outlet,
        "published": r.published,
        "url": r.url,
        "article": request.build_absolute_uri(article),
    }
