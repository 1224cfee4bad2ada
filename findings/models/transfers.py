"""移交函: one letter hands several signed-off clues (一函多件) to one body (纪委监委 or 组织部).

The number 巡察移〔YYYY〕N号 comes from the year's sequence (``year``, ``sequence``); letters
recorded before the counter keep the number they were sent with.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.choices import ReceivingBody
from inspection.models import HistoryApiToken

LETTER_NUMBER_FORMAT = "巡察移〔{year}〕{sequence}号"
# 〔2026〕7号 at the end of a letter number: the year and its place in the year.
LETTER_NUMBER_PATTERN = re.compile(r"〔(\d{4})〕(\d+)号$")


class TransferLetter(models.Model):
    """移交函 to one receiving body, listing its clues and the material sent with them."""

    number = models.CharField(_("移交函号"), max_length=50, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    sent_on = models.DateField(_("移交日期"), db_index=True)
    body = models.CharField(
        _("受理机关"), max_length=20, choices=ReceivingBody.choices, db_index=True
    )
    unit = models.CharField(_("受理单位名称"), max_length=100, blank=True)
    material = models.TextField(_("移交材料"), blank=True, help_text=_("每行一项。"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("移交函")
        verbose_name_plural = _("移交函")
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="transfer_letter_sequence_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def material_items(self) -> list[str]:
        """The material sent, one item a line, blank lines dropped."""
        return [line.strip() for line in self.material.splitlines() if line.strip()]
