"""The forms of the findings screens: one per action on a clue, and the bulk actions.

They parse types only (a date, a count, a sum, a choice); every business rule stays in the
service, whose refusal ``inspection.web.perform`` puts next to the field it names. So the
field names are the service's keyword arguments (``method``, not ``disposition_method``).
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from findings.choices import (
    ADMONITION_CHOICES,
    CLUE_RECEIVING_BODY_CHOICES,
    ClueOutcome,
    DispositionMethod,
    GovernmentSanction,
    OrganisationalMeasure,
    PartySanction,
)
from findings.services.clues_bulk import BULK_MAX
from inspection.api.fields import ID_MAX as MAX_ID
from inspection.choices import ReceivingBody
from inspection.forms import today_field


def required(label):
    return {"required": format_lazy(_("请填写{label}。"), label=label)}


def chosen(label):
    return {
        "required": format_lazy(_("请选择{label}。"), label=label),
        "invalid_choice": format_lazy(_("所选{label}不是有效的选项。"), label=label),
    }


class NoteForm(forms.Form):
    """An action that takes nothing but an optional note (审批, 接收)."""

    note = forms.CharField(
        label=_("办理说明"),
        required=False,
        max_length=100,
        help_text=_("可选，记入办理记录。"),
        widget=forms.TextInput(),
        error_messages={"max_length": _("办理说明不能超过100个字。")},
    )


class ClueDeclineForm(NoteForm):
    reason = forms.CharField(
        label=_("不予移交理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required(_("不予移交理由")),
    )
    field_order = ("reason", "note")


CLUE_BODY_CHOICES = [("", _("请选择")), *CLUE_RECEIVING_BODY_CHOICES]


def body_field(**kwargs):
    return forms.ChoiceField(
        label=_("受理机关"),
        choices=CLUE_BODY_CHOICES,
        initial=ReceivingBody.COMMISSION,
        error_messages=chosen(_("受理机关")),
        **kwargs,
    )


class ClueReviewForm(NoteForm):
    receiving_body = body_field(
        help_text=_(
            "按干部管理权限：涉嫌违纪违法的移交纪委监委；镇干部的选人用人、作风等问题移交组织部。"
        )
    )
    opinion = forms.CharField(
        label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ("receiving_body", "opinion", "note")


class ClueSignOffForm(NoteForm):
    signed_off_on = today_field(_("签批日期"))
    opinion = forms.CharField(
        label=_("领导小组意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    sign_off_form = forms.FileField(
        label=_("签批的移交审批表"),
        required=False,
        help_text=_(
            "巡察办登记时必须上传领导小组签批的审批表扫描件；领导小组成员本人签批时可不上传。"
        ),
    )
    field_order = ("signed_off_on", "opinion", "sign_off_form", "note")


class TransferLetterForm(NoteForm):
    receiving_body = body_field()
    receiving_unit = forms.CharField(
        label=_("受理单位名称"),
        required=False,
        max_length=100,
        help_text=_("如：县纪委监委第一纪检监察室。"),
        error_messages={"max_length": _("受理单位名称不能超过100个字。")},
    )
    sent_on = today_field(_("移交日期"))
    material = forms.CharField(
        label=_("移交材料"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项，如：问题线索移交审批表、谈话记录复印件3份。"),
    )
    field_order = ("receiving_body", "receiving_unit", "sent_on", "material", "note")


class ClueReceiveForm(NoteForm):
    pass


class ClueDisposeForm(NoteForm):
    method = forms.ChoiceField(
        label=_("处置方式"),
        choices=[("", _("请选择")), *DispositionMethod.choices],
        help_text=_("四种方式之一：谈话函询、初步核实、暂存待查、予以了结。"),
        error_messages=chosen(_("处置方式")),
    )
    disposed_on = today_field(_("处置日期"), help_text=_("不能早于移交日期，不能晚于今天。"))
    field_order = ("method", "disposed_on", "note")


# The measures of one person concerned on the conclusion form: (key, label, choices or
# None for a yes/no box). The keys are the service's (``clue_outcomes.OUTCOME_KEYS``).
PERSON_MEASURES = (
    ("case_filed", _("立案"), None),
    ("party_sanction", _("党纪处分"), PartySanction.choices),
    ("government_sanction", _("政务处分"), GovernmentSanction.choices),
    ("organisational", _("组织处理"), OrganisationalMeasure.choices),
    ("admonition", _("诫勉/批评教育"), ADMONITION_CHOICES),
    ("to_judiciary", _("移送司法"), None),
)


def _measure_field(label, choices):
    if choices is None:
        return forms.BooleanField(label=label, required=False)
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("无")), *choices],
        error_messages={
            "invalid_choice": format_lazy(_("所选{label}不是有效的选项。"), label=label)
        },
    )


class ClueConcludeForm(NoteForm):
    """办结: the outcome, then each person concerned's outcome (one row of measures a
    person, ``subjects`` as the user reads them), the funds recovered and the note. The
    service derives the counts and checks that it all agrees."""

    has_persons = True
    outcome = forms.ChoiceField(
        label=_("办结结果"),
        choices=[("", _("请选择")), *ClueOutcome.choices],
        help_text=_("了结：反映问题不实或无需处理，被反映人无任何处理，无追回资金。"),
        error_messages=chosen(_("办结结果")),
    )
    concluded_on = today_field(_("办结日期"), help_text=_("不能早于处置日期，不能晚于今天。"))
    funds_recovered = forms.DecimalField(
        label=_("追回资金(元)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"min": 0, "step": "0.01"}),
        error_messages={
            "invalid": _("追回资金必须是数字。"),
            "min_value": _("追回资金不能为负数。"),
            "max_digits": _("追回资金过大。"),
            "max_whole_digits": _("追回资金过大。"),
            "max_decimal_places": _("追回资金最多保留两位小数。"),
        },
    )
    outcome_note = forms.CharField(
        label=_("办结情况"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ("outcome", "concluded_on", "funds_recovered", "outcome_note", "note")

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = list(subjects)
        for subject in self.subjects:
            for key, label, choices in PERSON_MEASURES:
                self.fields[self._name(subject, key)] = _measure_field(label, choices)

    @staticmethod
    def _name(subject, key: str) -> str:
        return f"person_{subject.id}_{key}"

    @property
    def main_fields(self) -> list:
        return [self[name] for name in self.fields if not name.startswith("person_")]

    @property
    def person_rows(self) -> list:
        """[(subject, [bound field of each measure])] for the persons' table."""
        return [
            (subject, [self[self._name(subject, key)] for key, _label, _choices in PERSON_MEASURES])
            for subject in self.subjects
        ]

    @property
    def measure_labels(self) -> list:
        return [label for _key, label, _choices in PERSON_MEASURES]

    def clean(self):
        data = super().clean()
        persons = []
        for subject in self.subjects:
            person = {"subject": subject.id}
            for key, _label, _choices in PERSON_MEASURES:
                person[key] = data.pop(self._name(subject, key), None)
            persons.append(person)
        data["persons"] = persons
        return data


# ------------------------------------------------------------------------ bulk actions


class IdListField(forms.Field):
    """The ids of the ticked rows (``<input type=checkbox name=ids>``)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("请至少勾选一条线索。"),
        "invalid": _("所选记录无效，请刷新页面后重试。"),
        "too_many": _("一次最多处理%(max)d条，请分批处理。"),
    }

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        ids = []
        for item in values:
            number = int(item) if str(item).isdigit() and len(str(item)) < 20 else 0
            if not 0 < number <= MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            ids.append(number)
        ids = list(dict.fromkeys(ids))
        if len(ids) > BULK_MAX:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": BULK_MAX}
            )
        return ids


class BulkForm(forms.Form):
    """The rows a bulk action applies to (the action itself is the button pressed)."""

    use_required_attribute = False
    ids = IdListField()
