"""Filters of the rectification resources: place and round through the assignment, choices,
date ranges (``<date>_after`` / ``<date>_before``) and the derived overdue flag.

Records (round, town, feedback, problem, item, user …) are named by id
(``inspection.filtersets``): an unknown id and one outside the user's scope both
match nothing, an empty page, never a select listing every record of the county."""

import django_filters
from django.db.models import Q

from findings.choices import ProblemNature, Severity
from inspection.choices import AttentionClass
from inspection.filtersets import BooleanFilter, FilterSet, IdFilter, by, dates
from rectification.models import (
    Alert,
    Evaluation,
    Feedback,
    FeedbackBatch,
    Milestone,
    ProgressUpdate,
    RectificationItem,
    Verification,
)
from rectification.selectors import items_overdue


def place_filters(path: str) -> dict:
    """Round, term, town, village, team and attention class of the assignment at ``path``."""
    return {
        "round": by(f"{path}__round", "巡察轮次"),
        "term": by(f"{path}__round__term", "届次"),
        "town": by(f"{path}__town", "乡镇(街道)"),
        "village": by(f"{path}__village", "村(社区)"),
        "team": by(f"{path}__team", "巡察组"),
        "attention_class": django_filters.ChoiceFilter(
            field_name=f"{path}__village__attention_class",
            choices=AttentionClass.choices,
            label="关注类别",
        ),
    }


def by_place(path: str):
    """A FilterSet base class with the place filters of the assignment at ``path``."""
    return type("PlaceFilterSet", (FilterSet,), place_filters(path))


class FeedbackFilterSet(by_place("assignment")):
    fed_back_on = dates("fed_back_on", "反馈日期")
    plan_due_on = dates("plan_due_on", "整改方案报送期限")
    report_due_on = dates("report_due_on", "整改报告报送期限")
    plan_submitted = BooleanFilter(
        field_name="plan_submitted_on", lookup_expr="isnull", exclude=True, label="已报送整改方案"
    )
    report_submitted = BooleanFilter(
        field_name="report_submitted_on",
        lookup_expr="isnull",
        exclude=True,
        label="已报送整改报告",
    )

    class Meta:
        model = Feedback
        fields = ("assignment",)


class FeedbackBatchFilterSet(FilterSet):
    round = by("round", "巡察轮次")
    fed_back_on = dates("fed_back_on", "反馈日期")

    class Meta:
        model = FeedbackBatch
        fields = ()


class RectificationItemFilterSet(by_place("problem__assignment")):
    focus = IdFilter(field_name="problem__problem_class__aspect__focus_id", label="四个聚焦")
    aspect = IdFilter(field_name="problem__problem_class__aspect_id", label="方面")
    problem_class = IdFilter(field_name="problem__problem_class_id", label="问题类别（类）")
    nature = django_filters.ChoiceFilter(
        field_name="problem__nature", choices=ProblemNature.choices, label="问题性质"
    )
    severity = django_filters.ChoiceFilter(
        field_name="problem__severity", choices=Severity.choices, label="严重程度"
    )
    deadline = dates("deadline", "整改时限")
    fed_back_on = dates("feedback__fed_back_on", "反馈日期")
    overdue = BooleanFilter(method="filter_overdue", label="逾期（今天）")

    class Meta:
        model = RectificationItem
        fields = (
            "status",
            "mode",
            "responsible_unit_kind",
            "responsible_user",
            "feedback",
            "problem",
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return items_overdue(queryset)
        return queryset.exclude(pk__in=items_overdue(RectificationItem.objects.all()).values("pk"))


class MilestoneFilterSet(by_place("item__problem__assignment")):
    due_on = dates("due_on", "完成时限")
    completed = BooleanFilter(
        field_name="completed_on", lookup_expr="isnull", exclude=True, label="已完成"
    )

    class Meta:
        model = Milestone
        fields = ("item",)


class ProgressUpdateFilterSet(by_place("item__problem__assignment")):
    created_at = dates("created_at__date", "填报时间")

    class Meta:
        model = ProgressUpdate
        fields = ("item", "author")


class VerificationFilterSet(by_place("item__problem__assignment")):
    verified_at = dates("verified_at__date", "核验时间")

    class Meta:
        model = Verification
        fields = ("item", "method", "result", "verifier")


class AlertFilterSet(FilterSet):
    """Alerts of ledger items, of feedbacks' plan and report, of clues whose result is owed."""

    round = IdFilter(
        field_name="item__problem__assignment__round", method="filter_round", label="巡察轮次"
    )
    town = IdFilter(
        field_name="item__problem__assignment__town", method="filter_town", label="乡镇(街道)"
    )
    village = IdFilter(
        field_name="item__problem__assignment__village", method="filter_village", label="村(社区)"
    )
    for_clue = BooleanFilter(
        field_name="clue", lookup_expr="isnull", exclude=True, label="线索预警"
    )
    due_on = dates("due_on", "期限")
    created_at = dates("created_at__date", "预警时间")

    class Meta:
        model = Alert
        fields = ("stage", "item", "clue", "feedback", "document")

    @staticmethod
    def _either(queryset, field: str, value):
        if value is None:
            return queryset
        return queryset.filter(
            Q(**{f"item__problem__assignment__{field}": value})
            | Q(**{f"clue__assignment__{field}": value})
            | Q(**{f"feedback__assignment__{field}": value})
        )

    def filter_round(self, queryset, name, value):
        return self._either(queryset, "round", value)

    def filter_town(self, queryset, name, value):
        return self._either(queryset, "town", value)

    def filter_village(self, queryset, name, value):
        return self._either(queryset, "village", value)


class EvaluationFilterSet(by_place("assignment")):
    evaluated_on = dates("evaluated_on", "评估日期")

    class Meta:
        model = Evaluation
        fields = ("assignment", "batch")
