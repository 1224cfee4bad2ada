"""Problem clues (问题线索): confidential, handed over to the commission and tracked to a result."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from findings.choices import (
    CLUE_STATUSES_TRANSFERRED,
    Admonition,
    ClueOutcome,
    ClueStatus,
    DispositionMethod,
    GovernmentSanction,
    OrganisationalMeasure,
    PartySanction,
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
    # The persons' counts, derived from the outcomes of the persons concerned
    # (ClueSubject) by clue_conclude, which writes both in one save: the clue's history row
    # then records them as concluded (the persons have no history of their own), and the
    # checks below hold in the database what one row can tell of the outcome's agreement.
    persons_case_filed = models.PositiveIntegerField(_("立案人数"), default=0)
    persons_sanctioned = models.PositiveIntegerField(
        _("党纪政务处分人数"), default=0, help_text=_("受党纪处分或政务处分的人数，每人计一次。")
    )
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
                condition=Q(persons_case_filed=0) | Q(outcome=ClueOutcome.CASE_FILED),
                name="clue_persons_filed_only_in_a_case",
                violation_error_message=_("有被反映人立案时，办结结果应为立案。"),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=ClueOutcome.NO_ISSUE)
                | Q(
                    persons_sanctioned=0,
                    persons_admonished=0,
                    persons_to_judiciary=0,
                    funds_recovered=0,
                ),
                name="clue_no_issue_has_no_measures",
                violation_error_message=_(
                    "办结结果为了结时，不能有处分、诫勉/批评教育、移送司法或追回资金。"
                ),
            ),
            models.CheckConstraint(
                condition=Q(persons_sanctioned__lte=F("persons_case_filed"))
                & Q(persons_to_judiciary__lte=F("persons_case_filed")),
                name="clue_sanctions_within_cases",
                violation_error_message=_("处分人数和移送司法人数不能超过立案人数。"),
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
    # The person's outcome, recorded when the clue is concluded (clue_conclude).
    case_filed = models.BooleanField(_("立案"), default=False)
    party_sanction = models.CharField(
        _("党纪处分"), max_length=20, choices=PartySanction.choices, blank=True
    )
    government_sanction = models.CharField(
        _("政务处分"), max_length=20, choices=GovernmentSanction.choices, blank=True
    )
    # What findings 0015 made of the clue's former single count 党纪政务处分人数: a
    # sanction whose kind was never recorded (it counts in 处分人数, in neither kind alone).
    sanction_unsplit = models.BooleanField(_("党纪政务处分（原登记未区分）"), default=False)
    organisational = models.CharField(
        _("组织处理"), max_length=20, choices=OrganisationalMeasure.choices, blank=True
    )
    admonition = models.CharField(
        _("诫勉/批评教育"), max_length=12, choices=Admonition.choices, blank=True
    )
    to_judiciary = models.BooleanField(_("移送司法"), default=False)

    class Meta:
        verbose_name = _("被反映人")
        verbose_name_plural = _("被反映人")
        ordering = ["clue", "id"]
        constraints = [
            # 党纪处分 after 立案审查, 政务处分 and 移送司法 after 立案调查.
            models.CheckConstraint(
                condition=Q(case_filed=True)
                | Q(
                    party_sanction="",
                    government_sanction="",
                    sanction_unsplit=False,
                    to_judiciary=False,
                ),
                name="clue_subject_sanction_after_case",
                violation_error_message=_("被反映人受处分或移送司法，须先立案。"),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s（%(detail)s）") % {
            "name": self.name,
            "detail": self.get_post_display(),
        }

    @property
    def sanctioned(self) -> bool:
        """党纪处分 or 政务处分 (处分人数: each person once)."""
        return bool(self.party_sanction or self.government_sanction or self.sanction_unsplit)

    @property
    def handled(self) -> bool:
        """处理处分: 处分, 组织处理 or 诫勉/批评教育 (each person once)."""
        return self.sanctioned or bool(self.organisational or self.admonition)


class ClueEvidence(Attachment):
    clue = models.ForeignKey(
        Clue, verbose_name=_("问题线索"), on_delete=models.CASCADE, related_name="evidence"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("线索佐证材料")
        verbose_name_plural = _("线索佐证材料")
