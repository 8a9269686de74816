from django.contrib import admin, messages

from reactions.catalogue.store import merge_actors
from reactions.data_version import statements_changed
from reactions.models import Actor, ActorAlias, Event, Flag, Statement
from reactions.services import mark_corrected


class AliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ["text", "language", "kind", "normalised"]
    readonly_fields = ["normalised"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "parent", "role", "provisional"]
    list_filter = ["provisional", "kind", "country"]
    search_fields = ["name", "slug", "aliases__text"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline]
    actions = ["approve", "merge"]

    # An action is offered only to whom may make its change: a view-only member of staff sees none.
    @admin.action(description="Approve the selected provisional actors", permissions=["change"])
    def approve(self, request, queryset):
        count = queryset.filter(provisional=True).update(provisional=False)
        # An update sends no save signal: a new version, so that no card still marks them provisional.
        statements_changed()
        self.message_user(request, f"{count} actors approved.")

    @admin.action(
        description="Merge the selected provisional actors into the one catalogue actor selected",
        permissions=["change", "delete"],
    )
    def merge(self, request, queryset):
        targets = list(queryset.filter(provisional=False))
        others = list(queryset.filter(provisional=True))
        if len(targets) != 1 or not others:
            self.message_user(
                request,
                "Select exactly one catalogue actor and the provisional actors to merge into it.",
                level=messages.ERROR,
            )
            return
        moved = merge_actors(targets[0], others)
        self.message_user(
            request, f"{len(others)} actors merged into {targets[0]}; {moved} statements moved."
        )


# The fields that say a statement was corrected, not what it says.
CORRECTION_MARKS = ("corrected_by_human", "corrected_by", "corrected_at")


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = [
        "speaker",
        "short_content",
        "said_on",
        "quote",
        "act",
        "topic",
        "corrected_by_human",
        "rejected",
    ]
    list_filter = ["rejected", "act", "topic", "quote", "corrected_by_human", "article__source"]
    search_fields = ["content", "speaker__name"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article"]
    readonly_fields = ["corrected_by", "corrected_at", "created_at"]
    date_hierarchy = "said_on"

    def get_queryset(self, request):
        return Statement.all_objects.all()  # the rejected too: an analyst may take a rejection back

    @admin.display(description="content")
    def short_content(self, obj: Statement) -> str:
        return obj.content[:80]

    def save_model(self, request, obj: Statement, form, change: bool) -> None:
        """An edit here is a correction like any other (reactions/services.py): marked, recorded
        field by field, kept by re-extraction. Unticking "corrected" alone hands the statement back
        to extraction."""
        edited = [f for f in form.changed_data if f not in CORRECTION_MARKS]
        if not change or not edited:
            super().save_model(request, obj, form, change)
            return
        mark_corrected(obj, request.user, via="admin", **{f: getattr(obj, f) for f in edited})


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["participants"]
    raw_id_fields = ["statements"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    """Readers' reports, the open ones first: until the review queue, where analysts find them."""

    list_display = ["statement", "reason", "note", "at", "handled"]
    list_filter = ["handled", "reason"]
    list_editable = ["handled"]
    raw_id_fields = ["statement"]
    readonly_fields = ["address_digest", "at"]
    ordering = ["handled", "-at"]
