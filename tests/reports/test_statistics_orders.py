"""巡中立行立改 figures: orders issued, honoured on time, 如期率 by round, town and team
(reports/statistics/orders.py), and the ledger figures counting items before feedback."""

import datetime

import pytest
from django.utils import timezone

from rectification.choices import OrderForm, VerificationMethod, VerificationResult
from rectification.services import immediate_order_sign_for, item_verify
from reports.statistics import StatisticsFilter, immediate_orders, rectification, statistics_table
from rounds.choices import RoundStatus
from tests.rectification.helpers import upload
from tests.rectification.orders_kit import issue, submitted_order_item
from tests.world import build_world

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def orders(settings):
    """On A: one order honoured (closed the day it was issued), one left open past its
    due date (late on day 10), one oral order due on day 30; on B: one open order."""
    world = build_world(round_status=RoundStatus.ON_SITE)
    settings.INSPECTION_IMMEDIATE_DUE_DAYS = 7
    honoured = submitted_order_item(world)
    item_verify(
        actor=world.leader_a,
        item_id=honoured.pk,
        method=VerificationMethod.ON_SITE,
        result=VerificationResult.PASSED,
        evidence=[upload()],
    )
    late = issue(world)
    immediate_order_sign_for(
        actor=world.member_a, order_id=late.pk, signer_name="王建国", signed_on=late.issued_on
    )
    settings.INSPECTION_IMMEDIATE_DUE_DAYS = 30
    issue(world, form=OrderForm.ORAL)
    issue(world, actor=world.leader_b, assignment=world.assignment_b)
    return world


def test_orders_honoured_late_and_the_on_time_rate(orders):
    on = timezone.localdate() + 10 * DAY
    figures = immediate_orders(StatisticsFilter(round_id=orders.round.pk), on=on)[None]
    assert figures == {
        "orders_issued": 4,
        "orders_written": 3,
        "orders_signed_for": 1,
        "orders_honoured": 1,
        "orders_due": 2,
        "orders_late": 1,
        "orders_on_time_rate": 0.5,
    }


@pytest.mark.parametrize("group_by", ["town", "team", "round"])
def test_orders_by_town_team_and_round(orders, group_by):
    on = timezone.localdate() + 10 * DAY
    rows = immediate_orders(StatisticsFilter(), group_by, on=on)
    a_key = {
        "town": orders.town_a.pk,
        "team": orders.team_a.pk,
        "round": orders.round.pk,
    }[group_by]
    assert rows[a_key]["orders_honoured"] == 1
    if group_by != "round":
        assert rows[a_key]["orders_issued"] == 3
        assert rows[a_key]["orders_on_time_rate"] == 0.5
        b_key = orders.town_b.pk if group_by == "town" else orders.team_b.pk
        assert rows[b_key]["orders_issued"] == 1
        assert rows[b_key]["orders_on_time_rate"] is None  # nothing due yet


def test_ledger_figures_count_items_ordered_on_site_before_feedback(orders):
    today = timezone.localdate()
    figures = rectification(StatisticsFilter(date_from=today, date_to=today))[None]
    assert figures["items"] == 4
    assert figures["items_closed"] == 1
    row = statistics_table(StatisticsFilter(), figures=["immediate_orders"])[0]
    assert row["orders_issued"] == 4


def test_order_figures_take_a_fixed_number_of_queries(orders, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        immediate_orders(StatisticsFilter(), "village")


def test_the_dashboard_shows_the_order_figures_by_town(orders, client):
    client.force_login(orders.office)
    response = client.get("/", {"term": orders.round.term_id})
    text = response.content.decode()
    assert 'data-kpi="orders_on_time_rate"' in text
    assert "通知 4 件" in text
    assert "巡中立行立改（按乡镇）" in text and "甲镇" in text
