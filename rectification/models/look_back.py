"""回头看: the look-back team's verdict on a previous ledger item of a village it revisits."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rectification.choices import LookBackVerdict


class LookBackCheck(models.Model):
    """One verdict per item per look-back round.

    ``assignment`` is the look-back round's assignment of the item's village; a village
    has one assignment in a round, so (item, assignment) is one per item per round.
    A 假改 or 反弹 of a closed item reopened it: ``item.reopened_by_round`` names the
    look-back round, ``reopened`` says this check did it.
    """

    item = models.ForeignKey(
        "rectification.RectificationItem",
        verbose_name=_("整改台账条目"),
        on_delete=models.PROTECT,
        related_name="look_back_checks",
    )
    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("回头看巡察对象"),
        on_delete=models.PROTECT,
        related_name="look_back_checks",
    )
    verdict = models.CharField(_("回头看结论"), max_length=12, choices=LookBackVerdict.choices)
    note = models.TextField(_("核查情况"), blank=True)
    reopened = models.BooleanField(_("据此重新打开"), default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核查人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("核查时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("回头看核查")
        verbose_name_plural = _("回头看核查")
        ordering = ["assignment", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "assignment"],
                name="look_back_check_once_per_round",
                violation_error_message=_("同一回头看轮次对一个条目只核查一次。"),
            ),
            models.CheckConstraint(
                condition=~models.Q(verdict=LookBackVerdict.GENUINE) | models.Q(reopened=False),
                name="look_back_check_genuine_does_not_reopen",
                violation_error_message=_("认定真改的条目不重新打开。"),
            ),
        ]

    def __str__(self) -> str:
        return f"回头看 · {self.get_verdict_display()} · 台账 #{self.item_id}"
