"""The leading group's decisions on a round's 工作方案 (docs/DOMAIN.md, "Before the round").

A round goes on site only once the leading group has agreed to its plan as generated: the
decision keeps the version it was taken on and that version's digest of the round's
arrangement (``rounds.plan_document.plan_basis``), so a plan changed afterwards is seen.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rounds.choices import PlanOutcome


class WorkPlanDecision(models.Model):
    """领导小组审议工作方案: the body's decision, with its minutes or a leadership signature."""

    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.CASCADE,
        related_name="plan_decisions",
    )
    document = models.ForeignKey(
        "inspection.Document",
        verbose_name=_("审议的工作方案"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("审议日期"))
    outcome = models.CharField(_("审议结论"), max_length=16, choices=PlanOutcome.choices)
    opinion = models.TextField(_("审议意见"), blank=True)
    minutes = models.FileField(_("会议纪要"), upload_to="rounds/plan-minutes/%Y/", blank=True)
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
        verbose_name = _("工作方案审议")
        verbose_name_plural = _("工作方案审议")
        ordering = ["round", "held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(minutes="") | Q(signed_by__isnull=False),
                name="plan_decision_has_minutes_or_signature",
                violation_error_message=_(
                    "工作方案须经领导小组审议：须附会议纪要或由领导小组成员签批。"
                ),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=PlanOutcome.REVISE) | ~Q(opinion=""),
                name="plan_decision_revision_has_opinion",
                violation_error_message=_("提出修改意见的，须写明修改意见。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_outcome_display()} · {self.held_on}"
