from django.contrib import admin

from articles.models import Article, Source


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
