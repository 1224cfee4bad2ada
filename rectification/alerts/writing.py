"""Writing a scan's digests: one notification per addressee and its deliveries.

A digest goes out on one delivery per channel: in-app (sent as soon as the row is
committed), e-mail (users with an address, when ``INSPECTION_ALERT_EMAIL`` is on) and
the webhook (when ``INSPECTION_WEBHOOK_URL`` is set); an addressee who is not a user is
written only if the webhook can reach them.

Digests are written a batch of addressees at a time: the alerts the batch lists are
described once for all of them, then the batch's rows are inserted and let go, so the
memory of a scan does not grow with the number of its digests.
"""

from itertools import islice

from django.conf import settings
from django.db import connection
from django.utils import timezone

from inspection.deadlines import StageWindows
from inspection.models import (
    DeliveryChannel,
    DeliveryStatus,
    Notification,
    NotificationDelivery,
    User,
)
from rectification.alerts.digests import entry_of, notification_of
from rectification.alerts.recipients import Addressee, Digest
from rectification.alerts.rows import described_rows

ADDRESSEES_PER_BATCH = 25


def deliveries_of(notification: Notification) -> list[NotificationDelivery]:
    """The channels a digest goes out on: in-app and e-mail for users, the webhook for all."""
    now = timezone.now()
    deliveries = []
    user = notification.recipient
    if user is not None:
        deliveries.append(
            NotificationDelivery(
                notification=notification,
                channel=DeliveryChannel.IN_APP,
                status=DeliveryStatus.SENT,
                attempts=1,
                last_attempt_at=now,
                sent_at=now,
            )
        )
        if settings.INSPECTION_ALERT_EMAIL and user.email:
            deliveries.append(
                NotificationDelivery(
                    notification=notification, channel=DeliveryChannel.EMAIL, address=user.email
                )
            )
    if settings.INSPECTION_WEBHOOK_URL:
        deliveries.append(
            NotificationDelivery(
                notification=notification,
                channel=DeliveryChannel.WEBHOOK,
                address=settings.INSPECTION_WEBHOOK_URL,
            )
        )
    return deliveries


def _batches(digests: dict[Addressee, Digest]):
    """The digests to write, a batch at a time (people without an account: webhook only)."""
    webhook = bool(settings.INSPECTION_WEBHOOK_URL)
    pairs = ((a, d) for a, d in digests.items() if a.user_id is not None or webhook)
    while batch := list(islice(pairs, ADDRESSEES_PER_BATCH)):
        yield batch


def _compress_fast() -> None:
    """Compress this transaction's large values with lz4 where the server has it.

    A digest of the office is ~200 KB of body and payload; a cold province's first scan
    writes ~110 MB of them, and PostgreSQL's default (pglz) spends a fifth of the write
    compressing. The setting ends with the transaction; reading needs nothing."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        if cursor.fetchone() == (True,):
            cursor.execute("SET LOCAL default_toast_compression = lz4")


def digests_create(
    *, digests: dict[Addressee, Digest], windows: StageWindows, batch: str
) -> tuple[int, list[int]]:
    """Write each digest and its deliveries (none sent but in-app): how many digests
    were written, and the deliveries still to send."""
    wanted = [a.user_id for a in digests if a.user_id is not None]
    users = User.objects.only("username", "full_name", "role", "phone", "email").in_bulk(wanted)
    _compress_fast()
    written, pending = 0, []
    for pairs in _batches(digests):
        listed = {(kind, pk) for _, digest in pairs for _, kind, pk in digest.listed}
        rows = described_rows(sorted(listed))
        entries = {pk: entry_of(row, windows) for pk, row in rows.items()}
        notifications = [
            notification_of(
                addressee,
                users.get(addressee.user_id),
                digest,
                [entries[pk] for _, _, pk in digest.listed],
                windows,
                batch,
            )
            for addressee, digest in pairs
        ]
        Notification.objects.bulk_create(notifications)
        deliveries = [d for notification in notifications for d in deliveries_of(notification)]
        NotificationDelivery.objects.bulk_create(deliveries)
        written += len(notifications)
        pending += [d.pk for d in deliveries if d.sent_at is None]
    return written, pending
