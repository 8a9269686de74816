"""The one set of statement filters, shared by the pages and the API so the two never disagree.

Every filter takes the values a user types: a speaker by id, slug or any alias in any language; an
outlet by id or name; an event by id or slug. A value that cannot be read (an unknown act, a
malformed date) is a form error, which the API turns into a 400 naming the parameter.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet

from articles.extraction.normalize import normalize
from articles.extraction.vocab import ACTS, QUOTE_TYPES, TOPICS
from reactions.models import Actor, ActorAlias, Event, Statement
from reactions.search import search

ISO_DATE = ["%Y-%m-%d"]  # 10/01/2022 is the 10th of January or the 1st of October: refuse it


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


MAX_VALUES = 50


class ValuesField(forms.Field):
    """Several values of one parameter, repeated (`?speaker=a&speaker=b`) or comma-separated.

    Facet toggle links repeat the parameter; people type commas. Both mean "any of these".
    """

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        raw = value if isinstance(value, list | tuple) else [value] if value else []
        values = [v.strip() for item in raw for v in str(item).split(",") if v.strip()]
        if len(values) > MAX_VALUES:
            raise forms.ValidationError(f"At most {MAX_VALUES} values.")
        if any(len(v) > 200 for v in values):
            raise forms.ValidationError("A value is longer than 200 characters.")
        if any("\x00" in v for v in values):  # PostgreSQL text cannot hold it
            raise forms.ValidationError("A value contains a null character.")
        return values


class ValuesFilter(filters.Filter):
    """Takes a `method`; an empty list is no filter (django-filter skips empty values)."""

    field_class = ValuesField


def actors_named(values: list[str]) -> QuerySet[Actor]:
    """Actors matching an id, a slug or any alias (normalised), for each value."""
    query = Q()
    for v in values:
        if v.isdigit():
            query |= Q(pk=int(v))
        else:
            aliases = ActorAlias.objects.filter(normalised=normalize(v)).values("actor_id")
            query |= Q(slug=v) | Q(pk__in=aliases) | Q(name__iexact=v)
    return Actor.objects.filter(query) if query else Actor.objects.none()


class StatementFilter(filters.FilterSet):
    speaker = ValuesFilter(method="filter_speaker", label="Speaker: id, slug or any name or alias")
    country = ValuesFilter(method="filter_country", label="Speaker's country or bloc (KZ, RU, EU, UN...)")
    # distinct=False: these join nothing that repeats a statement, and SELECT DISTINCT over every
    # column of a large list costs more than the rest of the query.
    kind = filters.MultipleChoiceFilter(
        field_name="speaker_kind",
        choices=Actor._meta.get_field("kind").choices,
        label="Speaker's kind",
        distinct=False,
    )
    act = filters.MultipleChoiceFilter(choices=_choices(ACTS), label="CAMEO act", distinct=False)
    topic = filters.MultipleChoiceFilter(choices=_choices(TOPICS), distinct=False)
    quote = filters.MultipleChoiceFilter(choices=_choices(QUOTE_TYPES), label="Quote type", distinct=False)
    source = ValuesFilter(method="filter_source", label="Outlet: id or name")
    event = ValuesFilter(method="filter_event", label="Event: id or slug")
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
        return queryset.filter(speaker_country__in=[v.upper() for v in value])

    def filter_source(self, queryset, name, value):
        query = Q()
        for v in value:
            query |= Q(source_id=int(v)) if v.isdigit() else Q(source__name__iexact=v)
        return queryset.filter(query)

    def filter_event(self, queryset, name, value):
        query = Q()
        for v in value:
            query |= Q(event_id=int(v)) if v.isdigit() else Q(event__slug=v)
        # A subquery, not a join: a statement linked to two chosen events is still listed once.
        links = Event.statements.through.objects.filter(query).values("statement_id")
        return queryset.filter(pk__in=links)

    def filter_text(self, queryset, name, value):
        return search(queryset, value)
