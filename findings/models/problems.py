"""Problems found (发现问题 = 问题底稿, one matter one paper) and their evidence."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from findings.choices import (
    PROBLEM_STATUSES_REVIEWED,
    PROBLEM_STATUSES_SIGNED,
    PROBLEM_STATUSES_SUBMITTED,
    ProblemNature,
    ProblemSource,
    ProblemStatus,
    Severity,
)
from inspection.models import Attachment, HistoryApiToken
from inspection.once import submission_token_field, submission_token_unique


def _signature(label: str):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


def _signed(statuses, by: str, at: str) -> Q:
    """Every status in ``statuses`` carries the signature ``by`` at ``at``."""
    return ~Q(status__in=statuses) | (Q(**{f"{by}__isnull": False, f"{at}__isnull": False}))


class Problem(models.Model):
    """A problem a team found in one assignment (so one round, village and team): the
    working paper (问题底稿), numbered per assignment when recorded, signed three times."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="problems",
    )
    sequence = models.PositiveIntegerField(_("序号"), editable=False)
    number = models.CharField(
        _("底稿编号"), max_length=80, editable=False, help_text=_("如：三组-戴桥村-007")
    )
    title = models.CharField(_("标题"), max_length=100, blank=True)
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
    interviews = models.ManyToManyField(
        "rounds.Interview", verbose_name=_("来源谈话"), blank=True, related_name="problems"
    )
    activities = models.ManyToManyField(
        "rounds.Activity", verbose_name=_("来源活动"), blank=True, related_name="problems"
    )
    petitions = models.ManyToManyField(
        "rounds.Petition", verbose_name=_("来源信访件"), blank=True, related_name="problems"
    )
    occurred_period = models.CharField(
        _("问题发生时间"), max_length=50, blank=True, help_text=_("如：2024年3月至2025年6月")
    )
    occurred_place = models.CharField(_("问题发生地点"), max_length=100, blank=True)
    responsible_post = models.CharField(
        _("责任主体"), max_length=50, blank=True, help_text=_("单位或职务，如：村党支部书记")
    )
    responsible_name = models.CharField(_("责任人姓名"), max_length=50, blank=True)
    basis = models.ForeignKey(
        "findings.ProblemBasis",
        verbose_name=_("定性依据"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
    )
    basis_text = models.TextField(
        _("定性依据（补充）"), blank=True, help_text=_("清单中没有的依据，写明制度名称和条款")
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
    submitted_by = _signature(_("提交人"))
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_by = _signature(_("复核人"))
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    # The leader's signature (审签): "confirmed" is what the ledger and the figures read.
    confirmed_by = _signature(_("审签人"))
    confirmed_at = models.DateTimeField(_("审签时间"), null=True, blank=True)
    return_reason = models.TextField(
        _("退回理由"), blank=True, help_text=_("复核或审签退回时写明，起草人据此修改。")
    )
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
                condition=_signed(PROBLEM_STATUSES_SUBMITTED, "submitted_by", "submitted_at"),
                name="problem_submitted_has_submitter",
                violation_error_message=_("已提交的底稿必须记录提交人和提交时间。"),
            ),
            models.CheckConstraint(
                condition=_signed(PROBLEM_STATUSES_REVIEWED, "reviewed_by", "reviewed_at"),
                name="problem_reviewed_has_reviewer",
                violation_error_message=_("已复核的底稿必须记录复核人和复核时间。"),
            ),
            models.CheckConstraint(
                condition=_signed(PROBLEM_STATUSES_SIGNED, "confirmed_by", "confirmed_at"),
                name="problem_confirmed_has_confirmer",
                violation_error_message=_("已审签的底稿必须记录审签人和审签时间。"),
            ),
            models.UniqueConstraint(
                fields=["assignment", "sequence"],
                name="problem_number_unique_in_assignment",
                violation_error_message=_("同一巡察对象的底稿编号不能重复。"),
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
