"""Form fields the rectification forms share: long texts and notes (dates and evidence
files: ``inspection.forms``)."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
