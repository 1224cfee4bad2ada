"""整改监督: the joint inspections (联合督查) of the office, the commission and the
organisation department, and the 督办函 / 提示函 the office sends a unit about its red (or
yellow) ledger items, with the unit's 签收 and reply.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rectification.supervision_choices import LETTER_PREFIX, LetterKind, LetterStatus


class JointInspection(models.Model):
    """联合督查: on one day, members of the three bodies visit villages and note findings."""

    inspected_on = models.DateField(_("督查日期"), db_index=True)
    office_members = models.CharField(_("巡察办人员"), max_length=200, blank=True)
    commission_members = models.CharField(_("纪委监委人员"), max_length=200, blank=True)
    organisation_members = models.CharField(_("组织部人员"), max_length=200, blank=True)
    villages = models.ManyToManyField(
        "inspection.Village", verbose_name=_("督查村(社区)"), related_name="joint_inspections"
    )
    summary = models.TextField(_("督查情况"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = _("联合督查")
        verbose_name_plural = _("联合督查")
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return _("%(date)s联合督查") % {"date": f"{self.inspected_on:%Y-%m-%d}"}


class JointInspectionFinding(models.Model):
    """One finding of a joint inspection, optionally about a ledger item."""

    inspection = models.ForeignKey(
        JointInspection,
        verbose_name=_("联合督查"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    text = models.TextField(_("发现问题"))
    item = models.ForeignKey(
        "rectification.RectificationItem",
        verbose_name=_("相关台账条目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_inspection_findings",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("督查发现")
        verbose_name_plural = _("督查发现")
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return self.text[:30]


class SupervisionLetter(models.Model):
    """督办函 / 提示函 to an assignment's unit about some of its ledger items."""

    kind = models.CharField(_("函件类型"), max_length=12, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"))
    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="supervision_letters",
    )
    items = models.ManyToManyField(
        "rectification.RectificationItem",
        verbose_name=_("督办事项"),
        related_name="supervision_letters",
    )
    requirements = models.TextField(_("督办要求"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发函人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("发函日期"), db_index=True)
    reply_due_on = models.DateField(_("回复时限"), db_index=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=LetterStatus.choices, default=LetterStatus.ISSUED
    )
    signed_for_on = models.DateField(_("签收日期"), null=True, blank=True)
    signed_for_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签收人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_text = models.TextField(_("回复内容"), blank=True)
    reply_file = models.FileField(
        _("回复文件"), upload_to="supervision/replies/%Y/", blank=True, max_length=200
    )
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回复人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("督办函")
        verbose_name_plural = _("督办函")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"],
                name="supervision_letter_unique_number",
                violation_error_message=_("同一年度同类函件的编号不能重复。"),
            ),
            models.CheckConstraint(
                condition=Q(status=LetterStatus.ISSUED)
                | (Q(signed_for_on__isnull=False) & Q(signed_for_by__isnull=False)),
                name="supervision_letter_signed_for_has_signer",
                violation_error_message=_("已签收的函件须有签收人和签收日期。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=LetterStatus.REPLIED)
                | (Q(replied_on__isnull=False) & ~Q(reply_text="") & ~Q(reply_file="")),
                name="supervision_letter_replied_has_reply",
                violation_error_message=_("已回复的函件须有回复内容、回复文件和回复日期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """督办〔2026〕3号 / 提示〔2026〕1号."""
        return f"{LETTER_PREFIX[self.kind]}〔{self.year}〕{self.sequence}号"
