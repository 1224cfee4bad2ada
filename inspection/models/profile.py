"""The village profile (村情画像, docs/DOMAIN.md "Places"): the village's party organisation,
the two committees' roster (两委及村务监督委员会名册), 三资 figures by year and large projects.

The office keeps them (``inspection.services.profile`` and the roster import,
``inspection.roster_import``); the recusal check reads the roster (rounds.selectors).
What the village's own page adds to them (petitions, the previous round's problems, the
自画像 and 预画像) is read where those records live.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.choices import PartyOrganisationKind, RosterBody
from inspection.models.tokens import HistoryApiToken


class VillagePartyOrganisation(models.Model):
    """The village's party organisation (村党组织): its name and kind, which documents print."""

    village = models.OneToOneField(
        "inspection.Village",
        verbose_name=_("村(社区)"),
        on_delete=models.CASCADE,
        related_name="party_organisation",
    )
    name = models.CharField(_("党组织名称"), max_length=100)
    kind = models.CharField(_("党组织类型"), max_length=16, choices=PartyOrganisationKind.choices)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("村党组织")
        verbose_name_plural = _("村党组织")

    def __str__(self) -> str:
        return self.name


class RosterEntry(models.Model):
    """One person's post on the roster (两委及村务监督委员会名册); no ``ended_on``: in office."""

    village = models.ForeignKey(
        "inspection.Village",
        verbose_name=_("村(社区)"),
        on_delete=models.CASCADE,
        related_name="roster",
    )
    name = models.CharField(_("姓名"), max_length=50, db_index=True)
    body = models.CharField(_("所属组织"), max_length=16, choices=RosterBody.choices)
    post = models.CharField(_("职务"), max_length=50)
    started_on = models.DateField(_("任职起始"))
    ended_on = models.DateField(_("任职截止"), null=True, blank=True, help_text=_("空白表示现任。"))
    is_party_member = models.BooleanField(_("党员"), default=False)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("两委及村务监督委员会成员")
        verbose_name_plural = _("两委及村务监督委员会名册")
        ordering = ["village", F("ended_on").desc(nulls_first=True), "body", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "name", "body", "post", "started_on"],
                name="roster_entry_unique",
                violation_error_message=_("同一人同一职务同一任职起始日期只能登记一次。"),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="roster_entry_dates_ordered",
                violation_error_message=_("任职截止日期不能早于任职起始日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_body_display()}{self.post}）"

    @property
    def in_office(self) -> bool:
        return self.ended_on is None


class VillageFinance(models.Model):
    """三资 figures of a year (资金、资产、资源): assets, debts, operating income, in yuan.

    The year's collective income the registry keeps on the village (``collective_income``)
    is not repeated here."""

    village = models.ForeignKey(
        "inspection.Village",
        verbose_name=_("村(社区)"),
        on_delete=models.CASCADE,
        related_name="finances",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    assets = models.DecimalField(_("资产总额(元)"), max_digits=14, decimal_places=2)
    debts = models.DecimalField(_("负债总额(元)"), max_digits=14, decimal_places=2)
    operating_income = models.DecimalField(_("经营性收入(元)"), max_digits=14, decimal_places=2)
    resources = models.CharField(_("资源情况"), max_length=200, blank=True)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("三资情况")
        verbose_name_plural = _("三资情况")
        ordering = ["village", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year"],
                name="village_finance_one_per_year",
                violation_error_message=_("同一村(社区)每年只有一条三资情况。"),
            ),
            models.CheckConstraint(
                condition=Q(assets__gte=0) & Q(debts__gte=0) & Q(operating_income__gte=0),
                name="village_finance_non_negative",
                violation_error_message=_("三资金额不能为负数。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} · {self.year}"


class VillageProject(models.Model):
    """A large project of the village (大额项目、重大工程): what, when, how much, paid by whom."""

    village = models.ForeignKey(
        "inspection.Village",
        verbose_name=_("村(社区)"),
        on_delete=models.CASCADE,
        related_name="projects",
    )
    name = models.CharField(_("项目名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    amount = models.DecimalField(_("金额(元)"), max_digits=14, decimal_places=2)
    funding = models.CharField(_("资金来源"), max_length=100, blank=True)
    progress = models.CharField(_("进展情况"), max_length=100, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("大额项目")
        verbose_name_plural = _("大额项目")
        ordering = ["village", "-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="village_project_amount_non_negative",
                violation_error_message=_("项目金额不能为负数。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name
