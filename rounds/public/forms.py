"""The 码上巡 form: what the page asks; the service checks it again and decides."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


class PublicReportForm(forms.Form):
    ANONYMOUS, NAMED = "anonymous", "named"

    mode = forms.ChoiceField(
        error_messages={"required": _("请选择匿名反映或实名反映。")},
        label=_("反映方式"),
        choices=[(ANONYMOUS, _("匿名反映")), (NAMED, _("实名反映"))],
        initial=ANONYMOUS,
        widget=forms.RadioSelect,
    )
    reporter_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    reporter_phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    content = forms.CharField(
        label=_("反映的问题"),
        widget=forms.Textarea(
            attrs={"rows": 8, "maxlength": settings.INSPECTION_PUBLIC_TEXT_MAX_CHARS}
        ),
        help_text=_("请写明涉及的人和事、时间、地点等，便于巡察组核实。"),
        error_messages={"required": _("请填写反映的问题。")},
    )
    photos = MultiplePhotoField(
        label=_("照片（可不传）"),
        required=False,
        help_text=_("最多%(count)s张，JPG、PNG或WebP格式。")
        % {"count": settings.INSPECTION_PUBLIC_MAX_PHOTOS},
    )

    @property
    def is_anonymous(self) -> bool:
        return self.cleaned_data.get("mode") != self.NAMED
