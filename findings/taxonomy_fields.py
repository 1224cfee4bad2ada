"""Form fields that pick a problem's class (四个聚焦 → 方面 → 类) and its nature, and the
screens' filters by a level of the taxonomy.

The class is one select grouped by "聚焦 · 方面" (optgroups), so it works without
JavaScript on any phone; its choices are the active classes under an active aspect and
focus, read in one query when the form is built.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from findings.choices import ProblemNature
from findings.models import ProblemClass
from inspection.permissions import visible


def active_classes():
    """The classes a problem may be filed under now, in the catalogue's order."""
    return (
        ProblemClass.objects.filter(
            is_active=True, aspect__is_active=True, aspect__focus__is_active=True
        )
        .select_related("aspect__focus")
        .order_by(
            "aspect__focus__order", "aspect__focus_id", "aspect__order", "aspect_id", "order", "id"
        )
    )


def grouped_class_choices(empty_label) -> list:
    """``[("", empty_label), ("聚焦 · 方面", [(id, 类), …]), …]``."""
    groups: dict[str, list] = {}
    for problem_class in active_classes():
        aspect = problem_class.aspect
        groups.setdefault(f"{aspect.focus.name} · {aspect.name}", []).append(
            (problem_class.pk, problem_class.name)
        )
    return [("", empty_label), *groups.items()]


class ProblemClassField(forms.TypedChoiceField):
    """The class's id (None when left out: a draft may wait for it); the service checks
    that it is still active."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("问题类别"))
        kwargs.setdefault(
            "help_text", _("按四个聚焦 → 方面 → 类选择；草稿可暂不选，提交复核前必须选定。")
        )
        super().__init__(coerce=int, empty_value=None, required=False, **kwargs)
        self.error_messages["invalid_choice"] = _("所选问题类别不存在或已停用。")

    def load_choices(self) -> None:
        self.choices = grouped_class_choices(_("（暂不选）"))


def nature_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("问题性质"),
        choices=[("", _("（暂不选）")), *ProblemNature.choices],
        required=False,
        help_text=_("草稿可暂不选，提交复核前必须选定。"),
        error_messages={"invalid_choice": _("所选问题性质不是有效的选项。")},
    )


def taxonomy_of(model):
    """The entries of a taxonomy level as a filter's choices (the inactive ones too: old
    problems are filed under them)."""

    def entries(request):
        if request is None:
            return model.objects.none()
        return visible(model, request.user)

    return entries


def taxonomy_filter(model, field_name, label):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=taxonomy_of(model), label=label, empty_label=_("全部")
    )
