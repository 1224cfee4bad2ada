"""The form kit every app's screens share: the renderer and its one field template, the
date and evidence fields, and the form every phone page sends once (``OnceForm``)."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspection.errors import ApplicationError
from inspection.evidence import (
    EVIDENCE_ACCEPT,
    EVIDENCE_MAX_BYTES,
    EVIDENCE_MAX_FILES,
    clean_evidence_files,
    megabytes,
)
from inspection.once import TOKEN_MAX_LENGTH
from inspection.village_import import MAX_BYTES, MAX_ROWS

EARLIEST_YEAR = 1900  # earlier is a typo, and year 1 overflows when converted to UTC


class FormRenderer(TemplatesSetting):
    """Forms render through the project's templates (``FORM_RENDERER``): every field's
    label, help and errors come from one template, ``{{ field.as_field_group }}``."""

    field_template_name = "includes/field.html"


class DayField(forms.DateField):
    """A date from the browser's date picker; one message for what is not a date, in
    every app. ``initial=timezone.localdate`` offers today."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, label, *, required=True, **kwargs):
        super().__init__(
            label=label,
            required=required,
            error_messages={
                "required": format_lazy(_("请填写{label}。"), label=label),
                "invalid": _("请输入有效的日期，如 2026-05-01。"),
            },
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and value.year < EARLIEST_YEAR:
            raise ValidationError(_("日期不能早于1900年。"), code="invalid")
        return value


def today_field(label, **kwargs) -> DayField:
    """A ``DayField`` that offers today."""
    return DayField(label, initial=timezone.localdate, **kwargs)


class EvidenceInput(forms.FileInput):
    """Evidence files, several at once, their names listed under the picker as chosen
    (static/js/drafts.js, which also refuses a file over the limit before sending).
    ``camera``: on a phone, a second button that opens the camera (``capture`` alone would
    offer only the camera, not the photos and documents already on the phone)."""

    allow_multiple_selected = True
    template_name = "includes/evidence_input.html"

    def __init__(self, attrs=None, *, camera: bool = False):
        limits = {
            "accept": EVIDENCE_ACCEPT,
            "data-max-bytes": str(EVIDENCE_MAX_BYTES),
            # The browser fills in the file's name.
            "data-too-large": format_lazy(
                _("「{name}」超过了每个文件{limit} MB的上限，请压缩或调低分辨率后重新选择。"),
                name="{name}",
                limit=megabytes(EVIDENCE_MAX_BYTES),
            ),
        }
        super().__init__({**limits, **(attrs or {})})
        self.camera = camera

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        if self.camera:
            picked = widget["attrs"]
            camera = {**picked, "accept": "image/*", "capture": "environment"}
            widget["camera"] = {**widget, "attrs": camera}
            if "id" in picked:  # the label names the camera; the other is the second way
                widget["attrs"] = {**picked, "id": f"{picked['id']}_files"}
        return context


class EvidenceField(forms.Field):
    """Evidence files checked as the services check them (``clean_evidence_files``);
    cleans to a list, empty when none was chosen."""

    def __init__(self, *, camera: bool = False, required: bool = False, **kwargs):
        kwargs.setdefault("label", _("佐证材料"))
        kwargs.setdefault(
            "help_text",
            format_lazy(
                _("每个文件不超过{limit} MB，一次最多{count}个。"),
                limit=megabytes(EVIDENCE_MAX_BYTES),
                count=EVIDENCE_MAX_FILES,
            ),
        )
        kwargs.setdefault("error_messages", {"required": _("请上传佐证材料。")})
        super().__init__(widget=EvidenceInput(camera=camera), required=required, **kwargs)

    def clean(self, value):
        files = [upload for upload in (value or []) if upload]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        try:
            return clean_evidence_files(files)
        except ApplicationError as error:
            raise ValidationError(error.message, code="invalid") from None


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


class DocumentFileForm(forms.Form):
    """A .docx: a county's own template, or an edited copy of a generated document."""

    file = forms.FileField(
        label=_("Word文档（.docx）"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
        error_messages={
            "required": _("请选择Word文档（.docx）。"),
            "empty": _("文件是空的。"),
            "invalid": _("没有收到文件，请重新选择。"),
        },
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class RosterImportUploadForm(VillageImportUploadForm):
    """The roster file (两委及村务监督委员会名册); ``dry_run`` checks it and writes nothing."""

    dry_run = forms.BooleanField(label=_("仅校验，不写入"), required=False)
