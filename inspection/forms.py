"""Forms of the shared screens, and the form every phone page sends once (``OnceForm``)."""

import uuid

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspection.once import TOKEN_MAX_LENGTH
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


SUBMISSION_REFUSED = _("这张表单缺少有效的提交标识（页面可能已过期），请重新载入本页后再提交。")


class OnceForm(forms.Form):
    """A form sent at most once: the service stores its token on the record it creates.

    The token is the page's own (a random one per page served); a short or empty one
    could be another user's, so the form asks for one a page would have served.
    """

    submission = forms.RegexField(
        label=_("提交标识"),
        regex=rf"\A[0-9A-Za-z_-]{{16,{TOKEN_MAX_LENGTH}}}\Z",
        widget=forms.HiddenInput,
        initial=lambda: uuid.uuid4().hex,
        error_messages={"required": SUBMISSION_REFUSED, "invalid": SUBMISSION_REFUSED},
    )
    use_required_attribute = False  # the server answers in Chinese, next to the field

    @property
    def submission_token(self) -> str:
        return self.cleaned_data["submission"]
