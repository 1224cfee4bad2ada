"""Issue 15, item 7: one date range for every list. Each ``<date>_after`` /
``<date>_before`` filter of each list endpoint (from the router) is the core's
``DayRangeFilter``: plain dates, both days included, the ends of the calendar answered
(django-filter's own range turned them into datetimes that overflow)."""

import django_filters
import pytest
from rest_framework.test import APIClient

from inspection.filtersets import DayRangeFilter
from tests.inspection.test_api_filters import filterset_of, list_endpoints
from tests.world import build_world

pytestmark = pytest.mark.django_db


def date_ranges() -> list[tuple[str, str]]:
    found = []
    for prefix, viewset in list_endpoints():
        filterset = filterset_of(viewset)
        for name, declared in (filterset.base_filters if filterset else {}).items():
            if isinstance(declared, django_filters.DateFromToRangeFilter):
                assert isinstance(declared, DayRangeFilter), (prefix, name)
                found.append((prefix, name))
    return found


def test_every_date_range_is_the_core_s_and_takes_the_ends_of_the_calendar():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.office)
    ranges = date_ranges()
    assert len(ranges) >= 20
    for prefix, name in ranges:
        url = f"/api/v1/{prefix}/"
        wide = {f"{name}_after": "0001-01-01", f"{name}_before": "9999-12-31"}
        answer = client.get(url, wide)
        assert answer.status_code == 200, (prefix, name, answer.content)
        bad = client.get(url, {f"{name}_after": "2026-02-30"})
        assert bad.status_code == 400, (prefix, name)
