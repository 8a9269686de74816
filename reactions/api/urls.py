from django.urls import path
from rest_framework.routers import DefaultRouter

from reactions.api import views

router = DefaultRouter()
router.register("statements", views.StatementViewSet, basename="statement")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("sources", views.SourceViewSet, basename="source")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("events", views.EventViewSet, basename="event")

urlpatterns = [path("check/", views.CheckView.as_view(), name="api-check"), *router.urls]
