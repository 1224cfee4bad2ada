"""Notifications: one per addressee and batch; a delivery is sent only with a time."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspection.models import DeliveryChannel, DeliveryStatus, Notification, NotificationDelivery
from tests import factories as f

pytestmark = pytest.mark.django_db


def refused(build, name: str) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        build()
    text = str(error.value)
    assert name in text or "UNIQUE constraint failed" in text, text


def notify(**values) -> Notification:
    return Notification.objects.create(title="【三色预警】", **values)


def test_one_notification_per_recipient_and_batch():
    user = f.UserFactory()
    notify(recipient=user, batch="scan-1")
    notify(recipient=user, batch="scan-2")
    notify(recipient=user)  # outside any batch: as many as wanted
    notify(recipient=user)
    refused(lambda: notify(recipient=user, batch="scan-1"), "notification_once_per_batch")


def test_one_notification_per_named_addressee_and_batch():
    notify(addressee_post="督导领导", addressee_name="李督导", batch="scan-1")
    notify(addressee_post="督导领导", addressee_name="王督导", batch="scan-1")
    refused(
        lambda: notify(addressee_post="督导领导", addressee_name="李督导", batch="scan-1"),
        "notification_once_per_batch_addressee",
    )
    refused(lambda: notify(batch="scan-1"), "notification_has_addressee")


def test_a_delivery_is_sent_with_a_time_and_only_then():
    notification = notify(recipient=f.UserFactory())

    def deliver(channel, **values):
        return NotificationDelivery.objects.create(
            notification=notification, channel=channel, **values
        )

    refused(lambda: deliver("email", status=DeliveryStatus.SENT), "delivery_sent_has_time")
    refused(lambda: deliver("email", sent_at=timezone.now()), "delivery_sent_has_time")
    deliver(DeliveryChannel.EMAIL, status=DeliveryStatus.SENT, sent_at=timezone.now())
    refused(lambda: deliver(DeliveryChannel.EMAIL), "delivery_once_per_channel")
