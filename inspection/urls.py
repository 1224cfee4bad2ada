"""Root URLs."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from inspection.views import healthz

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("inspection.api.urls")),
]

handler404 = "inspection.views.not_found"
handler500 = "inspection.views.server_error"
