"""Root URLs: the screens of each app, the admin console, the API."""

from django.conf import settings
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
    # 码上巡: the public pages, here for development and tests; a county serves them from
    # its own host with inspection/settings/public.py.
    path(settings.INSPECTION_PUBLIC_PREFIX, include("rounds.public.urls")),
]

handler400 = "inspection.views.bad_request"
handler403 = "inspection.views.forbidden"
handler404 = "inspection.views.not_found"
handler500 = "inspection.views.server_error"
