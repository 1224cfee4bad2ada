"""Which requests the replica middleware sends to the replica, and that the suite runs
without one (inspection/replica/). The routing against a real standby: test_replica.py."""

import pytest
from django.conf import settings
from django.urls import resolve

from inspection.replica.middleware import reads_replica


def test_the_suite_runs_without_a_replica():
    assert "replica" not in settings.DATABASES  # DATABASE_REPLICA_URL unset: nothing routed
    assert not getattr(settings, "DATABASE_ROUTERS", [])


@pytest.mark.parametrize(
    ("method", "path", "replica"),
    [
        ("GET", "/api/v1/rounds/", True),  # an API list
        ("HEAD", "/api/v1/rectification-items/", True),
        ("GET", "/api/v1/rounds/1/", False),  # a record
        ("POST", "/api/v1/rounds/", False),
        ("GET", "/api/v1/statistics/", True),
        ("GET", "/api/v1/statistics/problems/", True),
        ("GET", "/", True),  # the dashboard
        ("GET", "/rounds/", True),  # a list screen
        ("GET", "/villages/", True),
        ("GET", "/villages/1/", False),
        ("POST", "/rounds/", False),
    ],
)
def test_lists_figures_and_the_dashboard_read_the_replica_on_get_only(rf, method, path, replica):
    request = rf.generic(method, path)
    request.resolver_match = match = resolve(path)
    assert reads_replica(request, match.func) is replica
