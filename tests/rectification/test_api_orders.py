"""巡中立行立改 through the API: issue, 签收, the items before feedback, the order figures."""

import pytest
from django.utils import timezone

from findings.choices import ProblemStatus
from rounds.choices import RoundStatus
from tests.rectification.orders_kit import issue
from tests.rectification.test_api import as_user, ok, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

ORDERS = "/api/v1/immediate-orders/"


@pytest.fixture
def on_site():
    return build_world(round_status=RoundStatus.ON_SITE)


def test_the_leader_issues_an_order_and_the_team_records_its_signature(on_site):
    world = on_site
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    body = {"assignment": world.assignment_a.pk, "problems": [problem.pk], "form": "written"}

    order = ok(as_user(world.leader_a).post(ORDERS, body, format="json"), 201)

    assert order["number"] == f"巡一组立改〔{timezone.localdate().year}〕1号"
    assert order["status"] == "issued" and order["honoured"] is False
    assert len(order["items"]) == 1
    signed = ok(
        as_user(world.member_a).post(
            f"{ORDERS}{order['id']}/sign-for/",
            {"signer_name": "王建国", "signed_on": timezone.localdate().isoformat()},
            format="json",
        )
    )
    assert signed["status"] == "signed_for" and signed["signed_for_by_name"] == "王建国"


def test_refusals_name_what_is_missing(on_site):
    world = on_site
    draft = world.problem(status=ProblemStatus.DRAFT)
    body = {"assignment": world.assignment_a.pk, "problems": [draft.pk], "form": "oral"}
    refused(as_user(world.leader_a).post(ORDERS, body, format="json"), 400, "problems")
    refused(as_user(world.member_a).post(ORDERS, body, format="json"), 403)
    refused(as_user(world.leader_b).post(ORDERS, body, format="json"), 404)


def test_the_units_contact_reads_the_item_before_feedback(on_site):
    world = on_site
    order = issue(world)
    rows = ok(as_user(world.officer_a).get("/api/v1/rectification-items/"))["results"]
    assert [row["id"] for row in rows] == [order.items.get().pk]
    assert rows[0]["fed_back_on"] is None
    assert rows[0]["order_number"] == order.number
    assert ok(as_user(world.officer_b).get(ORDERS))["results"] == []


def test_the_statistics_api_answers_the_order_figures(on_site):
    world = on_site
    issue(world)
    rows = ok(as_user(world.office).get("/api/v1/statistics/", {"group_by": "town"}))
    by_town = {row["label"]: row["figures"] for row in rows}
    assert by_town["甲镇"]["orders_issued"] == 1


def test_the_order_list_takes_a_fixed_number_of_queries(
    on_site, django_assert_max_num_queries, wide_page_queries
):
    world = on_site
    client = as_user(world.office)
    issue(world)
    client.get(ORDERS)
    for _ in range(3):
        issue(world)
    # the page and its items (a wide page on PostgreSQL: its keys first, conftest)
    with django_assert_max_num_queries(2 + wide_page_queries):
        rows = ok(client.get(ORDERS))["results"]
    assert len(rows) == 4
