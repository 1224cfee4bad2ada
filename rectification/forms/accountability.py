"""The forms of 问责 (提请 → 决定) and 第一种形态. Each parses types; the service called
with its data checks the rules (the form fits the target, the body's document)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField
from rectification.choices import (
    AccountabilityForm,
    AccountabilityTarget,
    DecidingBody,
    FirstFormKind,
)
from rectification.forms.fields import text_field


class ProposalForm(forms.Form):
    """提请问责 of a cadre or a party organisation of the item's unit."""

    target_kind = forms.ChoiceField(
        label=_("问责对象类别"),
        choices=AccountabilityTarget.choices,
        initial=AccountabilityTarget.PERSON,
        widget=forms.RadioSelect,
    )
    person_name = forms.CharField(
        label=_("被问责人"), max_length=50, required=False, help_text=_("问责领导干部时填写。")
    )
    person_post = forms.CharField(label=_("职务"), max_length=100, required=False)
    organisation_name = forms.CharField(
        label=_("被问责党组织"),
        max_length=100,
        required=False,
        help_text=_("问责党组织时填写，如“××村党总支”。"),
    )
    facts = text_field(
        _("问责事实"), required=True, error_messages={"required": _("请填写问责事实。")}
    )
    suggested_form = forms.ChoiceField(
        label=_("建议问责方式"),
        choices=AccountabilityForm.choices,
        error_messages={"required": _("请选择建议的问责方式。")},
    )
    deciding_body = forms.ChoiceField(
        label=_("提请决定机关"),
        choices=DecidingBody.choices,
        error_messages={"required": _("请选择问责决定机关。")},
    )
    proposed_on = DayField(_("提请日期"), initial=timezone.localdate)


class DecisionForm(forms.Form):
    """The deciding body's decision: a form of 问责 with its document, or 不予问责."""

    pursued = forms.TypedChoiceField(
        label=_("决定"),
        choices=((True, _("决定问责")), (False, _("不予问责"))),
        coerce=lambda value: value in (True, "True"),
        initial=True,
        widget=forms.RadioSelect,
    )
    form = forms.ChoiceField(
        label=_("问责方式"),
        choices=[("", "---------"), *AccountabilityForm.choices],
        required=False,
    )
    decided_on = DayField(_("决定日期"), initial=timezone.localdate)
    document_number = forms.CharField(label=_("决定文号"), max_length=50, required=False)
    document = forms.FileField(
        label=_("问责决定文书"),
        required=False,
        help_text=_("巡察办代为登记时必须上传决定机关的问责决定文书。"),
    )
    note = text_field(_("决定说明"))


class FirstFormForm(forms.Form):
    """第一种形态: 约谈 or 批评教育 of a cadre."""

    kind = forms.ChoiceField(label=_("方式"), choices=FirstFormKind.choices)
    person_name = forms.CharField(
        label=_("对象"), max_length=50, error_messages={"required": _("请填写对象姓名。")}
    )
    person_post = forms.CharField(label=_("职务"), max_length=100, required=False)
    reason = text_field(_("事由"), required=True, error_messages={"required": _("请填写事由。")})
    conducted_on = DayField(_("日期"), initial=timezone.localdate)
