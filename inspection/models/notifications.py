"""Notifications (the in-app centre) and their delivery, one record per channel.

A ``Notification`` is one message to one addressee: a user of the product (it then shows
in their notification centre), or a named person who is not a user (a supervising leader,
a unit's party secretary), whom only the office's messaging system can reach through the
webhook. A run that notifies (a daily alert scan) writes at most one notification per
addressee: the ``batch`` constraints hold that in the database.

Each channel a notification goes out on has one ``NotificationDelivery``: pending until
the channel accepted it, then sent; failed once the retries are spent. Nothing is marked
sent that was not.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        help_text=_("留空表示接收人不是本系统用户，只经消息推送接口送达。"),
    )
    addressee_name = models.CharField(_("接收人姓名"), max_length=50, blank=True)
    addressee_post = models.CharField(_("接收人身份"), max_length=50, blank=True)
    addressee_unit = models.CharField(_("接收人单位"), max_length=100, blank=True)
    kind = models.CharField(_("类型"), max_length=32, default="alert_digest")
    batch = models.CharField(
        _("批次"), max_length=64, blank=True, db_index=True, help_text=_("产生本通知的那次运行。")
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=500, blank=True)
    payload = models.JSONField(_("数据"), default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(addressee_post=""),
                name="notification_has_addressee",
                violation_error_message=_("通知必须有接收人：系统用户，或注明身份的人员。"),
            ),
            models.UniqueConstraint(
                fields=["batch", "recipient"],
                condition=Q(recipient__isnull=False) & ~Q(batch=""),
                name="notification_once_per_batch_recipient",
            ),
            models.UniqueConstraint(
                fields=["batch", "addressee_post", "addressee_name", "addressee_unit"],
                condition=Q(recipient__isnull=True) & ~Q(batch=""),
                name="notification_once_per_batch_addressee",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def addressee(self) -> str:
        if self.recipient_id:
            return str(self.recipient)
        parts = (self.addressee_unit, self.addressee_post, self.addressee_name)
        return " ".join(part for part in parts if part)


class DeliveryChannel(models.TextChoices):
    IN_APP = "in_app", _("站内通知")
    EMAIL = "email", _("电子邮件")
    WEBHOOK = "webhook", _("消息推送接口")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class NotificationDelivery(models.Model):
    """One notification on one channel: its state, attempts and the last error."""

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("通知"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("渠道"), max_length=12, choices=DeliveryChannel.choices)
    address = models.CharField(
        _("地址"), max_length=500, blank=True, help_text=_("电子邮箱或推送地址（建立时的设置）。")
    )
    status = models.CharField(
        _("状态"),
        max_length=8,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    created_at = models.DateTimeField(_("建立时间"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("最近尝试时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知送达")
        verbose_name_plural = _("通知送达")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_once_per_channel"
            ),
            models.CheckConstraint(
                condition=Q(status=DeliveryStatus.SENT, sent_at__isnull=False)
                | (~Q(status=DeliveryStatus.SENT) & Q(sent_at__isnull=True)),
                name="delivery_sent_has_time",
                violation_error_message=_("只有已发送的记录才有送达时间。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.get_status_display()}"
