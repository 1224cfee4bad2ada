"""交办事项, 专题报告 and 巡察建议书: what the inspection hands to government departments.

A matter for a government department is not a clue (docs/DOMAIN.md, working papers): it
names no person concerned, goes to no commission, and is settled by the department's
reply, due ``INSPECTION_MATTER_REPLY_DAYS`` after it was handed on. Whether a reply is
late is derived from the dates (``findings.matter_selectors``), never stored.

专题报告 and 巡察建议书 are written on common problems (共性问题) of a round: the first to
the leading group, the second to the department that should act on them, which owes a
reply as a matter does.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from findings.choices import MatterStatus, ThematicReportKind
from inspection.models import HistoryApiToken


class DepartmentMatter(models.Model):
    """交办事项: a matter handed on to a government department, with a reply due."""

    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        related_name="department_matters",
    )
    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="department_matters",
    )
    department = models.CharField(_("承办部门"), max_length=100)
    letter_number = models.CharField(_("交办函号"), max_length=50, blank=True)
    summary = models.TextField(_("交办事项"))
    problems = models.ManyToManyField(
        "findings.Problem",
        verbose_name=_("相关问题"),
        blank=True,
        related_name="department_matters",
    )
    handed_on = models.DateField(_("交办日期"))
    reply_due_on = models.DateField(_("回复期限"), db_index=True)
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=MatterStatus.choices,
        default=MatterStatus.HANDED_ON,
        db_index=True,
    )
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    reply = models.TextField(_("回复情况"), blank=True)
    reply_file = models.FileField(_("回复材料"), upload_to="matters/replies/%Y/", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回复登记人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("交办事项")
        verbose_name_plural = _("交办事项")
        ordering = ["-handed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_due_on__gte=F("handed_on")),
                name="matter_reply_due_after_handed_on",
                violation_error_message=_("回复期限不能早于交办日期。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=MatterStatus.REPLIED)
                | (Q(replied_on__isnull=False) & ~Q(reply="")),
                name="matter_replied_has_reply",
                violation_error_message=_("已回复的交办事项必须有回复日期和回复情况。"),
            ),
        ]
        indexes = [models.Index(fields=["round", "status"], name="matter_round_status_idx")]

    def __str__(self) -> str:
        return f"交办事项 #{self.pk} · {self.department}"


class ThematicReport(models.Model):
    """专题报告 or 巡察建议书 on a round's common problems."""

    kind = models.CharField(_("类别"), max_length=16, choices=ThematicReportKind.choices)
    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        related_name="thematic_reports",
    )
    title = models.CharField(_("标题"), max_length=100)
    addressee = models.CharField(
        _("主送单位"), max_length=100, blank=True, help_text=_("巡察建议书送达的职能部门。")
    )
    body = models.TextField(_("主要内容"), blank=True)
    problems = models.ManyToManyField(
        "findings.Problem",
        verbose_name=_("涉及的共性问题"),
        blank=True,
        related_name="thematic_reports",
    )
    issued_on = models.DateField(_("印发日期"))
    reply_due_on = models.DateField(_("回复期限"), null=True, blank=True)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    reply = models.TextField(_("回复情况"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("专题报告和巡察建议书")
        verbose_name_plural = _("专题报告和巡察建议书")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ThematicReportKind.RECOMMENDATION)
                | (~Q(addressee="") & Q(reply_due_on__isnull=False)),
                name="recommendation_has_addressee_and_due",
                violation_error_message=_("巡察建议书必须有主送单位和回复期限。"),
            ),
            models.CheckConstraint(
                condition=Q(kind=ThematicReportKind.RECOMMENDATION)
                | (Q(reply_due_on__isnull=True) & Q(replied_on__isnull=True)),
                name="thematic_report_owes_no_reply",
                violation_error_message=_("专题报告没有回复期限。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.title}"
