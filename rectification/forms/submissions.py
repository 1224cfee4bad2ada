"""The forms of the unit's 整改方案 and reports: upload a version; review one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.evidence import EVIDENCE_ACCEPT
from rectification.choices import FeedbackDocument, ReviewDecision
from rectification.forms.fields import text_field


class SubmissionUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("报送事项"), choices=FeedbackDocument.choices, widget=forms.HiddenInput
    )
    file = forms.FileField(
        label=_("文件"),
        help_text=_("盖章扫描件（PDF）或Word文档。"),
        error_messages={"required": _("请选择要上传的文件。")},
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )
    note = text_field(_("报送说明"), rows=2)


class SubmissionReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核意见"),
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择通过或退回。")},
    )
    reason = text_field(_("意见或退回理由"), rows=2, help_text=_("退回时必填，报送单位会看到。"))
