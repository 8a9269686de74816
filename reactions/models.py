"""Actors (who speaks), their aliases, the statements they made, and the events of the crisis."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Lower

from articles.extraction.normalize import normalize, word_runs
from articles.extraction.vocab import (
    ACTOR_KINDS,
    ACTS,
    DATE_RULES,
    LANGUAGES,
    QUOTE_TYPES,
    SPEAKER_RULES,
    TOPICS,
    WORDS_RULES,
)
from reactions.data_version import statements_changed
from reactions.lib.days import accepted_day
from reactions.lib.keyset import Position
from reactions.search import ArabicStems


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v.replace("_", " ")) for v in values]


class Actor(models.Model):
    """A canonical speaker: a person, a ministry, an organisation, a country or a group."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200, help_text="Canonical English name")
    kind = models.CharField(max_length=20, choices=_choices(ACTOR_KINDS))
    # ISO 3166 alpha-2 code, or a bloc such as EU, UN, CSTO, NATO, OSCE.
    country = models.CharField(max_length=8, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The institution this actor belongs to: a person's ministry, a ministry's country",
    )
    role = models.CharField(max_length=200, blank=True, help_text="Title or role, in English")
    # The catalogue's role code (president, foreign_ministry, ...): how titles are derived and how
    # «الحكومة» alone is resolved to the government of the article's country.
    role_code = models.CharField(max_length=40, blank=True)
    wikidata_id = models.CharField(max_length=20, blank=True)
    # Created by extraction for a speaker the catalogue lacks; an analyst approves, renames or merges it.
    provisional = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            # Statement filters: ?country=KZ and ?kind=person join through the speaker.
            models.Index(fields=["country"], name="actor_country_idx"),
            # A speaker typed by name, in any case (reactions/filters.py, actors_named):
            # Actor.objects.filter(name_lower__in=[...]) on LOWER(name).
            models.Index(Lower("name"), name="actor_name_lower_idx"),
            models.Index(fields=["kind"], name="actor_kind_idx"),
            # The admin's review queue: Actor.objects.filter(provisional=True).
            models.Index(fields=["provisional"], name="actor_provisional_idx", condition=Q(provisional=True)),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Statements keep a copy of their speaker's country and kind (Statement.speaker_country).
        Statement.all_objects.filter(speaker=self).exclude(
            speaker_country=self.country, speaker_kind=self.kind
        ).update(speaker_country=self.country, speaker_kind=self.kind)
        statements_changed()  # names and countries are part of what the cached counts show

    def speaks_for(self) -> bool:
        """Whether this actor is a country or an organisation whose bodies and officials speak for
        it: every speaker with its code (Statement.speaker_country), as the country facet counts."""
        return self.kind in ("country", "organisation") and self.parent_id is None and bool(self.country)

    def chain(self) -> list[Actor]:
        """This actor's institutions, nearest first (a spokesperson's ministry, then its country)."""
        seen, chain, node = {self.pk}, [], self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain


