from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from articles import api as articles_api
from articles import views as articles_views
from reactions.pages import (
    actors,
    articles,
    check,
    codebook,
    compare,
    events,
    flags,
    health,
    overview,
    review,
    statements,
    timeline,
)


class SlugText:
    """A slug as typed: any text but a slash or a NUL (which PostgreSQL text cannot hold, so
    «/events/%00/» would be a 500 instead of a 404)."""

    regex = "[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SlugText, "slugtext")

# Explorer pages; each list has a JSON twin in the API and CSV/JSON exports.
urlpatterns = [
    path("", statements.statement_list, name="statements"),
    path("reactions/", overview.overview_page, name="overview"),
    path("reactions/world-110m.svg", overview.world_map_document, name="world-map"),
    path("methodology/", codebook.codebook_page, name="methodology"),
    re_path(r"^statements\.(?P<fmt>csv|json)$", statements.statements_export, name="statements-export"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement"),
    path("statements/<int:pk>/flag", flags.flag_statement, name="flag-statement"),
    path(
        "statements/<int:pk>/corrections/<int:correction>/undo",
        statements.undo_correction,
        name="undo-correction",
    ),
    path("speakers/suggest", statements.speaker_suggestions, name="speaker-suggestions"),
    path("actors/<slugtext:slug>/", actors.actor_detail, name="actor"),
    path("articles/<int:pk>/", articles.article_detail, name="article"),
    path("timeline/", timeline.timeline_page, name="timeline"),
    path("compare/", compare.compare_page, name="compare"),
    path("events/", events.event_list, name="events"),
    path("check/", check.check_page, name="check"),
    path("events/<slugtext:slug>/", events.event_detail, name="event"),
    path("healthz", health.health, name="health"),
]

# Ingest (analysts)
urlpatterns += [
    path("review/", review.next_page, name="review"),
    path("review/<int:pk>/", review.statement_page, name="review-statement"),
    path("review/actors/<int:pk>/", review.actor_action, name="review-actor"),
    path("review/accuracy/", review.accuracy_page, name="review-accuracy"),
    path("ingest/", articles_views.ingest, name="ingest"),
    path("ingest/jobs/<int:pk>/", articles_views.job, name="ingest-job"),
]

# API
urlpatterns += [
    path("api/ingest/", articles_api.IngestView.as_view(), name="api-ingest"),
    path("api/ingest/<int:pk>/", articles_api.JobView.as_view(), name="api-ingest-job"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("reactions.api.urls")),
]

# Accounts and admin
urlpatterns += [
    # Signing in and out only: accounts are made in the admin, and no mail server is configured, so
    # password reset (which mails a link) is not offered.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

# A database outage or a cancelled slow query is a 503 in the client's shape (reactions/pages/errors.py).
handler404 = "reactions.pages.errors.not_found"
handler500 = "reactions.pages.errors.server_error"
