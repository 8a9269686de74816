"""The one set of statement filters, shared by the pages and the API so the two never disagree.

Every filter takes the values a user types: a speaker by id, slug or any alias in any language; an
outlet by id or name; an event by id or slug. A value that cannot be read (an unknown act, a
malformed date, a speaker, outlet, country or event the catalogue does not know) is a form error,
which the API and the pages both turn into a 400 naming the parameter and the value.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field

from articles.extraction.vocab import ACTS, LANGUAGES, QUOTE_TYPES, TOPICS
from reactions.lib.query_syntax import QuerySyntaxError, parse
from reactions.models import Actor, Event, Statement
from reactions.names import known_names
from reactions.search import SCOPES, WORDS, search

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


# Said of every filter a parameter of which may be given more than once (the schema's array
# parameters: OpenAPI's default style for a query, `form`, repeats the parameter).
ANY_OF = "Repeat the parameter for any of several values."


def _values_filter(field: type[ValuesField], label: str) -> ValuesFilter:
    """A filter by names (`field`) with `label`, documented as what it takes: text, not a key (an
    integer would refuse a slug), repeatable or comma-separated."""
    described = f"{label}. {ANY_OF} Values may also be separated by commas."
    schema = {"type": "array", "items": {"type": "string"}, "description": described}
    filter_class = type(f"{field.__name__}Filter", (ValuesFilter,), {"field_class": field})
    return extend_schema_field(schema)(filter_class)(method="keep", label=label)


def actors_named(values: list[str]) -> dict[str, list[tuple[int, str]]]:
    """For each value, the (id, slug) of the actors it names (`Names.actors_named`): no query."""
    known = known_names()
    return {v: known.actors_named(v) for v in values}


def _unknown(message: str, values: list[str]) -> forms.ValidationError:
    """`message` with the values it names in «»; the values are parameters, never format strings
    (a typed «%s» is shown as typed)."""
    return forms.ValidationError(message, params={"names": ", ".join(f"«{v}»" for v in values)})


class NamedField(ValuesField):
    """Values that name rows (an actor, an outlet, an event), cleaned to the rows' ids: the query
    then carries ids, and the planner sees them. A value that names nothing is an error naming it,
    as an unknown act is, not an empty list that reads as "nobody said it"."""

    unknown = "Nothing is known as %(names)s."

    def clean(self, value) -> list[int]:
        values = super().clean(value)
        named = self.ids_named(values) if values else {}
        if unknown := [v for v in values if not named[v]]:
            raise _unknown(self.unknown, unknown)
        return sorted({pk for v in values for pk in named[v]})

    def ids_named(self, values: list[str]) -> dict[str, list[int]]:
        raise NotImplementedError


class ActorsField(NamedField):
    """Speakers by id, slug, name or alias (`actors_named`)."""

    unknown = "No speaker is known as %(names)s: a name, an alias or a slug of the catalogue."

    def ids_named(self, values: list[str]) -> dict[str, list[int]]:
        return {v: [pk for pk, _ in named] for v, named in actors_named(values).items()}


class SourcesField(NamedField):
    """Outlets by id or name, in any case."""

    unknown = "No outlet is known as %(names)s: an outlet's name or id."

    def ids_named(self, values: list[str]) -> dict[str, list[int]]:
        known = known_names()
        return {v: known.sources_named(v) for v in values}


class EventsField(NamedField):
    """Events by id or slug."""

    unknown = "No event is known as %(names)s: an event's slug or id."

    def ids_named(self, values: list[str]) -> dict[str, list[int]]:
        known = known_names()
        return {v: known.events_named(v) for v in values}


class CountriesField(ValuesField):
    """Countries and blocs by code (any case), as the catalogue's actors have them; a code no actor
    has is an error naming it."""

    def clean(self, value) -> list[str]:
        codes = [v.upper() for v in super().clean(value)]
        if unknown := [c for c in codes if c not in known_names().countries]:
            raise _unknown(
                "No speaker of the catalogue has the country %(names)s: a code such as KZ, RU.", unknown
            )
        return sorted(set(codes))


def _event(ids: list[int]) -> Q:
    # A subquery, not a join: a statement linked to two chosen events is still listed once.
    return Q(pk__in=Event.statements.through.objects.filter(event_id__in=ids).values("statement_id"))


# The filters a facet toggles, each as a condition on the statement's own columns (names resolved to
# ids before the query, so the planner sees the values and picks the index; never a join): the
# searched facets (reactions/facets.py) read a search's rows once and count each facet under every
# condition but its own, so each must be an expression of one statement row.
CONDITIONS: dict[str, Callable[[Any], Q]] = {
    "speaker": lambda ids: Q(speaker_id__in=ids),
    "country": lambda codes: Q(speaker_country__in=codes),
    "kind": lambda values: Q(speaker_kind__in=values),
    "act": lambda values: Q(act__in=values),
    "topic": lambda values: Q(topic__in=values),
    "quote": lambda values: Q(quote__in=values),
    "language": lambda values: Q(language__in=values),
    "source": lambda ids: Q(source_id__in=ids),
    "event": _event,
    "said_from": lambda day: Q(said_on__gte=day),
    "said_to": lambda day: Q(said_on__lte=day),
}


class StatementForm(forms.Form):
    """The filters' form: a range that ends before it starts is refused (it would list nothing
    without a word)."""

    RANGES = (("said_from", "said_to"), ("published_from", "published_to"))

    def clean_q(self) -> str:
        text = self.cleaned_data.get("q") or ""
        if text.strip():
            try:
                parse(text)
            except QuerySyntaxError as e:
                # As a parameter: the message quotes what was typed, and a % in it is not a format.
                raise forms.ValidationError("The search %(problem)s.", params={"problem": str(e)}) from e
        return text

    def clean(self) -> dict:
        data = super().clean()
        for start, end in self.RANGES:
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(start, f"The range is reversed: {data[start]} is after {end} ({data[end]}).")
        return data


class _SharedFields(dict):
    """A form class's fields, shared by each of its forms: a form deep-copies its class's fields so
    that it may change its own, and the filters' forms change none."""

    def __deepcopy__(self, memo: dict) -> dict:
        return dict(self)


