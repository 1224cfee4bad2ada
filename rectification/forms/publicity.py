"""整改公开: the forms of the draft's exemptions, the approval, the posting, the 群众评议."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField
from rectification.choices import PublicityChannel, PublicityExemptionReason

NO_EXEMPTION = [("", _("公开"))]


class ExemptionsForm(forms.Form):
    """One choice per ledger item: 公开, or the reason it is left out, with a note."""

    def __init__(self, *args, items, exempted: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            reason, note = exempted.get(item.pk, ("", ""))
            self.fields[f"reason_{item.pk}"] = forms.ChoiceField(
                label=str(item.issue.title if item.issue_id else item.pk),
                choices=NO_EXEMPTION + list(PublicityExemptionReason.choices),
                required=False,
                initial=reason,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("说明"), required=False, max_length=200, initial=note
            )

    def exemptions(self) -> list[tuple[int, str, str]]:
        data = self.cleaned_data
        return [
            (item.pk, data[f"reason_{item.pk}"], data[f"note_{item.pk}"])
            for item in self.items
            if data[f"reason_{item.pk}"]
        ]


class ApproveForm(forms.Form):
    approved_on = DayField(_("审定日期"), initial=timezone.localdate)
    document = forms.FileField(
        label=_("领导小组审定文件"),
        required=False,
        help_text=_("巡察办登记时必须上传；领导小组成员签批时可不上传。"),
    )


class PostForm(forms.Form):
    channel = forms.ChoiceField(label=_("公开方式"), choices=PublicityChannel.choices)
    place = forms.CharField(label=_("公开地点"), required=False, max_length=100)
    posted_on = DayField(_("公开日期"), initial=timezone.localdate)
    photo = forms.FileField(
        label=_("公开照片或截图"), error_messages={"required": _("请上传公开的照片或截图。")}
    )


class AssessForm(forms.Form):
    assessed_on = DayField(_("评议日期"), initial=timezone.localdate)
    sample_size = forms.IntegerField(label=_("参评人数"), min_value=1, max_value=1_000_000)
    satisfied = forms.IntegerField(label=_("满意"), min_value=0, max_value=1_000_000)
    basically_satisfied = forms.IntegerField(label=_("基本满意"), min_value=0, max_value=1_000_000)
    dissatisfied = forms.IntegerField(label=_("不满意"), min_value=0, max_value=1_000_000)
