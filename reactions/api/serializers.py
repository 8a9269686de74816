from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, Source
from reactions.models import Actor, Event, Statement
from reactions.overview import STANCE_OF_ACT, STANCES, SUBJECTS, Said
from reactions.quote_check import MAX_CHARS, refusal
from reactions.review import implausible_day


class ActorBriefSerializer(serializers.ModelSerializer):
    chain = serializers.SerializerMethodField(help_text="The actor's institutions, nearest first")

    class Meta:
        model = Actor
        fields = ["id", "slug", "name", "kind", "country", "role", "provisional", "chain"]

    def get_chain(self, actor: Actor) -> list[dict]:
        return [{"slug": a.slug, "name": a.name, "kind": a.kind} for a in actor.chain()]


class ActorSerializer(ActorBriefSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta(ActorBriefSerializer.Meta):
        fields = [*ActorBriefSerializer.Meta.fields, "wikidata_id", "aliases"]

    def get_aliases(self, actor: Actor) -> list[dict]:
        return [{"text": a.text, "language": a.language, "kind": a.kind} for a in actor.aliases.all()]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "name_original", "country", "language", "homepage"]


class ArticleBriefSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source.name")

    class Meta:
        model = Article
        fields = ["id", "url", "title", "source", "published", "language"]


class StatementSerializer(serializers.ModelSerializer):
    speaker = ActorBriefSerializer()
    article = ArticleBriefSerializer()
    outlets = serializers.IntegerField(read_only=True, help_text="How many outlets carried this statement")

    class Meta:
        model = Statement
        fields = [
            "id",
            "speaker",
            "content",
            "start",
            "end",
            "quote",
            "said_on",
            "date_rule",
            "topic",
            "act",
            "cue",
            "confidence",
            "corrected_by_human",
            "article",
            "outlets",
        ]

    def to_representation(self, s: Statement) -> dict:
        # The same fields as the declared ones (the schema is read from those), built by hand: the
        # statements list is the API's hottest path, and nested field objects were most of its CPU.
        a, article = s.speaker, s.article
        return {
            "id": s.pk,
            "speaker": {
                "id": a.pk,
                "slug": a.slug,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "role": a.role,
                "provisional": a.provisional,
                "chain": [{"slug": c.slug, "name": c.name, "kind": c.kind} for c in a.chain()],
            },
            "content": s.content,
            "start": s.start,
            "end": s.end,
            "quote": s.quote,
            "said_on": s.said_on.isoformat() if s.said_on else None,
            "date_rule": s.date_rule,
            "topic": s.topic,
            "act": s.act,
            "cue": s.cue,
            "confidence": s.confidence,
            "corrected_by_human": s.corrected_by_human,
            "article": {
                "id": article.pk,
                "url": article.url,
                "title": article.title,
                "source": article.source.name,
                "published": article.published.isoformat() if article.published else None,
                "language": article.language,
            },
            "outlets": getattr(s, "outlets", None),
        }


class StatementItemSerializer(serializers.Serializer):
    """One statement in a list: the item of reactions/listing.py, which the exports give too (the
    columns of `/statements.csv`, the records of `/statements.json`). Declared for the schema; the
    items are built as plain values and pass through unchanged."""

    id = serializers.IntegerField()
    said_on = serializers.DateField(allow_null=True, help_text="The day the words were said, if known")
    date_rule = serializers.CharField(help_text="How the day was found (see /methodology/)")
    speaker = serializers.CharField(help_text="The speaker's name")
    speaker_slug = serializers.CharField(help_text="The speaker's slug: /api/actors/{slug}/")
    role = serializers.CharField(help_text="The speaker's office in January 2022, if any")
    country = serializers.CharField(help_text="The speaker's country or bloc (KZ, RU, EU, UN...)")
    kind = serializers.CharField(help_text="The speaker's kind (person, ministry, organisation...)")
    act = serializers.CharField(help_text="CAMEO act")
    topic = serializers.CharField()
    quote = serializers.CharField(help_text="direct, indirect or mixed")
    content = serializers.CharField(help_text="The reported words, exactly as in the article")
    language = serializers.CharField(help_text="The article's language (ar, en, ru)")
    cue = serializers.CharField(help_text="The word that attributes the words (said, قال, заявил...)")
    confidence = serializers.FloatField()
    corrected = serializers.BooleanField(help_text="Whether an analyst corrected the statement")
    outlet = serializers.CharField(allow_null=True, help_text="The outlet that reported it")
    outlets = serializers.IntegerField(
        allow_null=True, help_text="How many outlets carried the same words (its report group)"
    )
    published = serializers.DateField(allow_null=True, help_text="The article's publication day")
    title = serializers.CharField(help_text="The article's headline")
    url = serializers.CharField(
        allow_null=True, help_text="The article's original address, or null when unknown"
    )
    article_id = serializers.IntegerField()
    start = serializers.IntegerField(help_text="Where the words start in the article's text")
    end = serializers.IntegerField(help_text="Where they end")

    def to_representation(self, item: dict) -> dict:
        return item


