"""The county's table of archive pieces, and the page counts the archive has taken."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rectification.archive.choices import ArchiveCategory, ArchiveSource, Retention


class ArchivePieceKind(models.Model):
    """One line of the county's table (归档范围和保管期限表): a kind of piece, where it
    comes from, its place in the volume, category and 保管期限, and whether a volume
    without it is incomplete. Seeded with the defaults (``archive.catalogue``); the
    office edits it in the admin."""

    name = models.CharField(_("件名"), max_length=50)
    source = models.CharField(_("来源"), max_length=32, choices=ArchiveSource.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("排列顺序"))
    category = models.CharField(_("档案门类"), max_length=16, choices=ArchiveCategory.choices)
    retention = models.CharField(_("保管期限"), max_length=12, choices=Retention.choices)
    required = models.BooleanField(
        _("必备"), default=True, help_text=_("卷内缺少必备件时，该卷不完整，轮次不能归档。")
    )
    active = models.BooleanField(_("归档"), default=True, help_text=_("不勾选则不归入卷内。"))
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("归档范围和保管期限")
        verbose_name_plural = _("归档范围和保管期限")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ArchivePageCount(models.Model):
    """The pages of one filed file, counted when a volume was built (LibreOffice renders
    a .docx; a PDF is counted as it is). ``key`` names the file: its storage name for a
    kept file (never overwritten), or the piece and volume of a register the archive
    writes itself (counted again when its content changed)."""

    key = models.CharField(_("文件"), max_length=255, unique=True)
    pages = models.PositiveIntegerField(_("页数"))
    # A register's content when counted: the same content is not laid out again.
    checksum = models.CharField(_("SHA-256校验值"), max_length=64, blank=True)
    counted_at = models.DateTimeField(_("统计时间"), default=timezone.now)

    class Meta:
        verbose_name = _("归档页数")
        verbose_name_plural = _("归档页数")
        constraints = [
            models.CheckConstraint(condition=Q(pages__gte=1), name="archive_page_count_positive")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.pages}"
