"""巡中立行立改: orders the team leader issues on site, numbered per team and year.

The problems an order covers are its ledger items' problems: the item exists from the
moment the order is issued, one per problem, and a problem has at most one item, so a
problem is covered by at most one order.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rectification.choices import OrderForm, OrderStatus
from rounds.models.rounds import chinese_ordinal


class ImmediateOrder(models.Model):
    """立行立改通知: the leader's order to the inspected unit, and its 签收."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.PROTECT,
        related_name="immediate_orders",
    )
    team = models.ForeignKey(
        "rounds.Team",
        verbose_name=_("巡察组"),
        on_delete=models.PROTECT,
        related_name="immediate_orders",
        help_text=_("下达通知的巡察组；书面通知按组别（第X巡察组）按年编号。"),
    )
    # The team's number (第X巡察组) the written order is numbered under: the counter is the
    # county's per 组别 and year, across rounds, so two rounds' 第一巡察组 of one year do
    # not both issue 巡一组立改〔YYYY〕1号.
    team_number = models.PositiveSmallIntegerField(_("组别"), null=True, blank=True, editable=False)
    form = models.CharField(_("交办方式"), max_length=8, choices=OrderForm.choices)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    requirements = models.TextField(_("整改要求"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("交办人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("交办时间"), default=timezone.now)
    due_on = models.DateField(_("整改时限"), db_index=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.ISSUED
    )
    signed_for_by_name = models.CharField(_("签收人"), max_length=50, blank=True)
    signed_for_post = models.CharField(_("签收人职务"), max_length=100, blank=True)
    signed_for_on = models.DateField(_("签收日期"), null=True, blank=True)
    signed_for_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签收登记人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("立行立改通知")
        verbose_name_plural = _("立行立改通知")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team_number", "year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="order_unique_number_per_team_year",
                violation_error_message=_("同一组别同一年度的立行立改通知编号不能重复。"),
            ),
            models.CheckConstraint(
                condition=(
                    Q(form=OrderForm.WRITTEN)
                    & Q(team_number__isnull=False)
                    & Q(year__isnull=False)
                    & Q(sequence__isnull=False)
                )
                | (
                    Q(form=OrderForm.ORAL)
                    & Q(team_number__isnull=True)
                    & Q(year__isnull=True)
                    & Q(sequence__isnull=True)
                ),
                name="order_written_has_number",
                violation_error_message=_("书面通知须有编号，口头交办没有编号。"),
            ),
            models.CheckConstraint(
                condition=Q(status=OrderStatus.ISSUED)
                | (Q(signed_for_on__isnull=False) & ~Q(signed_for_by_name="")),
                name="order_signed_for_has_signer",
                violation_error_message=_("已签收的通知须有签收人和签收日期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.number or _("口头交办 #%(id)s") % {"id": self.pk}

    @property
    def number(self) -> str:
        """巡三组立改〔2026〕2号 for a written order; empty for an oral one."""
        if self.sequence is None:
            return ""
        return f"巡{chinese_ordinal(self.team_number)}组立改〔{self.year}〕{self.sequence}号"

    @property
    def issued_on(self):
        return timezone.localdate(self.issued_at)


class ImmediateOrderCounter(models.Model):
    """The last number given to the written orders of a 组别 (第X巡察组, whatever the round)
    in a year, locked while issuing so two orders issued at once get two numbers, and a
    rolled-back one leaves no gap."""

    team_number = models.PositiveSmallIntegerField()
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("立行立改通知编号")
        verbose_name_plural = _("立行立改通知编号")
        constraints = [
            models.UniqueConstraint(fields=["team_number", "year"], name="order_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"巡{chinese_ordinal(self.team_number)}组〔{self.year}〕: {self.last}"
