"""The dashboard (工作看板) at ``/``: the office's and leadership's overview of a term.

Every figure comes from the statistics selectors through ``reports.dashboard``; the
view parses the filter, reads the dashboard once and renders its charts. Roles that do
not read the whole county start their day elsewhere: they are sent to their own page.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from inspection.permissions import reads_all
from inspection.views.accounts import home_url
from reports.dashboard import dashboard_for, default_term
from reports.forms.dashboard import DashboardFilterForm
from reports.views.dashboard_charts import DashboardCharts


@login_required
def dashboard(request):
    if not reads_all(request.user):
        start = home_url(request.user)
        if start == request.path:  # a role whose own start page is not installed
            start = reverse("inspection:notification_list")
        return redirect(start)
    form = DashboardFilterForm(request.GET or None, default_term=default_term())
    term, round_ = form.choice()
    board = dashboard_for(request.user, term=term, round=round_)
    return render(
        request,
        "reports/dashboard.html",
        {"form": form, "board": board, "charts": DashboardCharts(board)},
    )
