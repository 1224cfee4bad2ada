"""问责 as 提请 → 决定, and 第一种形态 apart.

The office proposes (``AccountabilityProposal``, 提请问责); the body with authority decides
(``AccountabilityDecision``): a supervisor account of that body records it (``signed_by``)
or the office records it with the body's decision document attached. Decisions migrated
from the office's former own records (rectification 0014) carry neither and say so
(``migrated``). 约谈 and 批评教育 are not 问责: ``FirstFormMeasure`` counts them apart.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rectification.choices import (
    ORGANISATION_FORMS,
    PERSON_FORMS,
    AccountabilityForm,
    AccountabilityTarget,
    DecidingBody,
    FirstFormKind,
    ProposalStatus,
)


class AccountabilityProposal(models.Model):
    """提请问责: the office asks a body to hold a cadre or a party organisation to account."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="accountability_proposals",
    )
    items = models.ManyToManyField(
        "rectification.RectificationItem",
        verbose_name=_("涉及整改台账条目"),
        blank=True,
        related_name="accountability_proposals",
    )
    target_kind = models.CharField(
        _("问责对象类别"), max_length=16, choices=AccountabilityTarget.choices
    )
    person_name = models.CharField(_("被问责人"), max_length=50, blank=True)
    person_post = models.CharField(_("职务"), max_length=100, blank=True)
    organisation_name = models.CharField(_("被问责党组织"), max_length=100, blank=True)
    facts = models.TextField(_("问责事实"))
    suggested_form = models.CharField(
        _("建议问责方式"), max_length=24, choices=AccountabilityForm.choices
    )
    deciding_body = models.CharField(_("问责决定机关"), max_length=24, choices=DecidingBody.choices)
    proposed_on = models.DateField(_("提请日期"), default=timezone.localdate)
    status = models.CharField(
        _("状态"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提请人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["items"])

    class Meta:
        verbose_name = _("提请问责")
        verbose_name_plural = _("提请问责")
        ordering = ["-proposed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target_kind=AccountabilityTarget.PERSON) & ~Q(person_name=""))
                | (Q(target_kind=AccountabilityTarget.ORGANISATION) & ~Q(organisation_name="")),
                name="accountability_proposal_names_target",
                violation_error_message=_("提请问责须写明被问责人或被问责党组织。"),
            ),
            models.CheckConstraint(
                condition=(
                    Q(target_kind=AccountabilityTarget.PERSON) & Q(suggested_form__in=PERSON_FORMS)
                )
                | (
                    Q(target_kind=AccountabilityTarget.ORGANISATION)
                    & Q(suggested_form__in=ORGANISATION_FORMS)
                ),
                name="accountability_proposal_form_fits_target",
                violation_error_message=_("建议的问责方式与问责对象类别不符。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} · {self.get_suggested_form_display()}"

    @property
    def target(self) -> str:
        if self.target_kind == AccountabilityTarget.ORGANISATION:
            return self.organisation_name
        return self.person_name


class AccountabilityDecision(models.Model):
    """The deciding body's answer to a proposal: a form of 问责, or 不予问责."""

    proposal = models.OneToOneField(
        AccountabilityProposal,
        verbose_name=_("提请问责"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    # The proposal's, copied so that the database checks the form against it.
    target_kind = models.CharField(
        _("问责对象类别"), max_length=16, choices=AccountabilityTarget.choices
    )
    pursued = models.BooleanField(_("决定问责"), default=True)
    form = models.CharField(
        _("问责方式"), max_length=24, choices=AccountabilityForm.choices, blank=True
    )
    decided_on = models.DateField(_("决定日期"))
    document_number = models.CharField(_("决定文号"), max_length=50, blank=True)
    document = models.FileField(
        _("问责决定文书"), upload_to="accountability/decisions/%Y/", blank=True
    )
    note = models.TextField(_("决定说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定机关签批人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    migrated = models.BooleanField(
        _("由原问责登记迁移"),
        default=False,
        editable=False,
        help_text=_("原由巡察办直接登记的问责，迁移时无决定文书。"),
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("问责决定")
        verbose_name_plural = _("问责决定")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(pursued=False) & Q(form=""))
                | (
                    Q(pursued=True)
                    & Q(target_kind=AccountabilityTarget.PERSON)
                    & Q(form__in=PERSON_FORMS)
                )
                | (
                    Q(pursued=True)
                    & Q(target_kind=AccountabilityTarget.ORGANISATION)
                    & Q(form__in=ORGANISATION_FORMS)
                ),
                name="accountability_decision_form_fits_target",
                violation_error_message=_("问责方式与问责对象类别不符。"),
            ),
            models.CheckConstraint(
                condition=~Q(document="") | Q(signed_by__isnull=False) | Q(migrated=True),
                name="accountability_decision_is_the_bodys",
                violation_error_message=_(
                    "问责决定须附决定机关的决定文书，或由决定机关的监督账号登记。"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal.target} · {self.outcome_label}"

    @property
    def outcome_label(self) -> str:
        return self.get_form_display() if self.pursued else str(ProposalStatus.NOT_PURSUED.label)


class FirstFormMeasure(models.Model):
    """第一种形态: 约谈 or 批评教育 of a cadre, by the office or a supervising body."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="first_form_measures",
    )
    item = models.ForeignKey(
        "rectification.RectificationItem",
        verbose_name=_("整改台账条目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="first_form_measures",
    )
    kind = models.CharField(_("方式"), max_length=16, choices=FirstFormKind.choices)
    person_name = models.CharField(_("对象"), max_length=50)
    person_post = models.CharField(_("职务"), max_length=100, blank=True)
    reason = models.TextField(_("事由"))
    conducted_on = models.DateField(_("日期"))
    body = models.CharField(
        _("实施机关"),
        max_length=24,
        choices=DecidingBody.choices,
        blank=True,
        help_text=_("监督账号登记时为其所属机关；空为巡察办。"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("第一种形态")
        verbose_name_plural = _("第一种形态（约谈、批评教育）")
        ordering = ["-conducted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_name} · {self.get_kind_display()}"
