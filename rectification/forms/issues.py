"""The forms of the 反馈问题 page: an issue (new or edited), its number, a paper's issue,
a paper left out. They parse types; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rectification.choices import IssueLedgerMode
from rectification.forms.fields import text_field


class IssueForm(forms.Form):
    title = forms.CharField(
        label=_("问题"), max_length=200, error_messages={"required": _("请填写反馈问题的标题。")}
    )
    aspect = forms.TypedChoiceField(label=_("方面"), coerce=int, required=False, empty_value=None)
    text = text_field(_("具体表现概述"), rows=2)
    ledger_mode = forms.ChoiceField(
        label=_("建账方式"),
        choices=IssueLedgerMode.choices,
        initial=IssueLedgerMode.PER_PROBLEM,
    )

    def __init__(self, *args, aspects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].choices = [("", "—"), *((a.pk, str(a)) for a in aspects)]


class RenumberForm(forms.Form):
    number = forms.IntegerField(label=_("反馈问题编号"), min_value=1, max_value=999)


class MoveForm(forms.Form):
    issue = forms.IntegerField(label=_("归入反馈问题"), min_value=1)


class LeaveOutForm(forms.Form):
    reason = forms.CharField(
        label=_("不予反馈理由"),
        max_length=500,
        error_messages={"required": _("请写明不予反馈的理由。")},
    )
