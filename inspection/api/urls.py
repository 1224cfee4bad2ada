"""/api/v1/ (every app's resources), /api/schema/, /api/docs/ and /api/redoc/."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

# The documentation pages of drf-spectacular carry inline styles (and Redoc an inline
# script) and run workers from blobs: they alone get those allowed.
DOCS_POLICY = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "worker-src": ["'self'", "blob:"],
}

urlpatterns = [
    path("v1/", include("inspection.api.v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        csp_update(DOCS_POLICY)(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path(
        "redoc/",
        # Without the font service drf-spectacular's page links to (inspection/templates/api).
        csp_update(DOCS_POLICY)(
            SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html")
        ),
        name="api-redoc",
    ),
]
