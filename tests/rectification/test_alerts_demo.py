"""The demo county: its alerts are the morning scans' (the seed runs each day's scan
between the users' actions, today's included), so another scan today raises nothing,
notifies no one and sends nothing.
"""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from inspection.models import DeliveryChannel, Notification, NotificationDelivery
from rectification.models import Alert

pytestmark = pytest.mark.django_db


def run_alert_scan() -> str:
    out = io.StringIO()
    call_command("run_alert_scan", stdout=out)
    return out.getvalue()


def test_todays_scan_has_run_and_a_second_raises_nothing(
    seeded, django_capture_on_commit_callbacks
):
    alerts = Alert.objects.count()
    assert alerts and not Alert.objects.filter(scan__isnull=True).exists()
    notifications = Notification.objects.count()
    deliveries = NotificationDelivery.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        output = run_alert_scan()
    assert "新增预警 0 条" in output, output
    assert Alert.objects.count() == alerts
    assert Notification.objects.count() == notifications
    assert NotificationDelivery.objects.count() == deliveries
    assert not NotificationDelivery.objects.filter(channel=DeliveryChannel.EMAIL).exists()
    assert len(mail.outbox) == 0
