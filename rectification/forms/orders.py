"""The team's forms for on-site orders (巡中立行立改): issue one, record its 签收."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField
from rectification.choices import OrderForm
from rectification.forms.fields import text_field


class OrderIssueForm(forms.Form):
    """立行立改通知: the confirmed problems of the village it covers, oral or written."""

    problems = forms.TypedMultipleChoiceField(
        label=_("涵盖的问题"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请选择立行立改通知涵盖的问题（至少一个）。")},
    )
    form = forms.ChoiceField(
        label=_("交办方式"),
        choices=OrderForm.choices,
        initial=OrderForm.WRITTEN,
        widget=forms.RadioSelect,
        help_text=_("书面通知按组按年编号（巡X组立改〔年〕N号）；口头交办不编号。"),
    )
    requirements = text_field(_("整改要求"), help_text=_("如：三日内退还多收的费用并公示。"))

    def __init__(self, *args, problems=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].choices = [
            (problem.pk, f"#{problem.pk} {problem}") for problem in problems
        ]


class OrderSignForm(forms.Form):
    """签收: who of the unit received the order, and when."""

    signer_name = forms.CharField(
        label=_("签收人"),
        max_length=50,
        error_messages={"required": _("请填写签收人。")},
    )
    signer_post = forms.CharField(label=_("签收人职务"), max_length=100, required=False)
    signed_on = DayField(_("签收日期"), initial=timezone.localdate)
