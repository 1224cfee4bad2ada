from django.urls import path
from rest_framework.routers import SimpleRouter

from reports.api.exports import ExportJobViewSet
from reports.api.upward import StatisticsReportViewSet
from reports.api.views import StatisticsTableView, figure_view
from reports.statistics import FIGURES

router = SimpleRouter()
router.register("exports", ExportJobViewSet, basename="export")
router.register("statistics-reports", StatisticsReportViewSet, basename="statistics-report")

urlpatterns = [
    path("statistics/", StatisticsTableView.as_view(), name="statistics"),
    *(
        path(f"statistics/{name}/", figure_view(name).as_view(), name=f"statistics-{name}")
        for name in FIGURES
    ),
    *router.urls,
]
