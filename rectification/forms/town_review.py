"""The town reviewer's form on a village's request for closing (乡镇初审)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rectification.forms.fields import text_field


class TownReviewForm(forms.Form):
    """Pass the request on to the office, or return it to the village with a reason."""

    PASS = "pass"
    RETURN = "return"

    decision = forms.ChoiceField(
        label=_("初审意见"),
        choices=[(PASS, _("通过，报巡察办核验")), (RETURN, _("退回村(社区)"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择初审结论（通过或退回）。")},
    )
    reason = text_field(
        _("退回理由"),
        help_text=_("退回时必填，村(社区)会看到退回理由。"),
    )
