"""反馈批次 and its 反馈会: the office feeds back several organisations of a round at once.

A round is fed back town by town (集中反馈): the office picks the organisations whose
reports the 书记专题会 heard, gives them one date and place, and holds one 反馈会. The
batch is that meeting's record; each organisation's ``Feedback`` points at it, and its
plan, report and ledger deadlines follow the batch's date.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken


class FeedbackBatch(models.Model):
    """One 集中反馈: a date, a place and the 反馈会 held there (the 反馈会记录)."""

    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        related_name="feedback_batches",
    )
    fed_back_on = models.DateField(_("反馈日期"), db_index=True)
    place = models.CharField(_("反馈地点"), max_length=100, blank=True)
    chair = models.CharField(_("反馈会主持人"), max_length=50, blank=True)
    members_present = models.TextField(_("出席的领导小组成员"), blank=True)
    attendance = models.TextField(_("参会人员"), blank=True)
    statement_file = models.FileField(
        _("表态发言"), upload_to="feedback/statements/%Y/", blank=True
    )
    note = models.TextField(_("备注"), blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反馈人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("反馈批次")
        verbose_name_plural = _("反馈批次")
        ordering = ["fed_back_on", "id"]

    def __str__(self) -> str:
        return f"{self.round} · {self.fed_back_on} {self.place}".strip()