@functools.cache
def _form_class(filterset: type[filters.FilterSet]) -> type[forms.Form]:
    """The filters' form class, built once (django-filter builds one, its fields anew, a FilterSet)."""
    fields = {name: f.field for name, f in filterset.base_filters.items()}
    form = type(f"{filterset.__name__}Form", (filterset._meta.form,), fields)
    form.base_fields = _SharedFields(form.base_fields)
    return form


class StatementFilter(filters.FilterSet):
    speaker = _values_filter(ActorsField, "Speaker: id, slug or any name or alias")
    country = _values_filter(CountriesField, "Speaker's country or bloc (KZ, RU, EU, UN...)")
    kind = filters.MultipleChoiceFilter(
        method="keep", choices=Actor._meta.get_field("kind").choices, label=f"Speaker's kind. {ANY_OF}"
    )
    act = filters.MultipleChoiceFilter(method="keep", choices=_choices(ACTS), label=f"CAMEO act. {ANY_OF}")
    topic = filters.MultipleChoiceFilter(
        method="keep", choices=_choices(TOPICS), label=f"What the words are about. {ANY_OF}"
    )
    quote = filters.MultipleChoiceFilter(
        method="keep", choices=_choices(QUOTE_TYPES), label=f"Quote type. {ANY_OF}"
    )
    language = filters.MultipleChoiceFilter(
        method="keep", choices=_choices(LANGUAGES), label=f"The article's language. {ANY_OF}"
    )
    source = _values_filter(SourcesField, "Outlet: id or name")
    event = _values_filter(EventsField, "Event: id or slug")
    # Bounded as a database integer: SQLite refuses a larger one with an error, not an empty list.
    article = filters.NumberFilter(
        field_name="article_id", min_value=1, max_value=2**63 - 1, label="The article's id"
    )
    said_from = filters.DateFilter(
        method="keep", input_formats=ISO_DATE, label="Said on or after (YYYY-MM-DD)"
    )
    said_to = filters.DateFilter(
        method="keep", input_formats=ISO_DATE, label="Said on or before (YYYY-MM-DD)"
    )
    published_from = filters.DateFilter(
        field_name="article__published",
        lookup_expr="gte",
        input_formats=ISO_DATE,
        label="The article published on or after (YYYY-MM-DD)",
    )
    published_to = filters.DateFilter(
        field_name="article__published",
        lookup_expr="lte",
        input_formats=ISO_DATE,
        label="The article published on or before (YYYY-MM-DD)",
    )
    q = filters.CharFilter(
        method="filter_text",
        max_length=500,
        label=(
            'Words, names, "a phrase", a OR b, -word. A name in any language finds what its actor said'
            " and the statements that name it; spelling variants and harakat do not matter"
        ),
    )
    scope = filters.ChoiceFilter(
        method="in_scope",
        choices=list(SCOPES.items()),
        empty_label=None,
        label="Where `q` looks: `words` (the reported words, the default) or `articles` (their whole text)",
    )

    class Meta:
        model = Statement
        fields: list[str] = []
        form = StatementForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None) -> None:
        # django-filter's own, but each filter is copied, not deep-copied, and the form class is
        # built once (_form_class): deep copies of the filters and of the form's fields were a tenth
        # of an uncached list, built up to four times an answer. A filter keeps nothing of a request
        # but its `model` and `parent`, set here, and its method, bound to it anew.
        queryset = Statement.objects.all() if queryset is None else queryset
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: copy.copy(f) for name, f in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            filter_.method = filter_.method  # a FilterMethod of this copy, not of the class's filter

    def get_form_class(self) -> type[forms.Form]:
        return _form_class(type(self))

    # `value` without a type hint: drf-spectacular reads a method filter's parameter type from it,
    # and without one from the filter's class (a date, a list of acts...), which is the right one.
    def keep(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(CONDITIONS[name](value))

    def conditions(self) -> dict[str, Q]:
        """The CONDITIONS of the filters in use, by parameter; the filters must be valid."""
        if not self.is_valid():
            raise ValueError(f"invalid filters: {self.errors.as_json()}")
        data = self.form.cleaned_data
        in_use = [name for name in CONDITIONS if data.get(name) not in EMPTY_VALUES]
        return {name: CONDITIONS[name](data[name]) for name in in_use}

    def filter_text(self, queryset, name, value):
        return search(queryset, value, self.form.cleaned_data.get("scope") or WORDS)

    def in_scope(self, queryset, name, value):
        return queryset  # where `q` looks (filter_text reads it); alone it keeps every statement
