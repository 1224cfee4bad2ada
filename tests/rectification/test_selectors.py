"""Reads of the ledger (rectification/selectors.py)."""

import datetime

import pytest
from django.utils import timezone

from rectification.choices import ItemStatus
from rectification.models import RectificationItem
from rectification.selectors import items_overdue

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_overdue_is_deadline_passed_and_not_submitted_or_closed(world):
    today = timezone.localdate()
    late = {
        status: world.item(status=status, deadline=today - DAY)
        for status in (ItemStatus.PENDING, ItemStatus.IN_PROGRESS, ItemStatus.RETURNED)
    }
    world.item(status=ItemStatus.SUBMITTED, deadline=today - DAY)
    world.item(status=ItemStatus.CLOSED, deadline=today - DAY)
    due_today = world.item(deadline=today)

    overdue = items_overdue(RectificationItem.objects.all())

    assert set(overdue) == set(late.values())
    assert due_today in items_overdue(RectificationItem.objects.all(), on=today + DAY)
    assert not items_overdue(RectificationItem.objects.all(), on=today - 5 * DAY).exists()
    assert all(item.is_overdue() for item in overdue)  # the model's twin agrees
