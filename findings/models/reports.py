"""巡察报告 and the decisions on it (报告 → 决策 → 反馈), docs/DOMAIN.md "Report and decision".

One report per inspected organisation (an assignment: the town's, and one per village).
Its text is a document (the document engine's kind ``inspection_report``, versioned);
this record carries the stages it went through, each a decision with its date, body,
opinion and, for the leading group and the 书记专题会, its minutes or a leadership
signature: a clerk's click is never a decision.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from findings.choices import REPORT_STAGES_OF_A_BODY, DecisionOutcome, ReportStage
from inspection.models import HistoryApiToken


class InspectionReport(models.Model):
    """巡察报告 on one inspected organisation."""

    assignment = models.OneToOneField(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="inspection_report",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("起草时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("巡察报告")
        verbose_name_plural = _("巡察报告")
        ordering = ["assignment_id"]

    def __str__(self) -> str:
        return f"{self.assignment} · 巡察报告"


class ReportDecision(models.Model):
    """One stage of a report: 组内讨论, 组办会商, 领导小组审议 or 书记专题会听取.

    The leading group's and the 书记专题会's are those bodies' decisions: recorded with
    their minutes (``minutes``) or signed by a leadership account (``signed_by``).
    """

    report = models.ForeignKey(
        InspectionReport,
        verbose_name=_("巡察报告"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    stage = models.CharField(_("环节"), max_length=24, choices=ReportStage.choices)
    held_on = models.DateField(_("会议日期"))
    outcome = models.CharField(_("意见"), max_length=16, choices=DecisionOutcome.choices)
    opinion = models.TextField(_("意见内容"), blank=True)
    minutes = models.FileField(_("会议纪要"), upload_to="reports/minutes/%Y/", blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签批人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = _("报告审议")
        verbose_name_plural = _("报告审议")
        ordering = ["report", "held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage__in=REPORT_STAGES_OF_A_BODY)
                | ~Q(minutes="")
                | Q(signed_by__isnull=False),
                name="report_decision_body_has_minutes_or_signature",
                violation_error_message=_(
                    "领导小组审议和书记专题会听取须附会议纪要或由领导小组成员签批。"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_stage_display()} · {self.held_on}"
