"""Problems found (发现问题) and their evidence."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from findings.choices import ProblemNature, ProblemSource, ProblemStatus, Severity
from inspection.models import Attachment, HistoryApiToken
from inspection.once import submission_token_field, submission_token_unique


class Problem(models.Model):
    """A problem a team found in one assignment (so one round, village and team)."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="problems",
    )
    problem_class = models.ForeignKey(
        "findings.ProblemClass",
        verbose_name=_("问题类别"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
        help_text=_("四个聚焦 → 方面 → 类的第三级；草稿可暂缺，核实前必须选定。"),
    )
    nature = models.CharField(
        _("问题性质"), max_length=20, choices=ProblemNature.choices, blank=True, db_index=True
    )
    supervision_item = models.ForeignKey(
        "rounds.SupervisionItem",
        verbose_name=_("监督重点"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
    )
    facts = models.TextField(_("问题描述"))
    source = models.CharField(_("问题来源"), max_length=16, choices=ProblemSource.choices)
    source_interview = models.ForeignKey(
        "rounds.Interview",
        verbose_name=_("来源谈话"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problems",
    )
    source_petition = models.ForeignKey(
        "rounds.Petition",
        verbose_name=_("来源信访件"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problems",
    )
    amount = models.DecimalField(_("涉及金额(元)"), max_digits=14, decimal_places=2, default=0)
    severity = models.CharField(
        _("严重程度"), max_length=8, choices=Severity.choices, default=Severity.MINOR
    )
    is_common = models.BooleanField(_("共性问题"), default=False)
    fix_immediately = models.BooleanField(
        _("立行立改"), default=False, help_text=_("现场即可整改的问题，反馈后按立行立改建账。")
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=ProblemStatus.choices,
        default=ProblemStatus.DRAFT,
        db_index=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核实人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    submission_token = submission_token_field()
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("发现问题")
        verbose_name_plural = _("发现问题")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="problem_amount_non_negative",
                violation_error_message=_("涉及金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(status=ProblemStatus.DRAFT)
                | (Q(confirmed_by__isnull=False) & Q(confirmed_at__isnull=False)),
                name="problem_confirmed_has_confirmer",
                violation_error_message=_("已核实的问题必须记录核实人和核实时间。"),
            ),
            models.CheckConstraint(
                condition=Q(status=ProblemStatus.DRAFT) | Q(problem_class__isnull=False),
                name="problem_confirmed_has_class",
                violation_error_message=_("已核实的问题必须选定问题类别。"),
            ),
            submission_token_unique("problem_submission_token_unique"),
        ]
        indexes = [
            models.Index(fields=["assignment", "status"], name="problem_assignment_status_idx"),
        ]

    def __str__(self) -> str:
        facts = self.facts if len(self.facts) <= 30 else f"{self.facts[:30]}…"
        return gettext("%(label)s：%(value)s") % {
            "label": self.class_name,
            "value": facts,
        }

    @property
    def class_name(self) -> str:
        """The class's name, or 未分类 for a draft not classified yet."""
        problem_class = self.problem_class
        return problem_class.name if problem_class is not None else gettext("未分类")


class ProblemEvidence(Attachment):
    problem = models.ForeignKey(
        Problem, verbose_name=_("问题"), on_delete=models.CASCADE, related_name="evidence"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("问题佐证材料")
        verbose_name_plural = _("问题佐证材料")
