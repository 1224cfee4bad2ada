"""The 进驻公告 form of the office: it parses input; ``rounds.services.notices`` judges it
(one village on one notice, the cut-off not before the start, the defaults)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField
from inspection.permissions import visible
from rounds.forms import note_field
from rounds.models import Assignment, EntryNoticeAssignment


class AssignmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.town.name}{obj.target_name}"


class EntryNoticeForm(forms.Form):
    assignments = AssignmentChoiceField(
        label=_("公告覆盖的巡察对象"),
        queryset=Assignment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("一个村（社区）一份，或一个乡镇的几个村一份；每个村各有一个码上巡二维码。"),
    )
    duty_phone = forms.CharField(label=_("值班电话"), max_length=50)
    mailbox = forms.EmailField(label=_("举报邮箱"), max_length=100, required=False)
    letterbox = forms.CharField(label=_("意见箱（信箱）位置"), max_length=200, required=False)
    accepted_scope = forms.CharField(
        label=_("受理范围"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    period_from = DayField(
        label=_("巡察起始日期"), required=False, help_text=_("不填则取所选巡察对象的进驻日期。")
    )
    period_until = DayField(
        label=_("巡察结束日期"), required=False, help_text=_("不填则取所选巡察对象的撤离日期。")
    )
    cutoff_on = DayField(
        label=_("受理截止日期"),
        required=False,
        help_text=_("此后码上巡不再受理；不填则为巡察结束日期。"),
    )
    note = note_field()

    def __init__(self, *args, actor, inspection_round, notice=None, **kwargs):
        if notice is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "assignments": list(notice.assignments.values_list("pk", flat=True)),
                **{field: getattr(notice, field) for field in self.notice_fields()},
            }
        kwargs.setdefault("initial", {}).setdefault(
            "accepted_scope", settings.INSPECTION_PUBLIC_ACCEPTED_SCOPE
        )
        super().__init__(*args, **kwargs)
        taken = EntryNoticeAssignment.objects.all()
        if notice is not None:
            taken = taken.exclude(notice=notice)
        self.fields["assignments"].queryset = (
            visible(Assignment, actor)
            .filter(round=inspection_round)
            .exclude(pk__in=taken.values("assignment_id"))
            .select_related("town", "village")
            .order_by("town__code", "village__code")
        )

    @staticmethod
    def notice_fields() -> tuple[str, ...]:
        return (
            "duty_phone",
            "mailbox",
            "letterbox",
            "accepted_scope",
            "period_from",
            "period_until",
            "cutoff_on",
        )

    def notice_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.notice_fields()}

    def assignment_ids(self) -> list[int]:
        return [assignment.pk for assignment in self.cleaned_data["assignments"]]
