"""The forms of 统计报送: upload a template, create a table, review it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.permissions import visible
from reports.upward.models import StatisticsTemplate


class TemplateUploadForm(forms.Form):
    name = forms.CharField(label=_("模板名称"), max_length=100)
    file = forms.FileField(
        label=_("模板文件（.xlsx）"),
        help_text=_("含名为「映射」的工作表（工作表、单元格、指标、分组），或为单元格定义名称。"),
    )


class ReportCreateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("报送模板"), queryset=StatisticsTemplate.objects.none()
    )
    period = forms.CharField(
        label=_("报送期间"),
        max_length=20,
        help_text=_("月如2026-09，季如2026Q3，半年如2026H1，年如2026，轮次如R12（轮次编号）。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = visible(StatisticsTemplate, user)


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
