"""Export jobs: the statistics workbook (统计汇总表) built by a worker, kept for a while.

The file lives under MEDIA_ROOT/exports/ (never under the static root, never served by
the web server): it is downloaded only through the API, by the requester or the office,
and each download is written to the access log.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ExportKind(models.TextChoices):
    """The workbooks: the statistics (never clue details) and the clues, apart (DOMAIN
    "Confidentiality"), for the roles that read clues only."""

    SUMMARY = "summary", _("统计汇总表")
    CLUES = "clues", _("问题线索移交情况表")


def export_upload_to(job: "ExportJob", filename: str) -> str:
    """One name per job, so a rebuild replaces the file rather than adding one."""
    return f"exports/{job.created_at:%Y/%m}/summary-{job.pk}.xlsx"


class ExportJob(models.Model):
    """One request for the statistics workbook, with its scope, its progress and its file.

    The scope is stored as the requester may see it (``reports.exports.scope``): an
    officer's request is narrowed to their unit, an inspector's to their team.
    """

    kind = models.CharField(
        _("工作簿"), max_length=8, choices=ExportKind.choices, default=ExportKind.SUMMARY
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="export_jobs",
    )
    # Scope (统计范围); empty means "not narrowed by this".
    term = models.ForeignKey(
        "inspection.Term",
        verbose_name=_("届次"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    town = models.ForeignKey(
        "inspection.Town",
        verbose_name=_("乡镇(街道)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    village = models.ForeignKey(
        "inspection.Village",
        verbose_name=_("村(社区)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    team = models.ForeignKey(
        "rounds.Team",
        verbose_name=_("巡察组"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    date_from = models.DateField(_("开始日期"), null=True, blank=True)
    date_to = models.DateField(_("结束日期"), null=True, blank=True)
    as_of = models.DateField(
        _("统计日期"),
        default=timezone.localdate,
        help_text=_("各项指标截至该日：过去的日期按当日的状态和整改时限计算；重新生成时数字不变。"),
    )
    # The build
    status = models.CharField(
        _("状态"),
        max_length=8,
        choices=ExportStatus.choices,
        default=ExportStatus.QUEUED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("进度(%)"), default=0)
    failure_reason = models.TextField(_("失败原因"), blank=True)
    attempts = models.PositiveSmallIntegerField(
        _("生成次数"), default=0, help_text=_("每次开始生成加一；只有最后一次生成能写入文件。")
    )
    file = models.FileField(_("文件"), upload_to=export_upload_to, blank=True, max_length=200)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("文件大小(字节)"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("过期时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导出任务")
        verbose_name_plural = _("导出任务")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="export_progress_at_most_100",
                violation_error_message=_("进度不能超过100%。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.DONE)
                | (
                    ~Q(file="")
                    & ~Q(checksum="")
                    & Q(size__isnull=False)
                    & Q(finished_at__isnull=False)
                    & Q(expires_at__isnull=False)
                ),
                name="export_done_has_file",
                violation_error_message=_("已完成的导出必须有文件、校验值、大小和过期时间。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.FAILED) | ~Q(failure_reason=""),
                name="export_failed_has_reason",
                violation_error_message=_("失败的导出必须记录原因。"),
            ),
            models.CheckConstraint(
                condition=Q(date_from__isnull=True)
                | Q(date_to__isnull=True)
                | Q(date_to__gte=models.F("date_from")),
                name="export_dates_ordered",
                violation_error_message=_("开始日期不能晚于结束日期。"),
            ),
        ]
        indexes = [
            models.Index(fields=["requested_by", "status"], name="export_user_status_idx"),
            models.Index(fields=["status", "expires_at"], name="export_status_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"导出 #{self.pk} · {self.get_status_display()}"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())


class StatisticsVersion(models.Model):
    """The data version of the statistics (one row): the cache key of every figure.

    ``changes`` plus the rows of ``StatisticsChange`` count the transactions that wrote a
    table the figures read; database triggers record them in the writing transaction
    itself (``reports.statistics.version``), so a cached figure is never older than the
    data. ``epoch`` changes when the row is created anew (a flushed database), so the
    counts of an earlier life never name a cached answer.
    """

    epoch = models.CharField(max_length=32)
    changes = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("统计数据版本")
        verbose_name_plural = _("统计数据版本")

    def __str__(self) -> str:
        return f"{self.epoch}.{self.changes}"


class StatisticsChange(models.Model):
    """One transaction that wrote a table the figures read (PostgreSQL): inserted by a
    statement trigger, at most once per transaction, so writers never wait on each other;
    folded into ``StatisticsVersion.changes`` from time to time."""

    xact = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("统计数据变更")
        verbose_name_plural = _("统计数据变更")

    def __str__(self) -> str:
        return str(self.xact)


class StatisticsTownChange(models.Model):
    """A town (or a mark: no place, names, everywhere) a transaction wrote rows of, for the
    figures: inserted by the town triggers (``reports.statistics.towns``), once per
    transaction and town, and folded into ``StatisticsTownVersion`` from time to time."""

    xact = models.BigIntegerField()
    town = models.IntegerField()

    class Meta:
        verbose_name = _("统计数据乡镇变更")
        verbose_name_plural = _("统计数据乡镇变更")
        constraints = [
            models.UniqueConstraint(fields=["xact", "town"], name="statistics_town_change_once")
        ]

    def __str__(self) -> str:
        return f"{self.xact}:{self.town}"


class StatisticsTownVersion(models.Model):
    """The folded count of ``StatisticsTownChange`` rows of a town (or mark)."""

    town = models.IntegerField(primary_key=True)
    changes = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("统计数据乡镇版本")
        verbose_name_plural = _("统计数据乡镇版本")

    def __str__(self) -> str:
        return f"{self.town}.{self.changes}"


# 统计报送 (reports.upward): imported here so the app registers its models.
from reports.upward.models import StatisticsReport, StatisticsTemplate  # noqa: E402, F401
