"""回头看: the team's verdict on one previous item."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField
from rectification.choices import LookBackVerdict
from rectification.forms.fields import text_field


class LookBackCheckForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    verdict = forms.ChoiceField(
        label=_("核查结论"),
        choices=LookBackVerdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择核查结论。")},
    )
    note = text_field(_("核查情况"), rows=2, help_text=_("认定假改或反弹须写明核查情况。"))
    deadline = DayField(
        _("新的整改时限"), required=False, help_text=_("假改、反弹重新打开条目时可重定时限。")
    )
