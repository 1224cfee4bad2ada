"""The village registry's list: its filters and the rows it shows.

The filters keep the API's query-parameter names (``town``, ``kind``, ``attention_class``,
``is_active``, ``search``), so a link such as the dashboard's ``?town=<id>&inspected=no``
lands on the list it counts.
"""

import django_filters
from django import forms
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from inspection.choices import AttentionClass, VillageKind
from inspection.filtersets import ScopedChoiceFilter
from inspection.models import Term, Town, Village
from inspection.permissions import visible
from rectification.choices import ITEM_STATUSES_OPEN
from rectification.models import RectificationItem
from reports.statistics.figures import covering_assignments
from reports.statistics.scope import StatisticsFilter
from rounds.choices import ROUND_STATUSES_ON_SITE_OR_LATER
from rounds.models import Assignment

YES_NO = (("yes", _("是")), ("no", _("否")))


class VillageListFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("搜索"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("村名、村代码或乡镇")}),
    )
    town = ScopedChoiceFilter(Town, label=_("乡镇(街道)"), empty_label=_("全部"))
    kind = django_filters.ChoiceFilter(
        label=_("类型"), choices=VillageKind.choices, empty_label=_("全部")
    )
    attention_class = django_filters.ChoiceFilter(
        label=_("关注类别"), choices=AttentionClass.choices, empty_label=_("全部")
    )
    is_active = django_filters.ChoiceFilter(
        label=_("有效"), choices=YES_NO, method="filter_active", empty_label=_("全部")
    )
    inspected = django_filters.ChoiceFilter(
        label=_("巡察情况"),
        choices=(("yes", _("已巡察")), ("no", _("未巡察"))),
        method="filter_inspected",
        empty_label=_("全部"),
        help_text=_("按覆盖率口径：有效村(社区)在所选届次已进驻的轮次中有巡察对象即为已巡察。"),
    )
    term = ScopedChoiceFilter(Term, label=_("届次"), method="filter_term", empty_label=_("本届"))

    class Meta:
        model = Village
        fields = ()

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(code__startswith=value) | Q(town__name__icontains=value)
        )

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")

    def filter_term(self, queryset, name, value):
        return queryset  # the term only says which term ``inspected`` counts in

    def filter_inspected(self, queryset, name, value):
        """Inspected in the term exactly as the coverage figure counts it (over active
        villages, with the assignments ``covering_assignments`` names)."""
        term = self.form.cleaned_data.get("term")
        covering = covering_assignments(StatisticsFilter(term_id=term.pk if term else None))
        condition = Q(pk__in=covering.values("village_id"))
        return queryset.filter(condition if value == "yes" else ~condition, is_active=True)


def village_rows(user):
    """The villages ``user`` may see, each with the last round that inspected it and the
    count of its open ledger items, in one query (subqueries, scoped like every list)."""
    last = (
        visible(Assignment, user)
        .filter(village_id=OuterRef("pk"), round__status__in=ROUND_STATUSES_ON_SITE_OR_LATER)
        .order_by("-round__term__starts_on", "-round__ordinal")
    )
    open_items = (
        visible(RectificationItem, user)
        .filter(problem__assignment__village_id=OuterRef("pk"), status__in=ITEM_STATUSES_OPEN)
        .order_by()
        .values("problem__assignment__village_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        visible(Village, user)
        .select_related("town")
        .annotate(
            last_round_id=Subquery(last.values("round_id")[:1]),
            last_round_title=Subquery(last.values("round__title")[:1]),
            open_items=Coalesce(Subquery(open_items, output_field=IntegerField()), Value(0)),
        )
        .order_by("code")
    )
