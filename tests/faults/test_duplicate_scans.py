"""Two beats: two alert scans at once, then two outbox drains at once — each alert raised
once, one digest per addressee, each e-mail and webhook sent once.

A second beat queues every job twice; two workers then run the two messages at the same
moment. Here each runs in its own thread with its own connection (PostgreSQL), released
together at the start; the scans run while the broker is down (as cron would), so their
deliveries wait in the outbox for the two drains, which both list them before either
sends. The database's unique constraints are what make the scans safe: checked first.
"""

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection

from inspection.models import DeliveryChannel, DeliveryStatus, Notification, NotificationDelivery
from rectification import tasks
from rectification.alerts import outbox
from rectification.models import Alert
from tests.faults.conftest import delivery_ids_received, owing_world

ONCE_CONSTRAINTS = {
    "alert_once_per_item_stage": ["item_id", "stage"],
    "alert_once_per_clue_stage": ["clue_id", "stage"],
    "alert_once_per_feedback_document_stage": ["feedback_id", "document", "stage"],
}


@pytest.mark.django_db
def test_the_database_holds_one_alert_per_subject_and_stage():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Alert._meta.db_table)
    for name, columns in ONCE_CONSTRAINTS.items():
        assert found[name]["unique"] and found[name]["columns"] == columns, name


def at_once(work, times: int = 2) -> list:
    """Run ``work`` in ``times`` threads, each with its own connection; answer the results
    (an exception is a result, for the test to see)."""
    results = []

    def run():
        try:
            results.append(work())
        except Exception as error:  # the assertions below show it
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def released_together(function, parties: int = 2):
    """``function``, whose first call in each thread waits for the other threads'."""
    barrier, local = threading.Barrier(parties), threading.local()

    def wrapper(*args, **kwargs):
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait(timeout=30)
        return function(*args, **kwargs)

    return wrapper


@pytest.mark.django_db(transaction=True)
def test_two_beats_raise_each_alert_once_and_send_each_notification_once(
    on_postgres, broker_down, receiver, monkeypatch
):
    owing_world()
    monkeypatch.setattr(
        tasks, "deliveries_requeue_stale", released_together(tasks.deliveries_requeue_stale)
    )
    scans = at_once(lambda: tasks.alert_scan.apply().get())

    assert all(isinstance(scan, dict) for scan in scans), scans
    assert sorted(scan["alerts"] for scan in scans) == [0, 3]
    assert Alert.objects.count() == 3
    addressees = Counter(
        Notification.objects.values_list(
            "recipient", "addressee_post", "addressee_name", "addressee_unit"
        )
    )
    assert addressees and set(addressees.values()) == {1}
    owed = NotificationDelivery.objects.exclude(channel=DeliveryChannel.IN_APP)
    assert set(owed.values_list("status", flat=True)) == {DeliveryStatus.PENDING}

    broker_down.back()
    monkeypatch.setattr(outbox, "delivery_send", released_together(outbox.delivery_send))
    drains = at_once(lambda: tasks.outbox_drain.apply(kwargs={"grace_seconds": 0}).get())

    assert all(isinstance(drain, dict) for drain in drains), drains
    assert sum(drain["sent"] for drain in drains) == owed.count()
    assert sum(drain["skipped"] for drain in drains) == owed.count()  # both saw every row
    assert sum(drain["failed"] for drain in drains) == 0
    assert set(owed.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
    webhooks = owed.filter(channel=DeliveryChannel.WEBHOOK).values_list("pk", flat=True)
    assert delivery_ids_received(receiver) == sorted(webhooks)
    emails = [int(message.extra_headers["X-Inspection-Delivery"]) for message in mail.outbox]
    assert emails == list(owed.filter(channel=DeliveryChannel.EMAIL).values_list("pk", flat=True))
