"""Root URLs."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from inspection.views import healthz

admin.site.site_header = "村级巡察工作管理系统"
admin.site.site_title = "巡察工作管理"
admin.site.index_title = "巡察办控制台"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
]
