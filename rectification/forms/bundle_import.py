"""The upload of a team's bundle (单机版回传包) on the office's import page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BundleUploadForm(forms.Form):
    """The bundle to check; nothing is written until the office confirms."""

    file = forms.FileField(
        label=_("回传包文件"),
        error_messages={
            "required": _("请选择巡察组交回的回传包文件。"),
            "empty": _("文件是空的。"),
            "invalid": _("没有收到文件，请重新选择。"),
        },
    )
