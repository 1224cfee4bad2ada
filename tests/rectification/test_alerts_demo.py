"""The demo county: ``run_alert_scan`` twice in a row raises alerts once, then nothing.

The seed already holds the alerts a daily scan would have raised for the round in
rectification and for the clues (demo/county/ledger_alerts.py); the scan adds what the
seed does not raise (feedback documents, items of other rounds) and repeats none.
"""

import io
from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command

from inspection.deadlines import STAGE_RANK
from inspection.models import DeliveryChannel, Notification, NotificationDelivery
from rectification.models import Alert

pytestmark = pytest.mark.django_db


def run_alert_scan() -> str:
    out = io.StringIO()
    call_command("run_alert_scan", stdout=out)
    return out.getvalue()


def highest_stage_by_subject(alerts) -> dict:
    highest: dict = {}
    for item, clue, feedback, document, stage in alerts.values_list(
        "item", "clue", "feedback", "document", "stage"
    ):
        key = (item, clue, feedback, document)
        highest[key] = max(highest.get(key, 0), STAGE_RANK[stage])
    return highest


def test_the_second_scan_of_the_day_raises_nothing(seeded, django_capture_on_commit_callbacks):
    before = highest_stage_by_subject(Alert.objects.all())
    with django_capture_on_commit_callbacks(execute=True):
        first = run_alert_scan()
    raised = Alert.objects.filter(scan__isnull=False)
    assert raised.exists(), first
    assert f"新增预警 {raised.count()} 条" in first
    # A subject the seed had alerted only moves up a stage, never back down or sideways.
    for key, rank in highest_stage_by_subject(raised).items():
        assert rank > before.get(key, 0), key
    # One digest per recipient, each by e-mail where there is an address (none in the demo).
    recipients = Counter(Notification.objects.values_list("recipient", flat=True))
    assert recipients and max(recipients.values()) == 1
    sent_by_mail = NotificationDelivery.objects.filter(channel=DeliveryChannel.EMAIL).count()
    assert len(mail.outbox) == sent_by_mail

    with django_capture_on_commit_callbacks(execute=True):
        second = run_alert_scan()
    assert "新增预警 0 条" in second, second
    assert Alert.objects.filter(scan__isnull=False).count() == raised.count()
    assert Notification.objects.count() == sum(recipients.values())
