"""The filters of the ledger screens: the API's parameter names, choices a person can pick.

``ItemScreenFilterSet`` keeps the query parameters of the API's RectificationItemFilterSet
(so a dashboard link such as ``/items/?status=submitted`` or ``?overdue=true`` works) and
adds ``stage`` (the three colours) and ``search``. Selects offer only what the user may
see (``ScopedChoiceFilter``); filters whose select would list every feedback, problem or
user of the county are plain ids here, carried as hidden fields.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from findings.choices import ProblemNature, Severity
from findings.models import ProblemAspect, ProblemClass, ProblemFocus
from findings.taxonomy_fields import taxonomy_filter
from inspection.choices import AlertStage, AttentionClass
from inspection.confidentiality import search_terms
from inspection.deadlines import StageWindows, stage_windows
from inspection.filtersets import BooleanFilter, IdFilter, ScopedChoiceFilter
from inspection.models import Town, Village
from inspection.permissions import visible
from rectification.choices import ItemStatus, RectificationMode, ResponsibleUnitKind
from rectification.filtersets import RectificationItemFilterSet
from rectification.models import RectificationItem
from rectification.selectors import stage_condition
from rounds.models import InspectionRound

ALL = _("全部")
YES_NO = (("", ALL), ("true", _("是")), ("false", _("否")))
# The API's search fields, and the village's name (what the office types first).
SEARCH_FIELDS = (
    "measures",
    "responsible_unit",
    "responsible_person",
    "problem__facts",
    "problem__assignment__village__name",
)


def today_windows() -> StageWindows:
    return stage_windows(timezone.localdate())


def search_condition(value: str, fields=SEARCH_FIELDS) -> Q:
    """Every word of ``value`` (the first ``MAX_SEARCH_TERMS``) in one of ``fields`` (as
    the API's ``search`` does)."""
    condition = Q()
    for word in search_terms(value.split()):
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def round_filter() -> ScopedChoiceFilter:
    return ScopedChoiceFilter(
        InspectionRound,
        field_name="problem__assignment__round",
        label=_("巡察轮次"),
        empty_label=ALL,
    )


def town_filter() -> ScopedChoiceFilter:
    return ScopedChoiceFilter(
        Town, field_name="problem__assignment__town", label=_("乡镇(街道)"), empty_label=ALL
    )


def mode_filter() -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        choices=RectificationMode.choices, label=_("整改方式"), empty_label=ALL
    )


def hidden_id(field_name: str) -> IdFilter:
    return IdFilter(field_name=field_name, widget=forms.HiddenInput)


def _int_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


class FilterBar:
    """How the filter bar lays the form out: the first filters always shown, ``MORE`` behind
    "更多筛选" (open when one of them is set), hidden ids kept as they came."""

    MORE: tuple[str, ...] = ()

    ORDER: tuple[str, ...] = ()

    @property
    def bar(self) -> dict:
        form = self.form
        form.order_fields(self.ORDER)
        visible = form.visible_fields()
        more = [field for field in visible if field.name in self.MORE]
        return {
            "main": [field for field in visible if field.name not in self.MORE],
            "more": more,
            "more_open": any(field.value() not in (None, "") for field in more),
            "hidden": form.hidden_fields(),
        }


