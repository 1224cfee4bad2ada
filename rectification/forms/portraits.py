"""The form of a village's 自画像 or the town's 预画像: one text area per fixed section."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rounds.choices import PORTRAIT_SECTIONS, PortraitKind
from rounds.services.portraits import SECTION_MAX_LENGTH


class PortraitForm(forms.Form):
    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading in PORTRAIT_SECTIONS[PortraitKind(kind)]:
            self.fields[key] = forms.CharField(
                label=heading,
                required=False,
                max_length=SECTION_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.fields["submit"] = forms.BooleanField(
            label=_("提交（提交后不能再修改）"), required=False
        )

    def sections(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if key != "submit"}
