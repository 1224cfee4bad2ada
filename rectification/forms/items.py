"""The forms of a ledger item's actions: the plan, progress, asking to close, reopening
(提请问责: rectification.forms.accountability). Each parses types; the service called
with its data checks the rules."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField, EvidenceField
from rectification.choices import RectificationMode, ResponsibleUnitKind
from rectification.forms.fields import note_field, text_field


class ItemPlanForm(forms.Form):
    """整改方案. A long-term item's milestones are typed one a line: "2026-06-30 阶段目标"."""

    mode = forms.ChoiceField(label=_("整改方式"), choices=RectificationMode.choices)
    measures = text_field(_("整改措施"), rows=4)
    target = text_field(_("整改目标"))
    responsible_unit_kind = forms.ChoiceField(
        label=_("责任单位类型"), choices=ResponsibleUnitKind.choices
    )
    responsible_unit = forms.CharField(label=_("责任单位"), max_length=100)
    responsible_person = forms.CharField(label=_("责任人"), max_length=50, required=False)
    supervising_leader = forms.CharField(label=_("责任领导"), max_length=50, required=False)
    deadline = DayField(
        _("整改时限"),
        help_text=_("长期整改的整改时限由最后一个阶段目标的完成时限决定，此处不必填写。"),
        required=False,
    )
    milestones = text_field(
        _("阶段目标"),
        rows=4,
        help_text=_("仅长期整改填写。每行一个：完成时限 阶段目标，如 2026-06-30 完成合同清理。"),
    )
    note = note_field()

    @classmethod
    def initial_of(cls, item, milestones) -> dict:
        return {
            "mode": item.mode,
            "measures": item.measures,
            "target": item.target,
            "responsible_unit_kind": item.responsible_unit_kind,
            "responsible_unit": item.responsible_unit,
            "responsible_person": item.responsible_person,
            "supervising_leader": item.supervising_leader,
            "deadline": item.deadline,
            "milestones": "\n".join(f"{m.due_on:%Y-%m-%d} {m.title}" for m in milestones),
        }

    def clean_milestones(self) -> list[tuple[str, datetime.date]]:
        rows = []
        lines = self.cleaned_data["milestones"].splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            day, _space, title = line.strip().partition(" ")
            try:
                due_on = datetime.date.fromisoformat(day)
            except ValueError:
                raise forms.ValidationError(
                    _("第%(n)d行：请按“完成时限 阶段目标”填写，如 2026-06-30 完成合同清理。"),
                    params={"n": number},
                ) from None
            if not title.strip():
                raise forms.ValidationError(
                    _("第%(n)d行：请填写阶段目标的内容。"), params={"n": number}
                )
            rows.append((title.strip(), due_on))
        return rows

    def service_input(self) -> dict:
        """The keyword arguments of ``item_update_plan`` (besides actor and item)."""
        data = dict(self.cleaned_data)
        long_term = data["mode"] == RectificationMode.LONG_TERM
        milestones = data.pop("milestones")
        # A long-term item's deadline follows its milestones; others keep theirs if empty.
        data["deadline"] = None if long_term else data["deadline"]
        data["milestones"] = milestones if (long_term or milestones) else None
        return data


class ProgressForm(forms.Form):
    """整改进展: what was done, how far (percent), evidence files."""

    text = text_field(
        _("进展情况"), required=True, rows=4, error_messages={"required": _("请填写整改进展情况。")}
    )
    percent = forms.IntegerField(
        label=_("完成进度(%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": _("请填写完成进度。"),
            "invalid": _("完成进度须为0到100之间的整数。"),
        },
    )
    evidence = EvidenceField(help_text=_("可选择多个文件（照片、会议记录、台账等）。"))
    note = note_field()


class SubmitForm(forms.Form):
    """申请销号: the unit asks the office to verify and close the item."""

    note = note_field(help_text=_("可简要说明整改完成情况，写入变更记录。"))


class ReopenForm(forms.Form):
    """反弹回潮: a look-back round of the item's round found the problem back."""

    look_back_round = forms.ModelChoiceField(
        label=_("回头看轮次"),
        queryset=None,
        error_messages={"required": _("请选择发现反弹回潮的回头看轮次。")},
    )
    reason = text_field(
        _("反弹回潮的情况"),
        required=True,
        error_messages={"required": _("重新打开须说明理由（反弹回潮的情况）。")},
    )
    deadline = DayField(
        _("新的整改时限"), required=False, help_text=_("不填则沿用原整改时限（通常已逾期）。")
    )

    def __init__(self, *args, look_back_rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["look_back_round"].queryset = look_back_rounds
