"""巡中立行立改 in the demo county (demo/county/orders.py): orders in every round, their
ledger items true to "巡察期间已立行立改", and the on-site round's honoured and late orders."""

from collections import defaultdict

import pytest
from django.utils import timezone

from demo.county.texts import IMMEDIATE_EVIDENCE
from rectification.choices import ItemStatus, OrderStatus
from rectification.models import ImmediateOrder, ProgressUpdate
from reports.statistics import StatisticsFilter, immediate_orders
from rounds.choices import RoundMode, RoundStatus
from rounds.models import InspectionRound

pytestmark = pytest.mark.django_db


def test_items_fixed_during_the_stay_were_ordered_and_closed_before_the_team_left(seeded):
    updates = ProgressUpdate.objects.filter(text=IMMEDIATE_EVIDENCE).select_related(
        "item__order", "item__problem__assignment"
    )
    assert updates.count() > 10
    for update in updates:
        item = update.item
        assert item.order is not None, item.pk
        assert timezone.localtime(update.created_at).date() <= item.order.due_on
        assert item.order.due_on <= item.problem.assignment.on_site_until
        if item.feedback_id:  # the rounds fed back: verified on site, so closed
            assert item.status == ItemStatus.CLOSED, item.pk
            assert timezone.localtime(item.closed_at).date() <= item.order.due_on


def test_every_fed_back_round_has_orders_carried_into_its_ledger(seeded):
    for status in (RoundStatus.CLOSED, RoundStatus.FEEDBACK):
        orders = ImmediateOrder.objects.filter(assignment__round__status=status)
        fed_back = orders.filter(assignment__feedback__isnull=False)
        assert fed_back.exists()
        assert not fed_back.filter(items__feedback__isnull=True).exists()
        # An organisation awaiting its 书记专题会 has its orders' items outside any feedback.
        assert not orders.exclude(pk__in=fed_back).filter(items__feedback__isnull=False).exists()


def test_the_on_site_round_has_orders_honoured_and_one_late(seeded):
    on_site = InspectionRound.objects.exclude(mode=RoundMode.LOOK_BACK).get(
        status=RoundStatus.ON_SITE
    )
    figures = immediate_orders(StatisticsFilter(round_id=on_site.pk))[None]
    assert figures["orders_honoured"] >= 2
    assert figures["orders_late"] == 1
    assert figures["orders_issued"] > figures["orders_due"]  # some are being fixed
    assert 0 < figures["orders_signed_for"] < figures["orders_issued"]  # oral ones are not
    orders = ImmediateOrder.objects.filter(assignment__round=on_site)
    assert orders.filter(status=OrderStatus.SIGNED_FOR).exclude(signed_for_by_name="").exists()


def test_written_orders_are_numbered_per_team_and_year_without_gaps(seeded):
    """Per 组别 (第X巡察组, across the rounds) and year: the county's 巡X组立改〔YYYY〕N号."""
    numbers = defaultdict(list)
    for team_number, year, sequence, issued_at in ImmediateOrder.objects.filter(
        sequence__isnull=False
    ).values_list("team_number", "year", "sequence", "issued_at"):
        numbers[team_number, year].append((issued_at, sequence))
    assert numbers
    for rows in numbers.values():
        assert [sequence for _, sequence in sorted(rows)] == list(range(1, len(rows) + 1))
