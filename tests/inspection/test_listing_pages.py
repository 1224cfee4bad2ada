"""Issue 15, item 1, on the screens: a list cut into numbered pages (OFFSET) shows each
row once, also where many rows share the value it is sorted by. Run on PostgreSQL too,
where rows with equal values come back in an order of the planner's choosing."""

import pytest
from django.test import RequestFactory

from inspection.models import Village
from inspection.web import Listing
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ordering", [("town",), ("-population",), ("kind", "-town")])
def test_numbered_pages_show_each_row_once_under_ties(ordering):
    towns = [f.TownFactory(), f.TownFactory()]
    for number in range(60):
        f.VillageFactory(town=towns[number % 2], population=100 * (number % 3))
    rows = Village.objects.order_by(*ordering)
    seen = []
    for page in range(1, 10):
        request = RequestFactory().get("/", {"page": page})
        listing = Listing(request, rows, per_page=7)
        seen += [village.pk for village in listing]
        if not listing.page.has_next():
            break
    assert sorted(seen) == sorted(Village.objects.values_list("pk", flat=True))
