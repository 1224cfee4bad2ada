"""Form fields the rectification forms share: evidence files, dates, long texts."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        given = data if isinstance(data, list | tuple) else [data]
        uploads = [upload for upload in given if upload]
        if not uploads and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]


def evidence_field(label=None, help_text=None, required: bool = False) -> MultipleFileField:
    return MultipleFileField(
        label=label or _("佐证材料"),
        required=required,
        help_text=help_text or _("可选择多个文件（照片、会议记录、台账等）。"),
        error_messages={"required": _("请上传佐证材料。"), "empty": _("上传的文件是空的。")},
    )


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("请填写正确的日期，如 2026-06-30。")},
    )


def text_field(label, *, required: bool = False, rows: int = 3, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def note_field(label=None, help_text=None) -> forms.CharField:
    return forms.CharField(
        label=label or _("备注"),
        required=False,
        max_length=100,
        help_text=help_text or _("写入变更记录，可不填。"),
    )
