"""整改方案 and the two reports as the unit hands them in: each upload a version, reviewed
by the town (a village's) and then the office, approved or returned to the unit.

A feedback owes three papers (``FeedbackDocument``): the plan, the 整改情况报告 and the
主要负责人组织落实整改情况报告. Each upload is a new ``UnitSubmission`` (version 1, 2 …
per feedback and paper); a returned version stays readable beside the next one. At most
one version per feedback and paper is not returned (being reviewed or approved), so an
approved plan is locked. An upload the office made for the unit (代录) says so, and never
counts as the unit's own: the feedback's ``*_submitted_on`` dates are the unit's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rectification.choices import FeedbackDocument, SubmissionStatus


class UnitSubmission(models.Model):
    feedback = models.ForeignKey(
        "rectification.Feedback",
        verbose_name=_("巡察反馈"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    kind = models.CharField(_("报送事项"), max_length=8, choices=FeedbackDocument.choices)
    version = models.PositiveSmallIntegerField(_("版本"))
    file = models.FileField(_("文件"), upload_to="submissions/%Y/")
    original_name = models.CharField(_("文件名"), max_length=255)
    by_proxy = models.BooleanField(
        _("代录"),
        default=False,
        help_text=_("巡察办代被巡察单位上传；不计为单位自行报送。"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    note = models.TextField(_("报送说明"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
        db_index=True,
    )
    town_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("乡镇初审人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    town_reviewed_at = models.DateTimeField(_("乡镇初审时间"), null=True, blank=True)
    town_opinion = models.TextField(_("乡镇初审意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("巡察办审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("巡察办审核时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("整改方案和报告")
        verbose_name_plural = _("整改方案和报告")
        ordering = ["feedback", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "kind", "version"],
                name="submission_unique_version",
                violation_error_message=_("同一事项的版本号不能重复。"),
            ),
            models.UniqueConstraint(
                fields=["feedback", "kind"],
                condition=~Q(status=SubmissionStatus.RETURNED),
                name="submission_one_open_version",
                violation_error_message=_("同一事项只能有一个待审核或已通过的版本。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=SubmissionStatus.RETURNED) | ~Q(return_reason=""),
                name="submission_returned_has_reason",
                violation_error_message=_("退回必须说明理由。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=SubmissionStatus.APPROVED) | Q(reviewed_by__isnull=False),
                name="submission_approved_has_reviewer",
                violation_error_message=_("审核通过必须有审核人。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=SubmissionStatus.TOWN_REVIEWED)
                | Q(town_reviewed_by__isnull=False),
                name="submission_town_reviewed_has_reviewer",
                violation_error_message=_("乡镇已初审必须有初审人。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"
