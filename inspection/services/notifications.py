"""The in-app notification centre: a user marks their own notifications read."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import NotFoundError
from inspection.models import Notification
from inspection.permissions import visible


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (again: no change)."""
    notification = (
        visible(Notification, user).select_for_update().filter(pk=notification_id).first()
    )
    if notification is None:
        raise NotFoundError(_("通知不存在或无权访问。"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return visible(Notification, user).filter(read_at__isnull=True).update(read_at=timezone.now())


def notifications_unread_count(*, user) -> int:
    return visible(Notification, user).filter(read_at__isnull=True).count()
