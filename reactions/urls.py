from django.contrib import admin
from django.urls import path

from reactions import views

urlpatterns = [
    path("", views.statements, name="statements"),
    path("healthz", views.health, name="health"),
    path("admin/", admin.site.urls),
]
