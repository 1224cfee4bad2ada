"""Evidence attachments and the access log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Attachment(models.Model):
    """An uploaded evidence file; concrete subclasses tie it to one record."""

    file = models.FileField(_("文件"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name or self.file.name

    @property
    def download_url(self) -> str:
        """The permission-checked, logged download (MEDIA_URL serves nothing)."""
        from inspection.attachments import evidence_url

        return evidence_url(self)


class AccessLog(models.Model):
    """Who read (or tried to read, or exported) confidential material, when and from where."""

    class Action(models.TextChoices):
        VIEW = "view", _("查看")
        EXPORT = "export", _("导出")
        REFUSED = "refused", _("拒绝")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=8, choices=Action.choices)
    object_type = models.CharField(_("对象类型"), max_length=64)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    detail = models.CharField(_("内容"), max_length=200, blank=True)
    # A list read's search and filter parameters: probing for names leaves a trace.
    query = models.CharField(_("查询条件"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    # The mark stamped into the copy a download handed out (inspection.stamping): a leaked
    # copy's header names this row, and so its reader.
    watermark = models.CharField(_("水印"), max_length=300, blank=True)
    # The token a request was authenticated by (none for a session). PROTECT, like the
    # user: a token whose reads were logged is revoked, never deleted.
    api_token = models.ForeignKey(
        "inspection.ApiToken",
        verbose_name=_("接口令牌"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("访问日志")
        verbose_name_plural = _("访问日志")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="accesslog_object_idx"),
            models.Index(fields=["user", "at"], name="accesslog_user_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {self.object_type}#{self.object_id}"
