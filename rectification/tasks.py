"""Celery tasks of rectification: the daily alert scan and the delivery of its digests.

All are idempotent, so they are acknowledged late (a worker lost mid-task gives the
task to another): a scan inserts only alerts no scan raised, and a delivery is sent only
while still pending. The scan runs from the one beat (inspection/celery.py) or from cron
(``manage.py run_alert_scan``); never is a deadline scheduled as an ETA. The outbox drain
runs from the beat every minute and sends what the broker never carried (outbox.py).
"""

import datetime

from celery import shared_task
from django.conf import settings

from rectification.alerts import run_alert_scan
from rectification.alerts.channels import (
    DeliveryFailed,
    deliveries_requeue_stale,
    delivery_send,
)
from rectification.alerts.outbox import deliveries_drain


@shared_task(
    name="rectification.alert_scan",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=15 * 60,
    soft_time_limit=14 * 60,
)
def alert_scan(on: str | None = None) -> dict:
    """The scan of the day ``on`` (ISO date; default today), after queueing again any
    delivery a lost task left pending."""
    requeued = deliveries_requeue_stale()
    day = datetime.date.fromisoformat(on) if on else None
    return run_alert_scan(on=day).as_dict() | {"requeued": requeued}


@shared_task(
    bind=True,
    name="rectification.notification_deliver",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DeliveryFailed,),
    max_retries=settings.INSPECTION_DELIVERY_MAX_RETRIES,
    retry_backoff=settings.INSPECTION_DELIVERY_BACKOFF,
    retry_backoff_max=settings.INSPECTION_DELIVERY_BACKOFF_MAX,
    retry_jitter=True,
    time_limit=2 * 60,
    soft_time_limit=100,
)
def notification_deliver(self, delivery_id: int) -> str:
    """Send one delivery (e-mail or webhook): "sent", "skipped" (not pending any more) or,
    in-process only, "failed". On a worker a failure is retried with exponential backoff
    (autoretry) and the last one leaves the delivery failed with its error. In-process
    (no broker) the attempts are plain calls one after the other: Celery's eager retry
    would only propagate as an error."""
    attempts = (self.max_retries or 0) + 1
    if not self.request.is_eager:
        final = self.request.retries + 1 >= attempts
        return delivery_send(delivery_id=delivery_id, final=final)
    for attempt in range(1, attempts + 1):
        try:
            return delivery_send(delivery_id=delivery_id, final=attempt == attempts)
        except DeliveryFailed:
            continue
    return "failed"


@shared_task(
    name="rectification.outbox_drain",
    acks_late=True,
    reject_on_worker_lost=True,
    expires=5 * 60,  # a drain the worker reaches late is replaced by the next one
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
)
def outbox_drain(grace_seconds: float | None = None) -> dict:
    """Send the e-mail and webhook deliveries still owed (the broker was down when they
    were queued, or their task was lost): each once, whatever else runs at the time."""
    return deliveries_drain(grace_seconds=grace_seconds)
