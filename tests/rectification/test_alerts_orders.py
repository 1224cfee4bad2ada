"""The daily alert scan treats an on-site order's item like any other: before feedback it is
warned of by its due date, to the unit's contact."""

import pytest
from django.utils import timezone

from inspection.choices import AlertStage
from inspection.models import Notification
from rectification.alerts import run_alert_scan
from rectification.models import Alert
from rounds.choices import RoundStatus
from tests.rectification.orders_kit import issue
from tests.world import build_world

pytestmark = pytest.mark.django_db


def test_an_order_item_is_alerted_before_feedback(settings, django_capture_on_commit_callbacks):
    settings.INSPECTION_IMMEDIATE_DUE_DAYS = 5
    settings.INSPECTION_ALERT_YELLOW_DAYS = 10
    world = build_world(round_status=RoundStatus.ON_SITE)
    item = issue(world).items.get()

    with django_capture_on_commit_callbacks(execute=True):
        run_alert_scan(on=timezone.localdate())

    alert = Alert.objects.get(item=item)
    assert alert.stage == AlertStage.YELLOW and alert.due_on == item.deadline
    (digest,) = Notification.objects.filter(recipient=world.officer_a)
    assert [entry["id"] for entry in digest.payload["items"]] == [item.pk]
