"""个性监督清单 and 谈话提纲: per inspected village, drafted from the round's checklist, the
village's profile and the 函调 replies, then edited by the team (docs/DOMAIN.md, "Before
the round")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rounds.request_choices import BriefKind


class AssignmentBrief(models.Model):
    """One assignment's 个性监督清单 or 谈话提纲: ordered sections, each a title and lines.

    ``sections`` is ``[{"title": "…", "lines": ["…", …]}, …]``: the team edits, adds,
    removes and reorders lines; each save is one history row holding the whole text.
    """

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.CASCADE,
        related_name="briefs",
    )
    kind = models.CharField(_("类型"), max_length=12, choices=BriefKind.choices)
    sections = models.JSONField(_("内容"), default=list)
    drafted_at = models.DateTimeField(_("起草时间"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最后修改人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("个性监督清单/谈话提纲")
        verbose_name_plural = _("个性监督清单/谈话提纲")
        ordering = ["assignment_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind"],
                name="assignment_brief_one_per_kind",
                violation_error_message=_("每个巡察对象的个性监督清单、谈话提纲各只有一份。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_kind_display()}"

    @property
    def line_count(self) -> int:
        return sum(len(section.get("lines", [])) for section in self.sections)
