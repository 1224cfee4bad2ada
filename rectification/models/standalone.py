"""The packages the office hands teams for their standalone copy (单机版, docs/DOMAIN.md
"Confidentiality"), and the bundles brought back."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TeamPackage(models.Model):
    """One package made for one team: what it held, and the secret its bundles are sealed with."""

    uuid = models.UUIDField(_("数据包编号"), default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        "rounds.Team", verbose_name=_("巡察组"), on_delete=models.PROTECT, related_name="+"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("制作人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    made_at = models.DateTimeField(_("制作时间"), default=timezone.now)
    # The Fernet key the laptop seals its bundle with (envelope.new_bundle_key()).
    bundle_key = models.CharField(_("回传密钥"), max_length=64, editable=False)
    digest = models.CharField(_("文件摘要"), max_length=64, blank=True)
    # Counts per model, the assignments and members packaged, and "versions": what each
    # record the import compares looked like at packaging ("app.model:pk" → history id).
    contents = models.JSONField(_("内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("单机版数据包")
        verbose_name_plural = _("单机版数据包")
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"{self.team} {timezone.localtime(self.made_at):%Y-%m-%d %H:%M}"
