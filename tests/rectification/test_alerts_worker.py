"""The scan and its deliveries through a real Celery worker, Redis and PostgreSQL.

Eager mode is no test of the worker: here the scan task goes through Redis to a separate
``celery worker`` process on the same PostgreSQL test database; the scan queues the
deliveries on commit, and the webhook (a local server failing twice) is retried by
Celery's autoretry with a real, short, exponential backoff.

Run with ``REDIS_URL=redis://127.0.0.1:6379/13`` and ``DATABASE_URL=postgres://…``.
"""

import datetime
import time

import pytest
from django.conf import settings
from django.utils import timezone

from inspection.models import DeliveryChannel, DeliveryStatus, NotificationDelivery
from rectification.models import Alert
from rectification.tasks import alert_scan
from rounds.choices import RoundStatus
from tests.celery_worker import running_worker
from tests.rectification.test_alerts_delivery import SECRET, Receiver
from tests.world import build_world

DELIVERY_SECONDS = 60


@pytest.fixture
def receiver():
    server = Receiver(failures=2)
    yield server
    server.close()


@pytest.fixture
def real_broker(celery_eager, on_postgres):
    """Tasks go through Redis (the worker is another process: PostgreSQL only)."""
    if not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/13)")
    celery_eager.conf.task_always_eager = False
    return celery_eager


@pytest.fixture
def worker(real_broker, receiver, tmp_path):
    """A ``celery worker`` on the test database, the webhook pointing at ``receiver``."""
    env = {
        "INSPECTION_WEBHOOK_URL": receiver.url,
        "INSPECTION_WEBHOOK_SECRET": SECRET,
        "INSPECTION_DELIVERY_BACKOFF": "1",
        "INSPECTION_DELIVERY_BACKOFF_MAX": "2",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    with running_worker(name="alerts-test", log=tmp_path / "worker.log", env=env) as log:
        yield log


@pytest.mark.django_db(transaction=True)
def test_a_worker_scans_and_retries_the_webhook_with_backoff(worker, receiver):
    world = build_world(round_status=RoundStatus.RECTIFICATION)
    feedback = world.feedback()
    feedback.plan_submitted_on = feedback.report_submitted_on = feedback.fed_back_on
    feedback.save()
    world.officer_a.email = "officer_a@example.cn"
    world.officer_a.save()
    item = world.item(deadline=timezone.localdate() + datetime.timedelta(days=3))

    summary = alert_scan.delay().get(timeout=DELIVERY_SECONDS)
    assert (summary["alerts"], summary["notifications"]) == (1, 1)
    assert Alert.objects.get().item_id == item.pk

    hook = NotificationDelivery.objects.get(channel=DeliveryChannel.WEBHOOK)
    deadline = time.monotonic() + DELIVERY_SECONDS
    while hook.status == DeliveryStatus.PENDING:
        assert time.monotonic() < deadline, worker.read_text(errors="replace")
        time.sleep(0.2)
        hook.refresh_from_db()
    assert (hook.status, hook.attempts) == (DeliveryStatus.SENT, 3)
    assert len(receiver.requests) == 3
    log = worker.read_text(errors="replace")
    assert log.count("Retry in") == 2, log
    email = NotificationDelivery.objects.get(channel=DeliveryChannel.EMAIL)
    assert email.status == DeliveryStatus.SENT
    assert "To: officer_a@example.cn" in log  # the console mail backend
