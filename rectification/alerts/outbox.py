"""The deliveries are the outbox: each is written in the transaction of what it announces,
and the periodic drain sends every one still owed, once.

A delivery normally goes out through its own task, queued when its transaction commits.
When the broker was down at that moment (or the task was lost, or a retry never came
back) the row stays pending: ``deliveries_drain`` (beat, every minute) sends it itself.
Exactly once holds because ``delivery_send`` claims the row with SELECT … FOR UPDATE SKIP
LOCKED and sends only while it is still pending: a drain and a task, or two drains (two
beats), never send the same row twice.

The drain leaves alone what is on its way: a delivery created less than the grace ago
(its task is in flight) and one tried less than the longest retry backoff ago (its retry
is counting down in the broker).
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from inspection.models import DeliveryChannel, DeliveryStatus, NotificationDelivery
from rectification.alerts.channels import DeliveryFailed, delivery_send

DEFAULT_BATCH = 500


def grace() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.INSPECTION_OUTBOX_GRACE_SECONDS)


def retry_wait() -> datetime.timedelta:
    """How long a failed delivery may wait for its own retry: the longest backoff, plus
    the grace."""
    return datetime.timedelta(seconds=settings.INSPECTION_DELIVERY_BACKOFF_MAX) + grace()


def max_attempts() -> int:
    return settings.INSPECTION_DELIVERY_MAX_RETRIES + 1


def deliveries_owed(*, now: datetime.datetime | None = None, grace_seconds: float | None = None):
    """The pending e-mail and webhook deliveries nobody is about to send, oldest first."""
    now = now or timezone.now()
    wait = grace() if grace_seconds is None else datetime.timedelta(seconds=grace_seconds)
    retry = retry_wait() if grace_seconds is None else wait
    return (
        NotificationDelivery.objects.filter(status=DeliveryStatus.PENDING)
        .exclude(channel=DeliveryChannel.IN_APP)
        .filter(
            Q(last_attempt_at__isnull=True, created_at__lte=now - wait)
            | Q(last_attempt_at__lte=now - retry)
        )
        .order_by("pk")
    )


def deliveries_drain(
    *, grace_seconds: float | None = None, limit: int = DEFAULT_BATCH
) -> dict[str, int]:
    """Send each owed delivery once (see the module): counts of sent, skipped (someone
    else sent it, or is sending it) and failed attempts. A failure is recorded on the
    delivery; the attempt that spends the retries leaves it failed."""
    counts = {"sent": 0, "skipped": 0, "failed": 0}
    owed = deliveries_owed(grace_seconds=grace_seconds).values_list("pk", "attempts")[:limit]
    for delivery_id, attempts in list(owed):
        final = attempts + 1 >= max_attempts()
        try:
            counts[delivery_send(delivery_id=delivery_id, final=final)] += 1
        except DeliveryFailed:
            counts["failed"] += 1
    return counts
