"""The form that records a decision on a 巡察报告 (one stage at a time)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.choices import REPORT_STAGES_OF_A_BODY, DecisionOutcome
from findings.services.reports import OUTCOMES_OF_STAGE
from inspection.forms import today_field


class ReportDecisionForm(forms.Form):
    """The decision of ``stage``; the minutes are asked for a body's stage (a leadership
    account may leave them out: it signs)."""

    held_on = today_field(
        _("会议日期"), help_text=_("不能早于巡察组撤离和上一次审议，不能晚于今天。")
    )
    outcome = forms.ChoiceField(label=_("结论"))
    opinion = forms.CharField(
        label=_("意见内容"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("修改意见、组办会商意见和书记专题会主要意见须填写。"),
    )
    minutes = forms.FileField(
        label=_("会议纪要或签批件"),
        required=False,
        help_text=_(
            "领导小组审议和书记专题会听取：巡察办登记时须上传；领导小组成员本人登记即为签批。"
        ),
    )

    def __init__(self, stage, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.fields["outcome"].choices = [
            (value, DecisionOutcome(value).label) for value in OUTCOMES_OF_STAGE[stage]
        ]
        if stage not in REPORT_STAGES_OF_A_BODY:
            del self.fields["minutes"]
