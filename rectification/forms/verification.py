"""The office's forms on an item asking to be closed: verify (核验), return (退回)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.forms import EvidenceField
from rectification.choices import VerificationMethod, VerificationResult
from rectification.forms.fields import text_field


class VerifyForm(forms.Form):
    """核验: a passed result closes the item; a failed one returns it, the opinion its reason."""

    method = forms.ChoiceField(
        label=_("核验方式"),
        choices=VerificationMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择核验方式。")},
    )
    result = forms.ChoiceField(
        label=_("核验结果"),
        choices=VerificationResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择核验结果。")},
        help_text=_("通过即销号；不通过则退回责任单位，核验意见即退回理由。"),
    )
    satisfaction = forms.IntegerField(
        label=_("群众满意度(%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("群众评议时必填，0到100之间的整数。"),
        error_messages={"invalid": _("满意度须为0到100之间的整数。")},
    )
    note = text_field(_("核验意见"), help_text=_("核验不通过时必填。"))
    evidence = EvidenceField(
        label=_("核验材料"),
        help_text=_("现场照片、查阅记录、评议表等，可选择多个文件。"),
        required=True,
        error_messages={"required": _("核验须附核验材料。")},
    )


class ReturnForm(forms.Form):
    """退回: sent back without a verification; the reason is required."""

    reason = text_field(
        _("退回理由"),
        required=True,
        error_messages={"required": _("退回须说明理由。")},
        help_text=_("责任单位会看到退回理由。"),
    )
