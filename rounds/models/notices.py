"""进驻公告 (the entry notice) and the public codes of 码上巡 (docs/DOMAIN.md, "Before the
round"): a notice covers one village or a batch of them in one round; each village it covers
gets its own unguessable code, which the notice prints as a QR code and an address for the
public form."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import Attachment, HistoryApiToken


def new_public_code() -> str:
    """An unguessable code for a public URL (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class EntryNotice(models.Model):
    """进驻公告: what the public reads on the village's notice board while the team is there."""

    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.PROTECT,
        related_name="entry_notices",
    )
    assignments = models.ManyToManyField(
        "rounds.Assignment",
        through="rounds.EntryNoticeAssignment",
        verbose_name=_("巡察对象"),
        related_name="entry_notices",
    )
    duty_phone = models.CharField(_("值班电话"), max_length=50)
    mailbox = models.EmailField(_("举报邮箱"), max_length=100, blank=True)
    letterbox = models.CharField(
        _("意见箱（信箱）位置"), max_length=200, blank=True, help_text=_("如：村党群服务中心门口")
    )
    accepted_scope = models.TextField(_("受理范围"))
    period_from = models.DateField(_("巡察起始日期"))
    period_until = models.DateField(_("巡察结束日期"))
    cutoff_on = models.DateField(_("受理截止日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("进驻公告")
        verbose_name_plural = _("进驻公告")
        ordering = ["round", "period_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_until__gte=F("period_from")),
                name="entry_notice_period_ordered",
                violation_error_message=_("巡察结束日期不能早于起始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(cutoff_on__gte=F("period_from")),
                name="entry_notice_cutoff_not_before_start",
                violation_error_message=_("受理截止日期不能早于巡察起始日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · 进驻公告 {self.period_from:%Y-%m-%d}"


class EntryNoticeAssignment(models.Model):
    """A village (an assignment) on a notice, with the code of its public form."""

    notice = models.ForeignKey(
        EntryNotice, verbose_name=_("进驻公告"), on_delete=models.CASCADE, related_name="targets"
    )
    assignment = models.OneToOneField(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.CASCADE,
        related_name="notice_target",
    )
    public_code = models.CharField(
        _("码上巡编码"), max_length=32, unique=True, default=new_public_code, editable=False
    )

    class Meta:
        verbose_name = _("公告覆盖的巡察对象")
        verbose_name_plural = _("公告覆盖的巡察对象")
        ordering = ["notice", "assignment__town__code", "assignment__village__code"]

    def __str__(self) -> str:
        return f"{self.notice} · {self.assignment.target_name}"


class PetitionPhoto(Attachment):
    """A photo sent with a petition through 码上巡: stored re-encoded (no EXIF), read by
    whoever reads the petition's reporter."""

    petition = models.ForeignKey(
        "rounds.Petition",
        verbose_name=_("信访举报"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    # Sent by the public: nobody signed in uploaded it.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(Attachment.Meta):
        verbose_name = _("信访举报照片")
        verbose_name_plural = _("信访举报照片")
