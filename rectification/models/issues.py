"""反馈问题: the numbered issues of a 反馈意见, each grouping 底稿 (方面 → 问题 → 具体表现).

The unit's plan and ledger follow this numbering: at feedback each issue becomes one
ledger item, or one item per 具体表现 (per problem), as its ``ledger_mode`` says. A
problem sits in at most one issue (``FeedbackIssueProblem`` is one row per problem); a
paper behind a sealed clue may instead be left out of the feedback, with the reason.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rectification.choices import IssueLedgerMode


class FeedbackIssue(models.Model):
    """反馈问题 N of an assignment's 反馈意见."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="feedback_issues",
    )
    number = models.PositiveSmallIntegerField(_("反馈问题编号"))
    aspect = models.ForeignKey(
        "findings.ProblemAspect",
        verbose_name=_("方面"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_issues",
    )
    title = models.CharField(_("问题"), max_length=200)
    text = models.TextField(_("具体表现概述"), blank=True)
    ledger_mode = models.CharField(
        _("建账方式"),
        max_length=12,
        choices=IssueLedgerMode.choices,
        default=IssueLedgerMode.PER_PROBLEM,
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("反馈问题")
        verbose_name_plural = _("反馈问题")
        ordering = ["assignment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "number"],
                name="feedback_issue_number_unique",
                violation_error_message=_("同一巡察对象的反馈问题编号不能重复。"),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="feedback_issue_number_positive",
                violation_error_message=_("反馈问题编号从1开始。"),
            ),
        ]

    def __str__(self) -> str:
        return gettext("反馈问题%(number)s：%(title)s") % {
            "number": self.number,
            "title": self.title,
        }


class FeedbackIssueProblem(models.Model):
    """Where one 底稿 goes in the 反馈意见: under an issue, or left out with a reason."""

    problem = models.OneToOneField(
        "findings.Problem",
        verbose_name=_("问题底稿"),
        on_delete=models.CASCADE,
        related_name="feedback_placement",
    )
    issue = models.ForeignKey(
        FeedbackIssue,
        verbose_name=_("反馈问题"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placements",
    )
    left_out_reason = models.TextField(
        _("不予反馈理由"),
        blank=True,
        help_text=_("仅涉及未办结线索的底稿可不予反馈，须写明理由。"),
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("反馈问题底稿")
        verbose_name_plural = _("反馈问题底稿")
        ordering = ["issue", "problem__sequence", "problem_id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(issue__isnull=False) & Q(left_out_reason=""))
                | (Q(issue__isnull=True) & ~Q(left_out_reason="")),
                name="feedback_placement_issue_or_reason",
                violation_error_message=_("底稿须归入一个反馈问题，或写明不予反馈的理由。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issue_id or '-'} · {self.problem_id}"
