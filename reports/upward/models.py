"""统计报送: the city office's own .xlsx template, and the table filled from it for a period.

docs/DOMAIN.md "The Excel summary and the upward table": the county uploads the city's
template with its cells mapped to figures; a report fills it for a period (月 / 季 / 半年 /
年 or a round), is reviewed, then sent. Sending freezes a snapshot — the filled workbook
filed, and every mapped figure's value with the ids of the records behind it — which no
later write changes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models.tokens import HistoryApiToken


class PeriodKind(models.TextChoices):
    MONTH = "month", _("月")
    QUARTER = "quarter", _("季")
    HALF_YEAR = "half", _("半年")
    YEAR = "year", _("年")
    ROUND = "round", _("轮次")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已审核")
    SENT = "sent", _("已报送")


def template_upload_to(template: "StatisticsTemplate", filename: str) -> str:
    return f"statistics_templates/{timezone.localdate():%Y}/template-{template.checksum[:16]}.xlsx"


def sent_upload_to(report: "StatisticsReport", filename: str) -> str:
    return f"statistics_reports/{report.period_code}/report-{report.pk}.xlsx"


class StatisticsTemplate(models.Model):
    """The city office's table as uploaded, and its cells mapped to figures (kept with it:
    ``mapping`` is the list of {sheet, cell, figure, group, town_id, round_id} read from
    its 映射 sheet or its defined names when it was uploaded)."""

    name = models.CharField(_("名称"), max_length=100)
    file = models.FileField(_("模板文件"), upload_to=template_upload_to, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    checksum = models.CharField(_("SHA-256校验值"), max_length=64)
    mapping = models.JSONField(_("单元格映射"), default=list)
    mapping_source = models.CharField(_("映射来源"), max_length=20)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("报送模板")
        verbose_name_plural = _("报送模板")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name


class StatisticsReport(models.Model):
    """The table of one template for one period: 草稿 → 待审核 → 已审核 → 已报送."""

    template = models.ForeignKey(
        StatisticsTemplate,
        verbose_name=_("报送模板"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period_code = models.CharField(_("报送期间"), max_length=20)
    period_kind = models.CharField(_("期间类型"), max_length=8, choices=PeriodKind.choices)
    date_from = models.DateField(_("开始日期"), null=True, blank=True)
    date_to = models.DateField(_("结束日期"), null=True, blank=True)
    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    as_of = models.DateField(_("统计截止日期"), null=True, blank=True)
    sent_file = models.FileField(_("报送表"), upload_to=sent_upload_to, blank=True, max_length=200)
    sent_checksum = models.CharField(_("报送表SHA-256"), max_length=64, blank=True)
    snapshot = models.JSONField(_("报送快照"), null=True, blank=True)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("统计报送")
        verbose_name_plural = _("统计报送")
        ordering = ["-date_to", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "period_code"],
                name="statistics_report_one_per_period",
                violation_error_message=_("该模板在这一期间已有报送。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.SENT)
                | (
                    ~Q(sent_file="")
                    & ~Q(sent_checksum="")
                    & Q(snapshot__isnull=False)
                    & Q(sent_at__isnull=False)
                ),
                name="statistics_report_sent_is_frozen",
                violation_error_message=_("已报送的报表必须有报送表和快照。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name} · {self.period_code}"
