"""The dashboard's filter: a term (default: the current one) and, optionally, one of its
rounds. The query-parameter names are the statistics API's (``term``, ``round``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.models import Term
from rounds.models import InspectionRound


class DashboardFilterForm(forms.Form):
    term = forms.ModelChoiceField(
        label=_("届次"), queryset=Term.objects.order_by("-starts_on"), required=False
    )
    round = forms.ModelChoiceField(
        label=_("巡察轮次"),
        queryset=InspectionRound.objects.none(),
        required=False,
        empty_label=_("全部轮次"),
    )

    def __init__(self, data=None, *, default_term: Term | None = None):
        super().__init__(data)
        self.fields["term"].empty_label = None if default_term else _("—")
        self.fields["term"].initial = default_term
        term = default_term
        raw = (data or {}).get("term")
        if raw:
            try:
                term = Term.objects.filter(pk=int(raw)).first() or default_term
            except (TypeError, ValueError):
                term = default_term
        rounds = InspectionRound.objects.order_by("-ordinal")
        self.fields["round"].queryset = rounds.filter(term=term) if term else rounds.none()

    def choice(self) -> tuple[Term | None, InspectionRound | None]:
        """The term and round asked for; the defaults when the form is not valid."""
        default = self.fields["term"].initial
        if not self.is_bound or not self.is_valid():
            return default, None
        return self.cleaned_data["term"] or default, self.cleaned_data["round"]
