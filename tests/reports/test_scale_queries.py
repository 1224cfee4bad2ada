"""Query counts of the hot endpoints stay bounded: the same for a page of 2 as of 20,
and a fixed handful for every statistics endpoint and grouping (tiny scale data)."""

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from inspection.choices import UserRole
from inspection.models import Town, User
from reports.statistics import FIGURES, GROUPINGS

pytestmark = pytest.mark.django_db
LISTS = (
    "/api/v1/problems/?status=fed_back",
    "/api/v1/rectification-items/?overdue=true",
    "/api/v1/rectification-items/",
    "/api/v1/interviews/",
    "/api/v1/activities/",
    "/api/v1/petitions/",
    "/api/v1/clues/",
    "/api/v1/assignments/",
    "/api/v1/villages/",
)


@pytest.fixture
def office():
    call_command("seed_scale", "--preset", "tiny", "--force", stdout=io.StringIO())
    client = APIClient()
    client.force_authenticate(User.objects.filter(role=UserRole.OFFICE_STAFF).first())
    return client


def queries_of(client, path, django_assert_max_num_queries, bound):
    with django_assert_max_num_queries(bound) as captured:
        answer = client.get(path)
    assert answer.status_code == 200, answer.content
    return len(captured.captured_queries)


@pytest.mark.parametrize("path", LISTS)
def test_a_list_page_costs_the_same_queries_whatever_its_size(
    office, path, django_assert_max_num_queries
):
    joiner = "&" if "?" in path else "?"
    small = queries_of(office, f"{path}{joiner}page_size=2", django_assert_max_num_queries, 16)
    large = queries_of(office, f"{path}{joiner}page_size=20", django_assert_max_num_queries, 16)
    assert large == small


@pytest.mark.parametrize("group_by", [None, *GROUPINGS])
def test_the_statistics_table_runs_one_query_a_figure(
    office, group_by, django_assert_max_num_queries
):
    query = {"group_by": group_by} if group_by else {}
    if group_by in ("focus", "aspect", "class", "nature"):
        query["town"] = Town.objects.first().pk
    with django_assert_max_num_queries(len(FIGURES) + 2):
        answer = office.get("/api/v1/statistics/", query)
    # Grouped by the taxonomy or nature, the figures that cannot be are refused (400), in no query.
    assert answer.status_code in (200, 400)


@pytest.mark.parametrize("figure", list(FIGURES))
@pytest.mark.parametrize("group_by", [None, "village"])
def test_each_figure_endpoint_runs_a_query_or_two(
    office, figure, group_by, django_assert_max_num_queries
):
    if figure == "coverage" and group_by not in (None, "town"):
        pytest.skip("coverage groups by town only")
    query = {"group_by": group_by} if group_by else {}
    with django_assert_max_num_queries(2):
        answer = office.get(f"/api/v1/statistics/{figure}/", query)
    assert answer.status_code == 200, answer.content
