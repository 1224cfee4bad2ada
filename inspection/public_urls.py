"""Root URLs of the public host (inspection/settings/public.py): 码上巡 and the health check,
nothing of the internal site."""

from django.conf import settings
from django.urls import include, path

from inspection.views import healthz

urlpatterns = [
    path(settings.INSPECTION_PUBLIC_PREFIX, include("rounds.public.urls")),
    path("healthz", healthz, name="healthz"),
]

handler400 = "rounds.public.views.bad_request"
handler403 = "rounds.public.views.forbidden"
handler404 = "rounds.public.views.not_found"
handler500 = "rounds.public.views.server_error"
