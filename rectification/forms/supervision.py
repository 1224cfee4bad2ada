"""Forms of supervision: issue a 督办函 / 提示函, sign for it, reply; record a 联合督查."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField, EvidenceField
from rectification.forms.fields import text_field
from rectification.supervision_choices import LetterKind

FINDING_ROWS = 5


class LetterIssueForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("函件类型"),
        choices=LetterKind.choices,
        initial=LetterKind.SUPERVISE,
        widget=forms.RadioSelect,
        help_text=_("督办函只能涵盖已逾期（红色）的条目；提示函可涵盖黄色或红色条目。"),
    )
    items = forms.TypedMultipleChoiceField(
        label=_("督办事项"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请选择函件涵盖的台账条目（至少一条）。")},
    )
    requirements = text_field(_("督办要求"), help_text=_("不填则使用函件的默认要求。"))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(item.pk, item.choice_label) for item in items]


class LetterSignForm(forms.Form):
    signed_on = DayField(_("签收日期"), initial=timezone.localdate)


class LetterReplyForm(forms.Form):
    text = text_field(
        _("回复内容"),
        required=True,
        rows=5,
        error_messages={"required": _("请填写回复内容。")},
    )
    reply_file = EvidenceField(
        label=_("回复文件"),
        required=True,
        help_text=_("盖章的书面回复（PDF或照片）。"),
        error_messages={"required": _("请上传盖章的回复文件。")},
    )


class JointInspectionForm(forms.Form):
    inspected_on = DayField(_("督查日期"), initial=timezone.localdate)
    office_members = forms.CharField(label=_("巡察办人员"), max_length=200, required=False)
    commission_members = forms.CharField(label=_("纪委监委人员"), max_length=200, required=False)
    organisation_members = forms.CharField(label=_("组织部人员"), max_length=200, required=False)
    villages = forms.TypedMultipleChoiceField(
        label=_("督查村(社区)"),
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"required": _("请选择督查的村(社区)（至少一个）。")},
    )
    summary = text_field(_("督查情况"), rows=4)

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].choices = [
            (village.pk, f"{village.town.name} · {village.name}") for village in villages
        ]
        for n in range(1, FINDING_ROWS + 1):
            self.fields[f"finding_{n}"] = forms.CharField(
                label=_("督查发现%(n)s") % {"n": n}, required=False, max_length=2000
            )
            self.fields[f"finding_{n}_item"] = forms.IntegerField(
                label=_("关联台账条目编号"),
                required=False,
                min_value=1,
                help_text=_("整改台账中的条目编号（#后的数字），可不填。"),
            )

    def findings(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"text": data[f"finding_{n}"], "item_id": data[f"finding_{n}_item"]}
            for n in range(1, FINDING_ROWS + 1)
        ]

    def finding_rows(self):
        return [
            (self[f"finding_{n}"], self[f"finding_{n}_item"]) for n in range(1, FINDING_ROWS + 1)
        ]
