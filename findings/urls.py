"""The findings screens."""

from django.urls import path  # noqa: F401

app_name = "findings"

urlpatterns = []
