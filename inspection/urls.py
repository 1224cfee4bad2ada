"""Root URLs: the screens of each app, the admin console, the API."""

from django.contrib import admin
from django.urls import include, path

from inspection.views import healthz

urlpatterns = [
    path("", include("reports.urls")),
    path("", include("inspection.views.urls")),
    path("", include("rounds.urls")),
    path("", include("findings.urls")),
    path("", include("rectification.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("inspection.api.urls")),
]

handler400 = "inspection.views.bad_request"
handler403 = "inspection.views.forbidden"
handler404 = "inspection.views.not_found"
handler500 = "inspection.views.server_error"
