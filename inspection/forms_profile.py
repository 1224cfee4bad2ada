"""The office's forms for the village profile (村情画像): the party organisation, a year's
三资 figures, a large project, a roster entry. Each only parses; the services check."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.choices import PartyOrganisationKind, RosterBody
from inspection.forms import DayField

AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class PartyOrganisationForm(forms.Form):
    name = forms.CharField(label=_("党组织名称"), max_length=100)
    kind = forms.ChoiceField(label=_("党组织类型"), choices=PartyOrganisationKind.choices)


class FinanceForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=1949, max_value=2100)
    assets = forms.DecimalField(label=_("资产总额(元)"), **AMOUNT)
    debts = forms.DecimalField(label=_("负债总额(元)"), **AMOUNT)
    operating_income = forms.DecimalField(label=_("经营性收入(元)"), **AMOUNT)
    resources = forms.CharField(label=_("资源情况"), max_length=200, required=False)


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("项目名称"), max_length=100)
    year = forms.IntegerField(label=_("年度"), min_value=1949, max_value=2100)
    amount = forms.DecimalField(label=_("金额(元)"), **AMOUNT)
    funding = forms.CharField(label=_("资金来源"), max_length=100, required=False)
    progress = forms.CharField(label=_("进展情况"), max_length=100, required=False)
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea({"rows": 2}))


class RosterEntryForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    body = forms.ChoiceField(label=_("所属组织"), choices=RosterBody.choices)
    post = forms.CharField(label=_("职务"), max_length=50)
    started_on = DayField(_("任职起始"))
    ended_on = DayField(_("任职截止"), required=False)
    is_party_member = forms.BooleanField(label=_("党员"), required=False)


FORMS = {
    "party": PartyOrganisationForm,
    "finance": FinanceForm,
    "project": ProjectForm,
    "roster": RosterEntryForm,
}
