"""Feedback and the rectification ledger (整改台账): items, milestones, progress."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import Attachment, HistoryApiToken
from inspection.once import submission_token_field, submission_token_unique
from rectification.choices import (
    ITEM_STATUSES_ASKED,
    ITEM_STATUSES_OPEN,
    ItemStatus,
    RectificationMode,
    ResponsibleUnitKind,
)


class Feedback(models.Model):
    """巡察反馈 to one assignment; the rectification plan and report fall due from its date.

    The due dates are fixed when the feedback is given (from settings at that
    time), so a later change of the settings does not move deadlines already set.
    """

    assignment = models.OneToOneField(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    batch = models.ForeignKey(
        "rectification.FeedbackBatch",
        verbose_name=_("反馈批次"),
        on_delete=models.PROTECT,
        related_name="feedbacks",
    )
    fed_back_on = models.DateField(_("反馈日期"))
    letter = models.TextField(_("反馈意见"), blank=True)
    letter_file = models.FileField(_("反馈意见书"), upload_to="feedback/%Y/", blank=True)
    plan_due_on = models.DateField(_("整改方案报送期限"))
    report_due_on = models.DateField(_("整改报告报送期限"))
    plan_submitted_on = models.DateField(_("整改方案报送日期"), null=True, blank=True)
    report_submitted_on = models.DateField(_("整改报告报送日期"), null=True, blank=True)
    # Null only for rows written around the services (the demo's bulk loader); the
    # feedback service and the migration fill it (INSPECTION_HEAD_REPORT_DUE_DAYS).
    head_report_due_on = models.DateField(
        _("主要负责人组织落实整改情况报告报送期限"), null=True, blank=True
    )
    head_report_submitted_on = models.DateField(
        _("主要负责人组织落实整改情况报告报送日期"), null=True, blank=True
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反馈人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("巡察反馈")
        verbose_name_plural = _("巡察反馈")
        ordering = ["-fed_back_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(plan_due_on__gte=F("fed_back_on"))
                & Q(report_due_on__gte=F("fed_back_on"))
                & (
                    Q(head_report_due_on__isnull=True) | Q(head_report_due_on__gte=F("fed_back_on"))
                ),
                name="feedback_due_dates_after_feedback",
                violation_error_message=_("整改方案和报告的期限不能早于反馈日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.fed_back_on}"


class RectificationItem(models.Model):
    """整改台账条目: one per 反馈问题 or per 具体表现, tracked until verified and closed.

    ``problem`` is the item's lead problem; the problems it carries are those of its
    issue (per-issue mode) or its own (``rectification.issue_selectors.problems_of_item``).
    """

    problem = models.OneToOneField(
        "findings.Problem",
        verbose_name=_("问题"),
        on_delete=models.PROTECT,
        related_name="rectification_item",
    )
    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("巡察反馈"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        help_text=_("巡中立行立改的条目在反馈前即已建账，反馈时转入台账。"),
    )
    issue = models.ForeignKey(
        "rectification.FeedbackIssue",
        verbose_name=_("反馈问题"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        help_text=_("反馈时建账的条目属于一个反馈问题；巡中立行立改的条目反馈时归入。"),
    )
    order = models.ForeignKey(
        "rectification.ImmediateOrder",
        verbose_name=_("立行立改通知"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    mode = models.CharField(_("整改方式"), max_length=16, choices=RectificationMode.choices)
    responsible_unit_kind = models.CharField(
        _("责任单位类型"), max_length=16, choices=ResponsibleUnitKind.choices
    )
    responsible_unit = models.CharField(_("责任单位"), max_length=100)
    responsible_person = models.CharField(_("责任人"), max_length=50, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人账号"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectification_items",
    )
    supervising_leader = models.CharField(_("责任领导"), max_length=50, blank=True)
    measures = models.TextField(
        _("整改措施"), blank=True, help_text=_("反馈建账时可为空，开始整改前必须填写。")
    )
    target = models.TextField(_("整改目标"), blank=True)
    deadline = models.DateField(_("整改时限"), db_index=True)
    lapsed_deadline = models.DateField(
        _("过期时的整改时限"),
        null=True,
        blank=True,
        help_text=_(
            "整改时限已过仍未销号，之后又调整了时限：记下过期的那个时限。"
            "是否如期按它计算，事后延期不能使逾期的条目变为如期。"
        ),
    )
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=ItemStatus.choices,
        default=ItemStatus.PENDING,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("申请销号时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请销号人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("申请销号的人不能核验同一条目。"),
    )
    submitted_on_behalf = models.BooleanField(
        _("代录申请"),
        default=False,
        help_text=_("巡察办代责任单位申请销号（代录），不算责任单位自己的申请。"),
    )
    town_reviewed_at = models.DateTimeField(_("乡镇初审时间"), null=True, blank=True)
    town_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("乡镇初审人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    reopened_by_round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("回头看重新打开的轮次"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reopened_items",
        help_text=_("反弹回潮：回头看发现问题复发，重新打开已销号的条目。"),
    )
    reopened_at = models.DateTimeField(_("重新打开时间"), null=True, blank=True)
    reopen_reason = models.TextField(_("重新打开理由"), blank=True)
    created_at = models.DateTimeField(_("建账时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("整改台账条目")
        verbose_name_plural = _("整改台账")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(feedback__isnull=False) | Q(order__isnull=False),
                name="item_from_feedback_or_order",
                violation_error_message=_("台账条目须来自巡察反馈或立行立改通知。"),
            ),
            models.CheckConstraint(
                condition=Q(feedback__isnull=True) | Q(issue__isnull=False),
                name="item_fed_back_has_issue",
                violation_error_message=_("反馈建账的条目必须属于一个反馈问题。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.CLOSED) | Q(closed_at__isnull=False),
                name="item_closed_has_time",
                violation_error_message=_("已销号的条目必须有销号时间。"),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=ITEM_STATUSES_ASKED) | Q(submitted_at__isnull=False),
                name="item_submitted_has_time",
                violation_error_message=_("申请销号的条目必须有申请时间。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.TOWN_REVIEWED) | Q(town_reviewed_at__isnull=False),
                name="item_town_reviewed_has_time",
                violation_error_message=_("乡镇已初审的条目必须有初审时间。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.RETURNED) | ~Q(return_reason=""),
                name="item_returned_has_reason",
                violation_error_message=_("退回的条目必须说明理由。"),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="item_status_deadline_idx"),
        ]

    def __str__(self) -> str:
        return f"台账 #{self.pk} · {self.responsible_unit}"

    @property
    def opened_on(self):
        """The day the item entered the ledger: its order's, else its feedback's."""
        if self.order_id:
            return self.order.issued_on
        return self.feedback.fed_back_on

    def is_overdue(self, on=None) -> bool:
        """The Python twin of ``rectification.selectors.overdue_condition``."""
        on = on or timezone.localdate()
        return self.deadline < on and self.status in ITEM_STATUSES_OPEN


class Milestone(models.Model):
    """A step of a long-term item; the item's deadline is its last milestone's."""

    item = models.ForeignKey(
        RectificationItem,
        verbose_name=_("整改台账条目"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("阶段目标"), max_length=200)
    due_on = models.DateField(_("完成时限"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("整改阶段")
        verbose_name_plural = _("整改阶段")
        ordering = ["item", "due_on"]

    def __str__(self) -> str:
        return gettext("%(name)s（%(detail)s）") % {"name": self.title, "detail": self.due_on}


class ProgressUpdate(models.Model):
    """整改进展 posted by the responsible unit."""

    item = models.ForeignKey(
        RectificationItem,
        verbose_name=_("整改台账条目"),
        on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    text = models.TextField(_("进展情况"))
    percent = models.PositiveSmallIntegerField(_("完成进度(%)"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("填报时间"), default=timezone.now)
    on_behalf = models.BooleanField(
        _("代录"), default=False, help_text=_("巡察办代责任单位填报（代录）。")
    )
    submission_token = submission_token_field()

    class Meta:
        verbose_name = _("整改进展")
        verbose_name_plural = _("整改进展")
        ordering = ["item", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100),
                name="progress_percent_at_most_100",
                violation_error_message=_("完成进度不能超过100%。"),
            ),
            submission_token_unique("progress_submission_token_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.percent}% · {self.created_at:%Y-%m-%d}"


class ProgressEvidence(Attachment):
    update = models.ForeignKey(
        ProgressUpdate,
        verbose_name=_("整改进展"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )

    class Meta(Attachment.Meta):
        verbose_name = _("整改佐证材料")
        verbose_name_plural = _("整改佐证材料")
