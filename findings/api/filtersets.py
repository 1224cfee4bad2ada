"""Filters of problems and clues: by round, term, place, team, state, dates and amounts.

Ids are parsed as integers (a malformed one is a 400) and only narrow the rows the user
already sees (``inspection.api.filtersets.IdFilter``): asking for a round outside one's
scope answers an empty page, as if it had no rows, rather than telling whether it exists.
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.fields import DateRangeField, RangeField

from findings.choices import (
    ClueOutcome,
    ClueStatus,
    DispositionMethod,
    ProblemCategory,
    ProblemSource,
    ProblemStatus,
    Severity,
)
from findings.models import Clue, Problem
from findings.selectors import clue_late_condition
from inspection.api.filtersets import FilterSet, IdFilter
from inspection.choices import AttentionClass, ReceivingBody
from rounds.choices import RoundMode


class YesNoField(forms.NullBooleanField):
    """``true``/``false`` (or ``1``/``0``); anything else is refused rather than ignored."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        answer = {"true": True, "1": True, "false": False, "0": False}.get(str(value).lower())
        if answer is None:
            raise forms.ValidationError("请填写 true 或 false。", code="invalid")
        return answer

    def validate(self, value):
        pass


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class DayRangeField(DateRangeField):
    """``<name>_after`` / ``<name>_before`` as plain dates, both days included.

    django-filter's own field turns them into datetimes at midnight, which overflow at
    the ends of the calendar (0001-01-01 in Shanghai is before year 1 in UTC).
    """

    def compress(self, data_list):
        return slice(*data_list) if data_list else None


class DayRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = DayRangeField


class AmountRangeField(RangeField):
    """``<name>_min`` / ``<name>_max``: sums in yuan, as stored (14 digits, 2 decimals)."""

    def __init__(self, *args, **kwargs):
        fields = (
            forms.DecimalField(max_digits=14, decimal_places=2),
            forms.DecimalField(max_digits=14, decimal_places=2),
        )
        super().__init__(fields, *args, **kwargs)


class AmountRangeFilter(django_filters.RangeFilter):
    field_class = AmountRangeField


class ProblemFilterSet(FilterSet):
    round = IdFilter(field_name="assignment__round_id", label="巡察轮次")
    term = IdFilter(field_name="assignment__round__term_id", label="届")
    mode = django_filters.ChoiceFilter(
        field_name="assignment__round__mode", choices=RoundMode.choices, label="巡察方式"
    )
    assignment = IdFilter(field_name="assignment_id", label="巡察对象")
    town = IdFilter(field_name="assignment__town_id", label="乡镇")
    village = IdFilter(field_name="assignment__village_id", label="村(社区)")
    team = IdFilter(field_name="assignment__team_id", label="巡察组")
    attention_class = django_filters.ChoiceFilter(
        field_name="assignment__village__attention_class",
        choices=AttentionClass.choices,
        label="村(社区)关注类别",
    )
    category = django_filters.ChoiceFilter(choices=ProblemCategory.choices, label="问题类别")
    status = django_filters.ChoiceFilter(choices=ProblemStatus.choices, label="状态")
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label="严重程度")
    source = django_filters.ChoiceFilter(choices=ProblemSource.choices, label="问题来源")
    supervision_item = IdFilter(field_name="supervision_item_id", label="监督重点")
    is_common = YesNoFilter(label="共性问题")
    fix_immediately = YesNoFilter(label="立行立改")
    created = DayRangeFilter(
        field_name="created_at__date", label="记录日期（created_after、created_before，含当日）"
    )
    amount = AmountRangeFilter(label="涉及金额(元)（amount_min、amount_max，含端点）")

    class Meta:
        model = Problem
        fields = ()


class ClueFilterSet(FilterSet):
    round = IdFilter(field_name="round_id", label="巡察轮次")
    term = IdFilter(field_name="round__term_id", label="届")
    mode = django_filters.ChoiceFilter(
        field_name="round__mode", choices=RoundMode.choices, label="巡察方式"
    )
    assignment = IdFilter(field_name="assignment_id", label="巡察对象")
    town = IdFilter(field_name="assignment__town_id", label="乡镇")
    village = IdFilter(field_name="assignment__village_id", label="村(社区)")
    team = IdFilter(field_name="assignment__team_id", label="巡察组")
    attention_class = django_filters.ChoiceFilter(
        field_name="assignment__village__attention_class",
        choices=AttentionClass.choices,
        label="村(社区)关注类别",
    )
    status = django_filters.ChoiceFilter(choices=ClueStatus.choices, label="状态")
    receiving_body = django_filters.ChoiceFilter(choices=ReceivingBody.choices, label="受理机关")
    disposition_method = django_filters.ChoiceFilter(
        choices=DispositionMethod.choices, label="处置方式"
    )
    outcome = django_filters.ChoiceFilter(choices=ClueOutcome.choices, label="办结结果")
    transferred_on_site = YesNoFilter(label="巡中快速移交")
    transferred_on = DayRangeFilter(
        label="移交日期（transferred_on_after、transferred_on_before，含当日）"
    )
    result_due_on = DayRangeFilter(
        label="反馈结果期限（result_due_on_after、result_due_on_before，含当日）"
    )
    late = YesNoFilter(
        method="filter_late",
        label="逾期未反馈结果：已移交、已接收或处置中，且反馈结果期限早于今天",
    )

    class Meta:
        model = Clue
        fields = ()

    def filter_late(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        late = clue_late_condition()
        return queryset.filter(late) if value else queryset.exclude(late)
