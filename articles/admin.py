from django.contrib import admin

from articles.models import Article, IngestItem, IngestJob, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_original", "country", "language"]
    search_fields = ["name", "name_original"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "published", "status", "pipeline_version"]
    list_filter = ["status", "source", "language"]
    search_fields = ["title", "url", "file_name"]
    readonly_fields = ["text_sha256", "created_at"]


class IngestItemInline(admin.TabularInline):
    model = IngestItem
    extra = 0
    can_delete = False
    fields = ["position", "label", "outcome", "statements", "error", "article"]
    readonly_fields = fields


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_by", "created_at", "total", "status"]
    list_filter = ["status"]
    readonly_fields = ["created_by", "created_at", "finished_at", "inputs", "total", "status", "summary"]
    inlines = [IngestItemInline]

    @admin.display(description="counts")
    def summary(self, obj: IngestJob) -> str:
        c = obj.counts()
        return (
            f"{c['new']} new, {c['duplicate']} duplicate, {c['failed']} failed, {c['statements']} statements"
        )