class SpanSerializer(serializers.ModelSerializer):
    speaker = serializers.CharField(source="speaker.name")

    class Meta:
        model = Statement
        fields = ["id", "speaker", "start", "end", "quote", "act", "topic", "said_on"]


class ArticleSerializer(ArticleBriefSerializer):
    statements = SpanSerializer(many=True, read_only=True)

    class Meta(ArticleBriefSerializer.Meta):
        fields = [*ArticleBriefSerializer.Meta.fields, "text", "statements"]


class EventSerializer(serializers.ModelSerializer):
    participants = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    statements = serializers.IntegerField(source="statement_count", read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "occasion_type",
            "start",
            "end",
            "description",
            "participants",
            "statements",
        ]


class StatementCorrectionSerializer(serializers.ModelSerializer):
    """What an analyst may correct; every correction is recorded and survives re-extraction."""

    speaker = serializers.SlugRelatedField(slug_field="slug", queryset=Actor.objects.all(), required=False)

    class Meta:
        model = Statement
        fields = ["speaker", "said_on", "act", "topic", "quote", "rejected"]

    def validate_said_on(self, day):
        if reason := implausible_day(self.instance, day):
            raise serializers.ValidationError(reason)
        return day

    def validate(self, data: dict) -> dict:
        # DRF ignores a field it does not take; a correction of the words or the offsets answered
        # 200 and changed nothing. Refused, naming the field and what may be corrected.
        refused = sorted(set(self.initial_data) - set(self.Meta.fields))
        if refused:
            allowed = ", ".join(self.Meta.fields)
            raise serializers.ValidationError(
                {name: [f"cannot be corrected here; a correction may change {allowed}"] for name in refused}
            )
        return data


class FacetValueSerializer(serializers.Serializer):
    """One value of a facet: what it filters on, how it reads, how many statements have it."""

    value = serializers.CharField(help_text="The filter's value: a slug, a code, a name or a day")
    label = serializers.CharField(help_text="How the value reads (a speaker's name, a country's)")
    count = serializers.IntegerField(help_text="Statements with this value under the other filters")
    selected = serializers.BooleanField(help_text="Whether the filters in use select it")
    toggle = serializers.CharField(help_text="The query string that selects it, or unselects it if selected")


class DayValueSerializer(FacetValueSerializer):
    value = serializers.DateField(help_text="The first day of the period (a day, a week or a month)")
    end = serializers.DateField(help_text="The last day of the period")


class CheckRequestSerializer(serializers.Serializer):
    # Blank and overlong text are refused by `refusal`, as the page refuses them, in the same words.
    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        help_text="A fragment or a whole passage, with or without its attribution, in Arabic, English or"
        f" Russian (up to {MAX_CHARS:,} characters)",
    )

    def validate_text(self, text: str) -> str:
        problem = refusal(text)
        if problem:
            raise serializers.ValidationError(problem)
        return text


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The report's statement")
    outlet = serializers.CharField()
    published = serializers.DateField(allow_null=True)
    url = serializers.CharField(allow_null=True, help_text="The article's original address, where known")
    article = serializers.CharField(help_text="The article in Reactions, at the words")


class OccasionReportSerializer(ReportSerializer):
    language = serializers.CharField(help_text="The article's language (ar, en, ru)")
    said_on = serializers.DateField(allow_null=True)
    content = serializers.CharField(help_text="The words as this outlet reported them")


class StatementReportsSerializer(serializers.Serializer):
    reports = ReportSerializer(many=True, help_text="Every report of the same words, earliest first")
    same_occasion = OccasionReportSerializer(
        many=True,
        help_text="The speaker's words at the same occasion reported in other languages (not the same words)",
    )


class CheckMatchSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="Claim words shared over the shorter's claim words (0.5 to 1)")
    shared_words = serializers.IntegerField()
    names_speaker = serializers.BooleanField(help_text="Whether the passage names the statement's speaker")
    statement = StatementItemSerializer(help_text="The statement as the statements list gives it")
    earliest = ReportSerializer(help_text="The claim's first report")
    reports = ReportSerializer(many=True, help_text="Every report of the claim, earliest first: each outlet")


