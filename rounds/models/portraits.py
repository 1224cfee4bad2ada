"""The village's self-survey (自画像) and the town's pre-assessment (预画像) of a village in a
round (docs/DOMAIN.md "Places"): a fixed set of text sections each, drafted then submitted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rounds.choices import PORTRAIT_SECTIONS, PortraitKind, PortraitStatus


class VillagePortrait(models.Model):
    """One portrait of an assignment's village: ``sections`` maps each section's key (see
    ``PORTRAIT_SECTIONS``) to its text."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.CASCADE,
        related_name="portraits",
    )
    kind = models.CharField(_("类别"), max_length=8, choices=PortraitKind.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=PortraitStatus.choices, default=PortraitStatus.DRAFT
    )
    sections = models.JSONField(_("内容"), default=dict, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填写人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("村情画像")
        verbose_name_plural = _("村情画像")
        ordering = ["assignment", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind"],
                name="portrait_one_per_kind",
                violation_error_message=_("每个巡察对象的自画像、预画像各只有一份。"),
            ),
            models.CheckConstraint(
                condition=Q(status=PortraitStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="portrait_submitted_has_time",
                violation_error_message=_("已提交的画像必须有提交时间。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_kind_display()}"

    @property
    def filled_sections(self) -> list[tuple[str, str]]:
        """[(heading, text)] in the fixed order of the kind's sections."""
        return [
            (str(heading), self.sections.get(key, ""))
            for key, heading in PORTRAIT_SECTIONS[PortraitKind(self.kind)]
        ]
