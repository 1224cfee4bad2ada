"""The forms of the 交办事项 and 专题报告 / 巡察建议书 screens: types only; the services
(findings.services.matters) decide, and ``inspection.web.perform`` puts their refusal
next to the field it names (the field names are the services' keyword arguments)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from findings.choices import ThematicReportKind
from findings.forms import chosen, required
from inspection.forms import DayField, today_field


def _text(label, max_length, *, is_required=True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=is_required,
        help_text=help_text,
        error_messages={
            **required(label),
            "max_length": format_lazy(
                _("{label}不能超过{limit}个字。"), label=label, limit=max_length
            ),
        },
    )


def _area(label, *, is_required=True):
    return forms.CharField(
        label=label,
        required=is_required,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required(label),
    )


class _ProblemsForm(forms.Form):
    """The round's problems to pick from (``problems``: a queryset), optional."""

    def __init__(self, *args, problems=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (p.pk, f"#{p.pk} {p.number or ''} {p.title or p.facts[:30]}") for p in problems or ()
        ]
        self.fields["problem_ids"].choices = choices

    problem_ids = forms.TypedMultipleChoiceField(
        label=_("相关问题"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=chosen(_("相关问题")),
    )


class DepartmentMatterForm(_ProblemsForm):
    department = _text(_("承办部门"), 100, help_text=_("如：县民政局。"))
    letter_number = _text(_("交办函号"), 50, is_required=False)
    summary = _area(_("交办事项"))
    handed_on = today_field(_("交办日期"))
    reply_due_on = DayField(
        _("回复期限"), required=False, help_text=_("不填则按交办日期后的默认天数。")
    )
    field_order = ("department", "letter_number", "summary", "handed_on", "reply_due_on")


class MatterReplyForm(forms.Form):
    replied_on = today_field(_("回复日期"))
    reply = _area(_("回复情况"))
    reply_file = forms.FileField(label=_("回复材料"), required=False)


class ThematicReportForm(_ProblemsForm):
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=[("", _("请选择")), *ThematicReportKind.choices],
        error_messages=chosen(_("类别")),
    )
    title = _text(_("标题"), 100)
    addressee = _text(
        _("主送单位"), 100, is_required=False, help_text=_("巡察建议书必填：送达的职能部门。")
    )
    body = _area(_("主要内容"), is_required=False)
    issued_on = today_field(_("印发日期"))
    reply_due_on = DayField(
        _("回复期限"), required=False, help_text=_("仅巡察建议书；不填则按默认天数。")
    )
    field_order = ("kind", "title", "addressee", "body", "issued_on", "reply_due_on")


class ThematicReplyForm(forms.Form):
    replied_on = today_field(_("回复日期"))
    reply = _area(_("回复情况"))
