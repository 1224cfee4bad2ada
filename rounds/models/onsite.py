"""On-site work (巡中): interviews, activities, petitions."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from inspection.once import submission_token_field, submission_token_unique
from rounds.choices import (
    ActivityKind,
    IntervieweeCategory,
    PetitionChannel,
    PetitionDisposition,
    PetitionStatus,
)


class Interview(models.Model):
    """个别谈话. The interviewee's name is confidential."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="interviews",
    )
    held_at = models.DateTimeField(_("谈话时间"), default=timezone.now)
    interviewee_name = models.CharField(_("谈话对象姓名"), max_length=50)
    interviewee_category = models.CharField(
        _("谈话对象类别"), max_length=24, choices=IntervieweeCategory.choices
    )
    interviewee_post = models.CharField(_("谈话对象身份/职务"), max_length=100, blank=True)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("谈话人"), blank=True, related_name="+"
    )
    place = models.CharField(_("谈话地点"), max_length=100, blank=True)
    outline = models.TextField(_("个性提纲"), blank=True)
    record = models.TextField(_("谈话记录"), blank=True)
    problems_raised = models.TextField(_("反映的问题"), blank=True)
    # Who took the notes in the room (记录人: an interviewer or another team member),
    # not who typed the interview in (recorded_by). Empty only on interviews recorded
    # before the rule.
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    submission_token = submission_token_field()

    class Meta:
        verbose_name = _("个别谈话")
        verbose_name_plural = _("个别谈话")
        ordering = ["-held_at"]
        constraints = [submission_token_unique("interview_submission_token_unique")]
        indexes = [
            models.Index(
                fields=["assignment", "interviewee_category"], name="interview_assignment_cat_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_interviewee_category_display()} · {self.held_at:%Y-%m-%d}"


class Activity(models.Model):
    """A visit, symposium, research, document review, night visit or questionnaire batch."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.CharField(_("活动类型"), max_length=24, choices=ActivityKind.choices)
    held_on = models.DateField(_("日期"), default=timezone.localdate)
    topic = models.CharField(_("主题/内容"), max_length=200, blank=True)
    people_reached = models.PositiveIntegerField(_("涉及人数"), default=0)
    households = models.PositiveIntegerField(_("走访户数"), default=0)
    questionnaires_distributed = models.PositiveIntegerField(_("问卷发放份数"), default=0)
    questionnaires_returned = models.PositiveIntegerField(_("问卷回收份数"), default=0)
    note = models.TextField(_("情况记录"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    submission_token = submission_token_field()

    class Meta:
        verbose_name = _("巡察活动")
        verbose_name_plural = _("巡察活动")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(questionnaires_returned__lte=F("questionnaires_distributed")),
                name="activity_returned_not_above_distributed",
                violation_error_message=_("问卷回收份数不能多于发放份数。"),
            ),
            models.CheckConstraint(
                condition=Q(kind=ActivityKind.QUESTIONNAIRE)
                | (Q(questionnaires_distributed=0) & Q(questionnaires_returned=0)),
                name="activity_questionnaires_only_for_batches",
                violation_error_message=_("只有调查问卷活动可以填写问卷份数。"),
            ),
            submission_token_unique("activity_submission_token_unique"),
        ]
        indexes = [models.Index(fields=["assignment", "kind"], name="activity_assignment_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.held_on}"


class Petition(models.Model):
    """来信来访/举报 received during a round. The reporter's identity is confidential."""

    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("涉及巡察对象"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    channel = models.CharField(_("渠道"), max_length=12, choices=PetitionChannel.choices)
    received_at = models.DateTimeField(_("受理时间"), default=timezone.now)
    is_anonymous = models.BooleanField(_("匿名"), default=False)
    reporter_name = models.CharField(_("反映人姓名"), max_length=50, blank=True)
    reporter_contact = models.CharField(_("反映人联系方式"), max_length=100, blank=True)
    content = models.TextField(_("反映内容"))
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=PetitionStatus.choices,
        default=PetitionStatus.RECEIVED,
        db_index=True,
    )
    disposition = models.CharField(
        _("处置方式"), max_length=12, choices=PetitionDisposition.choices, blank=True
    )
    referred_to = models.CharField(_("转交单位"), max_length=100, blank=True)
    disposition_note = models.TextField(_("处置说明"), blank=True)
    disposed_at = models.DateTimeField(_("处置时间"), null=True, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处置人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Empty only for a report the public sent through 码上巡 (nobody registered it).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submission_token = submission_token_field()
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("信访举报")
        verbose_name_plural = _("信访举报")
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | (Q(reporter_name="") & Q(reporter_contact="")),
                name="petition_anonymous_has_no_reporter",
                violation_error_message=_("匿名举报不能登记反映人姓名或联系方式。"),
            ),
            models.CheckConstraint(
                condition=(Q(status=PetitionStatus.RECEIVED) & Q(disposition=""))
                | (
                    Q(status=PetitionStatus.DISPOSED)
                    & ~Q(disposition="")
                    & Q(disposed_at__isnull=False)
                ),
                name="petition_disposition_matches_status",
                violation_error_message=_("已处置的信访件必须有处置方式和处置时间。"),
            ),
            models.CheckConstraint(
                condition=~Q(disposition=PetitionDisposition.REFERRED) | ~Q(referred_to=""),
                name="petition_referral_names_unit",
                violation_error_message=_("转交职能部门必须填写转交单位。"),
            ),
            models.CheckConstraint(
                condition=Q(recorded_by__isnull=False) | Q(channel=PetitionChannel.ONLINE),
                name="petition_registered_unless_public",
                violation_error_message=_("只有码上巡收到的信访件可以没有登记人。"),
            ),
            submission_token_unique("petition_submission_token_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.received_at:%Y-%m-%d}"
