"""The problem taxonomy (四个聚焦 → 方面 → 类): county data, edited in the admin.

A problem is classified by its third level (``ProblemClass``); its aspect and focus are
joins, never stored twice. An entry in use is deactivated, not deleted (PROTECT): the
problems filed under it keep their class.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProblemFocus(models.Model):
    """One of the four focuses (四个聚焦) of a village inspection."""

    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("聚焦"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("四个聚焦")
        verbose_name_plural = _("四个聚焦")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ProblemAspect(models.Model):
    """An aspect (方面) under one focus."""

    focus = models.ForeignKey(
        ProblemFocus, verbose_name=_("聚焦"), on_delete=models.PROTECT, related_name="aspects"
    )
    name = models.CharField(_("方面"), max_length=100)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("问题方面")
        verbose_name_plural = _("问题方面")
        ordering = ["focus__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["focus", "name"], name="problem_aspect_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ProblemClass(models.Model):
    """A class (类) of problems under one aspect: what a problem is filed as.

    ``code`` is a stable key for the classes the product ships (the twelve former
    categories keep their old values); a class the county adds may go without one.
    """

    aspect = models.ForeignKey(
        ProblemAspect, verbose_name=_("方面"), on_delete=models.PROTECT, related_name="classes"
    )
    code = models.SlugField(_("代码"), max_length=32, blank=True)
    name = models.CharField(_("类"), max_length=100)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("问题类别")
        verbose_name_plural = _("问题类别")
        ordering = ["aspect__focus__order", "aspect__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["aspect", "name"], name="problem_class_unique_name"),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="problem_class_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name
