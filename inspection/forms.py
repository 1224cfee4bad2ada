"""Forms of the shared screens."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspection.village_import import MAX_BYTES, MAX_ROWS


class VillageImportUploadForm(forms.Form):
    """The registry file to check; nothing is written until the user confirms."""

    file = forms.FileField(
        label=_("名册文件"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={
            "required": _("请选择要导入的名册文件。"),
            "empty": _("文件是空的。"),
            "invalid": _("没有收到文件，请重新选择。"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "支持 .xlsx 和 .csv（UTF-8 或 GBK 编码），最多%(rows)d行、%(mb)d MB。"
        ) % {"rows": MAX_ROWS, "mb": MAX_BYTES // (1024 * 1024)}
