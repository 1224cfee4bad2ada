"""Sending one delivery on its channel: e-mail (Django's mail settings) or the webhook.

``delivery_send`` claims the delivery row (SELECT … FOR UPDATE SKIP LOCKED, so a
duplicate task skips it), sends, and marks it sent only once the channel accepted it
(the SMTP server took the message; the webhook answered 2xx). A failure is recorded
(attempts, last error) and raised as ``DeliveryFailed``, for the task to retry with
backoff; the last failure leaves the delivery ``failed``. Channels are independent: each
delivery is its own task, so one channel failing stops no other.

A crash between sending and recording can send twice (at least once, never "sent" when
not): the webhook carries the delivery id (``X-Inspection-Delivery``) for the receiver
to drop a repeat.

The webhook: a JSON POST of the digest, signed with HMAC-SHA256 over
``"{timestamp}.{body}"`` with ``INSPECTION_WEBHOOK_SECRET``; headers
``X-Inspection-Timestamp`` and ``X-Inspection-Signature: sha256=<hex>``. Without a
secret nothing is sent unsigned: the delivery fails with the reason.
"""

import datetime
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from inspection.models import DeliveryChannel, DeliveryStatus, NotificationDelivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Inspection-Signature"
TIMESTAMP_HEADER = "X-Inspection-Timestamp"
DELIVERY_HEADER = "X-Inspection-Delivery"
EVENT_HEADER = "X-Inspection-Event"


class DeliveryFailed(Exception):
    """A channel did not accept a delivery; the failure is already recorded."""


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def webhook_signature_valid(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver checks (compare in constant time)."""
    return hmac.compare_digest(webhook_signature(secret, timestamp, body), signature)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer we did not ask for: no POST is re-sent elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _send_webhook(delivery: NotificationDelivery) -> None:
    secret = settings.INSPECTION_WEBHOOK_SECRET
    if not secret:
        raise RuntimeError("INSPECTION_WEBHOOK_SECRET 未设置：消息不签名不发送。")
    notification = delivery.notification
    # The message's text is the notification's body, stored once (digests written before
    # it was dropped from the payload still carry it there: the same text).
    ids = {"notification": notification.pk, "delivery": delivery.pk}
    message = {"text": notification.body} | notification.payload | ids
    body = json.dumps(message, ensure_ascii=False, sort_keys=True).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        delivery.address,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "village-inspection-alerts/1",
            EVENT_HEADER: message.get("event", notification.kind),
            DELIVERY_HEADER: str(delivery.pk),
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: webhook_signature(secret, timestamp, body),
        },
    )
    with _opener.open(request, timeout=settings.INSPECTION_WEBHOOK_TIMEOUT) as response:
        if not 200 <= response.status < 300:
            raise RuntimeError(f"HTTP {response.status}")


def _send_email(delivery: NotificationDelivery) -> None:
    notification = delivery.notification
    message = EmailMessage(
        subject=notification.title,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers={"X-Inspection-Delivery": str(delivery.pk)},
    )
    if message.send() != 1:
        raise RuntimeError("邮件服务器未接受该邮件。")


SENDERS = {DeliveryChannel.EMAIL: _send_email, DeliveryChannel.WEBHOOK: _send_webhook}


def _describe(error: Exception) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    return f"{type(error).__name__}: {error}"[:1000]


def delivery_send(*, delivery_id: int, final: bool = True) -> str:
    """Send the delivery ``delivery_id`` if it is still pending: "sent" or "skipped".

    ``final``: this is the last attempt, so a failure leaves the delivery ``failed``
    (else pending, to be retried). Raises ``DeliveryFailed`` after recording a failure.
    """
    with transaction.atomic():
        delivery = (
            NotificationDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("notification")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None or delivery.channel not in SENDERS:
            return "skipped"
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        try:
            SENDERS[delivery.channel](delivery)
        except Exception as error:  # any failure of the channel is recorded, then retried
            delivery.last_error = _describe(error)
            delivery.status = DeliveryStatus.FAILED if final else DeliveryStatus.PENDING
            delivery.save(update_fields=["attempts", "last_attempt_at", "last_error", "status"])
            failure = error
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["attempts", "last_attempt_at", "status", "sent_at"])
            return "sent"
    logger.warning(
        "delivery %s (%s) failed, attempt %s: %s",
        delivery_id,
        delivery.channel,
        delivery.attempts,
        delivery.last_error,
    )
    raise DeliveryFailed(delivery.last_error) from failure


def _queue(delivery_id: int) -> None:
    from rectification.tasks import notification_deliver

    notification_deliver.delay(delivery_id)


def _queue_on_commit(delivery_id: int):
    # A function, not a functools.partial: Django names the callback when it logs a failure.
    def queue_delivery() -> None:
        _queue(delivery_id)

    return queue_delivery


def deliveries_queue(delivery_ids) -> None:
    """Queue each delivery as its own task once the transaction commits.

    Each callback is robust: one that fails (in-process, a channel's last failure
    propagates) is logged and the others still run.
    """
    for delivery_id in delivery_ids:
        transaction.on_commit(_queue_on_commit(delivery_id), robust=True)


@transaction.atomic
def deliveries_requeue_stale(*, older_than: datetime.timedelta | None = None) -> int:
    """Queue again the deliveries still pending long after their last try (a task lost,
    the broker down when it was queued). Returns how many."""
    cutoff = timezone.now() - (older_than or datetime.timedelta(hours=2))
    stale = list(
        NotificationDelivery.objects.filter(status=DeliveryStatus.PENDING)
        .exclude(channel=DeliveryChannel.IN_APP)
        .filter(
            Q(last_attempt_at__lt=cutoff) | Q(last_attempt_at__isnull=True, created_at__lt=cutoff)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    deliveries_queue(stale)
    return len(stale)
