"""The bundles a team brings back from its standalone copy (单机版, docs/DOMAIN.md
"Confidentiality"): each imported once, with what it added and the conflicts accepted.

The bundle file itself is not kept. It is the team's confidential material sealed with
the package's key, which this database holds beside it: a kept copy would be a second
readable store of what the imported records already hold. What proves which file was
imported is its digest; what it brought is in the records it added, with their history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TeamBundleImport(models.Model):
    """One bundle imported: which package's team it came from, by whom, what it added."""

    package = models.ForeignKey(
        "rectification.TeamPackage",
        verbose_name=_("单机版数据包"),
        on_delete=models.PROTECT,
        related_name="imports",
    )
    # The SHA-256 of the whole file: a bundle is imported exactly once.
    digest = models.CharField(_("文件摘要"), max_length=64, unique=True)
    filename = models.CharField(_("文件名"), max_length=255, blank=True)
    bundle_made_at = models.DateTimeField(_("回传包生成时间"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)
    # {"rounds.interview": 3, …}: the records added, per model.
    counts = models.JSONField(_("新增记录数"), default=dict, blank=True)
    # [{"kind": …, "message": …, "refs": […]}]: what had changed centrally, accepted.
    conflicts = models.JSONField(_("冲突"), default=list, blank=True)
    conflicts_accepted = models.BooleanField(_("已确认冲突"), default=False)
    # {"rounds.interview:17": 204, …}: the laptop's ref → the central pk it became.
    created = models.JSONField(_("记录对照"), default=dict, blank=True)

    class Meta:
        verbose_name = _("回传包导入")
        verbose_name_plural = _("回传包导入")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.package} · {timezone.localtime(self.imported_at):%Y-%m-%d %H:%M}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
