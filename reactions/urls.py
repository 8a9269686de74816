from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from articles import api as articles_api
from articles import views as articles_views
from reactions import views

# Pages
urlpatterns = [
    path("", views.statements, name="statements"),
    path("healthz", views.health, name="health"),
]

# Ingest (analysts)
urlpatterns += [
    path("ingest/", articles_views.ingest, name="ingest"),
    path("ingest/jobs/<int:pk>/", articles_views.job, name="ingest-job"),
]

# API
urlpatterns += [
    path("api/ingest/", articles_api.IngestView.as_view(), name="api-ingest"),
    path("api/ingest/<int:pk>/", articles_api.JobView.as_view(), name="api-ingest-job"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("reactions.api.urls")),
]

# Accounts and admin
urlpatterns += [
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