class ItemScreenFilterSet(FilterBar, RectificationItemFilterSet):
    """整改台账 on screen: the API's filters, with selects sized for a person."""

    MORE = (
        "focus",
        "aspect",
        "problem_class",
        "nature",
        "severity",
        "responsible_unit_kind",
        "attention_class",
        "deadline_after",
        "deadline_before",
    )
    ORDER = ("search", "round", "town", "village", "status", "mode", "stage", "overdue", *MORE)

    search = django_filters.CharFilter(method="filter_search", label=_("搜索"))
    round = round_filter()
    town = town_filter()
    # Narrowed in __init__ to the chosen town's villages: a county has hundreds.
    village = django_filters.ModelChoiceFilter(
        field_name="problem__assignment__village",
        queryset=Village.objects.none(),
        label=_("村(社区)"),
        empty_label=ALL,
    )
    status = django_filters.ChoiceFilter(
        choices=ItemStatus.choices, label=_("状态"), empty_label=ALL
    )
    mode = mode_filter()
    stage = django_filters.ChoiceFilter(
        choices=AlertStage.choices, method="filter_stage", label=_("预警颜色"), empty_label=ALL
    )
    overdue = BooleanFilter(
        method="filter_overdue", label=_("逾期"), widget=forms.Select(choices=YES_NO)
    )
    focus = taxonomy_filter(ProblemFocus, "problem__problem_class__aspect__focus", _("四个聚焦"))
    aspect = taxonomy_filter(ProblemAspect, "problem__problem_class__aspect", _("方面"))
    problem_class = taxonomy_filter(ProblemClass, "problem__problem_class", _("问题类别"))
    nature = django_filters.ChoiceFilter(
        field_name="problem__nature",
        choices=ProblemNature.choices,
        label=_("问题性质"),
        empty_label=ALL,
    )
    severity = django_filters.ChoiceFilter(
        field_name="problem__severity",
        choices=Severity.choices,
        label=_("严重程度"),
        empty_label=ALL,
    )
    responsible_unit_kind = django_filters.ChoiceFilter(
        choices=ResponsibleUnitKind.choices, label=_("责任单位类型"), empty_label=ALL
    )
    attention_class = django_filters.ChoiceFilter(
        field_name="problem__assignment__village__attention_class",
        choices=AttentionClass.choices,
        label=_("关注类别"),
        empty_label=ALL,
    )
    # The API's ``deadline`` range, as its two parameters with a label each.
    deadline_after = django_filters.DateFilter(
        field_name="deadline",
        lookup_expr="gte",
        label=_("整改时限从"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    deadline_before = django_filters.DateFilter(
        field_name="deadline",
        lookup_expr="lte",
        label=_("整改时限至"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    fed_back_on_after = django_filters.DateFilter(
        field_name="feedback__fed_back_on", lookup_expr="gte", widget=forms.HiddenInput
    )
    fed_back_on_before = django_filters.DateFilter(
        field_name="feedback__fed_back_on", lookup_expr="lte", widget=forms.HiddenInput
    )
    term = hidden_id("problem__assignment__round__term")
    team = hidden_id("problem__assignment__team")
    feedback = hidden_id("feedback")
    problem = hidden_id("problem")
    responsible_user = hidden_id("responsible_user")
    # The API's range filters are replaced by the *_after / *_before filters above.
    deadline = None
    fed_back_on = None

    class Meta:
        model = RectificationItem
        fields = ()

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.windows = today_windows()
        data = data or {}
        town, village = _int_or_none(data.get("town")), _int_or_none(data.get("village"))
        villages = visible(Village, self.request.user if self.request else None)
        if town is not None:
            villages = villages.filter(town_id=town)
        elif village is not None:
            villages = villages.filter(pk=village)
        else:
            villages = villages.none()
        self.filters["village"].queryset = villages.order_by("name")

    def filter_search(self, queryset, name, value):
        return queryset.filter(search_condition(value)) if value.strip() else queryset

    def filter_stage(self, queryset, name, value):
        return queryset.filter(stage_condition(value, self.windows)) if value else queryset


class QueueFilterSet(FilterBar, django_filters.FilterSet):
    """The verification queue's filters: round, town and mode (the API's names)."""

    ORDER = ("search", "round", "town", "mode")

    round = round_filter()
    town = town_filter()
    mode = mode_filter()
    search = django_filters.CharFilter(method="filter_search", label=_("搜索"))

    class Meta:
        model = RectificationItem
        fields = ()

    def filter_search(self, queryset, name, value):
        return queryset.filter(search_condition(value)) if value.strip() else queryset
