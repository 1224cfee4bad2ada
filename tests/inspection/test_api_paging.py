"""Issue 15, item 1: paging under any offered ordering returns exactly the list.

A client paged ``problems/?ordering=severity`` to the end and got 490 rows, 329 of them
distinct: the cursor kept the first column's position and counted rows past it among
equal values, which means the same rows on the next page only if equal values come back
in one order, and PostgreSQL does not promise one. Every list endpoint (from the router)
under every ordering it offers, both directions, with small pages over the demo county
(hundreds of problems share four severities, ledger items share deadlines), forward to
the end and back to the start: exactly the rows the user sees, each once. Run it on
PostgreSQL too (DATABASE_URL), where ties come back in an order of the planner's choosing.
"""

import itertools
import math

import pytest
from django.test import RequestFactory
from rest_framework.request import Request
from rest_framework.test import APIClient

from inspection.api.search import ConfidentialOrderingFilter
from inspection.filtersets import field_at
from inspection.models import User
from inspection.permissions import visible
from tests.inspection.test_api_filters import list_endpoints

pytestmark = pytest.mark.django_db

PAGES = 4  # a list is cut into about this many pages, so that ties straddle page breaks


def offered_orderings(viewset, user) -> list[str]:
    """The ``ordering`` values the endpoint offers this user, both directions. Each is a
    NOT NULL column: the cursor's "strictly after" (``inspection.api.pagination``) has no
    place for a NULL, which the databases sort at opposite ends."""
    request = Request(RequestFactory().get("/"))
    request.user = user
    view = viewset(request=request, format_kwarg=None, action="list")
    queryset = view.get_queryset()
    fields = ConfidentialOrderingFilter().get_valid_fields(queryset, view, {"request": request})
    for name, _ in fields:
        assert not field_at(queryset.model, name).null, (viewset, name)
    return [value for name, _ in fields for value in (name, f"-{name}")]


def walk(client, url: str, params: dict) -> tuple[list[list[dict]], list[int]]:
    """The pages, following ``next`` to the end; then the ids following ``previous`` back."""
    pages = []
    answer = client.get(url, params, HTTP_ACCEPT="application/json")
    while True:
        assert answer.status_code == 200, (url, params, answer.content[:300])
        body = answer.json()
        pages.append(body["results"])
        if not body["next"]:
            break
        answer = client.get(body["next"], HTTP_ACCEPT="application/json")
    backward = [row["id"] for row in body["results"]]
    while body["previous"]:
        answer = client.get(body["previous"], HTTP_ACCEPT="application/json")
        assert answer.status_code == 200, (url, params, answer.content[:300])
        body = answer.json()
        backward = [row["id"] for row in body["results"]] + backward
    return pages, backward


def ties_straddle_a_page_break(pages: list[list[dict]], ordering: str) -> bool:
    """Whether a page ends and the next begins with one value of the first column."""
    field = ordering.lstrip("-")
    return any(
        before[-1].get(field) is not None and before[-1].get(field) == after[0].get(field)
        for before, after in itertools.pairwise(pages)
        if before and after
    )


def test_every_ordering_of_every_list_pages_to_exactly_the_list(seeded):
    office = User.objects.get(username="office")
    client = APIClient()
    client.force_authenticate(office)
    walked, straddled = 0, set()
    for prefix, viewset in list_endpoints():
        url = f"/api/v1/{prefix}/"
        expected = sorted(visible(viewset.queryset.model, office).values_list("pk", flat=True))
        page_size = max(2, math.ceil(len(expected) / PAGES))
        for ordering in offered_orderings(viewset, office):
            pages, backward = walk(client, url, {"ordering": ordering, "page_size": page_size})
            forward = [row["id"] for page in pages for row in page]
            assert sorted(forward) == expected, (prefix, ordering, len(forward), len(expected))
            assert backward == forward, (prefix, ordering)
            walked += 1
            if ties_straddle_a_page_break(pages, ordering):
                straddled.add(f"{prefix}?ordering={ordering}")
    assert walked >= 100
    # The walk is a test of ties only where equal values fall on both sides of a break.
    assert {"problems?ordering=severity", "problems?ordering=-severity"} <= straddled
    assert len(straddled) >= 20, sorted(straddled)
