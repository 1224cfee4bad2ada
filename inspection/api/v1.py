"""The v1 API: every resource at a kebab-case plural path, and the statistics."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from findings.api import routes as findings_routes
from inspection.api import documents, notifications
from inspection.api import views as inspection_views
from inspection.api.evidence import EvidenceFileView
from rectification.api import routes as rectification_routes
from rounds.api import routes as rounds_routes

router = DefaultRouter()
router.register("towns", inspection_views.TownViewSet)
router.register("villages", inspection_views.VillageViewSet)
router.register("terms", inspection_views.TermViewSet)
router.register("users", inspection_views.UserViewSet)
router.register("api-tokens", inspection_views.ApiTokenViewSet)
notifications.register(router)
documents.register(router)
# findings before rounds: it adds actions at rounds' petitions/ paths (findings.api.routes).
findings_routes.register(router)
rounds_routes.register(router)
rectification_routes.register(router)

urlpatterns = [
    path("", include("reports.api.urls")),
    path("evidence/<slug:kind>/<int:pk>/", EvidenceFileView.as_view(), name="evidence-download"),
    *router.urls,
]
