"""整改公开: an organisation's 公开稿 (problems → measures → results, names removed, the
exempted items left out), approved by the leading group, posted, then 群众评议."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rectification.choices import (
    PUBLICITY_STATUSES_APPROVED,
    PUBLICITY_STATUSES_POSTED,
    PublicityChannel,
    PublicityExemptionReason,
    PublicityStatus,
)


class RectificationPublicity(models.Model):
    """One per fed-back assignment. Its text is generated (document kind publicity_draft)
    from the ledger and the exemptions; after approval neither may change.

    Approval is the leading group's: a leadership account records it (``approved_by``),
    or the office records it with the group's approval document (``approval_document``).
    满意度 is derived: (满意 + 基本满意) / sample.
    """

    assignment = models.OneToOneField(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="publicity",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=PublicityStatus.choices, default=PublicityStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("拟稿人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("拟稿时间"), default=timezone.now)
    approved_on = models.DateField(_("审定日期"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审定人（领导小组）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approval_document = models.FileField(
        _("领导小组审定文件"), upload_to="publicity/approval/%Y/", blank=True
    )
    approval_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审定登记人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(
        _("公开方式"), max_length=16, choices=PublicityChannel.choices, blank=True
    )
    place = models.CharField(_("公开地点"), max_length=100, blank=True)
    posted_on = models.DateField(_("公开日期"), null=True, blank=True)
    posting_photo = models.FileField(_("公开照片"), upload_to="publicity/posted/%Y/", blank=True)
    assessed_on = models.DateField(_("评议日期"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("参评人数"), null=True, blank=True)
    satisfied = models.PositiveIntegerField(_("满意"), null=True, blank=True)
    basically_satisfied = models.PositiveIntegerField(_("基本满意"), null=True, blank=True)
    dissatisfied = models.PositiveIntegerField(_("不满意"), null=True, blank=True)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("整改公开")
        verbose_name_plural = _("整改公开")
        ordering = ["assignment"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=PUBLICITY_STATUSES_APPROVED)
                | (
                    Q(approved_on__isnull=False)
                    & (Q(approved_by__isnull=False) | ~Q(approval_document=""))
                ),
                name="publicity_approved_by_the_leading_group",
                violation_error_message=_(
                    "公开稿须由领导小组审定：领导小组成员签批，或上传领导小组审定文件。"
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=PUBLICITY_STATUSES_POSTED)
                | (Q(posted_on__isnull=False) & ~Q(channel="") & ~Q(posting_photo="")),
                name="publicity_posted_where_when_photo",
                violation_error_message=_("已公开须有公开方式、日期和照片。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=PublicityStatus.ASSESSED)
                | (
                    Q(assessed_on__isnull=False, sample_size__gt=0)
                    & Q(sample_size=F("satisfied") + F("basically_satisfied") + F("dissatisfied"))
                ),
                name="publicity_assessment_adds_up",
                violation_error_message=_(
                    "群众评议的满意、基本满意、不满意人数之和须等于参评人数。"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"整改公开 · {self.assignment}"

    @property
    def satisfaction(self) -> float | None:
        """满意度 (满意 + 基本满意 over the sample), in percent; None before assessment."""
        if not self.sample_size:
            return None
        return round(100 * (self.satisfied + self.basically_satisfied) / self.sample_size, 1)


class PublicityExemption(models.Model):
    """A ledger item left out of the 公开稿, and why (涉密, 隐私, 线索未了结…)."""

    publicity = models.ForeignKey(
        RectificationPublicity,
        verbose_name=_("整改公开"),
        on_delete=models.CASCADE,
        related_name="exemptions",
    )
    item = models.ForeignKey(
        "rectification.RectificationItem",
        verbose_name=_("整改台账条目"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(
        _("不予公开理由"), max_length=12, choices=PublicityExemptionReason.choices
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("不予公开事项")
        verbose_name_plural = _("不予公开事项")
        ordering = ["publicity", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["publicity", "item"],
                name="publicity_exemption_once",
                violation_error_message=_("同一条目只能登记一次不予公开。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · 台账 #{self.item_id}"
