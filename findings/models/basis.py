"""定性依据: the rules a problem may be found to break, kept by the county."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProblemBasis(models.Model):
    """One article of a rule (《中国共产党纪律处分条例》第一百零二条) a 底稿 may cite as the
    ground of its finding. Reference data: the office edits the list in the admin."""

    title = models.CharField(
        _("制度名称"), max_length=200, help_text=_("不含书名号，如：中国共产党纪律处分条例")
    )
    article = models.CharField(
        _("条款"), max_length=50, blank=True, help_text=_("如：第一百零二条")
    )
    text = models.TextField(_("条文"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("定性依据")
        verbose_name_plural = _("定性依据")
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "article"],
                name="problem_basis_unique_article",
                violation_error_message=_("同一制度的同一条款只能登记一次。"),
            ),
        ]

    def __str__(self) -> str:
        return f"《{self.title}》{self.article}"
