"""The one set of statement filters, shared by the pages and the API so the two never disagree.

Every filter takes the values a user types: a speaker by id, slug or any alias in any language; an
outlet by id or name; an event by id or slug. A value that cannot be read (an unknown act, a
malformed date) is a form error, which the API turns into a 400 naming the parameter.
"""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q, QuerySet

from articles.extraction.normalize import normalize
from articles.extraction.vocab import ACTS, QUOTE_TYPES, TOPICS
from reactions.models import Actor, ActorAlias, Statement

MAX_QUERY_WORDS = 20
ISO_DATE = ["%Y-%m-%d"]  # 10/01/2022 is the 10th of January or the 1st of October: refuse it


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


def _values(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()][:50]


def actors_named(value: str) -> QuerySet[Actor]:
    """Actors matching an id, a slug or any alias (normalised), for each comma-separated value."""
    query = Q()
    for v in _values(value):
        if v.isdigit():
            query |= Q(pk=int(v))
        else:
            aliases = ActorAlias.objects.filter(normalised=normalize(v)).values("actor_id")
            query |= Q(slug=v) | Q(pk__in=aliases) | Q(name__iexact=v)
    return Actor.objects.filter(query) if query else Actor.objects.none()


class StatementFilter(filters.FilterSet):
    speaker = filters.CharFilter(method="filter_speaker", label="Speaker: id, slug or any name or alias")
    country = filters.CharFilter(
        method="filter_country", label="Speaker's country or bloc (KZ, RU, EU, UN...)"
    )
    kind = filters.MultipleChoiceFilter(
        field_name="speaker__kind", choices=Actor._meta.get_field("kind").choices, label="Speaker's kind"
    )
    act = filters.MultipleChoiceFilter(choices=_choices(ACTS), label="CAMEO act")
    topic = filters.MultipleChoiceFilter(choices=_choices(TOPICS))
    quote = filters.MultipleChoiceFilter(choices=_choices(QUOTE_TYPES), label="Quote type")
    source = filters.CharFilter(method="filter_source", label="Outlet: id or name")
    event = filters.CharFilter(method="filter_event", label="Event: id or slug")
    article = filters.NumberFilter(field_name="article_id", min_value=1)
    said_from = filters.DateFilter(
        field_name="said_on", lookup_expr="gte", input_formats=ISO_DATE, label="Said on or after (YYYY-MM-DD)"
    )
    said_to = filters.DateFilter(
        field_name="said_on",
        lookup_expr="lte",
        input_formats=ISO_DATE,
        label="Said on or before (YYYY-MM-DD)",
    )
    published_from = filters.DateFilter(
        field_name="article__published", lookup_expr="gte", input_formats=ISO_DATE
    )
    published_to = filters.DateFilter(
        field_name="article__published", lookup_expr="lte", input_formats=ISO_DATE
    )
    q = filters.CharFilter(
        method="filter_text",
        max_length=500,
        label="Words, Arabic-aware: spelling variants and harakat do not matter",
    )

    class Meta:
        model = Statement
        fields: list[str] = []

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(speaker__in=actors_named(value))

    def filter_country(self, queryset, name, value):
        return queryset.filter(speaker__country__in=[v.upper() for v in _values(value)])

    def filter_source(self, queryset, name, value):
        query = Q()
        for v in _values(value):
            query |= Q(article__source_id=int(v)) if v.isdigit() else Q(article__source__name__iexact=v)
        return queryset.filter(query)

    def filter_event(self, queryset, name, value):
        query = Q()
        for v in _values(value):
            query |= Q(events__pk=int(v)) if v.isdigit() else Q(events__slug=v)
        return queryset.filter(query).distinct()

    def filter_text(self, queryset, name, value):
        for word in normalize(value).split()[:MAX_QUERY_WORDS]:
            queryset = queryset.filter(normalised__contains=word)
        return queryset
