"""A county's existing ledger brought in (台账导入): each accepted file, and each item it
wrote with the row it came from (``rectification.ledger_import``).

An imported item is marked by its ``ImportedLedgerRow``, as a migrated 问责 decision is
by its ``migrated`` flag: it did not pass through the product's steps (no 底稿 signed
in it, no request for closing made in it), its history rows are dated as the file says.
The row's key (round, organisation, 序号) makes a second import of the same file change
nothing; its fingerprint tells a changed row, which is refused.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LedgerImport(models.Model):
    """One ledger file imported: who, when, and what it wrote."""

    filename = models.CharField(_("文件名"), max_length=255)
    checksum = models.CharField(_("文件校验和(SHA-256)"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)
    rows_created = models.PositiveIntegerField(_("新增条目数"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("已导入未变化条目数"), default=0)

    class Meta:
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} · {self.imported_at:%Y-%m-%d %H:%M}"


class ImportedLedgerRow(models.Model):
    """The ledger item a row of an imported file became, under its natural key."""

    ledger_import = models.ForeignKey(
        LedgerImport, verbose_name=_("台账导入"), on_delete=models.PROTECT, related_name="rows"
    )
    item = models.OneToOneField(
        "rectification.RectificationItem",
        verbose_name=_("整改台账条目"),
        on_delete=models.PROTECT,
        related_name="imported_row",
    )
    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignment = models.ForeignKey(
        "rounds.Assignment", verbose_name=_("巡察对象"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField(_("序号"))
    row_number = models.PositiveIntegerField(_("文件中的行号"))
    fingerprint = models.CharField(_("内容指纹"), max_length=64)
    source = models.JSONField(_("原始行"), default=dict, help_text=_("文件中该行各列的原文。"))

    class Meta:
        verbose_name = _("导入的台账行")
        verbose_name_plural = _("导入的台账行")
        ordering = ["assignment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "number"],
                name="imported_ledger_row_unique_number",
                violation_error_message=_("同一巡察对象的导入序号不能重复。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} · {self.number}"
