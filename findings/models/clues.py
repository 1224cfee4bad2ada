"""Problem clues (问题线索): confidential, handed over to the commission and tracked to a result."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from findings.choices import (
    CLUE_STATUSES_TRANSFERRED,
    ClueOutcome,
    ClueStatus,
    DispositionMethod,
    SubjectPost,
)
from inspection.choices import ReceivingBody
from inspection.models import Attachment, HistoryApiToken
from inspection.once import submission_token_field, submission_token_unique


class Clue(models.Model):
    """A clue proposed by a team leader, reviewed by the office, signed off by the leading
    group and transferred with a letter (移交函) to a receiving body."""

    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        related_name="clues",
    )
    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clues",
    )
    problems = models.ManyToManyField(
        "findings.Problem", verbose_name=_("来源问题"), blank=True, related_name="clues"
    )
    petitions = models.ManyToManyField(
        "rounds.Petition", verbose_name=_("来源信访件"), blank=True, related_name="clues"
    )
    summary = models.TextField(_("线索摘要"))
    amount = models.DecimalField(_("涉及金额(元)"), max_digits=14, decimal_places=2, default=0)
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=ClueStatus.choices,
        default=ClueStatus.PROPOSED,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    # 巡察办审核 (the office's review; the field names predate the leading group's sign-off)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_opinion = models.TextField(_("巡察办审核意见"), blank=True)
    # 领导小组签批 on the 移交审批表: the body's decision, recorded by the office with the
    # signed form attached, or signed by a leadership account itself (signed_off_by).
    signed_off_on = models.DateField(_("签批日期"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签批人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sign_off_form = models.FileField(
        _("签批的移交审批表"), upload_to="clues/sign_off/%Y/", blank=True
    )
    sign_off_opinion = models.TextField(_("领导小组意见"), blank=True)
    sign_off_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签批登记人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.TextField(_("不予移交理由"), blank=True)
    # Transfer (移交)
    receiving_body = models.CharField(
        _("受理机关"), max_length=20, choices=ReceivingBody.choices, blank=True, db_index=True
    )
    receiving_unit = models.CharField(_("受理单位名称"), max_length=100, blank=True)
    letter = models.ForeignKey(
        "findings.TransferLetter",
        verbose_name=_("移交函"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clues",
    )
    letter_number = models.CharField(_("移交函号"), max_length=50, blank=True)
    transferred_on = models.DateField(_("移交日期"), null=True, blank=True)
    transferred_on_site = models.BooleanField(
        _("巡中快速移交"), default=False, help_text=_("在进驻期间移交的线索。")
    )
    result_due_on = models.DateField(_("反馈结果期限"), null=True, blank=True, db_index=True)
    # Receipt and disposition (接收、处置)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("接收时间"), null=True, blank=True)
    disposition_method = models.CharField(
        _("处置方式"), max_length=20, choices=DispositionMethod.choices, blank=True
    )
    disposed_on = models.DateField(_("处置日期"), null=True, blank=True)
    # Outcome (办结)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    outcome = models.CharField(
        _("办结结果"), max_length=16, choices=ClueOutcome.choices, blank=True
    )
    persons_case_filed = models.PositiveIntegerField(_("立案人数"), default=0)
    persons_sanctioned = models.PositiveIntegerField(_("党纪政务处分人数"), default=0)
    persons_admonished = models.PositiveIntegerField(_("诫勉/批评教育人数"), default=0)
    persons_to_judiciary = models.PositiveIntegerField(_("移送司法人数"), default=0)
    funds_recovered = models.DecimalField(
        _("追回资金(元)"), max_digits=14, decimal_places=2, default=0
    )
    outcome_note = models.TextField(_("办结情况"), blank=True)
    submission_token = submission_token_field()
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("问题线索")
        verbose_name_plural = _("问题线索")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="clue_amount_non_negative",
                violation_error_message=_("涉及金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(funds_recovered__gte=0),
                name="clue_funds_recovered_non_negative",
                violation_error_message=_("追回资金不能为负数。"),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=CLUE_STATUSES_TRANSFERRED)
                | (~Q(receiving_body="") & ~Q(letter_number="") & Q(transferred_on__isnull=False)),
                name="clue_transfer_has_letter",
                violation_error_message=_("已移交的线索必须有受理机关、移交函号和移交日期。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ClueStatus.APPROVED)
                | (
                    Q(signed_off_on__isnull=False)
                    & (~Q(sign_off_form="") | Q(signed_off_by__isnull=False))
                ),
                name="clue_sign_off_has_form_or_signature",
                violation_error_message=_("领导小组签批须附签批的移交审批表或由领导小组成员签批。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ClueStatus.CONCLUDED)
                | (~Q(outcome="") & Q(concluded_on__isnull=False) & ~Q(disposition_method="")),
                name="clue_concluded_has_outcome",
                violation_error_message=_("办结的线索必须有处置方式、办结结果和办结日期。"),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=ClueOutcome.CASE_FILED) | Q(persons_case_filed__gte=1),
                name="clue_case_filed_names_persons",
                violation_error_message=_("结果为立案时，立案人数至少为1。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=ClueStatus.DECLINED) | ~Q(decline_reason=""),
                name="clue_declined_has_reason",
                violation_error_message=_("不予移交必须说明理由。"),
            ),
            # A matter for a department is a 交办事项 (findings.models.matters), not a clue.
            models.CheckConstraint(
                condition=~Q(receiving_body=ReceivingBody.DEPARTMENT),
                name="clue_not_to_department",
                violation_error_message=_(
                    "问题线索只移交纪委监委或组织部；职能部门的事项请登记为交办事项。"
                ),
            ),
            submission_token_unique("clue_submission_token_unique"),
        ]
        indexes = [
            models.Index(fields=["round", "status"], name="clue_round_status_idx"),
        ]

    def __str__(self) -> str:
        return f"线索 #{self.pk}"


class ClueSubject(models.Model):
    """A person concerned (被反映人) in a clue. Confidential."""

    clue = models.ForeignKey(
        Clue, verbose_name=_("问题线索"), on_delete=models.CASCADE, related_name="subjects"
    )
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=20, choices=SubjectPost.choices)
    unit = models.CharField(_("单位"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("被反映人")
        verbose_name_plural = _("被反映人")
        ordering = ["clue", "id"]

    def __str__(self) -> str:
        return gettext("%(name)s（%(detail)s）") % {
            "name": self.name,
            "detail": self.get_post_display(),
        }


class ClueEvidence(Attachment):
    clue = models.ForeignKey(
        Clue, verbose_name=_("问题线索"), on_delete=models.CASCADE, related_name="evidence"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("线索佐证材料")
        verbose_name_plural = _("线索佐证材料")
