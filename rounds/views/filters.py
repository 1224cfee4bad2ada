"""The filters of the round screens: the API's filtersets, with selects for people.

The query-parameter names stay the API's (``term``, ``mode``, ``status``, ``town``,
``team`` …), so a link built for one works on the other.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspection.filtersets import BooleanFilter
from inspection.models import Term, Town
from inspection.permissions import visible
from rounds.filtersets import AssignmentFilterSet, RoundFilterSet, by
from rounds.models import Team


def _terms(request):
    return visible(Term, request.user).order_by("-starts_on") if request else Term.objects.none()


def _towns(request):
    return visible(Town, request.user).order_by("code") if request else Town.objects.none()


class RoundScreenFilterSet(RoundFilterSet):
    """Rounds by term, mode, status and town (a select instead of an id box), plus a
    search in title and theme; ``village`` (an id) still works from links."""

    search = django_filters.CharFilter(label=_("名称或主题"), method="search_text")
    term = django_filters.ModelChoiceFilter(label=_("届次"), queryset=_terms)
    town = django_filters.ModelChoiceFilter(
        label=_("巡察对象所在乡镇"), queryset=_towns, method="in_town"
    )
    village = by(
        "assignments__village",
        _("巡察对象村(社区)"),
        method="with_assignment",
        widget=forms.HiddenInput,
    )

    class Meta(RoundFilterSet.Meta):
        fields = ("search", "term", "mode", "status", "town", "village")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("revisits", "on_site_from"):
            self.filters.pop(name, None)
        self.filters["mode"].label = _("巡察方式")
        self.filters["status"].label = _("状态")

    def search_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(theme__icontains=value))

    def in_town(self, queryset, name, value):
        return self.with_assignment(queryset, "assignments__town", value.pk if value else None)


class AssignmentScreenFilterSet(AssignmentFilterSet):
    """A round's assignments by town and team (the round is the page's own)."""

    town = django_filters.ModelChoiceFilter(label=_("乡镇(街道)"), queryset=_towns)
    team = django_filters.ModelChoiceFilter(
        label=_("巡察组"), queryset=Team.objects.none(), null_label=_("未指定巡察组")
    )
    is_key = BooleanFilter(
        label=_("重点村"),
        widget=forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]),
    )

    class Meta(AssignmentFilterSet.Meta):
        fields = ("town", "team", "is_key")

    def __init__(self, *args, inspection_round=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "round",
            "term",
            "round_status",
            "village",
            "attention_class",
            "town_committee",
            "on_site_from",
        ):
            self.filters.pop(name, None)
        if inspection_round is not None:
            user = self.request.user if self.request else None
            teams = visible(Team, user).filter(round=inspection_round)
            self.filters["team"].queryset = teams
            self.filters["team"].field.label_from_instance = lambda team: team.name


def assignment_filterset_for(inspection_round):
    """The filterset class of one round's assignment table (its teams as choices)."""

    class RoundAssignments(AssignmentScreenFilterSet):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, inspection_round=inspection_round, **kwargs)

    return RoundAssignments
