"""The reports page: the scope of an Excel summary to request, and the filter of the jobs.

The scope has the exports API's fields (``reports.api.exports.ExportRequestSerializer``):
term, round, town, village, team and a date range, each optional. Villages and teams
are offered for the chosen town and round only (a county has hundreds of villages), and
rounds for the chosen term. The page's script (static/js/choices.js) fills them as soon
as a town, round or term is chosen, from ``export_choices``; without the script
"更新选项" re-renders the form with them, without requesting anything.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField
from inspection.models import Term, Town, Village
from inspection.permissions import visible
from reports.exports.services import may_export
from reports.models import ExportJob, ExportKind, ExportStatus
from rounds.models import InspectionRound, Team

ANY = _("不限")
MAX_ID = 2**63 - 1


def _id(value) -> int | None:
    """An id from a form value, or None (a malformed one narrows nothing)."""
    if isinstance(value, list):
        value = value[-1] if value else None
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def _choice(label, queryset, help_text="", *, depends_on="", help_script=""):
    """A select of records; one that ``depends_on`` another field says so to the script,
    with the help it shows while that field is empty (``help_text`` is the no-script one)."""
    attrs = {"data-depends-on": depends_on, "data-help-script": help_script} if depends_on else {}
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=ANY,
        help_text=help_text,
        widget=forms.Select(attrs=attrs),
    )


class ExportRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("工作簿"),
        choices=ExportKind.choices,
        initial=ExportKind.SUMMARY,
        required=False,
        help_text=_("问题线索移交情况表单独成册，仅巡察办可导出；统计汇总表不含线索。"),
    )
    term = _choice(_("届次"), Term.objects.all())
    round = _choice(_("巡察轮次"), InspectionRound.objects.none(), depends_on="term")
    town = _choice(_("乡镇(街道)"), Town.objects.all())
    village = _choice(
        _("村(社区)"),
        Village.objects.none(),
        help_text=_("先选乡镇(街道)，再点“更新选项”。"),
        depends_on="town",
        help_script=_("先选乡镇(街道)。"),
    )
    team = _choice(
        _("巡察组"),
        Team.objects.none(),
        help_text=_("先选巡察轮次，再点“更新选项”。"),
        depends_on="round",
        help_script=_("先选巡察轮次。"),
    )

    # The selects whose choices follow another field's value (the script refills them).
    DEPENDENT = ("round", "village", "team")
    date_from = DayField(_("开始日期"), required=False)
    date_to = DayField(
        _("结束日期"),
        required=False,
        help_text=_("各项数字按各自的日期（谈话日期、问题记录日期、移交日期等）落入此范围。"),
    )

    def __init__(self, data=None, *, user, initial=None):
        super().__init__(data, initial=initial)
        # Every choice within what ``user`` sees: a select never lists, nor accepts, a
        # record outside the scope (an id outside it is refused as an unknown one).
        if not may_export(user, ExportKind.CLUES):
            del self.fields["kind"]  # the statistics workbook is the one they may have
        self.fields["term"].queryset = visible(Term, user)
        self.fields["town"].queryset = visible(Town, user)
        source = data if data is not None else (initial or {})
        term, round_, town = (_id(source.get(name)) for name in ("term", "round", "town"))
        rounds = visible(InspectionRound, user).select_related("term")
        self.fields["round"].queryset = rounds = rounds.filter(term_id=term) if term else rounds
        if town:
            self.fields["village"].queryset = visible(Village, user).filter(town_id=town)
            self.fields["village"].help_text = ""
        if round_ and rounds.filter(pk=round_).exists():  # not a round of another term
            self.fields["team"].queryset = visible(Team, user).filter(round_id=round_)
            self.fields["team"].help_text = ""

    def dependent_choices(self) -> dict:
        """The choices of each dependent select for the values the form was given: what
        the script puts in them (the values and labels the no-script form renders)."""
        return {
            name: [[str(value), str(label)] for value, label in self.fields[name].choices]
            for name in self.DEPENDENT
        }

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_from", _("开始日期不能晚于结束日期。"))
        return data

    def scope(self) -> dict:
        """The keyword arguments of ``export_request``."""
        data = self.cleaned_data
        ids = {
            f"{name}_id": data[name].pk if data.get(name) else None
            for name in ("term", "round", "town", "village", "team")
        }
        return {
            **ids,
            "kind": data.get("kind") or ExportKind.SUMMARY,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class ExportJobFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ExportStatus.choices, empty_label=_("全部")
    )

    class Meta:
        model = ExportJob
        fields = ()
