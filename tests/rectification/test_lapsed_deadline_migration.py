"""rectification 0016: items whose deadline was moved after it had passed, before the
service kept the passed one, get it from their history."""

import datetime
import importlib

import pytest
from django.apps import apps

from rectification.choices import ItemStatus
from rectification.models import RectificationItem
from rounds.choices import RoundStatus
from tests.clock import at, today_is
from tests.world import build_world

pytestmark = pytest.mark.django_db

migration = importlib.import_module("rectification.migrations.0016_item_lapsed_deadline")


def _move(item, day, deadline, **changes):
    with today_is(day):
        item.refresh_from_db()
        item.deadline = deadline
        for name, value in changes.items():
            setattr(item, name, value)
        item.save()  # as the service did before it kept the lapsed deadline


def test_the_first_deadline_passed_before_a_move_is_read_from_the_history():
    may = [datetime.date(2026, 5, day) for day in range(1, 32)]
    with today_is(may[0]):
        world = build_world(round_status=RoundStatus.RECTIFICATION)
        lapsed = world.item(status=ItemStatus.IN_PROGRESS, deadline=may[9], measures="清理")
        extended = world.item(status=ItemStatus.IN_PROGRESS, deadline=may[9], measures="清理")
        closed = world.item(status=ItemStatus.IN_PROGRESS, deadline=may[9], measures="清理")
    _move(lapsed, may[14], may[19])  # passed on the 10th, moved on the 15th
    _move(lapsed, may[24], may[30])  # and again: the first that passed stays
    _move(extended, may[8], may[19])  # moved the day before it passed: fair
    _move(closed, may[5], may[9], status=ItemStatus.CLOSED, closed_at=at(may[5]))
    _move(closed, may[14], may[19])  # a closed item moved later did not lapse
    RectificationItem.objects.update(lapsed_deadline=None)
    RectificationItem.history.update(lapsed_deadline=None)

    migration.lapsed_from_history(apps, None)

    kept = dict(RectificationItem.objects.values_list("pk", "lapsed_deadline"))
    assert kept == {lapsed.pk: may[9], extended.pk: None, closed.pk: None}
    # Its history from the first move on, which the figures as of a past day read.
    history = lapsed.history.order_by("history_date").values_list("lapsed_deadline", flat=True)
    assert list(history) == [None, may[9], may[9]]
