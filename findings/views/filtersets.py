"""The API's filtersets, dressed for a screen.

Same query parameters and the same filtering (the screens subclass the API's filtersets),
so a dashboard link such as ``/problems/?focus=2`` or ``/clues/?late=true``
means what it means in the API. What changes is how they render: rounds and towns are
select boxes, yes/no filters are 是/否 selects, dates are date pickers, and filters by
an id nobody types (village, team, assignment, term, supervision item) are hidden
fields: they still work from a link and are kept when the user filters further.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import RangeWidget

from findings.choices import (
    ClueOutcome,
    ClueStatus,
    DispositionMethod,
    ProblemNature,
    ProblemSource,
    ProblemStatus,
    Severity,
)
from findings.filtersets import ClueFilterSet, ProblemFilterSet
from findings.models import ProblemAspect, ProblemClass, ProblemFocus
from findings.selectors import CLUE_SEARCH_FIELDS
from findings.taxonomy_fields import taxonomy_filter
from inspection.choices import AttentionClass, ReceivingBody
from inspection.filtersets import AmountRangeFilter, BooleanFilter, DayRangeFilter, IdFilter
from inspection.models import Town
from inspection.permissions import visible
from inspection.web import SearchBox
from rounds.choices import RoundMode
from rounds.models import InspectionRound


class HiddenRangeWidget(RangeWidget):
    """``<name>_min`` / ``<name>_max`` as hidden inputs (kept, not shown)."""

    template_name = "django/forms/widgets/multiwidget.html"  # no "-" between the two

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, (forms.HiddenInput, forms.HiddenInput), attrs)


class HiddenDayRangeWidget(HiddenRangeWidget):
    suffixes = ["after", "before"]


def yes_no(label, **kwargs):
    """A yes/no filter as a select; the values stay the API's ``true`` / ``false``."""
    choices = (("", _("全部")), ("true", _("是")), ("false", _("否")))
    return BooleanFilter(label=label, widget=forms.Select(choices=choices), **kwargs)


def hidden_id(field_name, label):
    return IdFilter(field_name=field_name, label=label, widget=forms.HiddenInput)


def rounds_of(request):
    if request is None:
        return InspectionRound.objects.none()
    return visible(InspectionRound, request.user).order_by("-term__starts_on", "-ordinal")


def towns_of(request):
    if request is None:
        return Town.objects.none()
    return visible(Town, request.user).order_by("code")


def choice(choices, label, **kwargs):
    return django_filters.ChoiceFilter(
        choices=choices, label=label, empty_label=_("全部"), **kwargs
    )


class ProblemScreenFilterSet(ProblemFilterSet):
    search = SearchBox(
        fields=("facts", "assignment__village__name", "assignment__town__name"),
        label=_("搜索"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("问题描述、村、镇")}),
    )
    round = django_filters.ModelChoiceFilter(
        field_name="assignment__round",
        queryset=rounds_of,
        label=_("巡察轮次"),
        empty_label=_("全部"),
    )
    town = django_filters.ModelChoiceFilter(
        field_name="assignment__town", queryset=towns_of, label=_("乡镇"), empty_label=_("全部")
    )
    focus = taxonomy_filter(ProblemFocus, "problem_class__aspect__focus", _("四个聚焦"))
    aspect = taxonomy_filter(ProblemAspect, "problem_class__aspect", _("方面"))
    problem_class = taxonomy_filter(ProblemClass, "problem_class", _("问题类别"))
    nature = choice(ProblemNature.choices, _("问题性质"))
    status = choice(ProblemStatus.choices, _("状态"))
    severity = choice(Severity.choices, _("严重程度"))
    source = choice(ProblemSource.choices, _("问题来源"))
    mode = choice(RoundMode.choices, _("巡察方式"), field_name="assignment__round__mode")
    attention_class = choice(
        AttentionClass.choices,
        _("关注类别"),
        field_name="assignment__village__attention_class",
    )
    fix_immediately = yes_no(_("立行立改"))
    is_common = yes_no(_("共性问题"))
    created = DayRangeFilter(field_name="created_at__date", label=_("记录日期"))
    # Kept from links, not shown.
    term = hidden_id("assignment__round__term_id", _("届次"))
    assignment = hidden_id("assignment_id", _("巡察对象"))
    village = hidden_id("assignment__village_id", _("村(社区)"))
    team = hidden_id("assignment__team_id", _("巡察组"))
    supervision_item = hidden_id("supervision_item_id", _("监督重点"))
    amount = AmountRangeFilter(label=_("涉及金额(元)"), widget=HiddenRangeWidget)

    class Meta(ProblemFilterSet.Meta):
        pass


