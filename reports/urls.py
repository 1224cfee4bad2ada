"""The reports screens."""

from django.urls import path

from reports.views import dashboard, exports, villages

app_name = "reports"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("reports/", exports.export_list, name="export_list"),
    path("reports/choices/", exports.export_choices, name="export_choices"),
    path("reports/<int:pk>/download/", exports.export_file, name="export_file"),
    path("villages/", villages.village_list, name="village_list"),
    path("villages/<int:pk>/", villages.village_detail, name="village_detail"),
]
