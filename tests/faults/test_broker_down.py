"""Redis down: the work is saved, the outbox keeps what is owed, and once the broker is
back the drains send each notification and build each export exactly once.

The broker is really unreachable (the Celery app points at a closed port: every publish
fails as it would with Redis stopped). In-process on SQLite (the drains run eagerly once
the broker is back); through Redis and a real worker on PostgreSQL.
"""

import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import ClueStatus
from findings.models import Clue
from inspection.models import DeliveryChannel, DeliveryStatus, Notification, NotificationDelivery
from rectification.choices import ItemStatus
from rectification.models import Alert, RectificationItem
from rectification.tasks import outbox_drain
from reports.models import ExportJob, ExportStatus
from reports.tasks import requeue_exports
from tests.celery_worker import running_worker
from tests.faults.conftest import SECRET, delivery_ids_received, owing_world

pytestmark = pytest.mark.django_db(transaction=True)

WAIT_SECONDS = 60


def work_while_the_broker_is_down(world):
    """The day's work with no broker: the alert scan (cron), an export asked for, a ledger
    item submitted for closing, a clue transferred. Answers the export job's id."""
    call_command("run_alert_scan", stdout=None)
    office, officer = APIClient(), APIClient()
    office.force_authenticate(world.office)
    officer.force_authenticate(world.officer_a)

    answer = office.post("/api/v1/exports/", {"round": world.round.pk}, format="json")
    assert answer.status_code == 202, answer.content
    item = world.evidenced_item(measures="重新召开村民代表会议")
    answer = officer.post(f"/api/v1/rectification-items/{item.pk}/submit/", {}, format="json")
    assert answer.status_code == 200, answer.content
    clue = world.clue(status=ClueStatus.APPROVED)
    letter = {
        "clue_ids": [clue.pk],
        "receiving_body": "commission",
        "sent_on": timezone.localdate().isoformat(),
    }
    answer = office.post("/api/v1/transfer-letters/", letter, format="json")
    assert answer.status_code == 201, answer.content

    assert RectificationItem.objects.get(pk=item.pk).status == ItemStatus.SUBMITTED
    assert Clue.objects.get(pk=clue.pk).status == ClueStatus.TRANSFERRED
    return ExportJob.objects.get().pk


def assert_outbox_holds_what_is_owed(receiver, job_id):
    assert Alert.objects.count() == 3
    owed = NotificationDelivery.objects.exclude(channel=DeliveryChannel.IN_APP)
    assert owed.filter(channel=DeliveryChannel.EMAIL).count() == 1  # officer_a's digest
    assert owed.filter(channel=DeliveryChannel.WEBHOOK).count() == Notification.objects.count()
    assert set(owed.values_list("status", "attempts")) == {(DeliveryStatus.PENDING, 0)}
    assert ExportJob.objects.get(pk=job_id).status == ExportStatus.QUEUED
    assert receiver.requests == [] and mail.outbox == []


def assert_each_sent_once(receiver, emails: list[int]):
    owed = NotificationDelivery.objects.exclude(channel=DeliveryChannel.IN_APP)
    assert set(owed.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
    webhooks = owed.filter(channel=DeliveryChannel.WEBHOOK).values_list("pk", flat=True)
    assert delivery_ids_received(receiver) == sorted(webhooks)
    assert emails == list(owed.filter(channel=DeliveryChannel.EMAIL).values_list("pk", flat=True))


def test_with_redis_down_the_work_is_saved_and_sent_once_it_is_back(broker_down, receiver, media):
    world = owing_world()
    job_id = work_while_the_broker_is_down(world)
    assert_outbox_holds_what_is_owed(receiver, job_id)

    broker_down.back()  # in-process here: the drains run as the worker would run them
    first = outbox_drain.delay(grace_seconds=0).get()
    assert first == {"sent": NotificationDelivery.objects.count() - 3, "skipped": 0, "failed": 0}
    requeue_exports.delay(grace_seconds=0)
    again = outbox_drain.delay(grace_seconds=0).get()
    assert again == {"sent": 0, "skipped": 0, "failed": 0}
    assert requeue_exports.delay(grace_seconds=0).get() == {"requeued": 0, "failed": 0}

    emails = [int(message.extra_headers["X-Inspection-Delivery"]) for message in mail.outbox]
    assert_each_sent_once(receiver, emails)
    job = ExportJob.objects.get(pk=job_id)
    assert (job.status, job.attempts) == (ExportStatus.DONE, 1)
    assert [path.name for path in media.rglob("*") if path.is_file()] == [f"summary-{job_id}.xlsx"]


def test_a_real_worker_drains_the_outbox_once_redis_is_back(
    shared_database, celery_eager, broker_down, receiver, media, tmp_path
):
    world = owing_world()
    job_id = work_while_the_broker_is_down(world)
    assert_outbox_holds_what_is_owed(receiver, job_id)

    broker_down.back()
    celery_eager.conf.task_always_eager = False  # through Redis now (restored after the test)
    env = {
        "DJANGO_MEDIA_ROOT": str(media),
        "INSPECTION_WEBHOOK_URL": receiver.url,
        "INSPECTION_WEBHOOK_SECRET": SECRET,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    with running_worker(name="faults-outbox", log=tmp_path / "worker.log", env=env) as log:
        sent = NotificationDelivery.objects.count() - 3
        assert outbox_drain.delay(grace_seconds=0).get(timeout=WAIT_SECONDS)["sent"] == sent
        assert outbox_drain.delay(grace_seconds=0).get(timeout=WAIT_SECONDS)["sent"] == 0
        requeue_exports.delay(grace_seconds=0)
        deadline = time.monotonic() + WAIT_SECONDS
        while (job := ExportJob.objects.get(pk=job_id)).status != ExportStatus.DONE:
            assert job.status != ExportStatus.FAILED, job.failure_reason
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.2)
    output = log.read_text(errors="replace")  # complete once the worker has stopped

    email = NotificationDelivery.objects.get(channel=DeliveryChannel.EMAIL)
    assert output.count(f"X-Inspection-Delivery: {email.pk}") == 1  # the console mail backend
    assert_each_sent_once(receiver, [email.pk])
    assert job.attempts == 1
    assert [path.name for path in media.rglob("*") if path.is_file()] == [f"summary-{job_id}.xlsx"]
