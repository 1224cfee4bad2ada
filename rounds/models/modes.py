"""巡察方式 as county data: the modes a county's assignments are made in.

Each mode is one of the kinds the product knows how to carry (``RoundMode``: a 专项
needs a theme, a 回头看 revisits an earlier round, 巡乡带村 takes the town committee as an
object), under the county's own name, and says whether it counts toward coverage (覆盖率):
a county setting, which a 回头看 never does (docs/DOMAIN.md, "Places").
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rounds.choices import RoundMode


class InspectionMode(models.Model):
    name = models.CharField(_("名称"), max_length=40, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=RoundMode.choices)
    counts_toward_coverage = models.BooleanField(
        _("计入巡察覆盖"),
        default=True,
        help_text=_("按本方式巡察的村(社区)是否计入本届巡察覆盖率。回头看一律不计入。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("巡察方式")
        verbose_name_plural = _("巡察方式")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RoundMode.LOOK_BACK) | Q(counts_toward_coverage=False),
                name="inspection_mode_look_back_never_covers",
                violation_error_message=_("回头看不计入巡察覆盖。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name
