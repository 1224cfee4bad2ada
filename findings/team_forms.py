"""The team's short forms, used on a phone in the village office.

They parse types only (a choice, a time, a count, a sum, the files); every business rule
stays in the service, whose refusal ``inspection.web.perform`` puts next to the field it
names, so each field is named after the service's keyword argument. Inputs are the ones a
phone shows the right keyboard for (``inputmode``, ``type``).

Each form carries a ``submission`` token: a form sent again after a dropped connection
(``static/js/drafts.js``) is recognised and not recorded twice (``inspection.once``: the
service stores the token on the record, under a unique constraint). A form without one
(an old page, a crafted post) is refused.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from findings.choices import ProblemSource, Severity, SubjectPost
from findings.services.problems import LINKS
from findings.taxonomy_fields import ProblemClassField, nature_field
from inspection.forms import EARLIEST_YEAR, EvidenceField, OnceForm, today_field
from rounds.choices import ActivityKind, IntervieweeCategory, PetitionChannel

MAX_COUNT = 2**31 - 1  # a PositiveIntegerField on PostgreSQL
MINUTE_FORMAT = "%Y-%m-%dT%H:%M"


def required(label):
    return {"required": format_lazy(_("请填写{label}。"), label=label)}


def chosen(label):
    return {
        "required": format_lazy(_("请选择{label}。"), label=label),
        "invalid_choice": format_lazy(_("所选{label}不是有效的选项。"), label=label),
    }


def now_to_the_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


def text_field(label, *, max_length=None, required_=True, rows=None, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    messages = required(label) if required_ else {}
    if max_length:
        messages["max_length"] = format_lazy(
            _("{label}不能超过{n}个字。"), label=label, n=max_length
        )
    return forms.CharField(
        label=label,
        required=required_,
        max_length=max_length,
        widget=widget,
        help_text=help_text,
        error_messages=messages,
    )


def choice_field(label, choices, *, buttons=False, initial=None, required_=True):
    if buttons:
        widget = forms.RadioSelect(attrs={"class": "choice"})
        options = list(choices)
    else:
        widget = forms.Select()
        options = [("", _("请选择")), *choices]
    return forms.ChoiceField(
        label=label,
        choices=options,
        widget=widget,
        initial=initial,
        required=required_,
        error_messages=chosen(label),
    )


def count_field(label, *, help_text=""):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_COUNT,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
        error_messages={
            "invalid": format_lazy(_("{label}必须是整数。"), label=label),
            "min_value": format_lazy(_("{label}不能为负数。"), label=label),
            "max_value": format_lazy(_("{label}过大。"), label=label),
        },
    )


class MomentField(forms.DateTimeField):
    """A date and time to the minute, as a phone's date-and-time picker sends it."""

    input_formats = [MINUTE_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]

    def __init__(self, label, **kwargs):
        super().__init__(
            label=label,
            initial=now_to_the_minute,
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MINUTE_FORMAT),
            error_messages={
                **required(label),
                "invalid": _("请输入有效的日期和时间，如 2026-05-01 09:30。"),
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str) and value[:4].isdigit() and int(value[:4]) < EARLIEST_YEAR:
            raise ValidationError(_("时间不能早于1900年。"), code="invalid")
        return super().to_python(value)


# ---------------------------------------------------------------------------- on site


class InterviewForm(OnceForm):
    interviewee_category = choice_field(
        _("谈话对象类别"), IntervieweeCategory.choices, buttons=True
    )
    interviewee_name = text_field(_("谈话对象姓名"), max_length=50)
    held_at = MomentField(_("谈话时间"))
    record = text_field(_("谈话摘要"), required_=False, rows=3)
    problems_raised = text_field(_("反映的问题"), required_=False, rows=2)
    interviewers = forms.TypedMultipleChoiceField(
        label=_("谈话人（至少两人）"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={**required(_("谈话人")), "invalid_choice": _("所选谈话人不在本组。")},
    )
    recorder = forms.TypedChoiceField(
        label=_("记录人"),
        coerce=int,
        error_messages={**required(_("记录人")), "invalid_choice": _("所选记录人不在本组。")},
    )

    def __init__(self, *args, team_members=(), **kwargs):
        """``team_members``: (user id, name) of the team, the choices of both people fields."""
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].choices = list(team_members)
        self.fields["recorder"].choices = list(team_members)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["submission_token"] = data.pop("submission")
        data["interviewer_ids"] = data.pop("interviewers")
        data["recorder_id"] = data.pop("recorder")
        return data


