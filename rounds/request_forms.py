"""Forms of the work before a round: a 函调 drafted, sent and replied to; a village's
个性监督清单 or 谈话提纲 as the team edits it (one box per section, one line a point)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.forms import DayField, EvidenceField

SECTION_TITLE_MAX = 100


def _villages_field(label, help_text=""):
    return forms.TypedMultipleChoiceField(
        label=label,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"required": _("请选择村(社区)（至少一个）。")},
    )


def _village_choices(villages) -> list[tuple[int, str]]:
    return [(village.pk, f"{village.town.name} · {village.name}") for village in villages]


class DataRequestForm(forms.Form):
    body = forms.TypedChoiceField(
        label=_("函调单位"), coerce=int, error_messages={"required": _("请选择函调单位。")}
    )
    villages = _villages_field(_("函调村(社区)"), _("默认为本轮次全部巡察村(社区)。"))
    asked = forms.CharField(
        label=_("函调内容"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("不填则使用该单位的通常函调内容。"),
    )

    def __init__(self, *args, bodies=(), villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "—")] + [(body.pk, body.name) for body in bodies]
        self.fields["villages"].choices = _village_choices(villages)
        self.fields["villages"].initial = [village.pk for village in villages]


class DataRequestEditForm(forms.Form):
    """A draft corrected before it is sent."""

    villages = _villages_field(_("函调村(社区)"))
    asked = forms.CharField(
        label=_("函调内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写函调内容。")},
    )

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].choices = _village_choices(villages)


class DataRequestSendForm(forms.Form):
    sent_on = DayField(_("发函日期"), initial=timezone.localdate)
    due_on = DayField(_("回复时限"), required=False, help_text=_("不填则按该单位的回复期限计算。"))


class DataRequestReplyForm(forms.Form):
    file = EvidenceField(
        label=_("回复文件"),
        required=True,
        help_text=_("来函单位的书面回复（PDF、照片或Word）。"),
        error_messages={"required": _("请上传回复文件。")},
    )
    received_on = DayField(_("收到日期"), initial=timezone.localdate)
    summary = forms.CharField(
        label=_("回复摘要"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("写明反映的主要问题，将列入相关村的个性监督清单。"),
        error_messages={"required": _("请填写回复摘要。")},
    )
    villages = _villages_field(_("涉及村(社区)"))

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].choices = _village_choices(villages)

    def clean_file(self):
        files = self.cleaned_data["file"]
        if len(files) > 1:
            raise forms.ValidationError(_("一份回复只上传一个文件；多份回复请分别登记。"))
        return files


class BriefForm(forms.Form):
    """One title and one box of lines per section, and a blank section to add one."""

    note = forms.CharField(label=_("修改说明"), required=False, max_length=100)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.count = len(sections) + 1
        for index in range(self.count):
            section = sections[index] if index < len(sections) else {"title": "", "lines": []}
            self.fields[f"title_{index}"] = forms.CharField(
                label=_("标题"),
                required=False,
                max_length=SECTION_TITLE_MAX,
                initial=section["title"],
            )
            self.fields[f"lines_{index}"] = forms.CharField(
                label=_("条目（每行一条，可增删、调整顺序）"),
                required=False,
                widget=forms.Textarea(attrs={"rows": max(4, 2 * len(section["lines"]) + 1)}),
                initial="\n".join(section["lines"]),
            )

    def rows(self):
        """(title field, lines field) per section, for the template."""
        return [(self[f"title_{i}"], self[f"lines_{i}"]) for i in range(self.count)]

    def sections(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"title": data[f"title_{i}"], "lines": data[f"lines_{i}"].splitlines()}
            for i in range(self.count)
        ]