def shown_first(filterset_class, names):
    """Put the filters ``names`` first, in that order (the parent's order is the API's)."""
    filters = filterset_class.base_filters
    filterset_class.base_filters = {
        **{name: filters[name] for name in names},
        **{name: f for name, f in filters.items() if name not in names},
    }
    return filterset_class


class ClueScreenFilterSet(ClueFilterSet):
    # The summary and the persons concerned only where the user reads their names.
    search = SearchBox(
        fields=CLUE_SEARCH_FIELDS,
        label=_("搜索"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("摘要、函号、村")}),
    )
    round = django_filters.ModelChoiceFilter(
        field_name="round", queryset=rounds_of, label=_("巡察轮次"), empty_label=_("全部")
    )
    town = django_filters.ModelChoiceFilter(
        field_name="assignment__town", queryset=towns_of, label=_("乡镇"), empty_label=_("全部")
    )
    status = choice(ClueStatus.choices, _("状态"))
    receiving_body = choice(ReceivingBody.choices, _("受理机关"))
    late = yes_no(_("逾期未反馈结果"), method="filter_late")
    transferred_on_site = yes_no(_("巡中快速移交"))
    disposition_method = choice(DispositionMethod.choices, _("处置方式"))
    outcome = choice(ClueOutcome.choices, _("办结结果"))
    # Kept from links, not shown.
    mode = django_filters.ChoiceFilter(
        field_name="round__mode",
        choices=RoundMode.choices,
        label=_("巡察方式"),
        widget=forms.HiddenInput,
    )
    attention_class = django_filters.ChoiceFilter(
        field_name="assignment__village__attention_class",
        choices=AttentionClass.choices,
        label=_("关注类别"),
        widget=forms.HiddenInput,
    )
    term = hidden_id("round__term_id", _("届次"))
    assignment = hidden_id("assignment_id", _("巡察对象"))
    village = hidden_id("assignment__village_id", _("村(社区)"))
    team = hidden_id("assignment__team_id", _("巡察组"))
    transferred_on = DayRangeFilter(label=_("移交日期"), widget=HiddenDayRangeWidget)
    result_due_on = DayRangeFilter(label=_("反馈结果期限"), widget=HiddenDayRangeWidget)

    class Meta(ClueFilterSet.Meta):
        pass


shown_first(
    ProblemScreenFilterSet,
    (
        "search",
        "round",
        "town",
        "focus",
        "aspect",
        "problem_class",
        "nature",
        "status",
        "severity",
        "source",
        "mode",
        "attention_class",
        "fix_immediately",
        "is_common",
        "created",
    ),
)
shown_first(
    ClueScreenFilterSet,
    (
        "search",
        "round",
        "town",
        "status",
        "receiving_body",
        "late",
        "transferred_on_site",
        "disposition_method",
        "outcome",
    ),
)


class DeskFilterSet(django_filters.FilterSet):
    """The liaison's desk: a search within the tab (the tab itself is kept, hidden)."""

    # The summary and the persons concerned only where the user reads their names.
    search = SearchBox(
        fields=CLUE_SEARCH_FIELDS,
        label=_("搜索"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("摘要、函号、村")}),
    )
    tab = django_filters.CharFilter(method="keep", widget=forms.HiddenInput, label=_("分类"))

    class Meta:
        fields = ()

    def keep(self, queryset, name, value):
        return queryset
