from django.urls import path

from reports.api.views import StatisticsTableView, figure_view
from reports.statistics import FIGURES

urlpatterns = [
    path("statistics/", StatisticsTableView.as_view(), name="statistics"),
    *(
        path(f"statistics/{name}/", figure_view(name).as_view(), name=f"statistics-{name}")
        for name in FIGURES
    ),
]
