"""Exactly once: two scans at the same moment (PostgreSQL), and a retried scan task."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from inspection.choices import AlertStage
from inspection.models import Notification
from rectification.alerts import scan as scan_module
from rectification.models import Alert
from rectification.tasks import alert_scan
from rounds.choices import RoundStatus
from tests.world import build_world


def ledger(world) -> list:
    """Six items of town A at every stage, the feedback documents sent."""
    today = timezone.localdate()
    feedback = world.feedback()
    feedback.plan_submitted_on = feedback.report_submitted_on = feedback.fed_back_on
    feedback.save()
    return [
        world.item(deadline=today + datetime.timedelta(days=offset), supervising_leader="李督导")
        for offset in (-30, -1, 0, 7, 12, 19)
    ]


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_raise_each_alert_once_and_one_digest_each(on_postgres, monkeypatch):
    world = build_world(round_status=RoundStatus.RECTIFICATION)
    items = ledger(world)
    # Both scans have their statements ready before either inserts; the first to insert
    # then holds its transaction open while it writes digests, the other's INSERT … ON
    # CONFLICT waiting on the same rows.
    both_read = threading.Barrier(2)
    find, group = scan_module.alert_candidates, scan_module.digests_by_addressee

    def candidates_then_wait(*args, **kwargs):
        found = find(*args, **kwargs)
        both_read.wait(timeout=30)
        return found

    def slow_digests(*args, **kwargs):
        time.sleep(0.5)
        return group(*args, **kwargs)

    monkeypatch.setattr(scan_module, "alert_candidates", candidates_then_wait)
    monkeypatch.setattr(scan_module, "digests_by_addressee", slow_digests)
    results, errors = [], []

    def scan():
        try:
            results.append(scan_module.run_alert_scan())
        except Exception as error:  # any error fails the test below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(len(result.alerts) for result in results) == [0, 6]
    assert Alert.objects.count() == 6
    assert sorted(Alert.objects.values_list("item_id", "stage")) == sorted(
        [(items[0].pk, AlertStage.RED), (items[1].pk, AlertStage.RED)]
        + [(item.pk, AlertStage.YELLOW) for item in items[2:4]]
        + [(item.pk, AlertStage.GREEN) for item in items[4:]]
    )
    recipients = list(
        Notification.objects.filter(recipient__isnull=False).values_list("recipient", flat=True)
    )
    assert sorted(recipients) == sorted([world.officer_a.pk, world.office.pk, world.lead.pk])
    assert len(Notification.objects.get(recipient=world.officer_a).payload["items"]) == 6


@pytest.mark.django_db
def test_a_retried_scan_task_raises_nothing_the_second_time(world):
    ledger(world)
    first = alert_scan.delay().get()
    again = alert_scan.delay().get()
    assert (first["alerts"], first["notifications"]) == (6, 3)
    assert first["by_stage"] == {"red": 2, "yellow": 2, "green": 2}
    assert (again["alerts"], again["notifications"]) == (0, 0)
    assert Alert.objects.count() == 6
    assert Notification.objects.count() == 3


@pytest.mark.django_db
def test_a_scan_redone_for_an_earlier_day_raises_nothing_new(world):
    """A late retry of yesterday's task after today's scan: the stages are already there."""
    ledger(world)
    today = timezone.localdate()
    alert_scan.delay(today.isoformat()).get()
    assert alert_scan.delay((today - datetime.timedelta(days=1)).isoformat()).get()["alerts"] == 0
