"""Must-lists (必谈 / 必访 / 必查 / 必看) as county data: a county default, and a round's own
list of a kind where the round sets one; and the team's record of each item met at a
village. A 必谈 item of an interviewee category is met by an interview of that category,
so it is never ticked by hand."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rounds.choices import IntervieweeCategory, MustListKind


class MustItem(models.Model):
    list_kind = models.CharField(_("清单"), max_length=8, choices=MustListKind.choices)
    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="must_items",
        help_text=_("留空为全县默认清单；轮次设置了某一清单的，以轮次的为准。"),
    )
    label = models.CharField(_("内容"), max_length=60)
    interviewee_category = models.CharField(
        _("谈话对象类别"),
        max_length=32,
        choices=IntervieweeCategory.choices,
        blank=True,
        help_text=_("必谈：与该类别谈话即算谈到；留空则由巡察组勾记。"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("必谈必访清单条目")
        verbose_name_plural = _("必谈必访清单")
        ordering = ["list_kind", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(list_kind=MustListKind.TALK) | Q(interviewee_category=""),
                name="must_item_category_only_for_talks",
                violation_error_message=_("只有必谈条目可以对应谈话对象类别。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_list_kind_display()} · {self.label}"


class MustItemCheck(models.Model):
    """A must-list item met at one inspected village, as the team records it."""

    assignment = models.ForeignKey(
        "rounds.Assignment",
        verbose_name=_("巡察对象"),
        on_delete=models.CASCADE,
        related_name="must_checks",
    )
    item = models.ForeignKey(
        MustItem, verbose_name=_("清单条目"), on_delete=models.PROTECT, related_name="checks"
    )
    done_on = models.DateField(_("完成日期"), default=timezone.localdate)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("清单完成情况")
        verbose_name_plural = _("清单完成情况")
        ordering = ["assignment", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "item"],
                name="must_item_checked_once_per_assignment",
                violation_error_message=_("该条目已登记完成。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.item}"
