"""Filters of the rounds app's resources.

A filter naming a record (round, team, …) takes its id (``inspection.filtersets``):
an unknown id and one out of the user's scope both find nothing. Date ranges are
``<date>_after`` and ``<date>_before`` (inclusive); on a date-and-time column they
compare the local date.
"""

import django_filters
from django.db.models import Exists, OuterRef

from inspection.choices import AttentionClass
from inspection.filtersets import BooleanFilter, FilterSet, by, dates
from inspection.models import RecusalDeclaration
from inspection.permissions import visible
from rounds.choices import RoundStatus
from rounds.models import (
    Activity,
    Assignment,
    InspectionRound,
    Interview,
    Petition,
    SupervisionItem,
    Team,
    TeamMember,
)


def attention_class(field_name: str) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        field_name=field_name, choices=AttentionClass.choices, label="村(社区)关注类别"
    )


class SupervisionItemFilterSet(FilterSet):
    round = by("rounds", "选用该监督重点的轮次")

    class Meta:
        model = SupervisionItem
        fields = ("focus_area", "is_active")


class RoundFilterSet(FilterSet):
    term = by("term", "届次")
    town = by("assignments__town", "巡察对象所在乡镇", method="with_assignment")
    village = by("assignments__village", "巡察对象村(社区)", method="with_assignment")
    revisits = by("revisits", "回头看所针对的轮次")
    on_site_from = dates("on_site_from", "进驻日期")

    class Meta:
        model = InspectionRound
        fields = ("mode", "status")

    def with_assignment(self, queryset, name, value):
        """Rounds with an assignment the user sees in the town or village (each round
        once): an assignment out of sight says nothing, not even that it exists."""
        if value is None:
            return queryset
        field = name.removeprefix("assignments__")
        seen = visible(Assignment, getattr(self.request, "user", None))
        assigned = seen.filter(round_id=OuterRef("pk"), **{f"{field}_id": value})
        return queryset.filter(Exists(assigned))


class TeamFilterSet(FilterSet):
    round = by("round", "巡察轮次")
    term = by("round__term", "届次")
    round_status = django_filters.ChoiceFilter(
        field_name="round__status", choices=RoundStatus.choices, label="轮次状态"
    )

    class Meta:
        model = Team
        fields = ("number",)


class TeamMemberFilterSet(FilterSet):
    team = by("team", "巡察组")
    round = by("team__round", "巡察轮次")
    user = by("user", "成员")

    class Meta:
        model = TeamMember
        fields = ("role",)


class AssignmentFilterSet(FilterSet):
    round = by("round", "巡察轮次")
    term = by("round__term", "届次")
    round_status = django_filters.ChoiceFilter(
        field_name="round__status", choices=RoundStatus.choices, label="轮次状态"
    )
    town = by("town", "乡镇(街道)")
    village = by("village", "村(社区)")
    team = by("team", "巡察组")
    attention_class = attention_class("village__attention_class")
    town_committee = BooleanFilter(
        field_name="village", lookup_expr="isnull", label="巡察对象为乡镇党委本身"
    )
    on_site_from = dates("on_site_from", "进驻日期")

    class Meta:
        model = Assignment
        fields = ("is_key",)


class RecusalDeclarationFilterSet(FilterSet):
    user = by("user", "申报人")
    town = by("town", "乡镇(街道)")
    village = by("village", "村(社区)")

    class Meta:
        model = RecusalDeclaration
        fields = ("kind",)


class OnSiteFilterSet(FilterSet):
    """Interviews and activities: by the round, place and team of their assignment."""

    round = by("assignment__round", "巡察轮次")
    term = by("assignment__round__term", "届次")
    assignment = by("assignment", "巡察对象")
    town = by("assignment__town", "乡镇(街道)")
    village = by("assignment__village", "村(社区)")
    team = by("assignment__team", "巡察组")
    attention_class = attention_class("assignment__village__attention_class")


class InterviewFilterSet(OnSiteFilterSet):
    held_at = dates("held_at__date", "谈话日期")

    class Meta:
        model = Interview
        fields = ("interviewee_category",)


class ActivityFilterSet(OnSiteFilterSet):
    held_on = dates("held_on", "活动日期")

    class Meta:
        model = Activity
        fields = ("kind",)


class PetitionFilterSet(FilterSet):
    round = by("round", "巡察轮次")
    term = by("round__term", "届次")
    assignment = by("assignment", "涉及巡察对象")
    town = by("assignment__town", "涉及乡镇(街道)")
    village = by("assignment__village", "涉及村(社区)")
    team = by("assignment__team", "巡察组")
    attention_class = attention_class("assignment__village__attention_class")
    received_at = dates("received_at__date", "受理日期")

    class Meta:
        model = Petition
        fields = ("channel", "status", "disposition", "is_anonymous")