class CheckResponseSerializer(serializers.Serializer):
    matches = CheckMatchSerializer(many=True, help_text="Closest first, at most 20")


class CitationSerializer(serializers.Serializer):
    """How to cite a statement (reactions/citation.py): the text the statement page gives, and the same
    as one CSL-JSON item for reference managers (Zotero, Pandoc)."""

    text = serializers.CharField(
        help_text="Speaker and role, the words, the day said, the outlet (headline, publication day, original"
        " address), the statement's permanent address and the day it was read"
    )
    csl = serializers.JSONField(
        help_text="One CSL-JSON item (type article-newspaper): title, container-title, issued, URL, note (the"
        " speaker, the day and the words), archive and archive_location (the permanent address), accessed"
    )


class FacetsSerializer(serializers.Serializer):
    """Each facet named as the filter it toggles, its most frequent values first (20 at most); `day`
    by period, oldest first."""

    speaker = FacetValueSerializer(many=True)
    country = FacetValueSerializer(many=True)
    kind = FacetValueSerializer(many=True)
    act = FacetValueSerializer(many=True)
    topic = FacetValueSerializer(many=True)
    quote = FacetValueSerializer(many=True)
    language = FacetValueSerializer(many=True)
    source = FacetValueSerializer(many=True)
    event = FacetValueSerializer(many=True)
    day = DayValueSerializer(many=True)


class OverviewStatementSerializer(serializers.Serializer):
    """The statement shown for a side: the first that took its stance."""

    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    content = serializers.CharField()
    speaker = serializers.CharField(source="speaker_name")
    said_on = serializers.DateField(allow_null=True)
    language = serializers.CharField()

    def get_url(self, statement: Said) -> str:
        return self.context["request"].build_absolute_uri(reverse("statement", args=[statement.pk]))


class OverviewSideSerializer(serializers.Serializer):
    """A group's stance on one subject (reactions/overview.py: the rule)."""

    stance = serializers.ChoiceField(choices=STANCES, allow_null=True, help_text="null: nothing said of it")
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text="Its statements on the subject per stance they take"
    )
    statement = OverviewStatementSerializer(allow_null=True)


class OverviewDaySerializer(serializers.Serializer):
    day = serializers.DateField()
    statements = serializers.IntegerField()
    stance = serializers.ChoiceField(choices=STANCES, allow_null=True)


class OverviewGroupSerializer(serializers.Serializer):
    """A country or an international organisation that spoke; its statements include its bodies' and
    officials' (every speaker whose `speaker_country` is its code)."""

    code = serializers.CharField(help_text="ISO 3166 alpha-2, or a bloc (CSTO, UN, EU): the `country` filter")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["country", "organisation"])
    statements = serializers.IntegerField()
    undated = serializers.IntegerField(help_text="Of its statements, those with no day said")
    first_said_on = serializers.DateField(allow_null=True, help_text="The day of its first reaction")
    on_map = serializers.BooleanField(help_text="Whether the map draws it (false: a bloc, or too small)")
    csto = OverviewSideSerializer(source="sides.csto", help_text="Its stance on the CSTO deployment")
    protests = OverviewSideSerializer(source="sides.protests", help_text="Its stance on the protests")
    days = serializers.SerializerMethodField(help_text="What it said each day it spoke, earliest first")

    @extend_schema_field(OverviewDaySerializer(many=True))
    def get_days(self, group) -> list[dict]:
        return [{"day": d, "statements": c.statements, "stance": c.stance} for d, c in group.days.items()]


class OverviewSerializer(serializers.Serializer):
    """Who reacted how, and when: the data of the page /reactions/ for the same filters."""

    groups = OverviewGroupSerializer(many=True, help_text="Earliest first reaction first, undated last")
    days = serializers.ListField(child=serializers.DateField(), help_text="The days the matrix spans")
    unplaced = serializers.IntegerField(help_text="Statements by speakers of no country or organisation")
    stance_of_act = serializers.SerializerMethodField(help_text="The stance each act takes")
    subjects = serializers.SerializerMethodField(help_text="Each subject and the topics that are about it")

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_stance_of_act(self, _) -> dict[str, str]:
        return STANCE_OF_ACT

    @extend_schema_field(serializers.DictField(child=serializers.ListField(child=serializers.CharField())))
    def get_subjects(self, _) -> dict[str, list[str]]:
        return {key: list(topics) for key, (_, topics) in SUBJECTS.items()}
