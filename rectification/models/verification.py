"""Verification (核验) of an item that asks to be closed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.models import Attachment
from rectification.choices import VerificationMethod, VerificationResult


class Verification(models.Model):
    item = models.ForeignKey(
        "rectification.RectificationItem",
        verbose_name=_("整改台账条目"),
        on_delete=models.CASCADE,
        related_name="verifications",
    )
    method = models.CharField(_("核验方式"), max_length=20, choices=VerificationMethod.choices)
    result = models.CharField(_("核验结果"), max_length=8, choices=VerificationResult.choices)
    satisfaction = models.PositiveSmallIntegerField(
        _("群众满意度(%)"), null=True, blank=True, help_text=_("群众评议时填写，0–100。")
    )
    note = models.TextField(_("核验意见"), blank=True)
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核验人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("核验时间"), default=timezone.now)

    class Meta:
        verbose_name = _("核验")
        verbose_name_plural = _("核验")
        ordering = ["item", "verified_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(method=VerificationMethod.PUBLIC_ASSESSMENT)
                | Q(satisfaction__isnull=False),
                name="verification_assessment_has_score",
                violation_error_message=_("群众评议必须填写满意度。"),
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__lte=100),
                name="verification_score_at_most_100",
                violation_error_message=_("满意度不能超过100%。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} · {self.get_result_display()}"


class VerificationEvidence(Attachment):
    verification = models.ForeignKey(
        Verification, verbose_name=_("核验"), on_delete=models.CASCADE, related_name="evidence"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("核验佐证材料")
        verbose_name_plural = _("核验佐证材料")
