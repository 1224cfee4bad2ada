"""The v1 API: every resource at a kebab-case plural path, and the statistics."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from inspection.api import views as inspection_views

router = DefaultRouter()
router.register("towns", inspection_views.TownViewSet)
router.register("villages", inspection_views.VillageViewSet)
router.register("terms", inspection_views.TermViewSet)
router.register("users", inspection_views.UserViewSet)
router.register("api-tokens", inspection_views.ApiTokenViewSet)

urlpatterns = [
    path("", include("reports.api.urls")),
    *router.urls,
]