class ActorAlias(models.Model):
    """A name or title by which articles name an actor, in one language."""

    NAME, TITLE, HANDLE = "name", "title", "handle"

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=300)
    language = models.CharField(max_length=2, choices=_choices(LANGUAGES))
    kind = models.CharField(
        max_length=10,
        default=NAME,
        choices=[(NAME, "name"), (TITLE, "title or role"), (HANDLE, "social media handle")],
    )
    # The text after articles.extraction.normalize.normalize(): what matching compares.
    normalised = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(fields=["actor", "text"], name="alias_unique_per_actor"),
        ]
        indexes = [
            # Speaker autocomplete and ?speaker=<alias>: ActorAlias.objects.filter(normalised=...).
            models.Index(fields=["normalised"], name="alias_normalised_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.language})"


class Event(models.Model):
    """A development of the crisis or an occasion at which statements were made."""

    DEVELOPMENT, OCCASION = "development", "occasion"

    slug = models.SlugField(max_length=160, unique=True)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=[(DEVELOPMENT, "development"), (OCCASION, "occasion")])
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    # For occasions: csto_session, phone_call, press_briefing, interview, speech (see
    # articles/extraction/occasions.py). Extraction reuses an event of the same type on the same day.
    occasion_type = models.CharField(max_length=20, blank=True)
    participants = models.ManyToManyField(Actor, blank=True, related_name="events")
    statements = models.ManyToManyField("Statement", blank=True, related_name="events")
    # For developments: what a statement about it is about, and the words that name it in each
    # language (reactions/developments.py links the statements said within its days).
    topic = models.CharField(max_length=8, blank=True, choices=_choices(TOPICS))
    words = models.JSONField(default=dict, blank=True, help_text='{"ar": [...], "en": [...], "ru": [...]}')

    class Meta:
        ordering = ["start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="event_ends_after_start"
            ),
        ]
        indexes = [
            # The timeline marks events by day: Event.objects.filter(start__range=...); ingest finds an
            # occasion again by its day and type.
            models.Index(fields=["start", "occasion_type"], name="event_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d} {self.name}"

    @property
    def occasion_label(self) -> str:
        return self.occasion_type.replace("_", " ")


class _OutletsOfGroup(models.Func):
    """How many outlets carried the words of the report group whose first report is the expression:
    the distinct sources of that statement and of the statements naming it their first report (not
    rejected ones). Written as SQL rather than as a Subquery of an OuterRef: the ORM built and compiled
    that subquery again for every list query, which cost a plain list request more Python than the
    rest of its query (docs/read_path.md)."""

    template = (
        "(SELECT COUNT(DISTINCT u.source_id) FROM reactions_statement u"
        " WHERE NOT u.rejected AND (u.id = %(expressions)s OR u.first_report_id = %(expressions)s))"
    )
    output_field = models.IntegerField()


# How every list of statements is ordered unless asked otherwise, the pages, the API's twins and the
# exports alike: the latest day said first, undated statements last, then newest stored first.
NEWEST_FIRST = (models.F("said_on").desc(nulls_last=True), models.F("id").desc())
# The other order the indexes serve (`ordering=said_on`): the earliest day said first, undated last.
OLDEST_FIRST = (models.F("said_on").asc(nulls_last=True), models.F("id").asc())


class StatementQuerySet(models.QuerySet):
    def in_order(self, ordering: str = "-said_on", after: Position | None = None) -> StatementQuerySet:
        """Newest (`-said_on`, NEWEST_FIRST) or oldest (`said_on`, OLDEST_FIRST) said first, undated
        last either way, from just after `after` when given: a seek, never an OFFSET."""
        if ordering not in ("-said_on", "said_on"):
            raise ValueError(f"no index serves the order {ordering!r}")
        newest = ordering == "-said_on"
        queryset = self.order_by(*(NEWEST_FIRST if newest else OLDEST_FIRST))
        if after is None:
            return queryset
        past = "lt" if newest else "gt"  # the rows that come after `after` in this order
        if after.said_on is None:
            return queryset.filter(said_on=None, **{f"id__{past}": after.id})
        return queryset.filter(
            Q(**{f"said_on__{past}": after.said_on})
            | Q(said_on=after.said_on, **{f"id__{past}": after.id})
            | Q(said_on=None)
        )

    def before(self, ordering: str, position: Position) -> StatementQuerySet:
        """The rows that come before `position` in `ordering`, nearest first (the order reversed):
        the page before a page, found by the same seek as the page after it."""
        if ordering not in ("-said_on", "said_on"):
            raise ValueError(f"no index serves the order {ordering!r}")
        newest = ordering == "-said_on"
        ahead = "gt" if newest else "lt"  # the rows that come before `position` in this order
        if newest:  # reversed: the earliest said first, undated first
            reverse = (models.F("said_on").asc(nulls_first=True), models.F("id").asc())
        else:
            reverse = (models.F("said_on").desc(nulls_first=True), models.F("id").desc())
        queryset = self.order_by(*reverse)
        if position.said_on is None:
            undated_ahead = Q(said_on=None, **{f"id__{ahead}": position.id})
            return queryset.filter(Q(said_on__isnull=False) | undated_ahead)
        return queryset.filter(
            Q(**{f"said_on__{ahead}": position.said_on})
            | Q(said_on=position.said_on, **{f"id__{ahead}": position.id})
        )

    def machine_made(self) -> StatementQuerySet:
        """Statements re-extraction may replace: those no analyst has corrected."""
        return self.filter(corrected_by_human=False)

    def reports_of(self, roots: Iterable[int]) -> StatementQuerySet:
        """Every report of the claims whose first reports are `roots` (articles/services.py groups
        them), the earliest published first, undated articles last."""
        roots = list(roots)
        return self.filter(Q(pk__in=roots) | Q(first_report_id__in=roots)).order_by(
            models.F("article__published").asc(nulls_last=True), "pk"
        )

    def at_same_occasion(self, statement: Statement) -> StatementQuerySet:
        """What `statement`'s speaker said at the same occasion (an occasion Event both are linked to)
        as reported in another language, outside its claim's group, the earliest published first:
        the words cannot be compared across languages, the occasion can («same occasion»)."""
        root = statement.claim_id
        return (
            self.filter(
                speaker_id=statement.speaker_id,
                events__in=statement.events.filter(kind=Event.OCCASION),
            )
            .exclude(language=statement.language)
            .exclude(Q(pk=root) | Q(first_report_id=root))
            .distinct()
            .order_by(models.F("article__published").asc(nulls_last=True), "pk")
        )

    def with_outlets(self) -> StatementQuerySet:
        """Annotate `outlets`: how many outlets carried each statement (its report group's sources)."""
        return self.annotate(outlets=_OutletsOfGroup(Coalesce("first_report_id", "id")))

    def with_outlet(self) -> StatementQuerySet:
        """Each statement's article and outlet in the same query, without the article's text and its
        search copies (up to millions of characters a row: a list's cost must not grow with them)."""
        return self.select_related("article__source").defer(
            "article__text", "article__normalised", "article__words"
        )

    def for_listing(self) -> StatementQuerySet:
        """What a list of statements shows: speaker, article and outlet in the same query."""
        return self.with_outlet().select_related("speaker__parent__parent").with_outlets()

    def at_least(self, n: int) -> bool:
        """Whether the table holds about `n` statements or more, without counting them: PostgreSQL's
        planner estimate when the table has been analysed, else a count that stops at `n`."""
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                table = Statement._meta.db_table
                cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
                row = cursor.fetchone()
            if row and row[0] >= 0:  # -1: never analysed
                return row[0] >= n
        return Statement.objects.order_by()[:n].count() >= n

    def estimated(self) -> int | None:
        """How many rows PostgreSQL's planner expects these filters to keep (None elsewhere): what a
        plan will cost, known before running it."""
        plan = self.order_by().values("pk").explained()
        return int(plan["Plan Rows"]) if plan else None

    def explained(self) -> dict | None:
        """The top node of PostgreSQL's plan of this query (EXPLAIN: planned, not run); None elsewhere."""
        import json

        from django.db import connection

        if connection.vendor != "postgresql":
            return None
        sql, params = self.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return plan[0]["Plan"]


# What the facets and timelines count by and filter on (reactions/facets.py): the columns the
# covering indexes carry. `id` is there for the event facet's join.
COUNTED_COLUMNS = (
    "id",
    "said_on",
    "speaker",
    "source",
    "speaker_country",
    "speaker_kind",
    "act",
    "topic",
    "quote",
    "language",
)


# Every read of the statements keeps only those not rejected (StatementManager), so the covering
# indexes hold only them: a partial index's predicate, which the reads' own `NOT rejected` implies,
# keeps their index-only scans (without the column, each row's check would be a visit to the heap).
# The narrow indexes stay whole: their reads visit the rows anyway, and the writes that move every
# statement of a speaker, rejected or not, seek by statement_speaker_idx.
SHOWN = Q(rejected=False)


def _covering(fields: list[str], name: str) -> models.Index:
    """A btree on `fields` that also carries every counted column (INCLUDE, PostgreSQL only)."""
    keys = {f.lstrip("-") for f in fields}
    include = [c for c in COUNTED_COLUMNS if c not in keys]
    return models.Index(fields=fields, name=name, include=include, condition=SHOWN)


MATCHED_ONLY = ("arabic", "word_runs")


def matched_columns(content: str) -> dict[str, str]:
    """The columns search and the quote check compare, made from a statement's words: every writer
    of `content` sets them with it (the bulk ones bypass save())."""
    normalised = normalize(content)
    return {"normalised": normalised, "word_runs": word_runs(normalised)}


class StatementManager(models.Manager.from_queryset(StatementQuerySet)):
    """The statements every page, list, export and count shows: a rejected one ("not a statement")
    is in none of them. Writes that must reach rejected rows too (a speaker moved, re-extraction's
    spans, the admin) go through `Statement.all_objects`."""

    def get_queryset(self) -> StatementQuerySet:
        # The search vector and the word runs are for PostgreSQL to match, never for Python to read: a
        # list of statements need not carry them (the vector is the size of the words again).
        return super().get_queryset().defer(*MATCHED_ONLY).filter(SHOWN)


class EveryStatementManager(models.Manager.from_queryset(StatementQuerySet)):
    def get_queryset(self) -> StatementQuerySet:
        return super().get_queryset().defer(*MATCHED_ONLY)


QUOTE_MARKS = "«»“”\"'„‹›"


def in_guillemets(quote: str, content: str) -> bool:
    """Whether words are shown in guillemets: direct speech without marks of its own."""
    return quote == "direct" and content[:1] not in QUOTE_MARKS


class Statement(models.Model):
    """Words attributed to an actor, as an exact span of an article."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="statements")
    speaker = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="statements")
    content = models.TextField(help_text="The reported words exactly as in the article")
    # The words after articles.extraction.normalize.normalize(): what search compares, so that
    # توكايف finds توكاييف and a query without harakat finds words with them.
    normalised = models.TextField(blank=True, editable=False)
    # The `arabic` stemmer's vector of those words, stored (reactions.search): computing it costs
    # 35 µs a row, which every row a search filtered paid (a word too short for the trigram index, a
    # list walked newest first): a two-letter word's counts at 1,000,000 statements, 3.1 s -> 0.4 s.
    arabic = models.GeneratedField(
        expression=ArabicStems("normalised"), output_field=SearchVectorField(null=True), db_persist=True
    )
    # Its claim words in runs of three, hashed (normalize.word_runs): what a pasted passage shares
    # with the statements it quotes, however common each of their words is (reactions.quote_check).
    word_runs = models.TextField(blank=True, editable=False, default="", db_default="")
    start = models.PositiveIntegerField(help_text="Character offset of the words in the article text")
    end = models.PositiveIntegerField()
    quote = models.CharField(max_length=8, choices=_choices(QUOTE_TYPES))
    said_on = models.DateField(null=True, blank=True, validators=[accepted_day])
    date_rule = models.CharField(
        max_length=10, choices=_choices(DATE_RULES), default="none", help_text="How said_on was resolved"
    )
    topic = models.CharField(max_length=8, choices=_choices(TOPICS))
    act = models.CharField(max_length=10, choices=_choices(ACTS))
    cue = models.CharField(max_length=100, blank=True, help_text="The reporting verb or noun")
    # How the speaker was chosen and where the words were cut (articles.extraction.vocab): with
    # date_rule, the record `manage.py extract --explain` prints and the statement page shows.
    speaker_rule = models.CharField(max_length=40, blank=True, default="", db_default="")
    words_rule = models.CharField(max_length=24, blank=True, default="", db_default="")
    confidence = models.FloatField(default=0.5)
    # Re-extraction never replaces a statement an analyst corrected.
    corrected_by_human = models.BooleanField(default=False)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrected_at = models.DateTimeField(null=True, blank=True)
    # An analyst said these words are not a statement: kept (re-extraction finds its span taken, as
    # by any corrected statement, and so never makes it again; the rejection can be undone), shown
    # nowhere public, counted in no tally.
    rejected = models.BooleanField(default=False, db_default=False)
    # Copies of the speaker's country and kind and of the article's outlet. The statements list filters
    # and counts by them on every request; read through the joins they cost a scan of the articles
    # (bench/PLANS.md: a count by act and country took 316 ms at 1,000,000 statements). Kept in step
    # by Statement.save(), Actor.save() and the bulk writers (articles.services, synth, merges).
    speaker_country = models.CharField(max_length=8, blank=True, editable=False)
    # A copy of the article's language, for the language filter and facet (kept in step the same way).
    language = models.CharField(max_length=2, blank=True, editable=False, default="", db_default="")
    speaker_kind = models.CharField(max_length=20, blank=True, editable=False)
    # No index of its own: statement_source_idx leads with it.
    source = models.ForeignKey(
        "articles.Source",
        null=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="+",
        db_index=False,
    )
    # The same words from the same speaker on the same day, reported earlier by another article:
    # the group's first report. Null for a first report.
    first_report = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatementManager()
    all_objects = EveryStatementManager()

    class Meta:
        ordering = ["-said_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="statement_span_not_empty"),
            models.UniqueConstraint(fields=["article", "start", "end"], name="statement_span_unique"),
        ]
        indexes = [
            # The statements list, newest first, and its keyset pagination: ORDER BY said_on DESC, id DESC;
            # and, covering, the unfiltered facets and timeline and every ?said_from/?said_to count.
            _covering(["-said_on", "-id"], "statement_said_on_idx"),
            # The statements list oldest first (`ordering=said_on`): ORDER BY said_on ASC NULLS LAST,
            # id ASC, which a backward scan of the one above cannot give (its undated rows come first).
            models.Index(fields=["said_on", "id"], name="statement_said_first_idx"),
            # Actor page: Statement.objects.filter(speaker=a).order_by("-said_on").
            models.Index(fields=["speaker", "-said_on"], name="statement_speaker_idx"),
            # ?act=, ?topic=, ?country= and ?kind= filters: narrow, so that the planner ANDs their
            # bitmaps with a search's cheaply (a covering one in their place read 13x the pages: a
            # search's facet under a country, its bitmap scan 44 ms instead of 3, at 1,000,000).
            models.Index(fields=["act", "-said_on"], name="statement_act_idx"),
            models.Index(fields=["topic", "-said_on"], name="statement_topic_idx"),
            models.Index(fields=["speaker_country", "-said_on"], name="statement_country_idx"),
            models.Index(fields=["speaker_kind", "-said_on"], name="statement_kind_idx"),
            # The facets and timelines that count under those filters:
            # SELECT act, COUNT(*) ... WHERE speaker_country = 'RU' GROUP BY act. Covering every column
            # a count groups or filters by, so those counts are index-only scans and never read the
            # wide rows (bench/PLANS.md, 1,000,000 statements: 324 -> 52 ms a facet).
            _covering(["act", "said_on"], "statement_act_counts_idx"),
            _covering(["topic", "said_on"], "statement_topic_counts_idx"),
            _covering(["speaker_country", "said_on"], "statement_country_counts_idx"),
            _covering(["speaker_kind", "said_on"], "statement_kind_counts_idx"),
            # The same under ?speaker= (the actor page's count and chart, a speaker's facets): a head
            # of state has a tenth of the statements, and their counts read every one of those rows.
            _covering(["speaker", "said_on"], "statement_speaker_counts_idx"),
            # ?source=: narrow, an outlet's statements are few.
            models.Index(fields=["source", "-said_on"], name="statement_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.content[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.copy_speaker_and_source()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "speaker_country",
                "speaker_kind",
                "source",
                "language",
            }
        super().save(*args, **kwargs)
        statements_changed()  # an edit in the admin too

    def copy_speaker_and_source(self) -> None:
        """Fill the copies of the speaker's country and kind, of the outlet and of the article's
        language (see their comment)."""
        self.speaker_country = self.speaker.country
        self.speaker_kind = self.speaker.kind
        self.source_id = self.article.source_id
        self.language = self.article.language

    @property
    def claim_id(self) -> int:
        """The claim's group this statement is in, named by its first report (itself when first)."""
        return self.first_report_id or self.pk

    def outlets(self) -> int:
        """How many outlets carried this statement (its group's distinct sources), as the lists give
        it (`with_outlets`)."""
        return Statement.all_objects.filter(pk=self.pk).with_outlets().values_list("outlets", flat=True).get()

    @property
    def guillemets(self) -> bool:
        """Whether a card shows the words in guillemets: direct speech without marks of its own."""
        return in_guillemets(self.quote, self.content)

    @property
    def shown_words(self) -> str:
        """The words as a card shows them: direct speech in guillemets unless it carries its own marks."""
        return f"«{self.content}»" if self.guillemets else self.content

    def date_note(self) -> str:
        """How `said_on` was resolved, in words, for the statement page."""
        from reactions.codebook import entry

        found = entry("day", self.date_rule)
        return found.meaning if found else self.date_rule

    def date_words(self) -> str:
        """The words of the article that fixed the day said («أمس», "on Monday", «10 января»), as
        written, when a written date, a weekday or a word such as «yesterday» fixed it: read again
        from the sentence around the words (the words themselves blanked: a day inside them is not
        the day they were said) and quoted only if they give the same day by the same rule."""
        from articles.extraction.dates import resolve_where
        from articles.extraction.normalize import normalize_with_map

        if self.date_rule not in ("explicit", "weekday", "relative") or self.said_on is None:
            return ""
        text = self.article.text
        first = text.rfind("\n", 0, self.start) + 1
        last = text.find("\n", self.end)
        line = text[first : last if last >= 0 else len(text)]
        a, b = self.start - first, self.end - first
        line = line[:a] + " " * (b - a) + line[b:]
        normalised, index = normalize_with_map(line)
        found = resolve_where(normalised, self.article.published)
        if not found or found[0] != self.said_on or found[1] != self.date_rule:
            return ""
        start, end = found[2]
        return line[index[start] : index[end - 1] + 1].strip()

    def speaker_note(self) -> str:
        """How the speaker was chosen, in words ("" for a statement stored before it was recorded)."""
        return SPEAKER_RULES.get(self.speaker_rule.split(":")[0], self.speaker_rule)

    def words_note(self) -> str:
        """Where the words were cut, in words."""
        return WORDS_RULES.get(self.words_rule, self.words_rule)

    def span_errors(self) -> list[str]:
        """Why the offsets do not point at the content in the article text, if they do not."""
        text = self.article.text
        if not (0 <= self.start < self.end <= len(text)):
            return [f"offsets {self.start}:{self.end} fall outside the article ({len(text)} characters)"]
        if text[self.start : self.end] != self.content:
            return [f"offsets {self.start}:{self.end} do not point at the content"]
        return []

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = self.span_errors()
        if errors:
            raise ValidationError({"content": errors})


# The day a DayTally counts undated statements under: its key has no NULL, so that the triggers'
# upserts find the row (NULLs are never equal in a unique index).
UNDATED = date(1, 1, 1)


class DayTally(models.Model):
    """How many statements share a day said, a speaker's country and kind, a topic, an act and a
    language. Kept by the database itself (triggers on reactions_statement, migration 0018), in the
    same transaction as every write, whichever path made it (ingest, COPY, a merge, an edit): the
    overview reads a few tens of thousands of these instead of a million statements."""

    said_on = models.DateField()  # UNDATED for statements with no day
    speaker_country = models.CharField(max_length=8)
    speaker_kind = models.CharField(max_length=20)
    topic = models.CharField(max_length=8)
    act = models.CharField(max_length=10)
    language = models.CharField(max_length=2)
    statements = models.IntegerField()
    # The least id of the statements it counts (None when it counts none): the overview's
    # representative statement of a side is the first of its rows' on its first day. Kept by the
    # same triggers (migration 0024); not a foreign key, so that no write waits on it.
    first_id = models.BigIntegerField(null=True)

    class Meta:
        constraints = [
            # The triggers' upsert: INSERT ... ON CONFLICT (these columns) DO UPDATE. Leading with the
            # day, it also serves the overview's period: DayTally.objects.filter(said_on__range=...).
            models.UniqueConstraint(
                fields=["said_on", "speaker_country", "speaker_kind", "topic", "act", "language"],
                name="day_tally_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.said_on} {self.speaker_country} {self.topic} {self.act}: {self.statements}"


class Correction(models.Model):
    """One change an analyst made to a statement, from whichever path (the admin, the API): who,
    when, which field, from what to what. The statement page shows them; each can be undone."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="corrections")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    field = models.CharField(max_length=40)
    # The values as stored (an actor by its id) and as a reader says them (an actor by its name).
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    before_shown = models.CharField(max_length=300, blank=True)
    after_shown = models.CharField(max_length=300, blank=True)
    via = models.CharField(max_length=10, help_text="admin, api, review or undo")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.field} corrected from {self.before_shown} to {self.after_shown}"


class Flag(models.Model):
    """A reader's report that a statement is wrong: no account needed, a reason, an address's digest
    (never the address itself) for the rate limit's record. Analysts see the open ones."""

    REASONS = {
        "speaker": "the speaker is wrong",
        "words": "the words are cut wrong, or are not what was said",
        "day": "the day said is wrong",
        "labels": "the act, topic or quote type is wrong",
        "not_a_statement": "this is not a statement",
        "other": "something else",
    }

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(max_length=16, choices=list(REASONS.items()))
    note = models.TextField(blank=True, max_length=1000)
    at = models.DateTimeField(auto_now_add=True)
    address_digest = models.CharField(max_length=64, editable=False)
    handled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]
        indexes = [
            # The open reports of a statement and the queue's: Flag.objects.filter(handled=False).
            models.Index(fields=["statement"], name="flag_open_idx", condition=Q(handled=False)),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.get_reason_display()}"


class Review(models.Model):
    """An analyst's verdict on a statement from the review queue (reactions/review.py): confirmed as
    extracted, corrected (which fields), or rejected. What extraction said of it (its language and
    rules) is kept here, so the accuracy measured from reviews outlives a statement re-extraction
    replaced."""

    OUTCOMES = {
        "confirmed": "confirmed as extracted",
        "corrected": "corrected",
        "rejected": "rejected as not a statement",
    }

    statement = models.ForeignKey(Statement, null=True, on_delete=models.SET_NULL, related_name="reviews")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=10, choices=list(OUTCOMES.items()))
    changed = models.JSONField(default=list, blank=True)  # the fields corrected: "speaker", "words", ...
    language = models.CharField(max_length=2)
    speaker_rule = models.CharField(max_length=40, blank=True)
    date_rule = models.CharField(max_length=10, blank=True)
    words_rule = models.CharField(max_length=24, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # The queue's progress: Review.objects.filter(at__gte=<midnight>).count().
            models.Index(fields=["at"], name="review_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.get_outcome_display()}"
