"""The reports screens."""

from django.urls import path

from reports.views import dashboard, exports, upward, villages

app_name = "reports"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("reports/", exports.export_list, name="export_list"),
    path("reports/choices/", exports.export_choices, name="export_choices"),
    path("reports/<int:pk>/download/", exports.export_file, name="export_file"),
    path("reports/upward/", upward.upward_list, name="upward_list"),
    path("reports/upward/sample/", upward.upward_sample, name="upward_sample"),
    path(
        "reports/upward/templates/<int:pk>/file/",
        upward.upward_template_file,
        name="upward_template_file",
    ),
    path("reports/upward/<int:pk>/", upward.upward_report, name="upward_report"),
    path("reports/upward/<int:pk>/download/", upward.upward_download, name="upward_download"),
    path("villages/", villages.village_list, name="village_list"),
    path("villages/<int:pk>/", villages.village_detail, name="village_detail"),
]
