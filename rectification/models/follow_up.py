"""Alerts (三色预警) and the four-batches evaluation (四个一批)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.choices import AlertStage
from inspection.models import HistoryApiToken
from rectification.choices import EvaluationBatch, FeedbackDocument


class Alert(models.Model):
    """One warning at one stage for one subject: a ledger item's deadline, a clue whose
    result is owed, or a feedback's rectification plan or report (``document``).

    The unique constraints make "one alert per subject and stage, ever" hold under
    retries and concurrent scans; ``scan`` names the scan that raised it, so that a scan
    notifies only about the rows it inserted itself (rectification/alerts/scan.py).
    Lookups by subject use those unique indexes (they lead with the subject's column);
    the foreign keys have no index of their own, which every inserted alert would pay
    for (a province's first scan inserts ~140,000).
    """

    item = models.ForeignKey(
        "rectification.RectificationItem",
        verbose_name=_("整改台账条目"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
        db_index=False,
    )
    clue = models.ForeignKey(
        "findings.Clue",
        verbose_name=_("问题线索"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
        db_index=False,
    )
    feedback = models.ForeignKey(
        "rectification.Feedback",
        verbose_name=_("巡察反馈"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
        db_index=False,
    )
    document = models.CharField(
        _("报送事项"),
        max_length=8,
        choices=FeedbackDocument.choices,
        blank=True,
        help_text=_("针对巡察反馈的预警：整改方案、整改报告或主要负责人组织落实整改情况报告。"),
    )
    stage = models.CharField(_("预警等级"), max_length=8, choices=AlertStage.choices)
    due_on = models.DateField(_("期限"))
    created_at = models.DateTimeField(_("预警时间"), default=timezone.now)
    scan = models.UUIDField(_("预警扫描批次"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(item__isnull=False) & Q(clue__isnull=True) & Q(feedback__isnull=True))
                | (Q(item__isnull=True) & Q(clue__isnull=False) & Q(feedback__isnull=True))
                | (Q(item__isnull=True) & Q(clue__isnull=True) & Q(feedback__isnull=False)),
                name="alert_for_item_or_clue",
                violation_error_message=_(
                    "预警必须且只能针对一个台账条目、一条线索或一次巡察反馈。"
                ),
            ),
            models.CheckConstraint(
                condition=(Q(feedback__isnull=True) & Q(document=""))
                | (Q(feedback__isnull=False) & ~Q(document="")),
                name="alert_feedback_names_document",
                violation_error_message=_("针对巡察反馈的预警必须注明整改方案或整改报告。"),
            ),
            models.UniqueConstraint(
                fields=["item", "stage"],
                condition=Q(item__isnull=False),
                name="alert_once_per_item_stage",
            ),
            models.UniqueConstraint(
                fields=["clue", "stage"],
                condition=Q(clue__isnull=False),
                name="alert_once_per_clue_stage",
            ),
            models.UniqueConstraint(
                fields=["feedback", "document", "stage"],
                condition=Q(feedback__isnull=False),
                name="alert_once_per_feedback_document_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} · {self.due_on}"

    @property
    def subject(self):
        """The item, clue or feedback the alert is about."""
        return self.item or self.clue or self.feedback


class Evaluation(models.Model):
    """The office's evaluation of an assignment's rectification into one of the four batches."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    batch = models.CharField(_("评估结果"), max_length=16, choices=EvaluationBatch.choices)
    evaluated_on = models.DateField(_("评估日期"), default=timezone.localdate)
    note = models.TextField(_("评估意见"), blank=True)
    # The 评估表 as it stood when judged (rectification.evaluation_figures); empty on
    # evaluations recorded before it existed.
    figures = models.JSONField(_("评估表"), default=dict, blank=True, editable=False)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评估人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("整改评估")
        verbose_name_plural = _("整改评估(四个一批)")
        ordering = ["-evaluated_on"]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_batch_display()}"