class ActivityForm(OnceForm):
    kind = choice_field(_("活动类型"), ActivityKind.choices)
    held_on = today_field(_("活动日期"))
    topic = text_field(_("主题/内容"), max_length=200, required_=False)
    people_reached = count_field(_("涉及人数"))
    households = count_field(_("走访户数"), help_text=_("走访、走访脱贫户/困难户、驻村夜访填写。"))
    questionnaires_distributed = count_field(_("问卷发放份数"), help_text=_("仅调查问卷填写。"))
    questionnaires_returned = count_field(_("问卷回收份数"), help_text=_("仅调查问卷填写。"))
    note = text_field(_("情况记录"), required_=False, rows=3)

    COUNTS = (
        "people_reached",
        "households",
        "questionnaires_distributed",
        "questionnaires_returned",
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["submission_token"] = data.pop("submission")
        for name in self.COUNTS:
            data[name] = data[name] or 0
        return data


class PetitionForm(OnceForm):
    channel = choice_field(_("渠道"), PetitionChannel.choices, buttons=True)
    received_at = MomentField(_("受理时间"))
    is_anonymous = forms.BooleanField(label=_("匿名举报"), required=False)
    reporter_name = text_field(_("反映人姓名"), max_length=50, required_=False)
    reporter_contact = forms.CharField(
        label=_("反映人联系方式"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
        error_messages={"max_length": _("反映人联系方式不能超过100个字。")},
    )
    content = text_field(_("反映内容"), rows=4)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["submission_token"] = data.pop("submission")
        return data


# ---------------------------------------------------------------------------- problems


def links_field(label, message):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": message},
    )


class ProblemForm(OnceForm):
    """The 底稿: a draft may be saved incomplete; submitting it asks for the title, the
    class and nature, the time, the responsible subject and the 定性依据 (``problem_submit``)."""

    title = text_field(_("标题"), max_length=100, required_=False)
    problem_class = ProblemClassField()
    nature = nature_field()
    severity = choice_field(_("严重程度"), Severity.choices, buttons=True, initial=Severity.MINOR)
    facts = text_field(_("问题描述"), rows=4)
    source = choice_field(_("问题来源"), ProblemSource.choices)
    amount = forms.DecimalField(
        label=_("涉及金额(元)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": _("涉及金额必须是数字。"),
            "min_value": _("涉及金额不能为负数。"),
            "max_digits": _("涉及金额过大。"),
            "max_whole_digits": _("涉及金额过大。"),
            "max_decimal_places": _("涉及金额最多保留两位小数。"),
        },
    )
    supervision_item = forms.ModelChoiceField(
        label=_("监督重点"),
        queryset=None,
        required=False,
        empty_label=_("（不选）"),
        error_messages={"invalid_choice": _("所选监督重点不在本轮次的监督重点清单中。")},
    )
    fix_immediately = forms.BooleanField(label=_("立行立改"), required=False)
    is_common = forms.BooleanField(label=_("共性问题"), required=False)
    evidence = EvidenceField(label=_("照片或文件"), camera=True)
    occurred_period = text_field(
        _("问题发生时间"), max_length=50, required_=False, help_text=_("如：2024年3月至2025年6月")
    )
    occurred_place = text_field(_("问题发生地点"), max_length=100, required_=False)
    responsible_post = text_field(
        _("责任主体"), max_length=50, required_=False, help_text=_("单位或职务，如：村党支部书记")
    )
    responsible_name = text_field(_("责任人姓名"), max_length=50, required_=False)
    basis = forms.ModelChoiceField(
        label=_("定性依据"),
        queryset=None,
        required=False,
        empty_label=_("（不选，在下面填写）"),
        error_messages={"invalid_choice": _("所选定性依据不存在或已停用。")},
    )
    basis_text = text_field(
        _("定性依据（补充）"),
        rows=2,
        required_=False,
        help_text=_("清单中没有的依据，写明制度名称和条款"),
    )
    interviews = links_field(_("来源谈话"), _("所选谈话不属于本巡察对象。"))
    activities = links_field(_("来源活动"), _("所选活动不属于本巡察对象。"))
    petitions = links_field(_("来源信访件"), _("所选信访件不属于本巡察对象。"))

    field_order = (
        "title",
        "problem_class",
        "nature",
        "severity",
        "facts",
        "evidence",
        "source",
        "interviews",
        "activities",
        "petitions",
        "occurred_period",
        "occurred_place",
        "responsible_post",
        "responsible_name",
        "basis",
        "basis_text",
        "amount",
        "supervision_item",
        "fix_immediately",
        "is_common",
    )

    def __init__(self, *args, supervision_items=None, bases=None, links=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem_class"].load_choices()
        field = self.fields["supervision_item"]
        field.queryset = supervision_items
        field.label_from_instance = lambda item: f"{item.code} {item.title}"
        self.fields["basis"].queryset = bases
        for name in LINKS:
            self.fields[name].queryset = links[name]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if "submission" in data:
            data["submission_token"] = data.pop("submission")
        item = data.pop("supervision_item")
        data["supervision_item_id"] = item.pk if item else None
        data["problem_class_id"] = data.pop("problem_class")
        basis = data.pop("basis")
        data["basis_id"] = basis.pk if basis else None
        for name, argument in LINKS.items():
            data[argument] = [record.pk for record in data.pop(name)]
        data["amount"] = data["amount"] or 0
        return data


class ProblemEditForm(ProblemForm):
    """A draft changed (after a return, say): no token, a change is the same sent twice;
    files are added on the record form only."""

    submission = None
    evidence = None


class ReturnForm(forms.Form):
    reason = text_field(_("退回理由"), rows=3, max_length=500)


class ClueProposeForm(OnceForm):
    """A clue from problems (and petitions) of the assignment, about one person."""

    summary = text_field(_("线索摘要"), rows=4)
    subject_name = text_field(_("被反映人姓名"), max_length=50)
    subject_post = choice_field(_("被反映人职务"), SubjectPost.choices)
    subject_unit = text_field(_("被反映人单位"), max_length=100, required_=False)
    amount = ProblemForm.base_fields["amount"]
    problem_ids = forms.ModelMultipleChoiceField(
        label=_("来源问题"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("所选问题不属于本巡察对象或已反馈。")},
    )
    petition_ids = forms.ModelMultipleChoiceField(
        label=_("来源信访件"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("所选信访件不属于本巡察对象。")},
    )

    field_order = (
        "problem_ids",
        "petition_ids",
        "summary",
        "subject_name",
        "subject_post",
        "subject_unit",
        "amount",
    )

    def __init__(self, *args, problems=None, petitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem_ids"].queryset = problems
        self.fields["problem_ids"].label_from_instance = str
        self.fields["petition_ids"].queryset = petitions
        self.fields["petition_ids"].label_from_instance = lambda petition: (
            f"{petition.get_channel_display()} · {timezone.localtime(petition.received_at):%m-%d}"
            f" · {petition.content[:30]}"
        )
        if not petitions.exists():
            del self.fields["petition_ids"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "summary": data["summary"],
            "subjects": [
                {
                    "name": data["subject_name"],
                    "post": data["subject_post"],
                    "unit": data["subject_unit"],
                }
            ],
            "problem_ids": [problem.pk for problem in data["problem_ids"]],
            "petition_ids": [petition.pk for petition in data.get("petition_ids") or ()],
            "amount": data["amount"] or 0,
            "submission_token": data["submission"],
        }


# ------------------------------------------------------------------- petition → problem


class PetitionProblemForm(forms.Form):
    """转为问题: the leader reads the draft facts (the reporter masked out), corrects them and
    confirms; the service refuses facts that still name or reach the reporter."""

    use_required_attribute = False

    problem_class = ProblemClassField()
    nature = nature_field()
    facts = text_field(
        _("问题描述"),
        rows=6,
        help_text=_(
            "已按反映内容生成草稿，并隐去了反映人的姓名、联系方式和身份证号。问题反馈后"
            "被巡察单位可以看到问题描述，请核对：不得含有能识别或联系反映人的内容。"
        ),
    )
    amount = ProblemForm.base_fields["amount"]
    assignment = forms.ModelChoiceField(
        label=_("涉及巡察对象"),
        queryset=None,
        required=False,
        empty_label=_("请选择"),
        error_messages={"invalid_choice": _("所选巡察对象不属于本轮次或不在您的范围内。")},
    )
    note = text_field(_("处置说明"), required_=False, rows=2)

    def __init__(self, *args, assignments=None, **kwargs):
        """``assignments``: those the leader may put the problem on, for a petition about no
        village yet; None when the petition names its village (no choice then)."""
        super().__init__(*args, **kwargs)
        self.fields["problem_class"].load_choices()
        if assignments is None:
            del self.fields["assignment"]
        else:
            self.fields["assignment"].queryset = assignments

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        assignment = data.pop("assignment", None)
        data["assignment_id"] = assignment.pk if assignment is not None else None
        data["problem_class_id"] = data.pop("problem_class")
        data["amount"] = data["amount"] or 0
        return data
