"""Filters of problems and clues: by round, term, place, team, state, dates and amounts.

Ids are parsed as integers (a malformed one is a 400) and only narrow the rows the user
already sees (``inspection.filtersets.IdFilter``): asking for a round outside one's
scope answers an empty page, as if it had no rows, rather than telling whether it exists.
"""

import django_filters
from django.db.models import QuerySet

from findings.choices import (
    ClueOutcome,
    ClueStatus,
    DispositionMethod,
    ProblemNature,
    ProblemSource,
    ProblemStatus,
    Severity,
)
from findings.models import Clue, Problem, TransferLetter
from findings.selectors import clue_late_condition
from inspection.choices import AttentionClass, ReceivingBody
from inspection.filtersets import (
    AmountRangeFilter,
    BooleanFilter,
    DayRangeFilter,
    FilterSet,
    IdFilter,
)
from rounds.choices import RoundMode


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
    focus = IdFilter(field_name="problem_class__aspect__focus_id", label="四个聚焦")
    aspect = IdFilter(field_name="problem_class__aspect_id", label="方面")
    problem_class = IdFilter(field_name="problem_class_id", label="问题类别（类）")
    nature = django_filters.ChoiceFilter(choices=ProblemNature.choices, label="问题性质")
    status = django_filters.ChoiceFilter(choices=ProblemStatus.choices, label="状态")
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label="严重程度")
    source = django_filters.ChoiceFilter(choices=ProblemSource.choices, label="问题来源")
    supervision_item = IdFilter(field_name="supervision_item_id", label="监督重点")
    is_common = BooleanFilter(label="共性问题")
    fix_immediately = BooleanFilter(label="立行立改")
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
    transferred_on_site = BooleanFilter(label="巡中快速移交")
    transferred_on = DayRangeFilter(
        label="移交日期（transferred_on_after、transferred_on_before，含当日）"
    )
    result_due_on = DayRangeFilter(
        label="反馈结果期限（result_due_on_after、result_due_on_before，含当日）"
    )
    late = BooleanFilter(
        method="filter_late",
        label="逾期未反馈结果：已移交、已接收或处置中，且反馈结果期限早于今天",
    )

    class Meta:
        model = Clue
        fields = ()

    def filter_late(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        late = clue_late_condition()
        return queryset.filter(late) if value else queryset.exclude(late)


class TransferLetterFilterSet(FilterSet):
    body = django_filters.ChoiceFilter(choices=ReceivingBody.choices, label="受理机关")
    sent_on = DayRangeFilter(label="移交日期（sent_on_after、sent_on_before，含当日）")

    class Meta:
        model = TransferLetter
        fields = ()
